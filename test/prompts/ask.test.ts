import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InterruptedError } from '../../src/core/errors.js';
import { createScriptedAsker, createTerminalAsker, INTERRUPT, isPromptExit, withInertText, type Asker } from '../../src/prompts/ask.js';

const choices = [
  { value: 'a', name: 'Alpha' },
  { value: 'b', name: 'Beta' },
  { value: 'c', name: 'Gamma', checked: true },
];

describe('createScriptedAsker', () => {
  it('answers by question name and records every question', async () => {
    const asker = createScriptedAsker({ title: 'Hello', pick: 'b', ticks: ['c', 'a'], sure: true });
    expect(await asker.input({ name: 'title', message: 'Title:' })).toBe('Hello');
    expect(await asker.select({ name: 'pick', message: 'Pick:', choices })).toBe('b');
    // Ticked values come back in choice order, as inquirer returns them.
    expect(await asker.checkbox({ name: 'ticks', message: 'Tick:', choices })).toEqual(['a', 'c']);
    expect(await asker.confirm({ name: 'sure', message: 'Sure?' })).toBe(true);
    expect(asker.asked.map((q) => [q.name, q.kind])).toEqual([
      ['title', 'input'],
      ['pick', 'select'],
      ['ticks', 'checkbox'],
      ['sure', 'confirm'],
    ]);
    expect(asker.unused()).toEqual([]);
  });

  it('gives what Enter would give to unscripted questions', async () => {
    const asker = createScriptedAsker({});
    expect(await asker.input({ name: 'x', message: 'X:', default: 'dflt' })).toBe('dflt');
    expect(await asker.input({ name: 'y', message: 'Y (optional):' })).toBe('');
    expect(await asker.select({ name: 's', message: 'S:', choices, default: 'c' })).toBe('c');
    expect(await asker.select({ name: 's2', message: 'S:', choices })).toBe('a');
    // A default that is not a choice focuses the first one, like inquirer.
    expect(await asker.select({ name: 's3', message: 'S:', choices, default: 'zz' })).toBe('a');
    expect(await asker.checkbox({ name: 'c', message: 'C:', choices })).toEqual(['c']);
    expect(await asker.confirm({ name: 'k', message: 'K?' })).toBe(false);
    expect(await asker.confirm({ name: 'k2', message: 'K?', default: true })).toBe(true);
  });

  it('fails when Enter would not be accepted, or a scripted answer is invalid', async () => {
    const required = (v: string) => (v === '' ? 'required' : true);
    await expect(createScriptedAsker({}).input({ name: 'x', message: 'X:', validate: required })).rejects.toThrow(/"x": needs an answer/);
    await expect(createScriptedAsker({ x: '' }).input({ name: 'x', message: 'X:', validate: required })).rejects.toThrow(/rejected: required/);
    await expect(createScriptedAsker({ s: 'zz' }).select({ name: 's', message: 'S:', choices })).rejects.toThrow(/not one of/);
    await expect(createScriptedAsker({ c: ['zz'] }).checkbox({ name: 'c', message: 'C:', choices })).rejects.toThrow(/not one of/);
    await expect(
      createScriptedAsker({ c: [] }).checkbox({ name: 'c', message: 'C:', choices, validate: (v) => (v.length > 0 ? true : 'tick one') }),
    ).rejects.toThrow(/tick one/);
    await expect(createScriptedAsker({ k: 'yes' }).confirm({ name: 'k', message: 'K?' })).rejects.toThrow(/true or false/);
  });

  it('fails a select whose choice is refused, as Enter on it would be', async () => {
    const validate = (v: string) => (v === 'a' ? 'Not Alpha.' : true);
    await expect(createScriptedAsker({}).select({ name: 's', message: 'S:', choices, validate })).rejects.toThrow(/"s": needs an answer \(Not Alpha\.\)/);
    await expect(createScriptedAsker({ s: 'a' }).select({ name: 's', message: 'S:', choices, validate })).rejects.toThrow(/answer "a" rejected: Not Alpha\./);
    expect(await createScriptedAsker({ s: 'b' }).select({ name: 's', message: 'S:', choices, validate })).toBe('b');
  });

  it('turns a scripted interrupt into InterruptedError', async () => {
    const asker = createScriptedAsker({ x: INTERRUPT });
    const error = await asker.input({ name: 'x', message: 'X:' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InterruptedError);
    expect((error as InterruptedError).exitCode).toBe(130);
    expect((error as Error).message).toBe('Interrupted: nothing was written.');
  });
});

describe('isPromptExit', () => {
  it("recognises inquirer's exit errors by name", () => {
    expect(isPromptExit(Object.assign(new Error('x'), { name: 'ExitPromptError' }))).toBe(true);
    expect(isPromptExit(Object.assign(new Error('x'), { name: 'AbortPromptError' }))).toBe(true);
    expect(isPromptExit(new Error('x'))).toBe(false);
    expect(isPromptExit('ExitPromptError')).toBe(false);
  });
});

/** A terminal-like pair of streams: keys go in, the rendered prompt is collected. */
function fakeTerminal() {
  const input = new PassThrough();
  Object.assign(input, { isTTY: true, setRawMode: () => input });
  let screen = '';
  const output = new Writable({
    write(chunk: Buffer, _enc, done) {
      screen += chunk.toString();
      done();
    },
  });
  // Each prompt pipes into the output and ends the pipe when answered; a terminal stays open for the next one.
  Object.assign(output, { end: () => output });
  const type = (keys: string[]) => {
    // Each key after the prompt has rendered, as a person would type.
    let t = 20;
    for (const k of keys) setTimeout(() => input.write(k), (t += 15));
  };
  return { asker: createTerminalAsker({ input, output }), type, screen: () => screen };
}

describe('createTerminalAsker', () => {
  it('answers an input prompt from typed keys', async () => {
    const term = fakeTerminal();
    const answer = term.asker.input({ name: 'x', message: 'Your name:' });
    term.type(['Ada', '\r']);
    expect(await answer).toBe('Ada');
    expect(term.screen()).toContain('Your name:');
  });

  it('moves through a select with arrow keys and shows the focused description', async () => {
    const term = fakeTerminal();
    const answer = term.asker.select({ name: 's', message: 'Pick:', choices: choices.map((c) => ({ ...c, description: `About ${c.name}` })) });
    term.type(['\x1b[B', '\r']);
    expect(await answer).toBe('b');
    expect(term.screen()).toContain('About Alpha');
  });

  it('asks a select again, with its sentence, when the choice is refused', async () => {
    const term = fakeTerminal();
    const answer = term.asker.select({ name: 's', message: 'Pick:', choices, validate: (v) => (v === 'a' ? 'Choose one: none is assumed.' : true) });
    term.type(['\r', '\x1b[B', '\r']);
    expect(await answer).toBe('b');
    expect(term.screen()).toContain('Choose one: none is assumed.');
  });

  it.each(HOSTILE)('never writes %s raw to the terminal', async (_name, text) => {
    const term = fakeTerminal();
    const answer = term.asker.select({ name: 's', message: `Pick ${text}:`, choices: [{ value: 1, name: text, description: text }], default: 1 });
    term.type(['\r']);
    expect(await answer).toBe(1);
    const screen = term.screen();
    // Inquirer draws with its own escape sequences; none of the text's may come through.
    expect(screen).not.toContain(text);
    expect(screen).not.toMatch(/[\u0007\u0080-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/);
    expect(screen).toContain('Pick ');
  });

  it('turns Ctrl-C into InterruptedError', async () => {
    const term = fakeTerminal();
    const answer = term.asker.confirm({ name: 'k', message: 'Go on?' });
    term.type(['\x03']);
    await expect(answer).rejects.toBeInstanceOf(InterruptedError);
  });
});

/** Text that would act on a terminal, each kind of the sanitiser's list. */
const HOSTILE: readonly (readonly [string, string])[] = [
  ['CSI clear screen', 'Title\x1b[2J\x1b[H'],
  ['SGR colour', '\x1b[31mred\x1b[0m'],
  ['OSC 8 hyperlink', '\x1b]8;;https://evil.example\x07click\x1b]8;;\x07'],
  ['OSC window title', '\x1b]0;owned\x1b\\'],
  ['BEL', 'ding\x07'],
  ['C1 CSI', 'c1\u009b2J'],
  ['C1 OSC', 'c1\u009d0;x\u009c'],
  ['bidi override', 'evil\u202Etxt.exe'],
  ['zero-width and isolates', 'a\u200Bb\u2066c\u2069'],
  ['backspace and DEL', 'abc\b\b\x7f'],
];

/** Every character that acts on a terminal rather than showing: C0 but tab and newline, DEL, C1, bidi and zero-width. */
const ACTING = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/;

/** An asker that records every question it is given and answers with the default (or the first choice). */
function recordingAsker() {
  const seen: { message: string; default?: unknown; texts: string[] }[] = [];
  const note = (q: { message: string; default?: unknown; choices?: readonly { name: string; short?: string; description?: string }[] }) =>
    seen.push({
      message: q.message,
      default: q.default,
      texts: [q.message, ...(q.choices ?? []).flatMap((c) => [c.name, c.short ?? '', c.description ?? ''])],
    });
  const asker: Asker = {
    // An input's default is shown; a select's is a value, never shown.
    input: async (q) => (note({ ...q, message: `${q.message} ${q.default ?? ''}` }), q.default ?? ''),
    select: async (q) => (note(q), q.default ?? q.choices[0]!.value),
    checkbox: async (q) => (note(q), q.choices.filter((c) => c.checked).map((c) => c.value)),
    confirm: async (q) => (note(q), q.default ?? false),
  };
  return { asker, seen };
}

describe('withInertText', () => {
  it.each(HOSTILE)('shows %s inert in messages, defaults, choices and validation, and keeps the text as written', async (_name, text) => {
    const { asker, seen } = recordingAsker();
    const inert = withInertText(asker);
    // Taking the default gives back the text as written: Enter never changes the file.
    expect(await inert.input({ name: 'i', message: `Title of ${text}:`, default: text })).toBe(text);
    const choice = { value: text, name: text, short: text, description: text, checked: true };
    expect(await inert.select({ name: 's', message: text, choices: [choice], default: text })).toBe(text);
    expect(await inert.checkbox({ name: 'c', message: text, choices: [choice] })).toEqual([text]);
    expect(await inert.confirm({ name: 'k', message: `Update ${text}?` })).toBe(false);
    for (const q of seen) for (const shown of q.texts) expect(shown).not.toMatch(ACTING);
    expect(seen[0]!.default).toMatch(/\\u[0-9A-F]{4}/);
    expect(seen[0]!.default).not.toMatch(ACTING);
    // Validation messages quote answers too.
    const validating: Asker = { ...asker, input: async (q) => String(q.validate!('typed')) };
    expect(await withInertText(validating).input({ name: 'v', message: 'V:', validate: () => `"${text}" is not an id` })).not.toMatch(ACTING);
  });

  it('passes the text as written to validation when the default is taken', async () => {
    const text = 'x\x1b[2J';
    const seen: string[] = [];
    const asker: Asker = { ...recordingAsker().asker, input: async (q) => (q.validate!(q.default!), q.default!) };
    await withInertText(asker).input({ name: 'v', message: 'V:', default: text, validate: (v) => (seen.push(v), true) });
    expect(seen).toEqual([text]);
  });
});
