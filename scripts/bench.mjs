#!/usr/bin/env node
// Measures what users feel: start-up against `node -e 0`, and `harm check`
// throughput and memory against a plain read-and-parse loop over the same files.
// Usage: npm run bench [-- --files 1000,4000] [-- --runs 30] [-- --repeats 3] [-- --startup-only|--check-only]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'harm.js');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const runs = option('runs', 25);
// Above 5,000 files the check runs in two worker threads: the last count shows that path.
const fileCounts = args.includes('--files') ? String(args[args.indexOf('--files') + 1]).split(',').map(Number) : [1000, 4000, 10000];
const repeats = option('repeats', 3);

function time(cmd, argv, opts = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(cmd, argv, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30, ...opts });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && !opts.allowFailure) throw new Error(`${cmd} ${argv.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { ms, result };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function startup() {
  const cases = {
    'node -e 0': [process.execPath, ['-e', '0']],
    'harm --version': [process.execPath, [bin, '--version']],
    'harm validate examples/computer-use.yaml': [process.execPath, [bin, 'validate', 'examples/computer-use.yaml']],
    'harm assess examples/computer-use.yaml': [process.execPath, [bin, 'assess', 'examples/computer-use.yaml']],
  };
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (const [cmd, argv] of Object.values(cases)) time(cmd, argv); // warm the file cache
  // Interleaved, so that load on the machine affects all three alike.
  for (let i = 0; i < runs; i++) for (const [name, [cmd, argv]] of Object.entries(cases)) samples[name].push(time(cmd, argv).ms);
  const base = median(samples['node -e 0']);
  console.log(`Start-up (median of ${runs} runs, interleaved)`);
  const goals = { 'harm --version': 1.35, 'harm validate examples/computer-use.yaml': 2.0 };
  for (const [name, xs] of Object.entries(samples)) {
    const m = median(xs);
    const ratio = m / base;
    const goal = goals[name];
    console.log(`  ${name.padEnd(44)} ${m.toFixed(1).padStart(7)} ms  ${ratio.toFixed(2)}×${goal ? `  (goal ≤ ${goal}×: ${ratio <= goal ? 'met' : 'NOT met'})` : ''}`);
  }
}

/**
 * N assessments in 20 folders, each with its own feature id: the examples as
 * written by hand (with comments), alternating with the same data as a program
 * generating assessments would write it (yaml's stringify, long text folded over lines).
 */
function generate(dir, n) {
  const examples = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.yaml')).sort();
  const templates = examples.flatMap((f) => {
    const text = readFileSync(join(root, 'examples', f), 'utf8');
    return [text, stringify(parse(text), { lineWidth: 72 })];
  });
  for (let i = 0; i < n; i++) {
    const sub = join(dir, `team-${i % 20}`);
    mkdirSync(sub, { recursive: true });
    const text = templates[i % templates.length].replace(/^(  id: )[a-z0-9-]+$/m, `$1feature-${i}`);
    writeFileSync(join(sub, `feature-${i}.harm.yaml`), text);
  }
}

const PARSE_LOOP = `
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { globSync } from 'tinyglobby';
const files = globSync('**/*.harm.yaml', { cwd: process.argv[2], absolute: true });
const start = performance.now();
let n = 0;
for (const f of files) { const doc = parseDocument(readFileSync(f, 'utf8')); n += doc.errors.length; }
const ms = performance.now() - start;
console.log(JSON.stringify({ files: files.length, ms, errors: n }));
`;

function throughput() {
  const loop = join(root, 'node_modules', '.harm-bench-parse-loop.mjs');
  writeFileSync(loop, PARSE_LOOP);
  console.log('\nharm check over generated assessments (examples/*.yaml, as written and re-serialized), whole processes timed');
  try {
    for (const n of fileCounts) {
      const dir = mkdtempSync(join(tmpdir(), 'harm-bench-'));
      try {
        generate(dir, n);
        // Both sides are timed as whole processes (start-up, finding the files, reading,
        // parsing), alternately and several times, so that load on the machine hits both alike.
        const loopMs = [];
        const checkMs = [];
        const peaks = [];
        for (let r = 0; r < repeats; r++) {
          const loopRun = time(process.execPath, [loop, dir]);
          if (JSON.parse(loopRun.result.stdout).files !== n) throw new Error('the parse loop did not see every file');
          loopMs.push(loopRun.ms);
          // GNU time reports the peak resident set of the whole process (all threads).
          const check = time('/usr/bin/time', ['-f', '%M', process.execPath, bin, 'check', '--format', 'json', '--today', '2026-01-01'], { cwd: dir, allowFailure: true });
          const parsed = JSON.parse(check.result.stdout);
          if (parsed.summary.files !== n) throw new Error(`checked ${parsed.summary.files} of ${n} files`);
          checkMs.push(check.ms);
          peaks.push(Number(check.result.stderr.trim().split('\n').pop()));
        }
        const loopRate = n / (median(loopMs) / 1000);
        const checkRate = n / (median(checkMs) / 1000);
        const peakMiB = Math.max(...peaks) / 1024;
        console.log(`  ${String(n).padStart(6)} files   read+parseDocument loop ${loopRate.toFixed(0).padStart(5)} files/s   harm check ${checkRate.toFixed(0).padStart(5)} files/s   ratio ${(checkRate / loopRate).toFixed(2)}× (goal ≥ 1.4×)   peak RSS ${peakMiB.toFixed(0)} MiB (goal ≤ 150)`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(loop, { force: true });
  }
}

if (!args.includes('--check-only')) startup();
if (!args.includes('--startup-only')) throughput();
