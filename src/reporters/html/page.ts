import { escapeHtml } from '../sanitize.js';
import { html, trusted, type Content, type Html } from './markup.js';
import { STYLESHEET } from './styles.js';

/** No request of any kind: no scripts, no fetches, no fonts; inline styles and data: images only. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** Browser tabs and bookmarks show little of a title: keep it short, the page's heading says it all. */
const TITLE_LENGTH = 70;
function shorten(title: string): string {
  // Measured as written in the page, character references included, as validators count it.
  let text = title.replace(/\s+/g, ' ').trim();
  if (escapeHtml(text).length <= TITLE_LENGTH) return text;
  const chars = [...text];
  while (chars.length > 0 && escapeHtml(`${chars.join('')}…`).length > TITLE_LENGTH) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/** One self-contained page: the reports need no file, network or script beside it. */
export function renderPage(title: string, body: Content, generator: string, opts: { printDetails?: boolean } = {}): string {
  const page: Html = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
${trusted(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`)}
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${generator}">
<title>${shorten(title)}</title>
<style>${trusted(STYLESHEET)}</style>
</head>
<body>
${opts.printDetails ? html`<main class="print-open">` : html`<main>`}
${body}
</main>
</body>
</html>
`;
  return page.value;
}
