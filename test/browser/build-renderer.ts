/** Playwright global setup: builds the web renderer the tests' web hosts serve (skip: FIELDLINE_SKIP_WEB_BUILD=1). */
import path from 'node:path';
import { build } from 'vite';
import { ROOT } from './harness';

export default async function buildRenderer() {
  if (process.env.FIELDLINE_SKIP_WEB_BUILD === '1') return;
  const started = Date.now();
  await build({ configFile: path.join(ROOT, 'renderer/vite.web.config.ts'), logLevel: 'error' });
  console.log(`built the web renderer in ${Date.now() - started} ms`);
}
