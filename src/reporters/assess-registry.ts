import type { ASSESS_FORMATS } from '../cli/run.js';
import { formatAssessJson } from './assess-json.js';
import { formatAssessMarkdown } from './assess-markdown.js';
import { formatAssessTable } from './assess-table.js';
import { formatAssessYaml } from './assess-yaml.js';
import { formatAssessHtml } from './html/assess.js';
import type { AssessReporter } from './types.js';

export type AssessFormat = (typeof ASSESS_FORMATS)[number];

/** One reporter per `harm assess --format`; a format without a reporter is a compile error. */
export const assessReporters: Record<AssessFormat, AssessReporter> = {
  table: formatAssessTable,
  json: formatAssessJson,
  markdown: formatAssessMarkdown,
  yaml: formatAssessYaml,
  html: formatAssessHtml,
};
