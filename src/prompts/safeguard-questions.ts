import { pluralize } from '../reporters/text.js';
import type { Harm, SafeguardDeclaration } from '../schema/assessment.js';
import { SAFEGUARD_KINDS } from '../schema/catalog.js';
import type { DeclarationStatus } from '../schema/common.js';
import type { HarmReport, Recommendation } from '../schema/output.js';
import { capitalize, compact, requireText } from './answers.js';
import type { Choice } from './ask.js';
import type { Walk } from './walk.js';

/*
 * The safeguards of one harm: those the catalog requires or recommends for it,
 * a way through them, then any other from the catalog.
 * Questions:
 *   harm.<n>.safeguards.mode          plan | each | required (asked when there are two or more)
 *   harm.<n>.safeguards.kind.<kind>   plan: which of this kind are in place or planned (checkbox)
 *   harm.<n>.safeguard.<safeguard>    its status, or `skip`   (.note when not applicable)
 *   harm.<n>.safeguards.more (confirm)  harm.<n>.safeguards.extra (checkbox)
 */

type StatusAnswer = DeclarationStatus | 'skip';
const STATUS_CHOICES: readonly Choice<StatusAnswer>[] = [
  { value: 'implemented', name: 'implemented', description: 'In place now: counts toward the residual score.' },
  { value: 'in_progress', name: 'in progress', description: 'Being built: counts toward the projected score.' },
  { value: 'planned', name: 'planned', description: 'Decided, not started: counts toward the projected score.' },
  { value: 'not_applicable', name: 'not applicable', description: 'Does not apply here; you will be asked why.' },
  { value: 'skip', name: 'skip', description: 'Leave it undeclared for now.' },
];

/** How to go through the suggested safeguards: required marked planned, every one asked, or the required ones only. */
type Mode = 'plan' | 'each' | 'required';

const KIND_NAMES: Record<(typeof SAFEGUARD_KINDS)[number], string> = {
  usage_policy: 'Usage policy',
  evaluation: 'Evaluation',
  detection: 'Detection',
  enforcement: 'Enforcement',
  product: 'Product controls',
  transparency: 'Transparency',
  escalation: 'Escalation',
};

