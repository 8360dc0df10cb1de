import type { Harm } from '../schema/assessment.js';
import type { CatalogCategory } from '../schema/catalog.js';
import type { Score } from '../schema/output.js';
import { compact, keepOrder, optionalList, optionalText, requireText, slugify, uniqueSlug, validateDate, validateSlug } from './answers.js';
import { askFactors } from './factor-questions.js';
import { askHarmSafeguards } from './safeguard-questions.js';
import type { Walk } from './walk.js';

/*
 * The harms, one dimension at a time, and each harm's own questions.
 * Questions:
 *   dimension.<dimension>.<k>   is there a (k-th) harm in this dimension?
 *   harm.<n>.title  .id  .dimensions (checkbox)  .category
 *   then its factors (factor-questions) and safeguards (safeguard-questions)
 *   harm.<n>.escalation (confirm)  .escalation.ticket  .decided_by  .date  .outcome
 */

/** One sentence per built-in dimension; a catalog's own dimensions get their description. */
const DIMENSION_INTROS: Record<string, string> = {
  physical:
    "Could this feature affect someone's health or safety? For example: dangerous instructions followed, a device operated wrongly, self-harm encouraged.",
  psychological: "Could it affect someone's mental health or well-being? For example: harassment, distressing content, unhealthy dependence.",
  economic: 'Could it cost someone money, property or a livelihood? For example: fraud or scams, unintended purchases or transfers, lost work.',
  societal: 'Could it harm communities, institutions or shared systems? For example: misinformation at scale, influence operations, discrimination.',
  individual_autonomy:
    "Could it limit people's decisions or freedoms? For example: actions taken without consent, privacy intrusion, manipulation, unnecessary refusals.",
};

/** The category choice that is no category: Enter alone never picks one. */
const NO_CATEGORY = '';

export async function walkDimensions(walk: Walk): Promise<void> {
  const dimensions = walk.catalog.framework.dimensions;
  for (const [i, dimension] of dimensions.entries()) {
    walk.section(`${dimension.name} (${i + 1}/${dimensions.length})`);
    walk.say(DIMENSION_INTROS[dimension.id] ?? `Could this feature cause ${dimension.name.toLowerCase()} harm? ${dimension.description}`);
    const covered = walk.harms.filter((h) => h.harm.dimensions.includes(dimension.id));
    if (covered.length > 0) walk.say(`Already named here: ${covered.map((h) => h.harm.title).join('; ')}`, walk.style.dim);
    for (let k = 1; ; k++) {
      const more = await walk.ask.confirm({
        name: `dimension.${dimension.id}.${k}`,
        message: k === 1 && covered.length === 0 ? `Any ${dimension.name.toLowerCase()} harm to assess?` : `Another ${dimension.name.toLowerCase()} harm?`,
        default: false,
      });
      if (!more) break;
      await addHarm(walk, dimension.id);
    }
  }
}

export async function addHarm(walk: Walk, dimension: string | undefined): Promise<void> {
  const n = walk.nextNumber++;
  const harm = await askHarm(walk, n, undefined, dimension);
  walk.harms.push({ harm, origin: undefined, n });
}

