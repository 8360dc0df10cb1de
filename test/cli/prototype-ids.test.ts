import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, writeIn } from '../helpers/files.js';
import { runCli } from '../helpers/run-cli.js';

/** Names every JavaScript object answers to: as ids they must find nothing, never a method. */
const PROTOTYPE_NAMES = ['toString', 'constructor', 'hasOwnProperty', 'valueOf', '__proto__'];

const dir = makeTempDir('harm-prototype-ids-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeIn(
  dir,
  'a.harm.yaml',
  `apiVersion: harm/v1
kind: Assessment
feature:
  id: prototype-names
  name: Prototype names
  owner: o
  stage: beta
assessment:
  date: 2025-01-01
  assessors: [a]
harms:
${PROTOTYPE_NAMES.filter((name) => name !== '__proto__')
  .map(
    (name, i) => `  - id: harm-${i}
    title: Harm named after ${name}
    category: ${name}
    dimensions: [economic, ${name}]
    factors:
      likelihood: likely
      scale: widespread
      duration: long_term
      affected_populations: [general_public, ${name}]
      causality: direct
      technology_contribution: essential
      mitigation_feasibility: low
    safeguards:
      - id: ${name}
        status: in_progress
`,
  )
  .join('')}waivers:
  - harm: constructor
    safeguard: toString
    reason: r
    approved_by: b
    expires: 2026-12-31
`,
);

describe('ids named after Object properties', () => {
  it.each([['table'], ['markdown'], ['yaml'], ['json']])('harm assess --format %s reports them as unknown ids', async (format) => {
    const result = await runCli(['assess', 'a.harm.yaml', '--format', format], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Unknown category');
    expect(result.stdout).toContain('toString');
  });

  it('harm assess --explain explains them', async () => {
    const result = await runCli(['assess', 'a.harm.yaml', '--explain'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('How the numbers were computed');
  });

  it('shows the category id where the catalog has no name for it', async () => {
    const result = await runCli(['assess', 'a.harm.yaml'], { cwd: dir });
    expect(result.stdout).toContain('   toString · Economic, toString');
    expect(result.stdout).toContain('   constructor · Economic, constructor');
  });

  it.each(PROTOTYPE_NAMES.map((name) => [name]))('harm catalog list --mapping %s finds no mapping', async (name) => {
    const result = await runCli(['catalog', 'list', '--mapping', name], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^harm: Nothing in the catalog maps to "${name}"\\.`));
  });

  it.each(PROTOTYPE_NAMES.map((name) => [name]))('harm catalog show %s finds no entry', async (name) => {
    const result = await runCli(['catalog', 'show', name], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^harm: The catalog has no id "${name}"\\.`));
  });
});