/** Asks about the harm's safeguards; `report` is the harm scored before them. Returns its declarations. */
export async function askHarmSafeguards(walk: Walk, n: number, harm: Harm, report: HarmReport): Promise<SafeguardDeclaration[]> {
  const q = `harm.${n}`;
  const declared = new Map((harm.safeguards ?? []).map((d) => [d.id, d]));
  const forFeature = new Map((walk.feature.safeguards ?? []).map((d) => [d.id, d]));
  const asked = new Map<string, SafeguardDeclaration | undefined>();
  const recs = report.recommendations;
  const requiredCount = recs.filter((r) => r.required).length;
  const suggested = recs.filter((r) => r.required || r.recommended).length;
  walk.say();
  walk.say(
    suggested === 0
      ? 'The catalog recommends no safeguard for this harm.'
      : `The catalog ${requiredCount > 0 ? `requires ${requiredCount} and ` : ''}recommends ${pluralize(suggested - requiredCount, 'safeguard')} for this harm:`,
  );
  // Safeguards declared for the whole feature count here too; a harm-level declaration would replace them.
  const coveredByFeature = (id: string) => forFeature.has(id) && !declared.has(id);
  const featureWide = recs.filter((r) => coveredByFeature(r.safeguard)).map((r) => forFeature.get(r.safeguard)!.status);
  if (featureWide.length > 0) {
    const counts = [...new Set(featureWide)].map((status) => `${featureWide.filter((x) => x === status).length} ${status.replace('_', ' ')}`);
    const one = featureWide.length === 1;
    walk.say(`✓ ${featureWide.length} safeguard${one ? ' is' : 's are'} declared for the whole feature (${counts.join(', ')}).`, walk.style.dim);
  }

  const toAsk = groupByKind(
    walk,
    recs.filter((r) => !coveredByFeature(r.safeguard)),
  ).flatMap((g) => g.recs);
  const required = toAsk.filter((r) => r.required);
  const others = toAsk.filter((r) => !r.required);
  const mode = await askMode(walk, q, required, others);
  if (mode === 'plan') {
    // Only undeclared ones: a status the file already gives is a decision to keep.
    const marked = required.filter((r) => !declared.has(r.safeguard));
    for (const r of required) asked.set(r.safeguard, declared.get(r.safeguard) ?? { id: r.safeguard, status: 'planned' });
    if (marked.length > 0) walk.say(`Marked planned: ${marked.map((r) => r.title).join('; ')}.`, walk.style.dim);
    await pickByKind(walk, q, others, declared, asked);
  } else {
    await walkByKind(walk, q, mode === 'each' ? toAsk : required, declared, asked);
  }

  const more = await walk.ask.confirm({ name: `${q}.safeguards.more`, message: 'Declare another safeguard from the catalog for this harm?', default: false });
  if (more) {
    const choices = walk.catalog.safeguards
      .filter((s) => !asked.has(s.id) && !forFeature.has(s.id) && !declared.has(s.id))
      .map((s) => ({ value: s.id, name: s.title, description: `${s.id}: ${s.description}` }));
    const extra = await walk.ask.checkbox<string>({ name: `${q}.safeguards.extra`, message: 'Which safeguards?', choices });
    for (const id of extra)
      asked.set(id, await askDeclaration(walk, `${q}.safeguard.${id}`, id, titleOf(walk, id), undefined, { skip: false, required: false }));
  }
  // Declarations that were not asked about (not suggested, or ids the catalog does not know) stay as written.
  const out: SafeguardDeclaration[] = [];
  for (const d of harm.safeguards ?? []) {
    if (!asked.has(d.id)) out.push(d);
    else if (asked.get(d.id)) out.push(asked.get(d.id)!);
  }
  for (const [id, d] of asked) if (d && !declared.has(id)) out.push(d);
  return out;
}

async function askMode(walk: Walk, q: string, required: readonly Recommendation[], others: readonly Recommendation[]): Promise<Mode> {
  const r = required.length;
  const o = others.length;
  if (r + o < 2) return 'each';
  const choices: Choice<Mode>[] = [];
  if (r > 0) {
    choices.push({
      value: 'plan',
      name: `mark the ${r} required as planned`,
      description:
        o > 0
          ? `Required ones not yet declared become planned; then tick, kind by kind, which of the ${o} others are in place or planned.`
          : 'Required ones not yet declared become planned.',
    });
  }
  choices.push({ value: 'each', name: `walk them one by one (${r + o}, grouped by kind)`, description: 'A status question for each safeguard.' });
  if (o > 0) {
    choices.push({
      value: 'required',
      name: 'skip the recommended',
      description:
        r > 0
          ? `A status question for each of the ${r} required; the ${o} others are not asked about.`
          : 'None is asked about now; `harm assess` lists those not declared.',
    });
  }
  // A person who has not chosen is asked only what the gate needs.
  return walk.ask.select<Mode>({
    name: `${q}.safeguards.mode`,
    message: `How do you want to go through these ${r + o}?`,
    choices,
    default: o > 0 ? 'required' : 'each',
  });
}

/** The safeguards in groups of one kind, in the catalog's kind order. */
function groupByKind(walk: Walk, recs: readonly Recommendation[]): { kind: string; recs: Recommendation[] }[] {
  const kindOf = (id: string) => walk.catalog.safeguards.find((s) => s.id === id)?.kind ?? '';
  const kinds: readonly string[] = [...SAFEGUARD_KINDS, ''];
  const groups = kinds.map((kind) => ({ kind, recs: recs.filter((r) => kindOf(r.safeguard) === kind) }));
  return groups.filter((g) => g.recs.length > 0);
}

