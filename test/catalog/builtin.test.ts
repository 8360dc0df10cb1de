import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { matchConditions, type ConditionSubject } from '../../src/core/conditions.js';
import { levelRank } from '../../src/core/score.js';
import { loadEffectiveCatalog } from '../../src/io/catalog-loader.js';
import { assessFile } from '../../src/io/load-assessment.js';
import { assessmentSchema, type Assessment } from '../../src/schema/assessment.js';
import { catalogLayerSchema, catalogSchema, SAFEGUARD_KINDS, type Catalog, type CatalogSafeguard, type Condition } from '../../src/schema/catalog.js';
import { FACTOR_LEVELS, VULNERABILITY_LEVELS, type Level } from '../../src/schema/common.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const catalogText = readFileSync(join(root, 'catalog/builtin.yaml'), 'utf8');
const raw = parse(catalogText) as Record<string, unknown>;
const parsed = catalogSchema().safeParse(raw);
// Every other test reads the validated catalog; the schema test below says why it failed.
const catalog = (parsed.success ? parsed.data : raw) as Catalog;
const doc = readFileSync(join(root, 'docs/catalog.md'), 'utf8');

const CAPABILITIES = [
  'computer_use',
  'tool_use',
  'web_browsing',
  'code_execution',
  'messaging',
  'payments',
  'image_generation',
  'voice',
  'memory',
  'file_access',
];

/** The values of SPEC §1.2, in level order. */
const SPEC_VALUES = {
  likelihood: [0.1, 0.3, 0.5, 0.75, 1.0],
  scale: [0.2, 0.4, 0.6, 0.8, 1.0],
  duration: [0.2, 0.4, 0.7, 1.0],
  causality: [0.3, 0.6, 1.0],
  technology_contribution: [0.1, 0.4, 0.7, 1.0],
} as const;

const SPEC_CATEGORIES = [
  'cbrn',
  'cyber_offense',
  'child_safety',
  'violent_extremism',
  'fraud_scams',
  'influence_operations',
  'misinformation',
  'privacy',
  'harassment',
  'self_harm',
  'discrimination',
  'manipulation',
  'dangerous_advice',
  'over_refusal',
];

const ids = (list: readonly { id: string }[]) => list.map((x) => x.id);
const asList = (v: string | readonly string[] | undefined): readonly string[] => (v === undefined ? [] : typeof v === 'string' ? [v] : v);
const allConditions = (s: CatalogSafeguard) => [
  ...(s.recommend_when ?? []).map((c) => ({ c, kind: 'recommend' as const })),
  ...(s.require_when ?? []).map((c) => ({ c, kind: 'require' as const })),
];
/** Also the conditions that scope effects, which recommend nothing. */
const everyCondition = (s: CatalogSafeguard) => [...allConditions(s), ...(s.effects_when ?? []).map((c) => ({ c, kind: 'effects' as const }))];
/** One sentence: ends with a full stop and has no sentence break inside. */
const isOneSentence = (text: string) => /^[A-Z].*\.$/.test(text) && !/[.!?]\s+[A-Z]/.test(text);

