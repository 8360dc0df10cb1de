/**
 * An oracle of the scoring model and the gate, written from SPEC §1.2, §2, §3.1, §3.3–§3.5
 * alone. It shares nothing with src/ — not a type, not a constant — so that a fault in the
 * engine cannot hide in both. Where the SPEC leaves a choice open, the choice is named
 * where it is made. It favours the plainest reading over speed.
 */

// ---------------------------------------------------------------- §1.2 default content

/** Level id, vector code and value, least → most severe (SPEC §1.2 table). */
type LevelRow = readonly [id: string, code: string, value: number];

export const SPEC_LEVELS = {
  likelihood: [['rare', 'R', 0.1], ['unlikely', 'U', 0.3], ['possible', 'P', 0.5], ['likely', 'L', 0.75], ['almost_certain', 'A', 1.0]],
  scale: [['individual', 'I', 0.2], ['group', 'G', 0.4], ['community', 'C', 0.6], ['widespread', 'W', 0.8], ['societal', 'S', 1.0]],
  duration: [['transient', 'T', 0.2], ['short_term', 'S', 0.4], ['long_term', 'L', 0.7], ['irreversible', 'I', 1.0]],
  vulnerability: [['none', 'N', 0], ['elevated', 'E', 0.25], ['high', 'H', 0.5]],
  causality: [['indirect', 'I', 0.3], ['contributing', 'C', 0.6], ['direct', 'D', 1.0]],
  technology_contribution: [['negligible', 'N', 0.1], ['marginal', 'M', 0.4], ['significant', 'S', 0.7], ['essential', 'E', 1.0]],
  // Not scored: the value column is unused.
  mitigation_feasibility: [['high', 'H', 0], ['moderate', 'M', 0], ['low', 'L', 0], ['infeasible', 'I', 0]],
} as const satisfies Record<string, readonly LevelRow[]>;

export type OracleFactor = keyof typeof SPEC_LEVELS;

/** The vector's letters, in vector order (SPEC §2.3). */
export const VECTOR_ORDER: readonly (readonly [string, OracleFactor])[] = [
  ['L', 'likelihood'],
  ['S', 'scale'],
  ['D', 'duration'],
  ['V', 'vulnerability'],
  ['C', 'causality'],
  ['T', 'technology_contribution'],
  ['M', 'mitigation_feasibility'],
];

/** The five factors safeguards may shift (SPEC §2.2). */
export const SHIFTABLE = ['likelihood', 'scale', 'duration', 'causality', 'technology_contribution'] as const;
type Shiftable = (typeof SHIFTABLE)[number];

export const SPEC_POPULATIONS: Readonly<Record<string, string>> = {
  general_public: 'none',
  organizations: 'none',
  older_adults: 'elevated',
  people_with_disabilities: 'elevated',
  low_digital_literacy: 'elevated',
  children: 'high',
  individuals_in_crisis: 'high',
  marginalized_communities: 'high',
};

export const SPEC_DIMENSIONS = ['physical', 'psychological', 'economic', 'societal', 'individual_autonomy'] as const;

const WEIGHTS = { scale: 0.5, duration: 0.5, attribution: 0.3, likelihood: 0.5 };
const BANDS: readonly (readonly [string, number])[] = [['low', 0.1], ['medium', 4.0], ['high', 7.0], ['critical', 9.0]];
export const LEVEL_ORDER = ['none', 'low', 'medium', 'high', 'critical'] as const;
const DEFAULT_CAP = 2;

// ---------------------------------------------------------------- §2.1 one harm

/** The seven level ids of one state of a harm. */
export type OracleLevels = Record<OracleFactor, string>;

export interface OracleScore {
  severity: number;
  severityLevel: string;
  risk: number;
  riskLevel: string;
  vector: string | null;
}

function row(factor: OracleFactor, id: string): LevelRow {
  const found = (SPEC_LEVELS[factor] as readonly LevelRow[]).find((r) => r[0] === id);
  if (!found) throw new Error(`oracle: no ${factor} level ${id}`);
  return found;
}

function position(factor: OracleFactor, id: string): number {
  return (SPEC_LEVELS[factor] as readonly LevelRow[]).findIndex((r) => r[0] === id);
}

/** SPEC §2.1, word for word. */
export function specRound1(x: number): number {
  return Math.round(Math.round(x * 1e5) / 1e4) / 10;
}

export function specBand(x: number): string {
  let level = 'none';
  for (const [id, min] of BANDS) if (x >= min) level = id;
  return level;
}

