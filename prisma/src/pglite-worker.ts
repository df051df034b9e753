import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type QueryOptions, type Transaction } from '@electric-sql/pglite';
import { prismaAdapterQueryOptions, toWireError, type Reply, type Request, type Started, type WireOptions, type WorkerInit } from './pglite-protocol';

/**
 * The embedded database's own thread: PGlite (PostgreSQL compiled to WebAssembly) runs every statement
 * synchronously on the thread that calls it, so here it no longer holds up the server's HTTP event loop. Requests
 * come from PGliteWorkerClient (pglite-client.ts) over the worker's port and are handed to PGlite as they arrive:
 * PGlite's own mutexes order them exactly as in one thread (a query outside a transaction waits for the open
 * transaction to end).
 */

/** Thrown out of a transaction's callback to make PGlite roll it back; not reported as an error. */
const ROLLBACK_REQUESTED = Symbol('rollback requested');

type OpenTx = {
  tx: Transaction;
  /** This transaction's requests, one after the other in the order they came. */
  queue: Promise<unknown>;
  end(rollback: boolean): void;
  /** PGlite's transaction(): settles after COMMIT or ROLLBACK. */
  result: Promise<void>;
};

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('pglite-worker runs as a worker thread');
  const init = workerData as WorkerInit;
  let pg: PGlite;
  let prismaOptions: QueryOptions;
  try {
    pg = await PGlite.create({
      ...(init.dataDir ? { dataDir: init.dataDir } : {}),
      ...(init.loadDataDir ? { loadDataDir: new Blob([init.loadDataDir]) } : {}),
      postgresqlconf: init.postgresqlconf,
    });
    prismaOptions = await prismaAdapterQueryOptions();
  } catch (err) {
    port.postMessage({ op: 'started', error: toWireError(err) } satisfies Started);
    return;
  }

  const txs = new Map<number, OpenTx>();
  const options = (wire: WireOptions): QueryOptions => ({
    ...(wire.rowMode ? { rowMode: wire.rowMode } : {}),
    ...(wire.paramTypes ? { paramTypes: wire.paramTypes } : {}),
    ...(wire.prismaParsers ? { parsers: prismaOptions.parsers } : {}),
  });
  const openTx = (txId: number): OpenTx => {
    const open = txs.get(txId);
    if (!open) throw new Error('Transaction is closed');
    return open;
  };
  /** Runs a request of an open transaction after the ones before it. */
  const inTx = <T>(txId: number, fn: (open: OpenTx) => Promise<T>): Promise<T> => {
    const open = openTx(txId);
    const run = open.queue.then(() => fn(open));
    open.queue = run.catch(() => {});
    return run;
  };

  const begin = (txId: number): Promise<void> =>
    new Promise<void>((began, failed) => {
      let end!: (rollback: boolean) => void;
      const ended = new Promise<boolean>((r) => (end = r));
      const result = pg
        .transaction(async (tx) => {
          txs.set(txId, { tx, queue: Promise.resolve(), end, result });
          began();
          if (await ended) throw ROLLBACK_REQUESTED;
        })
        .catch((err: unknown) => {
          if (err !== ROLLBACK_REQUESTED) throw err;
        })
        .finally(() => txs.delete(txId));
      // BEGIN itself failed: the callback never ran.
      result.catch(failed);
    });

  const handle = async (req: Request): Promise<{ value: unknown; transfer?: ArrayBuffer[] }> => {
    switch (req.op) {
      case 'query': {
        const value =
          req.tx === null
            ? await pg.query(req.sql, req.params, options(req.options))
            : await inTx(req.tx, (open) => open.tx.query(req.sql, req.params, options(req.options)));
        return { value };
      }
      case 'exec': {
        const value =
          req.tx === null ? await pg.exec(req.sql, options(req.options)) : await inTx(req.tx, (open) => open.tx.exec(req.sql, options(req.options)));
        return { value };
      }
      case 'tx-begin':
        await begin(req.tx);
        return { value: null };
      case 'tx-rollback':
        await inTx(req.tx, (open) => open.tx.rollback());
        return { value: null };
      case 'tx-end':
        await inTx(req.tx, (open) => {
          open.end(req.rollback);
          return open.result;
        });
        return { value: null };
      case 'dump': {
        const blob = await pg.dumpDataDir(req.compression);
        const bytes = await blob.arrayBuffer();
        return { value: { bytes, type: blob.type }, transfer: [bytes] };
      }
      case 'close':
        await pg.close();
        return { value: null };
    }
  };

  const fail = (id: number, err: unknown) => port.postMessage({ id, ok: false, error: toWireError(err) } satisfies Reply);
  port.on('message', (req: Request) => {
    handle(req).then(
      ({ value, transfer }) => {
        try {
          port.postMessage({ id: req.id, ok: true, value } satisfies Reply, transfer ?? []);
        } catch (err) {
          // A value structured clone cannot copy: the caller gets the DataCloneError.
          fail(req.id, err);
        }
      },
      (err: unknown) => fail(req.id, err),
    );
  });
  port.postMessage({ op: 'started' } satisfies Started);
}

void main();
