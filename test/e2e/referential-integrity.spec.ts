import { createTestDatabase, type TestDatabase } from '@sa/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aBusiness, aCadre, anAssignment, aSignedLetter, aUser, aWorld, type World } from '../support/builders';

// What the database itself refuses, whatever the application does: rows that point nowhere, a second current
// 包保 assignment or a second standing commitment letter for one business.
describe(`referential integrity (${process.env.TEST_DB})`, () => {
  let t: TestDatabase;
  let world: World;
  beforeAll(async () => {
    t = await createTestDatabase();
    world = await aWorld(t.db.prisma);
  });
  afterAll(async () => t?.close());

  // Columns named like an id that hold no row reference: WeChat's ids and this table's own key.
  const NOT_REFERENCES = new Set(['SubscriptionGrant.templateId', 'OutboundMessage.templateId', 'Upload.checkTraceId']);

  it('has a foreign key on every column that names another row', async () => {
    const columns = await t.db.sql.query<{ table: string; column: string }>(`
      SELECT c.table_name AS table, c.column_name AS column
      FROM information_schema.columns c
      WHERE c.table_schema = 'public' AND c.table_name <> '_prisma_migrations' AND c.column_name ~ '[a-z]Id$'
      ORDER BY 1, 2`);
    const keyed = new Set(
      (
        await t.db.sql.query<{ table: string; column: string }>(`
          SELECT tc.table_name AS table, kcu.column_name AS column
          FROM information_schema.table_constraints tc
          JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
          WHERE tc.table_schema = 'public' AND tc.constraint_type = 'FOREIGN KEY'`)
      ).map((r) => `${r.table}.${r.column}`),
    );
    const unkeyed = columns.map((c) => `${c.table}.${c.column}`).filter((c) => !keyed.has(c) && !NOT_REFERENCES.has(c));
    expect(unkeyed).toEqual([]);
    expect(columns.length).toBeGreaterThan(60);
  });

  it('refuses a notice, a 附议 or an upload for a user that does not exist, and a complaint in no street', async () => {
    const prisma = t.db.prisma;
    await expect(prisma.notification.create({ data: { userId: 987_654, kind: 'ACCEPTED', title: '受理通知', body: '您的举报已受理' } })).rejects.toThrow(/foreign key|Foreign key/);
    await expect(t.db.sql.exec(`INSERT INTO "ComplaintSupport" ("complaintId", "userId") VALUES (987654, 987654)`)).rejects.toThrow(/foreign key/);
    await expect(t.db.sql.exec(`UPDATE "Upload" SET "uploaderUserId" = 987654`)).resolves.toBeUndefined(); // no uploads yet: nothing to break
    const user = await aUser().username('fk-resident').build(prisma);
    await expect(
      t.db.sql.exec(`INSERT INTO "Upload" (id, "storageKey", mime, bytes, width, height, "uploaderUserId") VALUES ('fk-probe', 'k', 'image/jpeg', 1, 1, 1, 987654)`),
    ).rejects.toThrow(/foreign key/);
    await t.db.sql.exec(`INSERT INTO "Upload" (id, "storageKey", mime, bytes, width, height, "uploaderUserId") VALUES ('fk-probe', 'k', 'image/jpeg', 1, 1, 1, ${user.id})`);
    await expect(t.db.sql.exec(`INSERT INTO "Complaint" ("trackingNo", kind, category, description, anonymous, "streetId", "updatedAt") VALUES ('SA20261203-990001', 'REPORT', 'OTHER', '无效街道的举报', true, 987654, now())`)).rejects.toThrow(/foreign key/);
  });

  it('allows one current 包保 assignment per business: a second is refused until the first has ended', async () => {
    const prisma = t.db.prisma;
    const business = await aBusiness().grade('D').in(world.community).build(prisma);
    const first = await aCadre().of(world.community).build(prisma);
    const second = await aCadre().of(world.community).build(prisma);
    const current = await anAssignment().of(business).to(first).build(prisma);
    await expect(anAssignment().of(business).to(second).build(prisma)).rejects.toThrow(/Unique constraint|unique/);
    await prisma.assignment.update({ where: { id: current.id }, data: { endedAt: new Date(), endReason: 'REASSIGNED' } });
    await expect(anAssignment().of(business).to(second).build(prisma)).resolves.toMatchObject({ cadreId: second.id });
    expect(await prisma.assignment.count({ where: { businessId: business.id } })).toBe(2);
  });

  it('allows one standing commitment letter per business: a new one only after the old is superseded', async () => {
    const prisma = t.db.prisma;
    const business = await aBusiness().grade('D').in(world.community).build(prisma);
    const cadre = await aCadre().of(world.community).build(prisma);
    const assignment = await anAssignment().of(business).to(cadre).build(prisma);
    const letter = await aSignedLetter(prisma, assignment);
    await expect(aSignedLetter(prisma, assignment)).rejects.toThrow(/Unique constraint|unique/);
    await prisma.commitmentLetter.update({ where: { id: letter.id }, data: { supersededAt: new Date(), supersededReason: '重新签订' } });
    await expect(aSignedLetter(prisma, assignment)).resolves.toMatchObject({ version: 2 });
  });
});
