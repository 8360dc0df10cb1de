import type { Diff, Report } from '../../schema/output.js';
import type { CatalogNames } from '../catalog-names.js';
import type { ReporterContext } from '../types.js';

/** `harm diff`: the comparison, and both reports for what the comparison names only by id. */
export interface DiffOutput {
  diff: Diff;
  old: Report;
  new: Report;
  /** The new side's catalog names. */
  names: CatalogNames;
}

export type DiffReporter = (output: DiffOutput, ctx: ReporterContext) => string;
