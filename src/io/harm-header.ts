import type { FindingSink } from '../core/findings.js';
import { API_VERSION } from '../schema/common.js';

const KINDS = ['Assessment', 'Catalog', 'Config'];
const FIRST_KEY_CHARS = 40;
const KEY_NAME = /^[A-Za-z_$][A-Za-z0-9_.$-]*$/;
const HEADER = `apiVersion: ${API_VERSION} and kind: Assessment, Catalog or Config`;

function shapeOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a timestamp';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'true or false';
  return 'a value of another kind';
}

/**
 * Whether a parsed document is a harm file at all: a mapping whose apiVersion is
 * harm's (`harm/…`) or whose kind is one of harm's. Anything else (a credentials
 * file named by mistake or through a symbolic link, `extends: [../../etc/shadow]`,
 * another tool's YAML) gets one schema finding, which quotes nothing from the
 * file but its first key, when that is a name, cut to 40 characters: schema
 * findings would echo its keys and values line by line. Returns false when that
 * finding was made.
 */
export function checkHarmHeader(value: unknown, sink: FindingSink): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date) {
    sink.at('schema', [], `Not a harm file: the document is ${shapeOf(value)}, not a mapping with ${HEADER}.`);
    return false;
  }
  const record = value as Record<string, unknown>;
  const apiVersion = Object.hasOwn(record, 'apiVersion') ? record.apiVersion : undefined;
  const kind = Object.hasOwn(record, 'kind') ? record.kind : undefined;
  if ((typeof apiVersion === 'string' && apiVersion.startsWith('harm/')) || (typeof kind === 'string' && KINDS.includes(kind))) return true;
  const first = Object.keys(record)[0];
  // Only a key that looks like a name is quoted: in /etc/shadow the first "key" is a whole line with its hash.
  const shown =
    first === undefined
      ? 'an empty mapping'
      : KEY_NAME.test(first)
        ? `its first key is "${first.length > FIRST_KEY_CHARS ? `${first.slice(0, FIRST_KEY_CHARS - 1)}…` : first}"`
        : 'its first key is not a name';
  sink.at('schema', [], `Not a harm file: it has no ${HEADER.replace(' and ', ' or ')} (${shown}).`, { anchor: 'firstKey' });
  return false;
}