describe('catalog/builtin.yaml', () => {
  it('is a complete, standalone catalog under the full schema', () => {
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(raw.apiVersion).toBe('harm/v1');
    expect(raw.kind).toBe('Catalog');
    expect(raw.extends).toEqual([]);
    expect(raw.remove).toBeUndefined();
  });

  it('is the harm-default framework, version 2, with the five dimensions', () => {
    expect(catalog.framework.id).toBe('harm-default');
    expect(catalog.framework.version).toBe(2);
    expect(catalog.framework.dimensions.map((d) => [d.id, d.description])).toEqual([
      ['physical', 'Effects on bodily health and well-being.'],
      ['psychological', 'Effects on mental health and cognitive functioning.'],
      ['economic', 'Financial consequences and property considerations.'],
      ['societal', 'Effects on communities, institutions, and shared systems.'],
      ['individual_autonomy', 'Effects on personal decision-making and freedoms.'],
    ]);
  });

  it.each(Object.keys(SPEC_VALUES) as (keyof typeof SPEC_VALUES)[])('has the SPEC levels of %s, least to most severe', (factor) => {
    const levels = catalog.framework.factors[factor].levels;
    expect(levels.map((l) => [l.id, l.code])).toEqual(FACTOR_LEVELS[factor].map(([id, code]) => [id, code]));
    expect(levels.map((l) => l.value)).toEqual(SPEC_VALUES[factor]);
  });

  it('has mitigation feasibility levels with codes and no values', () => {
    const levels = catalog.framework.factors.mitigation_feasibility.levels;
    expect(levels.map((l) => [l.id, l.code])).toEqual(FACTOR_LEVELS.mitigation_feasibility.map(([id, code]) => [id, code]));
    for (const level of levels) expect(level).not.toHaveProperty('value');
  });

  it('has the SPEC vulnerability levels and populations', () => {
    const levels = catalog.framework.vulnerability.levels;
    expect(levels.map((l) => [l.id, l.code, l.value])).toEqual([
      [VULNERABILITY_LEVELS[0][0], 'N', 0],
      [VULNERABILITY_LEVELS[1][0], 'E', 0.25],
      [VULNERABILITY_LEVELS[2][0], 'H', 0.5],
    ]);
    expect(Object.fromEntries(catalog.framework.populations.map((p) => [p.id, p.vulnerability]))).toEqual({
      general_public: 'none',
      organizations: 'none',
      older_adults: 'elevated',
      people_with_disabilities: 'elevated',
      low_digital_literacy: 'elevated',
      children: 'high',
      individuals_in_crisis: 'high',
      marginalized_communities: 'high',
    });
  });

  it('has the SPEC weights and bands', () => {
    expect(catalog.framework.weights).toEqual({ scale: 0.5, duration: 0.5, attribution: 0.3, likelihood: 0.5 });
    expect(catalog.framework.bands).toEqual([
      { id: 'low', min: 0.1 },
      { id: 'medium', min: 4.0 },
      { id: 'high', min: 7.0 },
      { id: 'critical', min: 9.0 },
    ]);
  });

  it('describes every dimension, level, population and category in one sentence', () => {
    const f = catalog.framework;
    const texts: [string, string][] = [
      ...f.dimensions.map((d) => [`dimension ${d.id}`, d.description] as [string, string]),
      ...Object.entries(f.factors).flatMap(([name, factor]) =>
        (factor.levels as { id: string; description: string }[]).map((l) => [`${name}.${l.id}`, l.description] as [string, string]),
      ),
      ...f.vulnerability.levels.map((l) => [`vulnerability.${l.id}`, l.description] as [string, string]),
      ...f.populations.map((p) => [`population ${p.id}`, p.description] as [string, string]),
      ...catalog.categories.map((c) => [`category ${c.id}`, c.description] as [string, string]),
    ];
    expect(texts.filter(([, text]) => !isOneSentence(text))).toEqual([]);
  });

  it('has at least the fourteen SPEC categories, each with name, description and known default dimensions', () => {
    const categoryIds = ids(catalog.categories);
    expect(categoryIds).toEqual(expect.arrayContaining(SPEC_CATEGORIES));
    expect(new Set(categoryIds).size).toBe(categoryIds.length);
    const dimensions = ids(catalog.framework.dimensions);
    for (const category of catalog.categories) {
      expect(category.dimensions?.length, category.id).toBeGreaterThan(0);
      expect(category.dimensions!.filter((d) => !dimensions.includes(d)), category.id).toEqual([]);
    }
  });

  it('escalates cbrn, and only cbrn, to the catastrophic-risk process', () => {
    expect(catalog.categories.filter((c) => c.escalate).map((c) => c.id)).toEqual(['cbrn']);
    const cbrn = catalog.categories.find((c) => c.id === 'cbrn')!;
    expect(cbrn.escalation_message).toMatch(/catastrophic-risk process/);
    expect(cbrn.escalation_message).toMatch(/Responsible Scaling Policy/);
  });

  describe('safeguards', () => {
    const safeguards = catalog.safeguards;

    it('number at least 25, with unique ids of the form <kind>.<name>', () => {
      expect(safeguards.length).toBeGreaterThanOrEqual(25);
      expect(new Set(ids(safeguards)).size).toBe(safeguards.length);
      expect(safeguards.filter((s) => !s.id.startsWith(`${s.kind}.`)).map((s) => s.id)).toEqual([]);
    });

    it('cover every kind and the framework levers the examples rely on', () => {
      expect(new Set(safeguards.map((s) => s.kind))).toEqual(new Set(SAFEGUARD_KINDS));
      expect(ids(safeguards)).toEqual(
        expect.arrayContaining([
          'usage_policy.aup-coverage',
          'evaluation.red-teaming',
          'evaluation.adversarial-testing',
          'evaluation.post-launch-evaluations',
          'evaluation.refusal-calibration',
          'detection.misuse-classifiers',
          'detection.hierarchical-summarization',
          'detection.aggregate-usage-insights',
          'enforcement.prompt-modification',
          'enforcement.user-warnings',
          'enforcement.account-blocking',
          'enforcement.stricter-thresholds',
          'product.human-confirmation',
          'product.rate-limits',
          'product.allowlists',
          'product.age-assurance',
          'product.crisis-resources',
          'escalation.catastrophic-risk-review',
        ]),
      );
    });

    it('cite the framework references where they apply', () => {
      const ref = (id: string) => safeguards.find((s) => s.id === id)?.reference;
      expect(ref('usage_policy.aup-coverage')).toBe('https://www.anthropic.com/legal/aup');
      expect(ref('detection.hierarchical-summarization')).toBe('https://alignment.anthropic.com/2025/summarization-for-monitoring/');
      expect(ref('detection.aggregate-usage-insights')).toBe('https://www.anthropic.com/research/clio');
      expect(ref('evaluation.red-teaming')).toMatch(/system-card\.pdf$/);
      expect(ref('enforcement.account-blocking')).toBe('https://www.anthropic.com/transparency/voluntary-commitments');
      expect(ref('escalation.catastrophic-risk-review')).toMatch(/^https:\/\/www-cdn\.anthropic\.com\/.+\.pdf$/);
    });

    it('have a description of one or two sentences', () => {
      const sentences = (text: string) => text.split(/(?<=[.!?])\s+(?=[A-Z])/).length;
      expect(safeguards.filter((s) => !/\.$/.test(s.description) || sentences(s.description) > 2).map((s) => s.id)).toEqual([]);
    });

    it('name only ids the catalog defines, and only the documented capabilities', () => {
      const known = {
        category: ids(catalog.categories),
        dimension: ids(catalog.framework.dimensions),
        population: ids(catalog.framework.populations),
        capability: CAPABILITIES,
      };
      const unknown: string[] = [];
      for (const s of safeguards) {
        for (const population of s.effects?.exclude_populations ?? []) {
          if (!known.population.includes(population)) unknown.push(`${s.id} effects: ${population}`);
        }
        for (const category of Object.keys(s.raises ?? {})) if (!known.category.includes(category)) unknown.push(`${s.id} raises: ${category}`);
        for (const { c } of everyCondition(s)) {
          for (const key of ['category', 'dimension', 'population', 'capability'] as const) {
            for (const value of asList(c[key])) if (!known[key].includes(value)) unknown.push(`${s.id} ${key}: ${value}`);
          }
        }
      }
      expect(unknown).toEqual([]);
    });

    it('have no empty condition', () => {
      const empty = safeguards.flatMap((s) =>
        everyCondition(s)
          .filter(({ c }) => Object.keys(c).length === 0 || (c.factor !== undefined && Object.keys(c.factor).length === 0))
          .map(() => s.id),
      );
      expect(empty).toEqual([]);
    });

    it('shift factors only by negative whole steps', () => {
      for (const s of safeguards) {
        const { exclude_populations: _, ...shifts } = s.effects ?? {};
        for (const step of Object.values(shifts)) expect(Number.isInteger(step) && step < 0, s.id).toBe(true);
      }
    });

    /*
     * Proportionality. A `disproportionate-safeguard` warning fires when a high-burden
     * safeguard is declared for a harm of low inherent risk, so the catalog must never
     * ask for one there. Severity alone does not bound risk (a rare harm of high
     * severity can still be low risk), so an entry is justified only by a risk of at
     * least medium, a critical severity (whose risk is at least medium), a population
     * that can hardly protect itself, or a category where any occurrence is
     * unacceptable.
     */
    const zeroTolerance = [...catalog.categories.filter((c) => c.escalate).map((c) => c.id), 'child_safety'];
    const highlyVulnerable = catalog.framework.populations.filter((p) => p.vulnerability === 'high').map((p) => p.id);
    const atLeast = (level: Level | undefined, min: Level) => level !== undefined && levelRank(level) >= levelRank(min);
    const boundsRisk = (c: Condition) => atLeast(c.min_risk, 'medium') || atLeast(c.min_severity, 'critical');
    const justifiedByWho = (c: Condition) =>
      (c.category !== undefined && asList(c.category).every((x) => zeroTolerance.includes(x))) ||
      (c.population !== undefined && asList(c.population).every((x) => highlyVulnerable.includes(x))) ||
      c.factor?.vulnerability === 'high';

    it('recommend or require a high-burden safeguard only where risk or the people affected justify it', () => {
      const unjustified = safeguards
        .filter((s) => s.burden === 'high')
        .flatMap((s) => allConditions(s).filter(({ c }) => !boundsRisk(c) && !justifiedByWho(c)).map(({ c, kind }) => `${s.id} ${kind} ${JSON.stringify(c)}`));
      expect(unjustified).toEqual([]);
    });

    it('never require a high-burden safeguard below medium risk', () => {
      const unbounded = safeguards
        .filter((s) => s.burden === 'high')
        .flatMap((s) => (s.require_when ?? []).filter((c) => !boundsRisk(c)).map((c) => `${s.id} ${JSON.stringify(c)}`));
      expect(unbounded).toEqual([]);
    });

    it('require a safeguard with any cost to users at low risk only for zero-tolerance categories', () => {
      const costly = safeguards
        .filter((s) => s.burden !== 'low')
        .flatMap((s) =>
          (s.require_when ?? [])
            .filter((c) => !boundsRisk(c) && !(c.category !== undefined && asList(c.category).every((x) => zeroTolerance.includes(x))))
            .map((c) => `${s.id} ${JSON.stringify(c)}`),
        );
      expect(costly).toEqual([]);
    });

    it('recommend some light measure for any harm of low risk', () => {
      const broad = safeguards.filter(
        (s) => s.burden === 'low' && (s.recommend_when ?? []).some((c) => Object.keys(c).length === 1 && c.min_risk === 'low'),
      );
      expect(broad.map((s) => s.id)).toContain('usage_policy.aup-coverage');
    });
  });

  describe('conditions applied to typical harms', () => {
    const levelsFor = (likelihood: 'rare' | 'possible' | 'likely') => ({
      likelihood,
      scale: 'widespread' as const,
      duration: 'long_term' as const,
      vulnerability: 'none' as const,
      causality: 'contributing' as const,
      technology_contribution: 'significant' as const,
      mitigation_feasibility: 'moderate' as const,
    });
    const subject = (s: Partial<Omit<ConditionSubject, 'score'>> & { severity?: Level; risk?: Level }): ConditionSubject => ({
      category: s.category ?? 'misinformation',
      dimensions: s.dimensions ?? ['societal'],
      populations: s.populations ?? ['general_public'],
      capabilities: s.capabilities ?? [],
      stage: s.stage ?? 'beta',
      levels: s.levels ?? levelsFor('possible'),
      score: { severity: 0, severityLevel: s.severity ?? s.risk ?? 'medium', risk: 0, riskLevel: s.risk ?? 'medium' },
    });
    const applying = (subj: ConditionSubject, which: 'require_when' | 'recommend_when') =>
      catalog.safeguards.filter((s) => matchConditions(s[which], subj) !== null).map((s) => s.id);

    it('computer use with an economic harm at medium risk requires human confirmation and stricter thresholds, not blocking', () => {
      const subj = subject({ category: 'fraud_scams', dimensions: ['economic'], capabilities: ['computer_use', 'tool_use'], severity: 'high', risk: 'medium' });
      const required = applying(subj, 'require_when');
      expect(required).toEqual(expect.arrayContaining(['product.human-confirmation', 'enforcement.stricter-thresholds', 'detection.hierarchical-summarization']));
      expect(required).not.toContain('enforcement.account-blocking');
      expect(applying({ ...subj, score: { ...subj.score, riskLevel: 'low', severityLevel: 'medium' } }, 'require_when')).not.toContain(
        'product.human-confirmation',
      );
    });

    it('requires account blocking at high risk of misuse', () => {
      expect(applying(subject({ category: 'fraud_scams', risk: 'high' }), 'require_when')).toContain('enforcement.account-blocking');
    });

    it('never turns enforcement on the users of a model that fails them', () => {
      for (const category of ['over_refusal', 'self_harm', 'unintended_actions', 'emotional_dependency']) {
        const subj = subject({ category, populations: ['individuals_in_crisis'], risk: 'critical' });
        const applied = [...applying(subj, 'require_when'), ...applying(subj, 'recommend_when')];
        expect(applied.filter((id) => id === 'enforcement.account-blocking' || id === 'enforcement.user-warnings'), category).toEqual([]);
      }
    });

    it('requires refusal calibration for over-refusal, and not misuse classifiers', () => {
      const subj = subject({ category: 'over_refusal', risk: 'medium' });
      expect(applying(subj, 'require_when')).toContain('evaluation.refusal-calibration');
      expect(applying(subj, 'recommend_when')).not.toContain('detection.misuse-classifiers');
    });

    it('requires crisis resources for people in crisis and for self-harm, even at low risk', () => {
      expect(applying(subject({ populations: ['individuals_in_crisis'], risk: 'low' }), 'require_when')).toContain('product.crisis-resources');
      expect(applying(subject({ category: 'self_harm', risk: 'low' }), 'require_when')).toContain('product.crisis-resources');
    });

    it('recommends age assurance for children at any risk and requires it from medium risk', () => {
      expect(applying(subject({ populations: ['children'], risk: 'low' }), 'recommend_when')).toContain('product.age-assurance');
      expect(applying(subject({ populations: ['children'], risk: 'low' }), 'require_when')).not.toContain('product.age-assurance');
      expect(applying(subject({ populations: ['children'], risk: 'medium' }), 'require_when')).toContain('product.age-assurance');
    });

    it('requires the catastrophic-risk review for cbrn at any risk', () => {
      const required = applying(subject({ category: 'cbrn', risk: 'low', levels: levelsFor('rare') }), 'require_when');
      expect(required).toEqual(expect.arrayContaining(['escalation.catastrophic-risk-review', 'evaluation.dangerous-capability-evals']));
    });

    it('requires nothing, and recommends only light measures, for a low-risk harm without capabilities', () => {
      const subj = subject({ category: 'misinformation', severity: 'low', risk: 'low' });
      expect(applying(subj, 'require_when')).toEqual([]);
      const recommended = applying(subj, 'recommend_when');
      expect(recommended).toContain('usage_policy.aup-coverage');
      expect(recommended.filter((id) => catalog.safeguards.find((s) => s.id === id)!.burden !== 'low')).toEqual([]);
    });
  });
});

