import { API_VERSION } from '../schema/common.js';
import { publicFinding } from '../core/findings.js';
import type { CheckResult } from '../schema/output.js';
import { splitJsonArray } from './json-stream.js';
import { escapeQuotedActing } from './sanitize.js';
import type { CheckRunInfo, CheckStream, FileResult, ReporterContext, RunSummary } from './types.js';


export function toJsonFile(file: FileResult): CheckResult['files'][number] {
  return { file: file.file, feature: file.feature, findings: file.findings.map(publicFinding) };
}

/**
 * The CheckResult document, built in this one place, with `files` empty: the
 * stream writes the files into it one by one (SPEC §7).
 */
export function buildCheckResultEnvelope(info: CheckRunInfo, summary: RunSummary): CheckResult {
  const { files, errors, warnings, infos } = summary;
  return {
    apiVersion: API_VERSION,
    kind: 'CheckResult',
    tool: { name: 'harm', version: info.version },
    framework: info.framework,
    config: info.config,
    files: [],
    summary: { files, errors, warnings, infos },
  };
}

const NO_SUMMARY: RunSummary = { files: 0, errors: 0, warnings: 0, infos: 0 };

/**
 * SPEC §7 CheckResult: every file and every level, info included, whatever --verbose says.
 * Like the assess JSON, characters that would act on a terminal are written as `\uXXXX`.
 */
export function streamCheckJson(info: CheckRunInfo, _ctx: ReporterContext): CheckStream {
  const parts = splitJsonArray(buildCheckResultEnvelope(info, NO_SUMMARY), ['files']);
  let count = 0;
  return {
    head: escapeQuotedActing(parts.head),
    file: (result) => escapeQuotedActing(parts.item(toJsonFile(result), count++)),
    // Only what follows `files` changes with the summary.
    finish: (end) => ({ tail: `${splitJsonArray(buildCheckResultEnvelope(info, end.summary), ['files']).tail(count)}\n` }),
  };
}
