// The demo district as plain data: no database, no clock, no Math.random. The same seed gives the same district.
import type { CadreTier, Grade, Role, VolunteerCategory } from '../generated/enums';
import {
  AREA_PLAN,
  BUSINESS_TYPES,
  CITY_TITLES,
  COMMUNITY_TITLES,
  DISTRICT_AREA_CODE,
  DISTRICT_NAME,
  DISTRICT_TITLES,
  OFFICE_PHONE_PREFIX,
  ROAD_SUFFIXES,
  ROAD_WORDS,
  STREET_TITLES,
  personName,
  shopName,
  type BusinessTypeCode,
} from './names';
import { Rng, apportion } from './prng';

export const DEMO_SEED = 20261129;
export const DEMO_DISTRICT_CODE = DISTRICT_AREA_CODE;
export const DEMO_PASSWORD = 'Demo@2026';

/** Demo log-ins: password users (`DEMO_PASSWORD`) and dev-login users (`dev:<username>`). */
export const DEMO_USERNAMES = {
  admin: 'admin',
  offices: ['office1', 'office2', 'office3'],
  /** B-tier (DISTRICT), C-tier (STREET) and D-tier (COMMUNITY) cadres. */
  cadres: { district: 'cadre-b1', street: 'cadre-c1', community: 'cadre-d1' },
  residents: ['resident1', 'resident2', 'resident3', 'resident4', 'resident5'],
  volunteers: ['volunteer1', 'volunteer2'],
} as const;

// Data, not a rule: mirrors TIER_FOR_GRADE in @sa/contracts, which @sa/db may not import.
const TIER_FOR_GRADE: Record<Grade, CadreTier> = { A: 'CITY', B: 'DISTRICT', C: 'STREET', D: 'COMMUNITY' };

/** 1,964 B/C/D businesses as in the bureau's report, plus 36 A: few large, most micro. */
export const GRADE_COUNTS: Record<Grade, number> = { A: 36, B: 180, C: 420, D: 1364 };
/** 包保 cadres per tier: 4 city leaders, and the report's 17 district, 3 street and 145 community cadres. */
export const CADRE_COUNTS: Record<CadreTier, number> = { CITY: 4, DISTRICT: 17, STREET: 3, COMMUNITY: 145 };
export const VOLUNTEER_COUNTS: Record<VolunteerCategory, number> = {
  NPC_DEPUTY: 20,
  CPPCC_MEMBER: 15,
  PARENT: 35,
  TEACHER: 30,
  OTHER: 17,
};

const SAFETY_OFFICER_RATE: Record<Grade, number> = { A: 0.97, B: 0.9, C: 0.55, D: 0.12 }; // 食品安全员
const SAFETY_DIRECTOR_RATE: Record<Grade, number> = { A: 0.9, B: 0.6, C: 0.1, D: 0.02 }; // 食品安全总监
const COMMITMENT_SIGNED_RATE = 0.9;
const COORDINATES_RATE = 0.7;
const LICENCE_SERIALS = 1_000_000;

/** Which 业态 a business of each grade tends to be. */
const TYPE_WEIGHTS: Record<Grade, Partial<Record<BusinessTypeCode, number>>> = {
  A: { CATERING_LARGE: 40, CANTEEN: 35, RETAIL_SUPERMARKET: 25 },
  B: { CATERING_LARGE: 25, CATERING_SMALL: 25, CANTEEN: 25, RETAIL_SUPERMARKET: 20, CATERING_FAST: 5 },
  C: {
    CATERING_SMALL: 35,
    CATERING_FAST: 15,
    CATERING_DRINK: 10,
    RETAIL_SUPERMARKET: 10,
    RETAIL_CONVENIENCE: 15,
    CANTEEN: 10,
    CATERING_SNACK: 5,
  },
  D: {
    CATERING_SNACK: 25,
    CATERING_SMALL: 15,
    CATERING_DRINK: 12,
    CATERING_FAST: 8,
    RETAIL_CONVENIENCE: 15,
    RETAIL_MARKET_STALL: 18,
    PRODUCTION_WORKSHOP: 7,
  },
};

