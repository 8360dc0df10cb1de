import { Help, type Command } from 'commander';
import { didYouMean } from '../core/did-you-mean.js';
import { UsageError } from '../core/errors.js';
import { sanitizeTerminalLine } from '../reporters/sanitize.js';

/** How the CLI explains its own usage: help fitted to the terminal, `harm help <command…>`, and commander's errors in harm's style. */

/** Help descriptions narrower than this go on the lines under their option or command instead. */
const MIN_DESCRIPTION_WIDTH = 20;

/**
 * Help fitted to any width: commander's layout, with a description moved under its
 * term where the column beside it is too narrow for it (or for one of its words).
 */
export const HELP_LAYOUT = {
  minWidthToWrap: MIN_DESCRIPTION_WIDTH,
  formatItem(term: string, termWidth: number, description: string, helper: Help): string {
    const width = helper.helpWidth ?? 80;
    const beside = width - termWidth - 4;
    const fits = beside >= MIN_DESCRIPTION_WIDTH && description.split(/\s+/).every((word) => helper.displayWidth(word) <= beside);
    if (!description || fits) return Help.prototype.formatItem.call(helper, term, termWidth, description, helper);
    return `  ${term}\n${helper.boxWrap(description, width - 4).replace(/^/gm, '    ')}`;
  },
};

/** "harm catalog show": the command as typed. */
export function describeCommand(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** The command that names lead to from `program`, e.g. ["catalog", "show"]; an unknown name is a usage error. */
export function findCommand(program: Command, names: readonly string[]): Command {
  let cmd = program;
  for (const name of names) {
    const sub = cmd.commands.find((c) => c.name() === name);
    if (!sub) throw new UsageError(`There is no command "${describeCommand(cmd)} ${name}".${didYouMean(name, cmd.commands.map((c) => c.name()))}`);
    cmd = sub;
  }
  return cmd;
}

/**
 * commander's own error text ("error: unknown option '--x'", a "(Did you mean …?)"
 * line, "… is invalid. Allowed choices are …") in harm's error style: one line,
 * "harm: " and a sentence that says where to look. Option names and values are
 * the user's text, so they are made inert.
 */
export function formatCommanderError(text: string, commandPath: string): string {
  const [first = '', ...rest] = text.trim().split('\n');
  const sentence = sanitizeTerminalLine(first)
    .replace(/^error: /, '')
    .replace(/\.$/, '')
    // Two sentences ("… is invalid. Allowed choices are …") read as one.
    .replace(/\. (\p{Lu})/gu, (_, c: string) => `; ${c.toLowerCase()}`);
  const suggestion = /^\(Did you mean (.+)\?\)$/.exec(sanitizeTerminalLine(rest.join(' ')));
  const tail = suggestion ? `; did you mean ${suggestion[1]}?` : ` (see ${commandPath} --help).`;
  return `harm: ${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}${tail}\n`;
}
