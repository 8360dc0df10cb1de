import { Command, CommanderError, Option } from 'commander';
import { HarmError } from '../core/errors.js';
import { formatFindingLine } from '../core/findings.js';
import type { AssessFormat } from '../reporters/assess-registry.js';
import type { CatalogFormat } from '../reporters/catalog-registry.js';
import type { CheckFormat } from '../reporters/check-registry.js';
import { sanitizeTerminal, sanitizeTerminalLine } from '../reporters/sanitize.js';
import type { ScoreFormat } from '../reporters/score-registry.js';
import { terminalWidth, type CliIo } from './io.js';
import { describeCommand, findCommand, formatCommanderError, HELP_LAYOUT } from './usage.js';

declare const __HARM_VERSION__: string;
export const VERSION: string = typeof __HARM_VERSION__ === 'string' ? __HARM_VERSION__ : '0.0.0-dev';

/** The names of a union type as a list; the compiler rejects a list that misses one or adds one. */
function listNames<T extends string>() {
  return <const L extends readonly T[]>(...names: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> })) => names;
}

// Each registry owns its format names. Only their types are imported here: importing a
// registry loads every reporter of its command (a 133 KB chunk), which start-up must not.
export const CHECK_FORMATS = listNames<CheckFormat>()('stylish', 'json', 'junit', 'sarif', 'github', 'markdown');
export const ASSESS_FORMATS = listNames<AssessFormat>()('table', 'json', 'markdown', 'yaml');
export const SCORE_FORMATS = listNames<ScoreFormat>()('table', 'json');
export const CATALOG_FORMATS = listNames<CatalogFormat>()('table', 'json');
const GATE_LEVELS = ['low', 'medium', 'high', 'critical', 'off'];

/** Options every document command shares; commander fills them in. */
export interface CommonOptions {
  catalog?: string[];
  config?: string;
  format?: string;
  output?: string;
  color?: boolean;
  today?: string;
  quiet?: boolean;
}

export interface CommandContext {
  io: CliIo;
  version: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function addCatalogOptions(cmd: Command): Command {
  return cmd
    .option('--catalog <file>', 'a catalog layer to merge over the configured ones (repeatable)', collect)
    .option('--config <file>', 'use this harm.config.yaml instead of searching for one');
}

function addOutputOptions(cmd: Command, formats: readonly string[], fallback: string): Command {
  return cmd
    .addOption(new Option('-f, --format <name>', 'output format').choices(formats).default(fallback))
    .option('-o, --output <file>', 'write the output to this file (replaced atomically)')
    .option('--no-color', 'never colour the output (also NO_COLOR)');
}

function addDocumentOptions(cmd: Command): Command {
  return cmd
    .option('--today <date>', 'treat this date (YYYY-MM-DD) as today')
    .option('-q, --quiet', 'report errors only');
}

function addGateOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--fail-on <level>', 'fail when a residual risk reaches this level (default high)').choices(GATE_LEVELS))
    .addOption(new Option('--fail-on-severity <level>', 'fail when a residual severity reaches this level (default critical)').choices(GATE_LEVELS));
}

