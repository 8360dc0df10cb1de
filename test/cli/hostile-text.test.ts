import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { makeTempDir, writeIn } from '../helpers/files.js';
import { runCli } from '../helpers/run-cli.js';
import { findActing, HOSTILE } from '../fixtures/hostile.js';

/** A YAML double-quoted scalar spelling every character outside printable ASCII as \uXXXX, so the file itself stays valid. */
function quote(text: string): string {
  const escaped = [...text]
    .map((c) => {
      const code = c.codePointAt(0)!;
      if (c === '"' || c === '\\') return `\\${c}`;
      return code < 0x20 || code >= 0x7f ? `\\u${code.toString(16).padStart(4, '0')}` : c;
    })
    .join('');
  return `"${escaped}"`;
}

function writeCatalog(dir: string, text: string): void {
  writeIn(
    dir,
    'catalog.yaml',
    `apiVersion: harm/v1
kind: Catalog
framework:
  factors:
    likelihood:
      name: ${quote(text)}
  dimensions:
    - id: physical
      name: ${quote(text)}
categories:
  - id: evil
    name: ${quote(text)}
    description: ${quote(text)}
    escalate: true
    escalation_message: ${quote(text)}
safeguards:
  - id: product.evil
    title: ${quote(text)}
    kind: product
    stage: design
    burden: low
    description: ${quote(text)}
    require_when:
      - { category: evil }
`,
  );
}

function writeAssessment(dir: string, text: string): void {
  writeIn(
    dir,
    'a.harm.yaml',
    `apiVersion: harm/v1
kind: Assessment
feature:
  id: hostile
  name: ${quote(text)}
  owner: ${quote(text)}
  stage: beta
assessment:
  date: 2025-01-01
  assessors: [${quote(text)}]
harms:
  - id: h
    title: ${quote(text)}
    category: evil
    dimensions: [physical, ${quote(text)}]
    factors:
      likelihood: likely
      scale: widespread
      duration: long_term
      affected_populations: [general_public, ${quote(text)}]
      causality: direct
      technology_contribution: essential
      mitigation_feasibility: low
    rationale: ${quote(text)}
    safeguards:
      - id: product.evil
        status: in_progress
      - id: ${quote(`product.${text}`)}
        status: planned
waivers:
  - harm: h
    safeguard: product.evil
    reason: ${quote(text)}
    approved_by: ${quote(text)}
    expires: 2026-12-31
`,
  );
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const VECTOR = 'HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M';

describe.each(HOSTILE)('$name in documents and arguments', ({ text }) => {
  const dir = makeTempDir('harm-hostile-');
  dirs.push(dir);
  writeCatalog(dir, text);
  writeAssessment(dir, text);
  const withCatalog = ['--catalog', 'catalog.yaml'];

  const commands: string[][] = [
    // The table format, with the explanation too; every format is checked with every string in test/reporters.
    ['assess', 'a.harm.yaml', ...withCatalog, '--explain'],
    ['assess', 'a.harm.yaml', ...withCatalog, '--format', 'markdown'],
    ['catalog', 'list', ...withCatalog],
    ['catalog', 'list', ...withCatalog, '--format', 'json'],
    ['catalog', 'show', 'product.evil', ...withCatalog],
    ['catalog', 'show', 'evil', ...withCatalog, '--format', 'json'],
    ['score', VECTOR, ...withCatalog],
    // Error messages quote file names, ids, options and values as given.
    ['assess', `${text}.harm.yaml`],
    ['catalog', 'show', text],
    ['catalog', 'list', '--mapping', text],
    ['assess', 'a.harm.yaml', '--format', text],
    ['assess', 'a.harm.yaml', `--${text}`],
    [text],
    ['help', text],
    ['score', `HARM:1/L:${text}`],
  ];

  it.each(commands.map((argv) => [argv.join(' '), argv] as const))('harm %s writes it inert', async (_name, argv) => {
    const result = await runCli([...argv], { cwd: dir, today: '2026-01-15' });
    expect(result.stdout + result.stderr, 'some output').not.toBe('');
    expect(findActing(result.stdout), 'stdout').toEqual([]);
    expect(findActing(result.stderr), 'stderr').toEqual([]);
    expect(result.stderr).not.toContain('unexpected failure');
  });
});
