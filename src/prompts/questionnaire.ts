import { paintScoreLevel } from '../reporters/level-style.js';
import { createPaint } from '../reporters/text.js';
import { evaluateAssessment } from '../core/evaluate.js';
import { FindingSink } from '../core/findings.js';
import { nowhere } from '../core/locator.js';
import type { Assessment, Feature, Harm, SafeguardDeclaration } from '../schema/assessment.js';
import type { Catalog, CatalogCategory } from '../schema/catalog.js';
import {
  API_VERSION,
  CATALOG_ID_PATTERN,
  ISO_DATE_PATTERN,
  SLUG_PATTERN,
  STAGES,
  type DeclarationStatus,
  type FactorName,
  type Level,
  type Stage,
} from '../schema/common.js';
import type { HarmReport, Profile, Score } from '../schema/output.js';
import { wrapText, type Asker, type Choice } from './ask.js';

export { wrapText };

/*
 * Question names (stable: tests script answers by them):
 *
 *   feature.name  feature.id  feature.description  feature.owner  feature.stage
 *   feature.capabilities (checkbox)  feature.capabilities.other
 *   feature.safeguards.any (confirm)  feature.safeguards (checkbox)
 *   feature.safeguard.<safeguard>  feature.safeguard.<safeguard>.note
 *   assessment.assessors  assessment.date  assessment.review_by
 *   harm.<n>.action                 edit only: keep | edit | remove
 *   harms.add                       edit only: add new harms?
 *   dimension.<dimension>.<k>       is there a (k-th) harm in this dimension?
 *   harm.<n>.title  .id  .category  .dimensions  .factor.<factor>  .populations
 *   harm.<n>.safeguard.<safeguard>  (status or `skip`)  harm.<n>.safeguard.<safeguard>.note
 *   harm.<n>.safeguards.more (confirm)  harm.<n>.safeguards.extra (checkbox)
 *   harm.<n>.escalation (confirm)  harm.<n>.escalation.ticket  .decided_by  .date  .outcome
 *
 * `<n>` is the harm's 1-based position: existing harms keep their place in the
 * file, new harms are numbered after them.
 */

