import { Composer, Lexer, Parser, type Document } from 'yaml';
import { MAX_DEPTH, MAX_NODES, MAX_TOKENS } from './limits.js';

/** Why the parse stopped early, and where. */
export interface ParseLimit {
  limit: 'depth' | 'nodes' | 'tokens';
  offset: number;
}

const OPTIONS = { merge: true, uniqueKeys: false, prettyErrors: false, keepSourceTokens: false, logLevel: 'error' } as const;
/**
 * The parser's stack holds the document, one entry per open collection and at
 * most a scalar being read. A collection opened with MAX_DEPTH others around it
 * is the node inspectTree would refuse; past twice that, whatever the entries
 * are, the parse stops anyway.
 */
const MAX_STACK = 2 * MAX_DEPTH + 2;
const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

/** The offset of the innermost collection when more than MAX_DEPTH are open, else undefined. */
function tooDeepAt(stack: readonly { type: string; offset: number }[]): number | undefined {
  let open = 0;
  let innermost = 0;
  for (const token of stack) {
    if (COLLECTIONS.has(token.type)) {
      open++;
      innermost = token.offset;
    }
  }
  return open > MAX_DEPTH || stack.length > MAX_STACK ? innermost : undefined;
}
/** Only the first error is reported; a file of a million stray brackets would make a million. */
const MAX_PARSER_ERRORS = 100;
/** The lexer marks a plain or block scalar with this character before its source. */
const SCALAR = '\x1f';
/** Markers of the lexer's own state, not in the source. */
const DOC_MODE = '\x02';
const FLOW_ERROR_END = '\x18';
const STOP = { stop: true } as const;

/**
 * What parseAllDocuments returns, read with the limits kept while the parser
 * runs rather than after: yaml builds about a kilobyte of objects per node, so a
 * 1 MiB file of `[[[[…` or `[1,1,1,…]` would cost hundreds of megabytes before
 * any count of the finished tree could refuse it.
 *
 * Values are counted from the lexer's tokens: every scalar, alias, collection
 * start, list item, explicit key, anchor and tag, and a `:` or `,` that stands
 * for an empty node (one not after a value). The count is close to the number of
 * nodes inspectTree counts, and never far below it.
 */
export function parseDocumentsBounded(text: string, limits = { nodes: MAX_NODES, tokens: MAX_TOKENS }): { docs: Document.Parsed[] } | ParseLimit {
  const parser = new Parser();
  let stopped: ParseLimit | undefined;
  const stop = (limit: ParseLimit['limit'], offset: number): never => {
    stopped = { limit, offset };
    throw STOP;
  };
  function* tokens() {
    let nodes = 0;
    let tokens = 0;
    let errors = 0;
    let documents = 0;
    let scalarSource = false;
    let afterValue = false;
    for (const lexeme of new Lexer().lex(text)) {
      const offset = parser.offset;
      if (scalarSource) {
        // Counted with the marker before it.
        scalarSource = false;
        afterValue = true;
      } else if (lexeme !== DOC_MODE && lexeme !== FLOW_ERROR_END && lexeme[0] !== ' ' && lexeme[0] !== '\t') {
        if (++tokens > limits.tokens) stop('tokens', offset);
        switch (lexeme[0]) {
          case SCALAR:
            scalarSource = true;
            nodes++;
            break;
          case '"':
          case "'":
          case '*':
            nodes++;
            afterValue = true;
            break;
          case ']':
          case '}':
            afterValue = true;
            break;
          case ':':
          case ',':
            if (!afterValue) nodes++;
            afterValue = false;
            break;
          case '[':
          case '{':
          case '-':
          case '?':
          case '&':
          case '!':
            nodes++;
            afterValue = false;
            break;
        }
        if (nodes > limits.nodes) stop('nodes', offset);
      }
      for (const token of parser.next(lexeme)) {
        if (token.type === 'error' && ++errors > MAX_PARSER_ERRORS) {
          yield* parser.end();
          return;
        }
        yield token;
        // A second document is reported as such; the ones after it would only cost time.
        if (token.type === 'document' && ++documents > 1) return;
      }
      if (parser.stack.length > MAX_DEPTH + 1) {
        const at = tooDeepAt(parser.stack);
        if (at !== undefined) stop('depth', at);
      }
    }
    yield* parser.end();
  }
  // yaml makes an Error per problem; their stack traces are never shown and cost most of their time.
  const traceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return { docs: Array.from(new Composer(OPTIONS).compose(tokens())) as Document.Parsed[] };
  } catch (thrown) {
    if (thrown === STOP) return stopped!;
    throw thrown;
  } finally {
    Error.stackTraceLimit = traceLimit;
  }
}
