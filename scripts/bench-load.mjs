// Load runs for `npm run bench`: `harm check` over many assessments with
// realistic findings (every level, about 44 a file, most of them
// `recommended-safeguard` infos) in the machine formats, and `harm validate`
// over files that each name one unknown safeguard against the same files
// without it.
//
// Times are compared with the version before reports were streamed: with the
// figures in scripts/bench-baseline.json (recorded on a two-core machine with
// `--record-baseline` before the change), and, with `--against <git ref>`, with
// that version built aside and run alternately with this one in the same
// session, which a busy machine affects alike.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exampleTemplates, findingTemplates, writeAssessments } from './generate-assessments.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const baselineFile = join(root, 'scripts', 'bench-baseline.json');
/** The generated files' dates are set against this day. */
const TODAY = '2026-01-01';
const LOAD_FORMATS = ['json', 'sarif', 'junit'];
const PEAK_GOAL_MIB = 150;
const TIME_GOAL = 1.1;
const ERROR_GOAL = 1.3;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Runs a harm binary with stdout into a file, under GNU time: wall time, CPU time
 * (user + system, all threads) and the peak resident set of the whole process.
 */
function runHarm(bin, argv, cwd, outFile) {
  const fd = openSync(outFile, 'w');
  const start = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%M %U %S', process.execPath, bin, ...argv], { cwd, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  closeSync(fd);
  const lines = result.stderr.trim().split('\n');
  const [kib, user, system] = lines.pop().split(' ').map(Number);
  return { ms, cpuMs: (user + system) * 1000, peakMiB: kib / 1024, status: result.status, stderr: lines.join('\n') };
}

function readTail(path, bytes = 4096) {
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  const buffer = Buffer.alloc(Math.min(bytes, size));
  readSync(fd, buffer, 0, buffer.length, size - buffer.length);
  closeSync(fd);
  return buffer.toString('utf8');
}

/** The report is whole: its end says how many files it covers (parsing several hundred MB back would measure the bench). */
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