export function specVector(levels: OracleLevels): string {
  return `HARM:1/${VECTOR_ORDER.map(([letter, factor]) => `${letter}:${row(factor, levels[factor])[1]}`).join('/')}`;
}

export function specScore(levels: OracleLevels): OracleScore {
  const v = (factor: OracleFactor) => row(factor, levels[factor])[2];
  const B = WEIGHTS.scale * v('scale') + WEIGHTS.duration * v('duration');
  const I = B + (1 - B) * v('vulnerability');
  const A = 1 - WEIGHTS.attribution * (1 - (v('causality') + v('technology_contribution')) / 2);
  const severity = specRound1(10 * I * A);
  const risk = specRound1(severity * (1 - WEIGHTS.likelihood * (1 - v('likelihood'))));
  return { severity, severityLevel: specBand(severity), risk, riskLevel: specBand(risk), vector: specVector(levels) };
}

/** The highest vulnerability among the populations; `none` when there are none. */
export function specVulnerability(populations: readonly string[]): string {
  let best = 'none';
  for (const p of populations) {
    const vulnerability = SPEC_POPULATIONS[p];
    if (vulnerability !== undefined && position('vulnerability', vulnerability) > position('vulnerability', best)) best = vulnerability;
  }
  return best;
}

// ---------------------------------------------------------------- inputs, in the file formats' own words

type OneOrMany = string | readonly string[];

export interface OracleCondition {
  dimension?: OneOrMany;
  category?: OneOrMany;
  capability?: OneOrMany;
  population?: OneOrMany;
  stage?: OneOrMany;
  min_severity?: string;
  min_risk?: string;
  factor?: Partial<Record<string, string>>;
}

export interface OracleSafeguard {
  id: string;
  effects?: Partial<Record<Shiftable, number>> & { exclude_populations?: readonly string[] };
  effects_when?: readonly OracleCondition[];
  raises?: Readonly<Record<string, Partial<Record<Shiftable, number>>>>;
  recommend_when?: readonly OracleCondition[];
  require_when?: readonly OracleCondition[];
}

export interface OracleCatalog {
  framework: { max_shift?: Partial<Record<Shiftable, number>> };
  categories: readonly { id: string; escalate?: boolean }[];
  safeguards: readonly OracleSafeguard[];
}

interface Declaration {
  id: string;
  status: string;
}

export interface OracleHarm {
  id: string;
  category: string;
  dimensions: readonly string[];
  factors: Record<Exclude<OracleFactor, 'vulnerability'>, string> & { affected_populations: readonly string[] };
  safeguards?: readonly Declaration[];
  escalation?: unknown;
}

export interface OracleAssessment {
  feature: { stage: string; capabilities?: readonly string[]; safeguards?: readonly Declaration[] };
  harms: readonly OracleHarm[];
  waivers?: readonly { harm: string; safeguard: string; expires: string }[];
  acceptances?: readonly { harm: string; up_to: string; expires: string }[];
}

export interface OracleGate {
  today: string;
  failOn?: string;
  failOnSeverity?: string;
}

// ---------------------------------------------------------------- §3.1 conditions

const asList = (x: OneOrMany): readonly string[] => (typeof x === 'string' ? [x] : x);
const atLeast = (level: string, min: string) => LEVEL_ORDER.indexOf(level as never) >= LEVEL_ORDER.indexOf(min as never);

interface Subject {
  harm: OracleHarm;
  feature: OracleAssessment['feature'];
  levels: OracleLevels;
  score: OracleScore;
}

/** Whether every key of one entry holds for the inherent harm and the feature. */
export function specEntryHolds(c: OracleCondition, s: Subject): boolean {
  const anyOf = (wanted: OneOrMany | undefined, has: readonly string[]) => wanted === undefined || asList(wanted).some((w) => has.includes(w));
  if (!anyOf(c.dimension, s.harm.dimensions)) return false;
  if (!anyOf(c.category, [s.harm.category])) return false;
  if (!anyOf(c.capability, s.feature.capabilities ?? [])) return false;
  if (!anyOf(c.population, s.harm.factors.affected_populations)) return false;
  if (!anyOf(c.stage, [s.feature.stage])) return false;
  if (c.min_severity !== undefined && !atLeast(s.score.severityLevel, c.min_severity)) return false;
  if (c.min_risk !== undefined && !atLeast(s.score.riskLevel, c.min_risk)) return false;
  for (const [factor, min] of Object.entries(c.factor ?? {})) {
    const f = factor as OracleFactor;
    if (position(f, s.levels[f]) < position(f, min!)) return false;
  }
  return true;
}

