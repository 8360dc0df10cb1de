import type * as z from 'zod/mini';
import { assessDocument, type AssessOptions } from '../core/assess.js';
import { catalogIds } from '../core/document-rules.js';
import { FindingSink, settleFindings } from '../core/findings.js';
import type { Position } from '../core/locator.js';
import { assessmentSchema } from '../schema/assessment.js';
import { catalogLayerSchema, type Catalog } from '../schema/catalog.js';
import { documentHeaderSchema } from '../schema/common.js';
import { configSchema } from '../schema/config.js';
import type { Finding } from '../schema/output.js';
import type { FileResult } from '../reporters/types.js';
import { readHistory } from './git-history.js';
import { checkDocumentBytes, readDocument, type ReadDocument } from './read-document.js';

export interface CheckSettings extends AssessOptions {
  /** `validate` also accepts catalog and config files; `check` assesses only. */
  anyKind: boolean;
}

export interface CheckedFile extends FileResult {
  featureIdAt?: Position;
}

export interface CheckTarget {
  path: string;
  display: string;
  uri: string;
}

const KNOWN_KINDS = ['Assessment', 'Catalog', 'Config'];
const kindOf = (value: unknown) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>).kind : undefined);

type Command = 'validate' | 'check' | 'assess' | 'report' | 'diff';

// A file of another kind would fail the assessment schema at every key: only its
// header is checked, and the kind gets one finding of its own (readKindedDocument).

/** The schema a command checks a document with, by its `kind`. */
function schemaFor(command: Command): (value: unknown) => z.core.$ZodType<unknown> {
  return (value) => {
    const kind = kindOf(value);
    if (typeof kind !== 'string' || kind === 'Assessment') return assessmentSchema;
    if (command === 'validate' && kind === 'Catalog') return catalogLayerSchema();
    if (command === 'validate' && kind === 'Config') return configSchema();
    return documentHeaderSchema();
  };
}

/** Reads a file as `command` sees it; a kind it does not read is one finding at `kind`. */
export function readKindedDocument(path: string, file: string, command: Command): ReadDocument<unknown> {
  return settleKind(readDocument<unknown>(path, file, schemaFor(command)), command);
}

/** readKindedDocument over bytes already read (a file at a git revision). */
export function checkKindedBytes(bytes: Uint8Array, file: string, command: Command): ReadDocument<unknown> {
  return settleKind(checkDocumentBytes<unknown>(bytes, file, schemaFor(command)), command);
}

function settleKind(doc: ReadDocument<unknown>, command: Command): ReadDocument<unknown> {
  const kind = kindOf(doc.value);
  if (typeof kind !== 'string' || kind === 'Assessment' || (command === 'validate' && (kind === 'Catalog' || kind === 'Config'))) return doc;
  const sink = new FindingSink(doc.file, doc.locator);
  const message =
    command === 'validate'
      ? `Unsupported kind ${JSON.stringify(kind)}; supported: ${KNOWN_KINDS.join(', ')}.`
      : KNOWN_KINDS.includes(kind)
        ? `This is a ${kind} file, not an Assessment: harm ${command} reads assessments only (check catalogs and configs with harm validate).`
        : `Unsupported kind ${JSON.stringify(kind)}; supported: Assessment.`;
  sink.at('schema', ['kind'], message);
  const { data: _header, ...rest } = doc;
  return { ...rest, findings: [...sink.findings, ...doc.findings] };
}

/** Checks one file; everything wrong with it becomes a finding. */
export function checkFile(target: CheckTarget, catalog: Catalog, settings: CheckSettings): CheckedFile {
  const doc = readKindedDocument(target.path, target.display, settings.anyKind ? 'validate' : 'check');
  const kind = kindOf(doc.value);
  if (settings.anyKind && (kind === 'Catalog' || kind === 'Config')) {
    const findings = settleFindings(doc.findings, settings.rules);
    return { file: target.display, uri: target.uri, feature: null, findings };
  }
  const data = doc.data as z.infer<typeof assessmentSchema> | undefined;
  const history = data ? readHistory(target.path, data, settings) : undefined;
  const result = assessDocument({ ...doc, data, ...(history ? { history } : {}) }, catalog, settings);
  const { report, featureIdAt } = result;
  const checked: CheckedFile = { file: target.display, uri: target.uri, feature: report.feature?.id ?? null, findings: report.findings };
  if (featureIdAt) checked.featureIdAt = featureIdAt;
  if (!settings.documentOnly && report.feature && report.profile) {
    checked.scored = {
      name: report.feature.name,
      stage: report.feature.stage,
      residual: report.profile.overall.residual,
      harmRisk: Object.fromEntries(report.harms.map((h) => [h.id, h.residual.risk])),
    };
  }
  return checked;
}

/**
 * Checks one file, whatever happens: a failure of harm itself on one file is a
 * finding for that file, so a run over many files still reports every file and
 * its output stays whole.
 */
export function checkFileSafely(target: CheckTarget, catalog: Catalog, settings: CheckSettings): CheckedFile {
  try {
    return checkFile(target, catalog, settings);
  } catch (error) {
    return uncheckedFile(target, `The file could not be checked (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
}

/** A file that was not checked, with one error finding at 1:1 saying why. */
export function uncheckedFile(target: CheckTarget, message: string): CheckedFile {
  const finding: Finding = { rule: 'yaml-syntax', level: 'error', message, file: target.display, line: 1, column: 1 };
  return { file: target.display, uri: target.uri, feature: null, findings: [finding] };
}

/** Warms the per-catalog caches once, before many files. */
export function prepareCatalog(catalog: Catalog): void {
  catalogIds(catalog);
}
