/**
 * The shape registry: one live shape per definition, looked up by handle or
 * definition; feeds every ready shape from the global change log and trims
 * the log once every shape has consumed it.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import type { ChangeFeed } from './change-feed';
import type { TableName } from './decoding';
import { snapshotMessage } from './messages';
import { Shape, type ShapeDefinition } from './shape';
import { takeSnapshot } from './snapshot';
import { ensureReplicaIdentityFull, loadTableMeta, type TableMeta, tableKey } from './tables';

export interface ShapeRegistryOptions {
  pool: pg.Pool;
  feed: ChangeFeed;
  /** Folder for snapshot files. */
  dir: string;
  onError?: (error: Error) => void;
}

export class ShapeRegistry {
  #byHandle = new Map<string, Shape>();
  #byDefinition = new Map<string, Shape>();
  #ready = new Map<Shape, Promise<void>>();
  #tables = new Map<string, Promise<TableMeta | null>>();

  constructor(private readonly options: ShapeRegistryOptions) {}

  /** Table metadata (cached until a shape of the table is invalidated). */
  table(name: TableName): Promise<TableMeta | null> {
    const key = tableKey(name);
    let meta = this.#tables.get(key);
    if (!meta) {
      meta = loadTableMeta(this.options.pool, name);
      this.#tables.set(key, meta);
      meta.catch(() => this.#tables.delete(key));
    }
    return meta;
  }

  get(handle: string): Shape | undefined {
    return this.#byHandle.get(handle);
  }

  /** The live shape for this definition, creating it (and starting its snapshot) if needed. */
  getOrCreate(definition: ShapeDefinition): Shape {
    const existing = this.#byDefinition.get(definition.key);
    if (existing) return existing;
    const handle = `${randomBytes(6).toString('hex')}-${Date.now()}`;
    // Registered before the snapshot starts: every transaction the snapshot
    // cannot see is decoded after this point.
    const shape = new Shape(handle, definition, this.options.feed.headSeq);
    this.#byHandle.set(handle, shape);
    this.#byDefinition.set(definition.key, shape);
    const ready = this.#prepare(shape);
    this.#ready.set(shape, ready);
    ready.catch((error: Error) => {
      this.options.onError?.(error);
      void this.invalidate(shape);
    });
    return shape;
  }

  /** Resolves once the shape's snapshot is on disk (rejects if it failed). */
  whenReady(shape: Shape): Promise<void> {
    return this.#ready.get(shape) ?? Promise.resolve();
  }

  /** The feed appended transactions (or restarted after losing its slot). */
  onFeedAppend({ lost }: { lost: boolean }): void {
    for (const shape of [...this.#byHandle.values()]) {
      if (lost) void this.invalidate(shape);
      else if (shape.isReady && !shape.apply(this.options.feed.transactionsFrom(shape.feedSeq)))
        void this.invalidate(shape);
    }
    this.#trim();
  }

  async invalidate(shape: Shape): Promise<void> {
    this.#byHandle.delete(shape.handle);
    if (this.#byDefinition.get(shape.definition.key) === shape) this.#byDefinition.delete(shape.definition.key);
    this.#ready.delete(shape);
    this.#tables.delete(tableKey(shape.spec.meta));
    await shape.invalidate();
    this.#trim();
  }

  async close(): Promise<void> {
    const shapes = [...this.#byHandle.values()];
    await Promise.all(shapes.map((s) => this.invalidate(s)));
    await Promise.allSettled(shapes.map((s) => this.whenReady(s)));
  }

  async #prepare(shape: Shape): Promise<void> {
    const { spec } = shape;
    await ensureReplicaIdentityFull(this.options.pool, spec.meta);
    const { visibility, file } = await takeSnapshot(this.options.pool, {
      meta: spec.meta,
      columns: spec.columns,
      where: spec.where,
      skipRows: shape.definition.changesOnly,
      path: path.join(this.options.dir, `${shape.handle}.json`),
      encodeRow: (pk, valueJson) => snapshotMessage(spec, pk, valueJson),
    });
    if (shape.invalidated) {
      await rm(file.path, { force: true });
      return;
    }
    shape.setSnapshot(visibility, file);
    if (!shape.apply(this.options.feed.transactionsFrom(shape.feedSeq))) await this.invalidate(shape);
    this.#trim();
  }

  #trim(): void {
    const { feed } = this.options;
    let min = feed.headSeq;
    for (const shape of this.#byHandle.values()) min = Math.min(min, shape.feedSeq);
    feed.trimBefore(min);
  }
}
