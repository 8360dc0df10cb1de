import { describe, expect, it } from 'vitest';
import { checkResultSchema } from '../../src/schema/output.js';
import { buildCheckRun, buildCleanRun, buildContext, renderFormat, CHECK_FRAMEWORK } from '../fixtures/check-run.js';
import { expectGolden } from './check-golden.js';

describe('formatCheckJson', () => {
  it('matches the golden file', () => {
    expectGolden('json', renderFormat('json', buildCheckRun(), buildContext()));
  });

  it('is a CheckResult that the schema accepts, pretty-printed with a trailing newline', () => {
    const text = renderFormat('json', buildCheckRun(), buildContext());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "apiVersion": "harm/v1",');
    const parsed = checkResultSchema.parse(JSON.parse(text));
    expect(parsed.kind).toBe('CheckResult');
    expect(parsed.summary).toEqual({ files: 4, errors: 5, warnings: 3, infos: 2 });
  });

  it('lists every file, clean or broken, with every finding including infos whatever --verbose says', () => {
    const run = buildCheckRun();
    for (const verbose of [false, true]) {
      const parsed = checkResultSchema.parse(JSON.parse(renderFormat('json', run, buildContext({ verbose }))));
      expect(parsed.files.map((f) => f.file)).toEqual(run.files.map((f) => f.file));
      expect(parsed.files.map((f) => f.findings)).toEqual(run.files.map((f) => f.findings.map(({ tags: _, ...finding }) => finding)));
      expect(parsed.files.find((f) => f.file === 'drafts/broken.harm.yaml')?.feature).toBeNull();
      expect(parsed.files.find((f) => f.file === 'features/chat-memory.harm.yaml')?.findings).toEqual([]);
      expect(parsed.files.flatMap((f) => f.findings).filter((f) => f.level === 'info')).toHaveLength(2);
    }
  });

  it('keeps only the fields of SPEC §7 (no uri, no scores) in a fixed key order', () => {
    const parsed = JSON.parse(renderFormat('json', buildCheckRun(), buildContext()));
    expect(Object.keys(parsed)).toEqual(['apiVersion', 'kind', 'tool', 'framework', 'config', 'files', 'summary']);
    expect(parsed.framework).toEqual(CHECK_FRAMEWORK);
    // The clauses a finding's safeguard serves are SARIF's tags, never part of a FINDING.
    expect(parsed.files.flatMap((f: { findings: object[] }) => f.findings).filter((f: object) => 'tags' in f)).toEqual([]);
    expect(Object.keys(parsed.files[0])).toEqual(['file', 'feature', 'findings']);
    expect(Object.keys(parsed.files[0].findings[1])).toEqual(['rule', 'level', 'message', 'file', 'line', 'column', 'harm']);
    expect(Object.keys(parsed.summary)).toEqual(['files', 'errors', 'warnings', 'infos']);
  });

  it('names the config in use, or null when there was none (SPEC §4)', () => {
    expect(JSON.parse(renderFormat('json', buildCheckRun(), buildContext())).config).toBe('harm.config.yaml');
    const without = buildCheckRun(undefined, { version: '1.0.0', framework: CHECK_FRAMEWORK, config: null, command: 'validate' });
    expect(checkResultSchema.parse(JSON.parse(renderFormat('json', without, buildContext()))).config).toBeNull();
  });

  it('writes a clean run with zero counts', () => {
    const parsed = checkResultSchema.parse(JSON.parse(renderFormat('json', buildCleanRun(), buildContext())));
    expect(parsed.summary).toEqual({ files: 1, errors: 0, warnings: 0, infos: 0 });
    expect(parsed.files).toEqual([{ file: 'features/chat-memory.harm.yaml', feature: 'chat-memory', findings: [] }]);
  });
});

describe('check JSON and SARIF with hostile text', () => {
  const hostile = 'Unknown safeguard "x\u001b[31mred\u009b2J\u202Eevil\u0007".';
  const run = () => {
    const r = buildCheckRun();
    r.files[0]!.findings = r.files[0]!.findings.map((f, i) => (i === 0 ? { ...f, message: hostile } : f));
    return r;
  };

  it.each(['json', 'sarif'] as const)('%s: writes what would act on a terminal as \\u escapes, and parses back to the same text', (format) => {
    const text = renderFormat(format, run(), buildContext());
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(text).toMatch(/\\u001b\[31mred\\u009b2J\\u202eevil\\u0007/i);
    const parsed = JSON.parse(text);
    const messages: string[] = format === 'json' ? parsed.files[0].findings.map((f: { message: string }) => f.message) : parsed.runs[0].results.map((r: { message: { text: string } }) => r.message.text);
    expect(messages).toContain(hostile);
  });
});