/** Every question about harm number `n`; `prev` pre-fills them when editing, `dimension` is the one being walked. */
export async function askHarm(walk: Walk, n: number, prev: Harm | undefined, dimension: string | undefined): Promise<Harm> {
  const { ask, catalog } = walk;
  const q = `harm.${n}`;
  walk.section(prev ? `Harm ${n}: ${prev.title}` : `Harm ${n}`);
  const title = await ask.input({ name: `${q}.title`, message: 'What could go wrong? (a short title):', default: prev?.title, validate: requireText });
  const taken = new Set(walk.harms.filter((h) => h.n !== n).map((h) => h.harm.id));
  const id = await ask.input({
    name: `${q}.id`,
    message: 'Harm id (unique in this file):',
    default: prev?.id ?? uniqueSlug(slugify(title, 'harm'), taken),
    validate: (v) => {
      const verdict = validateSlug(v);
      if (verdict !== true) return verdict;
      return taken.has(v) ? `Another harm already has the id "${v}".` : true;
    },
  });
  const ticked = prev?.dimensions ?? (dimension ? [dimension] : []);
  const dimensions = await ask.checkbox<string>({
    name: `${q}.dimensions`,
    message: 'Dimensions it affects:',
    choices: catalog.framework.dimensions.map((d) => ({ value: d.id, name: d.name, description: d.description, checked: ticked.includes(d.id) })),
    validate: (v) => (v.length > 0 ? true : 'Tick at least one dimension.'),
  });
  const category = await ask.select<string>({
    name: `${q}.category`,
    message: 'Category (the closest fit):',
    choices: [
      {
        value: NO_CATEGORY,
        name: '(choose one: ↑ ↓, then Enter)',
        short: '—',
        description: 'None is assumed: the category decides which safeguards are required. Those that touch the dimensions you ticked come first.',
      },
      ...orderCategories(catalog.categories, dimensions).map((c) => ({
        value: c.id,
        name: c.escalate ? `${c.name} (always escalated)` : c.name,
        description: c.description,
      })),
    ],
    default: prev?.category ?? NO_CATEGORY,
    validate: (v) => (v === NO_CATEGORY ? 'Choose a category: none is assumed.' : true),
  });

  // Keys keep the order the file gives them; a new harm's follow the schema's.
  let harm = { ...prev, id, title, category, dimensions: keepOrder(prev?.dimensions ?? [], dimensions) } as Harm;
  const { factors, report: before } = await askFactors(walk, n, prev?.factors, (f) => ({ ...harm, factors: f }));
  harm = { ...harm, factors };

  const safeguards = await askHarmSafeguards(walk, n, harm, before);
  harm = compact({ ...harm, safeguards: optionalList(prev?.safeguards, safeguards) }) as Harm;
  const after = walk.reportHarm(n, harm);
  walk.say();
  walk.show(`${walk.style.bold('With these safeguards:')} ${walk.formatScore(after.residual, 'residual')}`);
  if (after.projected.risk !== after.residual.risk) walk.show(`  ${walk.style.dim('once the planned ones are in:')} ${walk.formatScore(after.projected)}`);
  if (after.raisedBy.length > 0) walk.say(`  raised by the trade-offs of ${after.raisedBy.join(', ')}`, walk.style.warn);

  const escalation = await askEscalation(
    walk,
    q,
    harm,
    catalog.categories.find((c) => c.id === category),
    before.inherent,
  );
  return compact({ ...harm, escalation }) as Harm;
}

async function askEscalation(walk: Walk, q: string, harm: Harm, category: CatalogCategory | undefined, inherent: Score): Promise<Harm['escalation']> {
  const { ask } = walk;
  const hard = harm.factors.mitigation_feasibility === 'low' || harm.factors.mitigation_feasibility === 'infeasible';
  const why = category?.escalate
    ? (category.escalation_message ?? `Harms in the category "${category.name}" must be escalated.`)
    : inherent.severityLevel === 'critical' && hard
      ? 'Its inherent severity is critical and it is hard to mitigate: escalate it.'
      : undefined;
  if (!why) return harm.escalation;
  walk.say();
  walk.say(`Escalation: ${why}`, walk.style.warn);
  const prev = harm.escalation;
  const record = await ask.confirm({
    name: `${q}.escalation`,
    message: prev ? `Update the escalation record (${prev.ticket})?` : 'Record the escalation decision now?',
    default: false,
  });
  if (!record) return prev;
  const ticket = await ask.input({ name: `${q}.escalation.ticket`, message: 'Ticket:', default: prev?.ticket, validate: requireText });
  const decidedBy = await ask.input({ name: `${q}.escalation.decided_by`, message: 'Decided by:', default: prev?.decided_by, validate: requireText });
  const date = await ask.input({
    name: `${q}.escalation.date`,
    message: 'Decision date (YYYY-MM-DD):',
    default: prev?.date ?? walk.today,
    validate: validateDate,
  });
  const outcome = await ask.input({ name: `${q}.escalation.outcome`, message: 'Outcome (optional):', default: prev?.outcome });
  return compact({ ...prev, ticket, decided_by: decidedBy, date, outcome: optionalText(prev?.outcome, outcome) }) as Harm['escalation'];
}

/**
 * The categories that share the most dimensions with the chosen ones first, in
 * catalog order within each count, so that the likely ones are near the cursor.
 */
function orderCategories(categories: readonly CatalogCategory[], dimensions: readonly string[]): CatalogCategory[] {
  const shared = (c: CatalogCategory) => (c.dimensions ?? []).filter((d) => dimensions.includes(d)).length;
  return categories
    .map((category, i) => ({ category, i, n: shared(category) }))
    .sort((a, b) => b.n - a.n || a.i - b.i)
    .map((x) => x.category);
}
