import { describe, expect, it } from 'vitest';
import { isProvisional } from './deadlines';

const known = new Set([2025, 2026]);

describe('isProvisional', () => {
  it('marks a working-day limit that runs into a year without a schedule', () => {
    expect(isProvisional('2026-12-10', '2027-01-14', 'WORKING_DAYS', known)).toBe(true);
    expect(isProvisional('2026-11-02', '2026-12-31', 'WORKING_DAYS', known)).toBe(false);
    expect(isProvisional('2026-12-10', '2027-01-14', 'WORKING_DAYS', new Set([2026, 2027]))).toBe(false);
  });

  it('never marks a calendar-day limit: holidays do not move it', () => {
    expect(isProvisional('2026-12-10', '2027-03-10', 'CALENDAR_DAYS', known)).toBe(false);
  });

  it('checks every year the limit spans, not only its ends', () => {
    expect(isProvisional('2025-06-02', '2027-02-01', 'WORKING_DAYS', new Set([2025, 2027]))).toBe(true);
  });
});
