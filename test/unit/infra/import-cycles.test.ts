/**
 * No product module may import itself back through others. In a cycle, whichever module loads
 * first sees the other half-built: the mutation registry once read `importBatch` before
 * shared/mutations/import had defined it (a TDZ error, or a registry without the import
 * mutations), depending on which file a command happened to load first.
 *
 * Only imports that stay in the emitted JavaScript count: `import type` and imports whose every
 * name is a type are erased, and `import()` loads lazily, after both modules are built.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const PRODUCT = ['shared', 'db', 'electron', 'server', 'cli', 'renderer/src'];

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) sourceFiles(full, out);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function resolveRelative(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')])
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return null;
}

/** The relative modules `file` loads when it loads (type-only imports left out). */
function runtimeImports(file: string, text = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const deps: string[] = [];
  for (const statement of source.statements) {
    let spec: ts.Expression | undefined;
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const bindings = clause?.namedBindings;
      const onlyTypes =
        clause?.isTypeOnly ||
        (clause &&
          !clause.name &&
          bindings &&
          ts.isNamedImports(bindings) &&
          bindings.elements.length > 0 &&
          bindings.elements.every((e) => e.isTypeOnly));
      if (!onlyTypes) spec = statement.moduleSpecifier;
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
      spec = statement.moduleSpecifier;
    }
    if (spec && ts.isStringLiteral(spec) && spec.text.startsWith('.')) {
      const target = resolveRelative(file, spec.text);
      if (target) deps.push(target);
    }
  }
  return deps;
}

/** Every cycle found by a depth-first walk, each as the list of files around it. */
function findCycles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const dep of graph.get(file) ?? []) {
      if (state.get(dep) === 'open') cycles.push([...stack.slice(stack.indexOf(dep)), dep]);
      else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

describe('import cycles', () => {
  it('no product module loads itself back through the modules it imports', () => {
    const files = PRODUCT.flatMap((dir) => sourceFiles(path.join(root, dir)));
    expect(files.length).toBeGreaterThan(100);
    const graph = new Map(files.map((f) => [f, runtimeImports(f)]));
    const cycles = findCycles(graph).map((c) => c.map((f) => path.relative(root, f)).join(' -> '));
    expect(cycles).toEqual([]);
  });

  it('finds a cycle of runtime imports, and ignores one made only of type imports', () => {
    const a = path.join(root, 'shared/mutations/import.ts');
    const b = path.join(root, 'shared/mutations/registry.ts');
    const graph = (typeOnly: boolean) =>
      new Map([
        [a, runtimeImports(a, `import { getMutation } from './registry';`)],
        [
          b,
          runtimeImports(
            b,
            typeOnly ? `import { type X } from './import';` : `import { importBatch } from './import';`,
          ),
        ],
      ]);
    expect(findCycles(graph(false))).toHaveLength(1);
    expect(findCycles(graph(true))).toEqual([]);
  });
});
