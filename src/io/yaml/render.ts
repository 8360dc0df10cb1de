import { Document, isMap, isScalar, isSeq, Scalar, visit, type Node as YamlNode, type ToStringOptions, type YAMLMap } from 'yaml';
import type { Assessment } from '../../schema/assessment.js';

export const TO_STRING: ToStringOptions = { lineWidth: 0, indent: 2, indentSeq: true, flowCollectionPadding: false };

const SECTION_COMMENTS: Record<string, string> = {
  feature: ' The feature being assessed.',
  assessment: ' Who assessed it, when, and when to look at it again.',
  harms: ' What could go wrong. Factors rate each harm before its safeguards;\n safeguard statuses: implemented | in_progress | planned | not_applicable.',
  waivers: ' Required safeguards set aside, each with an approver and an expiry date.',
  acceptances: ' Residual risks knowingly accepted: up to which level, why, by whom, until when.',
};

/** The text of a new assessment file: the schema modeline, then the document with a short comment on each section. */
export function renderAssessment(assessment: Assessment, opts: { schemaPath?: string; feature?: string } = {}): string {
  const doc = new Document(assessment);
  styleLists(doc.contents);
  const header: string[] = [];
  if (opts.schemaPath) header.push(` yaml-language-server: $schema=${opts.schemaPath}`);
  header.push(' A harm assessment: `harm assess <file>` reports on it, `harm edit <file>` changes it.');
  doc.commentBefore = header.join('\n');
  const root = doc.contents as unknown as YAMLMap;
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const comment = SECTION_COMMENTS[key];
    if (comment && isScalar(pair.key)) pair.key.commentBefore = comment;
    if (key === 'harms' && isSeq(pair.value)) pair.value.items.forEach((item, i) => ((item as YamlNode).spaceBefore = i > 0));
  }
  return doc.toString(TO_STRING);
}

/** Short lists of plain values read best on one line, as in the examples: `dimensions: [economic, societal]`. */
export function styleLists(node: unknown): void {
  visit(node as YamlNode, {
    Seq(_, seq) {
      if (seq.items.length > 0 && seq.items.every((i) => isScalar(i))) seq.flow = true;
    },
  });
}

export function renderBlock(value: unknown, indent: number): string {
  const doc = new Document(value);
  styleLists(doc.contents);
  const pad = ' '.repeat(indent);
  return doc
    .toString(TO_STRING)
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

/** One block-list entry (`- …`) at the dash column `indent`. */
export function renderItem(value: unknown, indent: number): string {
  const doc = new Document(value);
  styleLists(doc.contents);
  const pad = ' '.repeat(indent);
  return doc
    .toString(TO_STRING)
    .replace(/\n$/, '')
    .split('\n')
    .map((line, i) => (i === 0 ? `${pad}- ${line}` : line === '' ? line : `${pad}  ${line}`))
    .join('\n');
}

export function renderFlow(value: unknown): string {
  const doc = new Document(value);
  if (isSeq(doc.contents) || isMap(doc.contents)) doc.contents.flow = true;
  return doc.toString(TO_STRING).trimEnd();
}

export function renderScalar(value: unknown, type: Scalar['type']): string {
  const scalar = new Scalar(value);
  // A value spliced into a line must stay on it: several lines are written as one quoted string.
  if (typeof value === 'string' && value.includes('\n')) scalar.type = Scalar.QUOTE_DOUBLE;
  else if (type === Scalar.QUOTE_DOUBLE || type === Scalar.QUOTE_SINGLE) scalar.type = type;
  const doc = new Document(scalar);
  return doc.toString(TO_STRING).trimEnd();
}
