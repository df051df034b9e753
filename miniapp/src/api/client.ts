import Taro from '@tarojs/taro';
import type { ErrorBody, ErrorCode, LoginResponse } from '@sa/contracts';

/** Taro storage key of the session token. */
export const TOKEN_KEY = 'sa_token';
/** h5 only: the demo username last used, so an expired demo session can log in again by itself. */
export const DEMO_USER_KEY = 'sa_demo_user';

/** Failures the client itself detects, besides the server's error codes. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    /** HTTP status; 0 when no response arrived */
    readonly status: number,
    /** VALIDATION_FAILED: which fields, with a Chinese message each */
    readonly details: NonNullable<ErrorBody['details']> = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type Query = Record<string, string | number | undefined>;
export type RequestOptions = {
  query?: Query;
  body?: unknown;
  /** Send no token and never log in again: the login calls themselves. */
  anonymous?: boolean;
};

type RawResponse = { statusCode: number; data: unknown };

export function getToken(): string | null {
  const token: unknown = Taro.getStorageSync(TOKEN_KEY);
  return typeof token === 'string' && token !== '' ? token : null;
}

function setToken(token: string | null): void {
  if (token) Taro.setStorageSync(TOKEN_KEY, token);
  else Taro.removeStorageSync(TOKEN_KEY);
}

function buildUrl(path: string, query?: Query): string {
  const params = Object.entries(query ?? {})
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return `${API_BASE_URL}${path}${params.length > 0 ? `?${params.join('&')}` : ''}`;
}

async function send(method: Method, path: string, options: RequestOptions, token: string | null): Promise<RawResponse> {
  const header: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) header['Content-Type'] = 'application/json';
  if (token) header.Authorization = `Bearer ${token}`;
  try {
    const res = await Taro.request({
      url: buildUrl(path, options.query),
      method,
      header,
      data: options.body,
      dataType: 'json',
    });
    return { statusCode: res.statusCode, data: res.data };
  } catch {
    throw new ApiError('NETWORK_ERROR', '网络连接失败，请检查网络后重试', 0);
  }
}

function isErrorBody(data: unknown): data is ErrorBody {
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as ErrorBody).code === 'string' &&
    typeof (data as ErrorBody).message === 'string'
  );
}

function toApiError(res: RawResponse): ApiError {
  if (isErrorBody(res.data)) {
    const details = Array.isArray(res.data.details) ? res.data.details : [];
    return new ApiError(res.data.code, res.data.message, res.statusCode, details);
  }
  return new ApiError('BAD_RESPONSE', `服务暂时不可用，请稍后再试（${res.statusCode}）`, res.statusCode);
}

/** The one way the app talks to the server: JSON in and out, token attached, errors as ApiError. */
export function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  return withSession<T>((token) => send(method, path, options, token), options.anonymous ?? false);
}

/**
 * One file as a multipart upload (a complaint photo), with the same token, silent re-login on 401 and
 * ApiError as `request`. Taro.uploadFile rather than request: the mini-program can only send files that way.
 */
export function uploadFile<T>(path: string, filePath: string, field: string, fileName?: string): Promise<T> {
  return withSession<T>(async (token) => {
    const header: Record<string, string> = { Accept: 'application/json' };
    if (token) header.Authorization = `Bearer ${token}`;
    try {
      // fileName: h5 only (a blob: URL has none); the mini-program sends the chosen file's own name.
      const res = await Taro.uploadFile({ url: buildUrl(path), filePath, name: field, header, ...(fileName ? { fileName } : {}) });
      return { statusCode: res.statusCode, data: parseJson(res.data) };
    } catch {
      throw new ApiError('NETWORK_ERROR', '网络连接失败，请检查网络后重试', 0);
    }
  }, false);
}

/**
 * A protected file (a complaint photo) fetched with the token, as a local path an <Image> can show: on weapp a
 * temporary file, on h5 a blob: URL. An <Image src> pointing at the API could not send the Authorization header.
 */
export function downloadFile(path: string, options: { query?: Query; anonymous?: boolean } = {}): Promise<string> {
  return withSession<string>(async (token) => {
    const header: Record<string, string> = {};
    if (token) header.Authorization = `Bearer ${token}`;
    let res: { statusCode: number; tempFilePath: string };
    try {
      res = await Taro.downloadFile({ url: buildUrl(path, options.query), header });
    } catch {
      throw new ApiError('NETWORK_ERROR', '网络连接失败，请检查网络后重试', 0);
    }
    // The body of a refusal is a file too, not JSON: say in words what the status means.
    if (res.statusCode >= 200 && res.statusCode < 300) return { statusCode: res.statusCode, data: res.tempFilePath };
    if (res.statusCode === 401) return { statusCode: 401, data: { code: 'UNAUTHENTICATED', message: '请先登录' } };
    return { statusCode: res.statusCode, data: { code: 'NOT_FOUND', message: '照片无法显示：不存在或已失效' } };
  }, options.anonymous ?? false);
}