describe('framework version 2: capped, scoped and traded-off effects', () => {
  const byId = new Map(catalog.safeguards.map((s) => [s.id, s] as const));
  const MISUSE = ['cbrn', 'cyber_offense', 'child_safety', 'violent_extremism', 'weapons', 'fraud_scams', 'influence_operations', 'misinformation', 'privacy', 'harassment', 'manipulation'];
  const harmSubject = (category: string, extra: Partial<ConditionSubject> = {}): ConditionSubject => ({
    category,
    dimensions: ['societal'],
    populations: ['general_public'],
    capabilities: ['computer_use'],
    stage: 'beta',
    levels: {
      likelihood: 'possible',
      scale: 'widespread',
      duration: 'long_term',
      vulnerability: 'none',
      causality: 'contributing',
      technology_contribution: 'significant',
      mitigation_feasibility: 'moderate',
    },
    score: { severity: 6, severityLevel: 'medium', risk: 5, riskLevel: 'medium' },
    ...extra,
  });
  /** Whether a safeguard's effects apply to a harm: no effects_when, or one entry matches. */
  const effectsApply = (id: string, subj: ConditionSubject) => {
    const s = byId.get(id)!;
    return s.effects_when === undefined || matchConditions(s.effects_when, subj) !== null;
  };

  it('caps every shiftable factor at 2 levels', () => {
    expect(catalog.framework.max_shift).toEqual({ likelihood: 2, scale: 2, duration: 2, causality: 2, technology_contribution: 2 });
  });

  it('makes the enforcement ladder and the classifiers raise over-refusal, by positive whole steps only', () => {
    const raisers = catalog.safeguards.filter((s) => s.raises !== undefined).map((s) => s.id);
    expect(raisers.sort()).toEqual(
      ['detection.misuse-classifiers', 'enforcement.account-blocking', 'enforcement.capability-restrictions', 'enforcement.prompt-modification', 'enforcement.stricter-thresholds'].sort(),
    );
    for (const id of raisers) {
      const raises = byId.get(id)!.raises!;
      expect(Object.keys(raises), id).toEqual(['over_refusal']);
      for (const step of Object.values(raises.over_refusal!)) expect(Number.isInteger(step) && step! > 0, id).toBe(true);
    }
  });

  it('lets refusal calibration and review and appeal lower over-refusal', () => {
    for (const id of ['evaluation.refusal-calibration', 'enforcement.review-and-appeal']) {
      expect(effectsApply(id, harmSubject('over_refusal')), id).toBe(true);
      expect(Object.values(byId.get(id)!.effects ?? {}).some((step) => typeof step === 'number' && step < 0), id).toBe(true);
    }
    expect(byId.get('enforcement.review-and-appeal')!.recommend_when).toContainEqual({ category: 'over_refusal' });
  });

  it('scopes detection and enforcement effects to misuse, never to the harms a model does to its own users', () => {
    const enforcement = catalog.safeguards.filter((s) => (s.kind === 'detection' || s.kind === 'enforcement') && s.effects !== undefined && s.id !== 'enforcement.review-and-appeal');
    expect(enforcement.length).toBeGreaterThan(4);
    for (const s of enforcement) {
      for (const category of ['over_refusal', 'unintended_actions', 'emotional_dependency']) expect(effectsApply(s.id, harmSubject(category)), `${s.id} on ${category}`).toBe(false);
      expect(MISUSE.some((category) => effectsApply(s.id, harmSubject(category))), s.id).toBe(true);
    }
  });

  it('scopes controls that act for the user to harms done through the feature, not misuse where the user is the actor', () => {
    for (const id of ['product.human-confirmation', 'product.allowlists', 'product.action-log-and-undo']) {
      expect(effectsApply(id, harmSubject('unintended_actions')), id).toBe(true);
      for (const category of ['influence_operations', 'harassment', 'cyber_offense', 'misinformation']) {
        expect(effectsApply(id, harmSubject(category)), `${id} on ${category}`).toBe(false);
      }
      // Fraud run by the user (the system contributes) is misuse; fraud the agent itself carries out, tricked, is not.
      expect(effectsApply(id, harmSubject('fraud_scams')), id).toBe(false);
      expect(effectsApply(id, harmSubject('fraud_scams', { levels: { ...harmSubject('x').levels, causality: 'direct' } })), id).toBe(true);
    }
  });

  it('lowers the likelihood of harms to children with age assurance instead of removing children from the harm', () => {
    const age = byId.get('product.age-assurance')!;
    expect(age.effects).toEqual({ likelihood: -1 });
    expect(effectsApply(age.id, harmSubject('child_safety', { populations: ['children'] }))).toBe(true);
    expect(effectsApply(age.id, harmSubject('fraud_scams', { populations: ['older_adults'] }))).toBe(false);
    expect(catalog.safeguards.filter((s) => s.effects?.exclude_populations !== undefined).map((s) => s.id)).toEqual([]);
  });

  it('gives every safeguard with effects a scope', () => {
    expect(catalog.safeguards.filter((s) => s.effects !== undefined && s.effects_when === undefined).map((s) => s.id)).toEqual([]);
  });
});

