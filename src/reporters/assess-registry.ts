import { formatAssessJson } from './assess-json.js';
import { formatAssessMarkdown } from './assess-markdown.js';
import { formatAssessTable } from './assess-table/index.js';
import { formatAssessYaml } from './assess-yaml.js';
import type { AssessReporter } from './types.js';

/** The names of `harm assess --format`; the CLI offers exactly these. */
export type AssessFormat = 'table' | 'json' | 'markdown' | 'yaml';

/** One reporter per format; a format without a reporter is a compile error. */
export const assessReporters: Record<AssessFormat, AssessReporter> = {
  table: formatAssessTable,
  json: formatAssessJson,
  markdown: formatAssessMarkdown,
  yaml: formatAssessYaml,
};
