import { NL, outside, SPACE, type SubsetScanner } from './subset-scanner.js';

/** A literal (|) or folded (>) block scalar with clip, strip (-) or keep (+) chomping. */
export function blockScalar(s: SubsetScanner, i: number, indent: number): string {
  const { text, length } = s;
  const folded = text.charCodeAt(i) === 62;
  let j = i + 1;
  let chomp: 'clip' | 'strip' | 'keep' = 'clip';
  if (text[j] === '-') (chomp = 'strip'), j++;
  else if (text[j] === '+') (chomp = 'keep'), j++;
  const h = text.charCodeAt(j);
  if (j < length && h !== SPACE && h !== NL) outside();
  if (!s.isBlankRest(j, true)) outside();
  s.count();
  s.node = { kind: 'scalar', start: i };
  let line = s.lineAfter(j);
  // The block's indentation is that of its first non-blank line.
  const leading: number[] = [];
  let blockIndent = -1;
  while (line < length) {
    const col = s.indentOf(line);
    const c = text.charCodeAt(line + col);
    if (line + col < length && c !== NL) {
      blockIndent = col;
      break;
    }
    leading.push(col);
    line = s.lineAfter(line + col);
  }
  if (blockIndent <= indent) outside();
  for (const spaces of leading) if (spaces > blockIndent) outside();
  const parts: string[] = leading.map(() => '');
  let lastContent = -1;
  while (line < length) {
    const col = s.indentOf(line);
    const lineEnd = text.indexOf('\n', line + col);
    if (lineEnd < 0) outside(); // a last line without a line break
    if (lineEnd === line + col) {
      if (col > blockIndent) outside();
      parts.push('');
    } else if (col < blockIndent) {
      break;
    } else {
      if (folded && col > blockIndent) outside();
      parts.push(text.slice(line + blockIndent, lineEnd));
      lastContent = parts.length - 1;
    }
    line = lineEnd + 1;
  }
  s.after = line;
  const trailing = parts.length - 1 - lastContent;
  let body: string;
  if (folded) {
    body = '';
    let blanks = 0;
    let started = false;
    for (let k = 0; k <= lastContent; k++) {
      const part = parts[k]!;
      if (part === '') {
        blanks++;
        continue;
      }
      if (!started) body += '\n'.repeat(blanks);
      else body += blanks === 0 ? ' ' : '\n'.repeat(blanks);
      body += part;
      blanks = 0;
      started = true;
    }
  } else body = parts.slice(0, lastContent + 1).join('\n');
  if (chomp === 'strip') return body;
  if (chomp === 'clip') return `${body}\n`;
  return `${body}\n${'\n'.repeat(trailing)}`;
}
