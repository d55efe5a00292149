import { describe, expect, it } from 'vitest';
import { retentionRisk } from '../../../shared/book/retention';
import {
  addDaysToDate,
  addMonths,
  commissionAmount,
  isRetentionRisk,
  monthsBetween,
  premiumChangePct,
  searchKey,
  xDateFollowUp,
} from '../../../shared/book/terms';

describe('term arithmetic', () => {
  it('adds months, keeping the day or the month’s last day', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2025-03-10', -12)).toBe('2024-03-10');
    expect(addDaysToDate('2025-12-31', 1)).toBe('2026-01-01');
    expect(monthsBetween('2025-01-15', '2025-07-15')).toBe(6);
    expect(monthsBetween('2025-01-01', '2026-01-01')).toBe(12);
  });

  it('keeps premium changes in percent to two decimals and flags 10% or more', () => {
    expect(premiumChangePct(1000, 1100)).toBe(10);
    expect(premiumChangePct(1197, 1300.5)).toBe(8.65);
    expect(premiumChangePct(0, 100)).toBeNull();
    expect(isRetentionRisk(10)).toBe(true);
    expect(isRetentionRisk(9.99)).toBe(false);
    expect(isRetentionRisk(null)).toBe(false);
    expect(commissionAmount(812.35, 12.5)).toBe(101.54);
    expect(commissionAmount(100, null)).toBeNull();
  });

  it('puts the X-date follow-up in the re-quote window, never in the past', () => {
    const now = '2025-03-10T12:00:00.000Z';
    expect(xDateFollowUp('2025-06-30', 45, now)).toEqual({ at: '2025-05-16T15:00:00.000Z', xdate: '2025-06-30' });
    // the window is already open: call now
    expect(xDateFollowUp('2025-04-01', 45, now)).toEqual({ at: now, xdate: '2025-04-01' });
    // already expired: it renewed elsewhere, next year's X-date
    expect(xDateFollowUp('2023-12-01', 30, now)).toEqual({ at: '2025-11-01T15:00:00.000Z', xdate: '2025-12-01' });
  });

  it('normalizes typed identifiers like the search keys', () => {
    expect(searchKey('pa-2025 00.4/2')).toBe('PA20250042');
  });
});

describe('retention risk', () => {
  const now = new Date('2025-06-01T00:00:00.000Z');
  it('weighs a steep rise, a new client, tickets, silence and a single policy, and explains it', () => {
    const risky = retentionRisk(
      {
        premiumChangePct: 18,
        clientSince: '2025-01-01T00:00:00.000Z',
        openTickets: 1,
        lastContactAt: null,
        livePolicies: 1,
      },
      now,
    );
    expect(risky.score).toBeGreaterThanOrEqual(90);
    expect(risky.reasons[0]).toBe('premium rose 18.0% at the last renewal');
    const safe = retentionRisk(
      {
        premiumChangePct: 2,
        clientSince: '2015-01-01T00:00:00.000Z',
        openTickets: 0,
        lastContactAt: '2025-05-01T00:00:00.000Z',
        livePolicies: 3,
      },
      now,
    );
    expect(safe).toEqual({ score: 0, reasons: [] });
  });
});