/** The first entry of a list that matches (any entry will do; the first is the one reported). */
function firstMatch(list: readonly OracleCondition[] | undefined, s: Subject): OracleCondition | undefined {
  return list?.find((c) => specEntryHolds(c, s));
}

// ---------------------------------------------------------------- §2.2 states

const PROJECTED = ['implemented', 'in_progress', 'planned'];
const RESIDUAL = ['implemented'];
type State = 'inherent' | 'projected' | 'residual';

/**
 * The declarations that count for a harm: the harm's own, then the feature's whose id the
 * harm does not declare. A repeated id within one list is a duplicate-id error; its first
 * entry is the one that counts (the finding points at the later one, SPEC §4).
 */
export function specDeclarations(feature: OracleAssessment['feature'], harm: OracleHarm): Declaration[] {
  const firstOfEach = (list: readonly Declaration[] | undefined) => (list ?? []).filter((d, i, all) => all.findIndex((e) => e.id === d.id) === i);
  const own = firstOfEach(harm.safeguards);
  return [...own, ...firstOfEach(feature.safeguards).filter((d) => !own.some((o) => o.id === d.id))];
}

export interface OracleRecommendation {
  safeguard: string;
  required: boolean;
  recommended: boolean;
  status: string;
  waived: boolean;
  /** The entries that matched, for checking the reasons. */
  requiredBy?: OracleCondition;
  recommendedBy?: OracleCondition;
}

export interface OracleHarmResult {
  id: string;
  inherent: OracleScore;
  projected: OracleScore;
  residual: OracleScore;
  /** Safeguards whose raises moved the harm in the residual state, by id. */
  raisedBy: string[];
  recommendations: OracleRecommendation[];
  gaps: { safeguard: string; kind: 'missing' | 'not-implemented' }[];
}

export interface OracleFinding {
  rule: string;
  level: 'error' | 'warning' | 'info';
  harm?: string;
}

export interface OracleProfileEntry {
  harms: number;
  inherent: OracleScore;
  projected: OracleScore;
  residual: OracleScore;
}

export interface OracleResult {
  harms: OracleHarmResult[];
  profile: { overall: OracleProfileEntry; dimensions: (OracleProfileEntry & { id: string })[] };
  /** The findings of §3.3–§3.5, the waiver and acceptance rules, escalation and recommendations. */
  findings: OracleFinding[];
}

