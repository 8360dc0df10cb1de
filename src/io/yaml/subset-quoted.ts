import { NL, outside, SPACE, type SubsetScanner } from './subset-scanner.js';

/**
 * Where a quoted scalar continues on the next line: skips the line break at j and
 * any empty lines after it; returns the first content character of the
 * continuation, and how many empty lines were skipped in `s.blankLines`.
 * Continuation lines must be indented past the collection (`indent`).
 */
function quotedContinuation(s: SubsetScanner, j: number, indent: number): number {
  const { text, length } = s;
  let k = j + 1;
  let blanks = 0;
  for (;;) {
    const lineStart = k;
    while (text.charCodeAt(k) === SPACE) k++;
    if (k >= length) outside();
    if (text.charCodeAt(k) !== NL) {
      if (k - lineStart <= indent) outside();
      break;
    }
    blanks++;
    k++;
  }
  s.blankLines = blanks;
  return k;
}

/**
 * A line break at j inside a quoted scalar whose current run of text began at
 * `from`: the run without its trailing spaces, then a space, or a line feed per
 * empty line. Sets `resume` to the first character of the next line's content.
 */
function foldedBreak(s: SubsetScanner, from: number, j: number, indent: number | undefined): string {
  if (indent === undefined) outside();
  let end = j;
  while (end > from && s.text.charCodeAt(end - 1) === SPACE) end--;
  s.resume = quotedContinuation(s, j, indent!);
  return s.text.slice(from, end) + (s.blankLines === 0 ? ' ' : '\n'.repeat(s.blankLines));
}

/**
 * A double-quoted scalar with the common escapes, folded over lines when
 * `indent` is given; returns the index after its closing quote.
 */
export function doubleQuoted(s: SubsetScanner, i: number, indent: number | undefined): number {
  const { text, length } = s;
  let out = '';
  let from = i + 1;
  let j = from;
  for (;;) {
    if (j >= length) outside();
    const d = text.charCodeAt(j);
    if (d === 34) break;
    if (d === NL) {
      out += foldedBreak(s, from, j, indent);
      j = from = s.resume;
      continue;
    }
    if (d === 92) {
      out += text.slice(from, j);
      const e = text[j + 1];
      switch (e) {
        case '\\':
        case '"':
        case '/':
          out += e;
          j += 2;
          break;
        case 'n':
          out += '\n';
          j += 2;
          break;
        case 't':
          out += '\t';
          j += 2;
          break;
        case 'u': {
          const hex = text.slice(j + 2, j + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) outside();
          const code = parseInt(hex, 16);
          if (code >= 0xd800 && code <= 0xdfff) outside();
          out += String.fromCharCode(code);
          j += 6;
          break;
        }
        case '\n':
          // An escaped line break joins the lines without a space.
          if (indent === undefined) outside();
          j = quotedContinuation(s, j + 1, indent!);
          // Empty lines after an escaped break are read differently by different parsers.
          if (s.blankLines > 0) outside();
          break;
        default:
          outside();
      }
      from = j;
      continue;
    }
    j++;
  }
  s.quoted = out + text.slice(from, j);
  return j + 1;
}

/** A single-quoted scalar, folded over lines when `indent` is given; returns the index after it. */
export function singleQuoted(s: SubsetScanner, i: number, indent: number | undefined): number {
  const { text, length } = s;
  let out = '';
  let from = i + 1;
  let j = from;
  for (;;) {
    if (j >= length) outside();
    const d = text.charCodeAt(j);
    if (d === NL) {
      out += foldedBreak(s, from, j, indent);
      j = from = s.resume;
      continue;
    }
    if (d === 39) {
      if (text.charCodeAt(j + 1) !== 39) break;
      out += text.slice(from, j + 1);
      j += 2;
      from = j;
      continue;
    }
    j++;
  }
  s.quoted = out + text.slice(from, j);
  return j + 1;
}
