import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { Actor } from '../../shared/mutations/define';
import type { AppErrorShape } from '../../shared/errors';
import { startCheckpointer } from '../../db/sqlite/checkpointer';
import { checkInBackground } from '../../db/sqlite/integrity';
import { openedAfterUncleanShutdown, openReplica, type ReplicaDb } from '../../db/sqlite/open';
import { damaged } from '../../db/sqlite/replica-file';
import { ReplicaWriter } from '../../db/sqlite/writer';
import { ALL_CHANGE_TABLES } from '../../shared/api/changes';
import { changeFeed, type ChangeFeed } from '../../db/sqlite/change-feed';
import { currentActor, readSetting, SESSION_KEY } from './actor';
import { createDispatcher, type Dispatch } from './api/bus';
import { createHandlers } from './api/handlers';
import { clearDemo, demoStatus, isDemoLoaded, loadDemo } from './demo';
import { startLeadChances } from './score/lead-chances';
import { currentLeadModel } from './score/lead-score';
import { currentRetentionModel } from './score/retention-score';
import { createAiService, type AiService, type AiServiceDeps } from './ai/service';
import { SyncEngine } from './sync/engine';
import { deviceId, moveTokenToVault, signIn, signOut, storedSession, type TokenVault } from './sync/session';
import { syncStatusView } from './sync/status';
import { startRenewalWork } from './book/renewal-work';
import { createImportWizard } from './import/wizard';
import { createDownloads, type Downloads } from './export/downloads';
import { createSemanticService, type SemanticService } from './semantic/service';

/** The background whole-file check (integrity.ts); what to tell the person when it fails. */
function checkReplica(path: string, unclean: boolean, when: 'always' | 'after-crash') {
  if (path === ':memory:' || (!unclean && when === 'after-crash')) return Promise.resolve(null);
  return checkInBackground(path, unclean ? 'integrity_check' : 'quick_check').then((problems) => {
    if (problems.length === 0) return null;
    const error = damaged(path, `fails its check (${problems[0]})`, true).toJSON();
    console.error(error.message);
    return error;
  });
}

export interface AppOptions {
  now?: () => Date;
  /** The AI provider's key: the shell reads it from safeStorage; scripts from OPENAI_API_KEY. */
  getApiKey?: AiServiceDeps['getApiKey'];
  isOnline?: () => boolean;
  /** Keeps the sync token out of the replica file (the shell's safeStorage); without one it is kept in local settings. */
  tokenVault?: TokenVault;
  /**
   * The whole-file check in the background: only after an unclean shutdown (default), or at
   * every open too (the desktop app, which runs long enough for it to finish unnoticed).
   */
  backgroundCheck?: 'always' | 'after-crash';
  /**
   * Makes renewal opportunities and follow-ups for the user's terms entering the renewal window
   * (electron/main/book/renewal-work.ts). On in the desktop app and the web host; off by default
   * so scripts and tests that open a replica see only the changes they make.
   */
  renewalWork?: boolean;
  /** Where uploaded import files and prepared downloads are kept: beside the replica by default. */
  filesDir?: string;
  /**
   * Retrain the learned lead score by itself when enough new outcomes arrived, and keep Today's
   * stored chances (today_ranks.chance) filled in. On in the desktop app and the web host; off for
   * the CLI and tests, whose short runs should not train or score in the background.
   */
  learnScores?: boolean;
  /**
   * Keep the semantic index (embeddings of notes, communications, tickets, summaries) up to date in
   * the background, from the change feed. On in the desktop app and the web host; off for the CLI
   * and tests. With no provider or embedding model set up it sends nothing either way.
   */
  semanticIndex?: boolean;
}

export interface FieldlineApp {
  db: ReplicaDb;
  writer: ReplicaWriter;
  /** One event per committed change of the replica: the shell forwards them to the window. */
  changes: ChangeFeed;
  ai: AiService;
  dispatch: Dispatch;
  /** Exports and reports prepared for the person to download (the web host serves them). */
  downloads: Downloads;
  semantic: SemanticService;
  actor(): Actor;
  refreshActor(): Actor;
  /** Starts syncing with the signed-in server, if there is one. */
  startSync(fetchImpl?: typeof fetch): SyncEngine | null;
  /**
   * After an unclean shutdown, the full integrity check running in the background: resolves
   * with what to tell the person when the replica is damaged, else null (also when not run).
   */
  integrity: Promise<AppErrorShape | null>;
  close(): void;
}

