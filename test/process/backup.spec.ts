import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, startServerProcess, submissionBody } from '../support/server-process';

const npmRun = (script: string, args: string[], dataDir: string) =>
  spawnSync(process.execPath, [join(repoRoot, 'scripts', `${script}.mjs`), ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 120_000,
  });

// `npm run backup` while the portal is in use, and `npm run restore` after a mishap: what was acknowledged before
// the backup comes back, what came after does not, and nothing is overwritten while the server runs.
describe('backup and restore of the embedded database', () => {
  const servers: Awaited<ReturnType<typeof startServerProcess>>[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'sa-backups-'));
  afterAll(async () => {
    for (const s of servers) await s.stop(true);
    rmSync(scratch, { recursive: true, force: true });
    for (const name of readdirSync(tmpdir())) if (name.includes('.before-restore-')) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  });

  const file = async (baseUrl: string) => {
    const areas = (await (await fetch(`${baseUrl}/api/v1/areas`)).json()) as { offices: { streets: { id: number }[] }[] };
    const res = await fetch(`${baseUrl}/api/v1/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(submissionBody(areas.offices[0]!.streets[0]!.id, randomUUID())),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { trackingNo: string; queryCode: string };
  };
  const track = (baseUrl: string, r: { trackingNo: string; queryCode: string }) =>
    fetch(`${baseUrl}/api/v1/complaints/track?trackingNo=${r.trackingNo}&queryCode=${r.queryCode}`).then((res) => res.status);

  it('copies the running server consistently, refuses to restore under it, and restores once it is stopped', async () => {
    const server = await startServerProcess();
    servers.push(server);
    const before = await file(server.baseUrl);

    // While the server runs and takes submissions, the backup is taken by the server itself.
    const during = Promise.all([file(server.baseUrl), file(server.baseUrl)]);
    const backupFile = join(scratch, 'nested', 'sa-backup.tar.gz');
    const backup = npmRun('backup', [backupFile], server.dataDir);
    await during;
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/备份完成 \/ backup written: .*sa-backup\.tar\.gz \(\d+\.\d MB, from the running server/);
    expect(existsSync(backupFile)).toBe(true);
    const after = await file(server.baseUrl);

    const refused = npmRun('restore', [backupFile], server.dataDir);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/恢复失败 \/ restore failed: 数据目录 .* 正被另一个进程 \(pid \d+\) 使用/);
    expect(await track(server.baseUrl, after)).toBe(200);

    await server.stop(false);
    const restored = npmRun('restore', [backupFile], server.dataDir);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/恢复完成 \/ restored: .*the previous folder is kept as .*\.before-restore-/);
    const kept = readdirSync(dirname(server.dataDir)).filter((n) => n.startsWith(`${server.dataDir.split('/').pop()}.before-restore-`));
    expect(kept).toHaveLength(1);

    const again = await startServerProcess({ DATA_DIR: server.dataDir });
    servers.push(again);
    expect(await track(again.baseUrl, before)).toBe(200);
    expect(await track(again.baseUrl, after)).toBe(404);
    // The restored copy takes new submissions with fresh tracking numbers.
    const next = await file(again.baseUrl);
    expect(next.trackingNo).not.toBe(before.trackingNo);
    rmSync(join(dirname(server.dataDir), kept[0]!), { recursive: true, force: true });
  }, 240_000);

  it('copies a stopped data folder itself, and says clearly what is wrong with a file that is no backup', async () => {
    const server = await startServerProcess();
    servers.push(server);
    const receipt = await file(server.baseUrl);
    await server.stop(false);
    const backupFile = join(scratch, 'stopped.tar.gz');
    const backup = npmRun('backup', [backupFile], server.dataDir);
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/from the stopped data folder/);

    const bogus = join(scratch, 'not-a-backup.tar.gz');
    writeFileSync(bogus, 'hello');
    const wrong = npmRun('restore', [bogus], server.dataDir);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/恢复失败 \/ restore failed: 备份文件 .* (无法读取|不是本系统的数据库备份)/);
    expect(wrong.stderr).not.toMatch(/\n\s+at /);

    const missing = npmRun('restore', [], server.dataDir);
    expect(missing.stderr).toMatch(/请指定备份文件/);

    // The folder was left as it was: the server starts on it with the complaint.
    const again = await startServerProcess({ DATA_DIR: server.dataDir });
    servers.push(again);
    expect(await track(again.baseUrl, receipt)).toBe(200);
  }, 240_000);
});
