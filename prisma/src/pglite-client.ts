import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { QueryOptions, Results } from '@electric-sql/pglite';
import {
  fromWireError,
  prismaAdapterQueryOptions,
  type Reply,
  type Request,
  type Started,
  type WireOptions,
  type WorkerInit,
} from './pglite-protocol';

/** A transaction of the embedded database, as pglite-prisma-adapter and our code use it. */
export interface EmbeddedTransaction {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string, options?: QueryOptions): Promise<Results[]>;
  rollback(): Promise<void>;
  readonly closed: boolean;
}

/**
 * What the server uses of PGlite: what pglite-prisma-adapter calls (`query`, `exec`, `transaction`), the migrator
 * and statistics (`query`, `exec`), the backup (`dumpDataDir`) and `close`. A PGlite object has it, and so has
 * PGliteWorkerClient, which runs PGlite in a worker thread.
 */
export interface EmbeddedPGlite {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string, options?: QueryOptions): Promise<Results[]>;
  transaction<T>(callback: (tx: EmbeddedTransaction) => Promise<T>): Promise<T>;
  dumpDataDir(compression?: 'none' | 'gzip' | 'auto'): Promise<File | Blob>;
  close(): Promise<void>;
  readonly closed: boolean;
}

type Pending = {
  resolve(value: unknown): void;
  reject(err: Error): void;
  /** For errors: the statement, as PGlite's own errors carry it. */
  statement?: { sql: string; params?: unknown[]; options?: QueryOptions };
};

type Outgoing = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

/**
 * PGlite in a worker thread, used from this thread through the same methods. Statements, transactions, the dump
 * and close are messages with ids; rows come back by structured clone (Date, Uint8Array, bigint and parsed JSON
 * survive it), database errors as PGlite's DatabaseError with PostgreSQL's fields. The worker holds the event loop
 * open only while an answer is awaited, as an in-thread PGlite would.
 */
export class PGliteWorkerClient implements EmbeddedPGlite {
  readonly #worker: Worker;
  readonly #adapterParsers: QueryOptions['parsers'];
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #nextTx = 1;
  #closed = false;
  #closing: Promise<void> | null = null;
  #failure: Error | null = null;

  private constructor(worker: Worker, adapterParsers: QueryOptions['parsers']) {
    this.#worker = worker;
    this.#adapterParsers = adapterParsers;
    worker.on('message', (reply: Reply) => this.#settle(reply));
    worker.on('error', (err) => this.#fail(err));
    worker.on('exit', (code) => this.#fail(new Error(`the embedded database's worker thread exited (code ${code})`)));
    worker.unref();
  }

  /** Starts the worker and opens PGlite in it; rejects with PGlite's own error when it cannot be opened. */
  static async create(init: WorkerInit): Promise<PGliteWorkerClient> {
    const { parsers } = await prismaAdapterQueryOptions();
    const worker = startWorker(init);
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => done(err);
      const onExit = (code: number) => done(new Error(`the embedded database's worker thread exited (code ${code}) while opening`));
      const onMessage = (m: Started) => done(m.error ? fromWireError(m.error) : null);
      const done = (err: Error | null) => {
        worker.off('error', onError).off('exit', onExit).off('message', onMessage);
        if (err) {
          void worker.terminate();
          reject(err);
        } else resolve();
      };
      worker.once('error', onError).once('exit', onExit).once('message', onMessage);
    });
    return new PGliteWorkerClient(worker, parsers);
  }

  get closed(): boolean {
    return this.#closed;
  }

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    return this.#query<T>(sql, params, options, null);
  }

  exec(sql: string, options?: QueryOptions): Promise<Results[]> {
    return this.#exec(sql, options, null);
  }

  /**
   * PGlite's transaction(), run in the worker: BEGIN there, then the callback's statements in it while every
   * other statement waits (PGlite's transaction mutex), COMMIT when the callback resolves, ROLLBACK when it throws
   * or rolled back itself.
   */
  async transaction<T>(callback: (tx: EmbeddedTransaction) => Promise<T>): Promise<T> {
    const txId = this.#nextTx++;
    await this.#call({ op: 'tx-begin', tx: txId });
    let closed = false;
    const checkClosed = () => {
      if (closed) throw new Error('Transaction is closed');
    };
    const tx: EmbeddedTransaction = {
      query: async <R>(sql: string, params: unknown[] = [], options?: QueryOptions) => {
        checkClosed();
        return this.#query<R>(sql, params, options, txId);
      },
      exec: async (sql: string, options?: QueryOptions) => {
        checkClosed();
        return this.#exec(sql, options, txId);
      },
      rollback: async () => {
        checkClosed();
        await this.#call({ op: 'tx-rollback', tx: txId });
        closed = true;
      },
      get closed() {
        return closed;
      },
    };
    let result: T;
    try {
      result = await callback(tx);
    } catch (err) {
      closed = true;
      await this.#call({ op: 'tx-end', tx: txId, rollback: true }).catch(() => {});
      throw err;
    }
    closed = true;
    // COMMIT; an aborted transaction's COMMIT is PGlite's TransactionAbortedError (25P02).
    await this.#call({ op: 'tx-end', tx: txId, rollback: false });
    return result;
  }

