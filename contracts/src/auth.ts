import { z } from 'zod';

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
export const wechatLoginRequest = z.object({ code: z.string().trim().min(1, '缺少登录凭证').max(200) });
export type WechatLoginRequest = z.infer<typeof wechatLoginRequest>;

export const passwordLoginRequest = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
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
};

export const bindVolunteerRequest = z.object({
  invitationCode: z.string().trim().toUpperCase().min(4, '请输入邀请码').max(32),
});
export type BindVolunteerRequest = z.infer<typeof bindVolunteerRequest>;