describe('mappings to governance frameworks', () => {
  const FORMS: Record<string, RegExp> = {
    'nist-ai-rmf': /^(GOVERN|MAP|MEASURE|MANAGE) \d+\.\d+$/,
    'eu-ai-act': /^Art\. \d+(\(\d+\))?$/,
    'iso-42001': /^A\.\d+(\.\d+)+$/,
  };
  const entries = [...catalog.safeguards, ...catalog.categories];

  it('map every safeguard and category to at least one framework', () => {
    expect(entries.filter((e) => Object.keys(e.mappings ?? {}).length === 0).map((e) => e.id)).toEqual([]);
  });

  it('use the three framework slugs, with identifiers written as the published texts write them, each once', () => {
    for (const e of entries) {
      for (const [framework, clauses] of Object.entries(e.mappings ?? {})) {
        expect(Object.keys(FORMS), `${e.id} ${framework}`).toContain(framework);
        for (const clause of clauses) expect(clause, `${e.id} ${framework}`).toMatch(FORMS[framework]!);
        expect(new Set(clauses).size, e.id).toBe(clauses.length);
      }
    }
  });

  it('are documented: every clause has a title in docs/catalog.md, and each safeguard shows its mappings', () => {
    const clausesSection = doc.slice(doc.indexOf('### Clauses used'), doc.indexOf('## Safeguards'));
    for (const e of entries) {
      for (const clauses of Object.values(e.mappings ?? {})) for (const clause of clauses) expect(clausesSection, clause).toContain(`| ${clause} | `);
    }
    for (const s of catalog.safeguards) {
      const start = doc.indexOf(`#### \`${s.id}\``);
      const section = doc.slice(start, doc.indexOf('\n#', start + 1));
      for (const [framework, clauses] of Object.entries(s.mappings ?? {})) expect(section, s.id).toContain(`(\`${framework}\`) ${clauses.join(', ')}`);
    }
    for (const c of catalog.categories) {
      const text = Object.entries(c.mappings ?? {}).map(([framework, clauses]) => `\`${framework}\` ${clauses.join(', ')}`).join('; ');
      expect(doc, c.id).toContain(`| \`${c.id}\` | ${text} |`);
    }
  });
});

