import { Inject, Injectable } from '@nestjs/common';
import type { CadreTier, ComplaintKind, ComplaintOutcome, DeadlineKind } from '@sa/contracts';
import { Prisma as P } from '@sa/db';
import { PRISMA, type Prisma } from '../database/database';
import { OPEN_STATUSES } from '../complaints/workflow';
import type { InboxNotice } from '../notifications/inbox-notices';
import type { CadreRef } from './escalation-rule';

/** A deadline the sweep acts on, with what its notices may say and where its complaint sits. */
export type DueDeadline = {
  id: number;
  kind: DeadlineKind;
  /** YYYY-MM-DD */
  dueDate: string;
  complaint: {
    id: number;
    trackingNo: string;
    kind: ComplaintKind;
    category: string;
    businessName: string | null;
    outcome: ComplaintOutcome | null;
    transferTo: string | null;
    business: { name: string } | null;
    office: { name: string } | null;
    /** the responsible cadre, with the street of their community when they have no street of their own */
    cadre: { tier: CadreTier; districtId: number; streetId: number | null } | null;
    /** the complaint's street with its district, for a complaint no cadre was routed to */
    street: { id: number; districtId: number } | null;
  };
};

type DueRow = {
  id: number;
  deadlineKind: DeadlineKind;
  dueDate: string;
  complaintId: number;
  trackingNo: string;
  kind: ComplaintKind;
  category: string;
  businessName: string | null;
  outcome: ComplaintOutcome | null;
  transferTo: string | null;
  registeredName: string | null;
  officeName: string | null;
  cadreTier: CadreTier | null;
  cadreDistrictId: number | null;
  cadreStreetId: number | null;
  streetId: number | null;
  streetDistrictId: number | null;
};

function dueDeadline(r: DueRow): DueDeadline {
  return {
    id: r.id,
    kind: r.deadlineKind,
    dueDate: r.dueDate,
    complaint: {
      id: r.complaintId,
      trackingNo: r.trackingNo,
      kind: r.kind,
      category: r.category,
      businessName: r.businessName,
      outcome: r.outcome,
      transferTo: r.transferTo,
      business: r.registeredName === null ? null : { name: r.registeredName },
      office: r.officeName === null ? null : { name: r.officeName },
      cadre: r.cadreTier === null ? null : { tier: r.cadreTier, districtId: r.cadreDistrictId!, streetId: r.cadreStreetId },
      street: r.streetId === null || r.streetDistrictId === null ? null : { id: r.streetId, districtId: r.streetDistrictId },
    },
  };
}

/** A 督办 to write: the deadline as it was read (due date included), its target and the notice's text. */
export type PlannedEscalation = { deadlineId: number; complaintId: number; dueDate: string; target: { id: number; tier: CadreTier } | null; notice: InboxNotice };

/** A reminder to write, the same way. */
export type PlannedReminder = { deadlineId: number; complaintId: number; dueDate: string; notice: InboxNotice };

// A deadline left open on a finished complaint has no one left to chase, except 处罚信息公示 and 差评整改, which
// outlive the case (a 差评 comes only after it is resolved).
const stillChased = P.sql`(d."kind" IN ('DISCLOSE', 'RECTIFY') OR c."status"::text IN (${P.join(OPEN_STATUSES)}))`;

/**
 * The sweep's queries: a page of due deadlines in one statement, and each page's steps written in one statement
 * that claims the deadlines and writes their records and inbox notices together, so a claimed step always has its
 * notices. Claims lock in id order and skip rows another instance is claiming (SKIP LOCKED), and the row is
 * re-read under the lock, so any number of instances may sweep at once: each step is taken once, nobody waits
 * and nobody deadlocks. Inbox rows get the dedupe keys every notice has (`<step key>:user:<id>`).
 */
