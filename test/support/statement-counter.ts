import { createRequire } from 'node:module';
import type { TestApp } from './test-app';

const fromPrisma = createRequire(new URL('../../prisma/package.json', import.meta.url));
const pg = createRequire(fromPrisma.resolve('@prisma/adapter-pg'))('pg') as typeof import('pg');

export type Counted<T> = { result: T; statements: string[] };

/**
 * Every statement the server sends to its database while `fn` runs, on either engine: on PostgreSQL each
 * `Client.query` (BEGIN and COMMIT included), on PGlite each `query`/`exec`, inside transactions too. On
 * PostgreSQL each is one round trip to the server.
 */
export async function recordStatements<T>(app: TestApp, fn: () => Promise<T>): Promise<Counted<T>> {
  const statements: string[] = [];
  const note = (arg: unknown) => statements.push(typeof arg === 'string' ? arg : String((arg as { text?: unknown } | null)?.text ?? ''));
  const restore: (() => void)[] = [];
  const pglite = app.db.pglite;
  if (pglite) {
    const { query, exec, transaction } = pglite;
    pglite.query = ((...args: Parameters<typeof query>) => (note(args[0]), query.apply(pglite, args))) as typeof query;
    pglite.exec = ((...args: Parameters<typeof exec>) => (note(args[0]), exec.apply(pglite, args))) as typeof exec;
    pglite.transaction = ((cb: Parameters<typeof transaction>[0]) =>
      transaction.call(pglite, (tx) => {
        note('BEGIN');
        const txQuery = tx.query.bind(tx);
        const txExec = tx.exec.bind(tx);
        tx.query = ((...args: Parameters<typeof txQuery>) => (note(args[0]), txQuery(...args))) as typeof txQuery;
        tx.exec = ((...args: Parameters<typeof txExec>) => (note(args[0]), txExec(...args))) as typeof txExec;
        return cb(tx);
      })) as typeof transaction;
    restore.push(() => Object.assign(pglite, { query, exec, transaction }));
  } else {
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
      note(args[0]);
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    restore.push(() => (pg.Client.prototype.query = query));
  }
  try {
    return { result: await fn(), statements };
  } finally {
    for (const r of restore) r();
  }
}
