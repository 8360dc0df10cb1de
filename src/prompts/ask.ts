import { InterruptedError } from '../core/errors.js';

/**
 * The one door to the terminal prompts. Every question carries a stable `name`
 * so that tests can script answers by name and run the questionnaire without
 * a terminal; only `createTerminalAsker` touches inquirer.
 */
export interface Choice<V> {
  value: V;
  name: string;
  /** Shown under the list while the choice is focused. */
  description?: string;
  /** Shown once answered, instead of `name`. */
  short?: string;
  /** Checkbox only: ticked to begin with. */
  checked?: boolean;
}

export interface InputQuestion {
  name: string;
  message: string;
  default?: string;
  /** `true` when the answer is acceptable, otherwise the sentence to show. */
  validate?: (value: string) => true | string;
}

export interface SelectQuestion<V> {
  name: string;
  message: string;
  choices: readonly Choice<V>[];
  /** The choice focused at first (the first choice when absent). */
  default?: V;
}

export interface CheckboxQuestion<V> {
  name: string;
  message: string;
  choices: readonly Choice<V>[];
  validate?: (values: readonly V[]) => true | string;
}

export interface ConfirmQuestion {
  name: string;
  message: string;
  default?: boolean;
}

export interface Asker {
  input(q: InputQuestion): Promise<string>;
  select<V>(q: SelectQuestion<V>): Promise<V>;
  checkbox<V>(q: CheckboxQuestion<V>): Promise<V[]>;
  confirm(q: ConfirmQuestion): Promise<boolean>;
}

/** Inquirer's errors when the prompt is closed under it (Ctrl-C, a closed terminal, an abort signal). */
const PROMPT_EXIT_ERRORS = new Set(['ExitPromptError', 'AbortPromptError', 'CancelPromptError']);

export function isPromptExit(error: unknown): boolean {
  return error instanceof Error && PROMPT_EXIT_ERRORS.has(error.name);
}

const PAGE_SIZE = 8;

const ANSI = /\x1b\[[0-9;]*m/g;

/** Word-wraps each line of `text` to `width` visible columns; continuation lines keep the line's indentation. */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const indent = /^ */.exec(line)![0];
    const words = line.slice(indent.length).split(' ');
    let current = indent;
    let visible = indent.length;
    let empty = true;
    for (const word of words) {
      const w = word.replace(ANSI, '').length;
      if (!empty && visible + 1 + w > width) {
        out.push(current);
        current = indent;
        visible = indent.length;
        empty = true;
      }
      current += (empty ? '' : ' ') + word;
      visible += (empty ? 0 : 1) + w;
      empty = false;
    }
    out.push(current);
  }
  return out;
}

/**
 * The real prompts. Inquirer is imported on first use so that other
 * commands never load it. `streams` lets tests drive it through plain streams.
 */
export function createTerminalAsker(streams: { input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream } = {}): Asker {
  type Prompts = typeof import('./inquirer.js');
  let loaded: Promise<Prompts> | undefined;
  const prompts = () => (loaded ??= import('./inquirer.js'));
  const context = { ...streams, clearPromptOnDone: false };
  // Descriptions are wrapped here, at word boundaries, so the prompt does not break words at the edge.
  const columns = (streams.output as { columns?: number } | undefined)?.columns ?? process.stdout.columns ?? 80;
  const describe = (text: string | undefined) => (text ? { description: wrapText(text, Math.max(40, columns - 1)).join('\n') } : {});
  const guard = async <T>(ask: (p: Prompts) => Promise<T>): Promise<T> => {
    try {
      return await ask(await prompts());
    } catch (error) {
      if (isPromptExit(error)) throw new InterruptedError();
      throw error;
    }
  };
  return {
    input: (q) =>
      guard((p) =>
        p.input(
          {
            message: q.message,
            ...(q.default !== undefined && q.default !== '' ? { default: q.default } : {}),
            ...(q.validate ? { validate: q.validate } : {}),
          },
          context,
        ),
      ),
    select: <V>(q: SelectQuestion<V>) =>
      guard((p) =>
        p.select<V>(
          {
            message: q.message,
            choices: q.choices.map((c) => ({
              value: c.value,
              name: c.name,
              ...(c.short ? { short: c.short } : {}),
              ...describe(c.description),
            })),
            ...(q.default !== undefined ? { default: q.default } : {}),
            pageSize: PAGE_SIZE,
            loop: false,
          },
          context,
        ),
      ),
    checkbox: <V>(q: CheckboxQuestion<V>) =>
      guard((p) =>
        p.checkbox<V>(
          {
            message: q.message,
            choices: q.choices.map((c) => ({
              value: c.value,
              name: c.name,
              checked: Boolean(c.checked),
              ...(c.short ? { short: c.short } : {}),
              ...describe(c.description),
            })),
            pageSize: PAGE_SIZE,
            loop: false,
            ...(q.validate ? { validate: (items: readonly { value: V }[]) => q.validate!(items.map((i) => i.value)) } : {}),
          },
          context,
        ),
      ),
    confirm: (q) => guard((p) => p.confirm({ message: q.message, default: q.default ?? false }, context)),
  };
}

