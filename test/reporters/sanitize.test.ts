import { describe, expect, it } from 'vitest';
import {
  escapeGithubData,
  escapeGithubProperty,
  escapeHtml,
  escapeMarkdown,
  escapeXmlAttribute,
  escapeXmlText,
  formatCodeSpan,
  formatMarkdownRow,
  makeVisible,
  sanitizeTerminal,
  sanitizeTerminalLine,
} from '../../src/reporters/sanitize.js';
import { HOSTILE } from '../fixtures/hostile.js';

const SANITISERS: readonly [string, (text: string) => string][] = [
  ['terminal', sanitizeTerminal],
  ['terminal line', sanitizeTerminalLine],
  ['markdown', escapeMarkdown],
  ['markdown code span', formatCodeSpan],
  ['github data', escapeGithubData],
  ['github property', escapeGithubProperty],
  ['xml text', escapeXmlText],
  ['xml attribute', escapeXmlAttribute],
  ['html', escapeHtml],
];

describe('sanitisers for every output kind', () => {
  for (const [kind, sanitise] of SANITISERS) {
    for (const { name, text, acting } of HOSTILE) {
      it(`${kind}: ${name} is made visible, not acted on`, () => {
        const out = sanitise(text);
        expect(out).not.toContain(acting);
        expect(out).toMatch(/\\u[0-9A-F]{4}/);
      });
    }
  }

  it('keeps newlines and tabs on a terminal, and reads CR LF and lone CR as newlines', () => {
    expect(sanitizeTerminal('a\tb\r\nc\rd\ne')).toBe('a\tb\nc\nd\ne');
    expect(sanitizeTerminalLine(' a\tb\r\nc  ')).toBe('a b c');
    expect(makeVisible('\u001b')).toBe('\\u001B');
  });

  it('escapes what Markdown would read as syntax, leaving intraword underscores alone', () => {
    expect(escapeMarkdown('a_b _c_ [x](y) <b> & ~~s~~ \\ *')).toBe('a_b \\_c\\_ \\[x\\](y) \\<b\\> \\& \\~\\~s\\~\\~ \\\\ \\*');
    expect(escapeMarkdown('@team $x$ ![img](u) # h')).toBe('\\@team \\$x\\$ \\!\\[img\\](u) \\# h');
    expect(escapeMarkdown('one\ntwo  three')).toBe('one two three');
  });

  it('builds code spans that hold backticks, on one line', () => {
    expect(formatCodeSpan('a.yaml:1:2')).toBe('`a.yaml:1:2`');
    expect(formatCodeSpan('a`b')).toBe('``a`b``');
    expect(formatCodeSpan('`x`')).toBe('`` `x` ``');
    expect(formatCodeSpan('a|b\nc')).toBe('`a|b c`');
  });

  it('escapes every pipe of a table row, code spans included', () => {
    expect(formatMarkdownRow(['a|b', formatCodeSpan('c|d')])).toBe('| a\\|b | `c\\|d` |');
  });

  it('escapes workflow command data and properties as @actions/core does', () => {
    expect(escapeGithubData('100% done\nnext: a, b')).toBe('100%25 done%0Anext: a, b');
    expect(escapeGithubProperty('C:\\dir,x/100%\nb')).toBe('C%3A\\dir%2Cx/100%25%0Ab');
  });

  it('escapes XML attribute values and text', () => {
    expect(escapeXmlAttribute('a&b<c>d"e\'f\tg\nh')).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f&#9;g&#10;h');
    expect(escapeXmlText('a&b<c>d"e\'f\tg\nh')).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f\tg\nh');
    expect(escapeXmlText('x\uFFFF\uDC00y\u{1F600}')).toBe('x\uFFFD\uFFFDy\u{1F600}');
  });

  it('escapes HTML markup and quotes', () => {
    expect(escapeHtml('<script>alert("x")</script> & \'y\'')).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;y&apos;');
  });
});
