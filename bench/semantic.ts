/**
 * Semantic search figures on a copy of the bench replica: indexing every chunk through the real
 * SDK against a loopback embedder in another process (the replica side's rate: chunking,
 * redaction, reading the answers, writes; and the longest pause of the indexing process), hybrid
 * search and ask retrieval latency, and the recall of the quantized first pass + re-rank against
 * an exact cosine scan; past 100k chunks the first pass is partitioned (semantic_lists) and scores
 * only the nearest lists' chunks (semantic_scored_per_query). Query vectors are made in-process, so search time is the replica's alone.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { openReplica } from '../db/sqlite/open';
import { knn } from '../db/queries/semantic';
import { bitIndex } from '../db/queries/semantic-bits';
import { saveAiSettings } from '../electron/main/ai/settings';
import { chunkResults, hybridSearch } from '../electron/main/semantic/hybrid';
import { createSemanticService } from '../electron/main/semantic/service';
import { fakeEmbedding } from '../test/ai/fake-embeddings';
import { startEmbedderProcess } from './embedder-process';
import { log, percentile, round, time } from './stats';

const MODEL = 'bench-embed';

export async function benchSemantic(file: string, runs: number) {
  const copy = `${file}.semantic.db`;
  rmSync(copy, { force: true });
  copyFileSync(file, copy);
  const fake = await startEmbedderProcess();
  const db = openReplica(copy);
  try {
    saveAiSettings(db, { remote: { name: 'bench', baseURL: fake.url, model: 'none' }, embeddingModel: MODEL });
    const semantic = createSemanticService({ db, getApiKey: async () => 'k', batchSize: 512 });
    // The longest the event loop went without a turn while indexing: how long a screen's command
    // (served by the same main process) could wait behind the indexer at worst.
    let stall = 0;
    let last = performance.now();
    let ticking = true;
    const tick = () => {
      const now = performance.now();
      stall = Math.max(stall, now - last);
      last = now;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const t0 = performance.now();
    await semantic.index();
    const seconds = (performance.now() - t0) / 1000;
    ticking = false;
    // Taken now: the tick still pending would count the sync reads below (a count and a random
    // sample of semantic_chunks, seconds on a cold 1.5M-chunk table) as the indexer's pause.
    const indexStall = Math.max(stall, performance.now() - last);
    const chunks = db.prepare('SELECT count(*) FROM semantic_chunks').pluck().get() as number;
    log(`semantic: indexed ${chunks} chunks in ${seconds.toFixed(1)} s`);
    const samples = db
      .prepare('SELECT text, lead_id FROM semantic_chunks WHERE lead_id IS NOT NULL ORDER BY random() LIMIT 200')
      .all() as Array<{ text: string; lead_id: string }>;
    const queries = samples.map((s) => ({
      text: s.text.split(' ').slice(2, 6).join(' '),
      lead: s.lead_id,
    }));
    const vectors = queries.map((q) => Float32Array.from(fakeEmbedding(q.text)));
    const search = await time(
      (i) =>
        hybridSearch(db, queries[i % queries.length]!.text, { model: MODEL, vector: vectors[i % queries.length]! }, 20),
      runs,
    );
    // The same search as an agent (every result checked against canAccess): the visibility filter's cost.
    const owner = db.prepare('SELECT owner_id, team_id FROM leads WHERE deleted_at IS NULL LIMIT 1').get() as {
      owner_id: string;
      team_id: string | null;
    };
    const agent = { userId: owner.owner_id, teamId: owner.team_id, role: 'agent' as const };
    const agentSearch = await time(
      (i) =>
        hybridSearch(
          db,
          queries[i % queries.length]!.text,
          { model: MODEL, vector: vectors[i % queries.length]! },
          20,
          agent,
        ),
      runs,
    );
    const retrieval = await time((i) => {
      const n = i % queries.length;
      return chunkResults(db, knn(db, MODEL, vectors[n]!, 24, i % 2 ? { lead: queries[n]!.lead } : {})).slice(0, 8);
    }, runs);
    const vectorOnly = await time((i) => knn(db, MODEL, vectors[i % queries.length]!, 20), runs);
    // Chunks the first pass scored per query: all of them, or (partitioned) those of the nearest lists.
    let scored = 0;
    const index = bitIndex(db, MODEL);
    for (const v of vectors) index.candidates(v, (n) => ((scored += n), 1));
    let found = 0;
    const recallQueries = Math.min(50, vectors.length);
    for (let i = 0; i < recallQueries; i++) {
      // Tie-aware: the synthetic book repeats phrasings, so many chunks share a distance; a hit
      // counts when it is as near as the exact scan's 10th.
      const exact = knn(db, MODEL, vectors[i]!, 10, { exact: true });
      const tenth = exact[exact.length - 1]?.distance ?? 0;
      const fast = knn(db, MODEL, vectors[i]!, 10);
      found += fast.filter((h) => h.distance <= tenth + 1e-6).length / Math.max(1, exact.length);
    }
    return {
      semantic_chunks: chunks,
      embed_index_chunks_per_s: round(chunks / seconds, 0),
      embed_index_longest_stall_ms: round(indexStall),
      semantic_search_p95_ms: round(percentile(search, 95)),
      semantic_search_agent_p95_ms: round(percentile(agentSearch, 95)),
      semantic_knn_p95_ms: round(percentile(vectorOnly, 95)),
      semantic_recall_at_10: round(found / recallQueries),
      semantic_lists: index.partitioned
        ? (db
            .prepare('SELECT lists FROM semantic_partitions WHERE model = ? AND ready = 1')
            .pluck()
            .get(MODEL) as number)
        : 0,
      semantic_scored_per_query: round(scored / vectors.length, 0),
      ask_retrieval_p95_ms: round(percentile(retrieval, 95)),
    };
  } finally {
    db.close();
    await fake.close();
    rmSync(copy, { force: true });
    rmSync(`${copy}-wal`, { force: true });
    rmSync(`${copy}-shm`, { force: true });
  }
}