/** Text styling, passed in so that the walk never decides about colour itself. */
export interface Style {
  heading(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
  warn(text: string): string;
  level(level: Level, text: string): string;
}

const same = (text: string) => text;
export const PLAIN_STYLE: Style = { heading: same, bold: same, dim: same, warn: same, level: (_l, t) => t };

export function createStyle(color: boolean): Style {
  if (!color) return PLAIN_STYLE;
  const c = createPaint(true);
  // Levels look as they do in `harm assess`.
  return { heading: c.bold.cyan, bold: c.bold, dim: c.dim, warn: c.yellow, level: (l, t) => paintScoreLevel(c, l, t) };
}

export interface QuestionnaireOptions {
  asker: Asker;
  /** Receives whole lines of text, each ending in a newline. */
  write: (text: string) => void;
  catalog: Catalog;
  today: string;
  /** The file being written, for the provisional scoring. */
  file: string;
  /** `harm edit`: the assessment whose answers pre-fill every question. */
  existing?: Assessment;
  style?: Style;
  /** Terminal columns to wrap text to (80 when unknown). */
  width?: number;
  /** Called once the feature id is known; returning false stops the walk (nothing to write). */
  onFeatureId?: (id: string) => Promise<boolean>;
}

export interface QuestionnaireResult {
  assessment: Assessment;
  /** For each harm of `assessment.harms`, its index in the existing assessment, or undefined when new. */
  harmOrigins: (number | undefined)[];
}

/** The capabilities catalog conditions are written against; a feature may name others. */
export const CAPABILITIES: readonly (readonly [string, string])[] = [
  ['computer_use', 'Operates a desktop or browser through screenshots and input events.'],
  ['tool_use', 'Calls external tools or APIs.'],
  ['web_browsing', 'Fetches and reads web pages.'],
  ['code_execution', 'Runs code it writes.'],
  ['messaging', 'Sends email, chat or other messages to people.'],
  ['payments', 'Moves money or makes purchases.'],
  ['image_generation', 'Creates or edits images.'],
  ['voice', 'Speaks or listens: audio in or out.'],
  ['memory', 'Remembers information across conversations.'],
  ['file_access', "Reads or writes the user's files."],
];

const STAGE_DESCRIPTIONS: Record<Stage, string> = {
  concept: 'An idea being explored; nothing is built yet.',
  development: 'Being built; not yet used outside the team.',
  beta: 'Some real users have it (the gate checks residual risk from here on).',
  ga: 'Generally available.',
  retired: 'Switched off; kept for the record and never gated.',
};

/** One sentence per built-in dimension; a catalog's own dimensions get their description. */
const DIMENSION_INTROS: Record<string, string> = {
  physical:
    "Could this feature affect someone's health or safety? For example: dangerous instructions followed, a device operated wrongly, self-harm encouraged.",
  psychological:
    "Could it affect someone's mental health or well-being? For example: harassment, distressing content, unhealthy dependence.",
  economic:
    'Could it cost someone money, property or a livelihood? For example: fraud or scams, unintended purchases or transfers, lost work.',
  societal:
    'Could it harm communities, institutions or shared systems? For example: misinformation at scale, influence operations, discrimination.',
  individual_autonomy:
    "Could it limit people's decisions or freedoms? For example: actions taken without consent, privacy intrusion, manipulation, unnecessary refusals.",
};

const FACTOR_QUESTIONS: Record<FactorName, string> = {
  likelihood: 'how likely is it to happen?',
  scale: 'how many people could it reach?',
  duration: 'how long would the effects last?',
  causality: 'how directly would the feature cause it?',
  technology_contribution: 'how much does the feature add?',
  mitigation_feasibility: 'how hard is it to prevent or undo?',
};
const ASKED_FACTORS = ['likelihood', 'scale', 'duration', 'causality', 'technology_contribution', 'mitigation_feasibility'] as const;

type StatusAnswer = DeclarationStatus | 'skip';
const STATUS_CHOICES: readonly Choice<StatusAnswer>[] = [
  { value: 'implemented', name: 'implemented', description: 'In place now: counts toward the residual score.' },
  { value: 'in_progress', name: 'in progress', description: 'Being built: counts toward the projected score.' },
  { value: 'planned', name: 'planned', description: 'Decided, not started: counts toward the projected score.' },
  { value: 'not_applicable', name: 'not applicable', description: "Does not apply here; you will be asked why." },
  { value: 'skip', name: 'skip', description: 'Leave it undeclared for now.' },
];

export async function runQuestionnaire(options: QuestionnaireOptions): Promise<QuestionnaireResult | undefined> {
  return new Walk(options).run();
}

interface DraftHarm {
  harm: Harm;
  origin: number | undefined;
  /** Its question number: `harm.<n>.…`. */
  n: number;
}

class Walk {
  private readonly ask: Asker;
  private readonly style: Style;
  private readonly catalog: Catalog;
  private readonly existing: Assessment | undefined;
  private feature!: Feature;
  private meta!: Assessment['assessment'];
  private harms: DraftHarm[] = [];
  private nextNumber = 1;
  private readonly width: number;

  constructor(private readonly options: QuestionnaireOptions) {
    this.ask = options.asker;
    this.style = options.style ?? PLAIN_STYLE;
    this.catalog = options.catalog;
    this.existing = options.existing;
    this.width = Math.max(40, (options.width ?? 80) - 1);
  }

  /** Writes text wrapped to the terminal width; `paint` styles each line after wrapping. */
  private say(text = '', paint: (line: string) => string = (line) => line): void {
    const lines = text === '' ? [''] : wrapText(text, this.width);
    this.options.write(`${lines.map((line) => paint(line)).join('\n')}\n`);
  }

  private section(title: string): void {
    const room = Math.min(this.width, 80) - 8;
    const text = title.length > room ? `${title.slice(0, room - 1).trimEnd()}…` : title;
    this.say();
    this.say(`── ${text} ${'─'.repeat(Math.max(3, Math.min(this.width, 80) - 4 - text.length))}`, this.style.heading);
  }

