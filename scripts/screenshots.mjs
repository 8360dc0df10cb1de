#!/usr/bin/env node
// Renders the HTML reports in a real browser, to look at: the examples' portfolio
// (`harm report`) and one assessment (`harm assess`), each as a 1280×900 PNG
// (light, and the report dark too) and as PDFs on A4 and on Letter paper.
// Needs the built CLI (npm run bundle) and Chromium (Debian: apt-get install chromium).
// Usage: npm run screenshots [-- --out .screenshots]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const out = resolve(root, args.includes('--out') ? args[args.indexOf('--out') + 1] : '.screenshots');
// A fixed date, so that the pictures change only when the reports do.
const TODAY = '2026-01-15';

/** The first browser found: $CHROMIUM, then the usual names. */
export function findChromium() {
  for (const name of [process.env.CHROMIUM, 'chromium', 'chromium-browser', 'google-chrome']) {
    if (name && spawnSync(name, ['--version'], { encoding: 'utf8' }).status === 0) return name;
  }
  return undefined;
}

/** Runs headless Chromium with a fresh profile and nothing that reaches the network. */
function runChromium(browser, extra, url) {
  const profile = mkdtempSync(join(tmpdir(), 'harm-chromium-'));
  try {
    const flags = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
      '--hide-scrollbars',
      ...extra,
      url,
    ];
    const r = spawnSync(browser, flags, { encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`${browser} failed (${r.status ?? r.signal}): ${r.stderr}`);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

function harm(argv) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'harm.js'), ...argv], { cwd: root, encoding: 'utf8' });
  // 1 is a report with error findings: still a report.
  if (r.status !== 0 && r.status !== 1) throw new Error(`harm ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
}

/** A copy of the page that asks for one paper size (the page itself fits both). */
function withPaper(page, paper) {
  const copy = page.replace(/\.html$/, `-${paper.toLowerCase()}.print.html`);
  writeFileSync(copy, readFileSync(page, 'utf8').replace('</style>', `@page{size:${paper}}</style>`));
  return copy;
}

export function renderScreenshots(browser, dir = out) {
  mkdirSync(dir, { recursive: true });
  const pages = {
    report: ['report', 'examples/*.yaml', '--format', 'html', '--today', TODAY, '--output'],
    assessment: ['assess', 'examples/computer-use.yaml', '--format', 'html', '--today', TODAY, '--explain', '--output'],
  };
  const written = [];
  for (const [name, argv] of Object.entries(pages)) {
    const page = join(dir, `${name}.html`);
    harm([...argv, page]);
    const url = pathToFileURL(page).href;
    runChromium(browser, ['--window-size=1280,900', `--screenshot=${join(dir, `${name}.png`)}`], url);
    written.push(`${name}.html`, `${name}.png`);
    if (name === 'report') {
      runChromium(browser, ['--window-size=1280,900', '--force-dark-mode', '--blink-settings=preferredColorScheme=0', `--screenshot=${join(dir, `${name}-dark.png`)}`], url);
      written.push(`${name}-dark.png`);
    }
    for (const paper of ['A4', 'Letter']) {
      const copy = withPaper(page, paper);
      const pdf = join(dir, `${name}-${paper.toLowerCase()}.pdf`);
      runChromium(browser, ['--no-pdf-header-footer', `--print-to-pdf=${pdf}`], pathToFileURL(copy).href);
      rmSync(copy);
      written.push(`${name}-${paper.toLowerCase()}.pdf`);
    }
  }
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!existsSync(join(root, 'dist', 'main.js'))) {
    console.error('screenshots: build the CLI first (npm run bundle).');
    process.exit(2);
  }
  const browser = findChromium();
  if (!browser) {
    console.error('screenshots: no Chromium found; install it (Debian: apt-get install chromium) or set CHROMIUM.');
    process.exit(2);
  }
  for (const file of renderScreenshots(browser)) console.log(join(out, file));
}
