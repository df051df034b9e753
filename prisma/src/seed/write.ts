// Writes the demo district with a few set-based inserts inside one transaction: all of it or none of it.
import { Prisma, type PrismaClient } from '../generated/client';
import { writePublicDemo } from './public-demo';
import { buildDemoDistrict, DEMO_PASSWORD, DEMO_SEED, type DemoBusiness, type DemoDistrict } from './demo-district';

type Db = PrismaClient | Prisma.TransactionClient;

export type SeedOptions = {
  /** The auth module's password hash; the seed never chooses a hash format. */
  hashPassword(plain: string): Promise<string>;
  seed?: number;
};

export type SeedCounts = {
  districts: number;
  offices: number;
  streets: number;
  communities: number;
  businessTypes: number;
  businesses: number;
  cadres: number;
  assignments: number;
  commitmentLetters: number;
  volunteers: number;
  users: number;
};
export type SeedSummary = { skipped: true } | ({ skipped: false } & SeedCounts);

/** Database ids of the demo's areas, 业态 and cadres, by their codes and seed keys. */
export type DemoRefs = {
  streets: Map<string, number>;
  communities: Map<string, number>;
  businessTypes: Map<string, number>;
  cadres: Map<string, number>;
};

// Rows per INSERT: well under PostgreSQL's 65,535 bind parameters at 13 columns a row.
const BATCH = 1_000;
const TRANSACTION_TIMEOUT_MS = 120_000;

/**
 * Seeds the demo district once: when its district code already exists, does nothing and returns `{ skipped: true }`
 * (also when another process seeded it concurrently).
 */
export async function seedDemoDistrict(prisma: PrismaClient, opts: SeedOptions): Promise<SeedSummary> {
  const demo = buildDemoDistrict(opts.seed ?? DEMO_SEED);
  if (await districtExists(prisma, demo)) return { skipped: true };
  const hashes = await hashPasswords(demo, opts.hashPassword);
  try {
    return await prisma.$transaction(
      async (tx) => {
        if (await districtExists(tx, demo)) return { skipped: true };
        return { skipped: false, ...(await writeDemo(tx, demo, hashes)) };
      },
      { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_TIMEOUT_MS },
    );
  } catch (error) {
    const raced = error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
    if (raced && (await districtExists(prisma, demo))) return { skipped: true };
    throw error;
  }
}

async function districtExists(db: Db, demo: DemoDistrict): Promise<boolean> {
  return (await db.district.count({ where: { code: demo.district.code } })) > 0;
}

/** One hash per account (each with its own salt), computed before the transaction opens. */
async function hashPasswords(demo: DemoDistrict, hash: SeedOptions['hashPassword']): Promise<Map<string, string>> {
  const usernames = demo.users.filter((u) => u.hasPassword).map((u) => u.username);
  const hashes = await Promise.all(usernames.map(() => hash(DEMO_PASSWORD)));
  return new Map(usernames.map((u, i) => [u, hashes[i] as string]));
}

const idsBy = <K extends string>(rows: ({ id: number } & Record<K, string>)[], key: K) =>
  new Map(rows.map((r) => [r[key], r.id]));

function need<V>(map: Map<string, V>, key: string | null, what: string): V {
  const value = key === null ? undefined : map.get(key);
  if (value === undefined) throw new Error(`demo seed: unknown ${what} ${String(key)}`);
  return value;
}

async function writeDemo(tx: Prisma.TransactionClient, demo: DemoDistrict, hashes: Map<string, string>): Promise<SeedCounts> {
  const district = await tx.district.create({ data: demo.district, select: { id: true } });
  const districtId = district.id;

  const offices = idsBy(
    await tx.office.createManyAndReturn({ data: demo.offices.map((o) => ({ ...o, districtId })), select: { id: true, code: true } }),
    'code',
  );
  const streets = idsBy(
    await tx.street.createManyAndReturn({
      data: demo.streets.map(({ officeCode, ...s }) => ({ ...s, districtId, officeId: need(offices, officeCode, 'office') })),
      select: { id: true, code: true },
    }),
    'code',
  );
  const communities = idsBy(
    await tx.community.createManyAndReturn({
      data: demo.communities.map(({ streetCode, ...c }) => ({ ...c, streetId: need(streets, streetCode, 'street') })),
      select: { id: true, code: true },
    }),
    'code',
  );
  // 业态 are shared across districts: reuse any that already exist.
  await tx.businessType.createMany({ data: demo.businessTypes, skipDuplicates: true });
  const businessTypes = idsBy(
    await tx.businessType.findMany({ where: { code: { in: demo.businessTypes.map((t) => t.code) } }, select: { id: true, code: true } }),
    'code',
  );
  const cadreRows = await tx.cadre.createManyAndReturn({
    data: demo.cadres.map((c) => ({
      name: c.name,
      tier: c.tier,
      title: c.title,
      phone: c.phone,
      districtId,
      streetId: c.streetCode === null ? null : need(streets, c.streetCode, 'street'),
      communityId: c.communityCode === null ? null : need(communities, c.communityCode, 'community'),
    })),
    select: { id: true, phone: true },
  });
  const cadres = cadreIdsByKey(demo, cadreRows);
  const refs: DemoRefs = { streets, communities, businessTypes, cadres };

  const written = { businesses: 0, assignments: 0, commitmentLetters: 0 };
  for (let i = 0; i < demo.businesses.length; i += BATCH) {
    const counts = await writeBusinesses(tx, refs, demo.businesses.slice(i, i + BATCH));
    written.businesses += counts.businesses;
    written.assignments += counts.assignments;
    written.commitmentLetters += counts.commitmentLetters;
  }

  const users = idsBy(
    await tx.user.createManyAndReturn({
      data: demo.users.map((u) => ({
        username: u.username,
        role: u.role,
        displayName: u.displayName,
        openid: u.openid,
        passwordHash: u.hasPassword ? need(hashes, u.username, 'password hash for') : null,
        officeId: u.officeCode === null ? null : need(offices, u.officeCode, 'office'),
        cadreId: u.cadreKey === null ? null : need(cadres, u.cadreKey, 'cadre'),
      })),
      select: { id: true, username: true },
    }) as { id: number; username: string }[],
    'username',
  );
  const volunteers = await tx.volunteer.createMany({
    data: demo.volunteers.map((v) => ({
      name: v.name,
      category: v.category,
      phone: v.phone,
      invitationCode: v.invitationCode,
      streetId: need(streets, v.streetCode, 'street'),
      userId: v.username === null ? null : need(users, v.username, 'user'),
      boundAt: v.boundAt,
    })),
  });
  await writePublicDemo(tx, { districtId, offices, streets, communities, users });

  return {
    districts: 1,
    offices: offices.size,
    streets: streets.size,
    communities: communities.size,
    businessTypes: businessTypes.size,
    cadres: cadres.size,
    ...written,
    volunteers: volunteers.count,
    users: users.size,
  };
}

