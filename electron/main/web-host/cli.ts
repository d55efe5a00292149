/**
 * `npm run dev:web -- --db FILE [--port P] [--static DIR]`: the app in a normal browser.
 * Serves out/web (build it with `npm run build:web`) and the API at POST /api/<command>.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openApp } from '../app';
import { startWebHost } from './server';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    port: { type: 'string', default: '5180' },
    static: { type: 'string', default: path.resolve('out/web') },
  },
});

if (!values.db) {
  console.error('usage: npm run dev:web -- --db FILE [--port P] [--static DIR]');
  process.exit(2);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got ${values.port}`);
  process.exit(2);
}
const staticDir = path.resolve(values.static);
if (!existsSync(path.join(staticDir, 'index.html'))) {
  console.error(`no renderer build in ${staticDir}: run \`npm run build:web\` first (serving the API only)`);
}

const services = openApp(path.resolve(values.db), { renewalWork: true, learnScores: true, semanticIndex: true });
const host = await startWebHost({
  dispatch: services.dispatch,
  changes: services.changes,
  downloads: services.downloads,
  staticDir,
  port,
  log: (l) => console.error(l),
});
console.log(`Fieldline web host on ${host.url}  (replica ${path.resolve(values.db)})`);

const stop = () => {
  void host.close().then(() => {
    services.close();
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
