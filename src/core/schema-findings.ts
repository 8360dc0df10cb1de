import type * as z from 'zod/mini';
import { LOCKED_RULES, type RuleId } from '../schema/rules.js';
import { didYouMean } from './did-you-mean.js';
import type { FindingSink } from './findings.js';
import type { Path } from './locator.js';
import { PROTOTYPE_KEYS } from './prototype-keys.js';

/** Past this many, one finding says how many more there are. */
export const MAX_SCHEMA_FINDINGS = 100;

type AnySchema = z.core.$ZodType;
interface Def {
  type: string;
  shape?: Record<string, AnySchema>;
  innerType?: AnySchema;
  element?: AnySchema;
  valueType?: AnySchema;
  options?: AnySchema[];
  in?: AnySchema;
}
const defOf = (schema: AnySchema): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The object schemas that may describe the value at `path` (unions give several; a record's keys lead to its values). */
function objectShapesAt(schema: AnySchema, path: Path): Record<string, AnySchema>[] {
  let current: AnySchema[] = [schema];
  const unwrap = (s: AnySchema): AnySchema[] => {
    const def = defOf(s);
    if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') return unwrap(def.innerType!);
    if (def.type === 'pipe') return unwrap(def.in!);
    if (def.type === 'union') return def.options!.flatMap(unwrap);
    return [s];
  };
  for (const segment of path) {
    const next: AnySchema[] = [];
    for (const s of current.flatMap(unwrap)) {
      const def = defOf(s);
      if (def.type === 'object' && typeof segment === 'string' && def.shape?.[segment]) next.push(def.shape[segment]);
      else if (def.type === 'array' && typeof segment === 'number') next.push(def.element!);
      else if (def.type === 'record' && typeof segment === 'string') next.push(def.valueType!);
    }
    current = next;
  }
  return current.flatMap(unwrap).flatMap((s) => {
    const def = defOf(s);
    return def.type === 'object' && def.shape ? [def.shape] : [];
  });
}

function valueAt(value: unknown, path: Path): unknown {
  let v = value;
  for (const segment of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = Object.prototype.hasOwnProperty.call(v, segment) ? (v as Record<PropertyKey, unknown>)[segment] : undefined;
  }
  return v;
}

function describeType(v: unknown): string {
  if (v === null) return 'an empty value';
  if (v instanceof Date) return 'a timestamp (quote dates: "2025-03-01")';
  if (v instanceof Uint8Array) return 'binary data';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the text "${truncate(v)}"`;
  return `${typeof v === 'number' ? 'the number' : typeof v === 'boolean' ? 'the boolean' : typeof v} ${String(v)}`;
}

/** What a schema type expects, in the words of the YAML reader. */
function expectedOf(type: string): string {
  switch (type) {
    case 'string':
      return 'a text';
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    default:
      return type;
  }
}

function truncate(s: string, n = 60): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function keyName(path: Path): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return String(path[i]);
  return 'the document';
}

/**
 * Turns schema issues into findings at the node each one concerns: unknown keys
 * at the key, missing keys at the mapping's first key, bad values at the value.
 */
export function reportSchemaIssues(issues: readonly z.core.$ZodIssue[], value: unknown, schema: AnySchema, sink: FindingSink): void {
  const seen = new Set<string>();
  let reported = 0;
  const emit = (path: Path, anchor: 'value' | 'key' | 'firstKey', message: string) => {
    const id = `${path.join('\u0000')}|${anchor}|${message}`;
    if (seen.has(id)) return;
    seen.add(id);
    reported++;
    sink.at('schema', path, message, { anchor });
  };
  for (const [index, issue] of issues.entries()) {
    if (reported >= MAX_SCHEMA_FINDINGS) {
      // A document wrong in thousands of places is wrong in its shape; the first ones say how.
      sink.at('schema', issue.path as Path, `${issues.length - index} more schema problems are not listed; fix the ones above first.`);
      break;
    }
    const path = issue.path as Path;
    const name = keyName(path);
    // An empty path cannot pass: the value and its parent would be one, both undefined and not.
    if (issue.code !== 'unrecognized_keys' && valueAt(value, path) === undefined && valueAt(value, path.slice(0, -1)) !== undefined) {
      // An absent key, whatever the schema expected of its value.
      emit(path.slice(0, -1), 'firstKey', `Missing required key "${String(path[path.length - 1])}"${path.length > 1 ? ` in ${keyName(path.slice(0, -1))}` : ''}.`);
      continue;
    }
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = objectShapesAt(schema, path).flatMap((shape) => Object.keys(shape));
        for (const key of issue.keys) {
          if (PROTOTYPE_KEYS.has(key)) continue; // reported by the parser, at the key
          emit([...path, key], 'key', `Unknown key "${key}".${didYouMean(key, known)}${known.length ? ` Allowed here: ${known.join(', ')}.` : ''}`);
        }
        break;
      }
      case 'invalid_type': {
        const actual = valueAt(value, path);
        if (actual === undefined && path.length > 0) {
          emit(path.slice(0, -1), 'firstKey', `Missing required key "${String(path[path.length - 1])}"${path.length > 1 ? ` in ${keyName(path.slice(0, -1))}` : ''}.`);
        } else if (path.length === 0 && (actual === null || actual === undefined)) {
          emit(path, 'value', 'The document is empty.');
        } else {
          const expected = expectedOf(issue.expected);
          const hint = issue.expected === 'string' && typeof actual === 'number' ? ` Quote it: "${String(actual)}".` : '';
          emit(path, 'value', `${path.length ? `"${name}"` : 'The document'} must be ${expected}, not ${describeType(actual)}.${hint}`);
        }
        break;
      }
      case 'invalid_value': {
        const actual = valueAt(value, path);
        const allowed = issue.values.map(String);
        if (path.length === 2 && path[0] === 'rules' && LOCKED_RULES.has(name as RuleId)) {
          emit(path, 'value', `${name} cannot be set to ${JSON.stringify(actual)}: yaml-syntax, file-too-large and schema are always errors, since a file that does not parse or fit cannot be checked.`);
        } else if (name === 'apiVersion' || name === 'kind') {
          emit(path, 'value', `Unsupported ${name} ${JSON.stringify(actual)}; supported: ${allowed.join(', ')}.`);
        } else {
          const typo = typeof actual === 'string' ? didYouMean(actual, allowed) : '';
          emit(path, 'value', `${JSON.stringify(actual)} is not a valid ${name}; expected one of: ${allowed.join(', ')}.${typo}`);
        }
        break;
      }
      case 'too_small': {
        if (issue.origin === 'array') emit(path, 'value', `"${name}" needs at least ${String(issue.minimum)} ${issue.minimum === 1 ? 'entry' : 'entries'}.`);
        else if (issue.origin === 'string') emit(path, 'value', `"${name}" must not be empty.`);
        else emit(path, 'value', `"${name}" must be at least ${String(issue.minimum)}${issue.inclusive ? '' : ' (exclusive)'}.`);
        break;
      }
      case 'too_big':
        emit(path, 'value', `"${name}" must be at most ${String(issue.maximum)}.`);
        break;
      case 'invalid_format': {
        const actual = valueAt(value, path);
        const what = issue.format === 'regex' ? issue.message : issue.format === 'url' ? 'an http(s) URL' : issue.format;
        emit(path, 'value', `"${name}" must be ${what}, not ${describeType(actual)}.`);
        break;
      }
      case 'invalid_union': {
        const actual = valueAt(value, path);
        emit(path, 'value', `"${name}" must be a value or a list of values, not ${describeType(actual)}.`);
        break;
      }
      case 'invalid_key': {
        // A key of a record (a `raises` category, a `mappings` framework) that is not of its form.
        const key = path[path.length - 1];
        const inner = issue.issues.find((i) => i.code === 'invalid_format');
        const what = inner ? inner.message : 'a valid key';
        emit(path, 'key', `The key "${String(key)}" in ${keyName(path.slice(0, -1))} must be ${what}.`);
        break;
      }
      default:
        emit(path, 'value', `"${name}": ${issue.message}.`);
    }
  }
}
