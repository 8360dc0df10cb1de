import type { Position } from '../../core/locator.js';

/**
 * The parser forgives two directive mistakes the YAML spec forbids: a repeated
 * %YAML directive, and directives with no document after them.
 */
export function checkDirectives(text: string): { position: Position; message: string } | undefined {
  if (!text.includes('%')) return undefined;
  let yamlSeen = false;
  let pending: number | undefined;
  let inDocument = false;
  // Line by line without splitting: a file of a million empty lines costs no array.
  let lineNumber = 0;
  for (let start = 0; start <= text.length; lineNumber++) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(start, end);
    start = end + 1;
    if (line.startsWith('---')) {
      pending = undefined;
      yamlSeen = false;
      inDocument = true;
    } else if (line.startsWith('...')) {
      inDocument = false;
    } else if (!inDocument && line.startsWith('%')) {
      if (line.startsWith('%YAML')) {
        if (yamlSeen) return { position: { line: lineNumber + 1, column: 1 }, message: 'The %YAML directive is repeated.' };
        yamlSeen = true;
      }
      pending ??= lineNumber;
    } else if (line.trim() !== '' && !line.startsWith('#')) inDocument = true;
  }
  if (pending !== undefined) return { position: { line: pending + 1, column: 1 }, message: 'A directive must be followed by a document that starts with "---".' };
  return undefined;
}