  async run(): Promise<QuestionnaireResult | undefined> {
    if (this.existing) {
      this.say('Every answer is pre-filled from the file.');
      this.say('Enter keeps an answer, Tab edits it, Backspace clears it; Ctrl-C stops without writing.', this.style.dim);
    } else {
      this.say('Questions about the feature, then its possible harms, one dimension at a time.');
      this.say('Enter accepts the answer in brackets or the highlighted choice; Ctrl-C stops without writing.', this.style.dim);
    }
    this.feature = await this.askFeature(this.existing?.feature);
    if (this.options.onFeatureId && !(await this.options.onFeatureId(this.feature.id))) return undefined;
    this.meta = await this.askMeta(this.existing?.assessment);

    if (this.existing) {
      this.existing.harms.forEach((harm, origin) => this.harms.push({ harm, origin, n: origin + 1 }));
      this.nextNumber = this.existing.harms.length + 1;
      await this.reviewExistingHarms();
      this.section('New harms');
      if (await this.ask.confirm({ name: 'harms.add', message: 'Add a new harm?', default: false })) await this.walkDimensions();
    } else {
      await this.walkDimensions();
    }
    if (this.harms.length === 0) {
      this.say();
      this.say('An assessment names at least one harm. Name the most serious one you can think of, however unlikely: its score will show how small it is.');
      await this.addHarm(undefined);
    }

    const assessment = this.draft(
      this.harms.map((h) => h.harm),
      { waivers: this.followWaivers() },
    );
    this.showProfile(this.evaluate(assessment).profile);
    return { assessment, harmOrigins: this.harms.map((h) => h.origin) };
  }

  // ── Feature and assessment ────────────────────────────────────────────

  private async askFeature(prev: Feature | undefined): Promise<Feature> {
    this.section('Feature');
    const name = await this.ask.input({ name: 'feature.name', message: 'Feature name:', default: prev?.name, validate: requireText });
    const id = await this.ask.input({
      name: 'feature.id',
      message: 'Feature id (lower-case, digits, hyphens; names the file):',
      default: prev?.id ?? slugify(name, 'feature'),
      validate: validateSlug,
    });
    const description = await this.ask.input({ name: 'feature.description', message: 'What does it do, in one line? (optional):', default: prev?.description });
    const owner = await this.ask.input({ name: 'feature.owner', message: 'Owner (the team or person accountable):', default: prev?.owner, validate: requireText });
    const stage = await this.ask.select<Stage>({
      name: 'feature.stage',
      message: 'Stage:',
      choices: STAGES.map((s) => ({ value: s, name: s, description: STAGE_DESCRIPTIONS[s] })),
      default: prev?.stage ?? 'development',
    });
    const capabilities = await this.askCapabilities(prev?.capabilities);
    const safeguards = await this.askFeatureSafeguards(prev?.safeguards);
    return compact({
      ...prev,
      id,
      name,
      description: optionalText(prev?.description, description),
      owner,
      stage,
      capabilities: optionalList(prev?.capabilities, capabilities),
      safeguards: optionalList(prev?.safeguards, safeguards),
    }) as Feature;
  }

  private async askCapabilities(prev: readonly string[] | undefined): Promise<string[]> {
    const known = new Map<string, string>(CAPABILITIES);
    for (const id of catalogCapabilities(this.catalog)) if (!known.has(id)) known.set(id, 'Named by a catalog condition.');
    const ticked = await this.ask.checkbox<string>({
      name: 'feature.capabilities',
      message: 'Capabilities (tick all that apply):',
      choices: [...known].map(([id, description]) => ({ value: id, name: id, description, checked: prev?.includes(id) ?? false })),
    });
    const others = (prev ?? []).filter((c) => !known.has(c));
    const more = await this.ask.input({
      name: 'feature.capabilities.other',
      message: 'Other capabilities, comma-separated (optional):',
      default: others.join(', '),
      validate: (v) => {
        // Ids already in the file are kept as they are, even when written differently.
        const bad = splitList(v).find((c) => !CATALOG_ID_PATTERN.test(c) && !others.includes(c));
        return bad === undefined ? true : `"${bad}" is not an id: use lower-case letters, digits, "_" and "-"`;
      },
    });
    return keepOrder(prev ?? [], [...ticked, ...splitList(more)]);
  }

  private async askFeatureSafeguards(prev: readonly SafeguardDeclaration[] | undefined): Promise<SafeguardDeclaration[]> {
    const any = await this.ask.confirm({
      name: 'feature.safeguards.any',
      message: 'Are there safeguards that cover the whole feature (e.g. a usage policy)?',
      default: (prev?.length ?? 0) > 0,
    });
    if (!any) return [];
    const byId = new Map((prev ?? []).map((d) => [d.id, d]));
    const choices: Choice<string>[] = this.catalog.safeguards.map((s) => ({
      value: s.id,
      name: s.title,
      description: `${s.id}: ${s.description}`,
      checked: byId.has(s.id),
    }));
    // Declarations the catalog does not know stay choosable, so editing does not drop them.
    for (const d of prev ?? []) if (!choices.some((c) => c.value === d.id)) choices.push({ value: d.id, name: d.id, checked: true });
    const ids = await this.ask.checkbox<string>({ name: 'feature.safeguards', message: 'Which safeguards?', choices });
    const out: SafeguardDeclaration[] = [];
    for (const id of keepOrder((prev ?? []).map((d) => d.id), ids)) {
      const title = this.catalog.safeguards.find((s) => s.id === id)?.title ?? id;
      const declaration = await this.askDeclaration(`feature.safeguard.${id}`, id, title, byId.get(id), { skip: false, required: false });
      if (declaration) out.push(declaration);
    }
    return out;
  }

