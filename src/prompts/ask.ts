import { InterruptedError } from '../core/errors.js';
import { sanitizeTerminalLine } from '../reporters/sanitize.js';
import { wrapLines } from './terminal-text.js';

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
  /** `true` when the choice is acceptable, otherwise the sentence to show before asking again. */
  validate?: (value: V) => true | string;
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

/**
 * The asker with every text it shows made inert: messages, choices, defaults and
 * validation messages quote titles, notes, ids and catalog text, any of which may
 * hold escape sequences, bidi overrides or other controls (sanitizeTerminalLine
 * shows them as `\uXXXX`). A default is shown sanitized, and taking it unchanged
 * gives back the text as written, so that pressing Enter never alters the file.
 */
export function withInertText(asker: Asker): Asker {
  const line = sanitizeTerminalLine;
  const verdict = (v: true | string) => (v === true ? v : line(v));
  const choices = <V>(list: readonly Choice<V>[]): Choice<V>[] =>
    list.map((c) => ({
      ...c,
      name: line(c.name),
      ...(c.short !== undefined ? { short: line(c.short) } : {}),
      ...(c.description !== undefined ? { description: line(c.description) } : {}),
    }));
  return {
    input: async (q) => {
      const shown = q.default === undefined ? undefined : line(q.default);
      const original = (v: string) => (shown !== undefined && v === shown ? q.default! : v);
      const { validate } = q;
      const answer = await asker.input({
        name: q.name,
        message: line(q.message),
        ...(shown !== undefined ? { default: shown } : {}),
        ...(validate ? { validate: (v: string) => verdict(validate(original(v))) } : {}),
      });
      return original(answer);
    },
    select: <V>(q: SelectQuestion<V>) => {
      const { validate } = q;
      return asker.select<V>({
        ...q,
        message: line(q.message),
        choices: choices(q.choices),
        ...(validate ? { validate: (v: V) => verdict(validate(v)) } : {}),
      });
    },
    checkbox: <V>(q: CheckboxQuestion<V>) => {
      const { validate } = q;
      return asker.checkbox<V>({
        ...q,
        message: line(q.message),
        choices: choices(q.choices),
        ...(validate ? { validate: (v: readonly V[]) => verdict(validate(v)) } : {}),
      });
    },
    confirm: (q) => asker.confirm({ ...q, message: line(q.message) }),
  };
}

const PAGE_SIZE = 8;

/**
 * The real prompts. Inquirer is imported on first use so that other
 * commands never load it. `streams` lets tests drive it through plain streams.
 */
export function createTerminalAsker(streams: { input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream } = {}): Asker {
  type Prompts = typeof import('./inquirer.js');
  let loaded: Promise<Prompts> | undefined;
  const prompts = () => (loaded ??= import('./inquirer.js'));
  const context = { ...streams, clearPromptOnDone: false };
  const output = streams.output ?? process.stdout;
  // Descriptions are wrapped here, at word boundaries, so the prompt does not break words at the edge.
  const columns = (output as { columns?: number }).columns ?? 80;
  const describe = (text: string | undefined) => (text ? { description: wrapLines(text, Math.max(40, columns - 1)).join('\n') } : {});
  const guard = async <T>(ask: (p: Prompts) => Promise<T>): Promise<T> => {
    try {
      return await ask(await prompts());
    } catch (error) {
      if (isPromptExit(error)) throw new InterruptedError();
      throw error;
    }
  };
  const select = <V>(q: SelectQuestion<V>) =>
    guard((p) =>
      p.select<V>(
        {
          message: q.message,
          choices: q.choices.map((c) => ({ value: c.value, name: c.name, ...(c.short ? { short: c.short } : {}), ...describe(c.description) })),
          ...(q.default !== undefined ? { default: q.default } : {}),
          pageSize: PAGE_SIZE,
          loop: false,
        },
        context,
      ),
    );
  return withInertText({
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
    // A select cannot refuse a choice itself: a refused one is answered with its sentence, and the question asked again.
    select: async <V>(q: SelectQuestion<V>) => {
      for (;;) {
        const value = await select(q);
        const verdict = q.validate ? q.validate(value) : true;
        if (verdict === true) return value;
        output.write(`  ${verdict}\n`);
      }
    },
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
  });
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
  /** The values of its choices, in the order shown (select and checkbox). */
  choices: unknown[];
  /** Every text the question shows, as the terminal would get it: message, default, choices and their descriptions. */
  shown: string[];
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
 * would not be accepted. Its questions are made inert as the terminal's are.
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
  const record = <T>(
    q: { name: string; message: string; default?: unknown; choices?: readonly Choice<unknown>[] },
    kind: AskedQuestion['kind'],
    answer: T,
  ): T => {
    const shown = [q.message];
    if (typeof q.default === 'string') shown.push(q.default);
    for (const c of q.choices ?? []) shown.push(c.name, ...(c.short === undefined ? [] : [c.short]), ...(c.description === undefined ? [] : [c.description]));
    asked.push({ name: q.name, kind, message: q.message, answer, choices: (q.choices ?? []).map((c) => c.value), shown });
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

  const raw: Asker = {
    input: (q) =>
      guard(() => {
        const s = lookup(q.name);
        const value = s.found ? s.answer : (q.default ?? '');
        if (typeof value !== 'string') return fail(q.name, `an input needs a string answer, got ${JSON.stringify(value)}`);
        const verdict = q.validate ? q.validate(value) : true;
        if (verdict !== true) return fail(q.name, s.found ? `answer ${JSON.stringify(value)} rejected: ${verdict}` : `needs an answer (${verdict})`);
        return record(q, 'input', value);
      }),
    select: <V>(q: SelectQuestion<V>) =>
      guard(() => {
        const s = lookup(q.name);
        // Like inquirer, a default that is not among the choices focuses the first choice.
        const focused = q.choices.some((c) => c.value === q.default) ? q.default : q.choices[0]?.value;
        const value = s.found ? s.answer : focused;
        const choice = q.choices.find((c) => c.value === value);
        if (!choice) return fail(q.name, `${JSON.stringify(value)} is not one of ${q.choices.map((c) => JSON.stringify(c.value)).join(', ')}`);
        const verdict = q.validate ? q.validate(choice.value) : true;
        if (verdict !== true) return fail(q.name, s.found ? `answer ${JSON.stringify(value)} rejected: ${verdict}` : `needs an answer (${verdict})`);
        return record(q, 'select', choice.value);
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
        return record(q, 'checkbox', values);
      }),
    confirm: (q) =>
      guard(() => {
        const s = lookup(q.name);
        const value = s.found ? s.answer : (q.default ?? false);
        if (typeof value !== 'boolean') return fail(q.name, 'a confirm needs true or false');
        return record(q, 'confirm', value);
      }),
  };
  return { ...withInertText(raw), asked, unused: () => Object.keys(script).filter((name) => !used.has(name)) };
}
