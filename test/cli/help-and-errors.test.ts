import { describe, expect, it } from 'vitest';
import { formatCommanderError } from '../../src/cli/usage.js';
import { measureText } from '../../src/reporters/terminal-text.js';
import { runCli } from '../helpers/run-cli.js';

const VECTOR = 'HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M';

function overlong(text: string, width: number): string[] {
  return text.split('\n').filter((line) => measureText(line) > width);
}

describe('text fits the terminal, 80 columns when there is none', () => {
  const commands = [
    ['--help'],
    ['help', 'assess'],
    ['check', '--help'],
    ['catalog', '--help'],
    ['catalog', 'list'],
    ['catalog', 'show', 'product.rate-limits'],
    ['catalog', 'show', 'cbrn'],
    ['score', VECTOR],
    ['assess', 'examples/computer-use.yaml'],
  ];
  it.each(commands.map((argv) => [argv.join(' '), argv]))('harm %s', async (_name, argv) => {
    const plain = await runCli(argv);
    expect(plain.stdout).not.toBe('');
    expect(overlong(plain.stdout, 80)).toEqual([]);
    const narrow = await runCli(argv, { tty: true, columns: 60, env: { NO_COLOR: '1' } });
    expect(overlong(narrow.stdout, 60)).toEqual([]);
  });
});

describe('usage errors are one line on stderr, harm: and a sentence, exit 2', () => {
  it.each([
    [['assess', 'x.yaml', '--bogus'], "harm: Unknown option '--bogus' (see harm assess --help).\n"],
    [['assess', 'x.yaml', '--explan'], "harm: Unknown option '--explan'; did you mean --explain?\n"],
    [
      ['assess', 'x.yaml', '--format', 'nope'],
      "harm: Option '-f, --format <name>' argument 'nope' is invalid; allowed choices are table, json, markdown, yaml (see harm assess --help).\n",
    ],
    [['assess'], "harm: Missing required argument 'file' (see harm assess --help).\n"],
    [['catalog', 'show'], "harm: Missing required argument 'id' (see harm catalog show --help).\n"],
    [['chek'], "harm: Unknown command 'chek'; did you mean check?\n"],
    [['help', 'bogus'], 'harm: There is no command "harm bogus".\n'],
    [['help', 'catalog', 'shw'], 'harm: There is no command "harm catalog shw". Did you mean "show"?\n'],
    [['catalog', 'show', 'human-confirmation'], 'harm: The catalog has no id "human-confirmation". Did you mean "product.human-confirmation"?\n'],
    [['catalog', 'show', 'product.human-confirmaton'], 'harm: The catalog has no id "product.human-confirmaton". Did you mean "product.human-confirmation"?\n'],
  ])('harm %j', async (argv, stderr) => {
    const result = await runCli(argv);
    expect(result.stderr).toBe(stderr);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(2);
  });

  it('a command that needs a subcommand shows its help on stderr and exits 2', async () => {
    const result = await runCli(['catalog']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: harm catalog');
  });
});

describe('harm help', () => {
  it.each([
    [[], 'Usage: harm [options] [command]'],
    [['catalog'], 'Usage: harm catalog [options] [command]'],
    [['catalog', 'show'], 'Usage: harm catalog show [options] <id>'],
  ])('harm help %j prints that usage and exits 0', async (names, usage) => {
    const result = await runCli(['help', ...names]);
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith(usage)).toBe(true);
  });
});

describe('formatCommanderError', () => {
  it.each([
    ["error: unknown option '--x'\n", "harm: Unknown option '--x' (see harm check --help).\n"],
    ["error: unknown option '--x'\n(Did you mean --y?)\n", "harm: Unknown option '--x'; did you mean --y?\n"],
    ["error: option '--a <n>' argument 'b' is invalid. Allowed choices are c, d.\n", "harm: Option '--a <n>' argument 'b' is invalid; allowed choices are c, d (see harm check --help).\n"],
    ["error: unknown option '--\u001b[2J'\n", "harm: Unknown option '--\\u001B[2J' (see harm check --help).\n"],
  ])('%j', (text, expected) => {
    expect(formatCommanderError(text, 'harm check')).toBe(expected);
  });
});
