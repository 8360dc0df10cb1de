import { describe, expect, it } from 'vitest';
import { freshImport } from '../helpers/fresh-import.js';

/*
 * Constants that the core computes when a module loads, checked on a fresh load of
 * the module inside each test: `npm run mutation` credits a test only for code that
 * runs while it runs (docs/testing.md), and a module imported at the top of a file
 * loads while the file is collected.
 */
describe('constants computed when a module loads', () => {
  it('vector.ts: the example and the component order in the messages of parseVector', async () => {
    const { parseVector } = await freshImport(() => import('../../src/core/vector.js'));
    expect(() => parseVector(' ')).toThrow('Invalid vector "": it is empty; write one like HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M.');
    expect(() => parseVector('HARM:1/L:P')).toThrow('Invalid vector "HARM:1/L:P": the S (scale) component is missing; a vector has L, S, D, V, C, T, M in that order.');
  });

  it('score.ts: the score of a dimension no harm lists', async () => {
    const { EMPTY_SCORE } = await freshImport(() => import('../../src/core/score.js'));
    expect(EMPTY_SCORE).toStrictEqual({ severity: 0, severityLevel: 'none', risk: 0, riskLevel: 'none', vector: null });
  });

  it('mappings.ts: the parts clause ids are cut into, whole runs of digits and of other characters', async () => {
    const { compareClauses } = await freshImport(() => import('../../src/core/mappings.js'));
    // 'A' is a shorter run than 'A.', so A1 comes first although "." sorts before "1".
    const ordered = ['A1', 'A.1', 'Art. 9', 'Art. 10', 'GOVERN 1.1', 'MEASURE 2.9', 'MEASURE 2.10'];
    expect([...ordered].reverse().sort(compareClauses)).toEqual(ordered);
    expect(ordered.map((c) => compareClauses(c, c))).toEqual(ordered.map(() => 0));
  });
});