  async dumpDataDir(compression: 'none' | 'gzip' | 'auto' = 'auto'): Promise<Blob> {
    const { bytes, type } = (await this.#call({ op: 'dump', compression })) as { bytes: ArrayBuffer; type: string };
    return new Blob([bytes], { type });
  }

  /** Closes PGlite in the worker (its files complete on disk), then ends the worker. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      try {
        if (!this.#failure) await this.#call({ op: 'close' });
      } finally {
        this.#closed = true;
        await this.#worker.terminate();
      }
    })();
    return this.#closing;
  }

  async #query<T>(sql: string, params: unknown[], options: QueryOptions | undefined, tx: number | null): Promise<Results<T>> {
    const wire = this.#wireOptions(options);
    return (await this.#call({ op: 'query', sql, params, options: wire, tx }, { sql, params, options })) as Results<T>;
  }

  async #exec(sql: string, options: QueryOptions | undefined, tx: number | null): Promise<Results[]> {
    const wire = this.#wireOptions(options);
    return (await this.#call({ op: 'exec', sql, options: wire, tx }, { sql, options })) as Results[];
  }

  #wireOptions(options: QueryOptions | undefined): WireOptions {
    if (!options) return {};
    const { rowMode, paramTypes, parsers, serializers, blob, onNotice } = options;
    if (parsers && parsers !== this.#adapterParsers) {
      throw new TypeError("type parsers are functions and cannot reach the database's worker thread (only pglite-prisma-adapter's are known there)");
    }
    if (serializers || blob || onNotice) throw new TypeError("serializers, blob and onNotice cannot reach the database's worker thread");
    return { ...(rowMode ? { rowMode } : {}), ...(paramTypes ? { paramTypes } : {}), ...(parsers ? { prismaParsers: true } : {}) };
  }

  #call(request: Outgoing, statement?: Pending['statement']): Promise<unknown> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#closed || (this.#closing && request.op !== 'close')) return Promise.reject(new Error('PGlite is closed'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#worker.postMessage({ ...request, id } as Request);
      if (this.#pending.size === 0) this.#worker.ref();
      this.#pending.set(id, { resolve, reject, ...(statement ? { statement } : {}) });
    });
  }

  #settle(reply: Reply): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#worker.unref();
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(fromWireError(reply.error, pending.statement));
  }

  #fail(err: Error): void {
    if (!this.#closed && !this.#failure) this.#failure = err;
    const reason = this.#failure ?? new Error('PGlite is closed');
    for (const pending of this.#pending.values()) pending.reject(reason);
    this.#pending.clear();
  }
}

/**
 * The built worker (dist/pglite-worker.js) beside this file. From the TypeScript sources (the tests run them) there
 * is none: the worker then compiles pglite-worker.ts and what it imports as it loads them, with TypeScript's
 * transpileModule (plain JavaScript: a native compiler such as SWC crashes the process when a second worker thread
 * loads it after the first ended).
 */
function startWorker(init: WorkerInit): Worker {
  const transfer = init.loadDataDir ? [init.loadDataDir] : [];
  const built = join(__dirname, 'pglite-worker.js');
  if (existsSync(built)) return new Worker(built, { workerData: init, transferList: transfer });
  const source = join(__dirname, 'pglite-worker.ts');
  if (!existsSync(source)) throw new Error(`the embedded database's worker is missing: neither ${built} nor ${source} exists`);
  return new Worker(FROM_SOURCE, { eval: true, workerData: { ...init, source }, transferList: transfer });
}

const FROM_SOURCE = `
const { workerData } = require('node:worker_threads');
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { dirname } = require('node:path');
const ts = require(require.resolve('typescript', { paths: [dirname(workerData.source)] }));
Module._extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      inlineSourceMap: true,
      inlineSources: true,
    },
  });
  module._compile(outputText, filename);
};
require(workerData.source);
`;
