import type { Diff, HarmChange, HarmReport, Score } from '../../schema/output.js';
import { formatNumber } from '../level-style.js';

/** "↑", "↓" or "=": which way a residual risk moved. */
export function describeDirection(before: number | undefined, after: number | undefined): '↑' | '↓' | '=' {
  const a = before ?? 0;
  const b = after ?? 0;
  return b > a ? '↑' : b < a ? '↓' : '=';
}

export function describeRisk(score: Score | undefined): string {
  return score ? `${formatNumber(score.risk)} ${score.riskLevel}` : '—';
}

/** "4.7 medium → 5.5 medium" */
export function describeRiskChange(before: Score | undefined, after: Score | undefined): string {
  return `${describeRisk(before)} → ${describeRisk(after)}`;
}

const show = (value: string | readonly string[]) => (typeof value === 'string' ? value : value.join(', '));

/**
 * Why a harm's numbers moved, as a reviewer asks: the factors edited, the safeguards
 * whose status changed, another safeguard's trade-off, or the catalog itself.
 */
export function describeReasons(change: HarmChange, frameworkChanged: boolean): string[] {
  const reasons: string[] = [];
  if (change.category) reasons.push(`category ${change.category.old} → ${change.category.new}`);
  for (const [factor, { old, new: now }] of Object.entries(change.factors)) reasons.push(`${factor.replace(/_/g, ' ')} ${show(old)} → ${show(now)}`);
  if (change.dimensions) reasons.push(`dimensions ${show(change.dimensions.old)} → ${show(change.dimensions.new)}`);
  for (const s of change.safeguards) reasons.push(`${s.id} ${s.old.replace(/_/g, ' ')} → ${s.new.replace(/_/g, ' ')}`);
  if (change.raisedBy) {
    const added = change.raisedBy.new.filter((id) => !change.raisedBy!.old.includes(id));
    const gone = change.raisedBy.old.filter((id) => !change.raisedBy!.new.includes(id));
    if (added.length > 0) reasons.push(`raised by the trade-offs of ${added.join(', ')}`);
    if (gone.length > 0) reasons.push(`no longer raised by ${gone.join(', ')}`);
  }
  if (frameworkChanged) reasons.push('the catalog changed');
  return reasons;
}

/** Changed harms, the largest rise in residual risk first, then the smallest fall; ties in file order. */
export function orderChanges(changes: readonly HarmChange[]): HarmChange[] {
  return [...changes].sort((a, b) => b.new.residual.risk - b.old.residual.risk - (a.new.residual.risk - a.old.residual.risk));
}

/** Dimensions whose residual risk changed. */
export function changedDimensions(diff: Diff): Diff['profile'] {
  return diff.profile.filter((d) => (d.old?.residual.risk ?? 0) !== (d.new?.residual.risk ?? 0) || (d.old === null) !== (d.new === null));
}

/** The first thing a reader must know: the sides were scored by different models or catalogs. */
export function describeFrameworkChange(diff: Diff): string | undefined {
  if (!diff.frameworkChanged) return undefined;
  const a = diff.old.framework;
  const b = diff.new.framework;
  const version = (f: typeof a) => `${f.id} v${f.version} ${f.digest.slice(0, 19)}…`;
  return `The framework changed between the two sides (${version(a)} → ${version(b)}): the numbers can move without any edit to the file.`;
}

export function findHarm(harms: readonly HarmReport[], id: string): HarmReport | undefined {
  return harms.find((h) => h.id === id);
}
