import type { Finding } from '../schema/output.js';
import { RULES } from '../schema/rules.js';
import { escapeXmlAttribute, escapeXmlText } from './sanitize.js';
import { selectVisibleFindings } from './text.js';
import type { CheckRunInfo, CheckStream, FileResult, ReporterContext, RunEnd } from './types.js';

const JUNIT_PROLOG = '<?xml version="1.0" encoding="UTF-8"?>';

function renderAttributes(attrs: Record<string, string | number>): string {
  return Object.entries(attrs)
    .map(([name, value]) => ` ${name}="${escapeXmlAttribute(String(value))}"`)
    .join('');
}

function describeFinding(f: Finding): string {
  const lines = [`${f.level} ${f.rule} at ${f.file}:${f.line}:${f.column}`, f.message];
  if (f.harm !== undefined) lines.push(`Harm: ${f.harm}`);
  lines.push(`Help: ${RULES[f.rule].help}`);
  return lines.join('\n');
}

/**
 * Only errors are failures, as only they fail the run (with the warning limit,
 * below): a CI server then shows red tests exactly when the job is red. Warnings
 * and infos pass, with their text in system-out.
 */
function renderTestcase(file: FileResult, f: Finding): string {
  const attrs = renderAttributes({ classname: file.file, name: `${f.rule} at ${f.line}:${f.column}`, time: '0' });
  const body = escapeXmlText(describeFinding(f));
  if (f.level !== 'error') return `    <testcase${attrs}>\n      <system-out>${body}</system-out>\n    </testcase>`;
  const failure = renderAttributes({ type: f.level, message: f.message });
  return `    <testcase${attrs}>\n      <failure${failure}>${body}</failure>\n    </testcase>`;
}

interface Suite {
  xml: string;
  tests: number;
  failures: number;
}

function renderTestsuite(name: string, cases: readonly string[], failures: number, extra: { file?: string; feature?: string | null } = {}): Suite {
  const attrs = renderAttributes({
    name,
    tests: cases.length,
    failures,
    errors: 0,
    skipped: 0,
    time: '0',
    ...(extra.file === undefined ? {} : { file: extra.file }),
  });
  const properties =
    extra.feature === undefined || extra.feature === null
      ? []
      : ['    <properties>', `      <property${renderAttributes({ name: 'feature', value: extra.feature })}/>`, '    </properties>'];
  return { xml: [`  <testsuite${attrs}>`, ...properties, ...cases, '  </testsuite>'].join('\n'), tests: cases.length, failures };
}

/** One testsuite per file, one testcase per finding shown; a clean file is one passing test, so every file checked is listed. */
export function renderFileSuite(file: FileResult, verbose: boolean): Suite {
  const findings = selectVisibleFindings(file.findings, verbose);
  const cases = findings.map((f) => renderTestcase(file, f));
  if (cases.length === 0) cases.push(`    <testcase${renderAttributes({ classname: file.file, name: 'no problems', time: '0' })}/>`);
  const failures = findings.filter((f) => f.level === 'error').length;
  return renderTestsuite(file.file, cases, failures, { file: file.file, feature: file.feature });
}

/** When warnings alone fail the run, one failing test says so, so that the report fails as the exit code does. */
export function renderWarningLimitSuite(message: string): Suite {
  const testcase = `    <testcase${renderAttributes({ classname: 'harm', name: 'warnings within the limit', time: '0' })}>\n      <failure${renderAttributes({ type: 'max-warnings', message })}>${escapeXmlText(message)}</failure>\n    </testcase>`;
  return renderTestsuite('harm', [testcase], 1);
}

export function renderTestsuitesOpen(tests: number, failures: number): string {
  return `${JUNIT_PROLOG}\n<testsuites${renderAttributes({ name: 'harm', tests, failures, errors: 0, time: '0' })}>`;
}

/**
 * JUnit XML as Jenkins' xUnit plugin reads it (junit-10.xsd). The root element
 * counts every test, so the suites are held back (by the command) until the end.
 */
export function streamJunit(_info: CheckRunInfo, ctx: ReporterContext): CheckStream {
  let tests = 0;
  let failures = 0;
  return {
    head: undefined,
    file: (file) => {
      const suite = renderFileSuite(file, ctx.verbose);
      tests += suite.tests;
      failures += suite.failures;
      return `\n${suite.xml}`;
    },
    finish: (end: RunEnd) => {
      const limit = end.warningsExceeded === undefined ? undefined : renderWarningLimitSuite(end.warningsExceeded);
      const head = renderTestsuitesOpen(tests + (limit?.tests ?? 0), failures + (limit?.failures ?? 0));
      return { head, tail: `${limit ? `\n${limit.xml}` : ''}\n</testsuites>\n` };
    },
  };
}
