import { parentPort, workerData } from 'node:worker_threads';
import { config } from 'zod/mini';
import { loadEffectiveCatalog, type CatalogRequest } from './catalog-loader.js';
import { checkFileSafely, prepareCatalog, type CheckSettings, type CheckTarget } from './check-run.js';

/** Checks batches of files in a worker thread; the catalog is built once per worker. */
interface WorkerInit {
  catalog: CatalogRequest;
  settings: CheckSettings;
}

const init = workerData as WorkerInit;
// A worker validates many documents: compiling the schemas' fast paths pays off here.
config({ jitless: false });
const catalog = loadEffectiveCatalog(init.catalog);
prepareCatalog(catalog);
// Each result crosses to the main thread as soon as it is done: neither side holds a batch of them.
parentPort!.on('message', ({ start, targets }: { start: number; targets: CheckTarget[] }) => {
  targets.forEach((target, i) => parentPort!.postMessage({ index: start + i, result: checkFileSafely(target, catalog, init.settings) }));
});
