import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withAdmin, withDatabase } from '@sa/db/testing';
import { freePort } from './server-process';

export type ScratchPostgres = {
  url: string;
  /** The values of the first column of a query's rows. */
  column(sql: string): Promise<string[]>;
  drop(): Promise<void>;
};

const ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** An empty database of its own on the shared PostgreSQL server (TEST_PG_URL), dropped afterwards. */
export async function createScratchPostgres(adminUrl = ADMIN_URL): Promise<ScratchPostgres> {
  const name = `sa_proc_${randomBytes(4).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = withDatabase(adminUrl, name);
  return {
    url,
    column: (sql) => withAdmin(url, async (c) => (await c.query({ text: sql, rowMode: 'array' })).rows.map((r: unknown[]) => String(r[0]))),
    drop: () => withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

const PG_BIN = process.env.TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL cluster of the test's own (initdb in a temporary folder, on a spare port), started with the installed
 * binaries, so a test may stop and restart it without touching the shared server. As root, it runs as `postgres`.
 */
export async function startPrivateCluster() {
  const dir = mkdtempSync(join(tmpdir(), 'sa-pgcluster-'));
  const data = join(dir, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const pw = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(dir, Number(pw.stdout.trim()), Number(gid.stdout.trim()));
    chmodSync(dir, 0o700);
  }
  const run = (bin: string, args: string[]) => {
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args]] : [join(PG_BIN, bin), args];
    const res = spawnSync(cmd as string, argv as string[], { encoding: 'utf8', timeout: 60_000 });
    if (res.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (${res.status}):\n${res.stdout}\n${res.stderr}`);
    return res.stdout;
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=60`;
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  // "immediate": the server process dies at once, as a crash or a failover would leave it (recovery on start).
  const stop = (mode: 'fast' | 'immediate' = 'immediate') => run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
  start();
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    port,
    adminUrl,
    start,
    stop,
    async destroy() {
      try {
        stop('immediate');
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
