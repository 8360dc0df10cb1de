import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Catalog } from '../schema/catalog.js';
import { packageRoot, type CatalogRequest } from './catalog-loader.js';
import { checkFile, prepareCatalog, type CheckedFile, type CheckSettings, type CheckTarget } from './check-run.js';

/**
 * From this many files two workers check them. Below it one thread is as fast or
 * faster: each worker's start-up and warm-up cost about what it saves. Measured on
 * two cores, one thread took 70% of the workers' time on 4,000 files of 0.5 KiB,
 * the same time on 4,000 of 6 KiB, and about 20% more on 8,000 of 6 KiB.
 */
export const PARALLEL_THRESHOLD = 5000;
const BATCH = 64;
/**
 * Each file's garbage dies young, so a small young generation costs little time;
 * a stated old-generation limit makes V8 grow the heap less eagerly. Together they
 * keep the run's peak memory flat. The limit stays well above the ~600 MB that
 * parsing the worst 1 MiB file (half a million one-character values) takes.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 1024 };
// Measured on two cores: two workers beat one thread; more were slower.
const WORKERS = 2;

export interface PoolOptions {
  catalog: Catalog;
  request: CatalogRequest;
  settings: CheckSettings;
  /** Worker threads whatever the file count (0 or 1: none); unset, two from PARALLEL_THRESHOLD files. */
  threads?: number;
}

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

/** Checks every file, in two worker threads when there are many. Results keep input order. */
export async function checkAll(targets: readonly CheckTarget[], opts: PoolOptions): Promise<CheckedFile[]> {
  const script = workerScript();
  const threads = opts.threads ?? (targets.length >= PARALLEL_THRESHOLD ? WORKERS : 0);
  if (threads < 2 || targets.length < 2 || !script) {
    prepareCatalog(opts.catalog);
    // A result's strings may be slices of its file's text, which would stay in
    // memory as long as they do: the copy keeps only what the report needs, as
    // postMessage's copy does for the workers' results.
    return targets.map((t) => structuredClone(checkFile(t, opts.catalog, opts.settings)));
  }
  const results: CheckedFile[] = new Array(targets.length);
  let next = 0;
  const workers: Worker[] = [];
  const runWorker = () =>
    new Promise<void>((resolvePromise, reject) => {
      const worker = new Worker(script, { workerData: { catalog: opts.request, settings: opts.settings }, resourceLimits: WORKER_LIMITS });
      workers.push(worker);
      let start = 0;
      let finished = false;
      const send = () => {
        if (next >= targets.length) {
          finished = true;
          void worker.terminate().then(() => resolvePromise());
          return;
        }
        start = next;
        next = Math.min(targets.length, next + BATCH);
        worker.postMessage(targets.slice(start, next));
      };
      worker.on('message', (batch: CheckedFile[]) => {
        batch.forEach((r, i) => (results[start + i] = r));
        send();
      });
      worker.on('error', reject);
      // A worker that dies without an 'error' event (killed, out of memory) must not leave the run waiting forever.
      worker.on('exit', (code) => {
        if (!finished) reject(new Error(`a check worker stopped with exit code ${code} before it finished`));
      });
      send();
    });
  try {
    await Promise.all(Array.from({ length: threads }, runWorker));
  } catch (error) {
    // The run has failed: the other workers' results would not be used.
    await Promise.all(workers.map((w) => w.terminate()));
    throw error;
  }
  return results;
}