@Injectable()
export class EscalationRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  /** Open deadlines whose due date is before `today` (Shanghai) and not yet escalated, after id `afterId`. */
  async overdue(today: string, afterId: number, take: number): Promise<DueDeadline[]> {
    return this.due(P.sql`d."escalatedAt" IS NULL AND d."dueDate" < ${today}::date`, afterId, take);
  }

  /** Open, not yet reminded deadlines due between `from` and `to` (inclusive). */
  async dueBetween(from: string, to: string, afterId: number, take: number): Promise<DueDeadline[]> {
    return this.due(P.sql`d."remindedAt" IS NULL AND d."dueDate" BETWEEN ${from}::date AND ${to}::date`, afterId, take);
  }

  private async due(condition: P.Sql, afterId: number, take: number): Promise<DueDeadline[]> {
    const rows = await this.prisma.$queryRaw<DueRow[]>`
      SELECT d.id, d."kind"::text AS "deadlineKind", to_char(d."dueDate", 'YYYY-MM-DD') AS "dueDate",
             c.id AS "complaintId", c."trackingNo", c."kind"::text AS kind, c."category", c."businessName",
             c."outcome"::text AS outcome, c."transferTo", b."name" AS "registeredName", o."name" AS "officeName",
             k."tier"::text AS "cadreTier", k."districtId" AS "cadreDistrictId", COALESCE(k."streetId", kc."streetId") AS "cadreStreetId",
             c."streetId", s."districtId" AS "streetDistrictId"
      FROM "Deadline" d
      JOIN "Complaint" c ON c.id = d."complaintId"
      LEFT JOIN "Business" b ON b.id = c."businessId"
      LEFT JOIN "Office" o ON o.id = c."officeId"
      LEFT JOIN "Cadre" k ON k.id = c."cadreId"
      LEFT JOIN "Community" kc ON kc.id = k."communityId"
      LEFT JOIN "Street" s ON s.id = c."streetId"
      WHERE d."state" = 'OPEN' AND ${condition} AND d.id > ${afterId} AND ${stillChased}
      ORDER BY d.id
      LIMIT ${take}`;
    return rows.map(dueDeadline);
  }

  /** Active cadres who may be escalated to: every street, district and city leader. */
  cadresAbove(): Promise<CadreRef[]> {
    return this.prisma.cadre.findMany({
      where: { active: true, tier: { in: ['STREET', 'DISTRICT', 'CITY'] } },
      select: { id: true, name: true, tier: true, districtId: true, streetId: true },
      orderBy: { id: 'asc' },
    });
  }

  /**
   * Escalates each deadline still open, unescalated and due as read: sets `escalatedAt`, writes its 督办 record and
   * the notice to the target cadre's login and every active admin. Returns how many were escalated and notices written.
   */
  async escalate(planned: PlannedEscalation[], at: Date): Promise<{ steps: number; notices: number }> {
    if (planned.length === 0) return { steps: 0, notices: 0 };
    const input = planned.map((p) => ({
      deadlineId: p.deadlineId,
      complaintId: p.complaintId,
      dueDate: p.dueDate,
      toCadreId: p.target?.id ?? null,
      toTier: p.target?.tier ?? null,
      ...p.notice,
    }));
    const [row] = await this.prisma.$queryRaw<{ steps: number; notices: number }[]>`
      WITH input AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb)
          AS t("deadlineId" int, "complaintId" int, "dueDate" date, "toCadreId" int, "toTier" text, kind text, title text, body text)
      ),
      claimable AS (
        SELECT d.id FROM "Deadline" d JOIN input i ON i."deadlineId" = d.id
        WHERE d."state" = 'OPEN' AND d."escalatedAt" IS NULL AND d."dueDate" = i."dueDate"
        ORDER BY d.id
        FOR UPDATE OF d SKIP LOCKED
      ),
      claimed AS (
        UPDATE "Deadline" d SET "escalatedAt" = ${at} FROM claimable k WHERE d.id = k.id RETURNING d.id
      ),
      escalated AS (
        INSERT INTO "Escalation" ("deadlineId", "complaintId", "toCadreId", "toTier", "createdAt")
        SELECT i."deadlineId", i."complaintId", i."toCadreId", i."toTier"::"CadreTier", ${at}
        FROM input i JOIN claimed k ON k.id = i."deadlineId"
        ON CONFLICT ("deadlineId") DO NOTHING
        RETURNING "deadlineId"
      ),
      notices AS (
        INSERT INTO "Notification" ("userId", kind, title, body, "complaintId", "dedupeKey")
        SELECT u.id, i.kind, i.title, i.body, i."complaintId", 'deadline:' || i."deadlineId" || ':escalation:user:' || u.id
        FROM input i
        JOIN escalated e ON e."deadlineId" = i."deadlineId"
        JOIN "User" u ON NOT u.disabled AND (u."role" = 'ADMIN' OR (i."toCadreId" IS NOT NULL AND u."cadreId" = i."toCadreId"))
        ON CONFLICT DO NOTHING
        RETURNING 1
      )
      SELECT (SELECT COUNT(*)::int FROM escalated) AS steps, (SELECT COUNT(*)::int FROM notices) AS notices`;
    return row ?? { steps: 0, notices: 0 };
  }

  /**
   * Sets `remindedAt` once on each deadline still open, unreminded and due as read, with the reminder to the
   * complaint's office staff and its cadre's login, the same way as `escalate`.
   */
  async remind(planned: PlannedReminder[], at: Date): Promise<{ steps: number; notices: number }> {
    if (planned.length === 0) return { steps: 0, notices: 0 };
    const input = planned.map((p) => ({ deadlineId: p.deadlineId, complaintId: p.complaintId, dueDate: p.dueDate, ...p.notice }));
    const [row] = await this.prisma.$queryRaw<{ steps: number; notices: number }[]>`
      WITH input AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb)
          AS t("deadlineId" int, "complaintId" int, "dueDate" date, kind text, title text, body text)
      ),
      claimable AS (
        SELECT d.id FROM "Deadline" d JOIN input i ON i."deadlineId" = d.id
        WHERE d."state" = 'OPEN' AND d."remindedAt" IS NULL AND d."dueDate" = i."dueDate"
        ORDER BY d.id
        FOR UPDATE OF d SKIP LOCKED
      ),
      claimed AS (
        UPDATE "Deadline" d SET "remindedAt" = ${at} FROM claimable k WHERE d.id = k.id RETURNING d.id
      ),
      notices AS (
        INSERT INTO "Notification" ("userId", kind, title, body, "complaintId", "dedupeKey")
        SELECT u.id, i.kind, i.title, i.body, i."complaintId", 'deadline:' || i."deadlineId" || ':reminder:user:' || u.id
        FROM input i
        JOIN claimed k ON k.id = i."deadlineId"
        JOIN "Complaint" c ON c.id = i."complaintId"
        JOIN "User" u ON NOT u.disabled
          AND ((c."cadreId" IS NOT NULL AND u."cadreId" = c."cadreId") OR (c."officeId" IS NOT NULL AND u."officeId" = c."officeId" AND u."role" = 'OFFICE_STAFF'))
        ON CONFLICT DO NOTHING
        RETURNING 1
      )
      SELECT (SELECT COUNT(*)::int FROM claimed) AS steps, (SELECT COUNT(*)::int FROM notices) AS notices`;
    return row ?? { steps: 0, notices: 0 };
  }

  /** The notice to every active admin, once per `keyPrefix`; returns how many were written. */
  async notifyAdmins(notice: InboxNotice, keyPrefix: string): Promise<number> {
    return this.prisma.$executeRaw`
      INSERT INTO "Notification" ("userId", kind, title, body, "complaintId", "dedupeKey")
      SELECT u.id, ${notice.kind}::text, ${notice.title}::text, ${notice.body}::text, NULL, ${keyPrefix}::text || ':user:' || u.id
      FROM "User" u WHERE u."role" = 'ADMIN' AND NOT u.disabled
      ON CONFLICT DO NOTHING`;
  }
}
