import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHECK_FORMATS } from '../../src/cli/run.js';
import { formatCheckMarkdown } from '../../src/reporters/check-markdown.js';
import { checkReporters, formatGithubSummary } from '../../src/reporters/check-registry.js';
import { buildCheckRun, buildCleanRun, buildContext } from '../fixtures/check-run.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('checkReporters', () => {
  it('has a reporter for every format the CLI offers', () => {
    expect(Object.keys(checkReporters).sort()).toEqual([...CHECK_FORMATS].sort());
  });

  it('renders every format from its arguments alone, without reading the process', () => {
    vi.spyOn(process, 'cwd').mockImplementation(() => {
      throw new Error('a reporter read process.cwd()');
    });
    for (const format of CHECK_FORMATS) {
      for (const run of [buildCheckRun(), buildCleanRun(), buildCheckRun([])]) {
        const out = checkReporters[format](run, buildContext({ verbose: true }));
        expect(out.endsWith('\n'), format).toBe(true);
        expect(checkReporters[format](run, buildContext({ verbose: true }))).toBe(out);
      }
    }
  });

  it('writes colour codes only in stylish, and only when asked', () => {
    for (const format of CHECK_FORMATS) {
      expect(checkReporters[format](buildCheckRun(), buildContext({ color: false })), format).not.toContain('\u001b');
      const coloured = checkReporters[format](buildCheckRun(), buildContext({ color: true }));
      expect(coloured.includes('\u001b'), format).toBe(format === 'stylish');
    }
  });
});

describe('formatGithubSummary', () => {
  it('is the Markdown report, without colour whatever the terminal', () => {
    const run = buildCheckRun();
    expect(formatGithubSummary(run, buildContext({ color: true }))).toBe(formatCheckMarkdown(run, buildContext()));
  });
});
