import type { HarmReport, Report, Score } from '../schema/output.js';
import { formatMeasure, type ScoreMeasure } from './level-style.js';
import { describeHarms, groupSafeguards, indexWaiverExpiries, SAFEGUARD_GROUPS, type WaiverExpiries } from './safeguard-groups.js';
import { escapeMarkdown, formatCodeSpan as formatCode, formatMarkdownRow as formatRow, makeVisible } from './sanitize.js';
import { pluralize } from './text.js';
import type { AssessOutput, ReporterContext } from './types.js';

function formatTable(header: readonly string[], aligns: readonly ('left' | 'right')[], rows: readonly string[][]): string[] {
  return [formatRow(header), `|${aligns.map((a) => (a === 'right' ? ' --: ' : ' :-- ')).join('|')}|`, ...rows.map(formatRow)];
}

function formatLevelled(score: Score, measure: ScoreMeasure): string {
  const m = formatMeasure(score, measure);
  return `${m.value} ${m.level}`;
}

function nameOf(names: ReadonlyMap<string, string>, id: string): string {
  return escapeMarkdown(names.get(id) ?? id);
}

function formatHeader(report: Report): string[] {
  const lines: string[] = [];
  const f = report.feature;
  // Nothing of a broken document may be readable: then the file is all there is to name.
  if (!f) return [`# Harm assessment: ${formatCode(report.file)}`];
  lines.push(`# Harm assessment: ${escapeMarkdown(f.name)} (${formatCode(f.id)})`, '');
  const meta = [`**Owner:** ${escapeMarkdown(f.owner)}`, `**Stage:** ${f.stage}`];
  if (report.framework) meta.push(`**Framework:** ${formatCode(report.framework.id)} v${report.framework.version}`);
  meta.push(`**File:** ${formatCode(report.file)}`);
  lines.push(meta.join(' · '));
  return lines;
}

function formatProfile(report: Report, output: AssessOutput): string[] {
  const profile = report.profile;
  if (!profile) return [];
  const rows = [
    ...profile.dimensions.map((d) => ({ ...d, name: nameOf(output.catalog.dimensions, d.id), overall: false })),
    { ...profile.overall, name: 'Overall', overall: true },
  ];
  const strong = (text: string, on: boolean) => (on ? `**${text}**` : text);
  const transition = (row: (typeof rows)[number], measure: ScoreMeasure) =>
    row.harms === 0 ? '—' : `${formatLevelled(row.inherent, measure)} → ${formatLevelled(row.residual, measure)}`;
  const lines = ['', '## Severity profile', ''];
  lines.push(
    ...formatTable(
      ['Dimension', 'Harms', 'Severity (inherent → residual)', 'Risk (inherent → residual)'],
      ['left', 'right', 'left', 'left'],
      rows.map((r) => [
        strong(r.name, r.overall),
        strong(String(r.harms), r.overall),
        strong(transition(r, 'severity'), r.overall),
        strong(transition(r, 'risk'), r.overall),
      ]),
    ),
  );
  const changed = rows.filter((r) => r.projected.severity !== r.residual.severity || r.projected.risk !== r.residual.risk);
  if (changed.length > 0) {
    lines.push('', 'Projected, once planned and in-progress safeguards are implemented:', '');
    lines.push(
      ...formatTable(
        ['Dimension', 'Severity', 'Risk'],
        ['left', 'left', 'left'],
        changed.map((r) => [
          strong(r.name, r.overall),
          strong(formatLevelled(r.projected, 'severity'), r.overall),
          strong(formatLevelled(r.projected, 'risk'), r.overall),
        ]),
      ),
    );
  }
  return lines;
}

function formatStates(harm: HarmReport, measure: ScoreMeasure): string {
  const moved = `${formatLevelled(harm.inherent, measure)} → ${formatLevelled(harm.residual, measure)}`;
  const projected = formatLevelled(harm.projected, measure);
  return `${moved} (projected ${projected})`;
}

/** A harm that other safeguards' trade-offs raised says so, with the safeguards; an accepted risk says who accepted it, up to what, until when. */
function formatRaised(harm: HarmReport): string {
  let text = '';
  if (harm.raisedBy.length > 0) text += `<br>↑ raised by trade-offs of ${harm.raisedBy.map(formatCode).join(', ')}`;
  const a = harm.acceptance;
  if (a) {
    const until = a.active ? `until ${a.expires}` : `**expired ${a.expires}**`;
    text += `<br>Risk accepted up to ${a.upTo} by ${escapeMarkdown(a.approvedBy)}, ${until}: ${escapeMarkdown(a.reason)}`;
  }
  return text;
}