/** uploadFile hands back the body as text on both platforms. */
function parseJson(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return data;
  }
}

/** Sends with the stored token; on 401 logs in again once (where that can be done silently) and resends. */
async function withSession<T>(attempt: (token: string | null) => Promise<RawResponse>, anonymous: boolean): Promise<T> {
  const token = anonymous ? null : getToken();
  let res = await attempt(token);
  if (res.statusCode === 401 && !anonymous) {
    // Another request may already have logged in again while this one was in flight.
    const current = getToken();
    const fresh = current && current !== token ? current : await loginAgain();
    if (fresh) res = await attempt(fresh);
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T;
  if (res.statusCode === 401 && !anonymous && token) endSession();
  throw toApiError(res);
}

const sessionEndedListeners = new Set<() => void>();

/** Called when the server no longer accepts the session and it could not be renewed silently. */
export function onSessionEnded(listener: () => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

function endSession(): void {
  setToken(null);
  sessionEndedListeners.forEach((listener) => listener());
}

async function establishSession(path: string, body: unknown): Promise<LoginResponse> {
  const session = await request<LoginResponse>('POST', path, { body, anonymous: true });
  setToken(session.token);
  return session;
}

/** weapp: the code from Taro.login(); dev mode also accepts `dev:<username>`. */
export function loginWithCode(code: string): Promise<LoginResponse> {
  return establishSession('/api/v1/auth/wechat', { code });
}

export async function loginWithWechat(): Promise<LoginResponse> {
  const { code } = await Taro.login();
  return loginWithCode(code);
}

/** h5 demo login (no WeChat): a seeded demo user by name. */
export async function loginAsDemoUser(username: string): Promise<LoginResponse> {
  const session = await loginWithCode(`dev:${username}`);
  Taro.setStorageSync(DEMO_USER_KEY, username);
  return session;
}

export async function loginWithPassword(username: string, password: string): Promise<LoginResponse> {
  const session = await establishSession('/api/v1/auth/password', { username, password });
  Taro.removeStorageSync(DEMO_USER_KEY);
  return session;
}

/** h5 resident sign-in by SMS code (手机号验证码登录); the phone's own account, created on its first sign-in. */
export async function loginWithSms(phone: string, code: string): Promise<LoginResponse> {
  const session = await establishSession('/api/v1/auth/sms', { phone, code });
  Taro.removeStorageSync(DEMO_USER_KEY);
  return session;
}

/**
 * weapp 账号绑定: a staff member ties this WeChat to their account with username and password once; the reply is
 * their staff session, and from then on the WeChat login at launch (and on 401) opens it without a password.
 */
export async function bindWechatToStaff(username: string, password: string): Promise<LoginResponse> {
  const { code } = await Taro.login();
  const session = await establishSession('/api/v1/auth/wechat/bind', { code, username, password });
  Taro.removeStorageSync(DEMO_USER_KEY);
  return session;
}

export async function logout(): Promise<void> {
  const token = getToken();
  setToken(null);
  Taro.removeStorageSync(DEMO_USER_KEY);
  // The user is logged out here whatever the server says; an unreachable server only lets the token expire by itself.
  if (token) await send('POST', '/api/v1/auth/logout', {}, token).catch(() => undefined);
}

let relogin: Promise<string | null> | null = null;

/** Logs in again without asking the user, where that is possible; concurrent 401s share one attempt. */
function loginAgain(): Promise<string | null> {
  relogin ??= silentLogin().finally(() => {
    relogin = null;
  });
  return relogin;
}

/** The new token; on success it has replaced the old one in storage. */
async function silentLogin(): Promise<string | null> {
  // A staff member who bound this WeChat gets their staff session back this way; everyone else a resident one.
  if (process.env.TARO_ENV === 'weapp') return (await loginWithWechat()).token;
  const demoUser: unknown = Taro.getStorageSync(DEMO_USER_KEY);
  if (typeof demoUser === 'string' && demoUser !== '') return (await loginAsDemoUser(demoUser)).token;
  // Staff passwords are never stored: staff log in again by hand.
  return null;
}
