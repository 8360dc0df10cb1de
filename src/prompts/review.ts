import { sanitizeTerminalLine } from '../reporters/sanitize.js';
import type { Assessment } from '../schema/assessment.js';
import type { Catalog } from '../schema/catalog.js';
import { LEVELS } from '../schema/common.js';
import type { Profile, Score } from '../schema/output.js';
import { addHarm, askHarm } from './harm-questions.js';
import { fitText, PLAIN_STYLE, type Style } from './terminal-text.js';
import type { Walk } from './walk.js';

/*
 * Looking back over the harms: in `harm edit`, keep, edit or remove each one
 * already in the file (question harm.<n>.action); at the end of every walk,
 * the trade-offs no harm scores yet (question harms.tradeoff: add one now?),
 * the waivers and acceptances that follow their harms and the severity profile.
 */

export async function reviewExistingHarms(walk: Walk): Promise<void> {
  walk.section(`Harms (${walk.harms.length})`);
  for (const draft of [...walk.harms]) {
    walk.say();
    const report = walk.reportHarm(draft.n, draft.harm);
    walk.say(`${draft.n}. ${draft.harm.title}`, walk.style.bold);
    walk.say(`   ${draft.harm.id} · ${walk.describeDimensions(draft.harm.dimensions)}`, walk.style.dim);
    walk.show(`   ${walk.formatScore(report.residual, 'residual')}`);
    const action = await walk.ask.select<'keep' | 'edit' | 'remove'>({
      name: `harm.${draft.n}.action`,
      message: 'Keep, edit or remove it?',
      choices: [
        { value: 'keep', name: 'keep', description: 'Leave it exactly as it is.' },
        { value: 'edit', name: 'edit', description: 'Go through its questions with the current answers pre-filled.' },
        { value: 'remove', name: 'remove', description: 'Delete it from the assessment.' },
      ],
      default: 'keep',
    });
    if (action === 'remove') walk.harms = walk.harms.filter((h) => h !== draft);
    else if (action === 'edit') draft.harm = await askHarm(walk, draft.n, draft.harm, undefined);
  }
}

/**
 * Waivers and acceptances follow their harm: a renamed harm takes them along, a removed
 * one takes them away.
 */
function followHarm<T extends { harm: string }>(walk: Walk, records: readonly T[] | undefined, describe: (record: T) => string): T[] | undefined {
  const existing = walk.existing;
  if (!existing || !records) return records ? [...records] : undefined;
  const renamed = new Map<string, string>();
  for (const h of walk.harms) if (h.origin !== undefined) renamed.set(existing.harms[h.origin]!.id, h.harm.id);
  const removed = new Set(existing.harms.map((h) => h.id).filter((id) => !renamed.has(id)));
  const kept: T[] = [];
  for (const record of records) {
    if (removed.has(record.harm)) {
      walk.say(`${describe(record)} goes with its harm.`, walk.style.dim);
      continue;
    }
    const id = renamed.get(record.harm);
    kept.push(id === undefined || id === record.harm ? record : { ...record, harm: id });
  }
  return kept.length > 0 || records.length === 0 ? kept : undefined;
}

export function followWaivers(walk: Walk): Assessment['waivers'] {
  return followHarm(walk, walk.existing?.waivers, (w) => `The waiver for ${w.safeguard} on ${w.harm}`);
}

export function followAcceptances(walk: Walk): Assessment['acceptances'] {
  return followHarm(walk, walk.existing?.acceptances, (a) => `The acceptance of risk on ${a.harm}`);
}

/**
 * Safeguards that raise a category the assessment does not assess (the engine's
 * unassessed-tradeoff): said in its words, with the offer to name such a harm now.
 */
export async function offerTradeoffHarms(walk: Walk): Promise<void> {
  const found = walk.evaluate(walk.draft(walk.harms.map((h) => h.harm))).findings.filter((f) => f.rule === 'unassessed-tradeoff');
  if (found.length === 0) return;
  walk.section('Trade-offs');
  for (const finding of found) walk.say(finding.message, walk.style.warn);
  if (await walk.ask.confirm({ name: 'harms.tradeoff', message: 'Add such a harm now?', default: false })) await addHarm(walk, undefined);
}

export function showProfile(walk: Walk, profile: Profile): void {
  walk.section('Severity profile');
  walk.show(formatProfileTable(profile, walk.catalog, walk.style));
}

/** The dimension × state table, severity / risk in each cell; fits 80 columns. */
export function formatProfileTable(profile: Profile, catalog: Catalog, style: Style = PLAIN_STYLE): string {
  const width = 25;
  const cell = (score: Score) => {
    const text = `${score.severity.toFixed(1)} ${score.severityLevel} / ${score.risk.toFixed(1)} ${score.riskLevel}`;
    const worst = LEVELS.indexOf(score.riskLevel) >= LEVELS.indexOf(score.severityLevel) ? score.riskLevel : score.severityLevel;
    return style.level(worst, text) + ' '.repeat(Math.max(1, width - text.length));
  };
  // Dimension names are catalog text: made inert and fitted by terminal width.
  const nameOf = (id: string) => fitText(sanitizeTerminalLine(catalog.framework.dimensions.find((d) => d.id === id)?.name ?? id), 20);
  // A dimension no harm lists has nothing to score: a dash reads better than a row of zeros.
  const row = (name: string, harms: number, inherent: Score, residual: Score) =>
    `${name} ${String(harms).padStart(5)}   ${harms === 0 ? style.dim('—') : cell(inherent) + cell(residual)}`.trimEnd();
  const lines = [
    style.dim(`${'Dimension'.padEnd(20)} ${'Harms'.padStart(5)}   ${'Inherent sev. / risk'.padEnd(width)}Residual sev. / risk`),
    ...profile.dimensions.map((d) => row(nameOf(d.id), d.harms, d.inherent, d.residual)),
    row(fitText('Overall', 20), profile.overall.harms, profile.overall.inherent, profile.overall.residual),
  ];
  return lines.join('\n');
}
