import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../..');
export const serverMain = join(repoRoot, 'server/dist/main.js');

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

/**
 * The built server as `npm start` runs it: its own process, its own embedded data folder, the demo seeded.
 * Without the year of history (SA_DEMO_HISTORY=0) unless a test asks for it: most tests choose their data from the
 * registry and expect no other complaints; the dashboard tests pass `{ SA_DEMO_HISTORY: '1' }`.
 */
export async function startServerProcess(env: Record<string, string> = {}) {
  if (!existsSync(serverMain)) throw new Error(`server is not built: ${serverMain} missing (npm test builds it)`);
  const dataDir = env.DATA_DIR ?? (await freshDataDir(env));
  return launch(env, dataDir);
}

/** Settings a test may pass that leave the seeded data folder as `npm start` would make it. */
const SEED_NEUTRAL = new Set(['LOG_LEVEL', 'RATE_LIMITS', 'SA_DEMO_HISTORY']);

/**
 * A new data folder holding the seeded demo. Seeding takes most of a first start (8-25 s on this machine, against
 * 1-5 s for a later one), so the first test of a run that needs a given demo seeds it once into a template, and every
 * later one starts on a copy. The template is keyed by the built code and the day in Shanghai (the demo's dates run
 * back from today); a test that passes settings which could change the seed gets a first start of its own.
 */
async function freshDataDir(env: Record<string, string>): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sa-data-'));
  if (env.DATABASE_URL || Object.keys(env).some((k) => !SEED_NEUTRAL.has(k))) return dataDir;
  const history = env.SA_DEMO_HISTORY ?? '0';
  const shanghaiDay = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const key = createHash('sha256')
    .update([newestMtime(join(repoRoot, 'server/dist')), newestMtime(join(repoRoot, 'prisma/dist')), shanghaiDay, history].join('|'))
    .digest('hex')
    .slice(0, 16);
  const template = join(tmpdir(), `sa-template-${key}`);
  if (!existsSync(template)) {
    for (const old of readdirSync(tmpdir())) if (old.startsWith('sa-template-')) rmSync(join(tmpdir(), old), { recursive: true, force: true });
    const seeding = mkdtempSync(join(tmpdir(), 'sa-seeding-'));
    const seeder = await launch({ SA_DEMO_HISTORY: history }, seeding);
    await seeder.stop(false);
    renameSync(seeding, template);
  }
  cpSync(template, dataDir, { recursive: true });
  return dataDir;
}

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

async function launch(env: Record<string, string>, dataDir: string) {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [serverMain], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SA_DEMO: '1', SA_DEMO_HISTORY: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not become healthy in 90 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    dataDir,
    output: () => output,
    /** Ends the process abruptly, as a crash would (the data-dir lock stays behind, stale). */
    kill(signal: NodeJS.Signals = 'SIGKILL') {
      child.kill(signal);
      return new Promise<void>((r) => (exited() ? r() : child.once('exit', () => r())));
    },
    async stop(removeData = !env.DATA_DIR) {
      if (!exited()) {
        child.kill('SIGTERM');
        await new Promise<void>((r) => child.once('exit', () => r()));
      }
      if (removeData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An anonymous 举报 as the mini-program sends it, for tests that load a server process with submissions. */
export function submissionBody(streetId: number, idempotencyKey: string) {
  return {
    kind: 'REPORT',
    category: 'POOR_HYGIENE',
    streetId,
    businessName: '路口早点摊',
    description: '早点摊用未消毒的抹布擦碗，油条锅里的油发黑',
    anonymous: true,
    idempotencyKey,
  };
}
