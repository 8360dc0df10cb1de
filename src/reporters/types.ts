import type { ClauseUse } from '../core/mappings.js';
import type { ScoreDetail } from '../core/score.js';
import type { Catalog, CatalogCategory, CatalogSafeguard, Framework } from '../schema/catalog.js';
import type { RepositoryInfo } from '../io/git-provenance.js';
import type { Finding, FrameworkRef, Report, Score, Summary } from '../schema/output.js';

export interface ReporterContext {
  /** Colour the output (ANSI); reporters never decide this themselves. */
  color: boolean;
  /** The working directory, for messages; reporters never read process state. */
  cwd: string;
  version: string;
  /** Show info findings (text formats leave them out otherwise). */
  verbose: boolean;
  /** Terminal width for text layouts. */
  width: number;
}

/** One file of a `check` or `validate` run, with what the reports need and nothing more. */
export interface FileResult {
  /** As the user named it, or relative to the working directory when a glob found it. */
  file: string;
  /** Relative to the repository root (or the config's folder outside a repository), '/'-separated: SARIF's URI. */
  uri: string;
  feature: string | null;
  findings: Finding[];
  /** Present when the file was scored (check): the feature's name, stage, overall residual score and each harm's residual risk. */
  scored?: {
    name: string;
    stage: string;
    residual: Score;
    harmRisk: Record<string, number>;
  };
}

export type RunSummary = Summary & { files: number };

/** What a `check`, `validate` or `catalog validate` run knows before its first file. */
export interface CheckRunInfo {
  /** The version of harm that ran. */
  version: string;
  /** The framework the files were judged with (SPEC §7), or null when the catalog itself is what failed. */
  framework: FrameworkRef | null;
  /** The config in use, shown as the user would name it, or null (SPEC §4). */
  config: string | null;
  /** The command, for SARIF's automation id. */
  command: 'check' | 'validate' | 'catalog validate';
  /** The git checkout that the URIs are relative to, when there is one with a remote. */
  repository?: RepositoryInfo;
}

/** What a run knows once every file is checked. */
export interface RunEnd {
  summary: RunSummary;
  /** When warnings alone fail the run: the sentence saying so (e.g. "3 warnings exceed --max-warnings 2."). */
  warningsExceeded?: string;
}

/** A whole run in memory: what the streamed reports see file by file. */
export interface CheckRun extends RunEnd {
  info: CheckRunInfo;
  files: FileResult[];
}

/**
 * One report, written as the files are checked: each file's text as soon as the
 * file is done, in path order, then what comes after. Reporters stay pure: the
 * stream keeps only what its header and footer need (counts, a few rows) and
 * the command does the writing.
 */
export interface CheckStream {
  /** The text before the files, or undefined when it depends on them (then `finish` gives it). */
  readonly head: string | undefined;
  file(result: FileResult): string;
  finish(end: RunEnd): { head?: string; tail: string };
}

export type CheckReporter = (info: CheckRunInfo, ctx: ReporterContext) => CheckStream;

/** A waiver as the reports name it: which harm and safeguard, and its last day. */
export interface WaiverNote {
  harm: string;
  safeguard: string;
  expires: string;
}

/** `harm assess` output: the report plus the plain-text explanation when --explain was given. */
export interface AssessOutput {
  report: Report;
  /**
   * Catalog names the text reports show next to ids. Maps, because ids are user
   * text: an id such as "constructor" must find nothing, not an Object method.
   */
  catalog: {
    categories: ReadonlyMap<string, string>;
    dimensions: ReadonlyMap<string, string>;
  };
  /** The assessment's waivers, so that a waived safeguard can say until when. */
  waivers?: readonly WaiverNote[];
  explanation?: string;
}

export type AssessReporter = (output: AssessOutput, ctx: ReporterContext) => string;

/** One entry of the effective catalog, found by `harm catalog show <id>`. */
export type CatalogEntry =
  | { type: 'safeguard'; id: string; entry: CatalogSafeguard }
  | { type: 'category'; id: string; entry: CatalogCategory }
  | { type: 'population'; id: string; entry: Framework['populations'][number] }
  | { type: 'dimension'; id: string; entry: Framework['dimensions'][number] };

/** `harm catalog list --mapping <slug>`: the clauses of one framework the catalog maps to. */
export interface CatalogMapping {
  catalog: Catalog;
  slug: string;
  clauses: readonly ClauseUse[];
}

export type CatalogListReporter = (catalog: Catalog, ctx: ReporterContext) => string;
export type CatalogEntryReporter = (entry: CatalogEntry, ctx: ReporterContext) => string;
export type CatalogMappingReporter = (mapping: CatalogMapping, ctx: ReporterContext) => string;

/** `harm score`: a vector's numbers, and the framework that gave them. */
export interface ScoreOutput {
  detail: ScoreDetail;
  framework: Framework;
}

export type ScoreReporter = (output: ScoreOutput, ctx: ReporterContext) => string;
