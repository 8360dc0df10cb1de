import * as z from 'zod/mini';
import { FindingSink } from '../core/findings.js';
import type { Locator } from '../core/locator.js';
import { reportSchemaIssues } from '../core/schema-findings.js';
import type { Finding } from '../schema/output.js';
import { checkHarmHeader } from './harm-header.js';
import { readSourceBytes } from './read-source.js';
// The reading modules themselves, not yaml/index.js: that would bring the writer into every command's start-up.
import { decodeSource } from './yaml/decode.js';
import { parseYamlSource } from './yaml/parse.js';
import { originLocator } from './yaml/positions.js';

export interface ReadDocument<T> {
  file: string;
  /** The validated document, when it had the right shape. */
  data?: T;
  /** The parsed value, even when it failed validation (undefined when it could not be parsed, or is not a harm file). */
  value: unknown;
  locator: Locator;
  findings: Finding[];
}

/** Picks the schema from the parsed value (e.g. by its `kind`). */
export type SchemaChoice<T> = z.core.$ZodType<T> | ((value: unknown) => z.core.$ZodType<T>);

/** Parses text and checks it against a schema; every problem is a finding. */
export function checkDocumentText<T>(text: string, file: string, choice: SchemaChoice<T>): ReadDocument<T> {
  const parsed = parseYamlSource(text, file);
  const findings = parsed.findings;
  const sink = new FindingSink(file, parsed.locator);
  if (parsed.value === undefined && findings.length > 0) return { file, value: undefined, locator: parsed.locator, findings };
  if (!parsed.hasContent) {
    sink.atPosition('schema', { line: 1, column: 1 }, 'The file is empty: it needs apiVersion, kind and the content of its kind.');
    return { file, value: parsed.value, locator: parsed.locator, findings: [...findings, ...sink.findings] };
  }
  // A file that is not a harm file at all gets one finding that quotes nothing from it.
  if (!checkHarmHeader(parsed.value, sink)) return { file, value: undefined, locator: parsed.locator, findings: sink.findings };
  const schema = typeof choice === 'function' ? choice(parsed.value) : choice;
  const result = z.safeParse(schema, parsed.value);
  if (!result.success) {
    reportSchemaIssues(result.error.issues, parsed.value, schema, sink);
    return { file, value: parsed.value, locator: parsed.locator, findings: [...findings, ...sink.findings] };
  }
  // A prototype key reported by the parser still makes the document unusable.
  const usable = findings.length === 0;
  return usable
    ? { file, data: result.data, value: parsed.value, locator: parsed.locator, findings }
    : { file, value: parsed.value, locator: parsed.locator, findings };
}

/** Reads and checks one file; a file that cannot be read is a finding, not an exception. */
export function readDocument<T>(path: string, file: string, schema: SchemaChoice<T>): ReadDocument<T> {
  const source = readSourceBytes(path);
  if ('problem' in source) {
    const sink = new FindingSink(file, originLocator);
    sink.atPosition(source.problem.rule, { line: 1, column: 1 }, source.problem.message);
    return { file, value: undefined, locator: originLocator, findings: sink.findings };
  }
  const decoded = decodeSource(source.bytes, file);
  if ('finding' in decoded) return { file, value: undefined, locator: originLocator, findings: [decoded.finding] };
  return checkDocumentText(decoded.text, file, schema);
}
