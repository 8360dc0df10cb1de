import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { describe, expect, it } from 'vitest';
import type { CheckRun } from '../../src/reporters/types.js';
import { buildCheckRun, buildCleanRun, buildContext, renderFormat } from '../fixtures/check-run.js';
import { expectGolden } from './check-golden.js';
import { TESTDATA } from '../helpers/testdata.js';

const XSD = readFileSync(resolve(TESTDATA, 'junit/junit-10.xsd'), 'utf8');

async function validateJunit(xml: string) {
  return validateXML({ xml: [{ fileName: 'report.xml', contents: xml }], schema: [{ fileName: 'junit-10.xsd', contents: XSD }] });
}

/** Messages with every character XML must escape or cannot carry at all. */
function buildHostileRun(): CheckRun {
  const file = 'odd & <dir>/"quoted" \'file\'.harm.yaml';
  return buildCheckRun([
    {
      file,
      uri: file,
      feature: null,
      findings: [
        {
          rule: 'schema',
          level: 'error',
          message: 'bad \u0000nul \u0007bell \u001bescape \uFFFE, lone \uD800 surrogate; ]]> <tag attr="v"> & \'quote\'\r\nnext\tline 😀',
          file,
          line: 1,
          column: 1,
        },
      ],
    },
  ]);
}

describe('formatJunit', () => {
  it('matches the golden file', () => {
    expectGolden('junit', renderFormat('junit', buildCheckRun(), buildContext()));
  });

  it('is valid against the Jenkins xUnit JUnit XSD', async () => {
    for (const run of [buildCheckRun(), buildCleanRun(), buildCheckRun([]), buildHostileRun()]) {
      for (const verbose of [false, true]) {
        const result = await validateJunit(renderFormat('junit', run, buildContext({ verbose })));
        expect(result.errors, result.rawOutput).toEqual([]);
        expect(result.valid).toBe(true);
      }
    }
  });

  it('is checked by a validator that does reject what the XSD forbids', async () => {
    const broken = renderFormat('junit', buildCheckRun(), buildContext()).replace(' tests="5"', '');
    expect((await validateJunit(broken)).valid).toBe(false);
  });

  it('has one suite per file, a failure per error only, and a passing case for a clean file', () => {
    const xml = renderFormat('junit', buildCheckRun(), buildContext());
    expect(xml).toContain('<testsuites name="harm" tests="9" failures="5" errors="0" time="0">');
    expect(xml.match(/<testsuite /g)).toHaveLength(4);
    expect(xml.match(/<failure type="error"/g)).toHaveLength(5);
    expect(xml).not.toContain('<failure type="warning"');
    expect(xml).toContain('<testsuite name="features/agent tools.harm.yaml" tests="2" failures="0"');
    expect(xml).toContain('<testcase classname="features/chat-memory.harm.yaml" name="no problems" time="0"/>');
    expect(xml).toContain('<property name="feature" value="computer-use"/>');
    expect(xml).not.toContain('recommended-safeguard');
  });

  it('passes warnings, as the exit code does, with their text in system-out', () => {
    const xml = renderFormat('junit', buildCheckRun(), buildContext());
    expect(xml).toContain(
      '<testcase classname="features/agent tools.harm.yaml" name="safeguard-overdue at 31:14" time="0">\n      <system-out>warning safeguard-overdue at features/agent tools.harm.yaml:31:14\n',
    );
    const warningsOnly = buildCheckRun([buildCheckRun().files[2]!]);
    expect(renderFormat('junit', warningsOnly, buildContext())).not.toContain('<failure');
  });

  it('fails one test when warnings exceed the limit, so that the report fails exactly when the run does', async () => {
    const run = { ...buildCheckRun([buildCheckRun().files[2]!]), warningsExceeded: '2 warnings exceed --max-warnings 1.' };
    const xml = renderFormat('junit', run, buildContext());
    expect(xml).toContain('<testsuites name="harm" tests="3" failures="1" errors="0" time="0">');
    expect(xml).toContain(
      '  <testsuite name="harm" tests="1" failures="1" errors="0" skipped="0" time="0">\n    <testcase classname="harm" name="warnings within the limit" time="0">\n      <failure type="max-warnings" message="2 warnings exceed --max-warnings 1.">2 warnings exceed --max-warnings 1.</failure>',
    );
    const result = await validateJunit(xml);
    expect(result.errors, result.rawOutput).toEqual([]);
  });

  it('adds infos as passing cases with their text in system-out only with --verbose', () => {
    const xml = renderFormat('junit', buildCheckRun(), buildContext({ verbose: true }));
    expect(xml).toContain('<testsuites name="harm" tests="11" failures="5" errors="0" time="0">');
    expect(xml).toContain('<system-out>info recommended-safeguard at features/agent tools.harm.yaml:24:9\n');
  });

  it('escapes markup, shows controls as visible escapes and replaces what XML 1.0 cannot hold', () => {
    const xml = renderFormat('junit', buildHostileRun(), buildContext());
    expect(xml).toContain('name="odd &amp; &lt;dir&gt;/&quot;quoted&quot; &apos;file&apos;.harm.yaml"');
    expect(xml).toContain(
      'message="bad \\u0000nul \\u0007bell \\u001Bescape \uFFFD, lone \uFFFD surrogate; ]]&gt; &lt;tag attr=&quot;v&quot;&gt; &amp; &apos;quote&apos;&#10;next&#9;line 😀"',
    );
    expect(xml).toContain('bad \\u0000nul \\u0007bell \\u001Bescape \uFFFD, lone \uFFFD surrogate; ]]&gt; &lt;tag attr=&quot;v&quot;&gt; &amp; &apos;quote&apos;\nnext\tline 😀');
  });
});