function kindName(kind: string): string {
  return KIND_NAMES[kind as keyof typeof KIND_NAMES] ?? 'Other';
}

async function walkByKind(
  walk: Walk,
  q: string,
  recs: readonly Recommendation[],
  declared: ReadonlyMap<string, SafeguardDeclaration>,
  asked: Map<string, SafeguardDeclaration | undefined>,
): Promise<void> {
  let i = 0;
  for (const group of groupByKind(walk, recs)) {
    walk.say(`${kindName(group.kind)} (${group.recs.length})`, walk.style.bold);
    for (const rec of group.recs) {
      const why = capitalize(rec.reasons[0] ?? 'declared for this harm');
      walk.say(`[${++i}/${recs.length}] ${why}`, rec.required ? walk.style.warn : walk.style.dim);
      const prev = declared.get(rec.safeguard);
      asked.set(
        rec.safeguard,
        await askDeclaration(walk, `${q}.safeguard.${rec.safeguard}`, rec.safeguard, rec.title, prev, { skip: true, required: rec.required }),
      );
    }
  }
}

/** One checkbox per kind; a status question for each one ticked. Unticking a declared one removes it. */
async function pickByKind(
  walk: Walk,
  q: string,
  recs: readonly Recommendation[],
  declared: ReadonlyMap<string, SafeguardDeclaration>,
  asked: Map<string, SafeguardDeclaration | undefined>,
): Promise<void> {
  for (const group of groupByKind(walk, recs)) {
    const ticked = await walk.ask.checkbox<string>({
      name: `${q}.safeguards.kind.${group.kind}`,
      message: `${kindName(group.kind)}: tick those in place or planned (or none):`,
      choices: group.recs.map((r) => ({
        value: r.safeguard,
        name: r.title,
        description: capitalize(r.reasons[0] ?? 'declared for this harm'),
        checked: declared.has(r.safeguard),
      })),
    });
    for (const rec of group.recs) {
      const prev = declared.get(rec.safeguard);
      const chosen = ticked.includes(rec.safeguard);
      asked.set(
        rec.safeguard,
        chosen ? await askDeclaration(walk, `${q}.safeguard.${rec.safeguard}`, rec.safeguard, rec.title, prev, { skip: false, required: false }) : undefined,
      );
    }
  }
}

/** The catalog's title for a safeguard, or its id when the catalog does not know it. */
export function titleOf(walk: Walk, id: string): string {
  return walk.catalog.safeguards.find((s) => s.id === id)?.title ?? id;
}

/** The status of one safeguard, and why when it does not apply. Undefined when skipped. */
export async function askDeclaration(
  walk: Walk,
  name: string,
  id: string,
  title: string,
  prev: SafeguardDeclaration | undefined,
  opts: { skip: boolean; required: boolean },
): Promise<SafeguardDeclaration | undefined> {
  const choices = STATUS_CHOICES.filter((c) => opts.skip || c.value !== 'skip').map((c) =>
    c.value === 'not_applicable' && opts.required
      ? { ...c, description: 'Does not apply; a required safeguard also needs an approved waiver.' }
      : c.value === 'skip' && opts.required
        ? { ...c, description: 'Leave it undeclared for now: `harm check` will report it missing.' }
        : c,
  );
  const status = await walk.ask.select<StatusAnswer>({
    name,
    message: `${title}:`,
    choices,
    default: prev?.status ?? (opts.skip ? 'skip' : 'implemented'),
  });
  if (status === 'skip') return undefined;
  let note = prev?.note;
  if (status === 'not_applicable') {
    note = await walk.ask.input({ name: `${name}.note`, message: 'Why does it not apply? (required):', default: prev?.note, validate: requireText });
  }
  // Fields the walk does not ask about (evidence, due) stay as written.
  return compact({ ...prev, id, status, note }) as SafeguardDeclaration;
}
