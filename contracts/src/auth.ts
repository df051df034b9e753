import { z } from 'zod';
import { formText } from './common';

export const ROLES = ['RESIDENT', 'VOLUNTEER', 'CADRE', 'OFFICE_STAFF', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  RESIDENT: '群众',
  VOLUNTEER: '社会监督员',
  CADRE: '包保干部',
  OFFICE_STAFF: '监管所工作人员',
  ADMIN: '区食安办管理员',
};

export const VOLUNTEER_CATEGORIES = ['NPC_DEPUTY', 'CPPCC_MEMBER', 'PARENT', 'TEACHER', 'OTHER'] as const;
export type VolunteerCategory = (typeof VOLUNTEER_CATEGORIES)[number];
export const VOLUNTEER_CATEGORY_LABELS: Record<VolunteerCategory, string> = {
  NPC_DEPUTY: '人大代表',
  CPPCC_MEMBER: '政协委员',
  PARENT: '家长代表',
  TEACHER: '教师代表',
  OTHER: '其他',
};

/** `code` from `Taro.login()`; in dev mode `dev:<username>` logs in a seeded demo user. */
export const wechatLoginRequest = z.object({ code: formText(1, 200, { minMessage: '缺少登录凭证' }) });
export type WechatLoginRequest = z.infer<typeof wechatLoginRequest>;

export const passwordLoginRequest = z.object({
  username: formText(1, 64, { minMessage: '请输入用户名' }),
  password: z.string().min(1, '请输入密码').max(200),
});
export type PasswordLoginRequest = z.infer<typeof passwordLoginRequest>;

export type SessionUser = { id: number; displayName: string; role: Role };
export type LoginResponse = { token: string; expiresAt: string; user: SessionUser };

export type Me = SessionUser & {
  volunteer: null | { name: string; category: VolunteerCategory };
  officeId: number | null;
  cadreId: number | null;
  /** A WeChat identity opens this account (a resident's own, or a staff member's 账号绑定). */
  wechatBound: boolean;
  /** the mobile number verified by SMS code, masked (138****5678), or null */
  phoneMasked: string | null;
};

export const bindVolunteerRequest = z.object({
  invitationCode: formText(4, 32, { minMessage: '请输入邀请码' }).transform((s) => s.toUpperCase()),
});
export type BindVolunteerRequest = z.infer<typeof bindVolunteerRequest>;

/** A mainland mobile number: 11 digits starting 1[3-9]; spaces, dashes and a +86 prefix are accepted and dropped. */
export const mobilePhone = z
  .string()
  .trim()
  .max(20)
  .transform((s) => s.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, ''))
  .refine((s) => /^1[3-9]\d{9}$/.test(s), '请输入 11 位手机号码');

export const SMS_CODE_LENGTH = 6;
export const SMS_CODE_TTL_SECONDS = 300;
export const SMS_RESEND_SECONDS = 60;
export const SMS_DAILY_LIMIT = 10;
export const SMS_MAX_WRONG = 5;

/** POST /api/v1/auth/sms/code and POST /api/v1/me/phone/code */
export const smsCodeRequest = z.object({ phone: mobilePhone });
export type SmsCodeRequest = z.infer<typeof smsCodeRequest>;
/** The same reply whether or not the phone is known. `demo`: no SMS provider is configured, the code is in the server log. */
export type SmsCodeResponse = { sent: true; resendAfterSeconds: number; demo: boolean };

/** POST /api/v1/auth/sms → LoginResponse, and POST /api/v1/me/phone (link a phone to the signed-in account) → Me */
export const smsLoginRequest = z.object({
  phone: mobilePhone,
  code: z.string().trim().regex(/^\d{6}$/, '请输入 6 位验证码'),
});
export type SmsLoginRequest = z.infer<typeof smsLoginRequest>;