/** Scores an assessment and judges it, from the SPEC alone. */
export function specAssess(assessment: OracleAssessment, catalog: OracleCatalog, gate: OracleGate): OracleResult {
  const { feature, harms } = assessment;
  const safeguardById = new Map<string, OracleSafeguard>();
  for (const s of catalog.safeguards) if (!safeguardById.has(s.id)) safeguardById.set(s.id, s);
  const cap = (f: Shiftable) => catalog.framework.max_shift?.[f] ?? DEFAULT_CAP;
  const declared = harms.map((h) => specDeclarations(feature, h).filter((d) => safeguardById.has(d.id)));
  const inEffect = (decls: readonly Declaration[], state: State) =>
    decls.filter((d) => (state === 'projected' ? PROJECTED : RESIDUAL).includes(d.status));

  // Raises: each safeguard in effect for at least one harm of the assessment, counted once.
  const raisersIn = (state: State) => {
    const ids = new Set<string>();
    for (const decls of declared) for (const d of inEffect(decls, state)) ids.add(d.id);
    return [...ids].map((id) => safeguardById.get(id)!).filter((s) => s.raises !== undefined);
  };
  const raisers = { projected: raisersIn('projected'), residual: raisersIn('residual') };

  const results = harms.map((harm, i): OracleHarmResult & { subject: Subject } => {
    const inherentLevels: OracleLevels = {
      likelihood: harm.factors.likelihood,
      scale: harm.factors.scale,
      duration: harm.factors.duration,
      vulnerability: specVulnerability(harm.factors.affected_populations),
      causality: harm.factors.causality,
      technology_contribution: harm.factors.technology_contribution,
      mitigation_feasibility: harm.factors.mitigation_feasibility,
    };
    const subject: Subject = { harm, feature, levels: inherentLevels, score: specScore(inherentLevels) };
    const applies = (s: OracleSafeguard) => s.effects_when === undefined || firstMatch(s.effects_when, subject) !== undefined;

    const settle = (state: 'projected' | 'residual'): { levels: OracleLevels; raisedBy: string[] } => {
      const acting = inEffect(declared[i]!, state).map((d) => safeguardById.get(d.id)!).filter(applies);
      const raising = raisers[state].filter((s) => s.raises![harm.category] !== undefined);
      const levels = { ...inherentLevels };
      const raisedBy = new Set<string>();
      for (const f of SHIFTABLE) {
        const down = acting.reduce((sum, s) => sum + Math.abs(s.effects?.[f] ?? 0), 0);
        const up = raising.reduce((sum, s) => sum + (s.raises![harm.category]![f] ?? 0), 0);
        const last = SPEC_LEVELS[f].length - 1;
        const from = position(f, inherentLevels[f]);
        const withoutRaises = Math.max(0, from - Math.min(down, cap(f)));
        const to = Math.min(last, Math.max(0, from - Math.min(down, cap(f)) + Math.min(up, cap(f))));
        levels[f] = SPEC_LEVELS[f][to]![0];
        if (to !== withoutRaises) for (const s of raising) if ((s.raises![harm.category]![f] ?? 0) > 0) raisedBy.add(s.id);
      }
      const excluded = new Set(acting.flatMap((s) => s.effects?.exclude_populations ?? []));
      levels.vulnerability = specVulnerability(harm.factors.affected_populations.filter((p) => !excluded.has(p)));
      return { levels, raisedBy: [...raisedBy].sort() };
    };
    const projected = settle('projected');
    const residual = settle('residual');

    // §3.2 and §3.3: recommendations, waivers and gaps.
    const recommendations: OracleRecommendation[] = [];
    for (const s of [...safeguardById.values()]) {
      const requiredBy = firstMatch(s.require_when, subject);
      const recommendedBy = firstMatch(s.recommend_when, subject);
      const declaration = declared[i]!.find((d) => d.id === s.id);
      if (!requiredBy && !recommendedBy && !declaration) continue;
      const status = declaration?.status ?? 'missing';
      const waiver = (assessment.waivers ?? []).some((w) => w.harm === harm.id && w.safeguard === s.id && w.expires >= gate.today);
      recommendations.push({
        safeguard: s.id,
        required: requiredBy !== undefined,
        recommended: recommendedBy !== undefined,
        status,
        waived: requiredBy !== undefined && status !== 'implemented' && waiver,
        ...(requiredBy ? { requiredBy } : {}),
        ...(recommendedBy ? { recommendedBy } : {}),
      });
    }
    const group = (r: OracleRecommendation) => (r.required ? 0 : r.recommended ? 1 : 2);
    recommendations.sort((a, b) => group(a) - group(b) || (a.safeguard < b.safeguard ? -1 : a.safeguard > b.safeguard ? 1 : 0));
    const gaps = recommendations
      .filter((r) => r.required && r.status !== 'implemented' && !r.waived)
      .map((r) => ({ safeguard: r.safeguard, kind: r.status === 'missing' ? ('missing' as const) : ('not-implemented' as const) }));

    return {
      id: harm.id,
      subject,
      inherent: subject.score,
      projected: specScore(projected.levels),
      residual: specScore(residual.levels),
      raisedBy: residual.raisedBy,
      recommendations,
      gaps,
    };
  });

  const findings = judge(assessment, catalog, gate, results, raisers.projected);
  return { harms: results.map(({ subject: _, ...r }) => r), profile: specProfile(results, harms), findings };
}

// ---------------------------------------------------------------- §2.4 profile

function summarize(scores: readonly OracleScore[]): OracleScore {
  if (scores.length === 0) return { severity: 0, severityLevel: 'none', risk: 0, riskLevel: 'none', vector: null };
  const severity = Math.max(...scores.map((s) => s.severity));
  // The highest risk; ties: higher severity, then first listed.
  let top = scores[0]!;
  for (const s of scores) if (s.risk > top.risk || (s.risk === top.risk && s.severity > top.severity)) top = s;
  return { severity, severityLevel: specBand(severity), risk: top.risk, riskLevel: specBand(top.risk), vector: top.vector };
}

function profileOf(results: readonly OracleHarmResult[]): OracleProfileEntry {
  return {
    harms: results.length,
    inherent: summarize(results.map((r) => r.inherent)),
    projected: summarize(results.map((r) => r.projected)),
    residual: summarize(results.map((r) => r.residual)),
  };
}

