import { describe, expect, it } from 'vitest';
import { formatAssessMarkdown } from '../../src/reporters/assess-markdown.js';
import { formatAssessTable } from '../../src/reporters/assess-table/index.js';
import { stripVTControlCharacters as stripAnsi } from 'node:util';
import { measureText } from '../../src/reporters/terminal-text.js';
import type { Report } from '../../src/schema/output.js';
import {
  brokenReport,
  buildLongTextReport,
  computerUseReport,
  makeAssessOutput,
  makeReporterContext,
  readAssessGolden,
} from '../fixtures/report.js';

const ESC = '\u001b';

function render(report: Report, overrides: Parameters<typeof makeReporterContext>[0] = {}, explanation?: string): string {
  return formatAssessTable(makeAssessOutput(report, explanation), makeReporterContext(overrides));
}

function overlong(text: string, width: number): string[] {
  return text.split('\n').filter((line) => measureText(line) > width);
}

describe('formatAssessTable', () => {
  it('matches the golden file at 80 columns without colour', () => {
    const out = render(computerUseReport);
    expect(out).toBe(readAssessGolden('table', out));
  });

  it('matches the golden file at 60 columns, where the profile stacks inherent over residual', () => {
    const out = render(computerUseReport, { width: 60 });
    expect(out).toBe(readAssessGolden('table-60', out));
  });

  it('matches the golden file for a document that could not be scored', () => {
    const out = render(brokenReport);
    expect(out).toBe(readAssessGolden('table-broken', out));
  });

  it('keeps every line within the width, with colour off and on', () => {
    const { report, catalog } = buildLongTextReport();
    for (const color of [false, true]) {
      for (const width of [40, 50, 60, 72, 80, 100, 132]) {
        const ctx = makeReporterContext({ color, width });
        for (const out of [
          formatAssessTable(makeAssessOutput(computerUseReport, 'severity = round1(10 · I · A)\n  I = B + (1 − B)·v'), ctx),
          formatAssessTable(makeAssessOutput(brokenReport), ctx),
          formatAssessTable({ report, catalog }, ctx),
        ]) {
          expect(overlong(out, width), `width ${width}, colour ${color}`).toEqual([]);
        }
      }
    }
  });

  it('writes no ANSI code at all with colour off', () => {
    const { report, catalog } = buildLongTextReport();
    expect(render(computerUseReport, {}, 'explained')).not.toContain(ESC);
    expect(render(brokenReport)).not.toContain(ESC);
    // A title carrying an escape sequence shows it as text instead of passing it to the terminal.
    const out = formatAssessTable({ report, catalog }, makeReporterContext());
    expect(out).not.toContain(ESC);
    expect(out).toContain('\\u001B[31mred');
  });

  it('colours levels with colour on and is otherwise the same text', () => {
    const coloured = render(computerUseReport, { color: true });
    expect(coloured).toContain(ESC);
    expect(coloured).toContain(`${ESC}[1m${ESC}[35m9.4 critical${ESC}[39m${ESC}[22m`);
    expect(coloured).toContain(`${ESC}[31m8.7 high${ESC}[39m`);
    expect(coloured).toContain(`${ESC}[33m4.7 medium${ESC}[39m`);
    expect(coloured).toContain(`${ESC}[31merror`);
    expect(coloured).toContain(`${ESC}[33mwarning`);
    expect(coloured).toContain(`${ESC}[34minfo`);
    expect(stripAnsi(coloured)).toBe(render(computerUseReport));
    for (const width of [40, 60, 100]) {
      expect(stripAnsi(render(computerUseReport, { color: true, width }))).toBe(render(computerUseReport, { width }));
    }
  });

  it('heads the report with the feature, its owner, stage, framework and file', () => {
    const [first, second, third] = render(computerUseReport).split('\n');
    expect(first).toBe('Computer Use (computer-use)');
    expect(second).toBe('Owner: agents-team · Stage: beta · Framework: harm-default v2');
    expect(third).toBe('File: examples/computer-use.harm.yaml');
  });

  it('shows one profile row per dimension plus Overall, levels spelled out, with a bar of the residual risk', () => {
    const lines = render(computerUseReport, { width: 100 }).split('\n');
    const row = (name: string) => lines.find((l) => l.startsWith(`${name} `)) ?? '';
    expect(row('Psychological')).toMatch(/^Psychological\s+2\s+9\.4 critical → 8\.7 high\s+8\.2 high\s+→ 7\.6 high\s+█{8}░{2}$/);
    expect(row('Economic')).toMatch(/^Economic\s+1\s+7\.3 high\s+→ 7\.3 high\s+5\.5 medium → 4\.7 medium\s+█{5}░{5}$/);
    expect(row('Individual autonomy')).toMatch(/5\.5 medium → 5\.3 medium/);
    expect(row('Physical')).toMatch(/^Physical\s+0\s+—\s+—\s+░{10}$/);
    expect(row('Overall')).toMatch(/^Overall\s+3\s+9\.4 critical → 8\.7 high/);
    // The arrows line up down each column.
    const arrows = ['Psychological', 'Economic', 'Societal', 'Overall'].map((n) => row(n).indexOf('→'));
    expect(new Set(arrows).size).toBe(1);
  });

  it('notes the projected state where it differs from the residual one', () => {
    const out = render(computerUseReport);
    expect(out).toContain('Projected, once planned and in-progress safeguards are implemented:');
    expect(out).toMatch(/ {2}Economic\s+severity 6\.6 medium\s+risk 4\.3 medium/);
    const settled = structuredClone(computerUseReport);
    for (const d of [...settled.profile!.dimensions, settled.profile!.overall]) d.projected = d.residual;
    expect(render(settled)).not.toContain('Projected');
  });

  it('lists each harm with its id, title, category name, dimensions, vector and the three states', () => {
    const out = render(computerUseReport);
    expect(out).toContain(
      [
        '1. unauthorized-financial-automation',
        '   Unauthorized automation of banking platforms',
        '   Fraud and scams · Economic, Individual autonomy',
        '             inherent      residual      projected',
        '   Severity  7.3 high      7.3 high      6.6 medium',
        '   Risk      5.5 medium    4.7 medium    4.3 medium',
        '   Vector    HARM:1/L:U/S:W/D:L/V:E/C:C/T:S/M:M (residual)',
      ].join('\n'),
    );
    expect(out).toContain('   Influence operations · Societal, Psychological');
  });

  it('groups safeguards under required-missing, required-pending, required-waived, recommended, optional and in place', () => {
    const out = render(computerUseReport);
    const headings = [
      'Required and missing (1)',
      'Required and pending (3)',
      'Required and waived (1)',
      'Recommended (2)',
      'Optional, not in place (1)',
      'In place (3)',
    ];
    const positions = headings.map((h) => out.indexOf(`\n${h}\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(out).toContain(
      [
        '  ✗ detection.prompt-injection-classifier',
        '    Prompt-injection classifier on screenshots and page text',
        '    for  prompt-injection-exfiltration',
        '    why  required: category privacy and capability computer_use',
      ].join('\n'),
    );
    expect(out).toContain('    for  automated-influence-campaigns (not applicable)');
    // One entry per safeguard, listing every harm; reasons differing only in a harm's numbers are said once.
    expect(out).toContain(
      [
        '  + evaluation.red-teaming',
        '    Red teaming before launch',
        '    for  unauthorized-financial-automation, prompt-injection-exfiltration',
        '    why  recommended: inherent risk medium is at least medium and stage beta',
      ].join('\n'),
    );
    expect(out.match(/\+ evaluation\.red-teaming/g)).toHaveLength(1);
    expect(out).toMatch(/why {2}required: inherent risk medium \(5\.5\) is at least medium and category\n {9}fraud_scams and capability computer_use/);
  });

  it('lists a waived safeguard as waived, with its status and the day its waiver ends, not as in place', () => {
    const out = render(computerUseReport);
    expect(out).toContain(
      [
        'Required and waived (1)',
        '  ⊘ detection.hierarchical-summarization',
        '    Hierarchical summarization of agent sessions',
        '    for  unauthorized-financial-automation (in progress, waived until',
        '         2026-07-01)',
      ].join('\n'),
    );
    expect(out.slice(out.indexOf('In place'))).not.toContain('detection.hierarchical-summarization');
  });

  it('lists what is in place compactly, without reasons', () => {
    const out = render(computerUseReport);
    const inPlace = out.slice(out.indexOf('In place (3)'), out.indexOf('Findings'));
    expect(inPlace).toBe(
      [
        'In place (3)',
        '  ✓ enforcement.account-blocking     automated-influence-campaigns',
        '  ✓ enforcement.stricter-thresholds  unauthorized-financial-automation',
        '  ✓ usage_policy.aup-coverage        all 3 harms',
        '',
        '',
      ].join('\n'),
    );
    // At 40 columns no harm id fits beside the safeguard ids, so they go below.
    expect(render(computerUseReport, { width: 40 })).toContain('  ✓ enforcement.account-blocking\n    for  automated-influence-campaigns\n');
  });

  it('lists findings as line:col, level, message and rule, then the summary', () => {
    const out = render(computerUseReport);
    expect(out).toContain(
      [
        '  60:9   error    Harm "automated-influence-campaigns" fails the gate: its',
        '                  residual risk high (7.6) is at or above the risk gate high.',
        '                  residual-risk',
        '',
        '  79:17  error    Harm',
      ].join('\n'),
    );
    expect(out).toContain('  35:14  warning  Safeguard "product.action-confirmation" was due on 2025-05-15\n                  and is planned, not implemented.  safeguard-overdue\n');
    expect(out).toContain('  15:9   info     Safeguard "evaluation.red-teaming"');
    expect(out.trimEnd().split('\n').at(-1)).toBe('✗ 5 errors, 2 warnings, 3 infos');
  });

  it('keeps findings on one line each, unspaced, when they fit', () => {
    const report = structuredClone(computerUseReport);
    report.findings = [report.findings[0]!, report.findings[3]!];
    expect(render(report, { width: 140 })).toContain(
      [
        '  12:14  warning  The assessment was due for review on 2025-06-01.  review-overdue',
        '  35:14  warning  Safeguard "product.action-confirmation" was due on 2025-05-15 and is planned, not implemented.  safeguard-overdue',
        '',
      ].join('\n'),
    );
  });

  it('summarises a clean report without alarm', () => {
    const clean = { ...structuredClone(computerUseReport), findings: [], summary: { errors: 0, warnings: 0, infos: 0 } };
    const out = render(clean);
    expect(out).toContain('Findings ─');
    expect(out).toContain('  None.');
    expect(out.trimEnd().split('\n').at(-1)).toBe('✓ 0 errors, 0 warnings, 0 infos');
  });

  it('prints only a headline and the findings when the document could not be scored', () => {
    const out = render(brokenReport);
    expect(out).toContain('This assessment could not be scored');
    expect(out).not.toContain('Severity profile');
    expect(out).not.toContain('Harms');
    expect(out).toContain('  3:1    error  Unknown key "featur" in the document; did you mean "feature"?');
    expect(out.trimEnd().split('\n').at(-1)).toBe('✗ 2 errors, 0 warnings, 0 infos');
  });

  it('names the feature above the headline when it could be read from a broken document', () => {
    const out = render({ ...brokenReport, feature: { id: 'voice', name: 'Voice', owner: 'audio', stage: 'concept' } });
    expect(out.split('\n').slice(0, 6)).toEqual([
      'Voice (voice)',
      'Owner: audio · Stage: concept · Framework: harm-default v2',
      'File: drafts/broken.harm.yaml',
      '',
      'This assessment could not be scored: the document itself has errors. Fix them',
      'and run harm assess again.',
    ]);
  });

  it('appends the explanation, keeping its indentation', () => {
    const out = render(computerUseReport, {}, 'Overall risk 7.6 high\n  severity 8.7 × (1 − 0.5 · (1 − 0.75))\n');
    expect(out).toMatch(/How the numbers were computed ─+\n\nOverall risk 7\.6 high\n {2}severity 8\.7 × \(1 − 0\.5 · \(1 − 0\.75\)\)\n$/);
    expect(render(computerUseReport)).not.toContain('How the numbers');
  });

  it('falls back to the default width when none is known', () => {
    expect(render(computerUseReport, { width: 0 })).toBe(render(computerUseReport));
  });
});

describe('a report of 1,000 harms and 29,000 findings', () => {
  it('renders in the table and Markdown reports without overflowing the stack', () => {
    const report = structuredClone(computerUseReport);
    const template = report.harms[0]!;
    report.harms = Array.from({ length: 1000 }, (_, i) => ({ ...template, id: `harm-${i}` }));
    const finding = report.findings[2]!;
    report.findings = Array.from({ length: 29_000 }, (_, i) => ({ ...finding, line: i + 1, harm: `harm-${i % 1000}` }));
    report.summary = { errors: 29_000, warnings: 0, infos: 0 };
    const table = render(report);
    expect(table).toContain('Harms (1000)');
    expect(table).toContain('  29000:17  error');
    expect(table.trimEnd().split('\n').at(-1)).toBe('✗ 29000 errors, 0 warnings, 0 infos');
    const markdown = formatAssessMarkdown(makeAssessOutput(report), makeReporterContext());
    expect(markdown).toContain('| 29000:17 | error |');
  });
});
