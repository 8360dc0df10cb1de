/**
 * Every text that leaves the program quotes user input somewhere: ids, titles,
 * reasons, file names, YAML error excerpts. One function per output kind makes it
 * inert there. All of them first make invisible or acting characters visible:
 * C0 and C1 controls (escape sequences, BEL, clear screen, OSC 8 hyperlinks start
 * with ESC or C1), DEL, and the Unicode format characters that reorder or hide text
 * (bidirectional overrides such as U+202E, zero-width characters, line and paragraph
 * separators). JSON and YAML output are data: they keep every character, written
 * as the format's own `\uXXXX` escape where it would act (escapeQuotedActing).
 */

/** Controls other than tab and newline, DEL and C1, and the bidi, zero-width and separator format characters. */
const ACTING_CLASS = '[\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\u061C\\u200B-\\u200F\\u2028-\\u202E\\u2060-\\u2069\\uFEFF]';
const ACTING = new RegExp(ACTING_CLASS, 'g');
const HAS_ACTING = new RegExp(ACTING_CLASS);

function visibleEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The text with every acting character written as a visible `\uXXXX` escape; CR LF and lone CR read as LF. */
export function makeVisible(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(ACTING, visibleEscape);
}

export function hasActingCharacters(text: string): boolean {
  return HAS_ACTING.test(text);
}

/**
 * For text inside JSON strings or YAML double-quoted scalars, where `\uXXXX` stands
 * for the character itself: a parser reads the same data, a terminal shows it inert.
 * Applied to a whole JSON text it escapes only inside strings, the only place such
 * characters can be.
 */
export function escapeQuotedActing(text: string): string {
  return text.replace(ACTING, visibleEscape);
}

/** For a terminal: nothing in the text can move the cursor, change colours, ring, link or reorder. */
export function sanitizeTerminal(text: string): string {
  return makeVisible(text);
}

/** For a terminal, on one line: newlines and tabs become spaces too. */
export function sanitizeTerminalLine(text: string): string {
  return makeVisible(text).replace(/\s+/g, ' ').trim();
}

/**
 * Free Markdown text on one line: every character CommonMark or GitHub's HTML could
 * act on is backslash-escaped (CommonMark escapes any ASCII punctuation). Table pipes
 * are left to formatMarkdownRow, which escapes them in every cell, code spans included.
 */
export function escapeMarkdown(text: string): string {
  return (
    makeVisible(text)
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[\\`*[\]<>&~@$!#]/g, (c) => `\\${c}`)
      // GitHub never reads an underscore inside a word as emphasis; escaping only the others keeps ids like computer_use legible.
      .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
  );
}

/** Markdown text that keeps its line breaks inside one table cell or paragraph line, as `<br>`. */
export function escapeMarkdownLines(text: string): string {
  return makeVisible(text)
    .split('\n')
    .map((line) => escapeMarkdown(line))
    .join('<br>');
}

/** A Markdown code span that holds any text on one line: the fence is longer than any backtick run inside it. */
export function formatCodeSpan(text: string): string {
  const flat = makeVisible(text).replace(/\s+/g, ' ').trim();
  let longestRun = 0;
  for (const run of flat.match(/`+/g) ?? []) longestRun = Math.max(longestRun, run.length);
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A Markdown table row. GitHub splits rows on every pipe, code spans included, so each one in a cell is escaped here, last. */
export function formatMarkdownRow(cells: readonly string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}

/** The message part of a GitHub Actions workflow command (escaped as @actions/core does). */
export function escapeGithubData(text: string): string {
  return makeVisible(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value of a workflow command also loses the separators of the property list. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Anything XML 1.0 cannot hold (after makeVisible: lone surrogates, U+FFFE and U+FFFF). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** XML element content. */
export function escapeXmlText(text: string): string {
  return makeVisible(text)
    .replace(NOT_XML_CHAR, '\uFFFD')
    .replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);
}

/** XML attribute values: whitespace as character references, so that attribute normalisation keeps it. */
export function escapeXmlAttribute(text: string): string {
  return makeVisible(text)
    .replace(NOT_XML_CHAR, '\uFFFD')
    .replace(/[&<>"'\t\n\r]/g, (c) => XML_ENTITIES[c]!);
}

/** HTML text or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return makeVisible(text).replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);
}
