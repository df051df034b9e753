import { describe, expect, it } from 'vitest';
import {
  buildDemoDistrict,
  CADRE_COUNTS,
  DEMO_USERNAMES,
  GRADE_COUNTS,
  licenceNo,
  scaleBusinesses,
  type DemoBusiness,
  type DemoCadre,
  type DemoDistrict,
} from './index';

const demo = buildDemoDistrict();
const HAN = /^[\u4e00-\u9fff（）·、0-9]+$/u;
const countBy = <T>(items: T[], key: (item: T) => string) =>
  items.reduce<Record<string, number>>((acc, item) => ({ ...acc, [key(item)]: (acc[key(item)] ?? 0) + 1 }), {});

/** The 包保 rule, restated independently of the generator: tier by grade, area by tier. */
function cadreFits(b: DemoBusiness, c: DemoCadre): boolean {
  const tier = { A: 'CITY', B: 'DISTRICT', C: 'STREET', D: 'COMMUNITY' }[b.grade];
  if (c.tier !== tier) return false;
  if (c.tier === 'STREET') return c.streetCode === b.streetCode;
  if (c.tier === 'COMMUNITY') return c.communityCode === b.communityCode;
  return c.streetCode === null && c.communityCode === null;
}

describe('buildDemoDistrict', () => {
  it('has one district, 3 offices over 8 streets (3/3/2) and 40 communities of 3,000–12,000 people, ~300,000 in all', () => {
    expect(demo.offices).toHaveLength(3);
    expect(Object.values(countBy(demo.streets, (s) => s.officeCode))).toEqual([3, 3, 2]);
    expect(demo.communities).toHaveLength(40);
    const population = demo.communities.reduce((sum, c) => sum + c.population, 0);
    console.info(`demo district population: ${population}`);
    expect(population).toBeGreaterThanOrEqual(295_000);
    expect(population).toBeLessThanOrEqual(305_000);
    for (const c of demo.communities) {
      expect(c.population).toBeGreaterThanOrEqual(3_000);
      expect(c.population).toBeLessThanOrEqual(12_000);
    }
    for (const o of demo.offices) expect(o.phone).toMatch(/^0\d{2,3}-\d{8}$/);
  });

  it('has the report\u2019s 1,964 B/C/D businesses plus 36 A, few B and C, most D', () => {
    expect(demo.businesses).toHaveLength(2_000);
    const grades = countBy(demo.businesses, (b) => b.grade);
    expect(grades).toEqual(GRADE_COUNTS);
    expect(demo.businesses.filter((b) => b.grade !== 'A')).toHaveLength(1_964);
    expect(demo.businessTypes).toHaveLength(10);
    expect(new Set(demo.businesses.map((b) => b.typeCode)).size).toBe(10);
  });

  it('has 4 city, 17 district, 3 street and 145 community cadres, 3 or 4 in every community', () => {
    expect(countBy(demo.cadres, (c) => c.tier)).toEqual({ CITY: 4, DISTRICT: 17, STREET: 3, COMMUNITY: 145 });
    expect(CADRE_COUNTS).toEqual({ CITY: 4, DISTRICT: 17, STREET: 3, COMMUNITY: 145 });
    const perCommunity = countBy(demo.cadres.filter((c) => c.tier === 'COMMUNITY'), (c) => c.communityCode ?? '');
    expect(Object.keys(perCommunity)).toHaveLength(40);
    for (const n of Object.values(perCommunity)) expect([3, 4]).toContain(n);
    const streetCadreStreets = demo.cadres.filter((c) => c.tier === 'STREET').map((c) => c.streetCode);
    expect(new Set(streetCadreStreets).size).toBe(3);
    expect(new Set(demo.cadres.map((c) => c.phone)).size).toBe(demo.cadres.length);
    for (const c of demo.cadres) expect(c.phone).toMatch(/^139\d{8}$/);
  });

  it('assigns every business to a cadre of its grade\u2019s tier and area, with balanced loads', () => {
    const cadres = new Map(demo.cadres.map((c) => [c.key, c]));
    const misfits = demo.businesses.filter((b) => {
      const cadre = cadres.get(b.cadreKey);
      return !cadre || !cadreFits(b, cadre);
    });
    expect(misfits).toEqual([]);
    const loads = countBy(demo.businesses, (b) => b.cadreKey);
    expect(Object.keys(loads)).toHaveLength(demo.cadres.length);
    const loadsOf = (tier: string) => demo.cadres.filter((c) => c.tier === tier).map((c) => loads[c.key] ?? 0);
    for (const tier of ['CITY', 'DISTRICT']) {
      const l = loadsOf(tier);
      expect(Math.max(...l) - Math.min(...l)).toBeLessThanOrEqual(1);
    }
    for (const communityCode of new Set(demo.cadres.map((c) => c.communityCode).filter(Boolean))) {
      const l = demo.cadres.filter((c) => c.communityCode === communityCode && c.tier === 'COMMUNITY').map((c) => loads[c.key] ?? 0);
      expect(Math.max(...l) - Math.min(...l)).toBeLessThanOrEqual(1);
    }
  });

  it('puts C businesses only in the three streets with a street-tier cadre', () => {
    const streetsWithCadre = new Set(demo.cadres.filter((c) => c.tier === 'STREET').map((c) => c.streetCode));
    const cStreets = new Set(demo.businesses.filter((b) => b.grade === 'C').map((b) => b.streetCode));
    expect(cStreets).toEqual(streetsWithCadre);
  });

  it('signs about 90% of commitment letters, all in 2026 and after the assignment started', () => {
    const signed = demo.businesses.filter((b) => b.commitmentSignedAt !== null);
    expect(signed.length / demo.businesses.length).toBeGreaterThan(0.86);
    expect(signed.length / demo.businesses.length).toBeLessThan(0.94);
    for (const b of signed) {
      expect(b.commitmentSignedAt?.getUTCFullYear()).toBe(2026);
      expect(b.commitmentSignedAt!.getTime()).toBeGreaterThan(b.assignedAt.getTime());
    }
  });

  it('gives unique JY licence numbers of 14 digits', () => {
    const numbers = demo.businesses.map((b) => b.licenceNo);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const n of numbers) expect(n).toMatch(/^JY\d{14}$/);
  });

  it('addresses each business in its own street and community, and places ~70% on the map near the district', () => {
    const streets = new Map(demo.streets.map((s) => [s.code, s]));
    const communities = new Map(demo.communities.map((c) => [c.code, c]));
    for (const b of demo.businesses) {
      expect(communities.get(b.communityCode)?.streetCode).toBe(b.streetCode);
      expect(b.address.startsWith(streets.get(b.streetCode)?.name ?? '?')).toBe(true);
      expect(b.address).toMatch(/(路|街|巷|大道)\d+号/);
    }
    const located = demo.businesses.filter((b) => b.lat !== null && b.lng !== null);
    expect(located.length / demo.businesses.length).toBeGreaterThan(0.65);
    expect(located.length / demo.businesses.length).toBeLessThan(0.75);
    for (const b of located) {
      expect(b.lat).toBeGreaterThanOrEqual(30.2);
      expect(b.lat).toBeLessThanOrEqual(30.4);
      expect(b.lng).toBeGreaterThanOrEqual(120.1);
      expect(b.lng).toBeLessThanOrEqual(120.3);
    }
  });

  it('staffs large businesses with safety officers and directors far more often than micro ones', () => {
    const rate = (grade: string, flag: 'hasSafetyOfficer' | 'hasSafetyDirector') => {
      const of = demo.businesses.filter((b) => b.grade === grade);
      return of.filter((b) => b[flag]).length / of.length;
    };
    expect(rate('A', 'hasSafetyOfficer')).toBeGreaterThan(0.85);
    expect(rate('B', 'hasSafetyOfficer')).toBeGreaterThan(0.8);
    expect(rate('D', 'hasSafetyOfficer')).toBeLessThan(0.2);
    expect(rate('A', 'hasSafetyDirector')).toBeGreaterThan(rate('D', 'hasSafetyDirector'));
  });

  it('has 117 volunteers in five categories with unique unambiguous invitation codes, the first two bound', () => {
    expect(demo.volunteers).toHaveLength(117);
    expect(countBy(demo.volunteers, (v) => v.category)).toEqual({ NPC_DEPUTY: 20, CPPCC_MEMBER: 15, PARENT: 35, TEACHER: 30, OTHER: 17 });
    const codes = demo.volunteers.map((v) => v.invitationCode);
    expect(new Set(codes).size).toBe(117);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(demo.volunteers.map((v) => v.username)).toEqual(['volunteer1', 'volunteer2', ...Array(115).fill(null)]);
    const streetCodes = new Set(demo.streets.map((s) => s.code));
    for (const v of demo.volunteers) expect(streetCodes.has(v.streetCode)).toBe(true);
  });

  it('has the demo users the README lists, with passwords only for staff, cadres and the admin', () => {
    const users = new Map(demo.users.map((u) => [u.username, u]));
    expect(users.get(DEMO_USERNAMES.admin)).toMatchObject({ role: 'ADMIN', displayName: '区食安办管理员', hasPassword: true });
    DEMO_USERNAMES.offices.forEach((name, i) =>
      expect(users.get(name)).toMatchObject({ role: 'OFFICE_STAFF', officeCode: demo.offices[i]?.code, hasPassword: true }),
    );
    const tierOf = (username: string) => demo.cadres.find((c) => c.key === users.get(username)?.cadreKey)?.tier;
    expect(tierOf(DEMO_USERNAMES.cadres.district)).toBe('DISTRICT');
    expect(tierOf(DEMO_USERNAMES.cadres.street)).toBe('STREET');
    expect(tierOf(DEMO_USERNAMES.cadres.community)).toBe('COMMUNITY');
    for (const name of DEMO_USERNAMES.residents) {
      expect(users.get(name)).toMatchObject({ role: 'RESIDENT', openid: `dev-openid-${name}`, hasPassword: false });
    }
    for (const name of DEMO_USERNAMES.volunteers) expect(users.get(name)).toMatchObject({ role: 'VOLUNTEER', hasPassword: false });
    expect(new Set(demo.users.map((u) => u.username)).size).toBe(demo.users.length);
  });

  it('uses Chinese names for places, shops and people', () => {
    const names = [
      demo.district.name,
      ...demo.offices.map((o) => o.name),
      ...demo.streets.map((s) => s.name),
      ...demo.communities.map((c) => c.name),
      ...demo.businesses.map((b) => b.name),
      ...demo.cadres.map((c) => c.name),
      ...demo.volunteers.map((v) => v.name),
    ];
    const notChinese = names.filter((n) => !HAN.test(n));
    expect(notChinese).toEqual([]);
    for (const c of demo.cadres) expect(c.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/u);
    expect(demo.streets.every((s) => s.name.endsWith('街道'))).toBe(true);
    expect(demo.communities.every((c) => c.name.endsWith('社区'))).toBe(true);
  });

  it('is the same on every build, and different for another seed', () => {
    expect(buildDemoDistrict()).toEqual(demo);
    const other: DemoDistrict = buildDemoDistrict(7);
    expect(other.businesses.map((b) => b.name)).not.toEqual(demo.businesses.map((b) => b.name));
  });
});

