import type { FindingLevel } from './common.js';

export interface RuleMeta {
  /** Level when no config overrides it. `required-not-implemented` is raised to error at beta and ga. */
  level: FindingLevel;
  /** Whether `harm validate` runs it (the document rules). */
  document: boolean;
  short: string;
  full: string;
  help: string;
}

export const RULES = {
  'yaml-syntax': {
    level: 'error',
    document: true,
    short: 'The file is not valid YAML.',
    full: 'The file could not be read as one YAML document: a syntax error, a duplicate key, tab indentation, a second document, too many aliases or an unknown one, nesting deeper than 64 levels, bytes that are not UTF-8 text, or a file that could not be read at all (not a regular file, such as a named pipe or a device; deleted while the run went on; no permission).',
    help: 'Fix the YAML at the position shown. A harm file holds exactly one document of UTF-8 text, indented with spaces.',
  },
  'file-too-large': {
    level: 'error',
    document: true,
    short: 'The file is larger than 1 MiB.',
    full: 'harm reads files of at most 1 MiB; larger inputs are refused so that a stray file cannot exhaust memory or time.',
    help: 'Split the assessment per feature, or move long prose out of the file.',
  },
  schema: {
    level: 'error',
    document: true,
    short: 'The document does not have the shape its kind requires.',
    full: 'A key is unknown, missing or of the wrong type, an enum value is not one of those allowed, a date is not a real calendar date, a key could pollute object prototypes, an alias points at a value that contains it, or the file is not a harm file at all (no harm apiVersion or kind; nothing of it is quoted).',
    help: 'Compare the file with the schema in schemas/ (editors that read the yaml-language-server modeline show these errors as you type).',
  },
  'unknown-reference': {
    level: 'error',
    document: true,
    short: 'An id does not exist in the catalog or the file.',
    full: 'A category, dimension, population or safeguard id is not defined by the effective catalog, or a waiver names a harm that the file does not have.',
    help: 'Use an id from `harm catalog list`, or add it to a catalog layer named in harm.config.yaml.',
  },
  'duplicate-id': {
    level: 'error',
    document: true,
    short: 'An id is used twice.',
    full: 'A harm id appears twice in one file, or a feature id is used by two assessment files.',
    help: 'Ids must be unique: harm ids within a file, feature ids across the repository.',
  },
  'not-applicable-without-note': {
    level: 'error',
    document: true,
    short: 'A safeguard marked not_applicable has no note.',
    full: 'Declaring a safeguard not applicable must say why, so that reviewers can check the reasoning.',
    help: 'Add a `note:` explaining why the safeguard does not apply.',
  },
  'waiver-expired': {
    level: 'error',
    document: true,
    short: 'A waiver has expired.',
    full: 'The waiver\'s `expires` date is before today, so it no longer sets aside the safeguard it names.',
    help: 'Implement the safeguard, or have the waiver renewed and update `expires`.',
  },
  'review-overdue': {
    level: 'warning',
    document: true,
    short: 'The assessment is past its review date.',
    full: 'The assessment\'s `review_by` date is before today: the harms and safeguards may no longer describe the feature.',
    help: 'Review the assessment with its owner and set a new `review_by` date.',
  },
  'safeguard-overdue': {
    level: 'warning',
    document: true,
    short: 'A safeguard is past its due date and not implemented.',
    full: 'A declared safeguard has a `due` date before today and its status is not `implemented`.',
    help: 'Implement the safeguard, or agree a new due date.',
  },
  'missing-required-safeguard': {
    level: 'error',
    document: false,
    short: 'A safeguard the catalog requires for this harm is not declared.',
    full: 'The catalog requires this safeguard for a harm of this kind and severity, and the file neither declares it nor holds a valid waiver for it.',
    help: 'Declare the safeguard for the harm (or for the whole feature) with its status, or record an approved waiver.',
  },
  'required-not-implemented': {
    level: 'warning',
    document: false,
    short: 'A required safeguard is declared but not implemented.',
    full: 'A required safeguard is planned, in progress or marked not applicable. It is an error at beta and ga; a required safeguard can only be set aside by an approved waiver.',
    help: 'Implement the safeguard before the feature reaches beta, or record an approved waiver.',
  },
  'recommended-safeguard': {
    level: 'info',
    document: false,
    short: 'The catalog recommends a safeguard that is not declared.',
    full: 'The catalog recommends this safeguard for a harm of this kind and severity. Consider it; recommendations are proportionate to the harm.',
    help: 'Declare the safeguard with its status, or mark it not_applicable with a note.',
  },
  'escalation-required': {
    level: 'error',
    document: false,
    short: 'The harm needs a recorded escalation decision.',
    full: 'The harm\'s category must be escalated, or its inherent severity is critical and it is hard to mitigate; the file records no escalation decision.',
    help: 'Escalate through the catastrophic-risk or safety review process and add an `escalation:` record (ticket, decided_by, date).',
  },
  'residual-risk': {
    level: 'error',
    document: false,
    short: 'The remaining risk is at or above the gate.',
    full: 'The harm\'s risk (or severity) after its safeguards is at or above the configured gate: residual state at beta and ga, projected state before.',
    help: 'Implement more safeguards for the harm, or change the feature so that the harm is less likely or less severe.',
  },
  'disproportionate-safeguard': {
    level: 'warning',
    document: false,
    short: 'A high-burden safeguard is declared for a low-risk harm.',
    full: 'Safeguards should be proportionate: a safeguard that costs legitimate users a lot is declared for a harm whose inherent risk is low or none.',
    help: 'Prefer a lighter safeguard for this harm, or explain in a note why the burden is justified.',
  },
  'acceptance-expired': {
    level: 'error',
    document: true,
    short: 'An acceptance of residual risk has expired.',
    full: 'The acceptance\'s `expires` date is before today, so the residual risk it accepted is no longer accepted and the gate applies again.',
    help: 'Reduce the risk, or have the acceptance renewed by its approver and update `expires`.',
  },
  'unused-acceptance': {
    level: 'warning',
    document: false,
    short: 'An acceptance of residual risk stops nothing.',
    full: 'The harm\'s gated risk does not reach the gate, or is above the level the acceptance covers (`up_to`), or another acceptance already covers it.',
    help: 'Remove the acceptance, or correct `up_to` if a higher risk was meant to be accepted.',
  },
  'unassessed-tradeoff': {
    level: 'warning',
    document: false,
    short: 'A safeguard raises a category of harm that the assessment does not assess.',
    full: 'A safeguard in effect (implemented, in progress or planned) costs something elsewhere: its `raises` names a category, usually over-refusal, that no harm of this assessment has, so the trade-off is invisible.',
    help: 'Add a harm of that category (for over-refusal: legitimate requests refused or accounts wrongly restricted) so that its score shows the cost.',
  },
  'unused-waiver': {
    level: 'warning',
    document: false,
    short: 'A waiver covers no gap.',
    full: 'The waiver\'s safeguard is not required for its harm, or is already implemented there.',
    help: 'Remove the waiver.',
  },
} as const satisfies Record<string, RuleMeta>;

export type RuleId = keyof typeof RULES;
export const RULE_IDS = Object.keys(RULES) as [RuleId, ...RuleId[]];

/**
 * Rules a config cannot turn off or lower (SPEC §4): nothing can be checked in a
 * document that does not parse or fit, so they are always errors.
 */
export const LOCKED_RULES: ReadonlySet<RuleId> = new Set<RuleId>(['yaml-syntax', 'file-too-large', 'schema']);