  private async askMeta(prev: Assessment['assessment'] | undefined): Promise<Assessment['assessment']> {
    this.section('Assessment');
    const assessors = splitList(
      await this.ask.input({
        name: 'assessment.assessors',
        message: 'Assessors (names or emails, comma-separated):',
        default: prev?.assessors.join(', '),
        validate: (v) => (splitList(v).length > 0 ? true : 'Name at least one assessor.'),
      }),
    );
    const date = await this.ask.input({ name: 'assessment.date', message: 'Assessment date (YYYY-MM-DD):', default: prev?.date ?? this.options.today, validate: validateDate });
    const reviewBy = await this.ask.input({
      name: 'assessment.review_by',
      message: 'Review again by (YYYY-MM-DD, optional):',
      default: prev ? prev.review_by : addMonths(date, 6),
      validate: (v) => {
        if (v === '' || v === prev?.review_by) return true;
        const verdict = validateDate(v);
        if (verdict !== true) return verdict;
        return v >= date ? true : `The review date comes before the assessment date (${date}).`;
      },
    });
    return compact({
      ...prev,
      date,
      assessors: prev && sameList(prev.assessors, assessors) ? prev.assessors : assessors,
      review_by: reviewBy === '' ? undefined : reviewBy,
    }) as Assessment['assessment'];
  }

  // ── Harms ─────────────────────────────────────────────────────────────

  private async reviewExistingHarms(): Promise<void> {
    this.section(`Harms (${this.harms.length})`);
    for (const draft of [...this.harms]) {
      const report = this.evaluate(this.draft([draft.harm])).harms[0]!;
      this.say(`${draft.n}. ${draft.harm.title}`, this.style.bold);
      this.say(`   ${draft.harm.id} · ${this.describeDimensions(draft.harm.dimensions)}`, this.style.dim);
      this.say(`   ${this.formatScore(report.residual, 'residual')}`);
      const action = await this.ask.select<'keep' | 'edit' | 'remove'>({
        name: `harm.${draft.n}.action`,
        message: 'Keep, edit or remove it?',
        choices: [
          { value: 'keep', name: 'keep', description: 'Leave it exactly as it is.' },
          { value: 'edit', name: 'edit', description: 'Go through its questions with the current answers pre-filled.' },
          { value: 'remove', name: 'remove', description: 'Delete it from the assessment.' },
        ],
        default: 'keep',
      });
      if (action === 'remove') this.harms = this.harms.filter((h) => h !== draft);
      else if (action === 'edit') draft.harm = await this.askHarm(draft.n, draft.harm, undefined);
    }
  }

  private async walkDimensions(): Promise<void> {
    const dimensions = this.catalog.framework.dimensions;
    for (const [i, dimension] of dimensions.entries()) {
      this.section(`${dimension.name} (${i + 1}/${dimensions.length})`);
      this.say(DIMENSION_INTROS[dimension.id] ?? `Could this feature cause ${dimension.name.toLowerCase()} harm? ${dimension.description}`);
      const covered = this.harms.filter((h) => h.harm.dimensions.includes(dimension.id));
      if (covered.length > 0) this.say(`Already named here: ${covered.map((h) => h.harm.title).join('; ')}`, this.style.dim);
      for (let k = 1; ; k++) {
        const more = await this.ask.confirm({
          name: `dimension.${dimension.id}.${k}`,
          message: k === 1 && covered.length === 0 ? `Any ${dimension.name.toLowerCase()} harm to assess?` : `Another ${dimension.name.toLowerCase()} harm?`,
          default: false,
        });
        if (!more) break;
        await this.addHarm(dimension.id);
      }
    }
  }

  private async addHarm(dimension: string | undefined): Promise<void> {
    const n = this.nextNumber++;
    const harm = await this.askHarm(n, undefined, dimension);
    this.harms.push({ harm, origin: undefined, n });
  }

