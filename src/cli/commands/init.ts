import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InterruptedError, UsageError } from '../../core/errors.js';
import { formatFindingLine } from '../../core/findings.js';
import { renderAssessment } from '../../io/yaml/index.js';
import { loadEffectiveCatalog } from '../../io/catalog-loader.js';
import { checkAssessmentText } from '../../io/load-assessment.js';
import { schemaPathFor } from '../../io/schema-modeline.js';
import { writeFileAtomic } from '../../io/write-atomic.js';
import { createTerminalAsker, isPromptExit, type Asker } from '../../prompts/ask.js';
import { runQuestionnaire } from '../../prompts/questionnaire.js';
import { createStyle } from '../../prompts/terminal-text.js';
import { sanitizeTerminal } from '../../reporters/sanitize.js';
import type { Catalog } from '../../schema/catalog.js';
import type { Finding } from '../../schema/output.js';
import { useColor } from '../io.js';
import type { CommandContext } from '../run.js';
import { resolveToday } from '../shared.js';

export interface InitOptions {
  catalog?: string[];
  config?: string;
  force?: boolean;
  today?: string;
  /** false with --no-color. */
  color?: boolean;
}

/** `harm init [file]`: the guided questionnaire over the terminal. */
export async function initCommand(ctx: CommandContext, file: string | undefined, options: InitOptions): Promise<number> {
  requireTerminal(ctx, 'init');
  return initAssessment(ctx, file, options, createTerminalAsker());
}

/**
 * Walks the questionnaire and writes a new assessment. Exit codes: 0 when the file
 * was written, and also when the user declined to replace an existing file or to
 * write at the end (a deliberate "no" is not a failure; the message says nothing
 * was written); 1 when the answers would make a file with error findings (they are
 * printed, nothing is written); 2 for usage problems; 130 (InterruptedError) on Ctrl-C.
 */
export async function initAssessment(ctx: CommandContext, file: string | undefined, options: InitOptions, asker: Asker): Promise<number> {
  const { io } = ctx;
  requireTerminal(ctx, 'init');
  const today = resolveToday(ctx, options.today);
  if (file !== undefined) checkTarget(resolve(io.cwd, file), file);
  const catalog = loadEffectiveCatalog({ cwd: io.cwd, catalogs: options.catalog ?? [], ...(options.config ? { config: options.config } : {}) });
  // File names come from the command line or the answers: shown inert, like every other text quoted back.
  const say = (text: string) => io.stdout.write(sanitizeTerminal(text));
  const style = createStyle(useColor(io, options.color));

  let shown = file;
  let target = file === undefined ? undefined : resolve(io.cwd, file);
  // Whether the user agreed to replace an existing file (or --force): otherwise the write refuses to replace one.
  let replace = Boolean(options.force);
  const mayWrite = async (path: string, name: string): Promise<boolean> => {
    checkTarget(path, name);
    if (!existsSync(path) || options.force) return true;
    replace = await asker.confirm({ name: 'overwrite', message: `${name} already exists. Replace it with a new assessment?`, default: false });
    return replace;
  };
  const declined = (name: string) => {
    say(`Nothing was written: ${name} already exists. To change it, run harm edit ${name}.\n`);
    return 0;
  };

  try {
    if (target && shown && !(await mayWrite(target, shown))) return declined(shown);
    const result = await runQuestionnaire({
      asker,
      write: (text) => io.stdout.write(text),
      catalog,
      today,
      file: shown ?? 'new.harm.yaml',
      style,
      width: io.stdout.columns ?? 80,
      ...(target
        ? {}
        : {
            onFeatureId: async (id: string) => {
              shown = `${id}.harm.yaml`;
              target = resolve(io.cwd, shown);
              return mayWrite(target, shown);
            },
          }),
    });
    if (!result || !target || !shown) return declined(shown ?? 'the file');

    const text = renderAssessment(result.assessment, { schemaPath: schemaPathFor(target) });
    const errors = errorFindings(text, shown, catalog, today);
    if (errors.length > 0) return refuse(ctx, shown, errors);

    say('\n');
    if (!(await asker.confirm({ name: 'write', message: `Write ${shown}?`, default: true }))) {
      say('Nothing was written.\n');
      return 0;
    }
    writeOrExplain(target, shown, text, !replace);
    say(`Wrote ${shown}.\nIts report: harm assess ${shown}\n`);
    return 0;
  } catch (error) {
    if (isPromptExit(error)) throw new InterruptedError();
    throw error;
  }
}

/** Checked before any file is read or written: the questionnaire needs a person at a terminal. */
export function requireTerminal(ctx: CommandContext, command: 'init' | 'edit'): void {
  if (ctx.io.stdinIsTTY) return;
  throw new UsageError(
    command === 'init'
      ? 'harm init needs an interactive terminal; write the file by hand from examples/ and check it with `harm validate`.'
      : 'harm edit needs an interactive terminal; edit the file in a text editor and check it with `harm validate`.',
  );
}

function checkTarget(path: string, name: string): void {
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`${name} is a folder; name the assessment file to write.`);
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`The folder ${dirname(name)} does not exist; create it first or name another file.`);
}

/** The document rules over the text about to be written, at error level. */
export function errorFindings(text: string, file: string, catalog: Catalog, today: string): Finding[] {
  return checkAssessmentText(text, file, catalog, { today }).findings.filter((f) => f.level === 'error');
}

/** Prints the findings that stop a write; 1 like any run with error findings. */
export function refuse(ctx: CommandContext, file: string, findings: readonly Finding[]): number {
  for (const f of findings) ctx.io.stderr.write(`${formatFindingLine(f)}\n`);
  ctx.io.stderr.write(`harm: ${file} was not written: the answers give the errors above.\n`);
  return 1;
}

export function writeOrExplain(path: string, name: string, text: string, exclusive: boolean): void {
  try {
    writeFileAtomic(path, text, { exclusive });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError(`${name} appeared while the questions were being answered; nothing was written.`);
    throw new UsageError(`Could not write ${name}: ${code ?? (error as Error).message}.`);
  }
}
