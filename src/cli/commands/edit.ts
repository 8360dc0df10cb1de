import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { HarmError, InterruptedError, UsageError } from '../../core/errors.js';
import { readSourceBytes } from '../../io/read-source.js';
import { applyAssessmentChanges, decodeSource } from '../../io/yaml/index.js';
import { loadEffectiveCatalog } from '../../io/catalog-loader.js';
import { checkAssessmentText } from '../../io/load-assessment.js';
import { createTerminalAsker, isPromptExit, type Asker } from '../../prompts/ask.js';
import { runQuestionnaire } from '../../prompts/questionnaire.js';
import { createStyle } from '../../prompts/terminal-text.js';
import { sanitizeTerminal } from '../../reporters/sanitize.js';
import type { Finding } from '../../schema/output.js';
import { useColor } from '../io.js';
import type { CommandContext } from '../run.js';
import { resolveToday } from '../shared.js';
import { refuse, requireTerminal, writeOrExplain } from './init.js';

export interface EditOptions {
  catalog?: string[];
  config?: string;
  today?: string;
  /** false with --no-color. */
  color?: boolean;
}

/** `harm edit <file>`: the questionnaire over an existing assessment, answers pre-filled. */
export async function editCommand(ctx: CommandContext, file: string, options: EditOptions): Promise<number> {
  requireTerminal(ctx, 'edit');
  return editAssessment(ctx, file, options, createTerminalAsker());
}

/**
 * Walks the questionnaire with the file's answers as defaults and writes only
 * what changed (see applyAssessmentChanges). Exit codes: 0 when saved, unchanged
 * or not confirmed; 1 when the changes would add error findings (printed, nothing
 * written); 2 when the file cannot be edited (missing, or too broken to read);
 * 130 (InterruptedError) on Ctrl-C.
 */
export async function editAssessment(ctx: CommandContext, file: string, options: EditOptions, asker: Asker): Promise<number> {
  const { io } = ctx;
  requireTerminal(ctx, 'edit');
  const today = resolveToday(ctx, options.today);
  const path = resolve(io.cwd, file);
  if (!existsSync(path)) throw new UsageError(`The file ${file} does not exist; harm init ${file} writes a new one.`);
  if (statSync(path).isDirectory()) throw new UsageError(`${file} is a folder; harm edit takes one assessment file.`);
  const text = readSourceText(path, file);
  const catalog = loadEffectiveCatalog({ cwd: io.cwd, catalogs: options.catalog ?? [], ...(options.config ? { config: options.config } : {}) });
  const original = checkAssessmentText(text, file, catalog, { today });
  if (!original.assessment) {
    throw new HarmError(
      `${file} cannot be edited until the errors above are fixed (harm validate ${file} lists them).`,
      2,
      original.findings.filter((f) => f.level === 'error'),
    );
  }
  // The diff quotes the file's own lines: shown inert, like the questions.
  const say = (s: string) => io.stdout.write(sanitizeTerminal(s));
  const unchanged = () => {
    say(`No changes: ${file} was left as it was.\n`);
    return 0;
  };

  try {
    const result = await runQuestionnaire({
      asker,
      write: (s) => io.stdout.write(s),
      catalog,
      today,
      file,
      existing: original.assessment,
      style: createStyle(useColor(io, options.color)),
      width: io.stdout.columns ?? 80,
    });
    if (!result || isDeepStrictEqual(result.assessment, original.assessment)) return unchanged();
    const updated = applyAssessmentChanges(text, result.assessment, result.harmOrigins);
    if (updated === text) return unchanged();

    // Problems the file already had (an expired waiver, say) do not block saving other changes.
    const known = new Set(original.findings.map(findingKey));
    const added = checkAssessmentText(updated, file, catalog, { today }).findings.filter((f) => f.level === 'error' && !known.has(findingKey(f)));
    if (added.length > 0) return refuse(ctx, file, added);

    say(`\nChanges to ${file}:\n${formatDiff(diffLines(text, updated))}\n\n`);
    if (!(await asker.confirm({ name: 'write', message: `Save the changes to ${file}?`, default: true }))) {
      say('Nothing was written.\n');
      return 0;
    }
    if (readSourceText(path, file) !== text) throw new UsageError(`${file} changed on disk while the questions were being answered; nothing was written.`);
    writeOrExplain(path, file, updated, false);
    say(`Saved ${file}.\n`);
    return 0;
  } catch (error) {
    if (isPromptExit(error)) throw new InterruptedError();
    throw error;
  }
}

function findingKey(f: Finding): string {
  return `${f.rule}\u0000${f.message}`;
}

/**
 * The lines that differ, `-` for removed and `+` for added, in file order: a
 * longest-common-subsequence diff of the part between the common start and end.
 */
export function diffLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  // Past this size a whole-block answer is good enough for a summary.
  if (x.length * y.length > 1_000_000) return [...x.map((l) => `- ${l}`), ...y.map((l) => `+ ${l}`)];
  const lcs: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      i++;
      j++;
    } else if (j >= y.length || (i < x.length && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) out.push(`- ${x[i++]}`);
    else out.push(`+ ${y[j++]}`);
  }
  return out;
}

const SHOWN_DIFF_LINES = 12;

function formatDiff(lines: readonly string[]): string {
  const shown = lines.slice(0, SHOWN_DIFF_LINES).map((l) => `  ${l}`);
  if (lines.length > SHOWN_DIFF_LINES) shown.push(`  … and ${lines.length - SHOWN_DIFF_LINES} more changed lines`);
  return shown.join('\n');
}

/** The file's text, read as every harm file is (a regular file of UTF-8 text, at most 1 MiB); anything else cannot be edited. */
function readSourceText(path: string, file: string): string {
  const source = readSourceBytes(path);
  const decoded = 'bytes' in source ? decodeSource(source.bytes, file) : { finding: source.problem };
  if ('finding' in decoded) throw new UsageError(`${file} cannot be edited. ${decoded.finding.message}`);
  return decoded.text;
}