function specProfile(results: readonly OracleHarmResult[], harms: readonly OracleHarm[]): OracleResult['profile'] {
  return {
    overall: profileOf(results),
    dimensions: SPEC_DIMENSIONS.map((id) => ({ id, ...profileOf(results.filter((_, i) => harms[i]!.dimensions.includes(id))) })),
  };
}

// ---------------------------------------------------------------- §3.3–§3.5 and §1.1 findings

function judge(
  assessment: OracleAssessment,
  catalog: OracleCatalog,
  gate: OracleGate,
  results: readonly (OracleHarmResult & { subject: Subject })[],
  projectedRaisers: readonly OracleSafeguard[],
): OracleFinding[] {
  const out: OracleFinding[] = [];
  const { feature, harms } = assessment;
  const waivers = assessment.waivers ?? [];
  const acceptances = assessment.acceptances ?? [];
  const harmIds = new Set(harms.map((h) => h.id));
  const about = (harm: string) => (harmIds.has(harm) ? { harm } : {});

  // Document rules: they hold at every stage.
  for (const w of waivers) if (w.expires < gate.today) out.push({ rule: 'waiver-expired', level: 'error', ...about(w.harm) });
  for (const a of acceptances) if (a.expires < gate.today) out.push({ rule: 'acceptance-expired', level: 'error', ...about(a.harm) });
  for (const r of results) {
    for (const rec of r.recommendations) {
      if (rec.recommended && !rec.required && rec.status === 'missing') out.push({ rule: 'recommended-safeguard', level: 'info', harm: r.id });
    }
  }
  // A retired feature is never gated (§3.5).
  if (feature.stage === 'retired') return out;

  const early = feature.stage === 'concept' || feature.stage === 'development';
  const gated: State = early ? 'projected' : 'residual';
  const failOn = gate.failOn ?? 'high';
  const failOnSeverity = gate.failOnSeverity ?? 'critical';
  const reaches = (level: string, at: string) => at !== 'off' && atLeast(level, at);
  const used = new Set<number>();

  results.forEach((r, i) => {
    const harm = harms[i]!;
    for (const gap of r.gaps) {
      if (gap.kind === 'missing') out.push({ rule: 'missing-required-safeguard', level: 'error', harm: r.id });
      else out.push({ rule: 'required-not-implemented', level: early ? 'warning' : 'error', harm: r.id });
    }
    const escalates = catalog.categories.find((c) => c.id === harm.category)?.escalate === true;
    const criticalAndHard = r.inherent.severityLevel === 'critical' && ['low', 'infeasible'].includes(harm.factors.mitigation_feasibility);
    if (harm.escalation === undefined && (escalates || criticalAndHard)) out.push({ rule: 'escalation-required', level: 'error', harm: r.id });

    const score = r[gated];
    const riskOver = reaches(score.riskLevel, failOn);
    // Which of several acceptances that could stop the gate is the one in use: the first in the file.
    const accepted = riskOver
      ? acceptances.findIndex((a) => a.harm === r.id && a.expires >= gate.today && atLeast(a.up_to, score.riskLevel))
      : -1;
    if (accepted >= 0) used.add(accepted);
    if ((riskOver && accepted < 0) || reaches(score.severityLevel, failOnSeverity)) out.push({ rule: 'residual-risk', level: 'error', harm: r.id });
  });

  for (const w of waivers) {
    const r = results.find((x) => x.id === w.harm);
    if (!r || !catalog.safeguards.some((s) => s.id === w.safeguard)) continue; // unknown-reference instead
    const rec = r.recommendations.find((x) => x.safeguard === w.safeguard);
    if (!rec?.required || rec.status === 'implemented') out.push({ rule: 'unused-waiver', level: 'warning', harm: w.harm });
  }
  acceptances.forEach((a, k) => {
    // Expired ones are acceptance-expired, unknown harms unknown-reference: neither is also unused.
    if (used.has(k) || !harmIds.has(a.harm) || a.expires < gate.today) return;
    out.push({ rule: 'unused-acceptance', level: 'warning', harm: a.harm });
  });
  const assessed = new Set(harms.map((h) => h.category));
  for (const s of projectedRaisers) {
    for (const category of Object.keys(s.raises!)) if (!assessed.has(category)) out.push({ rule: 'unassessed-tradeoff', level: 'warning' });
  }
  return out;
}
