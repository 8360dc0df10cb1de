import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { reportReporters } from '../../src/reporters/portfolio/registry.js';
import { portfolioSchema } from '../../src/schema/output.js';
import { buildFixturePortfolio, readPortfolioGolden } from '../fixtures/portfolio.js';
import { makeReporterContext } from '../fixtures/report.js';

// Built inside each test, not while the file is collected (docs/testing.md, mutation testing).
const output = () => buildFixturePortfolio();
const ctx = makeReporterContext();

describe('harm report reporters', () => {
  it.each([
    ['table', 'table'],
    ['markdown', 'markdown'],
    ['json', 'json'],
  ] as const)('%s matches the golden file', (format, golden) => {
    const out = reportReporters[format](output(), ctx);
    expect(out).toBe(readPortfolioGolden(golden, out));
  });

  it('table: the heat map shows severity on demand, and a wide terminal shows ids whole', () => {
    const out = reportReporters.table(buildFixturePortfolio('severity'), makeReporterContext({ width: 120 }));
    expect(out).toBe(readPortfolioGolden('table-severity-120', out));
    expect(out).toContain('Heat map: residual severity by dimension');
  });

  it.each(['table', 'markdown'] as const)('%s --by-mapping: each clause of the framework with the features that have its safeguards, matches the golden file', (format) => {
    const out = reportReporters[format](buildFixturePortfolio('risk', 'eu-ai-act'), ctx);
    expect(out).toBe(readPortfolioGolden(`${format}-by-mapping`, out));
  });

  it('table: colour never changes the text', () => {
    const coloured = reportReporters.table(output(), makeReporterContext({ color: true }));
    expect(coloured).toContain('\x1b[');
    expect(coloured.replace(/\x1b\[[0-9;]*m/g, '')).toBe(reportReporters.table(output(), ctx));
  });

  it('json is the Portfolio, valid against its zod schema and the committed JSON Schema, with and without --by-mapping', () => {
    const schema = JSON.parse(readFileSync(join(process.cwd(), 'schemas', 'portfolio.schema.json'), 'utf8')) as object;
    const validate = new Ajv.default({ allErrors: true, strict: true }).compile(schema);
    for (const o of [output(), buildFixturePortfolio('risk', 'nist-ai-rmf')]) {
      const data = JSON.parse(reportReporters.json(o, ctx)) as unknown;
      const parsed = portfolioSchema.safeParse(data);
      expect(parsed.success, parsed.error?.message).toBe(true);
      expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('markdown and the table leave no user markup active', () => {
    const md = reportReporters.markdown(output(), ctx);
    expect(md).not.toContain('<script>');
    expect(md).toContain('Checkout \\<script\\>alert("x")\\</script\\> \\| agent');
    expect(md).not.toMatch(/\[link\]\(javascript/);
  });
});
