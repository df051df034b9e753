import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing';
import type { PrismaClient } from '../generated/client';
import { buildDemoDistrict, DEMO_PASSWORD, DEMO_USERNAMES, seedDemoDistrict, type SeedCounts } from './index';

// A stand-in for the auth module's hash: distinct per call, like a salted hash, and cheap.
function fakeHasher() {
  const calls: string[] = [];
  return {
    calls,
    hashPassword: async (plain: string) => {
      calls.push(plain);
      return `test-hash$${calls.length}$${plain}`;
    },
  };
}

const EXPECTED: SeedCounts = {
  districts: 1,
  offices: 3,
  streets: 8,
  communities: 40,
  businessTypes: 10,
  businesses: 2_000,
  cadres: 169,
  assignments: 2_000,
  commitmentLetters: buildDemoDistrict().businesses.filter((b) => b.commitmentSignedAt !== null).length,
  volunteers: 117,
  users: 14,
};

async function countRows(prisma: PrismaClient): Promise<SeedCounts> {
  const [districts, offices, streets, communities, businessTypes, businesses, cadres, assignments, commitmentLetters, volunteers, users] =
    await Promise.all([
      prisma.district.count(),
      prisma.office.count(),
      prisma.street.count(),
      prisma.community.count(),
      prisma.businessType.count(),
      prisma.business.count(),
      prisma.cadre.count(),
      prisma.assignment.count({ where: { endedAt: null } }),
      prisma.commitmentLetter.count({ where: { version: 1, supersededAt: null } }),
      prisma.volunteer.count(),
      prisma.user.count(),
    ]);
  return { districts, offices, streets, communities, businessTypes, businesses, cadres, assignments, commitmentLetters, volunteers, users };
}