/** The version at `ref`, built in a temporary folder with this checkout's node_modules; returns its bin/harm.js. */
export function buildAside(ref) {
  const dir = mkdtempSync(join(tmpdir(), 'harm-bench-ref-'));
  const archive = spawnSync('sh', ['-c', `git -C "${root}" archive "${ref}" | tar -x -C "${dir}"`], { encoding: 'utf8' });
  if (archive.status !== 0) throw new Error(`could not check out ${ref}: ${archive.stderr}`);
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  // The bundle script has had two names.
  const script = existsSync(join(dir, 'scripts', 'bundle.mjs')) ? 'scripts/bundle.mjs' : 'scripts/build.mjs';
  const build = spawnSync(process.execPath, [script], { cwd: dir, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`could not build ${ref}: ${build.stderr}`);
  return { bin: join(dir, 'bin', 'harm.js'), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * `harm check` over `n` generated assessments in each machine format, `repeats`
 * times, alternating with the `against` binary when there is one.
 */
function formatRuns({ n, repeats, bin, against, baseline }) {
  const dir = mkdtempSync(join(tmpdir(), 'harm-bench-load-'));
  const out = `${dir}.out`;
  const results = {};
  let met = true;
  try {
    writeAssessments(dir, n, findingTemplates());
    console.log(`\nharm check over ${n} assessments with about 44 findings each (median of ${repeats}; CPU is user + system of all threads)`);
    for (const format of LOAD_FORMATS) {
      const name = `check ${n} ${format}`;
      const runs = [];
      const before = [];
      for (let r = 0; r < repeats; r++) {
        const run = runHarm(bin, ['check', '--format', format, '--today', TODAY], dir, out);
        if (run.status !== 1) throw new Error(`${name} exited ${run.status}: ${run.stderr.split('\n').slice(-3).join(' ')}`);
        checkReportEnd(format, out, n);
        runs.push(run);
        if (against) before.push(runHarm(against, ['check', '--format', format, '--today', TODAY], dir, out));
      }
      const now = { ms: median(runs.map((r) => r.ms)), cpuMs: median(runs.map((r) => r.cpuMs)), peakMiB: Math.max(...runs.map((r) => r.peakMiB)) };
      results[name] = now;
      const peakMet = now.peakMiB <= PEAK_GOAL_MIB;
      const parts = [`  ${name.padEnd(18)} ${seconds(now.ms).padStart(8)}  CPU ${seconds(now.cpuMs).padStart(8)}  peak RSS ${now.peakMiB.toFixed(0).padStart(4)} MiB (≤ ${PEAK_GOAL_MIB}: ${peakMet ? 'met' : 'NOT met'})`];
      let timeMet = true;
      const recorded = baseline.runs?.[name];
      if (recorded) parts.push(`\n      recorded before: ${seconds(recorded.ms)}, ${recorded.peakMiB.toFixed(0)} MiB; time ratio ${(now.ms / recorded.ms).toFixed(2)}×`);
      if (against) {
        const failed = before.find((r) => r.status !== 1);
        if (failed) parts.push(`\n      before, this session: failed (exit ${failed.status})`);
        else {
          const was = { ms: median(before.map((r) => r.ms)), cpuMs: median(before.map((r) => r.cpuMs)), peakMiB: Math.max(...before.map((r) => r.peakMiB)) };
          const ratio = now.ms / was.ms;
          timeMet = ratio <= TIME_GOAL;
          parts.push(
            `\n      before, this session: ${seconds(was.ms)}, CPU ${seconds(was.cpuMs)}, ${was.peakMiB.toFixed(0)} MiB; time ratio ${ratio.toFixed(2)}× (≤ ${TIME_GOAL}×: ${timeMet ? 'met' : 'NOT met'}), CPU ratio ${(now.cpuMs / was.cpuMs).toFixed(2)}×`,
          );
        }
      } else if (recorded) {
        timeMet = now.ms / recorded.ms <= TIME_GOAL;
        parts.push(` (≤ ${TIME_GOAL}×: ${timeMet ? 'met' : 'NOT met'})`);
      }
      console.log(parts.join(''));
      if (!peakMet || !timeMet) met = false;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { force: true });
  }
  return { results, met };
}

/**
 * `harm validate` over 4,000 assessments that each name one unknown safeguard
 * (a renamed one, as in a repository mid-migration), against the same files
 * naming the safeguard that exists.
 */
function errorRuns({ n, repeats, bin }) {
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
    // One run of each first, untimed, so that neither side pays for a cold file cache.
    for (const side of ['clean', 'errors']) runHarm(bin, ['validate', '**/*.harm.yaml', '--today', TODAY], join(dir, side), out);
    for (let r = 0; r < repeats; r++) {
      // Alternately, so that load on the machine hits both alike.
      const c = runHarm(bin, ['validate', '**/*.harm.yaml', '--today', TODAY], join(dir, 'clean'), out);
      if (c.status !== 0) throw new Error(`the clean files failed validation: ${readTail(out)}`);
      clean.push(c);
      const e = runHarm(bin, ['validate', '**/*.harm.yaml', '--today', TODAY], join(dir, 'errors'), out);
      if (e.status !== 1 || !readTail(out).includes(`${n} errors`)) throw new Error(`expected ${n} errors: ${readTail(out)}`);
      errors.push(e);
    }
    const ratio = median(errors.map((r) => r.ms)) / median(clean.map((r) => r.ms));
    const cpuRatio = median(errors.map((r) => r.cpuMs)) / median(clean.map((r) => r.cpuMs));
    console.log(`\nharm validate over ${n} assessments, each naming one unknown safeguard, against the same files without it (median of ${repeats})`);
    console.log(
      `  clean ${seconds(median(clean.map((r) => r.ms)))}   unknown ids ${seconds(median(errors.map((r) => r.ms)))}   time ratio ${ratio.toFixed(2)}× (≤ ${ERROR_GOAL}×: ${ratio <= ERROR_GOAL ? 'met' : 'NOT met'})   CPU ratio ${cpuRatio.toFixed(2)}×`,
    );
    return { ratio, met: ratio <= ERROR_GOAL };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the load benchmarks; returns whether every goal was met. */
export function runLoadBench({ files = 20000, repeats = 3, huge = false, record = false, against } = {}) {
  const baseline = !record && existsSync(baselineFile) ? JSON.parse(readFileSync(baselineFile, 'utf8')) : { runs: {} };
  const bin = join(root, 'bin', 'harm.js');
  const aside = against ? buildAside(against) : undefined;
  try {
    const load = formatRuns({ n: files, repeats, bin, against: aside?.bin, baseline });
    // Short runs of about a second: more of them, so that a busy moment on the machine does not decide the median.
    const errors = errorRuns({ n: 4000, repeats: Math.max(3 * repeats, 9), bin });
    let met = load.met && errors.met;
    if (huge) met = formatRuns({ n: 100000, repeats: 1, bin, baseline }).met && met;
    if (record) {
      const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();
      writeFileSync(baselineFile, `${JSON.stringify({ commit, cores: availableParallelism(), runs: { ...load.results, errorRatio: errors.ratio } }, null, 2)}\n`);
      console.log(`\nwrote ${baselineFile}`);
    }
    console.log(`\nLoad goals ${met ? 'met' : 'NOT met'}.`);
    return met;
  } finally {
    aside?.dispose();
  }
}