  private async askHarm(n: number, prev: Harm | undefined, dimension: string | undefined): Promise<Harm> {
    const q = `harm.${n}`;
    const framework = this.catalog.framework;
    this.section(prev ? `Harm ${n}: ${prev.title}` : `Harm ${n}`);
    const title = await this.ask.input({ name: `${q}.title`, message: 'What could go wrong? (a short title):', default: prev?.title, validate: requireText });
    const taken = new Set(this.harms.filter((h) => h.n !== n).map((h) => h.harm.id));
    const id = await this.ask.input({
      name: `${q}.id`,
      message: 'Harm id (unique in this file):',
      default: prev?.id ?? uniqueSlug(slugify(title, 'harm'), taken),
      validate: (v) => {
        const verdict = validateSlug(v);
        if (verdict !== true) return verdict;
        return taken.has(v) ? `Another harm already has the id "${v}".` : true;
      },
    });
    const category = await this.ask.select<string>({
      name: `${q}.category`,
      message: 'Category:',
      choices: orderCategories(this.catalog.categories, dimension).map((c) => ({ value: c.id, name: c.name, description: c.description })),
      default: prev?.category,
    });
    const categoryData = this.catalog.categories.find((c) => c.id === category);
    const suggested = prev?.dimensions ?? unique([...(dimension ? [dimension] : []), ...(categoryData?.dimensions ?? [])]);
    const dimensions = await this.ask.checkbox<string>({
      name: `${q}.dimensions`,
      message: 'Dimensions it affects:',
      choices: framework.dimensions.map((d) => ({ value: d.id, name: d.name, description: d.description, checked: suggested.includes(d.id) })),
      validate: (v) => (v.length > 0 ? true : 'Tick at least one dimension.'),
    });

    this.say('Rate the harm as it would be without the safeguards you are about to declare.', this.style.dim);
    const levels: Partial<Record<FactorName, string>> = {};
    for (const factor of ASKED_FACTORS) {
      const data = framework.factors[factor];
      const middle = data.levels[Math.floor((data.levels.length - 1) / 2)]!.id;
      levels[factor] = await this.ask.select<string>({
        name: `${q}.factor.${factor}`,
        message: `${data.name}: ${FACTOR_QUESTIONS[factor]}`,
        choices: data.levels.map((l) => ({ value: l.id, name: l.id.replace(/_/g, ' '), description: l.description })),
        default: prev?.factors[factor] ?? middle,
      });
    }
    const general = framework.populations.some((p) => p.id === 'general_public') ? ['general_public'] : [];
    const populations = await this.ask.checkbox<string>({
      name: `${q}.populations`,
      message: 'Who could be affected?',
      choices: framework.populations.map((p) => ({
        value: p.id,
        name: `${p.name} (${p.vulnerability === 'none' ? 'no extra' : p.vulnerability} vulnerability)`,
        short: p.name,
        description: p.description,
        checked: (prev?.factors.affected_populations ?? general).includes(p.id),
      })),
      validate: (v) => (v.length > 0 ? true : 'Tick at least one population.'),
    });

    const factors = {
      likelihood: levels.likelihood,
      scale: levels.scale,
      duration: levels.duration,
      affected_populations: keepOrder(prev?.factors.affected_populations ?? [], populations),
      causality: levels.causality,
      technology_contribution: levels.technology_contribution,
      mitigation_feasibility: levels.mitigation_feasibility,
    } as Harm['factors'];
    let harm = compact({
      ...prev,
      id,
      title,
      description: prev?.description,
      category,
      dimensions: keepOrder(prev?.dimensions ?? [], dimensions),
      factors,
      rationale: prev?.rationale,
      escalation: prev?.escalation,
      safeguards: prev?.safeguards,
    }) as Harm;

    const before = this.evaluateHarm(harm);
    this.say();
    this.say(`${this.style.bold('Before safeguards:')} ${this.formatScore(before.inherent)}`);
    this.say(`  ${before.inherent.vector ?? ''}`, this.style.dim);

    const safeguards = await this.askHarmSafeguards(q, harm, before);
    harm = compact({ ...harm, safeguards: optionalList(prev?.safeguards, safeguards) }) as Harm;
    const after = this.evaluateHarm(harm);
    this.say();
    this.say(`${this.style.bold('With these safeguards:')} ${this.formatScore(after.residual, 'residual')}`);
    if (after.projected.risk !== after.residual.risk) this.say(`  once the planned ones are in: ${this.formatScore(after.projected)}`, this.style.dim);

    const escalation = await this.askEscalation(q, harm, categoryData, before.inherent);
    return compact({ ...harm, escalation }) as Harm;
  }