describe('seedDemoDistrict', () => {
  let testDb: TestDatabase;
  let prisma: PrismaClient;
  const hasher = fakeHasher();
  let seededInMs = 0;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    prisma = testDb.db.prisma;
    const started = performance.now();
    const summary = await seedDemoDistrict(prisma, { hashPassword: hasher.hashPassword });
    seededInMs = performance.now() - started;
    expect(summary).toEqual({ skipped: false, ...EXPECTED });
  });
  afterAll(async () => {
    await testDb?.close();
  });

  it('writes the counts it reports, quickly', async () => {
    console.info(`demo district seeded on ${process.env.TEST_DB} in ${Math.round(seededInMs)} ms`);
    expect(await countRows(prisma)).toEqual(EXPECTED);
    expect(seededInMs).toBeLessThan(20_000);
  });

  it('stores the grades and cadre tiers of the report', async () => {
    const grades = await prisma.business.groupBy({ by: ['grade'], _count: true, orderBy: { grade: 'asc' } });
    expect(grades.map((g) => [g.grade, g._count])).toEqual([['A', 36], ['B', 180], ['C', 420], ['D', 1364]]);
    const tiers = await prisma.cadre.groupBy({ by: ['tier'], _count: true, orderBy: { tier: 'asc' } });
    expect(tiers.map((t) => [t.tier, t._count])).toEqual([['CITY', 4], ['DISTRICT', 17], ['STREET', 3], ['COMMUNITY', 145]]);
  });

  it('gives every business exactly one current cadre of its grade\u2019s tier, in its street or community', async () => {
    const misfits = await prisma.$queryRaw<{ id: number }[]>`
      SELECT b.id FROM "Business" b
      LEFT JOIN "Assignment" a ON a."businessId" = b.id AND a."endedAt" IS NULL
      LEFT JOIN "Cadre" c ON c.id = a."cadreId"
      WHERE c.id IS NULL
         OR c.tier::text <> CASE b.grade::text WHEN 'A' THEN 'CITY' WHEN 'B' THEN 'DISTRICT' WHEN 'C' THEN 'STREET' ELSE 'COMMUNITY' END
         OR (c.tier = 'STREET' AND c."streetId" <> b."streetId")
         OR (c.tier = 'COMMUNITY' AND c."communityId" <> b."communityId")
         OR c."districtId" <> (SELECT s."districtId" FROM "Street" s WHERE s.id = b."streetId")`;
    expect(misfits).toEqual([]);
    const letterMismatch = await prisma.$queryRaw<{ id: number }[]>`
      SELECT l.id FROM "CommitmentLetter" l JOIN "Assignment" a ON a.id = l."assignmentId"
      WHERE a."businessId" <> l."businessId" OR a."cadreId" <> l."cadreId"`;
    expect(letterMismatch).toEqual([]);
  });

  it('creates the demo accounts: hashed passwords for staff, cadres and the admin, dev openids for the rest', async () => {
    expect(hasher.calls).toEqual(Array(7).fill(DEMO_PASSWORD));
    const users = await prisma.user.findMany({
      select: { username: true, role: true, passwordHash: true, openid: true, officeId: true, cadre: { select: { tier: true } } },
    });
    const byName = new Map(users.map((u) => [u.username, u]));
    const passwordUsers = [DEMO_USERNAMES.admin, ...DEMO_USERNAMES.offices, ...Object.values(DEMO_USERNAMES.cadres)];
    for (const name of passwordUsers) expect(byName.get(name)?.passwordHash).toMatch(/^test-hash\$\d\$Demo@2026$/);
    expect(new Set(passwordUsers.map((n) => byName.get(n)?.passwordHash)).size).toBe(7);
    for (const name of DEMO_USERNAMES.offices) expect(byName.get(name)?.officeId).not.toBeNull();
    expect(byName.get(DEMO_USERNAMES.cadres.district)?.cadre?.tier).toBe('DISTRICT');
    expect(byName.get(DEMO_USERNAMES.cadres.street)?.cadre?.tier).toBe('STREET');
    expect(byName.get(DEMO_USERNAMES.cadres.community)?.cadre?.tier).toBe('COMMUNITY');
    for (const name of [...DEMO_USERNAMES.residents, ...DEMO_USERNAMES.volunteers]) {
      expect(byName.get(name)).toMatchObject({ passwordHash: null, openid: `dev-openid-${name}` });
    }
    const bound = await prisma.volunteer.findMany({ where: { userId: { not: null } }, select: { user: { select: { username: true } } } });
    expect(bound.map((v) => v.user?.username).sort()).toEqual([...DEMO_USERNAMES.volunteers]);
  });

  it('does nothing the second time, without hashing again', async () => {
    const before = hasher.calls.length;
    expect(await seedDemoDistrict(prisma, { hashPassword: hasher.hashPassword })).toEqual({ skipped: true });
    expect(hasher.calls.length).toBe(before);
    expect(await countRows(prisma)).toEqual(EXPECTED);
  });

  it('leaves the id sequences usable for the next business the registry adds', async () => {
    const street = await prisma.community.findFirstOrThrow({ select: { id: true, streetId: true } });
    const type = await prisma.businessType.findFirstOrThrow({ select: { id: true } });
    const added = await prisma.business.create({
      data: {
        name: '新开张面馆',
        licenceNo: 'JY29999990000001',
        grade: 'D',
        address: '东湖街道新路1号',
        businessTypeId: type.id,
        streetId: street.streetId,
        communityId: street.id,
      },
    });
    expect(added.id).toBeGreaterThan(2_000);
    await prisma.business.delete({ where: { id: added.id } });
  });
});

describe('seedDemoDistrict run twice at once', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(async () => {
    await testDb?.close();
  });

  it('seeds once: one call writes the district, the other reports it skipped', async () => {
    const prisma = testDb.db.prisma;
    const { hashPassword } = fakeHasher();
    const results = await Promise.all([seedDemoDistrict(prisma, { hashPassword }), seedDemoDistrict(prisma, { hashPassword })]);
    expect(results.map((r) => r.skipped).sort()).toEqual([false, true]);
    expect(await countRows(prisma)).toEqual(EXPECTED);
  });
});
