import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { validateXML } from 'xmllint-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingTemplates, writeAssessments } from '../../scripts/generate-assessments.mjs';
import { makeTempDir } from '../helpers/files.js';
import { TESTDATA } from '../helpers/testdata.js';

const PACKAGE = process.cwd();
const BIN = join(PACKAGE, 'bin', 'harm.js');
const BUILT = existsSync(join(PACKAGE, 'dist', 'main.js')) && existsSync(join(PACKAGE, 'dist', 'check-worker.js'));
const FILES = 2000;
/** The generated files' dates are set against this day (scripts/generate-assessments.mjs). */
const TODAY = '2026-01-01';

const validateCheckResult = (() => {
  const ajv = new Ajv.default({ strict: false });
  ajvFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(PACKAGE, 'schemas', 'check-result.schema.json'), 'utf8')));
})();
const validateSarif = (() => {
  const ajv = new AjvDraft04.default({ strict: false });
  ajvFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(resolve(TESTDATA, 'sarif/sarif-schema-2.1.0.json'), 'utf8')));
})();
const JUNIT_XSD = readFileSync(resolve(TESTDATA, 'junit/junit-10.xsd'), 'utf8');

interface Finding {
  rule: string;
  level: 'error' | 'warning' | 'info';
  file: string;
}
interface CheckJson {
  files: { file: string; findings: Finding[] }[];
  summary: { files: number; errors: number; warnings: number; infos: number };
}

let dir: string;
let reference: CheckJson;
const harm = (format: string) => {
  const r = spawnSync(process.execPath, [BIN, 'check', '--format', format, '--today', TODAY], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { PATH: process.env.PATH ?? '', HARM_THREADS: '0' },
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(1);
  return r.stdout;
};
const count = (level: Finding['level']) => reference.files.reduce((n, f) => n + f.findings.filter((x) => x.level === level).length, 0);

describe.skipIf(!BUILT)(`harm check over ${FILES} generated assessments with about 44 findings each`, () => {
  beforeAll(() => {
    dir = makeTempDir('harm-large-');
    writeAssessments(dir, FILES, findingTemplates());
    reference = JSON.parse(harm('json')) as CheckJson;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes JSON that the committed schema accepts, every file in path order, with its counts', () => {
    expect(validateCheckResult(reference), JSON.stringify(validateCheckResult.errors?.slice(0, 3))).toBe(true);
    const names = reference.files.map((f) => f.file);
    expect(names).toHaveLength(FILES);
    expect([...names].sort()).toEqual(names);
    expect(reference.summary).toEqual({ files: FILES, errors: count('error'), warnings: count('warning'), infos: count('info') });
    expect(reference.summary.infos + reference.summary.warnings + reference.summary.errors).toBeGreaterThan(FILES * 40);
  });

  it('writes SARIF (held back on disk while the rules are not known) that the SARIF schema accepts, one result per error and warning', () => {
    const log = JSON.parse(harm('sarif'));
    expect(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 3))).toBe(true);
    const results = log.runs[0].results as { ruleId: string; ruleIndex: number; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    expect(results).toHaveLength(reference.summary.errors + reference.summary.warnings);
    const rules = log.runs[0].tool.driver.rules as { id: string }[];
    for (const r of results) expect(rules[r.ruleIndex]!.id).toBe(r.ruleId);
    expect(results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(reference.files[0]!.file);
  });

  it('writes JUnit XML valid against the JUnit XSD: one suite per file, a failure per error', async () => {
    const xml = harm('junit');
    // 256 MiB for the validator's memory: the default 16 MiB holds a report of a few hundred files.
    const result = await validateXML({ xml: [{ fileName: 'harm.xml', contents: xml }], schema: [{ fileName: 'junit-10.xsd', contents: JUNIT_XSD }], initialMemoryPages: 4096, maxMemoryPages: 4096 });
    expect(result.errors.slice(0, 3)).toEqual([]);
    expect(xml.match(/<testsuite /g)).toHaveLength(FILES);
    expect(xml.match(/<failure /g)).toHaveLength(reference.summary.errors);
    expect(xml).toContain(`<testsuites name="harm" tests="${reference.summary.errors + reference.summary.warnings}" failures="${reference.summary.errors}"`);
  });

  it('writes stylish groups for every file with problems and the summary of the JSON', () => {
    const text = harm('stylish');
    const { errors, warnings, infos } = reference.summary;
    expect(text.endsWith(`✖ ${errors + warnings} problems (${errors} errors, ${warnings} warnings), ${FILES} files checked\n  ${infos} infos not shown, use --verbose to see them\n`)).toBe(true);
    const rows = text.split('\n').filter((l) => /^ +\d+:\d+ +(error|warning) /.test(l));
    expect(rows).toHaveLength(errors + warnings);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('writes one GitHub annotation per error and warning, then the summary', () => {
    const lines = harm('github').trimEnd().split('\n');
    const annotations = lines.slice(0, -1);
    expect(annotations).toHaveLength(reference.summary.errors + reference.summary.warnings);
    for (const line of annotations) expect(line).toMatch(/^::(error|warning) file=team-\d+\/feature-\d+\.harm\.yaml,line=\d+,col=\d+,title=[a-z-]+::./);
    expect(lines.at(-1)).toMatch(/^harm: \d+ problems/);
  });

  it('writes Markdown whose tables stop at 100 rows and count the rest', () => {
    const md = harm('markdown');
    const { errors, warnings } = reference.summary;
    expect(md.startsWith(`## harm results\n\n**✖ ${errors + warnings} problems (${errors} errors, ${warnings} warnings), ${FILES} files checked.**\n`)).toBe(true);
    expect(md).toContain(`…and ${FILES - 100} more features at lower risk; run harm locally to see them all.`);
    expect(md).toContain(`…and ${errors + warnings - 100} more; run harm locally to see them all.`);
    expect(md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Feature') && !l.startsWith('| Level') && !l.startsWith('| ---'))).toHaveLength(200);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('leaves --output as it was, and no temporary file, when %s stops the run', async (signal) => {
    const target = join(dir, 'report.json');
    writeFileSync(target, 'the previous report\n');
    const child = spawn(process.execPath, [BIN, 'check', '--format', 'json', '--today', TODAY, '--output', 'report.json'], {
      cwd: dir,
      stdio: 'ignore',
      env: { PATH: process.env.PATH ?? '', HARM_THREADS: '0' },
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, sig) => done({ code, signal: sig })));
    const temps = () => readdirSync(dir).filter((name) => name.startsWith('.report.json.harm-'));
    // Wait until the report is half written into its temporary file.
    for (let i = 0; i < 1000 && temps().length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(temps()).toHaveLength(1);
    child.kill(signal);
    // Ended by the signal, as the shell expects of an interrupted command.
    expect(await exited).toEqual({ code: null, signal });
    expect(readFileSync(target, 'utf8')).toBe('the previous report\n');
    expect(temps()).toEqual([]);
    rmSync(target);
  });
});

