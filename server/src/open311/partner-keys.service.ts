import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { PartnerKeyIssued, PartnerKeyView } from '@sa/contracts';
import type { AuthUser } from '../auth/auth.decorators';
import { Clock } from '../common/clock';
import { DomainException } from '../common/domain-exception';
import { PartnerKeysRepository, type PartnerKeyRow } from './partner-keys.repository';

export type Partner = { keyId: number; name: string };

const KEY_PREFIX = 'sa311_';
/** What the admin screen shows of a key: the fixed prefix and four characters of the random part. */
const SHOWN_CHARACTERS = KEY_PREFIX.length + 4;

/** 192 random bits: a key cannot be guessed, so a plain sha256 (not a slow password hash) is enough to keep. */
export function newApiKey(): string {
  return `${KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
}

export const apiKeyHash = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/** The admin issues and revokes Open311 partners' keys; who did either is kept on the key. */
@Injectable()
export class PartnerKeysService {
  constructor(
    private readonly repo: PartnerKeysRepository,
    private readonly clock: Clock,
  ) {}

  async issue(admin: AuthUser, name: string): Promise<PartnerKeyIssued> {
    const apiKey = newApiKey();
    const row = await this.repo.create({ name, keyHash: apiKeyHash(apiKey), keyPrefix: apiKey.slice(0, SHOWN_CHARACTERS), createdByUserId: admin.id, createdAt: this.clock.now() });
    return { ...(await this.views([row]))[0]!, apiKey };
  }

  async list(): Promise<PartnerKeyView[]> {
    return this.views(await this.repo.list());
  }

  async revoke(admin: AuthUser, id: number): Promise<PartnerKeyView> {
    const key = await this.repo.find(id);
    if (!key) throw new DomainException('NOT_FOUND', '接口密钥不存在');
    if (!(await this.repo.revoke(id, admin.id, this.clock.now()))) throw new DomainException('PARTNER_KEY_REVOKED');
    return (await this.views([(await this.repo.find(id))!]))[0]!;
  }

  /** The partner a key belongs to; a missing, unknown or revoked key is one answer (403). */
  async authenticate(key: unknown): Promise<Partner> {
    if (typeof key !== 'string' || !key.startsWith(KEY_PREFIX) || key.length > 100) throw new DomainException('PARTNER_KEY_INVALID');
    const row = await this.repo.findByHash(apiKeyHash(key));
    if (!row || row.revokedAt) throw new DomainException('PARTNER_KEY_INVALID');
    await this.repo.touch(row.id, this.clock.now());
    return { keyId: row.id, name: row.name };
  }

  private async views(rows: PartnerKeyRow[]): Promise<PartnerKeyView[]> {
    const names = await this.repo.userNames([...new Set(rows.flatMap((r) => [r.createdByUserId, r.revokedByUserId ?? r.createdByUserId]))]);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      keyPrefix: r.keyPrefix,
      createdAt: r.createdAt.toISOString(),
      createdBy: names.get(r.createdByUserId) ?? null,
      lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
      revokedAt: r.revokedAt?.toISOString() ?? null,
      revokedBy: r.revokedByUserId === null ? null : (names.get(r.revokedByUserId) ?? null),
    }));
  }
}
