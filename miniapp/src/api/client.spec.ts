import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Taro, { storage } from '../test/fake-taro';
import { bearer, path, serve, type SentRequest } from '../test/fake-server';
import { aLogin, aMe } from '../test/builders';
import {
  ApiError,
  DEMO_USER_KEY,
  TOKEN_KEY,
  bindWechatToStaff,
  downloadFile,
  loginAsDemoUser,
  loginWithPassword,
  logout,
  onSessionEnded,
  request,
  uploadFile,
} from './client';

const unauthenticated = { statusCode: 401, data: { code: 'UNAUTHENTICATED', message: '请先登录' } };
const meWith = (token: string) => (req: SentRequest) =>
  path(req) === '/api/v1/me' ? (bearer(req) === `Bearer ${token}` ? { statusCode: 200, data: aMe() } : unauthenticated) : undefined;
const wechatLogin = (token: string) => (req: SentRequest) =>
  path(req) === '/api/v1/auth/wechat' ? { statusCode: 200, data: aLogin(token) } : undefined;

describe('api client', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('sends the stored token as a bearer header and the query string, and returns the JSON body', async () => {
    storage.set(TOKEN_KEY, 'tok-1');
    const sent = serve((req) => (path(req) === '/api/v1/businesses' ? { statusCode: 200, data: { items: [], total: 0 } } : undefined));

    const page = await request('GET', '/api/v1/businesses', { query: { q: '面馆 老街', streetId: 11, communityId: undefined } });

    expect(page).toEqual({ items: [], total: 0 });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe('https://api.example.test/api/v1/businesses?q=%E9%9D%A2%E9%A6%86%20%E8%80%81%E8%A1%97&streetId=11');
    expect(bearer(sent[0]!)).toBe('Bearer tok-1');
  });

  it('sends no Authorization header when nobody is logged in', async () => {
    const sent = serve(() => ({ statusCode: 200, data: { ok: true } }));
    await request('GET', '/api/v1/areas');
    expect(sent[0]?.header).not.toHaveProperty('Authorization');
  });

  it('sends a body as JSON', async () => {
    storage.set(TOKEN_KEY, 'tok-1');
    const sent = serve(() => ({ statusCode: 200, data: aMe() }));
    await request('POST', '/api/v1/volunteers/bind', { body: { invitationCode: 'ABCD1234' } });
    expect(sent[0]).toMatchObject({ method: 'POST', data: { invitationCode: 'ABCD1234' } });
    expect(sent[0]?.header['Content-Type']).toBe('application/json');
  });

  describe('when the session has expired (401)', () => {
    beforeEach(() => vi.stubEnv('TARO_ENV', 'weapp'));

    it('logs in again with WeChat, stores the new token and retries the request once', async () => {
      storage.set(TOKEN_KEY, 'expired');
      const sent = serve(wechatLogin('fresh'), meWith('fresh'));

      const me = await request('GET', '/api/v1/me');

      expect(me).toEqual(aMe());
      expect(sent.map((req) => `${req.method} ${path(req)} ${bearer(req) ?? '-'}`)).toEqual([
        'GET /api/v1/me Bearer expired',
        'POST /api/v1/auth/wechat -',
        'GET /api/v1/me Bearer fresh',
      ]);
      expect(sent[1]?.data).toEqual({ code: 'wx-code' });
      expect(storage.get(TOKEN_KEY)).toBe('fresh');
    });

    it('gives up after one retry and reports the server message', async () => {
      storage.set(TOKEN_KEY, 'expired');
      const sent = serve(wechatLogin('also-rejected'), () => unauthenticated);

      const error = await request('GET', '/api/v1/me').catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录', status: 401 });
      expect(sent.filter((req) => path(req) === '/api/v1/me')).toHaveLength(2);
      expect(Taro.login).toHaveBeenCalledTimes(1);
    });

    it('logs in only once when several requests expire together', async () => {
      storage.set(TOKEN_KEY, 'expired');
      const sent = serve(wechatLogin('fresh'), meWith('fresh'));

      await Promise.all([request('GET', '/api/v1/me'), request('GET', '/api/v1/me'), request('GET', '/api/v1/me')]);

      expect(sent.filter((req) => path(req) === '/api/v1/auth/wechat')).toHaveLength(1);
      expect(Taro.login).toHaveBeenCalledTimes(1);
    });
  });

  describe('on the h5 portal', () => {
    it('logs a demo user in again by the name they used', async () => {
      serve(wechatLogin('demo-1'));
      await loginAsDemoUser('resident1');
      expect(storage.get(DEMO_USER_KEY)).toBe('resident1');

      const sent = serve(wechatLogin('demo-2'), meWith('demo-2'));
      await request('GET', '/api/v1/me');

      expect(sent[1]?.data).toEqual({ code: 'dev:resident1' });
      expect(Taro.login).not.toHaveBeenCalled();
    });

    it('asks staff to log in by hand: passwords are not kept', async () => {
      serve((req) => (path(req) === '/api/v1/auth/password' ? { statusCode: 200, data: aLogin('staff-1') } : undefined));
      await loginWithPassword('office1', 'Demo@2026');
      expect(storage.get(TOKEN_KEY)).toBe('staff-1');
      expect([...storage.values()]).not.toContain('Demo@2026');

      const ended = vi.fn();
      const unsubscribe = onSessionEnded(ended);
      const sent = serve(() => unauthenticated);
      await expect(request('GET', '/api/v1/me')).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });
      unsubscribe();
      expect(sent).toHaveLength(1);
      // The token is dropped and the pages are told, so 我的 offers the login form again.
      expect(storage.has(TOKEN_KEY)).toBe(false);
      expect(ended).toHaveBeenCalledTimes(1);
    });
  });

  it('turns an error reply into an ApiError with the server code and Chinese message', async () => {
    serve(() => ({ statusCode: 409, data: { code: 'INVITATION_CODE_USED', message: '该邀请码已被绑定' } }));
    const error = await request('POST', '/api/v1/volunteers/bind', { body: { invitationCode: 'X' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'INVITATION_CODE_USED', message: '该邀请码已被绑定', status: 409 });
  });

  it('explains in Chinese when the reply is not our error shape (a proxy page, say)', async () => {
    serve(() => ({ statusCode: 502, data: '<html>Bad Gateway</html>' }));
    await expect(request('GET', '/api/v1/areas')).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
      message: '服务暂时不可用，请稍后再试（502）',
      status: 502,
    });
  });

  it('reports a network failure in Chinese', async () => {
    serve(() => new TypeError('Failed to fetch'));
    await expect(request('GET', '/api/v1/areas')).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      message: '网络连接失败，请检查网络后重试',
      status: 0,
    });
  });

  it('logs out on the server and forgets the token, even when the server cannot be reached', async () => {
    storage.set(TOKEN_KEY, 'tok-1');
    storage.set(DEMO_USER_KEY, 'resident1');
    const sent = serve(() => new TypeError('offline'));

    await logout();

    expect(sent.map((req) => `${req.method} ${path(req)} ${bearer(req)}`)).toEqual(['POST /api/v1/auth/logout Bearer tok-1']);
    expect(storage.has(TOKEN_KEY)).toBe(false);
    expect(storage.has(DEMO_USER_KEY)).toBe(false);
  });

  describe('uploading a photo', () => {
    type SentUpload = { url: string; filePath: string; name: string; header: Record<string, string> };
    const uploads: SentUpload[] = [];
    const uploadReplies = (...replies: ({ statusCode: number; data: string } | Error)[]) => {
      uploads.length = 0;
      Taro.uploadFile.mockImplementation(async (options: SentUpload) => {
        uploads.push({ url: options.url, filePath: options.filePath, name: options.name, header: { ...options.header } });
        const reply = replies.shift();
        if (!reply || reply instanceof Error) throw reply ?? new Error('no reply');
        return { ...reply, errMsg: 'uploadFile:ok' };
      });
    };
    const photo = { id: '00000000-0000-4000-8000-000000000001', mime: 'image/jpeg', bytes: 1, width: 1, height: 1, location: null };

    it('sends the file in the named field with the token, and reads the JSON text the platform hands back', async () => {
      storage.set(TOKEN_KEY, 'tok-1');
      uploadReplies({ statusCode: 201, data: JSON.stringify(photo) });

      await expect(uploadFile('/api/v1/uploads', 'wxfile://tmp/a.jpg', 'file')).resolves.toEqual(photo);
      expect(uploads).toEqual([
        { url: 'https://api.example.test/api/v1/uploads', filePath: 'wxfile://tmp/a.jpg', name: 'file', header: { Accept: 'application/json', Authorization: 'Bearer tok-1' } },
      ]);
    });

    it('logs in again on 401 and sends the file once more, like any other request', async () => {
      vi.stubEnv('TARO_ENV', 'weapp');
      storage.set(TOKEN_KEY, 'expired');
      serve(wechatLogin('fresh'));
      uploadReplies({ statusCode: 401, data: JSON.stringify(unauthenticated.data) }, { statusCode: 201, data: JSON.stringify(photo) });

      await expect(uploadFile('/api/v1/uploads', 'a.jpg', 'file')).resolves.toEqual(photo);
      expect(uploads.map((u) => u.header.Authorization)).toEqual(['Bearer expired', 'Bearer fresh']);
    });

    it('turns a refusal into an ApiError with the Chinese message, and a lost connection into NETWORK_ERROR', async () => {
      uploadReplies({ statusCode: 400, data: JSON.stringify({ code: 'UPLOAD_NOT_IMAGE', message: '只能上传 JPEG、PNG 或 WebP 格式的照片' }) });
      await expect(uploadFile('/api/v1/uploads', 'a.txt', 'file')).rejects.toMatchObject({
        code: 'UPLOAD_NOT_IMAGE',
        message: '只能上传 JPEG、PNG 或 WebP 格式的照片',
        status: 400,
      });

      uploadReplies(new Error('uploadFile:fail timeout'));
      await expect(uploadFile('/api/v1/uploads', 'a.jpg', 'file')).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
    });
  });

  it('keeps the field-level details of a validation error', async () => {
    serve(() => ({
      statusCode: 400,
      data: { code: 'VALIDATION_FAILED', message: '提交的内容不符合要求', details: [{ path: 'contactPhone', message: '请填写有效的手机号或座机号' }] },
    }));
    const error = await request('POST', '/api/v1/complaints', { body: {} }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'contactPhone', message: '请填写有效的手机号或座机号' }] });
  });

  describe('staff WeChat binding (weapp)', () => {
    beforeEach(() => vi.stubEnv('TARO_ENV', 'weapp'));

    it('sends a fresh WeChat code with the credentials and keeps the staff session it gets back', async () => {
      storage.set(TOKEN_KEY, 'resident-tok');
      Taro.login.mockResolvedValueOnce({ code: 'wx-bind', errMsg: 'login:ok' });
      const sent = serve((req) =>
        path(req) === '/api/v1/auth/wechat/bind' ? { statusCode: 200, data: aLogin('staff-tok', { role: 'CADRE' }) } : undefined,
      );

      await bindWechatToStaff('cadre-b1', 'Demo@2026x');

      expect(sent).toHaveLength(1);
      expect(sent[0]?.data).toEqual({ code: 'wx-bind', username: 'cadre-b1', password: 'Demo@2026x' });
      expect(sent[0]?.header).not.toHaveProperty('Authorization');
      expect(storage.get(TOKEN_KEY)).toBe('staff-tok');
      expect([...storage.values()]).not.toContain('Demo@2026x');
    });

    it('renews an expired staff session of a bound WeChat silently: the WeChat login now yields the staff session', async () => {
      storage.set(TOKEN_KEY, 'staff-expired');
      const staff = aMe({ role: 'OFFICE_STAFF', officeId: 1, wechatBound: true });
      const sent = serve(
        (req) => (path(req) === '/api/v1/auth/wechat' ? { statusCode: 200, data: aLogin('staff-fresh', staff) } : undefined),
        (req) =>
          path(req) === '/api/v1/me' ? (bearer(req) === 'Bearer staff-fresh' ? { statusCode: 200, data: staff } : unauthenticated) : undefined,
      );

      await expect(request('GET', '/api/v1/me')).resolves.toMatchObject({ role: 'OFFICE_STAFF' });
      expect(sent.map((req) => path(req))).toEqual(['/api/v1/me', '/api/v1/auth/wechat', '/api/v1/me']);
      expect(storage.get(TOKEN_KEY)).toBe('staff-fresh');
    });
  });

  describe('downloadFile (protected photos)', () => {
    type Download = { url: string; header: Record<string, string> };

    it('fetches with the token and hands back the local path; a refusal becomes a Chinese ApiError', async () => {
      storage.set(TOKEN_KEY, 'tok-1');
      const downloads: Download[] = [];
      Taro.downloadFile.mockImplementation(async (options: Download) => {
        downloads.push(options);
        return options.url.endsWith('/missing')
          ? { statusCode: 404, tempFilePath: 'blob:404', errMsg: 'downloadFile:ok' }
          : { statusCode: 200, tempFilePath: 'blob:photo', errMsg: 'downloadFile:ok' };
      });

      await expect(downloadFile('/api/v1/uploads/abc')).resolves.toBe('blob:photo');
      expect(downloads[0]).toEqual({ url: 'https://api.example.test/api/v1/uploads/abc', header: { Authorization: 'Bearer tok-1' } });
      await expect(downloadFile('/api/v1/uploads/missing')).rejects.toMatchObject({ code: 'NOT_FOUND', message: '照片无法显示：不存在或已失效', status: 404 });
    });

    it('sends no token for a guest route, and logs in again on 401 for a protected one', async () => {
      vi.stubEnv('TARO_ENV', 'weapp');
      storage.set(TOKEN_KEY, 'expired');
      serve(wechatLogin('fresh'));
      const headers: Record<string, string>[] = [];
      Taro.downloadFile.mockImplementation(async ({ header }: Download) => {
        headers.push(header);
        return header.Authorization === 'Bearer expired'
          ? { statusCode: 401, tempFilePath: 'blob:401', errMsg: 'downloadFile:ok' }
          : { statusCode: 200, tempFilePath: 'blob:ok', errMsg: 'downloadFile:ok' };
      });

      await expect(downloadFile('/api/v1/complaints/track/photos/abc', { query: { trackingNo: 'SA1', queryCode: 'Q1' }, anonymous: true })).resolves.toBe('blob:ok');
      expect(headers[0]).toEqual({});
      await expect(downloadFile('/api/v1/uploads/abc')).resolves.toBe('blob:ok');
      expect(headers.slice(1).map((h) => h.Authorization)).toEqual(['Bearer expired', 'Bearer fresh']);
    });
  });
});