/** The main process's services over one replica file: reads, the one writer, AI, sync, the command bus. */
export function openApp(dbPath: string, options: AppOptions = {}): FieldlineApp {
  const db = openReplica(dbPath);
  // The app's long-lived connection leaves WAL checkpoints to a worker thread (db/sqlite/checkpointer.ts).
  const checkpointer = startCheckpointer(db, dbPath);
  if (options.tokenVault) moveTokenToVault(db, options.tokenVault);
  const integrity = checkReplica(dbPath, openedAfterUncleanShutdown(db), options.backgroundCheck ?? 'after-crash');
  let actor = currentActor(db);
  let engine: SyncEngine | null = null;
  const changes = changeFeed(db);
  const getApiKey = options.getApiKey ?? (async () => process.env.OPENAI_API_KEY);
  const writer = new ReplicaWriter(db, () => actor);
  const ai = createAiService({
    db,
    writer,
    actor: () => actor,
    getApiKey,
    isOnline: options.isOnline,
    now: options.now,
  });
  const signedIn = () => readSetting(db, SESSION_KEY) !== undefined;
  const syncStatus = () => syncStatusView(db, engine, options.tokenVault);
  const startSync = (fetchImpl?: typeof fetch) => {
    const session = storedSession(db, undefined, options.tokenVault);
    if (!session || engine) return engine;
    engine = new SyncEngine({
      db,
      writer,
      actor: () => actor,
      serverUrl: session.serverUrl,
      token: session.token,
      clientId: deviceId(db),
      fetch: fetchImpl,
      refreshActor: () => void (actor = currentActor(db)),
    });
    engine.start();
    return engine;
  };
  const filesDir =
    options.filesDir ??
    (dbPath === ':memory:'
      ? path.join(os.tmpdir(), `fieldline-files-${process.pid}`)
      : path.join(path.dirname(dbPath), `${path.basename(dbPath)}-files`));
  const imports = createImportWizard({
    db,
    actor: () => actor,
    changes,
    exclusive: (fn) => writer.exclusive(fn),
    dir: path.join(filesDir, 'imports'),
  });
  const downloads = createDownloads(db, path.join(filesDir, 'downloads'));
  const semantic = createSemanticService({ db, getApiKey, actor: () => actor, inWorker: options.semanticIndex });
  // The indexer's progress is no table: after each batch its own name goes through the feed, so
  // Settings → AI (semantic.status) and the search screens re-read; the index itself is a local cache.
  const indexed = () => changes.emit(['semantic_index'], 'local');
  const reindex = () => {
    if (options.semanticIndex) void semantic.index(indexed).catch(() => indexed());
    else indexed();
  };
  const handlers = createHandlers({
    imports,
    downloads,
    semantic,
    reindex,
    db,
    writer,
    ai,
    syncStatus,
    actor: () => actor,
    now: options.now,
    signIn: async (server, email, password) => {
      if (isDemoLoaded(db))
        throw new AppError(
          'precondition_failed',
          'This replica holds the demo agency, which never syncs. Clear it in Settings, then sign in.',
        );
      engine?.stop();
      engine = null;
      await signIn(db, server, email, password, undefined, options.tokenVault, writer);
      actor = currentActor(db);
      // Another user: every screen's answer may differ ("my" leads, what may be edited).
      changes.emit(ALL_CHANGE_TABLES, 'local');
      startSync();
    },
    signOut: () => {
      engine?.stop();
      engine = null;
      signOut(db, options.tokenVault);
      actor = currentActor(db);
      changes.emit(ALL_CHANGE_TABLES, 'local');
    },
    demo: {
      status: () => demoStatus(db, signedIn()),
      load: async () => {
        actor = await changes.quietly('local', () => loadDemo(db, actor, signedIn()));
        // Written around the writer, in bulk: every screen re-reads, as the acting user changed too.
        changes.emit(ALL_CHANGE_TABLES, 'local');
        return demoStatus(db, signedIn());
      },
      clear: () => {
        actor = clearDemo(db);
        changes.emit(ALL_CHANGE_TABLES, 'local');
        return demoStatus(db, signedIn());
      },
    },
  });
  const dispatch = createDispatcher(handlers);
  const stopRenewalWork = options.renewalWork
    ? startRenewalWork({ db, writer, actor: () => actor, now: options.now }, changes)
    : () => undefined;
  // The learned lead and retention scores retrain by themselves once their outcomes grew by 10% (or when none exists):
  // checked a while after opening and then every ten minutes, off the path of any screen.
  const checkScores = () => {
    try {
      currentLeadModel(db);
      currentRetentionModel(db);
    } catch {
      // A replica closed or busy meanwhile: the next check tries again.
    }
  };
  const firstScoreCheck = options.learnScores ? setTimeout(checkScores, 30_000) : undefined;
  const scoreChecks = options.learnScores ? setInterval(checkScores, 10 * 60_000) : undefined;
  firstScoreCheck?.unref?.();
  scoreChecks?.unref?.();
  // Today's stored chances (today_ranks.chance) follow the model and the rows, piece by piece.
  const stopLeadChances = options.learnScores ? startLeadChances(db, writer, changes) : () => undefined;
  // The semantic index starts a moment after opening (no screen waits on it), then follows the
  // change feed; a pass compares what is indexed with the rows, so it resumes where a quit left off.
  const startIndexing = options.semanticIndex
    ? setTimeout(() => {
        semantic.indexer.onBatch = indexed;
        semantic.follow(changes);
      }, 2_000)
    : undefined;
  startIndexing?.unref?.();

  return {
    db,
    writer,
    changes,
    ai,
    dispatch,
    downloads,
    semantic,
    actor: () => actor,
    refreshActor: () => (actor = currentActor(db)),
    startSync,
    integrity,
    close: () => {
      stopRenewalWork();
      clearTimeout(startIndexing);
      semantic.stop();
      clearTimeout(firstScoreCheck);
      clearInterval(scoreChecks);
      stopLeadChances();
      engine?.stop();
      checkpointer?.stop();
      db.close();
    },
  };
}
