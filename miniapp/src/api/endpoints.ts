import {
  UPLOAD_FIELD,
  type AreasTree,
  type BusinessDetail,
  type BusinessSummary,
  type ComplaintPublicView,
  type ComplaintReceipt,
  type CreateComplaintRequest,
  type GuestReopenRequest,
  type Me,
  type MyComplaintItem,
  type NotificationList,
  type Page,
  type PhotoLocation,
  type ReopenRequest,
  type SimilarComplaint,
  type SmsCodeResponse,
  type UploadResponse,
} from '@sa/contracts';
import { downloadFile, request, uploadFile } from './client';

export type BusinessSearch = { q?: string; streetId?: number; communityId?: number; limit?: number; offset?: number };

export function fetchMe(): Promise<Me> {
  return request<Me>('GET', '/api/v1/me');
}

/** 绑定社会监督员: the invitation code from the bureau's roster; returns the updated profile. */
export function bindVolunteer(invitationCode: string): Promise<Me> {
  return request<Me>('POST', '/api/v1/volunteers/bind', { body: { invitationCode } });
}

export function fetchAreas(): Promise<AreasTree> {
  return request<AreasTree>('GET', '/api/v1/areas');
}

export function searchBusinesses(search: BusinessSearch): Promise<Page<BusinessSummary>> {
  return request<Page<BusinessSummary>>('GET', '/api/v1/businesses', { query: { limit: 20, ...search } });
}

export function fetchBusiness(id: number): Promise<BusinessDetail> {
  return request<BusinessDetail>('GET', `/api/v1/businesses/${id}`);
}

/** 随手拍: one submission (a 投诉, a 举报 or both); the idempotency key makes a retry safe. */
export function submitComplaint(body: CreateComplaintRequest): Promise<ComplaintReceipt> {
  return request<ComplaintReceipt>('POST', '/api/v1/complaints', { body });
}

/** Open reports about the same business, or near a point, that the user can support instead of filing again. */
export function fetchSimilarComplaints(near: { entityId: number } | PhotoLocation): Promise<SimilarComplaint[]> {
  return request<SimilarComplaint[]>('GET', '/api/v1/complaints/similar', { query: near });
}

/** Not in @sa/contracts: the reply of POST /complaints/:id/me-too. */
export type SupportResult = { supportCount: number };

/** 附议: "me too" on someone else's open report. */
export function supportComplaint(id: number): Promise<SupportResult> {
  return request<SupportResult>('POST', `/api/v1/complaints/${id}/me-too`);
}

/** 我的: the user's own reports and those they added 附议 to, newest first. */
export function fetchMyComplaints(page: { limit: number; offset: number }): Promise<Page<MyComplaintItem>> {
  return request<Page<MyComplaintItem>>('GET', '/api/v1/complaints/mine', { query: page });
}

export function fetchComplaint(id: number): Promise<ComplaintPublicView> {
  return request<ComplaintPublicView>('GET', `/api/v1/complaints/${id}`);
}

/** 进度查询 without logging in: the tracking number and the query code from the receipt. */
export function trackComplaint(query: { trackingNo: string; queryCode: string }): Promise<ComplaintPublicView> {
  return request<ComplaintPublicView>('GET', '/api/v1/complaints/track', { query, anonymous: true });
}

/** The reporter says the problem is not fixed (within 15 days of resolution), with new photos if they have some. */
export function reopenComplaint(id: number, body: ReopenRequest): Promise<ComplaintPublicView> {
  return request<ComplaintPublicView>('POST', `/api/v1/complaints/${id}/reopen`, { body });
}

/** The same for a guest, who proves it is their report with the tracking number and the query code. */
export function reopenTrackedComplaint(body: GuestReopenRequest): Promise<ComplaintPublicView> {
  return request<ComplaintPublicView>('POST', '/api/v1/complaints/track/reopen', { body, anonymous: true });
}

/** A photo of the user's own report (sent with their token), as a local path to show. */
export function fetchPhoto(uploadId: string): Promise<string> {
  return downloadFile(`/api/v1/uploads/${uploadId}`);
}

/** A photo of a report a guest tracks: the tracking number and query code stand in for the login. */
export function fetchTrackedPhoto(uploadId: string, tracking: { trackingNo: string; queryCode: string }): Promise<string> {
  return downloadFile(`/api/v1/complaints/track/photos/${uploadId}`, { query: tracking, anonymous: true });
}

/** 获取验证码 for 手机号验证码登录: the same reply whether or not the number has an account. */
export function requestSignInCode(phone: string): Promise<SmsCodeResponse> {
  return request<SmsCodeResponse>('POST', '/api/v1/auth/sms/code', { body: { phone }, anonymous: true });
}

/** 绑定手机号, step 1: a code to the number, for the signed-in user. */
export function requestPhoneLinkCode(phone: string): Promise<SmsCodeResponse> {
  return request<SmsCodeResponse>('POST', '/api/v1/me/phone/code', { body: { phone } });
}

/** 绑定手机号, step 2: returns the profile with the number masked. */
export function linkPhone(phone: string, code: string): Promise<Me> {
  return request<Me>('POST', '/api/v1/me/phone', { body: { phone, code } });
}

/** 解除微信绑定: this WeChat no longer opens the staff member's session. */
export function unbindWechat(): Promise<unknown> {
  return request<unknown>('DELETE', '/api/v1/me/wechat');
}

export function fetchNotifications(page: { limit: number; offset?: number }): Promise<NotificationList> {
  return request<NotificationList>('GET', '/api/v1/me/notifications', { query: page });
}

export function markNotificationRead(id: number): Promise<unknown> {
  return request<unknown>('POST', `/api/v1/me/notifications/${id}/read`);
}

/** 全部已读: every unread message of the caller; returns how many were marked. */
export function markAllNotificationsRead(): Promise<{ updated: number }> {
  return request<{ updated: number }>('POST', '/api/v1/me/notifications/read-all');
}

/** One complaint photo; the server strips EXIF and returns where it was taken, if the photo said. */
export function uploadPhoto(filePath: string): Promise<UploadResponse> {
  return uploadFile<UploadResponse>('/api/v1/uploads', filePath, UPLOAD_FIELD);
}