export type DemoOffice = { code: string; name: string; address: string; phone: string };
export type DemoStreet = { code: string; name: string; officeCode: string };
export type DemoCommunity = { code: string; name: string; streetCode: string; population: number };
export type DemoBusinessType = { code: string; name: string };
/** `key` is local to the seed (the database assigns ids); it links businesses and users to their cadre. */
export type DemoCadre = {
  key: string;
  name: string;
  tier: CadreTier;
  title: string;
  phone: string;
  streetCode: string | null;
  communityCode: string | null;
};
/** A business with its current 包保 assignment and, when signed, its version-1 commitment letter. */
export type DemoBusiness = {
  licenceNo: string;
  name: string;
  typeCode: string;
  grade: Grade;
  address: string;
  streetCode: string;
  communityCode: string;
  lat: number | null;
  lng: number | null;
  hasSafetyOfficer: boolean;
  hasSafetyDirector: boolean;
  cadreKey: string;
  assignedAt: Date;
  commitmentSignedAt: Date | null;
};
export type DemoVolunteer = {
  invitationCode: string;
  name: string;
  category: VolunteerCategory;
  phone: string;
  streetCode: string;
  /** the demo user bound to this roster entry, if any */
  username: string | null;
  boundAt: Date | null;
};
export type DemoUser = {
  username: string;
  role: Role;
  displayName: string;
  openid: string | null;
  officeCode: string | null;
  cadreKey: string | null;
  /** staff, cadres and the admin log in with `DEMO_PASSWORD` */
  hasPassword: boolean;
};
export type DemoDistrict = {
  district: { code: string; name: string };
  offices: DemoOffice[];
  streets: DemoStreet[];
  communities: DemoCommunity[];
  businessTypes: DemoBusinessType[];
  cadres: DemoCadre[];
  businesses: DemoBusiness[];
  volunteers: DemoVolunteer[];
  users: DemoUser[];
};

type Point = { lat: number; lng: number };
type CommunityPlace = DemoCommunity & { short: string; streetName: string; streetShort: string; roads: string[]; centre: Point };

/** Areas and cadres: everything a business needs to be placed and assigned. */
type World = {
  district: DemoDistrict['district'];
  offices: DemoOffice[];
  streets: DemoStreet[];
  communities: CommunityPlace[];
  cadres: DemoCadre[];
  /** C businesses go only to streets with a street-tier cadre */
  streetCadre: Map<string, string>;
  communityCadres: Map<string, string[]>;
  phones: Set<string>;
  names: Set<string>;
};

const INVITATION_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
// Dates are fixed instants (09:00 Asia/Shanghai is 01:00 UTC), never the clock.
const day = (yearDay: number, hourUtc = 1) => new Date(Date.UTC(2026, 0, yearDay, hourUtc));

