import { sanitizeTerminal } from '../sanitize.js';
import { indentLines, wrapText } from '../terminal-text.js';
import { formatHeading, type Layout } from './layout.js';

/** `--explain`: the explanation's own lines, wrapped to the width, keeping their indentation. */
export function formatExplanation(explanation: string | undefined, layout: Layout): string[] {
  if (explanation === undefined || explanation.trim() === '') return [];
  const lines = formatHeading(layout, 'How the numbers were computed');
  for (const raw of sanitizeTerminal(explanation).replace(/\t/g, '  ').replace(/\s+$/, '').split('\n')) {
    const indent = /^ */.exec(raw)?.[0] ?? '';
    const text = raw.slice(indent.length);
    if (!text) {
      lines.push('');
      continue;
    }
    // Keep the indentation, unless it leaves no room for the words.
    const keep = indent.length <= layout.width / 2 ? indent : '';
    for (const line of indentLines(wrapText(text, layout.width - keep.length), keep)) lines.push(line);
  }
  return lines;
}