/** Cadres have no natural key in the schema; within the demo their phones are unique, so they serve as one. */
function cadreIdsByKey(demo: DemoDistrict, rows: { id: number; phone: string }[]): Map<string, number> {
  const byPhone = idsBy(rows, 'phone');
  return new Map(demo.cadres.map((c) => [c.key, need(byPhone, c.phone, 'cadre phone')]));
}

/**
 * Inserts businesses with their current assignment and signed commitment letter (version 1), in three statements.
 * Used by the seed and by benchmarks with `scaleBusinesses()` batches; keep a batch to about 1,000 rows.
 */
export async function writeBusinesses(
  db: Db,
  refs: DemoRefs,
  businesses: DemoBusiness[],
): Promise<{ businesses: number; assignments: number; commitmentLetters: number }> {
  if (businesses.length === 0) return { businesses: 0, assignments: 0, commitmentLetters: 0 };
  const rows = await db.business.createManyAndReturn({
    data: businesses.map((b) => ({
      name: b.name,
      licenceNo: b.licenceNo,
      businessTypeId: need(refs.businessTypes, b.typeCode, 'business type'),
      grade: b.grade,
      address: b.address,
      streetId: need(refs.streets, b.streetCode, 'street'),
      communityId: need(refs.communities, b.communityCode, 'community'),
      lat: b.lat,
      lng: b.lng,
      hasSafetyOfficer: b.hasSafetyOfficer,
      hasSafetyDirector: b.hasSafetyDirector,
    })),
    select: { id: true, licenceNo: true },
  });
  const businessIds = idsBy(rows, 'licenceNo');
  const planned = businesses.map((b) => ({
    b,
    businessId: need(businessIds, b.licenceNo, 'licence'),
    cadreId: need(refs.cadres, b.cadreKey, 'cadre'),
  }));
  const assignments = await db.assignment.createManyAndReturn({
    data: planned.map((p) => ({ businessId: p.businessId, cadreId: p.cadreId, startedAt: p.b.assignedAt })),
    select: { id: true, businessId: true },
  });
  const assignmentIds = new Map(assignments.map((a) => [a.businessId, a.id]));
  const letters = await db.commitmentLetter.createMany({
    data: planned
      .filter((p) => p.b.commitmentSignedAt !== null)
      .map((p) => ({
        assignmentId: assignmentIds.get(p.businessId) as number,
        businessId: p.businessId,
        cadreId: p.cadreId,
        version: 1,
        signedAt: p.b.commitmentSignedAt as Date,
      })),
  });
  return { businesses: rows.length, assignments: assignments.length, commitmentLetters: letters.count };
}

/** Ids of an already seeded demo district, for adding `scaleBusinesses()` batches to it. */
export async function loadDemoRefs(db: Db, seed = DEMO_SEED): Promise<DemoRefs> {
  const demo = buildDemoDistrict(seed);
  const district = await db.district.findUniqueOrThrow({ where: { code: demo.district.code }, select: { id: true } });
  const [streets, communities, businessTypes, cadres] = await Promise.all([
    db.street.findMany({ where: { districtId: district.id }, select: { id: true, code: true } }),
    db.community.findMany({ where: { street: { districtId: district.id } }, select: { id: true, code: true } }),
    db.businessType.findMany({ where: { code: { in: demo.businessTypes.map((t) => t.code) } }, select: { id: true, code: true } }),
    db.cadre.findMany({ where: { districtId: district.id }, select: { id: true, phone: true } }),
  ]);
  return {
    streets: idsBy(streets, 'code'),
    communities: idsBy(communities, 'code'),
    businessTypes: idsBy(businessTypes, 'code'),
    cadres: cadreIdsByKey(demo, cadres),
  };
}