function planWorld(rng: Rng): World {
  const district = { code: DEMO_DISTRICT_CODE, name: DISTRICT_NAME };
  const phones = new Set<string>();
  const names = new Set<string>();
  const roads = uniqueRoads(rng, AREA_PLAN.flatMap((o) => o.streets).reduce((n, s) => n + s.communities.length * 2, 0));

  const offices: DemoOffice[] = [];
  const streets: DemoStreet[] = [];
  const communities: CommunityPlace[] = [];
  const cadreStreets: DemoStreet[] = [];
  let streetNo = 0;
  AREA_PLAN.forEach((plan, o) => {
    const officeCode = `${district.code}-O${o + 1}`;
    offices.push({
      code: officeCode,
      name: `${plan.office.short}市场监管所`,
      address: `${district.name}${plan.streets[0]?.name}${plan.office.road}${rng.int(8, 188)}号`,
      phone: `${OFFICE_PHONE_PREFIX}8${rng.digits(7)}`,
    });
    plan.streets.forEach((s, i) => {
      streetNo += 1;
      const code = `${district.code}-S${String(streetNo).padStart(2, '0')}`;
      const street = { code, name: s.name, officeCode };
      streets.push(street);
      // The report has only 3 street-tier cadres for 8 streets: one per office, in its first street.
      if (i === 0) cadreStreets.push(street);
      // Street centres on a loose grid inside 30.2–30.4 N, 120.1–120.3 E.
      const row = Math.floor((streetNo - 1) / 3);
      const column = (streetNo - 1) % 3;
      const centre = { lat: 30.23 + 0.045 * row + rng.float() * 0.02, lng: 120.13 + 0.045 * column + rng.float() * 0.02 };
      s.communities.forEach((name, c) => {
        communities.push({
          code: `${code}-C${c + 1}`,
          name,
          streetCode: code,
          population: 0,
          short: name.replace(/社区$/, ''),
          streetName: s.name,
          streetShort: s.name.replace(/街道$/, ''),
          roads: [roads.pop() as string, roads.pop() as string],
          centre: { lat: centre.lat + (rng.float() - 0.5) * 0.03, lng: centre.lng + (rng.float() - 0.5) * 0.03 },
        });
      });
    });
  });
  setPopulations(rng, communities);

  const cadres: DemoCadre[] = [];
  const addCadre = (tier: CadreTier, title: string, streetCode: string | null, communityCode: string | null) => {
    const key = `${tier}-${cadres.filter((c) => c.tier === tier).length + 1}`;
    cadres.push({ key, name: uniqueName(rng, names), tier, title, phone: uniquePhone(rng, phones, '139'), streetCode, communityCode });
    return key;
  };
  CITY_TITLES.slice(0, CADRE_COUNTS.CITY).forEach((title) => addCadre('CITY', title, null, null));
  DISTRICT_TITLES.slice(0, CADRE_COUNTS.DISTRICT).forEach((title) => addCadre('DISTRICT', title, null, null));
  const streetCadre = new Map(
    cadreStreets.map((s, i) => [s.code, addCadre('STREET', `${s.name}${STREET_TITLES[i % STREET_TITLES.length]}`, s.code, null)]),
  );
  // 145 community cadres over 40 communities: the most populous get 4, the rest 3.
  const extra = CADRE_COUNTS.COMMUNITY - 3 * communities.length;
  const byPopulation = [...communities].sort((a, b) => b.population - a.population || (a.code < b.code ? -1 : 1));
  const fourCadres = new Set(byPopulation.slice(0, extra).map((c) => c.code));
  const communityCadres = new Map<string, string[]>();
  for (const c of communities) {
    const count = fourCadres.has(c.code) ? 4 : 3;
    communityCadres.set(
      c.code,
      COMMUNITY_TITLES.slice(0, count).map((title) => addCadre('COMMUNITY', `${c.name}${title}`, c.streetCode, c.code)),
    );
  }
  return { district, offices, streets, communities, cadres, streetCadre, communityCadres, phones, names };
}

function uniqueRoads(rng: Rng, count: number): string[] {
  const roads = new Set<string>();
  while (roads.size < count) roads.add(rng.pick(ROAD_WORDS) + rng.pick(ROAD_SUFFIXES));
  return [...roads];
}

/** Each community 3,000–12,000 residents, about 300,000 in all. */
function setPopulations(rng: Rng, communities: CommunityPlace[]) {
  const raw = communities.map(() => rng.float());
  const scale = (300_000 - 3_000 * communities.length) / (9_000 * raw.reduce((a, b) => a + b, 0));
  communities.forEach((c, i) => {
    c.population = Math.round((3_000 + 9_000 * Math.min(1, (raw[i] as number) * scale)) / 10) * 10;
  });
}

