import type { Document } from 'yaml';
import { FindingSink } from '../../core/findings.js';
import type { Locator } from '../../core/locator.js';
import type { Finding } from '../../schema/output.js';
import { parseDocumentsBounded } from './bounded-parse.js';
import { checkDirectives } from './directives.js';
import { documentLocator } from './document-locator.js';
import { inspectTree } from './inspect-tree.js';
import { MAX_ALIAS_COUNT, MAX_DEPTH, MAX_NODES, MAX_TOKENS } from './limits.js';
import { toPlainData, UNUSUAL } from './plain-data.js';
import { ORIGIN, originLocator, positionsIn } from './positions.js';
import { readYamlSubset } from './subset-reader.js';
import { subsetLocator } from './subset-locator.js';

export interface ParsedSource {
  /** The document as plain data; undefined when it could not be read. */
  value: unknown;
  /** False when the document is empty (no content at all). */
  hasContent: boolean;
  locator: Locator;
  findings: Finding[];
}

/** 100000 → "100,000", without toLocaleString: loading Intl at start-up costs more than a small run. */
const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');
const TOO_DEEP = `Nesting is deeper than ${MAX_DEPTH} levels.`;
const TOO_MANY_NODES = `The document holds more than ${thousands(MAX_NODES)} values; harm reads documents of at most that many.`;
const TOO_MANY_TOKENS = `The document holds more than ${thousands(MAX_TOKENS)} YAML tokens (values, indicators, comments and line breaks); harm reads documents of at most that many.`;

/**
 * Parses one YAML document keeping node positions (see index.ts for which
 * reader runs when). Nothing here throws for bad input: every problem is a finding.
 */
export function parseYamlSource(text: string, file: string): ParsedSource {
  const subset = readYamlSubset(text);
  if (subset) return { value: subset.value, hasContent: true, locator: subsetLocator(subset.root, positionsIn(subset.text)), findings: [] };
  return parseYamlFully(text, file);
}

/**
 * The full parser's reading of any text. Syntax problems, a second document,
 * nesting deeper than 64, too many values, unknown or circular aliases, alias
 * expansion beyond its bound and prototype-polluting keys are findings.
 */
export function parseYamlFully(text: string, file: string): ParsedSource {
  const pos = positionsIn(text);
  const refuse = (rule: 'yaml-syntax' | 'file-too-large' | 'schema', at: number | undefined, message: string, locator: Locator = originLocator): ParsedSource => {
    const sink = new FindingSink(file, locator);
    sink.atPosition(rule, pos(at), message);
    return { value: undefined, hasContent: true, locator, findings: sink.findings };
  };
  const directive = checkDirectives(text);
  if (directive) {
    const sink = new FindingSink(file, originLocator);
    sink.atPosition('yaml-syntax', directive.position, directive.message);
    return { value: undefined, hasContent: true, locator: originLocator, findings: sink.findings };
  }
  const parsed = parseDocumentsBounded(text);
  if (!('docs' in parsed)) {
    if (parsed.limit === 'depth') return refuse('yaml-syntax', parsed.offset, TOO_DEEP);
    return refuse('file-too-large', undefined, parsed.limit === 'nodes' ? TOO_MANY_NODES : TOO_MANY_TOKENS);
  }
  const doc = parsed.docs[0];
  if (!doc) return { value: undefined, hasContent: false, locator: originLocator, findings: [] };
  const locator = documentLocator(doc, pos);

  const broken = new FindingSink(file, locator);
  // Later errors are mostly echoes of the first; report where the parser first stumbled.
  const error = doc.errors[0];
  if (error) {
    const message = error.code === 'RESOURCE_EXHAUSTION' && /call stack/i.test(error.message) ? TOO_DEEP : describeYamlError(error.code, error.message);
    broken.atPosition('yaml-syntax', pos(error.pos[0]), message);
  }
  if (parsed.docs.length > 1) {
    broken.atPosition('yaml-syntax', pos(secondDocumentStart(parsed.docs[1]!)), 'A harm file holds exactly one YAML document; this is a second one.');
  }
  if (broken.findings.length > 0) return { value: undefined, hasContent: true, locator, findings: broken.findings };

  const tree = inspectTree(doc.contents);
  if (tree.duplicateKey) return refuse('yaml-syntax', tree.duplicateKey.range?.[0], 'Duplicate key: map keys must be unique.', locator);
  if (tree.tooDeep) return refuse('yaml-syntax', tree.tooDeep.range?.[0], TOO_DEEP, locator);
  if (tree.tooMany) return refuse('file-too-large', undefined, TOO_MANY_NODES, locator);
  if (tree.unknownAlias) {
    return refuse('yaml-syntax', tree.unknownAlias.range?.[0], 'Unknown alias: no anchor of this name is set before it (an anchor `&name` must come before its alias `*name`).', locator);
  }
  if (tree.circularAlias) {
    return refuse('schema', tree.circularAlias.range?.[0], 'This alias points at a value that contains it; a harm document cannot refer to itself.', locator);
  }
  const sink = new FindingSink(file, locator);
  for (const key of tree.prototypeKeys) {
    sink.atPosition('schema', pos(key.range?.[0]), `The key "${String((key as { value?: unknown }).value)}" is not allowed: it could change object prototypes.`);
  }
  let value: unknown = toPlainData(doc.contents);
  try {
    if (value === UNUSUAL) value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message =
      error instanceof ReferenceError && /alias/i.test(error.message)
        ? `Aliases expand beyond the limit of ${MAX_ALIAS_COUNT}: the document is refused as a resource exhaustion attempt.`
        : `The document could not be read: ${firstSentence((error as Error).message)}`;
    return refuse('yaml-syntax', undefined, message, locator);
  }
  return { value, hasContent: doc.contents !== null && value !== null && value !== undefined, locator, findings: sink.findings };
}

/**
 * yaml's message in harm's words. Some of yaml's messages end with a piece of the
 * source (`Unresolved tag: !x`); none is quoted, since the file may be anything
 * (a credentials file named by mistake), and the position says where.
 */
function describeYamlError(code: string, message: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'Duplicate key: map keys must be unique.';
    case 'TAB_AS_INDENT':
      return 'Tabs are not allowed as indentation; indent with spaces.';
    case 'TAG_RESOLVE_FAILED':
      return 'Unknown tag: harm files use no tags.';
    case 'BAD_DQ_ESCAPE':
      return 'Invalid escape sequence in a double-quoted string.';
    default:
      return /^(?:The .* tag has no suffix|Verbatim tags)/.test(message) ? 'Invalid tag: harm files use no tags.' : firstSentence(message);
  }
}

/**
 * The message's first line, at most 100 characters, without what follows a colon
 * (yaml's `Not a YAML token: <source>`); "Missing , or : between …" names the indicator.
 */
function firstSentence(message: string): string {
  let first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  first = first.replace(/(?<! or ): .*$/, '').trim();
  if (first.length > 100) first = `${first.slice(0, 99)}…`;
  return first.endsWith('.') || first.endsWith('…') ? first : `${first}.`;
}

function secondDocumentStart(doc: Document.Parsed): number | undefined {
  // The document's own range starts at its `---` marker when it has one.
  return doc.range?.[0] ?? doc.contents?.range?.[0];
}
