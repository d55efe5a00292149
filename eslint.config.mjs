// ESLint 9 flat config. typescript-eslint `recommended` (syntax-only, no type
// information, so it stays fast) plus the layer boundaries of the codebase:
//
//   shared/        pure TypeScript: no other layer, no Node built-ins, no drivers
//   db/            no electron/, renderer/, server/, cli/, no `electron`
//   electron/main/ services: no renderer/, server/, cli/, no `electron`
//                  (except the shell: electron/main/index.ts, electron/main/shell/**,
//                  and electron/preload/**, which may import `electron`)
//   renderer/      only shared/: no db/, electron/main/, server/, cli/, no Node
//                  built-ins, no drivers, no `electron`
//   server/        no electron/, renderer/, cli/
//   cli/           may use every product layer
//
// No product folder (all of the above) may import test/ or bench/, statically or with import().
//
// test/unit/infra/layers.test.ts checks every boundary, so keep it in sync.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/** Relative imports that reach a top-level folder, e.g. `../db/x`, `../../electron/main`. */
const folder = (name) => [`../**/${name}`, `../**/${name}/**`];
/** A bare package and its subpaths (anchored, so `../db/pg/x` is not the `pg` package). */
const pkg = (name) => [`/${name}`, `/${name}/**`];

const nodeBuiltinNames = builtinModules.filter((name) => !name.startsWith('_'));

/**
 * `no-restricted-imports` options for one layer.
 * @param {string} why      e.g. 'shared/ is pure TypeScript'
 * @param {{ folders?: string[], packages?: string[], nodeBuiltins?: boolean }} restrictions
 */
function boundaries(why, { folders = [], packages = [], nodeBuiltins = false }) {
  const patterns = [
    ...folders.map((name) => ({ group: folder(name), message: `${why}: it may not import ${name}/.` })),
    ...packages.map((name) => ({ group: pkg(name), message: `${why}: it may not import the '${name}' package.` })),
  ];
  const paths = [];
  if (nodeBuiltins) {
    const message = `${why}: it may not use Node built-ins.`;
    patterns.push({ group: ['node:*'], message });
    paths.push(...nodeBuiltinNames.map((name) => ({ name, message })));
  }
  return ['error', { paths, patterns }];
}

const DRIVERS = ['better-sqlite3', 'pg', 'drizzle-orm', 'openai'];

/** Folders that are not part of the product: no product file may import them. */
const NOT_PRODUCT = ['test', 'bench'];
const PRODUCT = ['shared/**', 'db/**', 'electron/**', 'renderer/**', 'server/**', 'cli/**'];

/** no-restricted-syntax entries for `import('…/test/…')` and `new URL('…/test/…', …)`. */
function dynamicImportsOf(folders) {
  const path = `/^(\\.\\.?\\/)+(${folders.join('|')})(\\/|$)/`;
  const message = `product code may not load ${folders.map((f) => `${f}/`).join(' or ')}.`;
  return [
    { selector: `ImportExpression > Literal.source[value=${path}]`, message },
    { selector: `ImportExpression > TemplateLiteral.source > TemplateElement[value.raw=${path}]`, message },
    { selector: `NewExpression[callee.name='URL'] > Literal.arguments:first-child[value=${path}]`, message },
  ];
}

export default defineConfig([
  globalIgnores([
    'out/',
    '.scratch/',
    'dist/',
    'node_modules/',
    '**/migrations/**',
    'test-results/',
    'artifacts/',
    '.cache/',
    '.fieldline/',
    'coverage/',
  ]),

  {
    files: ['**/*.{js,mjs,cjs,ts,mts,cts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
    },
  },

  // Browser code.
  {
    files: ['renderer/**'],
    ignores: ['renderer/*.config.*'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['electron/preload/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },

  // ---- Layer boundaries (later objects replace earlier rule options) ----
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': boundaries('shared/ is pure TypeScript', {
        folders: ['db', 'electron', 'renderer', 'server', 'cli', 'bench', 'test'],
        packages: [...DRIVERS, 'electron'],
        nodeBuiltins: true,
      }),
    },
  },
  {
    files: ['db/**'],
    rules: {
      'no-restricted-imports': boundaries('db/ is the data layer', {
        folders: ['electron', 'renderer', 'server', 'cli', ...NOT_PRODUCT],
        packages: ['electron'],
      }),
    },
  },
  {
    files: ['electron/main/**'],
    rules: {
      'no-restricted-imports': boundaries('electron/main/ services are Electron-free', {
        folders: ['renderer', 'server', 'cli', ...NOT_PRODUCT],
        packages: ['electron'],
      }),
    },
  },
  {
    // The Electron shell is the only place allowed to touch the `electron` package.
    files: ['electron/main/index.ts', 'electron/main/shell/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': boundaries('The Electron shell', {
        folders: ['renderer', 'server', 'cli', ...NOT_PRODUCT],
      }),
    },
  },
  {
    files: ['renderer/**'],
    ignores: ['renderer/*.config.*'],
    rules: {
      'no-restricted-imports': boundaries('renderer/ may only use shared/ (and the preload bridge)', {
        folders: ['db', 'electron/main', 'server', 'cli', 'bench', 'test'],
        packages: [...DRIVERS, 'electron'],
        nodeBuiltins: true,
      }),
    },
  },
  {
    files: ['server/**'],
    rules: {
      'no-restricted-imports': boundaries('server/ is the sync gateway', {
        folders: ['electron', 'renderer', 'cli', ...NOT_PRODUCT],
      }),
    },
  },
  {
    files: ['cli/**'],
    rules: {
      'no-restricted-imports': boundaries('cli/ is product code', { folders: NOT_PRODUCT }),
    },
  },
  {
    // no-restricted-imports does not see import(): a path to test/ or bench/ in a dynamic import,
    // or in a `new URL()` a loader is handed, is caught here.
    files: PRODUCT,
    ignores: ['renderer/*.config.*'],
    rules: {
      'no-restricted-syntax': ['error', ...dynamicImportsOf(NOT_PRODUCT)],
    },
  },
]);
