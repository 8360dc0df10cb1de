// Load runs for `npm run bench`: `harm check` over many assessments with
// realistic findings (every level, about 40 a file, most of them
// `recommended-safeguard` infos) in the machine formats, and `harm validate`
// over files that each name one unknown safeguard against the same files
// without the typo. Times are compared with scripts/bench-baseline.json, the
// figures of the version before reports were streamed, measured on the same
// two-core machine; `--record-baseline` rewrites that file.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exampleTemplates, findingTemplates, writeAssessments } from './generate-assessments.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'harm.js');
const baselineFile = join(root, 'scripts', 'bench-baseline.json');
const TODAY = '2026-01-01';
export const LOAD_FORMATS = ['json', 'sarif', 'junit'];
const PEAK_GOAL_MIB = 150;
const TIME_GOAL = 1.1;
const ERROR_GOAL = 1.3;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Runs harm with stdout into a file, under GNU time for the peak resident set of the whole process (all threads). */
function runHarm(argv, cwd, outFile) {
  const fd = openSync(outFile, 'w');
  const start = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bin, ...argv], { cwd, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  closeSync(fd);
  const lines = result.stderr.trim().split('\n');
  const peakMiB = Number(lines.pop()) / 1024;
  return { ms, peakMiB, status: result.status, stderr: lines.join('\n') };
}

function readTail(path, bytes = 4096) {
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  const buffer = Buffer.alloc(Math.min(bytes, size));
  readSync(fd, buffer, 0, buffer.length, size - buffer.length);
  closeSync(fd);
  return buffer.toString('utf8');
}

/** The report is whole: its end says how many files it covers (parsing a report of several hundred MB back would measure the bench). */
function checkReportEnd(format, path, n) {
  const tail = readTail(path);
  const ok =
    format === 'json'
      ? new RegExp(`"summary": \\{\\s*"files": ${n},[\\s\\S]*\\}\\s*\\}\\s*$`).test(tail)
      : format === 'sarif'
        ? /"ruleId"[\s\S]*\]\s*\}\s*\]\s*\}\s*$/.test(tail)
        : /<\/testsuites>\s*$/.test(tail);
  if (!ok) throw new Error(`the ${format} report of ${n} files does not end as a whole report: …${tail.slice(-300)}`);
}

function readBaseline() {
  return existsSync(baselineFile) ? JSON.parse(readFileSync(baselineFile, 'utf8')) : { runs: {} };
}

function describe(name, ms, peakMiB, baseline, { peakGoal = true } = {}) {
  const was = baseline.runs[name];
  const ratio = was?.ms ? ms / was.ms : undefined;
  const parts = [`  ${name.padEnd(28)} ${(ms / 1000).toFixed(2).padStart(7)} s   peak RSS ${peakMiB.toFixed(0).padStart(5)} MiB`];
  if (peakGoal) parts.push(`(goal ≤ ${PEAK_GOAL_MIB}: ${peakMiB <= PEAK_GOAL_MIB ? 'met' : 'NOT met'})`);
  if (was) parts.push(`  before: ${was.failed ? `failed (${was.failed})` : `${(was.ms / 1000).toFixed(2)} s, ${was.peakMiB.toFixed(0)} MiB`}`);
  if (ratio !== undefined) parts.push(`  time ratio ${ratio.toFixed(2)}× (goal ≤ ${TIME_GOAL}×: ${ratio <= TIME_GOAL ? 'met' : 'NOT met'})`);
  console.log(parts.join(' '));
  return { met: (!peakGoal || peakMiB <= PEAK_GOAL_MIB) && (ratio === undefined || ratio <= TIME_GOAL) };
}

