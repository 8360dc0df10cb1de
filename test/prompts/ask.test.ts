import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InterruptedError } from '../../src/core/errors.js';
import { createScriptedAsker, createTerminalAsker, INTERRUPT, isPromptExit } from '../../src/prompts/ask.js';

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

  it('turns Ctrl-C into InterruptedError', async () => {
    const term = fakeTerminal();
    const answer = term.asker.confirm({ name: 'k', message: 'Go on?' });
    term.type(['\x03']);
    await expect(answer).rejects.toBeInstanceOf(InterruptedError);
  });
});
