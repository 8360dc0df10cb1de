import { assessDocument, type AssessOptions, type AssessResult } from '../core/assess.js';
import { assessmentSchema, type Assessment } from '../schema/assessment.js';
import type { Catalog } from '../schema/catalog.js';
import type { Finding } from '../schema/output.js';
import { readKindedDocument } from './check-run.js';
import { readHistory } from './git-history.js';
import { checkDocumentText } from './read-document.js';

/** Reads, validates and assesses one assessment file. Never throws for bad content. */
export function assessFile(path: string, file: string, catalog: Catalog, options: AssessOptions): AssessResult {
  const doc = readKindedDocument(path, file, 'assess');
  const data = doc.data as Assessment | undefined;
  const history = data ? readHistory(path, data, options) : undefined;
  return assessDocument({ ...doc, data, ...(history ? { history } : {}) }, catalog, options);
}

/** The document rules over text not yet on disk (the questionnaire checks what it is about to write). */
export function checkAssessmentText(text: string, file: string, catalog: Catalog, opts: { today: string }): { findings: Finding[]; assessment?: Assessment } {
  const result = assessDocument(checkDocumentText(text, file, assessmentSchema), catalog, { today: opts.today, version: '', documentOnly: true });
  return result.assessment ? { findings: result.report.findings, assessment: result.assessment } : { findings: result.report.findings };
}
