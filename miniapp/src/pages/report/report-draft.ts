import Taro from '@tarojs/taro';
import {
  ERRORS,
  type ErrorCode,
  createComplaintRequest,
  type ComplaintCategory,
  type CreateComplaintRequest,
  type PhotoLocation,
} from '@sa/contracts';
import { ApiError } from '../../api';

export type ReportKind = CreateComplaintRequest['kind'];

/** Where the problem is: a registry business, or (「找不到经营主体」) a name, an address and a street. */
export type ReportPlace =
  | { type: 'business'; businessId: number }
  | { type: 'free'; businessName: string; businessAddress: string; streetId: number | null; communityId: number | null };

/** The form as the user has filled it so far. */
export type ReportDraft = {
  place: ReportPlace | null;
  /** a photo's GPS position the user chose to use as the location */
  location: PhotoLocation | null;
  kind: ReportKind | null;
  category: ComplaintCategory | null;
  description: string;
  photoIds: string[];
  /** what the switch says; only a 举报 can actually be anonymous */
  anonymousChosen: boolean;
  reporterName: string;
  contactPhone: string;
  /** 投诉: the complainant's postal address (通讯地址) */
  reporterAddress: string;
};

export type ReportField =
  | 'place'
  | 'businessName'
  | 'businessAddress'
  | 'kind'
  | 'category'
  | 'description'
  | 'photos'
  | 'reporterName'
  | 'contactPhone'
  | 'reporterAddress'
  | 'form';
export type FieldErrors = Partial<Record<ReportField, string>>;

export const DESCRIPTION_MAX = 2000;

export const emptyDraft = (): ReportDraft => ({
  place: null,
  location: null,
  kind: null,
  category: null,
  description: '',
  photoIds: [],
  anonymousChosen: false,
  reporterName: '',
  contactPhone: '',
  reporterAddress: '',
});

/** Only a 举报 may be anonymous: a 投诉 is a dispute the office mediates, so it needs someone to talk to. */
export const anonymousAllowed = (kind: ReportKind | null): boolean => kind === 'REPORT';
/**
 * A 投诉 (alone or with a 举报) is a dispute the office mediates between two named parties: it needs the
 * complainant's name, phone and postal address, and a respondent (市场监督管理投诉举报处理暂行办法).
 */
export const isComplaint = (kind: ReportKind | null): boolean => kind === 'COMPLAINT' || kind === 'BOTH';
export const needsPhone = isComplaint;

/** For messages zod gives in English (a length, an enum): what to tell the user about that field instead. */
const FIELD_FALLBACKS: Record<ReportField, string> = {
  place: '请重新选择经营主体或所在街道',
  businessName: '经营者名称请填写 2–100 个字',
  businessAddress: '地址不能超过 200 字',
  kind: '请选择投诉、举报或两者都有',
  category: '请选择问题类别',
  description: '请至少用 10 个字描述问题',
  photos: ERRORS.TOO_MANY_PHOTOS.message,
  reporterName: '姓名请填写 2–40 个字',
  contactPhone: '请填写有效的手机号或座机号',
  reporterAddress: '请填写详细的通讯地址（5–200 个字）',
  form: '提交编号无效，请重新填写',
};

function fieldOf(path: PropertyKey | undefined): ReportField {
  switch (path) {
    case 'businessId':
    case 'streetId':
    case 'communityId':
    case 'lat':
    case 'lng':
      return 'place';
    case 'photoIds':
      return 'photos';
    case 'businessName':
    case 'businessAddress':
    case 'kind':
    case 'category':
    case 'description':
    case 'reporterName':
    case 'contactPhone':
    case 'reporterAddress':
      return path;
    default:
      return 'form';
  }
}

const isChinese = (message: string) => /[\u4e00-\u9fa5]/.test(message);
const optional = (value: string) => (value.trim() === '' ? undefined : value);

export type Validated = { ok: true; request: CreateComplaintRequest } | { ok: false; errors: FieldErrors };

/**
 * The request the server would accept, or what to correct first. The contract's schema checks each field; the
 * rules that join fields (a 投诉 needs a name and a phone, a place is needed) are the server's, checked here too
 * so the user hears about them before anything is sent.
 */
export function validateDraft(draft: ReportDraft, idempotencyKey: string): Validated {
  const anonymous = anonymousAllowed(draft.kind) && draft.anonymousChosen;
  const place = draft.place;
  const input = {
    kind: draft.kind ?? undefined,
    category: draft.category ?? undefined,
    ...(place?.type === 'business' ? { businessId: place.businessId } : {}),
    ...(place?.type === 'free'
      ? {
          businessName: optional(place.businessName),
          businessAddress: optional(place.businessAddress),
          streetId: place.streetId ?? undefined,
          communityId: place.communityId ?? undefined,
        }
      : {}),
    ...(draft.location ?? {}),
    description: draft.description,
    photoIds: draft.photoIds,
    anonymous,
    reporterName: anonymous ? undefined : optional(draft.reporterName),
    contactPhone: anonymous ? undefined : optional(draft.contactPhone),
    // Only a 投诉 asks for it; a 举报 sends none even if one was typed before switching kinds.
    reporterAddress: isComplaint(draft.kind) ? optional(draft.reporterAddress) : undefined,
    idempotencyKey,
  };

  const errors: FieldErrors = {};
  if (!place || (place.type === 'free' && place.streetId === null)) errors.place = ERRORS.PLACE_REQUIRED.message;
  if (!anonymous && input.reporterName === undefined) errors.reporterName = '请填写姓名';
  if (needsPhone(draft.kind) && input.contactPhone === undefined) errors.contactPhone = ERRORS.CONTACT_PHONE_REQUIRED.message;
  if (isComplaint(draft.kind)) {
    if (input.reporterAddress === undefined) errors.reporterAddress = ERRORS.REPORTER_ADDRESS_REQUIRED.message;
    // The respondent: a registry business, or a name and an address the office can write to.
    if (place?.type === 'free') {
      if (input.businessName === undefined) errors.businessName = '投诉须填写被投诉经营者的名称或招牌';
      if (input.businessAddress === undefined) errors.businessAddress = '投诉须填写被投诉经营者的地址';
    }
  }

  // Leave out what was not filled in, rather than send keys set to undefined.
  const parsed = createComplaintRequest.safeParse(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path[0]);
      errors[field] ??= isChinese(issue.message) ? issue.message : FIELD_FALLBACKS[field];
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, request: parsed.data };
}

