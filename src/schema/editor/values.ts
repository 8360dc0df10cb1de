import type { Catalog } from '../catalog.js';
import { BURDENS, SAFEGUARD_KINDS, SAFEGUARD_STAGES } from '../catalog.js';
import { BAND_IDS, DECLARATION_STATUSES, FACTOR_LEVELS, STAGES, VULNERABILITY_LEVELS, type FactorName } from '../common.js';
import { RULE_SETTINGS } from '../config.js';
import { enumKey, type Choice, type EditorValues, type IdKind } from './annotate.js';

// The texts of the values that are not catalog data. Each table must name every
// value of its enum, which the `satisfies` clauses check.

const STAGE_TEXTS = {
  concept: 'An idea being explored. Gated on the projected state (planned safeguards count).',
  development: 'Being built. Gated on the projected state (planned safeguards count).',
  beta: 'In limited release. Gated on the residual state: only implemented safeguards count.',
  ga: 'Generally available. Gated on the residual state: only implemented safeguards count.',
  retired: 'No longer offered. Validated, but never gated.',
} satisfies Record<(typeof STAGES)[number], string>;

const STATUS_TEXTS = {
  planned: 'Decided, not started. Counts toward the projected state, not the residual one.',
  in_progress: 'Being put in place. Counts toward the projected state, not the residual one.',
  implemented: 'In place. Counts toward both the projected and the residual state.',
  not_applicable: 'Does not apply to this harm; say why in `note`. A required safeguard needs a waiver instead.',
} satisfies Record<(typeof DECLARATION_STATUSES)[number], string>;

const KIND_TEXTS = {
  usage_policy: 'A rule of the usage policy that says what is not allowed.',
  evaluation: 'Testing that measures the harm, before or after launch.',
  detection: 'Finding misuse as it happens: classifiers, monitoring, reports.',
  enforcement: 'Acting on what was detected: blocking, warnings, account actions.',
  product: 'A change to how the feature itself works.',
  transparency: 'Telling people what the system is and what it does.',
  escalation: 'Handing the decision to a review process or board.',
} satisfies Record<(typeof SAFEGUARD_KINDS)[number], string>;

const SAFEGUARD_STAGE_TEXTS = {
  design: 'Part of the feature\'s design.',
  pre_launch: 'Done before launch.',
  post_launch: 'Done while the feature is in use.',
} satisfies Record<(typeof SAFEGUARD_STAGES)[number], string>;

const BURDEN_TEXTS = {
  low: 'Legitimate users hardly notice it.',
  medium: 'Legitimate users notice it now and then: an extra step, a delay, an occasional refusal.',
  high: 'Costs legitimate users a lot. Declared for a harm of low or no inherent risk, it is `disproportionate-safeguard`.',
} satisfies Record<(typeof BURDENS)[number], string>;

const RULE_SETTING_TEXTS = {
  error: 'Reported as an error: `harm check` fails.',
  warning: 'Reported as a warning: fails `harm check` only beyond `--max-warnings`.',
  info: 'Reported as information: shown with `--verbose` and in JSON.',
  off: 'Not reported.',
} satisfies Record<(typeof RULE_SETTINGS)[number], string>;

/** A level's scores, from the catalog's bands: `A score from 7.0 to 8.9.` */
function bandTexts(bands: Catalog['framework']['bands']): Record<string, string> {
  return Object.fromEntries(
    bands.map((band, i) => {
      const next = bands[i + 1];
      return [band.id, `A score from ${band.min.toFixed(1)} to ${next ? (next.min - 0.1).toFixed(1) : '10.0'}.`];
    }),
  );
}

function gateTexts(bands: Catalog['framework']['bands']): Record<string, string> {
  return {
    ...Object.fromEntries(bands.map((band) => [band.id, `Fail on a harm at \`${band.id}\` or above: a score of ${band.min.toFixed(1)} or more.`])),
    off: 'Never fail on this.',
  };
}

function levelTexts(levels: readonly { id: string; code?: string; value?: number; description?: string }[]): Record<string, string> {
  return Object.fromEntries(
    levels.map((l) => [l.id, `${[l.code && `\`${l.code}\``, l.value !== undefined && `value ${l.value}`].filter(Boolean).join(', ')}: ${l.description ?? ''}`]),
  );
}

function enumTexts(catalog: Catalog): Map<string, Readonly<Record<string, string>>> {
  const tables: [readonly string[], Record<string, string>][] = [
    [STAGES, STAGE_TEXTS],
    [DECLARATION_STATUSES, STATUS_TEXTS],
    [SAFEGUARD_KINDS, KIND_TEXTS],
    [SAFEGUARD_STAGES, SAFEGUARD_STAGE_TEXTS],
    [Object.keys(BURDEN_TEXTS), BURDEN_TEXTS],
    [RULE_SETTINGS, RULE_SETTING_TEXTS],
    // yaml-syntax, file-too-large and schema accept only this.
    [['error'], { error: 'Reported as an error: `harm check` fails. The only level this rule takes.' }],
    [BAND_IDS, bandTexts(catalog.framework.bands)],
    [[...BAND_IDS, 'off'], gateTexts(catalog.framework.bands)],
    [VULNERABILITY_LEVELS.map(([id]) => id), levelTexts(catalog.framework.vulnerability.levels)],
  ];
  for (const factor of Object.keys(FACTOR_LEVELS) as FactorName[]) {
    tables.push([FACTOR_LEVELS[factor].map(([id]) => id), levelTexts(catalog.framework.factors[factor].levels)]);
  }
  return new Map(tables.map(([values, texts]) => [enumKey(values), texts]));
}

const entry = (name: string | undefined, detail: string | undefined, description: string | undefined) =>
  [name && `**${name}**${detail ? ` (${detail})` : ''}`, description].filter(Boolean).join(': ');

/** The ids the effective catalog defines, and the capabilities its conditions name. */
function catalogIds(catalog: Catalog): Record<IdKind, Choice[]> {
  const capabilities = new Map<string, string[]>();
  for (const safeguard of catalog.safeguards) {
    for (const condition of [...(safeguard.recommend_when ?? []), ...(safeguard.require_when ?? []), ...(safeguard.effects_when ?? [])]) {
      for (const capability of [condition.capability ?? []].flat()) {
        const users = capabilities.get(capability) ?? [];
        if (!users.includes(safeguard.id)) users.push(safeguard.id);
        capabilities.set(capability, users);
      }
    }
  }
  return {
    dimension: catalog.framework.dimensions.map((d) => ({ value: d.id, text: entry(d.name, undefined, d.description) })),
    category: catalog.categories.map((c) => ({ value: c.id, text: entry(c.name, c.escalate ? 'escalates' : undefined, c.description) })),
    population: catalog.framework.populations.map((p) => ({ value: p.id, text: entry(p.name, `vulnerability ${p.vulnerability}`, p.description) })),
    safeguard: catalog.safeguards.map((s) => ({ value: s.id, text: entry(s.title, `${s.stage}, burden ${s.burden}`, s.description) })),
    capability: [...capabilities].sort(([a], [b]) => (a < b ? -1 : 1)).map(([value, users]) => ({
      value,
      text: `Matched by the conditions of ${users.map((u) => `\`${u}\``).join(', ')}.`,
    })),
  };
}

export function editorValues(catalog: Catalog): EditorValues {
  return { enums: enumTexts(catalog), ids: catalogIds(catalog) };
}
