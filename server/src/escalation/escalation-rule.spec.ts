import { describe, expect, it } from 'vitest';
import { type CadreRef, escalationTarget, overdue, reminderDue, scheduleReminderYear } from './escalation-rule';

const D = 1;
const streetA = 10;
const streetB = 20;
const cityLeader: CadreRef = { id: 1, name: '市领导', tier: 'CITY', districtId: D, streetId: null };
const districtLeader: CadreRef = { id: 2, name: '区领导', tier: 'DISTRICT', districtId: D, streetId: null };
const laterDistrictLeader: CadreRef = { id: 9, name: '区领导乙', tier: 'DISTRICT', districtId: D, streetId: null };
const streetALeader: CadreRef = { id: 3, name: '东湖街道书记', tier: 'STREET', districtId: D, streetId: streetA };
const streetBLeader: CadreRef = { id: 4, name: '西河街道书记', tier: 'STREET', districtId: D, streetId: streetB };
const otherDistrictLeader: CadreRef = { id: 5, name: '邻区领导', tier: 'DISTRICT', districtId: 2, streetId: null };
const all = [laterDistrictLeader, cityLeader, districtLeader, streetALeader, streetBLeader, otherDistrictLeader];

describe('督办 one tier up', () => {
  it('takes a community cadre’s overdue item to the leader of that community’s street', () => {
    expect(escalationTarget({ tier: 'COMMUNITY', districtId: D, streetId: streetA }, all)).toBe(streetALeader);
  });

  it('takes it to the district when that street has no street-tier cadre (another street’s leader does not count)', () => {
    expect(escalationTarget({ tier: 'COMMUNITY', districtId: D, streetId: streetA }, [streetBLeader, districtLeader, cityLeader])).toBe(districtLeader);
  });

  it('takes a street cadre’s item to the district, and a district cadre’s to the city', () => {
    expect(escalationTarget({ tier: 'STREET', districtId: D, streetId: streetA }, all)).toBe(districtLeader);
    expect(escalationTarget({ tier: 'DISTRICT', districtId: D, streetId: null }, all)).toBe(cityLeader);
  });

  it('has no one above a city leader: the bureau admins alone supervise', () => {
    expect(escalationTarget({ tier: 'CITY', districtId: D, streetId: null }, all)).toBeNull();
  });

  it('skips an empty tier and never escalates into another district', () => {
    expect(escalationTarget({ tier: 'STREET', districtId: D, streetId: streetA }, [cityLeader, otherDistrictLeader])).toBe(cityLeader);
    expect(escalationTarget({ tier: 'STREET', districtId: D, streetId: streetA }, [otherDistrictLeader])).toBeNull();
  });
});

describe('deadline days in Asia/Shanghai', () => {
  it('is overdue only from the day after the due date (a deadline ends at 24:00)', () => {
    expect(overdue('2026-10-13', '2026-10-13')).toBe(false);
    expect(overdue('2026-10-13', '2026-10-14')).toBe(true);
  });

  it('reminds on the last working day before the due date, or on the due date itself', () => {
    // Friday 2026-10-09; the next working day is Saturday 10-10 (a make-up working day).
    expect(reminderDue('2026-10-10', '2026-10-09', '2026-10-10')).toBe(true);
    expect(reminderDue('2026-10-09', '2026-10-09', '2026-10-10')).toBe(true);
    expect(reminderDue('2026-10-12', '2026-10-09', '2026-10-10')).toBe(false);
    expect(reminderDue('2026-10-08', '2026-10-09', '2026-10-10')).toBe(false);
    // Friday before a weekend: Monday's deadline is reminded on Friday.
    expect(reminderDue('2026-11-30', '2026-11-27', '2026-11-30')).toBe(true);
  });
});

describe('next year\'s holiday schedule reminder', () => {
  it('asks from 1 November (Shanghai date) while next year has no schedule', () => {
    expect(scheduleReminderYear('2026-10-31', new Set([2026]))).toBeNull();
    expect(scheduleReminderYear('2026-11-01', new Set([2026]))).toBe(2027);
    expect(scheduleReminderYear('2026-12-31', new Set([2026]))).toBe(2027);
    expect(scheduleReminderYear('2026-11-20', new Set([2026, 2027]))).toBeNull();
    expect(scheduleReminderYear('2027-01-05', new Set([2027]))).toBeNull();
  });
});
