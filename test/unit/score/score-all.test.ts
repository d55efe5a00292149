/**
 * Scoring every open lead and every live policy term takes a fast path (one statement, arrays,
 * a precomputed scorer). It must give exactly the probabilities of the plain per-record path
 * (facts read for the one record, a feature vector, the weighted sum) for exactly the same
 * records, including the awkward ones: a deleted contact (not counted), a deleted note (still
 * counted), notes and people moved to another lead, a call removed, a deleted term inside a
 * renewal chain, a household member who left.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplicaDb } from '../../../db/sqlite/open';
import { leadScore, readLeadFacts, scoreOpenLeads, trainLeadScore } from '../../../electron/main/score/lead-score';
import { readTermFacts, scoreOpenTerms, trainRetentionScore } from '../../../electron/main/score/retention-score';
import { probabilityOf, type LeadModel } from '../../../shared/score/lead-model';
import { renewalProbability, scoreTerm, type RetentionModel } from '../../../shared/score/retention-model';
import { seedAgencyInto } from './seed-agency';

let db: ReplicaDb;
let leadModel: LeadModel;
let retentionModel: RetentionModel;
const NOW = new Date('2026-06-01T12:00:00Z');

beforeAll(async () => {
  db = await seedAgencyInto(1200, 11);
  leadModel = trainLeadScore(db, NOW, { save: false })!.model;
  retentionModel = trainRetentionScore(db, NOW, { save: false })!.model;
  awkwardRows(db);
}, 240_000);
afterAll(() => db?.close());

/** Edits the seeded rows so each special case of the facts occurs at least once among the open records. */
function awkwardRows(db: ReplicaDb) {
  const one = (sql: string) => db.prepare(sql).pluck().get() as string;
  const openLead = `SELECT l.id FROM leads l JOIN lead_statuses s ON s.id = l.status_id
    WHERE l.deleted_at IS NULL AND l.is_converted = 0 AND s.category NOT IN ('won', 'lost')`;
  const contact = one(`SELECT c.id FROM contacts c WHERE c.deleted_at IS NULL AND c.lead_id IN (${openLead}) LIMIT 1`);
  db.prepare(`UPDATE contacts SET deleted_at = ? WHERE id = ?`).run(NOW.toISOString(), contact);
  const note = one(`SELECT n.id FROM lead_notes n WHERE n.deleted_at IS NULL AND n.lead_id IN (${openLead}) LIMIT 1`);
  db.prepare(`UPDATE lead_notes SET deleted_at = ? WHERE id = ?`).run(NOW.toISOString(), note);
  // Activity moved to another lead, or removed for good (the counts are kept by triggers).
  const [from, to] = db.prepare(`${openLead} ORDER BY l.id LIMIT 2`).pluck().all() as string[];
  db.prepare(`UPDATE lead_notes SET lead_id = ? WHERE lead_id = ?`).run(to, from);
  db.prepare(`UPDATE contacts SET lead_id = ? WHERE lead_id = ?`).run(from, to);
  const call = one(`SELECT m.id FROM lead_communications m WHERE m.lead_id IN (${openLead}) LIMIT 1`);
  db.prepare(`DELETE FROM lead_communications WHERE id = ?`).run(call);
  // A live term two renewals deep: delete the middle term of its chain.
  const middle = one(`SELECT m.id FROM policies p JOIN policies m ON m.id = p.renews_policy_id
    WHERE p.deleted_at IS NULL AND p.status IN ('active', 'pending') AND m.renews_policy_id IS NOT NULL LIMIT 1`);
  db.prepare(`UPDATE policies SET deleted_at = ? WHERE id = ?`).run(NOW.toISOString(), middle);
  const member = one(`SELECT c.id FROM clients c WHERE c.household_id IN
    (SELECT household_id FROM clients WHERE household_id IS NOT NULL GROUP BY household_id HAVING COUNT(*) > 2)
    AND c.id NOT IN (SELECT client_id FROM policies WHERE status IN ('active', 'pending')) LIMIT 1`);
  db.prepare(`UPDATE clients SET deleted_at = ? WHERE id = ?`).run(NOW.toISOString(), member);
}

describe('scoring every record at once', () => {
  it("keeps each lead's activity counts equal to counting its rows", () => {
    const kept = db
      .prepare(
        `SELECT lead_id, contacts, notes, communications FROM lead_activity
         WHERE contacts <> 0 OR notes <> 0 OR communications <> 0 ORDER BY lead_id`,
      )
      .all();
    const counted = db
      .prepare(
        `SELECT l.id AS lead_id,
           (SELECT COUNT(*) FROM contacts c WHERE c.deleted_at IS NULL AND c.lead_id = l.id) AS contacts,
           (SELECT COUNT(*) FROM lead_notes n WHERE n.lead_id = l.id) AS notes,
           (SELECT COUNT(*) FROM lead_communications m WHERE m.lead_id = l.id) AS communications
         FROM leads l WHERE contacts <> 0 OR notes <> 0 OR communications <> 0 ORDER BY l.id`,
      )
      .all();
    expect(counted.length).toBeGreaterThan(500);
    expect(kept).toEqual(counted);
  });

  it('gives every open lead the same probability as scoring it alone, and no other lead', () => {
    const fast = scoreOpenLeads(db, leadModel);
    const open = readLeadFacts(db).filter((r) => r.won === null);
    expect(open.length).toBeGreaterThan(100);
    expect([...fast.keys()].sort()).toEqual(open.map((r) => r.id).sort());
    for (const r of open) {
      expect(fast.get(r.id)).toBe(probabilityOf(leadModel, r));
      expect(fast.get(r.id)).toBe(leadScore(db, r.id, leadModel)!.probability);
    }
    // Not a constant: the facts reach the score.
    expect(new Set(fast.values()).size).toBeGreaterThan(open.length / 2);
  });

  it('gives every live term the same chance to renew as scoring it alone, and no other term', () => {
    const fast = scoreOpenTerms(db, retentionModel);
    const open = readTermFacts(db).filter((r) => r.renewed === null);
    expect(open.length).toBeGreaterThan(100);
    expect([...fast.keys()].sort()).toEqual(open.map((r) => r.id).sort());
    expect(open.some((r) => r.priorTerms >= 2)).toBe(true);
    expect(open.some((r) => r.householdMembers > 1)).toBe(true);
    for (const r of open) {
      expect(fast.get(r.id)).toBe(renewalProbability(retentionModel, r));
      const alone = readTermFacts(db, [r.id])[0]!;
      expect(fast.get(r.id)).toBe(scoreTerm(retentionModel, alone).probability);
    }
    expect(new Set(fast.values()).size).toBeGreaterThan(open.length / 2);
  });
});