function uniqueName(rng: Rng, taken: Set<string>): string {
  let name = personName(rng);
  while (taken.has(name)) name = personName(rng);
  taken.add(name);
  return name;
}

function uniquePhone(rng: Rng, taken: Set<string>, prefix: string): string {
  let phone = prefix + rng.digits(11 - prefix.length);
  while (taken.has(phone)) phone = prefix + rng.digits(11 - prefix.length);
  taken.add(phone);
  return phone;
}

/** JY + 主体业态 digit + 6-digit area code + 6-digit serial + check digit; the serial is a bijection of the index. */
export function licenceNo(typeDigit: string, index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= LICENCE_SERIALS) throw new RangeError(`licence index ${index} out of range`);
  const serial = String((index * 615_473 + 104_729) % LICENCE_SERIALS).padStart(6, '0');
  const body = typeDigit + DISTRICT_AREA_CODE + serial;
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[i]) * (i % 2 === 0 ? 3 : 1);
  return `JY${body}${(10 - (sum % 10)) % 10}`;
}

/** Makes businesses one at a time, with round-robin 包保 loads per cadre pool. */
class BusinessFactory {
  private readonly turns = new Map<string, number>();
  private readonly nameUses = new Map<string, number>();
  private readonly cityCadres: string[];
  private readonly districtCadres: string[];

  constructor(
    private readonly world: World,
    private readonly rng: Rng,
    private nextIndex: number,
  ) {
    this.cityCadres = world.cadres.filter((c) => c.tier === 'CITY').map((c) => c.key);
    this.districtCadres = world.cadres.filter((c) => c.tier === 'DISTRICT').map((c) => c.key);
  }

  make(grade: Grade, community: CommunityPlace): DemoBusiness {
    const rng = this.rng;
    const typeCode = rng.weighted(TYPE_WEIGHTS[grade]);
    const type = BUSINESS_TYPES.find((t) => t.code === typeCode) as (typeof BUSINESS_TYPES)[number];
    const market = `${community.short}农贸市场`;
    const baseName = shopName(rng, type.code, { streetShort: community.streetShort, communityShort: community.short, market });
    const stall = type.code === 'RETAIL_MARKET_STALL';
    const road = stall ? (community.roads[0] as string) : rng.pick(community.roads);
    const number = stall ? 88 : rng.int(1, 399);
    const address = `${community.streetName}${road}${number}号${stall ? `${market}${rng.int(1, 120)}号摊位` : ''}`;
    const located = rng.chance(COORDINATES_RATE);
    const lat = round6(community.centre.lat + (rng.float() - 0.5) * 0.008);
    const lng = round6(community.centre.lng + (rng.float() - 0.5) * 0.008);
    const assignedAt = day(5 + rng.int(0, 20));
    const signed = rng.chance(COMMITMENT_SIGNED_RATE);
    const signedAt = new Date(assignedAt.getTime() + rng.int(1, 60) * 86_400_000 + rng.int(0, 8) * 3_600_000);
    return {
      licenceNo: licenceNo(type.licenceDigit, this.nextIndex++),
      name: this.dedupe(baseName, community.short),
      typeCode: type.code,
      grade,
      address,
      streetCode: community.streetCode,
      communityCode: community.code,
      lat: located ? lat : null,
      lng: located ? lng : null,
      hasSafetyOfficer: rng.chance(SAFETY_OFFICER_RATE[grade]),
      hasSafetyDirector: rng.chance(SAFETY_DIRECTOR_RATE[grade]),
      cadreKey: this.cadreFor(grade, community),
      assignedAt,
      commitmentSignedAt: signed ? signedAt : null,
    };
  }

