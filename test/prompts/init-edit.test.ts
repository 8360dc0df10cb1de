import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { diffLines, editAssessment } from '../../src/cli/commands/edit.js';
import { errorFindings, initAssessment, refuse } from '../../src/cli/commands/init.js';
import type { CliIo } from '../../src/cli/io.js';
import type { CommandContext } from '../../src/cli/run.js';
import { HarmError, InterruptedError } from '../../src/core/errors.js';
import { renderAssessment } from '../../src/io/yaml/index.js';
import { loadBuiltinCatalog } from '../../src/io/catalog-loader.js';
import { checkAssessmentText } from '../../src/io/load-assessment.js';
import { createScriptedAsker, INTERRUPT, type ScriptedAnswer } from '../../src/prompts/ask.js';
import { assessmentSchema } from '../../src/schema/assessment.js';
import { runCli } from '../helpers/run-cli.js';

const TODAY = '2026-01-15';
const EXAMPLES = resolve(import.meta.dirname, '../../examples');
const catalog = loadBuiltinCatalog();

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'harm-init-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function context(opts: { tty?: boolean } = {}) {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    cwd: dir,
    env: {},
    stdout: { write: (s: string) => void (out.stdout += s), isTTY: false, columns: 80 },
    stderr: { write: (s: string) => void (out.stderr += s), isTTY: false },
    stdinIsTTY: opts.tty ?? true,
    today: () => TODAY,
  };
  const ctx: CommandContext = { io, version: '0.0.0-test' };
  return { ctx, out };
}

const NO_HARM_ELSEWHERE = Object.fromEntries(catalog.framework.dimensions.map((d) => [`dimension.${d.id}.1`, false]));

const NEW_FILE: Record<string, ScriptedAnswer> = {
  'feature.name': 'Trip Planner',
  'feature.owner': 'travel-team',
  'feature.stage': 'beta',
  'feature.capabilities': ['payments'],
  'assessment.assessors': 'a@example.com',
  ...NO_HARM_ELSEWHERE,
  'dimension.physical.1': true,
  'harm.1.title': 'Unsafe route advice',
  'harm.1.category': 'dangerous_advice',
  'harm.1.factor.likelihood': 'likely',
  'harm.1.factor.duration': 'irreversible',
  'harm.1.safeguards.mode': 'each',
  'harm.1.safeguard.usage_policy.aup-coverage': 'not_applicable',
  'harm.1.safeguard.usage_policy.aup-coverage.note': 'The travel terms cover it.',
  'harm.1.safeguard.evaluation.red-teaming': 'in_progress',
  'dimension.physical.2': false,
  'dimension.economic.1': true,
  'harm.2.title': 'Unintended bookings',
  'harm.2.category': 'unintended_actions',
  'dimension.economic.2': false,
};

const files = () => readdirSync(dir).sort();