/**
 * Parses argv and runs one command. Returns the exit code and never exits the
 * process: bin/harm.js is the only place that sets it.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const ctx: CommandContext = { io, version: VERSION };
  let exitCode = 0;
  const program = new Command('harm');
  program
    .description('Assess the potential harms of a product feature, recommend proportionate safeguards, and gate CI on the result.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .configureHelp(HELP_LAYOUT)
    .addHelpText('after', ({ error }) =>
      program
        .createHelp()
        .boxWrap(
          '\nExit codes: 0 no errors, 1 error findings (or too many warnings), 2 usage or setup problem, 130 interrupted.\nDocs: README.md, docs/catalog.md, docs/ci.md.',
          terminalWidth(error ? io.stderr : io.stdout),
        ),
    );

  const action =
    <A extends unknown[]>(load: () => Promise<(ctx: CommandContext, ...args: A) => Promise<number>>) =>
    async (...args: A) => {
      const fn = await load();
      exitCode = await fn(ctx, ...args);
    };

  addGateOptions(
    addDocumentOptions(
      addOutputOptions(addCatalogOptions(program.command('assess')), ASSESS_FORMATS, 'table')
        .description('validate, score and recommend safeguards for one assessment; print the report')
        .argument('<file>', 'the assessment file')
        .option('--explain', 'show how every number was computed'),
    ),
  ).action(action(async () => (await import('./commands/index.js')).assessCommand));

  addDocumentOptions(
    addOutputOptions(addCatalogOptions(program.command('validate')), CHECK_FORMATS, 'stylish')
      .description('check files against the document rules (shape, references, ids, dates)')
      .argument('<files...>', 'files or globs (assessments, catalogs or configs)')
      .option('--verbose', 'show info findings'),
  ).action(action(async () => (await import('./commands/validate.js')).validateCommand));

  addGateOptions(
    addDocumentOptions(
      addOutputOptions(addCatalogOptions(program.command('check')), CHECK_FORMATS, 'stylish')
        .description('the CI gate: run every rule over many assessments')
        .argument('[globs...]', 'files or globs (default: the config\'s include, else **/*.harm.yaml)')
        .option('--max-warnings <n>', 'fail when there are more warnings than this (-1: unlimited)')
        .option('--verbose', 'show info findings'),
    ),
  ).action(action(async () => (await import('./commands/check.js')).checkCommand));

  addCatalogOptions(program.command('init'))
    .description('answer a guided questionnaire and write a new assessment')
    .argument('[file]', 'the file to write (default <feature-id>.harm.yaml)')
    .option('--force', 'overwrite the file if it exists')
    .option('--today <date>', 'treat this date (YYYY-MM-DD) as today')
    .option('--no-color', 'never colour the output (also NO_COLOR)')
    .action(action(async () => (await import('./commands/init.js')).initCommand));

  addCatalogOptions(program.command('edit'))
    .description('walk through an existing assessment with every answer pre-filled')
    .argument('<file>', 'the assessment to edit')
    .option('--today <date>', 'treat this date (YYYY-MM-DD) as today')
    .option('--no-color', 'never colour the output (also NO_COLOR)')
    .action(action(async () => (await import('./commands/edit.js')).editCommand));

  const catalog = program.command('catalog').description('browse and check catalogs');
  addOutputOptions(addCatalogOptions(catalog.command('list')), CATALOG_FORMATS, 'table')
    .description('list the effective catalog\'s categories, populations and safeguards')
    .option('--mapping <slug>', 'list the clauses of one framework (e.g. nist-ai-rmf) and the safeguards that serve each')
    .action(action(async () => (await import('./commands/index.js')).catalogListCommand));
  addOutputOptions(addCatalogOptions(catalog.command('show')), CATALOG_FORMATS, 'table')
    .description('show one category, population, dimension or safeguard')
    .argument('<id>', 'the id to show')
    .action(action(async () => (await import('./commands/index.js')).catalogShowCommand));
  addOutputOptions(catalog.command('validate'), CHECK_FORMATS, 'stylish')
    .description('check a catalog file, with the catalogs it extends')
    .argument('<file>', 'the catalog file')
    .action(action(async () => (await import('./commands/index.js')).catalogValidateCommand));

  addOutputOptions(addCatalogOptions(program.command('score')), SCORE_FORMATS, 'table')
    .description('compute severity and risk from a vector, e.g. HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M')
    .argument('<vector>', 'the harm vector')
    .action(action(async () => (await import('./commands/index.js')).scoreCommand));

  addCatalogOptions(program.command('schema'))
    .description('print the JSON Schemas, or write them to a folder')
    .option('--out <dir>', 'write each schema to this folder')
    .argument('[name]', 'one schema: assessment, catalog, config, report or check-result')
    .action(action(async () => (await import('./commands/index.js')).schemaCommand));

  program
    .command('help')
    .description('show help for a command')
    .argument('[command...]', 'the command, e.g. catalog show')
    .action((names: string[]) => {
      findCommand(program, names).outputHelp();
    });

  inheritSettings(program, io);

  if (argv.length === 0) {
    // No command is a usage problem: say what there is, on stderr.
    io.stderr.write(program.helpInformation());
    return 2;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return handleError(error, io);
  }
}

/** Output, help width and error style for a command and every command under it. */
function inheritSettings(cmd: Command, io: CliIo): void {
  cmd
    .exitOverride()
    // One help command, `harm help [command...]`, which knows every command at every level.
    .helpCommand(false)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      getOutHelpWidth: () => terminalWidth(io.stdout),
      getErrHelpWidth: () => terminalWidth(io.stderr),
      outputError: (s, write) => write(formatCommanderError(s, describeCommand(cmd))),
    });
  for (const sub of cmd.commands) inheritSettings(sub, io);
}

/** The one place where a failure becomes an exit code. */
function handleError(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Help and version asked for are successful exits; help shown for a command
    // given without its subcommand is a usage problem. commander printed either.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    if (error.code === 'commander.help') return error.exitCode === 0 ? 0 : 2;
    return 2;
  }
  // Messages quote file names and ids: the user's text, made inert.
  if (error instanceof HarmError) {
    for (const f of error.findings) io.stderr.write(`${sanitizeTerminalLine(formatFindingLine(f))}\n`);
    io.stderr.write(`harm: ${sanitizeTerminalLine(error.message)}\n`);
    if (io.env.HARM_DEBUG === '1' && error.stack) io.stderr.write(`${sanitizeTerminal(error.stack)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`harm: unexpected failure: ${sanitizeTerminalLine(message)}\n`);
  if (io.env.HARM_DEBUG === '1' && error instanceof Error && error.stack) io.stderr.write(`${sanitizeTerminal(error.stack)}\n`);
  else io.stderr.write('harm: run with HARM_DEBUG=1 to see where it happened.\n');
  return 2;
}
