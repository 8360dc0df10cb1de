import { sanitizeTerminalLine } from '../reporters/sanitize.js';

/**
 * commander's own error text ("error: unknown option '--x'", a "(Did you mean …?)"
 * line, "… is invalid. Allowed choices are …") in harm's error style: one line,
 * "harm: " and a sentence that says where to look. Option names and values are
 * the user's text, so they are made inert.
 */
export function formatCommanderError(text: string, commandPath: string): string {
  const [first = '', ...rest] = text.trim().split('\n');
  const sentence = sanitizeTerminalLine(first)
    .replace(/^error: /, '')
    .replace(/\.$/, '')
    // Two sentences ("… is invalid. Allowed choices are …") read as one.
    .replace(/\. (\p{Lu})/gu, (_, c: string) => `; ${c.toLowerCase()}`);
  const suggestion = /^\(Did you mean (.+)\?\)$/.exec(sanitizeTerminalLine(rest.join(' ')));
  const tail = suggestion ? `; did you mean ${suggestion[1]}?` : ` (see ${commandPath} --help).`;
  return `harm: ${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}${tail}\n`;
}
