import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './database';
import type { EmbeddedPGlite } from './pglite-client';

export class BackupError extends Error {}

/**
 * A copy of the embedded database as one gzip tarball, taken from the open PGlite between two statements (PGlite
 * runs one statement at a time, and the dump waits its turn): after a CHECKPOINT, so the files hold every committed
 * change; a transaction still open at that instant is rolled back when the copy is opened, as after a crash.
 */
export async function dumpPglite(pg: EmbeddedPGlite): Promise<Blob> {
  await pg.query('CHECKPOINT');
  return pg.dumpDataDir('gzip');
}

/** Backup of a data folder no server holds: opens it (taking its lock), dumps it, closes it. */
export async function dumpDataFolder(dataDir: string): Promise<Blob> {
  const dir = resolve(dataDir);
  if (!existsSync(dir)) throw new BackupError(`数据目录 ${dir} 不存在`);
  const release = lockDataDir(dir);
  try {
    const pg = await PGlite.create({ dataDir: dir });
    try {
      return await dumpPglite(pg);
    } finally {
      await pg.close();
    }
  } finally {
    release();
  }
}

/** What a backup file holds, checked by opening it in memory. */
export async function inspectBackup(file: string): Promise<{ migrations: number; complaints: number; users: number }> {
  if (!existsSync(file)) throw new BackupError(`备份文件 ${file} 不存在`);
  let pg: PGlite;
  try {
    pg = await PGlite.create({ loadDataDir: new Blob([readFileSync(file)]) });
  } catch (err) {
    throw new BackupError(`备份文件 ${file} 无法读取（不是本系统的数据库备份，或已损坏）: ${(err as Error).message}`);
  }
  try {
    const count = async (table: string) => Number((await pg.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`)).rows[0]!.n);
    return { migrations: await count('_prisma_migrations'), complaints: await count('Complaint'), users: await count('User') };
  } catch (err) {
    throw new BackupError(`备份文件 ${file} 不是本系统的数据库备份: ${(err as Error).message}`);
  } finally {
    await pg.close();
  }
}

/**
 * Replaces the data folder by a backup. The server must be stopped (the folder's lock says so); the current
 * folder is kept beside it as `<dataDir>.before-restore-<time>` rather than deleted.
 */
export async function restoreDataFolder(dataDir: string, file: string, now = new Date()): Promise<{ keptAs: string | null }> {
  const dir = resolve(dataDir);
  await inspectBackup(file);
  let keptAs: string | null = null;
  if (existsSync(dir)) {
    // Throws DataDirLockedError while a server holds the folder.
    lockDataDir(dir)();
    keptAs = `${dir}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dir, keptAs);
  }
  const release = lockDataDir(dir);
  try {
    const pg = await PGlite.create({ dataDir: dir, loadDataDir: new Blob([readFileSync(file)]) });
    await pg.query('SELECT 1');
    await pg.close();
    // The copy carries the old server's control file; the next start writes its own.
    rmSync(join(dir, '.control.json'), { force: true });
  } finally {
    release();
  }
  return { keptAs };
}
