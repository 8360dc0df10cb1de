import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FEATURE_ROWS, MAX_PROBLEM_ROWS } from '../../src/reporters/check-markdown.js';
import type { FileResult } from '../../src/reporters/types.js';
import { buildCheckRun, buildCleanRun, buildContext, renderFormat } from '../fixtures/check-run.js';
import { expectGolden } from './check-golden.js';

/** Cells of a GFM table row: split on pipes that are not backslash-escaped. */
function splitRow(row: string): string[] {
  return row.slice(1, -1).split(/(?<!\\)\|/);
}

function tableRows(markdown: string, header: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(header);
  expect(start).toBeGreaterThanOrEqual(0);
  const rows: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line);
  }
  return rows;
}

const FEATURE_HEADER = '| Feature | File | Stage | Residual severity | Residual risk | Errors | Warnings |';
const PROBLEM_HEADER = '| Level | Location | Rule | Message |';

describe('formatCheckMarkdown', () => {
  it('matches the golden file', () => {
    expectGolden('markdown', renderFormat('markdown', buildCheckRun(), buildContext()));
  });

  it('opens with a heading and the outcome', () => {
    const md = renderFormat('markdown', buildCheckRun(), buildContext());
    expect(md.startsWith('## harm results\n\n**✖ 8 problems (5 errors, 3 warnings), 4 files checked.**\n')).toBe(true);
    expect(md).toContain('_2 infos not shown, use --verbose to see them._');
  });

  it('tabulates scored features by residual risk, highest first, with their error and warning counts', () => {
    const rows = tableRows(renderFormat('markdown', buildCheckRun(), buildContext()), FEATURE_HEADER);
    expect(rows.map((r) => splitRow(r).map((c) => c.trim()))).toEqual([
      ['Computer Use (`computer-use`)', '`features/computer-use.harm.yaml`', 'beta', '8.1 high', '7.1 high', '4', '1'],
      ['Agent tools \\| beta \\<preview\\> (`agent-tools`)', '`features/agent tools.harm.yaml`', 'development', '6.6 medium', '5.0 medium', '0', '2'],
      ['Chat memory (`chat-memory`)', '`features/chat-memory.harm.yaml`', 'ga', '2.4 low', '1.6 low', '0', '0'],
    ]);
  });

  it('lists errors and warnings with escaped messages that stay inside their table row', () => {
    const rows = tableRows(renderFormat('markdown', buildCheckRun(), buildContext()), PROBLEM_HEADER);
    expect(rows).toHaveLength(8);
    for (const row of rows) expect(splitRow(row)).toHaveLength(4);
    expect(rows).toContain(
      "| error | `features/computer-use.harm.yaml:20:9` | `missing-required-safeguard` | Safeguard 'detection.account-monitoring' is required for harm 'unauthorized-financial-automation': 100% of \\<high \\& critical\\> cases, every stage<br>Declare it or record a waiver. |",
    );
    expect(rows).toContain(
      '| error | `features/computer-use.harm.yaml:27:31` | `unknown-reference` | Unknown population "olderadults" \\| did you mean "older_adults"? |',
    );
  });

  it('lists infos only with --verbose', () => {
    expect(renderFormat('markdown', buildCheckRun(), buildContext())).not.toContain('recommended-safeguard');
    const md = renderFormat('markdown', buildCheckRun(), buildContext({ verbose: true }));
    expect(md).toContain('### Findings');
    expect(tableRows(md, PROBLEM_HEADER).filter((r) => r.startsWith('| info |'))).toHaveLength(2);
  });

  it('says a clean run is clean and still shows the residual risk', () => {
    expect(renderFormat('markdown', buildCleanRun(), buildContext())).toBe(
      [
        '## harm results',
        '',
        '✔ 1 file checked, no problems.',
        '',
        '### Residual risk by feature',
        '',
        FEATURE_HEADER,
        '| --- | --- | --- | --- | --- | ---: | ---: |',
        '| Chat memory (`chat-memory`) | `features/chat-memory.harm.yaml` | ga | 2.4 low | 1.6 low | 0 | 0 |',
        '',
      ].join('\n'),
    );
    expect(renderFormat('markdown', buildCheckRun([]), buildContext())).toBe('## harm results\n\n✔ 0 files checked, no problems.\n');
  });

  it('stops the problem table after MAX_PROBLEM_ROWS rows and says how many are left', () => {
    const findings = Array.from({ length: MAX_PROBLEM_ROWS + 5 }, (_, i) => ({
      rule: 'schema' as const,
      level: 'error' as const,
      message: `problem ${i}`,
      file: 'a.harm.yaml',
      line: i + 1,
      column: 1,
    }));
    const file: FileResult = { file: 'a.harm.yaml', uri: 'a.harm.yaml', feature: null, findings };
    const md = renderFormat('markdown', buildCheckRun([file]), buildContext());
    expect(tableRows(md, PROBLEM_HEADER)).toHaveLength(MAX_PROBLEM_ROWS);
    expect(md).toContain('…and 5 more; run harm locally to see them all.');
  });


  it('keeps the MAX_FEATURE_ROWS features of highest residual risk, in the order of the whole table, and counts the rest', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 3 })), { minLength: 0, maxLength: MAX_FEATURE_ROWS + 40 }), (scores) => {
        const files: FileResult[] = scores.map(([risk, severity], i) => ({
          file: `f${i}.harm.yaml`,
          uri: `f${i}.harm.yaml`,
          feature: `f${i}`,
          findings: [],
          scored: { name: `F${i}`, stage: 'beta', residual: { severity, severityLevel: 'low', risk, riskLevel: 'low', vector: null }, harmRisk: {} },
        }));
        const md = renderFormat('markdown', buildCheckRun(files), buildContext());
        const shown = files.length === 0 ? [] : tableRows(md, FEATURE_HEADER).map((r) => splitRow(r)[1]!.trim());
        // The whole table, as a stable sort of every file would give it.
        const whole = files
          .map((f, i) => ({ f, i }))
          .sort((a, b) => b.f.scored!.residual.risk - a.f.scored!.residual.risk || b.f.scored!.residual.severity - a.f.scored!.residual.severity || a.i - b.i)
          .map(({ f }) => `\`${f.file}\``);
        expect(shown).toEqual(whole.slice(0, MAX_FEATURE_ROWS));
        const more = files.length - MAX_FEATURE_ROWS;
        if (more > 0) expect(md).toContain(`…and ${more} more feature${more === 1 ? '' : 's'} at lower risk; run harm locally to see them all.`);
        else expect(md).not.toContain('at lower risk');
      }),
      { numRuns: 60 },
    );
  });
});

