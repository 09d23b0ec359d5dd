// Starts an algorithm worker: the worker's code is TypeScript, so it registers tsx first, as `npm start` does.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
