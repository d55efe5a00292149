import { Worker } from 'node:worker_threads';

/**
 * Starts the module at `url` in a worker thread: directly when it is built JavaScript (the
 * packaged app, a compiled CLI), through tsx's loader when it is TypeScript (tests, the web host,
 * scripts), since a worker does not inherit the loader of the thread that starts it.
 */
export function startModuleWorker(url: URL, workerData: unknown): Worker {
  if (!/\.[cm]?ts$/.test(url.pathname)) return new Worker(url, { workerData });
  const boot = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}
