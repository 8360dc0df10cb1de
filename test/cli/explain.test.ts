import { describe, expect, it } from 'vitest';
import { readGolden } from '../helpers/golden.js';
import { runCli } from '../helpers/run-cli.js';

/*
 * `harm assess --explain` on the worked examples, whole: every state's levels, shifts, caps,
 * skipped effects and raises, and each number's arithmetic. The numbers themselves are checked
 * against SPEC §2 in test/core/explain.test.ts and test/oracle; this pins the rest of the words.
 */
describe('harm assess --explain on the examples', () => {
  it.each(['computer-use', 'model-response-boundaries'])('%s', async (name) => {
    const r = await runCli(['assess', `examples/${name}.yaml`, '--explain', '--today', '2026-11-30'], { columns: 80 });
    expect(r.stderr).toBe('');
    const at = r.stdout.indexOf('Scored with framework');
    expect(at).toBeGreaterThan(0);
    // The explanation only: the report above it has goldens of its own.
    const explanation = r.stdout.slice(at);
    expect(explanation).toBe(readGolden('explain', name, explanation));
  });
});
