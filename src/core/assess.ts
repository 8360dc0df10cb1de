import type { Assessment } from '../schema/assessment.js';
import type { Catalog } from '../schema/catalog.js';
import { API_VERSION, type GateLevel } from '../schema/common.js';
import type { RuleSetting } from '../schema/config.js';
import type { Finding, Report } from '../schema/output.js';
import type { RuleId } from '../schema/rules.js';
import { frameworkRef } from './digest.js';
import { checkDocumentRules } from './document-rules.js';
import { checkAssessmentDrift, type PathHistory } from './drift.js';
import { evaluateAssessment } from './evaluate.js';
import { FindingSink, settleFindings, summarize } from './findings.js';
import type { Locator, Position } from './locator.js';

/** A document after parsing and schema validation (the io layer produces it). */
export interface CheckedDocument<T> {
  file: string;
  data?: T;
  locator: Locator;
  findings: Finding[];
  /** The git history of the feature's `paths`, when the io layer looked it up (assessment-drift). */
  history?: PathHistory;
}

export interface AssessOptions {
  today: string;
  version: string;
  failOn?: GateLevel;
  failOnSeverity?: GateLevel;
  rules?: Partial<Record<RuleId, RuleSetting>>;
  /** Only the document rules (`harm validate`): no scoring findings. */
  documentOnly?: boolean;
  /** The config file the command used, as shown to the user (SPEC §4), or null. */
  config?: string | null;
}

export interface AssessResult {
  report: Report;
  assessment?: Assessment;
  /** Where the feature id was written, for cross-file duplicate checks. */
  featureIdAt?: Position;
}

/**
 * Everything `harm assess` knows about one document: document rules, then
 * (unless documentOnly) scores, recommendations and the gate. Pure.
 */
export function assessDocument(doc: CheckedDocument<Assessment>, catalog: Catalog, options: AssessOptions): AssessResult {
  const sink = new FindingSink(doc.file, doc.locator);
  for (const finding of doc.findings) sink.findings.push(finding);
  const assessment = doc.data;
  if (!assessment) return { report: emptyReport(doc.file, catalog, options, settleFindings(sink.findings, options.rules)) };
  checkDocumentRules(assessment, catalog, options.today, sink);
  const { feature } = assessment;
  if (options.documentOnly) {
    const findings = settleFindings(sink.findings, options.rules);
    return {
      assessment,
      featureIdAt: doc.locator.value(['feature', 'id']),
      report: { ...emptyReport(doc.file, catalog, options, findings), feature: { id: feature.id, name: feature.name, owner: feature.owner, stage: feature.stage } },
    };
  }
  const evaluation = evaluateAssessment({
    assessment,
    catalog,
    sink,
    today: options.today,
    ...(options.failOn ? { failOn: options.failOn } : {}),
    ...(options.failOnSeverity ? { failOnSeverity: options.failOnSeverity } : {}),
  });
  if (doc.history) checkAssessmentDrift(assessment, doc.history, sink);
  const findings = settleFindings(sink.findings, options.rules);
  return {
    assessment,
    featureIdAt: doc.locator.value(['feature', 'id']),
    report: {
      apiVersion: API_VERSION,
      kind: 'Report',
      tool: { name: 'harm', version: options.version },
      framework: frameworkRef(catalog),
      config: options.config ?? null,
      file: doc.file,
      feature: { id: feature.id, name: feature.name, owner: feature.owner, stage: feature.stage },
      profile: evaluation.profile,
      harms: evaluation.harms,
      findings,
      summary: summarize(findings),
    },
  };
}

/** A report without scores: the document is broken, or only the document rules ran. */
function emptyReport(file: string, catalog: Catalog, options: Pick<AssessOptions, 'version' | 'config'>, findings: Finding[]): Report {
  return {
    apiVersion: API_VERSION,
    kind: 'Report',
    tool: { name: 'harm', version: options.version },
    framework: frameworkRef(catalog),
    config: options.config ?? null,
    file,
    feature: null,
    profile: null,
    harms: [],
    findings,
    summary: summarize(findings),
  };
}
