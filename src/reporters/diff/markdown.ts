import { nameOf } from '../catalog-names.js';
import { formatMarkdownTable } from '../markdown-table.js';
import { escapeMarkdown as text, formatCodeSpan as code } from '../sanitize.js';
import type { ReporterContext } from '../types.js';
import { changedDimensions, describeDirection, describeFrameworkChange, describeReasons, describeRiskChange, findHarm, orderChanges } from './describe.js';
import type { DiffOutput } from './types.js';

/**
 * `harm diff --format markdown`: short enough for a pull-request comment or a job
 * summary. The framework change first, then what moved in the profile, then one
 * row per harm with its old and new residual risk and why.
 */
export function formatDiffMarkdown(output: DiffOutput, _ctx: ReporterContext): string {
  const { diff, names } = output;
  const feature = output.new.feature!;
  const lines = [`### harm diff: ${text(feature.name)} (${code(feature.id)})`, ''];
  const framework = describeFrameworkChange(diff);
  if (framework) lines.push('> [!WARNING]', `> ${text(framework)}`, '');
  const stage = diff.old.stage !== diff.new.stage ? ` · stage ${diff.old.stage} → ${diff.new.stage}` : '';
  const verdict = diff.riskIncreased ? '**Residual risk rose.**' : 'Residual risk did not rise.';
  lines.push(`${code(diff.old.file)} → ${code(diff.new.file)}${stage} · ${verdict}`);

  const dims = changedDimensions(diff);
  lines.push('');
  if (dims.length === 0) lines.push('No dimension\'s residual risk changed.');
  else {
    lines.push(
      ...formatMarkdownTable(
        ['Dimension', 'Residual risk', ''],
        ['left', 'left', 'left'],
        dims.map((d) => [text(nameOf(names.dimensions, d.id)), describeRiskChange(d.old?.residual, d.new?.residual), describeDirection(d.old?.residual.risk, d.new?.residual.risk)]),
      ),
    );
  }

  const rows: string[][] = [];
  for (const change of orderChanges(diff.harms.changed)) {
    const reasons = describeReasons(change, diff.frameworkChanged);
    rows.push([
      `${code(change.id)} ${text(change.title)}`,
      `${describeRiskChange(change.old.residual, change.new.residual)} ${describeDirection(change.old.residual.risk, change.new.residual.risk)}`,
      reasons.length > 0 ? reasons.map(text).join('; ') : '—',
    ]);
  }
  for (const id of diff.harms.added) {
    const harm = findHarm(output.new.harms, id);
    rows.push([`${code(id)} ${text(harm?.title ?? '')}`.trim(), `${describeRiskChange(undefined, harm?.residual)} ↑`, 'added']);
  }
  for (const id of diff.harms.removed) {
    const harm = findHarm(output.old.harms, id);
    rows.push([`${code(id)} ${text(harm?.title ?? '')}`.trim(), `${describeRiskChange(harm?.residual, undefined)} ↓`, 'removed']);
  }
  lines.push('');
  if (rows.length === 0) lines.push('No harm changed.');
  else lines.push(...formatMarkdownTable(['Harm', 'Residual risk', 'Why'], ['left', 'left', 'left'], rows));
  return `${lines.join('\n')}\n`;
}