describe('docs/catalog.md', () => {
  it('mentions every safeguard, category, population, dimension and capability', () => {
    const all = [
      ...ids(catalog.safeguards),
      ...ids(catalog.categories),
      ...ids(catalog.framework.populations),
      ...ids(catalog.framework.dimensions),
      ...CAPABILITIES,
    ];
    expect(all.filter((id) => !doc.includes(`\`${id}\``))).toEqual([]);
  });

  it('shows each safeguard with the burden and stage of the catalog', () => {
    for (const s of catalog.safeguards) {
      expect(doc, s.id).toContain(`| \`${s.id}\` | ${s.kind} | ${s.stage} | ${s.burden} |`);
    }
  });

  /** A condition as the document writes it: measured keys first, ids in code spans. */
  const docCondition = (c: Condition): string => {
    const parts: string[] = [];
    if (c.min_severity) parts.push(`inherent severity at least ${c.min_severity}`);
    if (c.min_risk) parts.push(`inherent risk at least ${c.min_risk}`);
    for (const [factor, level] of Object.entries(c.factor ?? {})) parts.push(`${factor.replace(/_/g, ' ')} at least \`${level}\``);
    for (const key of ['dimension', 'category', 'capability', 'population', 'stage'] as const) {
      const values = c[key] === undefined ? [] : asList(c[key]);
      if (values.length === 1) parts.push(`${key} \`${values[0]}\``);
      else if (values.length > 1) parts.push(`${key} one of ${values.map((v) => `\`${v}\``).join(', ')}`);
    }
    return parts.join(' and ');
  };
  const sectionOf = (id: string) => {
    const start = doc.indexOf(`#### \`${id}\``);
    const end = doc.indexOf('\n#', start + 1);
    return doc.slice(start, end < 0 ? undefined : end);
  };

  it('gives each safeguard its effects, their scope, its trade-offs and a reason, as the catalog has them', () => {
    for (const s of catalog.safeguards) {
      const section = sectionOf(s.id);
      expect(section, s.id).toContain(s.description);
      const steps = ['likelihood', 'scale', 'duration', 'causality', 'technology_contribution'] as const;
      const effects = steps.filter((f) => s.effects?.[f] !== undefined).map((f) => `${f.replace(/_/g, ' ')} ${s.effects![f]}`);
      expect(section, s.id).toContain(`- **Effects:** ${effects.length > 0 ? effects.join(', ') : 'none'}`);
      for (const c of s.effects_when ?? []) expect(section, s.id).toContain(docCondition(c));
      if (s.effects_when === undefined) expect(section, s.id).not.toContain('Effects apply when');
      for (const [category, raise] of Object.entries(s.raises ?? {})) {
        const text = steps.filter((f) => raise[f] !== undefined).map((f) => `${f.replace(/_/g, ' ')} +${raise[f]}`).join(', ');
        expect(section, s.id).toContain(`- **Raises:** \`${category}\` ${text}`);
      }
      expect(section, s.id).toMatch(/- \*\*Why:\*\* [A-Z].+\./);
    }
  });

  describe('example layer', () => {
    const match = /### Example layer\s+```yaml\n([\s\S]*?)```/.exec(doc);
    const dir = mkdtempSync(join(tmpdir(), 'harm-catalog-doc-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('is a valid layer that composes over the built-in catalog as described', () => {
      expect(match).not.toBeNull();
      const text = match![1]!;
      expect(catalogLayerSchema().safeParse(parse(text)).success).toBe(true);
      writeFileSync(join(dir, 'catalog.yaml'), text);
      const effective = loadEffectiveCatalog({ cwd: dir, catalogs: ['catalog.yaml'], config: null });
      expect(ids(effective.framework.dimensions)).toContain('environmental');
      expect(effective.framework.factors.likelihood.levels[0]).toMatchObject({ id: 'rare', code: 'R', value: 0.2 });
      expect(effective.categories.find((c) => c.id === 'dangerous_advice')).toMatchObject({
        name: 'Dangerous advice',
        dimensions: ['physical', 'psychological'],
      });
      expect(ids(effective.safeguards)).toContain('product.clinician-review');
      expect(ids(effective.safeguards)).not.toContain('transparency.public-reporting');
      const rateLimits = effective.safeguards.find((s) => s.id === 'product.rate-limits')!;
      expect(rateLimits.require_when).toEqual([{ min_risk: 'medium', capability: ['messaging', 'computer_use', 'web_browsing'] }]);
      expect(rateLimits.recommend_when).toEqual(catalog.safeguards.find((s) => s.id === 'product.rate-limits')!.recommend_when);
    });
  });
});

