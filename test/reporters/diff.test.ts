import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { diffReporters } from '../../src/reporters/diff/registry.js';
import { diffSchema } from '../../src/schema/output.js';
import { buildFixtureDiff, readDiffGolden } from '../fixtures/diff.js';
import { makeReporterContext } from '../fixtures/report.js';

const ctx = makeReporterContext();
// Built in each test that reads them, never while the file is collected nor once for all (docs/testing.md).
const plain = () => buildFixtureDiff();
const modelChanged = () => buildFixtureDiff(true);

describe('harm diff reporters', () => {
  it.each(['table', 'markdown', 'json'] as const)('%s matches the golden file, with and without a framework change', (format) => {
    const out = diffReporters[format](plain(), ctx);
    expect(out).toBe(readDiffGolden(format, out));
    const changed = diffReporters[format](modelChanged(), ctx);
    expect(changed).toBe(readDiffGolden(`${format}-framework-changed`, changed));
  });

  it('states a changed framework before anything else', () => {
    const md = diffReporters.markdown(modelChanged(), ctx).split('\n');
    expect(md[2]).toBe('> [!WARNING]');
    expect(md[3]).toMatch(/^> The framework changed between the two sides/);
    const table = diffReporters.table(modelChanged(), ctx).split('\n');
    expect(table[2]).toMatch(/^! The framework changed between the two sides/);
    expect(diffReporters.markdown(plain(), ctx)).not.toContain('framework changed');
  });

  it('colour never changes the text', () => {
    const coloured = diffReporters.table(plain(), makeReporterContext({ color: true }));
    expect(coloured).toContain('\x1b[');
    expect(coloured.replace(/\x1b\[[0-9;]*m/g, '')).toBe(diffReporters.table(plain(), ctx));
  });

  it('json is the Diff, valid against its zod schema and the committed JSON Schema', () => {
    const schema = JSON.parse(readFileSync(join(process.cwd(), 'schemas', 'diff.schema.json'), 'utf8')) as object;
    const validate = new Ajv.default({ allErrors: true, strict: true }).compile(schema);
    for (const output of [plain(), modelChanged()]) {
      const data = JSON.parse(diffReporters.json(output, ctx)) as unknown;
      const parsed = diffSchema.safeParse(data);
      expect(parsed.success, parsed.error?.message).toBe(true);
      expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('markdown leaves no user markup active', () => {
    const md = diffReporters.markdown(plain(), ctx);
    expect(md).toContain('### harm diff: Checkout \\<b\\>agent\\</b\\> | v1');
    expect(md).toContain('Purchases the user did not ask for \\| \\*really\\*');
  });
});
