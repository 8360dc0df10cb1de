import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHECK_FORMATS } from '../../src/cli/run.js';
import { checkReporters, renderCheckRun, streamGithubSummary } from '../../src/reporters/check-registry.js';
import { buildCheckRun, buildCleanRun, buildContext, renderFormat } from '../fixtures/check-run.js';

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
        const out = renderFormat(format, run, buildContext({ verbose: true }));
        expect(out.endsWith('\n'), format).toBe(true);
        expect(renderFormat(format, run, buildContext({ verbose: true }))).toBe(out);
      }
    }
  });

  it('writes colour codes only in stylish, and only when asked', () => {
    for (const format of CHECK_FORMATS) {
      expect(renderFormat(format, buildCheckRun(), buildContext({ color: false })), format).not.toContain('\u001b');
      const coloured = renderFormat(format, buildCheckRun(), buildContext({ color: true }));
      expect(coloured.includes('\u001b'), format).toBe(format === 'stylish');
    }
  });
});

describe('streamGithubSummary', () => {
  it('is the Markdown report, without colour whatever the terminal', () => {
    const run = buildCheckRun();
    expect(renderCheckRun(streamGithubSummary, run, buildContext({ color: true }))).toBe(renderFormat('markdown', run, buildContext()));
  });
});