describe('examples', () => {
  const dir = join(root, 'examples');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  // The date the examples were last reviewed: every date they hold must lie ahead of it.
  const REVIEWED = '2026-11-26';

  it('include the framework examples and at least two more', () => {
    expect(files).toEqual(expect.arrayContaining(['computer-use.yaml', 'model-response-boundaries.yaml']));
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  describe.each(files)('%s', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const result = assessmentSchema.safeParse(parse(text));
    const assessment = (result.success ? result.data : undefined) as Assessment;

    it('starts with the schema modeline and is a valid assessment', () => {
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/assessment.schema.json');
      expect(result.success ? [] : result.error.issues).toEqual([]);
      expect(assessment.feature.id).toBe(file.replace(/\.yaml$/, ''));
    });

    it('uses only ids from the built-in catalog and its own harms', () => {
      const safeguardIds = ids(catalog.safeguards);
      const unknown: string[] = [];
      const check = (kind: string, value: string, known: readonly string[]) => {
        if (!known.includes(value)) unknown.push(`${kind} ${value}`);
      };
      for (const d of assessment.feature.safeguards ?? []) check('safeguard', d.id, safeguardIds);
      for (const c of assessment.feature.capabilities ?? []) check('capability', c, CAPABILITIES);
      for (const harm of assessment.harms) {
        check('category', harm.category, ids(catalog.categories));
        for (const d of harm.dimensions) check('dimension', d, ids(catalog.framework.dimensions));
        for (const p of harm.factors.affected_populations) check('population', p, ids(catalog.framework.populations));
        for (const d of harm.safeguards ?? []) check('safeguard', d.id, safeguardIds);
      }
      for (const w of assessment.waivers ?? []) {
        check('waiver harm', w.harm, ids(assessment.harms));
        check('waiver safeguard', w.safeguard, safeguardIds);
      }
      expect(unknown).toEqual([]);
      expect(new Set(ids(assessment.harms)).size).toBe(assessment.harms.length);
    });

    it('keeps every review, due and expiry date ahead', () => {
      const dates = [
        assessment.assessment.review_by,
        ...(assessment.feature.safeguards ?? []).map((d) => d.due),
        ...assessment.harms.flatMap((h) => (h.safeguards ?? []).map((d) => d.due)),
        ...(assessment.waivers ?? []).map((w) => w.expires),
        ...(assessment.acceptances ?? []).map((a) => a.expires),
      ].filter((d): d is string => d !== undefined);
      expect(assessment.assessment.review_by).toBeDefined();
      expect(dates.filter((d) => d <= REVIEWED)).toEqual([]);
      expect(assessment.assessment.date <= REVIEWED).toBe(true);
    });

    it('assesses with no errors or warnings and at most a few recommendations', () => {
      const { report } = assessFile(join(dir, file), `examples/${file}`, catalog, { today: REVIEWED, version: '0.0.0' });
      expect(report.findings.filter((f) => f.level !== 'info').map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
      expect(report.summary.infos).toBeLessThanOrEqual(3);
    });
  });
});
