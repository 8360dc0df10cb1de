import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { formatAssessHtml } from '../../src/reporters/html/assess.js';
import { CONTENT_SECURITY_POLICY } from '../../src/reporters/html/page.js';
import { DARK, LEVEL_COLOURS, LIGHT } from '../../src/reporters/html/palette.js';
import { formatPortfolioHtml } from '../../src/reporters/html/portfolio.js';
import type { Report } from '../../src/schema/output.js';
import { buildFixturePortfolio, readPortfolioGolden } from '../fixtures/portfolio.js';
import { brokenReport, computerUseReport, makeAssessOutput, makeReporterContext, readAssessGolden } from '../fixtures/report.js';

const ctx = makeReporterContext();
const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)> & "quotes" \'single\' \u202Eevil';

/** The computer-use report with markup and controls in every text a user writes. */
function hostileReport(): Report {
  const report = structuredClone(computerUseReport);
  report.feature = { ...report.feature!, name: HOSTILE, owner: HOSTILE };
  report.file = `assessments/${HOSTILE}.harm.yaml`;
  report.harms[0]!.title = HOSTILE;
  report.harms[0]!.recommendations[0]!.reasons = [HOSTILE];
  report.findings[0]!.message = HOSTILE;
  return report;
}

const pages = {
  'assess computer-use': formatAssessHtml(makeAssessOutput(computerUseReport, 'Likelihood: possible → unlikely (<explained> & "quoted")'), ctx),
  'assess broken': formatAssessHtml(makeAssessOutput(brokenReport), ctx),
  'assess hostile': formatAssessHtml(makeAssessOutput(hostileReport()), ctx),
  'report fixture': formatPortfolioHtml(buildFixturePortfolio(), ctx),
  'report severity': formatPortfolioHtml(buildFixturePortfolio('severity'), ctx),
  'report by mapping': formatPortfolioHtml(buildFixturePortfolio('risk', 'nist-ai-rmf'), ctx),
};

const validator = new HtmlValidate({ extends: ['html-validate:recommended', 'html-validate:document', 'html-validate:a11y'] });

describe('the HTML reports', () => {
  it('match the golden files', () => {
    expect(pages['assess computer-use']).toBe(readAssessGolden('html', pages['assess computer-use']));
    expect(pages['report fixture']).toBe(readPortfolioGolden('html', pages['report fixture']));
  });

  it.each(Object.keys(pages))('%s is valid HTML (html-validate: recommended, document and a11y rules)', async (name) => {
    const report = await validator.validateString(pages[name as keyof typeof pages]);
    const messages = report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`));
    expect(messages, messages.join('\n')).toEqual([]);
  });

  it.each(Object.keys(pages))('%s is self-contained: the CSP forbids every request, and there is no script or external reference', (name) => {
    const page = pages[name as keyof typeof pages];
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`);
    expect(CONTENT_SECURITY_POLICY).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(page).not.toMatch(/<(?:script|link|iframe|object|embed|img|base|form)\b/i);
    expect(page).not.toMatch(/<[^>]*\son[a-z]+=/i);
    expect(page).not.toMatch(/\s(?:src|href|action)="(?!#)/);
    // Every in-page link lands somewhere.
    const ids = new Set([...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    for (const [, target] of page.matchAll(/href="#([^"]+)"/g)) expect(ids, `#${target}`).toContain(target);
  });

  it('escapes every text a user wrote, and shows controls and bidi overrides as visible escapes', () => {
    const page = pages['assess hostile'];
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &amp; &quot;quotes&quot; &apos;single&apos; \\u202Eevil');
    expect(page).not.toContain('\u202E');
  });

  it('gives every heat-map cell its number and level as text, never colour alone', () => {
    for (const name of ['report fixture', 'report severity'] as const) {
      const heat = /<table class="heat">([\s\S]*?)<\/table>/.exec(pages[name])![1]!;
      const cells = [...heat.matchAll(/<td class="lv lv-([a-z]+)">(.*?)<\/td>/g)];
      expect(cells.length).toBe(4 * 6);
      for (const [, level, text] of cells) {
        const plain = text!.replace(/<[^>]+>/g, '');
        expect(plain === '— no harms' ? 'none' : plain.replace(/^\d+\.\d /, ''), plain).toBe(level);
      }
    }
    expect(pages['report severity']).toContain('Heat map: residual severity by dimension');
  });

  it('links the heat map to each feature\'s section, with its harms in <details>', () => {
    const page = pages['report fixture'];
    expect(page).toContain('<a href="#feature-checkout-agent">');
    expect(page).toContain('<section class="feature" id="feature-checkout-agent">');
    expect(page).toContain('<details id="feature-checkout-agent-unauthorized-purchases">');
  });

  it('prints on A4 and Letter without cutting rows, and follows the reader\'s colour scheme', () => {
    const page = pages['report fixture'];
    expect(page).toContain('@media (prefers-color-scheme:dark)');
    expect(page).toMatch(/@media print\{[\s\S]*tr,li,details summary,\.badges\{break-inside:avoid\}[\s\S]*thead\{display:table-header-group\}/);
  });
});

/** WCAG 2.x relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('the palette', () => {
  it.each(Object.entries(LEVEL_COLOURS))('level %s: text on its colour meets WCAG AA (4.5:1)', (_level, { background, text }) => {
    expect(contrast(text, background)).toBeGreaterThanOrEqual(4.5);
  });

  it('levels grow darker with severity, so that order survives colour-blindness and greyscale', () => {
    const order = ['none', 'low', 'medium', 'high', 'critical'] as const;
    const light = order.slice(1).map((l) => luminance(LEVEL_COLOURS[l].background));
    expect(light).toEqual([...light].sort((a, b) => b - a));
  });

  it.each([
    ['light', LIGHT],
    ['dark', DARK],
  ] as const)('%s theme: every text colour meets WCAG AA on the page and on panels', (_name, theme) => {
    for (const surface of [theme.background, theme.panel]) {
      for (const colour of [theme.text, theme.muted, theme.link, theme.error, theme.warning, theme.info]) {
        expect(contrast(colour, surface), `${colour} on ${surface}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});