describe('licenceNo', () => {
  it('never repeats across the whole serial range', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1_000_000; i++) seen.add(licenceNo('2', i).slice(9, 15));
    expect(seen.size).toBe(1_000_000);
    expect(() => licenceNo('2', 1_000_000)).toThrow(RangeError);
  });
});

describe('scaleBusinesses', () => {
  it('makes the requested number in batches, by the same rules, with licences that continue after the demo', () => {
    const batches = [...scaleBusinesses(5_500, { batchSize: 1_000 })];
    expect(batches.map((b) => b.length)).toEqual([1_000, 1_000, 1_000, 1_000, 1_000, 500]);
    const all = batches.flat();
    const licences = new Set([...demo.businesses, ...all].map((b) => b.licenceNo));
    expect(licences.size).toBe(demo.businesses.length + all.length);
    const cadres = new Map(demo.cadres.map((c) => [c.key, c]));
    expect(all.filter((b) => !cadreFits(b, cadres.get(b.cadreKey) as DemoCadre))).toEqual([]);
    const d = all.filter((b) => b.grade === 'D').length / all.length;
    expect(d).toBeGreaterThan(0.6);
    expect(d).toBeLessThan(0.75);
  });

  it('is deterministic', () => {
    const first = scaleBusinesses(300).next().value;
    expect(scaleBusinesses(300).next().value).toEqual(first);
  });
});
