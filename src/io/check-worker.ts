import { parentPort, workerData } from 'node:worker_threads';
import { config } from 'zod/mini';
import { loadEffectiveCatalog, type CatalogRequest } from './catalog-loader.js';
import { checkFile, prepareCatalog, type CheckSettings, type CheckTarget } from './check-run.js';

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
parentPort!.on('message', (batch: CheckTarget[]) => {
  parentPort!.postMessage(batch.map((target) => checkFile(target, catalog, init.settings)));
});
