import { describe, expect, it } from 'vitest';
import { formatAssessMarkdown } from '../../src/reporters/assess-markdown.js';
import type { Report } from '../../src/schema/output.js';
import { brokenReport, computerUseReport, makeAssessOutput, makeReporterContext, readAssessGolden } from '../fixtures/report.js';

function render(report: Report, explanation?: string): string {
  return formatAssessMarkdown(makeAssessOutput(report, explanation), makeReporterContext());
}

/** Cells of a GitHub table row: split on pipes that are not escaped. */
function splitRow(row: string): string[] {
  return row.slice(1, -1).split(/(?<!\\)\|/);
}

describe('formatAssessMarkdown', () => {
  it('matches the golden file', () => {
    const out = render(computerUseReport);
    expect(out).toBe(readAssessGolden('markdown', out));
  });

  it('matches the golden file for a document that could not be scored', () => {
    const out = render(brokenReport);
    expect(out).toBe(readAssessGolden('markdown-broken', out));
  });

  it('has the heading, feature line, profile, harms, safeguards and findings', () => {
    const out = render(computerUseReport);
    expect(out.startsWith('# Harm assessment: Computer Use (`computer-use`)\n')).toBe(true);
    expect(out).toContain('**Owner:** agents-team · **Stage:** beta · **Framework:** `harm-default` v2');
    expect(out).toContain('| Dimension | Harms | Severity (inherent → residual) | Risk (inherent → residual) |');
    expect(out).toContain('| Economic | 1 | 7.3 high → 7.3 high | 5.5 medium → 4.7 medium |');
    expect(out).toContain('| **Overall** | **3** | **9.4 critical → 8.7 high** | **8.2 high → 7.6 high** |');
    expect(out).toContain('### Required and missing (1)');
    expect(out).toContain('- `usage_policy.aup-coverage` — Usage policy covers the feature  \n  For all 3 harms.\n');
    // A waived safeguard is not in place: it has its own heading, with its status and the waiver's last day.
    expect(out).toContain(
      '### Required and waived (1)\n\n- `detection.hierarchical-summarization` — Hierarchical summarization of agent sessions  \n  For `unauthorized-financial-automation` (in progress, waived until 2026-07-01).',
    );
    expect(out.slice(out.indexOf('### In place'))).not.toContain('detection.hierarchical-summarization');
    expect(out).toContain('  For `unauthorized-financial-automation`, `prompt-injection-exfiltration`. Why: recommended: inherent risk medium is at least medium and stage beta.\n');
    expect(out).toContain(
      '| 60:9 | error | Harm "automated-influence-campaigns" fails the gate: its residual risk high (7.6) is at or above the risk gate high. | `residual-risk` |',
    );
    expect(out).toContain('**5 errors, 2 warnings, 3 infos**');
    expect(out).not.toContain('\u001b');
  });

  it('escapes pipes and newlines so that every table row keeps its columns', () => {
    const report = structuredClone(computerUseReport);
    report.harms[0]!.title = 'Moves money | cash\nbetween <accounts> with `code` and *stars*';
    report.harms[0]!.id = 'pipe|id';
    report.findings[0]!.message = 'A | B\nC';
    const out = render(report);
    const tables = out.split('\n').filter((l) => l.startsWith('|'));
    const header = (line: string) => splitRow(line).length;
    let columns = 0;
    for (const line of tables) {
      if (/^\| (Dimension|Harm|Line) \|/.test(line)) columns = header(line);
      expect(splitRow(line), line).toHaveLength(columns);
    }
    expect(out).toContain('`pipe\\|id`<br>Moves money \\| cash between \\<accounts\\> with \\`code\\` and \\*stars\\*');
    expect(out).toContain('| A \\| B C |');
  });

  it('puts the explanation in a collapsed block, fenced beyond any fence it contains', () => {
    const out = render(computerUseReport, 'line one\n```\nline three');
    expect(out).toContain('<details>\n<summary>How the numbers were computed</summary>\n\n````text\nline one\n```\nline three\n````\n\n</details>\n');
    expect(render(computerUseReport)).not.toContain('<details>');
  });

  it('prints only the findings with a clear headline when the document could not be scored', () => {
    const out = render(brokenReport);
    expect(out).toContain('**This assessment could not be scored:**');
    expect(out).not.toContain('## Severity profile');
    expect(out).toContain('| 3:1 | error | Unknown key "featur" in the document; did you mean "feature"? | `schema` |');
  });
});