describe('harm init with scripted answers', () => {
  it('writes a new file with two harms, a not-applicable safeguard and its note', async () => {
    const { ctx, out } = context();
    const asker = createScriptedAsker(NEW_FILE);
    expect(await initAssessment(ctx, 'trip.harm.yaml', { today: TODAY }, asker)).toBe(0);
    expect(asker.unused()).toEqual([]);
    expect(asker.asked.at(-1)).toMatchObject({ name: 'write', answer: true });
    expect(out.stdout).toContain('Wrote trip.harm.yaml');
    expect(files()).toEqual(['trip.harm.yaml']);

    const text = readFileSync(join(dir, 'trip.harm.yaml'), 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=(\.\.\/)+.*schemas\/assessment\.schema\.json$/);
    const assessment = assessmentSchema.parse(parse(text));
    expect(assessment.harms.map((h) => h.id)).toEqual(['unsafe-route-advice', 'unintended-bookings']);
    expect(assessment.harms[0]!.safeguards).toEqual([
      { id: 'usage_policy.aup-coverage', status: 'not_applicable', note: 'The travel terms cover it.' },
      { id: 'evaluation.red-teaming', status: 'in_progress' },
    ]);
    expect(checkAssessmentText(text, 'trip.harm.yaml', catalog, { today: TODAY }).findings.filter((f) => f.level === 'error')).toEqual([]);
  });

  it('names the file after the feature id when no file is given', async () => {
    const { ctx } = context();
    expect(await initAssessment(ctx, undefined, { today: TODAY }, createScriptedAsker(NEW_FILE))).toBe(0);
    expect(files()).toEqual(['trip-planner.harm.yaml']);
  });

  it('refuses to replace an existing file unless the user says so: answer No leaves it untouched (exit 0)', async () => {
    writeFileSync(join(dir, 'trip.harm.yaml'), 'keep me\n');
    const { ctx, out } = context();
    const asker = createScriptedAsker({ overwrite: false });
    expect(await initAssessment(ctx, 'trip.harm.yaml', { today: TODAY }, asker)).toBe(0);
    expect(readFileSync(join(dir, 'trip.harm.yaml'), 'utf8')).toBe('keep me\n');
    expect(out.stdout).toContain('Nothing was written: trip.harm.yaml already exists. To change it, run harm edit trip.harm.yaml.');
    // Asked before the walk, so no answers are wasted; the default is No.
    expect(asker.asked).toEqual([expect.objectContaining({ name: 'overwrite', answer: false })]);
  });

  it('asks about an existing default-named file as soon as the feature id is known', async () => {
    writeFileSync(join(dir, 'trip-planner.harm.yaml'), 'keep me\n');
    const { ctx } = context();
    const asker = createScriptedAsker({ ...NEW_FILE });
    expect(await initAssessment(ctx, undefined, { today: TODAY }, asker)).toBe(0);
    expect(readFileSync(join(dir, 'trip-planner.harm.yaml'), 'utf8')).toBe('keep me\n');
    expect(asker.asked.at(-1)?.name).toBe('overwrite');
    expect(asker.asked.some((q) => q.name.startsWith('harm.'))).toBe(false);
  });

  it('replaces an existing file when the user answers yes, or with --force without asking', async () => {
    writeFileSync(join(dir, 'trip.harm.yaml'), 'old\n');
    const yes = context();
    expect(await initAssessment(yes.ctx, 'trip.harm.yaml', { today: TODAY }, createScriptedAsker({ ...NEW_FILE, overwrite: true }))).toBe(0);
    expect(readFileSync(join(dir, 'trip.harm.yaml'), 'utf8')).toContain('apiVersion: harm/v1');

    writeFileSync(join(dir, 'trip.harm.yaml'), 'old\n');
    const forced = context();
    const asker = createScriptedAsker(NEW_FILE);
    expect(await initAssessment(forced.ctx, 'trip.harm.yaml', { today: TODAY, force: true }, asker)).toBe(0);
    expect(asker.asked.map((q) => q.name)).not.toContain('overwrite');
    expect(readFileSync(join(dir, 'trip.harm.yaml'), 'utf8')).toContain('apiVersion: harm/v1');
  });

  it('writes nothing when the final confirmation is declined', async () => {
    const { ctx, out } = context();
    expect(await initAssessment(ctx, 'trip.harm.yaml', { today: TODAY }, createScriptedAsker({ ...NEW_FILE, write: false }))).toBe(0);
    expect(files()).toEqual([]);
    expect(out.stdout).toContain('Nothing was written.');
  });

  it('writes nothing on Ctrl-C and reports the interruption (exit 130)', async () => {
    const { ctx } = context();
    const asker = createScriptedAsker({ ...NEW_FILE, 'harm.2.factor.scale': INTERRUPT });
    const error = await initAssessment(ctx, 'trip.harm.yaml', { today: TODAY }, asker).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InterruptedError);
    expect((error as InterruptedError).exitCode).toBe(130);
    expect((error as Error).message).toBe('Interrupted: nothing was written.');
    expect(files()).toEqual([]);
  });

  it('walks the dimensions of the catalogs named with --catalog', async () => {
    writeFileSync(
      join(dir, 'layer.yaml'),
      [
        'apiVersion: harm/v1',
        'kind: Catalog',
        'framework:',
        '  dimensions:',
        '    - { id: environmental, name: Environmental, description: Effects on ecosystems and the climate. }',
        '',
      ].join('\n'),
    );
    const { ctx, out } = context();
    const asker = createScriptedAsker({
      ...NEW_FILE,
      'dimension.environmental.1': true,
      'harm.3.title': 'Wasted energy',
      'harm.3.category': 'unintended_actions',
      'harm.3.dimensions': ['environmental'],
      'dimension.environmental.2': false,
    });
    expect(await initAssessment(ctx, 'trip.harm.yaml', { today: TODAY, catalog: ['layer.yaml'] }, asker)).toBe(0);
    expect(asker.unused()).toEqual([]);
    expect(out.stdout.replace(/\n/g, ' ')).toContain('Could this feature cause environmental harm? Effects on ecosystems and the climate.');
    const assessment = assessmentSchema.parse(parse(readFileSync(join(dir, 'trip.harm.yaml'), 'utf8')));
    expect(assessment.harms[2]).toMatchObject({ id: 'wasted-energy', dimensions: ['environmental'] });
  });

  it('checks the folder and --today before asking anything', async () => {
    const { ctx } = context();
    const asker = createScriptedAsker({});
    await expect(initAssessment(ctx, 'missing/x.harm.yaml', { today: TODAY }, asker)).rejects.toThrow('The folder missing does not exist');
    await expect(initAssessment(ctx, 'x.harm.yaml', { today: '2026-02-30' }, asker)).rejects.toThrow(/--today must be a real date/);
    expect(asker.asked).toEqual([]);
  });
});

