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