  private async askHarmSafeguards(q: string, harm: Harm, report: HarmReport): Promise<SafeguardDeclaration[]> {
    const declared = new Map((harm.safeguards ?? []).map((d) => [d.id, d]));
    const forFeature = new Map((this.feature.safeguards ?? []).map((d) => [d.id, d]));
    const asked = new Map<string, SafeguardDeclaration | undefined>();
    const recs = report.recommendations;
    const required = recs.filter((r) => r.required).length;
    const suggested = recs.filter((r) => r.required || r.recommended).length;
    this.say();
    this.say(
      suggested === 0
        ? 'The catalog recommends no safeguard for this harm.'
        : `The catalog ${required > 0 ? `requires ${required} and ` : ''}recommends ${suggested - required} safeguard${suggested - required === 1 ? '' : 's'} for this harm:`,
    );
    // Safeguards declared for the whole feature count here too; a harm-level declaration would replace them.
    const coveredByFeature = (id: string) => forFeature.has(id) && !declared.has(id);
    const featureWide = recs.filter((r) => coveredByFeature(r.safeguard)).map((r) => forFeature.get(r.safeguard)!.status);
    if (featureWide.length > 0) {
      const counts = [...new Set(featureWide)].map((status) => `${featureWide.filter((x) => x === status).length} ${status.replace('_', ' ')}`);
      const one = featureWide.length === 1;
      this.say(`✓ ${featureWide.length} safeguard${one ? ' is' : 's are'} declared for the whole feature (${counts.join(', ')}).`, this.style.dim);
    }
    const toAsk = recs.filter((r) => !coveredByFeature(r.safeguard));
    for (const [i, rec] of toAsk.entries()) {
      const why = capitalize(rec.reasons[0] ?? 'declared for this harm');
      this.say(`[${i + 1}/${toAsk.length}] ${why}`, rec.required ? this.style.warn : this.style.dim);
      asked.set(
        rec.safeguard,
        await this.askDeclaration(`${q}.safeguard.${rec.safeguard}`, rec.safeguard, rec.title, declared.get(rec.safeguard), { skip: true, required: rec.required }),
      );
    }
    const more = await this.ask.confirm({ name: `${q}.safeguards.more`, message: 'Declare another safeguard from the catalog for this harm?', default: false });
    if (more) {
      const choices = this.catalog.safeguards
        .filter((s) => !asked.has(s.id) && !forFeature.has(s.id) && !declared.has(s.id))
        .map((s) => ({ value: s.id, name: s.title, description: `${s.id}: ${s.description}` }));
      const extra = await this.ask.checkbox<string>({ name: `${q}.safeguards.extra`, message: 'Which safeguards?', choices });
      for (const id of extra) {
        const title = this.catalog.safeguards.find((s) => s.id === id)?.title ?? id;
        asked.set(id, await this.askDeclaration(`${q}.safeguard.${id}`, id, title, undefined, { skip: false, required: false }));
      }
    }
    // Declarations that were not asked about (ids the catalog does not know) stay as written.
    const out: SafeguardDeclaration[] = [];
    for (const d of harm.safeguards ?? []) {
      if (!asked.has(d.id)) out.push(d);
      else if (asked.get(d.id)) out.push(asked.get(d.id)!);
    }
    for (const [id, d] of asked) if (d && !declared.has(id)) out.push(d);
    return out;
  }

  private async askDeclaration(
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
    const status = await this.ask.select<StatusAnswer>({
      name,
      message: `${title}:`,
      choices,
      default: prev?.status ?? (opts.skip ? 'skip' : 'implemented'),
    });
    if (status === 'skip') return undefined;
    let note = prev?.note;
    if (status === 'not_applicable') {
      note = await this.ask.input({ name: `${name}.note`, message: 'Why does it not apply? (required):', default: prev?.note, validate: requireText });
    }
    // Fields the walk does not ask about (evidence, due) stay as written.
    return compact({ ...prev, id, status, note }) as SafeguardDeclaration;
  }

