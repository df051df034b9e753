import { COMPLAINT_STATUS_LABELS, type ComplaintCategory } from '@sa/contracts';
import type { ComplaintRecord } from './complaints.repository';
import { fromDbDate, isOverdue } from './deadlines';
import { availableActions, type Actor } from './workflow';

export type Viewer = { kind: 'staff'; actor: Actor; seesContact: boolean } | { kind: 'cadre' };

/**
 * The workbench view of a complaint. Cadres (and so businesses) never see who reported:
 * no reporter object at all. Staff see the name and a masked phone only for real-name reports.
 */
export function workbenchView(c: ComplaintRecord, viewer: Viewer, today: string) {
  return {
    id: c.id,
    trackingNo: c.trackingNo,
    kind: c.kind,
    category: c.category as ComplaintCategory,
    status: c.status,
    statusLabel: COMPLAINT_STATUS_LABELS[c.status],
    outcome: c.outcome,
    linkedComplaintId: c.linkedComplaintId,
    business: c.business ? { id: c.business.id, name: c.business.name, licenceNo: c.business.licenceNo, address: c.business.address } : null,
    businessName: c.business?.name ?? c.businessName,
    businessAddress: c.business?.address ?? c.businessAddress,
    streetId: c.streetId,
    communityId: c.communityId,
    lat: c.lat,
    lng: c.lng,
    description: c.description,
    photoIds: c.photos.map((p) => p.uploadId),
    office: c.office ? { id: c.office.id, name: c.office.name } : null,
    cadre: c.cadre,
    transferTo: c.transferTo,
    supportCount: c.supportCount,
    receivedAt: c.receivedAt.toISOString(),
    resolvedAt: c.resolvedAt?.toISOString() ?? null,
    deadlines: c.deadlines.map((d) => ({
      kind: d.kind,
      startDate: fromDbDate(d.startDate),
      workingDays: d.workingDays,
      dueDate: fromDbDate(d.dueDate),
      state: d.state,
      overdue: d.state === 'OPEN' && isOverdue(fromDbDate(d.dueDate), today),
      escalatedAt: d.escalatedAt?.toISOString() ?? null,
    })),
    routing: c.routings.map((r) => ({ rule: r.rule, reason: r.reason, officeId: r.officeId, cadreId: r.cadreId, transferTo: r.transferTo, decidedAt: r.decidedAt.toISOString() })),
    trail: c.events.map((e) => ({
      at: e.at.toISOString(),
      actorRole: e.actorRole,
      action: e.action,
      from: e.fromStatus,
      to: e.toStatus,
      reason: e.reason,
      payload: e.payload,
    })),
    ...(viewer.kind === 'staff'
      ? {
          reporter: c.anonymous
            ? { anonymous: true as const }
            : {
                anonymous: false as const,
                name: c.reporterName,
                phone: c.reporterPhoneMasked,
                canCallBack: viewer.seesContact,
              },
          actions: availableActions(c.status, c.kind, viewer.actor),
        }
      : { actions: [] }),
  };
}
