import type { Finding } from '../schema/output.js';
import { RULES } from '../schema/rules.js';
import { escapeXmlAttribute, escapeXmlText } from './sanitize.js';
import { selectVisibleFindings } from './text.js';
import type { CheckRun, FileResult, ReporterContext } from './types.js';

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
 * Errors and warnings are failures (typed, as ESLint does), so Jenkins lists them
 * with their message; infos pass and carry their text in system-out.
 */
function renderTestcase(file: FileResult, f: Finding): string {
  const attrs = renderAttributes({ classname: file.file, name: `${f.rule} at ${f.line}:${f.column}`, time: '0' });
  const body = escapeXmlText(describeFinding(f));
  if (f.level === 'info') return `    <testcase${attrs}>\n      <system-out>${body}</system-out>\n    </testcase>`;
  const failure = renderAttributes({ type: f.level, message: f.message });
  return `    <testcase${attrs}>\n      <failure${failure}>${body}</failure>\n    </testcase>`;
}

function renderTestsuite(file: FileResult, findings: readonly Finding[]): { xml: string; tests: number; failures: number } {
  const failures = findings.filter((f) => f.level !== 'info').length;
  const cases = findings.map((f) => renderTestcase(file, f));
  // A clean file still shows up as one passing test, so the report lists every file checked.
  if (cases.length === 0) cases.push(`    <testcase${renderAttributes({ classname: file.file, name: 'no problems', time: '0' })}/>`);
  const attrs = renderAttributes({
    name: file.file,
    tests: cases.length,
    failures,
    errors: 0,
    skipped: 0,
    time: '0',
    file: file.file,
  });
  const properties =
    file.feature === null
      ? []
      : ['    <properties>', `      <property${renderAttributes({ name: 'feature', value: file.feature })}/>`, '    </properties>'];
  return { xml: [`  <testsuite${attrs}>`, ...properties, ...cases, '  </testsuite>'].join('\n'), tests: cases.length, failures };
}

/** JUnit XML as Jenkins' xUnit plugin reads it (junit-10.xsd): one testsuite per file, one testcase per finding. */
export function formatJunit(run: CheckRun, ctx: ReporterContext): string {
  const suites = run.files.map((file) => renderTestsuite(file, selectVisibleFindings(file.findings, ctx.verbose)));
  const tests = suites.reduce((n, s) => n + s.tests, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  const root = renderAttributes({ name: 'harm', tests, failures, errors: 0, time: '0' });
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${root}>`, ...suites.map((s) => s.xml), '</testsuites>', ''].join('\n');
}
