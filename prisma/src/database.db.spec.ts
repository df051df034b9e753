import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, openDatabase } from './database';

// The embedded database on a real folder: only meaningful once, so it runs in the PGlite project.
describe.runIf(process.env.TEST_DB === 'pglite')('embedded database folder', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'sa-data-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('keeps data across close and reopen, migrated once', async () => {
    const dir = tempDir();
    const first = await openDatabase({ dataDir: dir });
    await first.prisma.district.create({ data: { code: 'X1', name: '持久区' } });
    await first.close();
    const again = await openDatabase({ dataDir: dir });
    expect((await again.prisma.district.findUniqueOrThrow({ where: { code: 'X1' } })).name).toBe('持久区');
    const rows = await again.sql.query('SELECT 1 FROM "_prisma_migrations"');
    expect(rows.length).toBeGreaterThan(0);
    await again.close();
  }, 60_000);

  it('refuses a folder another live process holds, with a clear message, and takes over a stale lock', async () => {
    const dir = tempDir();
    const other = spawn('sleep', ['30']);
    try {
      writeFileSync(join(dir, '.lock'), String(other.pid));
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(DataDirLockedError);
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/正被另一个进程 \(pid \d+\) 使用/);
    } finally {
      other.kill();
    }
    writeFileSync(join(dir, '.lock'), '999999');
    const taken = await openDatabase({ dataDir: dir });
    await taken.close();
  }, 60_000);
});

describe(`planner statistics (${process.env.TEST_DB})`, () => {
  it('are refreshed on the embedded database where many rows changed, and left to autovacuum on PostgreSQL', async () => {
    const { createTestDatabase } = await import('./testing');
    const t = await createTestDatabase();
    try {
      const { db } = t;
      await db.sql.exec(`INSERT INTO "District" (code, name) SELECT 'S' || g, '统计区' || g FROM generate_series(1, 2000) g`);
      const estimate = async () => {
        const plan = await db.sql.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT * FROM "District"`);
        return Number(/rows=(\d+)/.exec(plan[0]!['QUERY PLAN'])?.[1]);
      };
      const analysed = await db.refreshStatistics();
      if (db.kind === 'postgres') {
        expect(analysed).toEqual([]);
        return;
      }
      expect(analysed).toContain('District');
      // The planner now expects the 2,000 rows there are (before: the guess for a never-analysed table).
      expect(await estimate()).toBeGreaterThanOrEqual(1900);
      expect(await estimate()).toBeLessThanOrEqual(2100);
      // Nothing changed since: nothing to do.
      expect(await db.refreshStatistics()).toEqual([]);
      await db.sql.exec(`INSERT INTO "District" (code, name) SELECT 'T' || g, '另一区' || g FROM generate_series(1, 10) g`);
      expect(await db.refreshStatistics()).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

describe(`the audit trail (${process.env.TEST_DB})`, () => {
  it('is append-only in the database: an UPDATE or DELETE of a ComplaintEvent is refused, an INSERT is not', async () => {
    const { createTestDatabase } = await import('./testing');
    const t = await createTestDatabase();
    try {
      const { db } = t;
      const [district] = await db.sql.query<{ id: number }>(`INSERT INTO "District" (code, name) VALUES ('AU1', '审计区') RETURNING id`);
      const [office] = await db.sql.query<{ id: number }>(`INSERT INTO "Office" ("districtId", code, name, address, phone) VALUES ($1, 'AUO1', '审计所', '审计路 1 号', '0510-1234567') RETURNING id`, [district!.id]);
      const complaint = await db.prisma.complaint.create({
        data: { trackingNo: 'SA20261203-999001', kind: 'REPORT', category: 'OTHER', description: '审计测试用的举报内容', anonymous: true, officeId: office!.id, receivedAt: new Date() },
      });
      const event = await db.prisma.complaintEvent.create({ data: { complaintId: complaint.id, actorRole: 'SYSTEM', action: 'submit', toStatus: 'SUBMITTED' } });
      await expect(db.prisma.complaintEvent.update({ where: { id: event.id }, data: { reason: '改写历史' } })).rejects.toThrow(/append-only/);
      await expect(db.prisma.complaintEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
      await expect(db.sql.exec(`UPDATE "ComplaintEvent" SET action = 'x'`)).rejects.toThrow(/append-only/);
      await expect(db.sql.exec(`DELETE FROM "ComplaintEvent"`)).rejects.toThrow(/append-only/);
      expect(await db.prisma.complaintEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ action: 'submit', reason: null });
      await db.prisma.complaintEvent.create({ data: { complaintId: complaint.id, actorRole: 'SYSTEM', action: 'accept', fromStatus: 'SUBMITTED', toStatus: 'ACCEPTED' } });
      expect(await db.prisma.complaintEvent.count({ where: { complaintId: complaint.id } })).toBe(2);
    } finally {
      await t.close();
    }
  });
});