  private async askEscalation(q: string, harm: Harm, category: CatalogCategory | undefined, inherent: Score): Promise<Harm['escalation']> {
    const hard = harm.factors.mitigation_feasibility === 'low' || harm.factors.mitigation_feasibility === 'infeasible';
    const why = category?.escalate
      ? (category.escalation_message ?? `Harms in the category "${category.name}" must be escalated.`)
      : inherent.severityLevel === 'critical' && hard
        ? 'Its inherent severity is critical and it is hard to mitigate: escalate it.'
        : undefined;
    if (!why) return harm.escalation;
    this.say();
    this.say(`Escalation: ${why}`, this.style.warn);
    const prev = harm.escalation;
    const record = await this.ask.confirm({
      name: `${q}.escalation`,
      message: prev ? `Update the escalation record (${prev.ticket})?` : 'Record the escalation decision now?',
      default: false,
    });
    if (!record) return prev;
    const ticket = await this.ask.input({ name: `${q}.escalation.ticket`, message: 'Ticket:', default: prev?.ticket, validate: requireText });
    const decidedBy = await this.ask.input({ name: `${q}.escalation.decided_by`, message: 'Decided by:', default: prev?.decided_by, validate: requireText });
    const date = await this.ask.input({ name: `${q}.escalation.date`, message: 'Decision date (YYYY-MM-DD):', default: prev?.date ?? this.options.today, validate: validateDate });
    const outcome = await this.ask.input({ name: `${q}.escalation.outcome`, message: 'Outcome (optional):', default: prev?.outcome });
    return compact({ ...prev, ticket, decided_by: decidedBy, date, outcome: optionalText(prev?.outcome, outcome) }) as Harm['escalation'];
  }

  // ── Scores ────────────────────────────────────────────────────────────

  /** The assessment as answered so far; keys the walk does not ask about (`$schema`, waivers) stay as they were. */
  private draft(harms: Harm[], changed?: { waivers: Assessment['waivers'] }): Assessment {
    const waivers = changed ? changed.waivers : this.existing?.waivers;
    return compact({ ...this.existing, apiVersion: API_VERSION, kind: 'Assessment', feature: this.feature, assessment: this.meta, harms, waivers }) as Assessment;
  }

  /** Waivers follow their harm: a renamed harm takes them along, a removed one takes them away. */
  private followWaivers(): Assessment['waivers'] {
    const existing = this.existing;
    if (!existing?.waivers) return existing?.waivers;
    const renamed = new Map<string, string>();
    for (const h of this.harms) if (h.origin !== undefined) renamed.set(existing.harms[h.origin]!.id, h.harm.id);
    const removed = new Set(existing.harms.map((h) => h.id).filter((id) => !renamed.has(id)));
    const kept: NonNullable<Assessment['waivers']> = [];
    for (const waiver of existing.waivers) {
      if (removed.has(waiver.harm)) {
        this.say(`The waiver for ${waiver.safeguard} on ${waiver.harm} goes with its harm.`, this.style.dim);
        continue;
      }
      const id = renamed.get(waiver.harm);
      kept.push(id === undefined || id === waiver.harm ? waiver : { ...waiver, harm: id });
    }
    return kept.length > 0 || existing.waivers.length === 0 ? kept : undefined;
  }

  private evaluate(assessment: Assessment): { profile: Profile; harms: HarmReport[] } {
    const sink = new FindingSink(this.options.file, nowhere);
    return evaluateAssessment({ assessment, catalog: this.catalog, sink, today: this.options.today });
  }

  private evaluateHarm(harm: Harm): HarmReport {
    return this.evaluate(this.draft([harm])).harms[0]!;
  }

  private formatScore(score: Score, state?: string): string {
    const s = this.style;
    const prefix = state ? `${state} ` : '';
    return `${prefix}severity ${s.level(score.severityLevel, `${score.severity.toFixed(1)} ${score.severityLevel}`)}, risk ${s.level(score.riskLevel, `${score.risk.toFixed(1)} ${score.riskLevel}`)}`;
  }

  private describeDimensions(ids: readonly string[]): string {
    return ids.map((id) => this.catalog.framework.dimensions.find((d) => d.id === id)?.name ?? id).join(', ');
  }

