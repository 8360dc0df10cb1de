import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/reporters/types.js';
import { buildCheckRun, buildCleanRun, buildContext, renderFormat } from '../fixtures/check-run.js';
import { expectGolden } from './check-golden.js';

const ANSI = /\u001b\[[0-9;]*m/g;

function singleFile(findings: FileResult['findings']): FileResult {
  return { file: 'a.harm.yaml', uri: 'a.harm.yaml', feature: 'a', findings };
}

describe('formatStylish', () => {
  it('matches the golden file without colour', () => {
    expectGolden('stylish', renderFormat('stylish', buildCheckRun(), buildContext()));
  });

  it('matches the golden file with --verbose', () => {
    expectGolden('stylish-verbose', renderFormat('stylish', buildCheckRun(), buildContext({ verbose: true })));
  });

  it('writes no ANSI code at all when colour is off', () => {
    for (const verbose of [false, true]) {
      expect(renderFormat('stylish', buildCheckRun(), buildContext({ verbose }))).not.toContain('\u001b');
    }
    expect(renderFormat('stylish', buildCleanRun(), buildContext())).not.toContain('\u001b');
  });

  it('colours levels, file names and the summary when colour is on, and is otherwise the same text', () => {
    const coloured = renderFormat('stylish', buildCheckRun(), buildContext({ color: true, verbose: true }));
    expect(coloured).toContain('\u001b[31merror');
    expect(coloured).toContain('\u001b[33mwarning');
    expect(coloured).toContain('\u001b[34minfo');
    expect(coloured).toContain('\u001b[4mfeatures/computer-use.harm.yaml');
    expect(coloured).toContain('\u001b[2mresidual-risk');
    expect(coloured.replace(ANSI, '')).toBe(renderFormat('stylish', buildCheckRun(), buildContext({ verbose: true })));
  });

  it('groups by file, skipping files without visible findings, and summarises', () => {
    const out = renderFormat('stylish', buildCheckRun(), buildContext());
    expect(out).not.toContain('chat-memory');
    expect(out).toContain('drafts/broken.harm.yaml\n  6:10  error  Nested mappings');
    expect(out).toContain('✖ 8 problems (5 errors, 3 warnings), 4 files checked\n  2 infos not shown, use --verbose to see them\n');
  });

  it('shows and counts infos only with --verbose', () => {
    const quiet = renderFormat('stylish', buildCheckRun(), buildContext());
    expect(quiet).not.toContain('recommended-safeguard');
    const verbose = renderFormat('stylish', buildCheckRun(), buildContext({ verbose: true }));
    expect(verbose.match(/recommended-safeguard/g)).toHaveLength(2);
    expect(verbose).toContain('✖ 10 problems (5 errors, 3 warnings, 2 infos), 4 files checked\n');
    expect(verbose).not.toContain('not shown');
  });

  it('says so when the run is clean', () => {
    expect(renderFormat('stylish', buildCleanRun(), buildContext())).toBe('✔ 1 file checked, no problems\n');
    const coloured = renderFormat('stylish', buildCleanRun(), buildContext({ color: true }));
    expect(coloured).toBe('\u001b[32m✔ 1 file checked, no problems\u001b[39m\n');
  });

  it('treats a run with only infos as clean, mentioning the hidden infos', () => {
    const run = buildCheckRun([
      singleFile([{ rule: 'recommended-safeguard', level: 'info', message: 'Consider it', file: 'a.harm.yaml', line: 3, column: 5 }]),
    ]);
    expect(renderFormat('stylish', run, buildContext())).toBe('✔ 1 file checked, no problems\n  1 info not shown, use --verbose to see them\n');
    expect(renderFormat('stylish', run, buildContext({ verbose: true }))).toBe(
      'a.harm.yaml\n  3:5  info  Consider it  recommended-safeguard\n\n✔ 1 file checked, no problems (1 info)\n',
    );
  });

  it('right-aligns lines, left-aligns columns and lines up rule ids', () => {
    const run = buildCheckRun([
      singleFile([
        { rule: 'schema', level: 'error', message: 'short', file: 'a.harm.yaml', line: 9, column: 3 },
        { rule: 'review-overdue', level: 'warning', message: 'a longer message', file: 'a.harm.yaml', line: 120, column: 14 },
      ]),
    ]);
    expect(renderFormat('stylish', run, buildContext())).toBe(
      [
        'a.harm.yaml',
        '    9:3   error    short             schema',
        '  120:14  warning  a longer message  review-overdue',
        '',
        '✖ 2 problems (1 error, 1 warning), 1 file checked',
        '',
      ].join('\n'),
    );
  });

  it('wraps messages to the room the terminal leaves beside the rule ids, continuing under the message column', () => {
    const long = `${'word '.repeat(20)}end`;
    const run = buildCheckRun([
      singleFile([
        { rule: 'schema', level: 'error', message: 'short', file: 'a.harm.yaml', line: 1, column: 1 },
        { rule: 'review-overdue', level: 'warning', message: long, file: 'a.harm.yaml', line: 2, column: 1 },
      ]),
    ]);
    const lines = renderFormat('stylish', run, buildContext({ width: 80 })).split('\n');
    // 80 columns less 16 for position and level and 2 + 14 for the rule: 48 for the message, 9 words.
    expect(lines.slice(1, 5)).toEqual([
      `  1:1  error    ${'short'.padEnd(44)}  schema`,
      `  2:1  warning  ${'word '.repeat(9).trimEnd()}  review-overdue`,
      `                ${'word '.repeat(9).trimEnd()}`,
      '                word word end',
    ]);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    // Width 0 (unknown): nothing wraps, every rule id still lines up.
    expect(renderFormat('stylish', run, buildContext({ width: 0 }))).toContain(`  1:1  error    ${'short'.padEnd(long.length)}  schema\n  2:1  warning  ${long}  review-overdue\n`);
  });

  it('keeps every character of any message, in order, within the width', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'é', '漢', '-'), maxLength: 300 }), fc.integer({ min: 60, max: 120 }), (message, width) => {
        const run = buildCheckRun([singleFile([{ rule: 'schema', level: 'error', message: `m ${message}`, file: 'a.harm.yaml', line: 1, column: 1 }])]);
        const rows = renderFormat('stylish', run, buildContext({ width })).split('\n').slice(1, -3);
        for (const row of rows) expect(stringWidth(row)).toBeLessThanOrEqual(width);
        const text = rows.map((row, i) => (i === 0 ? row.slice(14, row.lastIndexOf('  schema')) : row.slice(14))).join('');
        expect(text.replace(/ /g, '')).toBe(`m${message}`.replace(/ /g, ''));
      }),
    );
  });

  it('breaks a word longer than the room and keeps wide characters within the width', () => {
    const run = buildCheckRun([
      singleFile([
        { rule: 'schema', level: 'error', message: `${'x'.repeat(100)} 漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字`, file: 'a.harm.yaml', line: 1, column: 1 },
      ]),
    ]);
    const rows = renderFormat('stylish', run, buildContext({ width: 60 })).split('\n').slice(1, -3);
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) expect(stringWidth(row)).toBeLessThanOrEqual(60);
  });

  it('makes control characters in messages visible instead of sending them to the terminal', () => {
    const run = buildCheckRun([
      singleFile([{ rule: 'schema', level: 'error', message: 'key "\u001b[2Jx\u0007" is unknown', file: 'a.harm.yaml', line: 1, column: 1 }]),
    ]);
    const out = renderFormat('stylish', run, buildContext());
    expect(out).not.toContain('\u001b');
    expect(out).not.toContain('\u0007');
    expect(out).toContain('key "\\u001B[2Jx\\u0007" is unknown');
  });
});