  private cadreFor(grade: Grade, community: CommunityPlace): string {
    const tier = TIER_FOR_GRADE[grade];
    switch (tier) {
      case 'CITY':
        return this.nextOf('CITY', this.cityCadres);
      case 'DISTRICT':
        return this.nextOf('DISTRICT', this.districtCadres);
      case 'STREET': {
        const key = this.world.streetCadre.get(community.streetCode);
        if (!key) throw new Error(`no street-tier cadre in ${community.streetName}: C businesses go only where one is`);
        return key;
      }
      case 'COMMUNITY':
        return this.nextOf(community.code, this.world.communityCadres.get(community.code) ?? []);
      default:
        return assertUnreachable(tier);
    }
  }

  private nextOf(pool: string, keys: string[]): string {
    const turn = this.turns.get(pool) ?? 0;
    this.turns.set(pool, turn + 1);
    return keys[turn % keys.length] as string;
  }

  /** Chains and namesakes get a branch name, 「佳佳便利店（柳岸店）」. */
  private dedupe(name: string, communityShort: string): string {
    const uses = (this.nameUses.get(name) ?? 0) + 1;
    this.nameUses.set(name, uses);
    if (uses === 1) return name;
    const branch = `${name}（${communityShort}店）`;
    const branchUses = (this.nameUses.get(branch) ?? 0) + 1;
    this.nameUses.set(branch, branchUses);
    return branchUses === 1 ? branch : `${name}（${communityShort}${branchUses}号店）`;
  }
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function assertUnreachable(value: never): never {
  throw new Error(`unexpected value ${String(value)}`);
}

/** Communities a business of this grade may sit in: C only where a street-tier cadre can take it. */
function eligibleCommunities(world: World, grade: Grade): CommunityPlace[] {
  return grade === 'C' ? world.communities.filter((c) => world.streetCadre.has(c.streetCode)) : world.communities;
}

/** Separate streams, so adding a business field never reshuffles the areas and cadres. */
const streams = (seed: number) => ({
  world: new Rng(seed),
  businesses: new Rng(seed ^ 0x5bd1e995),
  people: new Rng(seed ^ 0x27d4eb2f),
});

export function buildDemoDistrict(seed = DEMO_SEED): DemoDistrict {
  const rng = streams(seed);
  const world = planWorld(rng.world);

  // Counts per community follow population exactly; the order is then shuffled so ids and licences mix grades.
  const slots: { grade: Grade; community: CommunityPlace }[] = [];
  for (const grade of ['A', 'B', 'C', 'D'] as const) {
    const where = eligibleCommunities(world, grade);
    apportion(GRADE_COUNTS[grade], where.map((c) => c.population)).forEach((count, i) => {
      for (let k = 0; k < count; k++) slots.push({ grade, community: where[i] as CommunityPlace });
    });
  }
  rng.businesses.shuffle(slots);
  const factory = new BusinessFactory(world, rng.businesses, 0);
  const businesses = slots.map((s) => factory.make(s.grade, s.community));

  const volunteers = buildVolunteers(rng.people, world);
  const users = buildUsers(rng.people, world, volunteers);

  return {
    district: world.district,
    offices: world.offices,
    streets: world.streets,
    communities: world.communities.map(({ code, name, streetCode, population }) => ({ code, name, streetCode, population })),
    businessTypes: BUSINESS_TYPES.map(({ code, name }) => ({ code, name })),
    cadres: world.cadres,
    businesses,
    volunteers,
    users,
  };
}

function buildVolunteers(rng: Rng, world: World): DemoVolunteer[] {
  const codes = new Set<string>();
  const volunteers: DemoVolunteer[] = [];
  for (const [category, count] of Object.entries(VOLUNTEER_COUNTS) as [VolunteerCategory, number][]) {
    for (let i = 0; i < count; i++) {
      let code = invitationCode(rng);
      while (codes.has(code)) code = invitationCode(rng);
      codes.add(code);
      const n = volunteers.length;
      const username = DEMO_USERNAMES.volunteers[n] ?? null;
      volunteers.push({
        invitationCode: code,
        name: uniqueName(rng, world.names),
        category,
        phone: uniquePhone(rng, world.phones, rng.pick(['137', '158', '186'])),
        streetCode: (world.streets[n % world.streets.length] as DemoStreet).code,
        username,
        boundAt: username ? day(60 + n) : null,
      });
    }
  }
  return volunteers;
}

function invitationCode(rng: Rng): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += rng.pick([...INVITATION_ALPHABET]);
  return code;
}