  private showProfile(profile: Profile): void {
    this.section('Severity profile');
    this.say(formatProfileTable(profile, this.catalog, this.style));
  }
}

/** The dimension × state table, severity / risk in each cell; fits 80 columns. */
export function formatProfileTable(profile: Profile, catalog: Catalog, style: Style = PLAIN_STYLE): string {
  const cell = (score: Score) => {
    const text = `${score.severity.toFixed(1)} ${score.severityLevel} / ${score.risk.toFixed(1)} ${score.riskLevel}`;
    const width = 25;
    const worst = LEVEL_ORDER.indexOf(score.riskLevel) >= LEVEL_ORDER.indexOf(score.severityLevel) ? score.riskLevel : score.severityLevel;
    return style.level(worst, text) + ' '.repeat(Math.max(1, width - text.length));
  };
  const nameOf = (id: string) => catalog.framework.dimensions.find((d) => d.id === id)?.name ?? id;
  // A dimension no harm lists has nothing to score: a dash reads better than a row of zeros.
  const row = (name: string, harms: number, inherent: Score, residual: Score) =>
    `${name.padEnd(20).slice(0, 20)} ${String(harms).padStart(5)}   ${harms === 0 ? style.dim('—') : cell(inherent) + cell(residual)}`.trimEnd();
  const lines = [
    style.dim(`${'Dimension'.padEnd(20)} ${'Harms'.padStart(5)}   ${'Inherent sev. / risk'.padEnd(25)}Residual sev. / risk`),
    ...profile.dimensions.map((d) => row(nameOf(d.id), d.harms, d.inherent, d.residual)),
    row('Overall', profile.overall.harms, profile.overall.inherent, profile.overall.residual),
  ];
  return lines.join('\n');
}

const LEVEL_ORDER: readonly Level[] = ['none', 'low', 'medium', 'high', 'critical'];

// ── Small pure helpers (exported for tests) ─────────────────────────────

export function slugify(text: string, fallback: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug === '') return fallback;
  if (slug.length <= 48) return slug;
  // Cut at a word boundary where there is one.
  const cut = slug.slice(0, 48);
  return slug[48] === '-' || !cut.includes('-') ? cut : cut.slice(0, cut.lastIndexOf('-'));
}

export function uniqueSlug(slug: string, taken: ReadonlySet<string>): string {
  if (!taken.has(slug)) return slug;
  for (let i = 2; ; i++) if (!taken.has(`${slug}-${i}`)) return `${slug}-${i}`;
}

/** The same calendar day `months` later, or the last day of that month when it is shorter. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, last))}`;
}

/** Keeps the items of `prev` still chosen in their order, then the new ones: an unchanged answer gives an unchanged list. */
export function keepOrder<T>(prev: readonly T[], chosen: readonly T[]): T[] {
  const kept = prev.filter((p) => chosen.includes(p));
  return unique([...kept, ...chosen.filter((c) => !prev.includes(c))]);
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** An empty answer leaves an optional text out, unless the file had it empty. */
function optionalText(prev: string | undefined, answer: string): string | undefined {
  return answer === '' ? (prev === '' ? '' : undefined) : answer;
}

/** An empty list is left out, unless the file wrote it out empty. */
function optionalList<T>(prev: readonly T[] | undefined, next: T[]): T[] | undefined {
  return next.length > 0 ? next : prev && prev.length === 0 ? [] : undefined;
}

/** Drops undefined values so that an answer left empty means the key is absent. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function requireText(value: string): true | string {
  return value.trim() === '' ? 'Please answer: this one is required.' : true;
}

function validateSlug(value: string): true | string {
  return SLUG_PATTERN.test(value) ? true : 'Use lower-case letters, digits and hyphens, starting with a letter or digit.';
}

function validateDate(value: string): true | string {
  return ISO_DATE_PATTERN.test(value) ? true : 'Use a real date in the form YYYY-MM-DD.';
}

/** Categories that usually touch the dimension come first, so the likely one is near the cursor. */
function orderCategories(categories: readonly CatalogCategory[], dimension: string | undefined): CatalogCategory[] {
  if (!dimension) return [...categories];
  const hits = categories.filter((c) => c.dimensions?.includes(dimension));
  return [...hits, ...categories.filter((c) => !hits.includes(c))];
}

/** Capability ids the catalog's conditions mention, in catalog order. */
function catalogCapabilities(catalog: Catalog): string[] {
  const found: string[] = [];
  for (const s of catalog.safeguards) {
    for (const condition of [...(s.recommend_when ?? []), ...(s.require_when ?? [])]) {
      const c = condition.capability;
      for (const id of c === undefined ? [] : Array.isArray(c) ? c : [c]) if (!found.includes(id)) found.push(id);
    }
  }
  return found;
}