/** A scripted answer that acts like Ctrl-C at that question. */
export const INTERRUPT: unique symbol = Symbol('interrupt');

export type ScriptedAnswer = string | boolean | readonly unknown[] | typeof INTERRUPT | { value: unknown };

export interface AskedQuestion {
  name: string;
  kind: 'input' | 'select' | 'checkbox' | 'confirm';
  message: string;
  /** What was answered (scripted or the default). */
  answer: unknown;
}

export interface ScriptedAsker extends Asker {
  /** Every question asked, in order. */
  readonly asked: AskedQuestion[];
  /** Scripted names that were never asked: a test can assert it is empty. */
  unused(): string[];
}

/**
 * Answers by question name, as a person would: a scripted answer is checked
 * against the question's choices and validation; a question without a script
 * gets what pressing Enter gives (its default), or fails the test when Enter
 * would not be accepted.
 */
export function createScriptedAsker(script: Readonly<Record<string, ScriptedAnswer>>): ScriptedAsker {
  const asked: AskedQuestion[] = [];
  const used = new Set<string>();
  const lookup = (name: string): { found: boolean; answer?: unknown } => {
    if (!Object.hasOwn(script, name)) return { found: false };
    used.add(name);
    const answer = script[name];
    if (answer === INTERRUPT) throw Object.assign(new Error('User force closed the prompt with SIGINT'), { name: 'ExitPromptError' });
    // `{ value }` scripts a select answer that is not a string (or one that looks like another kind).
    if (answer !== null && typeof answer === 'object' && !Array.isArray(answer) && 'value' in answer) return { found: true, answer: answer.value };
    return { found: true, answer };
  };
  const fail = (name: string, why: string): never => {
    throw new Error(`Scripted question "${name}": ${why}`);
  };
  const record = <T>(name: string, kind: AskedQuestion['kind'], message: string, answer: T): T => {
    asked.push({ name, kind, message, answer });
    return answer;
  };
  // Interrupts surface the way the terminal asker reports them.
  const guard = async <T>(ask: () => T): Promise<T> => {
    try {
      return ask();
    } catch (error) {
      if (isPromptExit(error)) throw new InterruptedError();
      throw error;
    }
  };

  return {
    asked,
    unused: () => Object.keys(script).filter((name) => !used.has(name)),
    input: (q) =>
      guard(() => {
        const s = lookup(q.name);
        const value = s.found ? s.answer : (q.default ?? '');
        if (typeof value !== 'string') return fail(q.name, `an input needs a string answer, got ${JSON.stringify(value)}`);
        const verdict = q.validate ? q.validate(value) : true;
        if (verdict !== true) return fail(q.name, s.found ? `answer ${JSON.stringify(value)} rejected: ${verdict}` : `needs an answer (${verdict})`);
        return record(q.name, 'input', q.message, value);
      }),
    select: <V>(q: SelectQuestion<V>) =>
      guard(() => {
        const s = lookup(q.name);
        // Like inquirer, a default that is not among the choices focuses the first choice.
        const focused = q.choices.some((c) => c.value === q.default) ? q.default : q.choices[0]?.value;
        const value = s.found ? s.answer : focused;
        const choice = q.choices.find((c) => c.value === value);
        if (!choice) return fail(q.name, `${JSON.stringify(value)} is not one of ${q.choices.map((c) => JSON.stringify(c.value)).join(', ')}`);
        return record(q.name, 'select', q.message, choice.value);
      }),
    checkbox: <V>(q: CheckboxQuestion<V>) =>
      guard(() => {
        const s = lookup(q.name);
        let values: V[];
        if (s.found) {
          if (!Array.isArray(s.answer)) return fail(q.name, 'a checkbox needs a list answer');
          values = [];
          for (const v of s.answer as unknown[]) {
            const choice = q.choices.find((c) => c.value === v);
            if (!choice) return fail(q.name, `${JSON.stringify(v)} is not one of the choices`);
            values.push(choice.value);
          }
          // Inquirer returns ticked values in the order of the choices.
          values.sort((a, b) => q.choices.findIndex((c) => c.value === a) - q.choices.findIndex((c) => c.value === b));
        } else values = q.choices.filter((c) => c.checked).map((c) => c.value);
        const verdict = q.validate ? q.validate(values) : true;
        if (verdict !== true) return fail(q.name, `answer rejected: ${verdict}`);
        return record(q.name, 'checkbox', q.message, values);
      }),
    confirm: (q) =>
      guard(() => {
        const s = lookup(q.name);
        const value = s.found ? s.answer : (q.default ?? false);
        if (typeof value !== 'boolean') return fail(q.name, 'a confirm needs true or false');
        return record(q.name, 'confirm', q.message, value);
      }),
  };
}
