import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aUser } from '../../../test/support/builders';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { AuthHousekeeping } from './auth-housekeeping';

const HOUR = 3600_000;

describe('auth housekeeping', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ LOGIN_MAX_FAILURES: '5', LOGIN_LOCK_MINUTES: '15' });
  });
  afterAll(async () => app?.close());
  beforeEach(async () => {
    await app.truncate();
    app.clock.travelTo(new Date());
  });

  const wrongPassword = (username: string, from: string) =>
    app.request('POST', '/api/v1/auth/password', { body: { username, password: 'not-the-password' }, headers: { 'x-forwarded-for': from } });

  it('deletes ended and revoked sessions and keeps the live one working', async () => {
    await aUser().username('resident').build(app.prisma);
    const live = await app.login('resident');
    const ended = await app.login('resident');
    const revoked = await app.login('resident');
    const logout = await app.request('POST', '/api/v1/auth/logout', { token: revoked });
    expect(logout.status).toBeLessThan(300);
    // The second session ran out yesterday.
    const rows = await app.prisma.session.findMany({ orderBy: { id: 'asc' } });
    expect(rows).toHaveLength(3);
    await app.prisma.session.update({ where: { id: rows[1]!.id }, data: { expiresAt: new Date(Date.now() - 24 * HOUR) } });

    const pruned = await app.nest.get(AuthHousekeeping).prune();
    expect(pruned.sessions).toBe(2);
    expect(await app.prisma.session.count()).toBe(1);
    expect((await app.get('/api/v1/me', live)).status).toBe(200);
    expect((await app.get('/api/v1/me', ended)).status).toBe(401);
    expect((await app.get('/api/v1/me', revoked)).status).toBe(401);
  });

  it('forgets wrong-password counts a day after the last one, made-up usernames included, but never a lock in force', async () => {
    await aUser().username('office1').role('OFFICE_STAFF').build(app.prisma);
    await wrongPassword('office1', '203.0.113.1');
    await wrongPassword('no-such-user-1', '203.0.113.2');
    for (let i = 0; i < 5; i++) await wrongPassword('no-such-user-2', '203.0.113.3');
    expect(await app.prisma.loginFailure.count()).toBe(3);
    // The locked pair's lock is made to outlast the day, as a long configured lock would.
    await app.prisma.loginFailure.updateMany({ where: { lockedUntil: { not: null } }, data: { lockedUntil: new Date(Date.now() + 48 * HOUR) } });

    // Nothing is a day old yet.
    expect((await app.nest.get(AuthHousekeeping).prune()).loginFailures).toBe(0);

    // A day and an hour on for the three counts; then a fresh one from another address.
    await app.prisma.$executeRawUnsafe(`UPDATE "LoginFailure" SET "updatedAt" = "updatedAt" - interval '25 hours'`);
    await wrongPassword('office1', '203.0.113.9');
    const pruned = await app.nest.get(AuthHousekeeping).prune();
    expect(pruned.loginFailures).toBe(2);
    const left = await app.prisma.loginFailure.findMany({ select: { source: true, lockedUntil: true } });
    expect(left.map((r) => r.source).sort()).toEqual(['203.0.113.3', '203.0.113.9']);
    // The lock still holds after the housekeeping.
    const locked = await wrongPassword('no-such-user-2', '203.0.113.3');
    expect(locked.status).toBe(423);
  });
});
