import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { Catalog } from '../schema/catalog.js';
import { packageRoot, type CatalogRequest } from './catalog-loader.js';
import { checkFileSafely, prepareCatalog, type CheckedFile, type CheckSettings, type CheckTarget } from './check-run.js';

/**
 * From this many files a worker thread checks them while this thread writes the
 * report. Below it one thread is as fast or faster: the worker's start-up and
 * warm-up cost about what it saves (measured on two cores with two workers: one
 * thread took 70% of their time on 4,000 files of 0.5 KiB, and about 20% more
 * on 8,000 of 6 KiB).
 */
export const PARALLEL_THRESHOLD = 5000;
/**
 * One worker by default. With two, this thread receives results twice as fast
 * and V8 grows its heap to match: on 20,000 files with 44 findings each, the
 * process peaked at 190 MiB against 125 MiB with one worker, and was no faster
 * on two cores, where this thread's report writing competes with both.
 */
const WORKERS = 1;
/** Files a worker is sent at a time; its results come back one message per file. */
const BATCH = 8;
/**
 * Results wait for the files before them to be reported. A worker is sent more
 * files only while fewer than this many results wait or are under way, so one
 * slow file, or a slow reader of the report, holds back a bounded number of
 * results, not the whole run.
 */
const WINDOW = 4 * BATCH;
/**
 * Each file's garbage dies young, so a small young generation costs little time;
 * a stated old-generation limit makes V8 grow the heap less eagerly. Together they
 * keep the run's peak memory flat. The limit stays well above the ~600 MB that
 * parsing the worst 1 MiB file (half a million one-character values) takes.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 1024 };
/** A thread checking files lets signals and a closed pipe through this often. */
const YIELD_EVERY_MS = 20;

export interface PoolOptions {
  catalog: Catalog;
  request: CatalogRequest;
  settings: CheckSettings;
  /** Worker threads whatever the file count (0: none); unset, one from PARALLEL_THRESHOLD files. */
  threads?: number;
}

/** Receives each file's result, in the targets' order; a promise holds back the next until it settles (a slow reader). */
export type TakeResult = (result: CheckedFile, index: number) => Promise<void> | undefined;

declare const __HARM_BUNDLED__: boolean | undefined;

/**
 * The built worker, used only by the built CLI: run from source (tests, vite-node)
 * a dist/ left by an earlier build may hold older code than the files being run.
 */
function workerScript(): string | undefined {
  if (typeof __HARM_BUNDLED__ !== 'boolean' || !__HARM_BUNDLED__) return undefined;
  try {
    const path = join(packageRoot(), 'dist', 'check-worker.js');
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks every file and hands each result to `take` as soon as it and every file
 * before it are done, in the targets' order, so that the report can be written
 * as the run goes and nothing is kept once it is reported.
 */
export async function checkEach(targets: readonly CheckTarget[], opts: PoolOptions, take: TakeResult): Promise<void> {
  const script = workerScript();
  const threads = opts.threads ?? (targets.length >= PARALLEL_THRESHOLD ? WORKERS : 0);
  if (threads < 1 || targets.length < 2 || !script) return checkInThisThread(targets, opts, take);
  return checkInWorkers(targets, opts, take, script, threads);
}

async function checkInThisThread(targets: readonly CheckTarget[], opts: PoolOptions, take: TakeResult): Promise<void> {
  prepareCatalog(opts.catalog);
  let turn = performance.now();
  for (let i = 0; i < targets.length; i++) {
    // A result's strings may be slices of its file's text, which would stay in
    // memory as long as they do: the copy keeps only what the report needs, as
    // postMessage's copy does for the workers' results.
    const wait = take(structuredClone(checkFileSafely(targets[i]!, opts.catalog, opts.settings)), i);
    if (wait) await wait;
    if (performance.now() - turn > YIELD_EVERY_MS) {
      await nextTurn();
      turn = performance.now();
    }
  }
}

interface WorkerResult {
  index: number;
  result: CheckedFile;
}

function checkInWorkers(targets: readonly CheckTarget[], opts: PoolOptions, take: TakeResult, script: string, threads: number): Promise<void> {
  const waiting = new Map<number, CheckedFile>();
  let reported = 0;
  let sent = 0;
  const workers: Worker[] = [];
  // Files sent to each worker and not yet back: a worker keeps a few batches queued, so it never waits for this thread.
  const inFlight = new Map<Worker, number>();

  return new Promise<void>((resolvePromise, rejectPromise) => {
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      // The run has failed: the other workers' results would not be used.
      void Promise.all(workers.map((w) => w.terminate())).then(() => rejectPromise(error));
    };
    const dispatch = () => {
      if (failed) return;
      while (sent < targets.length && sent - reported < WINDOW) {
        const worker = workers.reduce((a, b) => (inFlight.get(b)! < inFlight.get(a)! ? b : a));
        const start = sent;
        sent = Math.min(targets.length, sent + BATCH);
        inFlight.set(worker, inFlight.get(worker)! + sent - start);
        worker.postMessage({ start, targets: targets.slice(start, sent) });
      }
      if (reported === targets.length) void Promise.all(workers.map((w) => w.terminate())).then(() => resolvePromise());
    };
    let delivering = false;
    // Hands on the results that are next in order, waiting whenever the report has to drain.
    const deliver = async () => {
      if (delivering || failed) return;
      delivering = true;
      try {
        for (let next = waiting.get(reported); next !== undefined && !failed; next = waiting.get(reported)) {
          waiting.delete(reported);
          const wait = take(next, reported++);
          if (wait) await wait;
        }
      } catch (error) {
        fail(error);
        return;
      } finally {
        delivering = false;
      }
      dispatch();
    };
    const receive = (worker: Worker, { index, result }: WorkerResult) => {
      waiting.set(index, result);
      inFlight.set(worker, inFlight.get(worker)! - 1);
      void deliver();
    };
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(script, { workerData: { catalog: opts.request, settings: opts.settings }, resourceLimits: WORKER_LIMITS });
      workers.push(worker);
      inFlight.set(worker, 0);
      worker.on('message', (message: WorkerResult) => receive(worker, message));
      worker.on('error', fail);
      // A worker that dies without an 'error' event (killed, out of memory) must not leave the run waiting forever.
      worker.on('exit', (code) => {
        if (reported < targets.length) fail(new Error(`a check worker stopped with exit code ${code} before it finished`));
      });
    }
    dispatch();
  });
}