function buildUsers(rng: Rng, world: World, volunteers: DemoVolunteer[]): DemoUser[] {
  const user = (u: Partial<DemoUser> & Pick<DemoUser, 'username' | 'role' | 'displayName'>): DemoUser => ({
    openid: null,
    officeCode: null,
    cadreKey: null,
    hasPassword: false,
    ...u,
  });
  const cadreUser = (username: string, key: string) => {
    const cadre = world.cadres.find((c) => c.key === key) as DemoCadre;
    return user({ username, role: 'CADRE', displayName: cadre.name, cadreKey: key, hasPassword: true });
  };
  const u = DEMO_USERNAMES;
  return [
    user({ username: u.admin, role: 'ADMIN', displayName: '区食安办管理员', hasPassword: true }),
    ...world.offices.map((office, i) =>
      user({
        username: u.offices[i] as string,
        role: 'OFFICE_STAFF',
        displayName: `${office.name.replace(/市场监管所$/, '所')} ${uniqueName(rng, world.names)}`,
        officeCode: office.code,
        hasPassword: true,
      }),
    ),
    cadreUser(u.cadres.district, 'DISTRICT-1'),
    cadreUser(u.cadres.street, 'STREET-1'),
    cadreUser(u.cadres.community, 'COMMUNITY-1'),
    ...u.residents.map((username) =>
      user({ username, role: 'RESIDENT', displayName: uniqueName(rng, world.names), openid: `dev-openid-${username}` }),
    ),
    ...u.volunteers.map((username) => {
      const roster = volunteers.find((v) => v.username === username) as DemoVolunteer;
      return user({ username, role: 'VOLUNTEER', displayName: roster.name, openid: `dev-openid-${username}` });
    }),
  ];
}

/**
 * More businesses for a benchmark, on the same areas and cadres as `buildDemoDistrict(seed)` and by the same rules;
 * licence numbers continue after the demo's, so the batches can be added to a seeded database.
 */
export function* scaleBusinesses(
  total: number,
  opts: { seed?: number; batchSize?: number; firstIndex?: number } = {},
): Generator<DemoBusiness[], void, undefined> {
  const seed = opts.seed ?? DEMO_SEED;
  const batchSize = opts.batchSize ?? 1_000;
  const firstIndex = opts.firstIndex ?? Object.values(GRADE_COUNTS).reduce((a, b) => a + b, 0);
  if (firstIndex + total > LICENCE_SERIALS) throw new RangeError(`at most ${LICENCE_SERIALS - firstIndex} more businesses`);
  const world = planWorld(streams(seed).world);
  const rng = new Rng(seed ^ 0x165667b1);
  const factory = new BusinessFactory(world, rng, firstIndex);
  const gradeWeights = GRADE_COUNTS as Record<Grade, number>;
  const pools = Object.fromEntries(
    (['A', 'B', 'C', 'D'] as const).map((g) => {
      const where = eligibleCommunities(world, g);
      return [g, { where, weights: Object.fromEntries(where.map((c, i) => [String(i), c.population])) }];
    }),
  ) as Record<Grade, { where: CommunityPlace[]; weights: Record<string, number> }>;
  let batch: DemoBusiness[] = [];
  for (let made = 0; made < total; made++) {
    const grade = rng.weighted(gradeWeights);
    const pool = pools[grade];
    batch.push(factory.make(grade, pool.where[Number(rng.weighted(pool.weights))] as CommunityPlace));
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