/** 20,000 (or `n`) assessments in each machine format. */
function formatRuns(n, repeats, record, baseline) {
  const dir = mkdtempSync(join(tmpdir(), 'harm-bench-load-'));
  const results = {};
  let met = true;
  try {
    writeAssessments(dir, n, findingTemplates());
    const out = join(dir, '..', `${dir.split('/').pop()}.out`);
    console.log(`\nharm check over ${n} assessments with about 44 findings each (median of ${repeats})`);
    for (const format of LOAD_FORMATS) {
      const runs = [];
      let failed;
      for (let r = 0; r < repeats && !failed; r++) {
        const run = runHarm(['check', '--format', format, '--today', TODAY], dir, out);
        if (run.status !== 1) failed = `exit ${run.status}: ${run.stderr.split('\n').slice(-3).join(' ')}`;
        else checkReportEnd(format, out, n);
        runs.push(run);
      }
      rmSync(out, { force: true });
      const name = `check ${n} ${format}`;
      if (failed) {
        console.log(`  ${name.padEnd(28)} failed: ${failed}`);
        results[name] = { failed, ms: median(runs.map((r) => r.ms)), peakMiB: Math.max(...runs.map((r) => r.peakMiB)) };
        met = false;
        continue;
      }
      const ms = median(runs.map((r) => r.ms));
      const peakMiB = Math.max(...runs.map((r) => r.peakMiB));
      results[name] = { ms, peakMiB };
      if (!describe(name, ms, peakMiB, record ? { runs: {} } : baseline).met) met = false;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { results, met };
}

/**
 * `harm validate` over 4,000 assessments that each name one unknown safeguard
 * (a renamed one, as in a repository mid-migration), against the same files
 * naming the safeguard that exists.
 */
function errorRuns(n, repeats, baseline) {
  const dir = mkdtempSync(join(tmpdir(), 'harm-bench-errors-'));
  try {
    const templates = exampleTemplates();
    // Every example declares some safeguard of the enforcement or product kind: one of them is renamed.
    const renamed = (text) => text.replace(/^(\s+- id: )(enforcement|product)\.([a-z-]+)$/m, '$1$2.$3-renamed');
    if (templates.some((t) => renamed(t) === t)) throw new Error('an example declares no safeguard to rename');
    writeAssessments(join(dir, 'clean'), n, templates);
    writeAssessments(join(dir, 'errors'), n, templates.map(renamed));
    const out = join(dir, 'out.txt');
    const clean = [];
    const errors = [];
    for (let r = 0; r < repeats; r++) {
      // Alternately, so that load on the machine hits both alike.
      const c = runHarm(['validate', '**/*.harm.yaml', '--today', TODAY], join(dir, 'clean'), out);
      if (c.status !== 0) throw new Error(`the clean files failed validation: ${readTail(out)}`);
      clean.push(c.ms);
      const e = runHarm(['validate', '**/*.harm.yaml', '--today', TODAY], join(dir, 'errors'), out);
      if (e.status !== 1 || !readTail(out).includes(`${n} errors`)) throw new Error(`expected ${n} errors: ${readTail(out)}`);
      errors.push(e.ms);
    }
    const ratio = median(errors) / median(clean);
    console.log(`\nharm validate over ${n} assessments, each naming one unknown safeguard, against the same files without it (median of ${repeats})`);
    console.log(
      `  clean ${(median(clean) / 1000).toFixed(2)} s   unknown ids ${(median(errors) / 1000).toFixed(2)} s   ratio ${ratio.toFixed(2)}× (goal ≤ ${ERROR_GOAL}×: ${ratio <= ERROR_GOAL ? 'met' : 'NOT met'})` +
        (baseline.runs.errorRatio ? `   before: ${baseline.runs.errorRatio.toFixed(2)}×` : ''),
    );
    return { ratio, met: ratio <= ERROR_GOAL };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the load benchmarks; returns whether every goal was met. */
export function runLoadBench({ files = 20000, repeats = 3, huge = false, record = false } = {}) {
  const baseline = readBaseline();
  const load = formatRuns(files, repeats, record, baseline);
  const errors = errorRuns(4000, repeats, baseline);
  let met = load.met && errors.met;
  if (huge) met = formatRuns(100000, 1, false, baseline).met && met;
  if (record) {
    const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();
    writeFileSync(baselineFile, `${JSON.stringify({ commit, cores: availableParallelism(), runs: { ...load.results, errorRatio: errors.ratio } }, null, 2)}\n`);
    console.log(`\nwrote ${baselineFile}`);
  }
  console.log(`\nLoad goals ${met ? 'met' : 'NOT met'}.`);
  return met;
}