/** Framework clauses in full: `nist-ai-rmf` MANAGE 2.3, MEASURE 2.6; `eu-ai-act` Art. 9. */
export function formatMappings(mappings: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(mappings)
    .map(([framework, clauses]) => `${formatCode(framework)} ${clauses.map(escapeMarkdown).join(', ')}`)
    .join('; ');
}

function mappingsOf(report: Report, safeguard: string): string {
  for (const harm of report.harms) {
    const rec = harm.recommendations.find((r) => r.safeguard === safeguard);
    if (rec && Object.keys(rec.mappings).length > 0) return ` Serves: ${formatMappings(rec.mappings)}.`;
  }
  return '';
}

function formatHarms(report: Report, output: AssessOutput): string[] {
  if (report.harms.length === 0) return [];
  return [
    '',
    `## Harms (${report.harms.length})`,
    '',
    ...formatTable(
      ['Harm', 'Category', 'Dimensions', 'Severity (inherent → residual)', 'Risk (inherent → residual)', 'Vector (residual)'],
      ['left', 'left', 'left', 'left', 'left', 'left'],
      report.harms.map((h) => [
        `${formatCode(h.id)}<br>${escapeMarkdown(h.title)}${formatRaised(h)}`,
        nameOf(output.catalog.categories, h.category),
        h.dimensions.map((d) => nameOf(output.catalog.dimensions, d)).join(', '),
        formatStates(h, 'severity'),
        formatStates(h, 'risk'),
        h.residual.vector ? formatCode(h.residual.vector) : '—',
      ]),
    ),
  ];
}

function formatSafeguards(report: Report, expiries: WaiverExpiries): string[] {
  const groups = groupSafeguards(report.harms, expiries);
  if (groups.size === 0) return [];
  const lines = ['', '## Safeguards'];
  for (const group of SAFEGUARD_GROUPS) {
    const entries = groups.get(group.id);
    if (!entries) continue;
    lines.push('', `### ${group.title} (${entries.length})`, '');
    for (const entry of entries) {
      const harms = describeHarms(entry, report.harms.length, formatCode);
      const title = entry.title && entry.title !== entry.id ? ` — ${escapeMarkdown(entry.title)}` : '';
      // What is in place asks nothing of the reader, so it goes without reasons.
      const serves = mappingsOf(report, entry.id);
      if (group.id === 'inPlace') {
        lines.push(`- ${formatCode(entry.id)}${title}  `, `  For ${harms}.${serves}`);
        continue;
      }
      const why = entry.reasons.length > 0 ? entry.reasons.map(escapeMarkdown).join('; ') : 'declared in the assessment';
      lines.push(`- ${formatCode(entry.id)}${title}  `, `  For ${harms}. Why: ${why}.${serves}`);
    }
  }
  return lines;
}

function formatFindings(report: Report): string[] {
  const s = report.summary;
  const rows =
    report.findings.length === 0
      ? ['None.']
      : formatTable(
          ['Line', 'Level', 'Message', 'Rule'],
          ['right', 'left', 'left', 'left'],
          report.findings.map((f) => [`${f.line}:${f.column}`, f.level, escapeMarkdown(f.message), formatCode(f.rule)]),
        );
  return ['', '## Findings', '', ...rows, '', `**${pluralize(s.errors, 'error')}, ${pluralize(s.warnings, 'warning')}, ${pluralize(s.infos, 'info')}**`];
}

function formatExplanation(explanation: string | undefined): string[] {
  if (explanation === undefined || explanation.trim() === '') return [];
  // A code block shows its text as written, so acting characters are made visible first.
  const text = makeVisible(explanation).replace(/\s+$/, '');
  let longest = 0;
  for (const run of text.match(/`{3,}/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return ['', '<details>', '<summary>How the numbers were computed</summary>', '', `${fence}text`, text, fence, '', '</details>'];
}

/** `harm assess --format markdown`: the report for a pull request or a wiki page. */
export function formatAssessMarkdown(output: AssessOutput, _ctx: ReporterContext): string {
  const { report } = output;
  const sections = [formatHeader(report)];
  if (report.profile === null) {
    sections.push(['', '> **This assessment could not be scored:** the document itself has errors. Fix them and run `harm assess` again.']);
  } else {
    sections.push(formatProfile(report, output), formatHarms(report, output), formatSafeguards(report, indexWaiverExpiries(output.waivers)));
  }
  sections.push(formatFindings(report), formatExplanation(output.explanation));
  return `${sections.flat().join('\n')}\n`;
}
