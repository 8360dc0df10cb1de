import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/files.js';

// The screenshot script renders with the built CLI and a real Chromium.
const script = (await import(join(process.cwd(), 'scripts', 'screenshots.mjs'))) as {
  findChromium(): string | undefined;
  renderScreenshots(browser: string, dir: string): string[];
};
const browser = script.findChromium();
const built = existsSync(join(process.cwd(), 'dist', 'main.js'));
const reason = !browser ? 'no Chromium (Debian: apt-get install chromium)' : !built ? 'the CLI is not built (npm run bundle)' : '';
if (reason) console.warn(`html-browser: skipped, ${reason}.`);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): [number, number] {
  const bytes = readFileSync(path);
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe.skipIf(reason !== '')('the HTML reports in Chromium', () => {
  const dir = makeTempDir('harm-screens-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let written: string[] = [];

  it('render the examples\' report and an assessment as 1280×900 pictures, light and dark', () => {
    written = script.renderScreenshots(browser!, dir);
    for (const name of ['report.png', 'report-dark.png', 'assessment.png']) {
      expect(written).toContain(name);
      expect(pngSize(join(dir, name))).toEqual([1280, 900]);
    }
    // Light and dark differ: the page follows prefers-color-scheme.
    expect(readFileSync(join(dir, 'report.png')).equals(readFileSync(join(dir, 'report-dark.png')))).toBe(false);
  });

  it.each([
    ['a4', '594.95996 841.91998'],
    ['letter', '612 792'],
  ])('print to PDF on %s paper', (paper, size) => {
    for (const name of ['report', 'assessment']) {
      const pdf = readFileSync(join(dir, `${name}-${paper}.pdf`)).toString('latin1');
      expect(pdf.startsWith('%PDF-')).toBe(true);
      expect(pdf).toContain(`/MediaBox [0 0 ${size}]`);
    }
  });
});