describe('without a terminal', () => {
  it('harm init exits 2 with the reason and writes nothing', async () => {
    const result = await runCli(['init', 'out.harm.yaml'], { cwd: dir, tty: false });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('harm init needs an interactive terminal; write the file by hand from examples/ and check it with `harm validate`.');
    expect(files()).toEqual([]);
  });

  it('harm edit exits 2 and leaves the file untouched', async () => {
    copyFileSync(join(EXAMPLES, 'computer-use.yaml'), join(dir, 'a.yaml'));
    const before = readFileSync(join(dir, 'a.yaml'), 'utf8');
    const result = await runCli(['edit', 'a.yaml'], { cwd: dir, tty: false });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('harm edit needs an interactive terminal');
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe(before);
    expect(files()).toEqual(['a.yaml']);
  });
});

describe('harm edit with scripted answers', () => {
  const COMMENTED = readFileSync(join(EXAMPLES, 'computer-use.yaml'), 'utf8');
  const place = () => {
    writeFileSync(join(dir, 'cu.yaml'), COMMENTED);
    return join(dir, 'cu.yaml');
  };

  it('changes exactly the one line of the one factor changed, keeping every comment', async () => {
    const path = place();
    const { ctx, out } = context();
    const original = checkAssessmentText(COMMENTED, 'cu.yaml', catalog, { today: TODAY }).assessment!;
    const current = original.harms[0]!.factors.likelihood;
    const next = current === 'rare' ? 'unlikely' : 'rare';
    const asker = createScriptedAsker({ 'harm.1.action': 'edit', 'harm.1.factor.likelihood': next });
    expect(await editAssessment(ctx, 'cu.yaml', { today: TODAY }, asker)).toBe(0);
    const after = readFileSync(path, 'utf8');

    const diff = diffLines(COMMENTED, after);
    expect(diff).toHaveLength(2);
    expect(diff[0]).toMatch(new RegExp(`^- +likelihood: ${current}\\b`));
    expect(diff[1]).toMatch(new RegExp(`^\\+ +likelihood: ${next}\\b`));
    const a = COMMENTED.split('\n');
    const b = after.split('\n');
    expect(b).toHaveLength(a.length);
    expect(a.filter((line, i) => line !== b[i])).toHaveLength(1);
    // Every comment line survives.
    expect(b.filter((l) => l.trimStart().startsWith('#'))).toEqual(a.filter((l) => l.trimStart().startsWith('#')));
    expect(out.stdout).toContain(`Changes to cu.yaml:\n  - `);
    expect(out.stdout).toContain('Saved cu.yaml.');
  });

  it('leaves the file alone when nothing changed', async () => {
    const path = place();
    const { ctx, out } = context();
    const asker = createScriptedAsker({});
    expect(await editAssessment(ctx, 'cu.yaml', { today: TODAY }, asker)).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(COMMENTED);
    expect(out.stdout).toContain('No changes: cu.yaml was left as it was.');
    expect(asker.asked.map((q) => q.name)).not.toContain('write');
  });

  it('does not save when the confirmation is declined', async () => {
    const path = place();
    const { ctx, out } = context();
    const asker = createScriptedAsker({ 'feature.owner': 'someone-else', write: false });
    expect(await editAssessment(ctx, 'cu.yaml', { today: TODAY }, asker)).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(COMMENTED);
    expect(out.stdout).toContain('Nothing was written.');
  });

  it('removes a harm with the waivers that name it', async () => {
    const path = place();
    const original = checkAssessmentText(COMMENTED, 'cu.yaml', catalog, { today: TODAY }).assessment!;
    const waived = original.waivers?.[0]?.harm;
    expect(waived).toBeDefined();
    const n = original.harms.findIndex((h) => h.id === waived) + 1;
    const { ctx, out } = context();
    expect(await editAssessment(ctx, 'cu.yaml', { today: TODAY }, createScriptedAsker({ [`harm.${n}.action`]: 'remove' }))).toBe(0);
    const saved = checkAssessmentText(readFileSync(path, 'utf8'), 'cu.yaml', catalog, { today: TODAY });
    expect(saved.findings.filter((f) => f.level === 'error')).toEqual([]);
    expect(saved.assessment!.harms.map((h) => h.id)).toEqual(original.harms.filter((h) => h.id !== waived).map((h) => h.id));
    expect((saved.assessment!.waivers ?? []).some((w) => w.harm === waived)).toBe(false);
    expect(out.stdout).toContain(`goes with its harm`);
  });

  it('follows a renamed harm in its waivers', async () => {
    const path = place();
    const original = checkAssessmentText(COMMENTED, 'cu.yaml', catalog, { today: TODAY }).assessment!;
    const waived = original.waivers![0]!.harm;
    const n = original.harms.findIndex((h) => h.id === waived) + 1;
    const { ctx } = context();
    const asker = createScriptedAsker({ [`harm.${n}.action`]: 'edit', [`harm.${n}.id`]: 'renamed-harm' });
    expect(await editAssessment(ctx, 'cu.yaml', { today: TODAY }, asker)).toBe(0);
    const after = readFileSync(path, 'utf8');
    // The harm's id and the waiver's harm: two lines, nothing else.
    expect(diffLines(COMMENTED, after).filter((l) => l.startsWith('+'))).toEqual([
      expect.stringMatching(/^\+ +- id: renamed-harm/),
      expect.stringMatching(/^\+ +- harm: renamed-harm/),
    ]);
  });

  it('saves changes despite errors the file already had, but never adds new ones', async () => {
    const expired = COMMENTED.replace(/expires: \d{4}-\d{2}-\d{2}/, 'expires: 2025-01-01');
    expect(expired).not.toBe(COMMENTED);
    writeFileSync(join(dir, 'cu.yaml'), expired);
    const { ctx } = context();
    expect(await editAssessment(ctx, 'cu.yaml', { today: TODAY }, createScriptedAsker({ 'feature.owner': 'new-owner' }))).toBe(0);
    expect(readFileSync(join(dir, 'cu.yaml'), 'utf8')).toBe(expired.replace('owner: agents-team', 'owner: new-owner'));
  });

  it('refuses to write a text with error findings, listing them (exit 1)', () => {
    const text = renderAssessment(
      {
        ...checkAssessmentText(COMMENTED, 'cu.yaml', catalog, { today: TODAY }).assessment!,
        waivers: [{ harm: 'no-such-harm', safeguard: 'product.rate-limits', reason: 'r', approved_by: 'b', expires: '2027-01-01' }],
      },
      {},
    );
    const errors = errorFindings(text, 'cu.yaml', catalog, TODAY);
    expect(errors.map((f) => f.rule)).toEqual(['unknown-reference']);
    const { ctx, out } = context();
    expect(refuse(ctx, 'cu.yaml', errors)).toBe(1);
    expect(out.stderr).toMatch(/^cu\.yaml:\d+:\d+: error .*no-such-harm.*\(unknown-reference\)\nharm: cu\.yaml was not written/);
  });

  it('writes nothing on Ctrl-C', async () => {
    const path = place();
    const { ctx } = context();
    const asker = createScriptedAsker({ 'feature.owner': 'someone-else', 'assessment.date': INTERRUPT });
    await expect(editAssessment(ctx, 'cu.yaml', { today: TODAY }, asker)).rejects.toBeInstanceOf(InterruptedError);
    expect(readFileSync(path, 'utf8')).toBe(COMMENTED);
  });

  describe('text from the file that would act on a terminal', () => {
    // YAML double-quoted escapes put the raw characters into the values; U+202E may stand in a plain scalar as it is.
    const HOSTILE = [
      ['  name: Computer Use', '  name: "Computer\\e[2J\\e[H Use"'],
      ['  owner: agents-team', '  owner: "agents\\a-team\\e]8;;https://evil.example\\aclick\\e]8;;\\a"'],
      ['  description: Lets the model operate', '  description: Lets the model \u202Eoperate'],
      ['  capabilities: [computer_use, tool_use]', '  capabilities: [computer_use, tool_use, "x\\e]0;owned\\a"]'],
      ['  assessors: [agents-safety@example.com,', '  assessors: ["agents\\x9b2J@example.com",'],
      ['    title: Unauthorized automation of financial software and banking platforms', '    title: "Unauthorized \\e[31mred\\e[0m\\u200B automation"'],
      [
        "        status: implemented\n        note: The reference implementation runs in a virtual machine without the user's saved credentials.",
        '        status: not_applicable\n        note: "\\x9d0;t\\x9c\\b\\x7fNo sandbox."',
      ],
      [
        '  safeguards:\n    - id: usage_policy.aup-coverage',
        '  safeguards:\n    - id: "product.x\\e[2J"\n      status: planned\n    - id: usage_policy.aup-coverage',
      ],
    ] as const;
    const ACTING = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/;

    function hostileFile(): { path: string; text: string } {
      let text = COMMENTED;
      for (const [from, to] of HOSTILE) {
        expect(text, from).toContain(from);
        text = text.replace(from, to);
      }
      writeFileSync(join(dir, 'cu.yaml'), text);
      return { path: join(dir, 'cu.yaml'), text };
    }

    it('never reaches the terminal raw in any question or line, and Enter keeps it as written', async () => {
      const { path, text } = hostileFile();
      const original = checkAssessmentText(text, 'cu.yaml', catalog, { today: TODAY }).assessment!;
      // The values hold the raw characters.
      expect(original.feature.name).toContain('\x1b[2J');
      expect(original.harms[0]!.title).toContain('\x1b[31m');
      const { ctx, out } = context();
      const editAll = Object.fromEntries(
        original.harms.flatMap((_, i) => [
          [`harm.${i + 1}.action`, 'edit'],
          [`harm.${i + 1}.safeguards.mode`, 'each'],
        ]),
      );
      const asker = createScriptedAsker({ 'feature.safeguards.any': true, ...editAll });
      expect(await editAssessment(ctx, 'cu.yaml', { today: TODAY }, asker)).toBe(0);
      expect(out.stdout).toContain('No changes: cu.yaml was left as it was.');
      expect(readFileSync(path, 'utf8')).toBe(text);
      const shown = asker.asked.flatMap((q) => q.shown);
      // The hostile text was shown (as visible escapes), in titles, defaults and choices alike.
      for (const visible of [
        'Computer\\u001B[2J',
        'Unauthorized \\u001B[31mred',
        '\\u202Eoperate',
        'product.x\\u001B[2J',
        'x\\u001B]0;owned\\u0007',
        '\\u009D0;t',
      ]) {
        expect(shown.join('\n') + out.stdout, visible).toContain(visible);
      }
      for (const t of shown) expect(t).not.toMatch(ACTING);
      expect(out.stdout.replace(/\n/g, '')).not.toMatch(ACTING);
    });

    it('shows the changed lines of such a file inert in the summary', async () => {
      const { path } = hostileFile();
      const { ctx, out } = context();
      expect(await editAssessment(ctx, 'cu.yaml', { today: TODAY }, createScriptedAsker({ 'feature.description': 'Plain.' }))).toBe(0);
      expect(out.stdout).toContain('-   description: Lets the model \\u202Eoperate');
      expect(out.stdout.replace(/\n/g, '')).not.toMatch(ACTING);
      expect(readFileSync(path, 'utf8')).toContain('  description: Plain.\n');
    });
  });

  it('will not edit a file it cannot read as an assessment', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'apiVersion: harm/v1\nkind: Assessment\nfeature: 3\n');
    const { ctx } = context();
    const error = await editAssessment(ctx, 'bad.yaml', { today: TODAY }, createScriptedAsker({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HarmError);
    expect((error as HarmError).exitCode).toBe(2);
    expect((error as HarmError).findings.length).toBeGreaterThan(0);
    await expect(editAssessment(ctx, 'nope.yaml', { today: TODAY }, createScriptedAsker({}))).rejects.toThrow('The file nope.yaml does not exist');
    expect(existsSync(join(dir, 'nope.yaml'))).toBe(false);
  });
});
