import type { ClauseUse } from '../core/mappings.js';
import type { ScoreDetail } from '../core/score.js';
import type { Catalog, CatalogCategory, CatalogSafeguard, Framework } from '../schema/catalog.js';
import type { Finding, Report, Score, Summary } from '../schema/output.js';

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

export interface CheckRun {
  files: FileResult[];
  summary: Summary & { files: number };
}

export type CheckReporter = (run: CheckRun, ctx: ReporterContext) => string;

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
