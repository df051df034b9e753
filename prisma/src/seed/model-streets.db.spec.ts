import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing';
import type { PrismaClient } from '../generated/client';
import { seedDemoDistrict } from './index';

describe('demo seed: the three model food streets', () => {
  let testDb: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    prisma = testDb.db.prisma;
    await seedDemoDistrict(prisma, { hashPassword: async (plain) => `test-hash$${plain}` });
  });
  afterAll(async () => {
    await testDb?.close();
  });

  const streets = () =>
    prisma.modelStreet.findMany({
      orderBy: { sortOrder: 'asc' },
      select: {
        name: true,
        description: true,
        address: true,
        streetId: true,
        street: { select: { name: true } },
        businesses: { select: { name: true, address: true, streetId: true, licenceNo: true, businessType: { select: { code: true } } } },
      },
    });

  it('names 和平街, 春光巷 and 太阳市场 in that order, each in a street of the district with 10 to 25 businesses', async () => {
    const rows = await streets();
    expect(rows.map((s) => [s.name, s.street.name])).toEqual([['和平街', '东湖街道'], ['春光巷', '西河街道'], ['太阳市场', '湖滨街道']]);
    for (const s of rows) {
      expect(s.businesses.length).toBeGreaterThanOrEqual(10);
      expect(s.businesses.length).toBeLessThanOrEqual(25);
      expect(s.description.length).toBeGreaterThan(60);
      expect(s.address).toContain(s.street.name);
    }
  });

  it('puts only food-service businesses of that street on it, or market stalls in the market, each at an address on it', async () => {
    for (const s of await streets()) {
      for (const b of s.businesses) {
        expect(b.streetId).toBe(s.streetId);
        expect(b.businessType.code).toMatch(s.name === '太阳市场' ? /^CATERING_|^RETAIL_MARKET_STALL$/ : /^CATERING_/);
        expect(b.address).toContain(s.name);
      }
    }
    const addresses = (await streets()).flatMap((s) => s.businesses.map((b) => b.address));
    expect(new Set(addresses).size).toBe(addresses.length);
  });

  it('chooses the same businesses every time the demo is seeded', async () => {
    const other = await createTestDatabase();
    try {
      await seedDemoDistrict(other.db.prisma, { hashPassword: async (plain) => `test-hash$${plain}` });
      const members = async (db: PrismaClient) =>
        (await db.business.findMany({ where: { modelStreetId: { not: null } }, select: { licenceNo: true, modelStreet: { select: { code: true } } }, orderBy: { licenceNo: 'asc' } })).map(
          (b) => `${b.modelStreet?.code} ${b.licenceNo}`,
        );
      expect(await members(other.db.prisma)).toEqual(await members(prisma));
    } finally {
      await other.close();
    }
  });
});