const freeOf = (draft: ReportDraft) => (draft.place?.type === 'free' ? draft.place : null);

/** The fields whose message a change of the draft can settle: the one edited, and those whose rule it changes. */
function touchedFields(before: ReportDraft, after: ReportDraft): Set<ReportField> {
  const touched = new Set<ReportField>();
  const [was, is] = [freeOf(before), freeOf(after)];
  const samePlace =
    before.place?.type === after.place?.type &&
    (before.place?.type !== 'business' || after.place?.type !== 'business' || before.place.businessId === after.place.businessId) &&
    was?.streetId === is?.streetId &&
    was?.communityId === is?.communityId &&
    before.location === after.location;
  if (!samePlace) touched.add('place').add('businessName').add('businessAddress');
  if (was?.businessName !== is?.businessName) touched.add('businessName');
  if (was?.businessAddress !== is?.businessAddress) touched.add('businessAddress');
  // The kind decides what the contact step and the respondent need; anonymity decides whether a name is needed.
  if (before.kind !== after.kind) touched.add('kind').add('reporterName').add('contactPhone').add('reporterAddress').add('businessName').add('businessAddress');
  if (before.anonymousChosen !== after.anonymousChosen) touched.add('reporterName').add('contactPhone');
  for (const field of ['category', 'description', 'reporterName', 'contactPhone', 'reporterAddress'] as const) {
    if (before[field] !== after[field]) touched.add(field);
  }
  if (before.photoIds.join() !== after.photoIds.join()) touched.add('photos');
  return touched;
}

// Rechecking needs a well-formed key; the real one is chosen on 提交.
const RECHECK_KEY = 'rpt-recheck-only';

/**
 * The messages after the user changed the draft: a message about a field they have fixed goes, one about a field
 * still wrong says what is wrong now; no new message appears before the next 提交.
 */
export function recheckErrors(errors: FieldErrors, before: ReportDraft, after: ReportDraft): FieldErrors {
  const touched = [...touchedFields(before, after)].filter((field) => errors[field] !== undefined);
  if (touched.length === 0) return errors;
  const now = validateDraft(after, RECHECK_KEY);
  const next = { ...errors };
  for (const field of touched) {
    const message = now.ok ? undefined : now.errors[field];
    if (message === undefined) delete next[field];
    else next[field] = message;
  }
  return next;
}

/** Server refusals that are about one field of the form. */
const FIELD_OF_CODE: Partial<Record<ErrorCode, ReportField>> = {
  ANONYMOUS_COMPLAINT_NOT_ALLOWED: 'reporterName',
  REPORTER_NAME_REQUIRED: 'reporterName',
  CONTACT_PHONE_REQUIRED: 'contactPhone',
  REPORTER_ADDRESS_REQUIRED: 'reporterAddress',
  RESPONDENT_REQUIRED: 'businessName',
  PLACE_REQUIRED: 'place',
  AREA_MISMATCH: 'place',
  UNKNOWN_CATEGORY: 'category',
  TOO_MANY_PHOTOS: 'photos',
  PHOTO_NOT_FOUND: 'photos',
};

/** The server's refusal, put beside the field it is about. */
export function fieldErrorsFromServer(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const errors: FieldErrors = {};
  for (const detail of error.details) errors[fieldOf(detail.path.split('.')[0])] ??= detail.message;
  const field = error.code in FIELD_OF_CODE ? FIELD_OF_CODE[error.code as ErrorCode] : undefined;
  if (field) errors[field] ??= error.message;
  return errors;
}

/** Fields in the order they appear on the form: the first one wrong is the one to mention. */
const FIELD_ORDER: ReportField[] = [
  'place',
  'businessName',
  'businessAddress',
  'kind',
  'category',
  'description',
  'photos',
  'reporterName',
  'contactPhone',
  'reporterAddress',
  'form',
];

export function firstError(errors: FieldErrors): string | undefined {
  const field = FIELD_ORDER.find((f) => errors[f] !== undefined);
  return field && errors[field];
}

/** Where the key of an unfinished submission is kept, so a retry after a crash or a lost reply is the same one. */
export const PENDING_KEY_STORAGE = 'sa_report_idempotency_key';

function randomPart(): string {
  const bytes = new Uint32Array(4);
  if (globalThis.crypto?.getRandomValues) globalThis.crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 0x1_0000_0000);
  return Array.from(bytes, (n) => n.toString(36)).join('');
}

export function newIdempotencyKey(): string {
  return `rpt-${Date.now().toString(36)}-${randomPart()}`;
}

export function loadPendingKey(): string | null {
  const key: unknown = Taro.getStorageSync(PENDING_KEY_STORAGE);
  return typeof key === 'string' && /^[\w-]{8,64}$/.test(key) ? key : null;
}

export function savePendingKey(key: string | null): void {
  if (key) Taro.setStorageSync(PENDING_KEY_STORAGE, key);
  else Taro.removeStorageSync(PENDING_KEY_STORAGE);
}
