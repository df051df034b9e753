import { messages, type PGlite, type QueryOptions } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';

/**
 * The messages between the main thread and the worker thread that runs PGlite (pglite-worker.ts). Every request
 * carries an id; the worker answers each with one reply of that id.
 */

/** What the worker opens PGlite with (its workerData). */
export type WorkerInit = {
  dataDir: string | null;
  /** A dumped data folder (tar) to load, as bytes: a Blob does not cross to a worker as one. */
  loadDataDir: ArrayBuffer | null;
  postgresqlconf: string[];
};

/**
 * Query options as they cross the thread boundary. Functions cannot be cloned: the only parsers accepted are those
 * of pglite-prisma-adapter, which the worker takes from its own copy of the adapter (`prismaParsers`).
 */
export type WireOptions = { rowMode?: 'array' | 'object'; paramTypes?: number[]; prismaParsers?: true };

export type Request =
  | { id: number; op: 'query'; sql: string; params: unknown[]; options: WireOptions; tx: number | null }
  | { id: number; op: 'exec'; sql: string; options: WireOptions; tx: number | null }
  /** Opens a transaction under PGlite's own transaction(): answered once BEGIN ran. */
  | { id: number; op: 'tx-begin'; tx: number }
  | { id: number; op: 'tx-rollback'; tx: number }
  /** Ends the transaction's callback: COMMIT unless rolled back already or `rollback`; answered when done. */
  | { id: number; op: 'tx-end'; tx: number; rollback: boolean }
  | { id: number; op: 'dump'; compression: 'none' | 'gzip' | 'auto' }
  | { id: number; op: 'close' };

export type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError };

/** The worker's first message: PGlite is open, or could not be opened. */
export type Started = { op: 'started'; error?: WireError };

/** The fields a PGlite DatabaseError carries (PostgreSQL's error fields), all strings or undefined. */
const DATABASE_ERROR_FIELDS = [
  'severity',
  'code',
  'detail',
  'hint',
  'position',
  'internalPosition',
  'internalQuery',
  'where',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'file',
  'line',
  'routine',
] as const;

export type WireError =
  | { kind: 'database'; message: string; length: number; name: string; fields: Partial<Record<(typeof DATABASE_ERROR_FIELDS)[number], string>> }
  | { kind: 'error'; name: string; message: string; stack?: string };

export function toWireError(err: unknown): WireError {
  if (err instanceof messages.DatabaseError) {
    const fields: Partial<Record<(typeof DATABASE_ERROR_FIELDS)[number], string>> = {};
    for (const f of DATABASE_ERROR_FIELDS) if (typeof err[f] === 'string') fields[f] = err[f];
    return { kind: 'database', message: err.message, length: err.length, name: err.name, fields };
  }
  if (err instanceof Error) return { kind: 'error', name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
  return { kind: 'error', name: 'Error', message: String(err) };
}

/**
 * The error as PGlite would have thrown it in this thread: a DatabaseError of this thread's PGlite module (the
 * Prisma adapter tells database errors by `instanceof`), with PostgreSQL's fields and, like PGlite's own, the
 * query, its parameters and options.
 */
export function fromWireError(wire: WireError, request?: { sql: string; params?: unknown[]; options?: QueryOptions }): Error {
  if (wire.kind === 'database') {
    const err = new messages.DatabaseError(wire.message, wire.length, wire.name as messages.MessageName);
    Object.assign(err, wire.fields);
    if (request) Object.assign(err, { query: request.sql, params: request.params, queryOptions: request.options });
    return err;
  }
  const err = new Error(wire.message);
  err.name = wire.name;
  if (wire.stack) err.stack = `${err.stack}\n    --- in the database worker ---\n${wire.stack}`;
  return err;
}

let adapterOptions: Promise<QueryOptions> | null = null;

/**
 * The options pglite-prisma-adapter passes to every `query` (`rowMode: 'array'` and its own type parsers: dates
 * and timestamps kept as text, JSON unparsed, bytea as Uint8Array, int8 as text…), read from the adapter itself by
 * letting it run one query against a probe. Both threads ask their own copy of the adapter, so the worker parses
 * rows with exactly the parsers the main thread was handed.
 */
export function prismaAdapterQueryOptions(): Promise<QueryOptions> {
  adapterOptions ??= (async () => {
    let seen: QueryOptions | undefined;
    const probe = {
      async query(_sql: string, _params: unknown[], options: QueryOptions) {
        seen = options;
        return { rows: [], fields: [], affectedRows: 0 };
      },
    };
    const adapter = await new PrismaPGlite(probe as unknown as PGlite).connect();
    await adapter.queryRaw({ sql: 'SELECT 1', args: [], argTypes: [] });
    if (!seen?.parsers) throw new Error('pglite-prisma-adapter did not pass its type parsers to query()');
    return seen;
  })();
  return adapterOptions;
}
