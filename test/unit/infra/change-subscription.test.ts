import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, type CommandName } from '../../../shared/api/contract';
import {
  ALL_CHANGE_TABLES,
  COMMAND_READS,
  afterChange,
  versionOf,
  type ChangeEvent,
  type TableVersions,
} from '../../../shared/api/changes';

const local = (...tables: ChangeEvent['tables']): ChangeEvent => ({ tables, source: 'local' });
const sync = (...tables: ChangeEvent['tables']): ChangeEvent => ({ tables, source: 'sync' });

/** How many times a query reading `reads` would run over a sequence of events (once at mount). */
function runs(reads: ChangeEvent['tables'], events: ChangeEvent[]): number {
  let versions: TableVersions = {};
  let last = versionOf(versions, reads);
  let count = 1;
  for (const e of events) {
    versions = afterChange(versions, e);
    const now = versionOf(versions, reads);
    if (now !== last) count++;
    last = now;
  }
  return count;
}

describe('screens re-run the queries that read what changed', () => {
  it('re-runs the Leads list for a change to leads or owners, not for unrelated tables', () => {
    const reads = [...COMMAND_READS['leads.list']!];
    expect(runs(reads, [sync('leads', 'sync_state')])).toBe(2);
    expect(runs(reads, [sync('users')])).toBe(2);
    expect(runs(reads, [local('support_tickets', 'outbox'), sync('sync_state'), sync('sync_status')])).toBe(1);
  });

  it('re-runs the lead page for a colleague’s note and a reassignment, once per event', () => {
    const reads = [...COMMAND_READS['leads.get']!];
    expect(runs(reads, [sync('lead_notes', 'sync_state'), sync('leads', 'timeline_events', 'sync_state')])).toBe(3);
    expect(runs(reads, [local('outbox'), sync('conflicts')])).toBe(1);
  });

  it('re-reads the sync status for outbox, inbox and engine changes only', () => {
    const reads = [...COMMAND_READS['sync.status']!];
    expect(runs(reads, [sync('outbox'), sync('conflicts', 'outbox'), sync('sync_status')])).toBe(4);
    expect(runs(reads, [local('leads', 'lead_notes')])).toBe(1);
  });

  it('every read command names only tables an event can carry, and a table counts once per event', () => {
    for (const reads of Object.values(COMMAND_READS)) for (const t of reads!) expect(ALL_CHANGE_TABLES).toContain(t);
    const versions = afterChange({}, local('leads'));
    expect(versions).toEqual({ leads: 1 });
    expect(versionOf(afterChange(versions, local('leads', 'leads')), ['leads'])).toBe(2);
  });

  it('every command that reads the replica names what it reads, so its screen follows the feed', () => {
    // The commands that change things or talk to a provider: nothing to re-run.
    const acting: CommandName[] = [
      'mutate',
      'sync.signIn',
      'sync.signOut',
      'conflicts.resolve',
      'ai.run',
      'ai.cancel',
      'ai.settings.save',
      'book.settings.save',
      'demo.load',
      'score.train',
      'demo.clear',
      'imports.upload',
      'imports.start',
      'imports.cancel',
      'imports.resume',
      'imports.report',
      'imports.undo',
      'imports.saveMapping',
      'exports.create',
      'duplicates.scan',
      'duplicates.dismiss',
      'ask',
    ];
    const missing = COMMAND_NAMES.filter((c) => !acting.includes(c) && !COMMAND_READS[c]);
    expect(missing).toEqual([]);
  });
});
