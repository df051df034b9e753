import 'reflect-metadata';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataDirLockedError, MigrationError, openDatabase } from '@sa/db';
import { createApp } from './app';
import { EnvError, parseEnv } from './config/env';
import { JsonLogger } from './common/logger';
import { PeriodicTask } from './common/periodic';
import { seedOnFirstStart } from './seed-on-start';
import { controlToken } from './maintenance/backup.controller';

const STATISTICS_INTERVAL_SECONDS = 300;

async function main(): Promise<void> {
  const started = Date.now();
  let env;
  try {
    env = parseEnv();
  } catch (err) {
    if (err instanceof EnvError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = new JsonLogger(env.logLevel);
  const dataDir = resolve(env.dataDir);
  const db = await openDatabase(env.databaseUrl ? { url: env.databaseUrl, poolSize: env.databasePoolSize } : { dataDir });
  logger.write('info', 'database ready', { kind: db.kind, ms: Date.now() - started, ...(db.kind === 'pglite' ? { dataDir } : {}) });
  await seedOnFirstStart(db.prisma, { demo: env.demo, history: env.demoHistory, phoneKey: env.secrets.phoneKey, logger });
  // The embedded database has no autovacuum: its statistics are refreshed here after the seed, then every few
  // minutes where enough rows changed (PostgreSQL's own autovacuum does this for a server).
  const statistics = new PeriodicTask(
    'RefreshStatistics',
    async () => {
      const analysed = await db.refreshStatistics();
      if (analysed.length > 0) logger.write('debug', 'statistics refreshed', { tables: analysed });
    },
    logger,
  );
  if (db.kind === 'pglite') {
    await statistics.runNow();
    statistics.start(STATISTICS_INTERVAL_SECONDS);
  }

  const app = await createApp({ env, db, logger });
  app.enableShutdownHooks();
  await app.listen(env.port, env.host);
  // How `npm run backup` finds this server and proves it runs on this machine as the folder's owner.
  const controlFile = join(dataDir, '.control.json');
  if (db.kind === 'pglite') writeFileSync(controlFile, JSON.stringify({ pid: process.pid, port: env.port, token: controlToken }), { mode: 0o600 });
  // The start-up time from process start to listening (first start includes migrations and the demo seed).
  logger.write('info', `食安共治已启动: http://localhost:${env.port}（启动用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`, {
    port: env.port,
    devLogin: env.devLogin,
    startupMs: Date.now() - started,
  });

  const shutdown = async (signal: string) => {
    // Where the memory went, for operators and the load benchmark: V8's heap, buffers outside it (PGlite's
    // WebAssembly memory among them when it runs in this thread) and the process's resident set.
    const mb = (n: number) => Math.round(n / 1048576);
    const m = process.memoryUsage();
    logger.write('info', 'shutting down', {
      signal,
      memory: { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), heapTotalMb: mb(m.heapTotal), externalMb: mb(m.external), arrayBuffersMb: mb(m.arrayBuffers) },
    });
    await statistics.stop();
    if (db.kind === 'pglite') rmSync(controlFile, { force: true });
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  // Known conditions an operator can act on get their message alone; anything else keeps its stack.
  const known = err instanceof DataDirLockedError || err instanceof MigrationError;
  const text = err instanceof Error ? (known ? err.message : (err.stack ?? err.message)) : String(err);
  process.stderr.write(`启动失败 / failed to start: ${text}\n`);
  process.exit(1);
});
