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

/** `harm assess` output: the report plus the plain-text explanation when --explain was given. */
export interface AssessOutput {
  report: Report;
  /** Catalog details the table shows next to ids. */
  catalog: {
    categories: Record<string, string>;
    dimensions: Record<string, string>;
  };
  explanation?: string;
}

export type AssessReporter = (output: AssessOutput, ctx: ReporterContext) => string;
