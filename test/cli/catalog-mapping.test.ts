import { describe, expect, test } from 'vitest';
import { compareClauses } from '../../src/core/mappings.js';
import { runCli } from '../helpers/run-cli.js';

describe('harm catalog list --mapping', () => {
  test('lists each clause of the framework in reading order with the safeguards that serve it', async () => {
    const result = await runCli(['catalog', 'list', '--mapping', 'eu-ai-act', '--format', 'json']);
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout) as { kind: string; mapping: string; framework: { digest: string }; clauses: { clause: string; safeguards: string[]; categories: string[] }[] };
    expect(body).toMatchObject({ kind: 'CatalogMapping', mapping: 'eu-ai-act', framework: { digest: expect.stringMatching(/^sha256:/) } });
    const clauses = body.clauses.map((c) => c.clause);
    expect(clauses).toEqual([...clauses].sort(compareClauses));
    expect(clauses.indexOf('Art. 9')).toBeLessThan(clauses.indexOf('Art. 10'));
    expect(body.clauses.find((c) => c.clause === 'Art. 50(1)')?.safeguards).toContain('transparency.ai-disclosure');
    expect(body.clauses.find((c) => c.clause === 'Art. 50(2)')?.safeguards).toEqual(['transparency.content-provenance']);
    expect(body.clauses.find((c) => c.clause === 'Art. 10')?.categories).toEqual(['discrimination']);
  });

  test('prints the same as a readable list', async () => {
    const result = await runCli(['catalog', 'list', '--mapping', 'iso-42001']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^iso-42001: \d+ clauses served by the harm-default catalog\n/);
    expect(result.stdout).toContain('A.6.2.4\n  evaluation.red-teaming\n');
  });

  test('names the frameworks the catalog does map to when the slug is unknown', async () => {
    const result = await runCli(['catalog', 'list', '--mapping', 'nist']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('harm: Nothing in the catalog maps to "nist". It maps to: eu-ai-act, iso-42001, nist-ai-rmf.\n');
    expect(result.stdout).toBe('');
  });
});

describe('harm catalog show', () => {
  test('shows mappings, scope and trade-offs in words', async () => {
    const result = await runCli(['catalog', 'show', 'enforcement.account-blocking']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('maps to nist-ai-rmf: MANAGE 1.3\n');
    // Wrapped to 80 columns, the words are the same.
    expect(result.stdout.replace(/\s+/g, ' ')).toContain('raises over_refusal: duration +1 (while in effect for any harm of the assessment) ');
    expect(result.stdout).toMatch(/effects apply when \(any of\):\n {2}- category one of cbrn, cyber_offense, /);
  });
});

describe('compareClauses', () => {
  test.each([
    ['MEASURE 2.9', 'MEASURE 2.10'],
    ['Art. 9', 'Art. 10'],
    ['Art. 50', 'Art. 50(1)'],
    ['Art. 50(1)', 'Art. 50(2)'],
    ['A.6.2.4', 'A.6.2.10'],
    ['GOVERN 1.1', 'MANAGE 1.1'],
  ])('%s before %s', (a, b) => {
    expect(compareClauses(a, b)).toBeLessThan(0);
    expect(compareClauses(b, a)).toBeGreaterThan(0);
  });
});
