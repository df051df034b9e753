import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { UploadResponse } from '@sa/contracts';
import { aUser } from '../../../test/support/builders';
import { aComplaintWorld, aReportBody } from '../../../test/support/complaint-world';
import { startFakeWechat, wechatSignature } from '../../../test/support/fake-wechat';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { addCalendarDays, shanghaiDate } from '../calendar/working-days';
import { ENV, type Env } from '../config/env';
import { aPhoto } from '../uploads/testing/photo-builder';

const PUSH_TOKEN = 'push-token-for-tests';

describe('content safety (内容安全) against the fake WeChat server', () => {
  let app: TestApp;
  let wechat: Awaited<ReturnType<typeof startFakeWechat>>;
  let env: Env;
  let business: { id: number };
  let t: { weapp: string; web: string; staff: string; cadre: string; admin: string };

  beforeAll(async () => {
    wechat = await startFakeWechat();
    app = await startTestApp({ WECHAT_API_BASE: wechat.url, WECHAT_PUSH_TOKEN: PUSH_TOKEN, WECHAT_CHECK_TIMEOUT_MS: '300' });
    // The port is known only once the server listens: the URLs handed to WeChat point back at this server.
    env = app.nest.get<Env>(ENV);
    env.publicBaseUrl = app.baseUrl;
    wechat.security.pushTo(app.baseUrl, PUSH_TOKEN);
  });
  afterAll(async () => {
    await app?.close();
    await wechat?.close();
  });

  beforeEach(async () => {
    const w = await aComplaintWorld(app);
    business = w.business;
    wechat.security.texts.length = 0;
    wechat.security.media.length = 0;
    env.publicBaseUrl = app.baseUrl;
    await aUser().username('mei').named('张小梅').openid('openid-mei').build(app.prisma);
    await aUser().username('web').named('刘洋').build(app.prisma);
    await aUser().role('OFFICE_STAFF').username('staff').office(w.world.office).build(app.prisma);
    await aUser().username('cadre').openid('openid-cadre').cadre(w.cadre).build(app.prisma);
    await aUser().role('ADMIN').username('admin').build(app.prisma);
    t = { weapp: await app.login('mei'), web: await app.login('web'), staff: await app.login('staff'), cadre: await app.login('cadre'), admin: await app.login('admin') };
  });

  const submit = (over: Record<string, unknown> = {}, token = t.weapp) => app.post('/api/v1/complaints', aReportBody(business, over), token);
  const detail = (id: number, token = t.staff) => app.get(`/api/v1/workbench/complaints/${id}`, token);
  const queueItem = async (id: number) => (await app.get('/api/v1/workbench/complaints', t.staff)).body.items.find((i: { id: number }) => i.id === id);
  const upload = async (token = t.weapp) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await aPhoto().jpeg().build())], { type: 'image/jpeg' }), 'photo.jpg');
    const res = await fetch(`${app.baseUrl}/api/v1/uploads`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
    return ((await res.json()) as UploadResponse).id;
  };
  /** Staff take the report to 已办结, so its reporter may reopen it. */
  const resolved = async (id: number) => {
    for (const step of [{ action: 'accept' }, { action: 'startVerification' }, { action: 'noCase', reason: '现场未发现过期食品' }, { action: 'resolve', outcome: 'NO_VIOLATION', reply: '经现场核查未发现过期食品。' }]) {
      expect((await app.post(`/api/v1/workbench/complaints/${id}/actions`, step, t.staff)).status).toBe(200);
    }
  };

  describe('text written in the mini-program (msg_sec_check v2)', () => {
    it('checks a report description with the writer’s openid and saves a passing one unflagged', async () => {
      const res = await submit();
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(wechat.security.texts).toEqual([{ content: '店内冷柜里的酸奶已经过期三天仍在销售', version: 2, scene: 3, openid: 'openid-mei' }]);
      expect((await detail(res.body.id)).body.contentFlag).toBeNull();
    });

    it('refuses risky text with a clear message and saves nothing; the corrected report goes through', async () => {
      wechat.security.text('risky');
      const res = await submit({ description: '这家店的老板是个（违规内容）' });
      expect(res.status).toBe(422);
      expect(res.body).toEqual({ code: 'CONTENT_RISKY', message: '内容含有违法违规信息，请修改后再提交' });
      expect(await app.prisma.complaint.count()).toBe(0);
      expect((await submit()).status).toBe(201);
    });

    it('keeps text WeChat wants reviewed and shows staff 内容待复核 in the queue and the detail', async () => {
      wechat.security.text('review');
      const res = await submit();
      expect(res.status).toBe(201);
      expect((await detail(res.body.id)).body.contentFlag).toBe('REVIEW');
      expect((await queueItem(res.body.id)).contentFlag).toBe('REVIEW');
    });

    it('never loses a report when WeChat errs or is too slow: saved at once and flagged unchecked', async () => {
      wechat.security.text({ errcode: 61010 });
      const expired = await submit();
      expect(expired.status).toBe(201);
      expect((await detail(expired.body.id)).body.contentFlag).toBe('UNCHECKED');

      wechat.security.text({ delayMs: 2_000, then: 'risky' });
      const started = Date.now();
      const slow = await submit();
      expect(slow.status).toBe(201);
      expect(Date.now() - started).toBeLessThan(1_500);
      expect((await detail(slow.body.id)).body.contentFlag).toBe('UNCHECKED');
    });

    it('does not check what portal users write without WeChat', async () => {
      const res = await submit({}, t.web);
      expect(res.status).toBe(201);
      expect(wechat.security.texts).toHaveLength(0);
      expect((await detail(res.body.id)).body.contentFlag).toBeNull();
    });

    it('checks a reopen reason as a comment: risky refused with the report still 已办结, review flagged', async () => {
      const { body } = await submit();
      await resolved(body.id);
      wechat.security.text('risky');
      const refused = await app.post(`/api/v1/complaints/${body.id}/reopen`, { reason: '（违规内容）还在卖过期酸奶' }, t.weapp);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('CONTENT_RISKY');
      expect((await app.prisma.complaint.findUniqueOrThrow({ where: { id: body.id } })).status).toBe('RESOLVED');
      expect(wechat.security.texts.at(-1)).toMatchObject({ scene: 2, openid: 'openid-mei' });

      wechat.security.text('review');
      const reopened = await app.post(`/api/v1/complaints/${body.id}/reopen`, { reason: '今天又看到在卖过期酸奶' }, t.weapp);
      expect(reopened.status).toBe(200);
      expect(reopened.body.status).toBe('REOPENED');
      expect((await detail(body.id)).body.contentFlag).toBe('REVIEW');
    });

    it('checks a cadre’s follow-up note written in the mini-program', async () => {
      const { body } = await submit();
      const path = `/api/v1/workbench/complaints/${body.id}/follow-ups`;
      wechat.security.text('risky');
      const refused = await app.post(path, { kind: 'NOTE', note: '（违规内容）店主不配合' }, t.cadre);
      expect(refused.status).toBe(422);
      expect(await app.prisma.followUp.count()).toBe(0);
      wechat.security.text('review');
      const kept = await app.post(path, { kind: 'NOTE', note: '已电话联系店主说明情况' }, t.cadre);
      expect(kept.status).toBe(201);
      expect(kept.body.contentFlag).toBe('REVIEW');
      expect(wechat.security.texts.at(-1)).toMatchObject({ openid: 'openid-cadre', scene: 2 });
    });
  });

  describe('好差评 comments (msg_sec_check v2, scene 评论)', () => {
    const rate = (id: number, body: Record<string, unknown>, token = t.weapp) => app.post(`/api/v1/complaints/${id}/rating`, body, token);
    const staffRatings = async () => (await app.get('/api/v1/workbench/ratings', t.staff)).body.items as { complaintId: number; contentFlag: string | null }[];

    it('refuses a risky comment with the clear message and stores nothing: no rating, no rectification, no notice', async () => {
      const { body } = await submit();
      await resolved(body.id);
      const notices = await app.prisma.notification.count();
      wechat.security.text('risky');
      const refused = await rate(body.id, { level: 1, tags: ['态度差'], comment: '（违规内容）这些办事的人' });
      expect(refused.status).toBe(422);
      expect(refused.body).toEqual({ code: 'CONTENT_RISKY', message: '内容含有违法违规信息，请修改后再提交' });
      expect(wechat.security.texts.at(-1)).toEqual({ content: '（违规内容）这些办事的人', version: 2, scene: 2, openid: 'openid-mei' });
      expect(await app.prisma.rating.count()).toBe(0);
      expect(await app.prisma.rectification.count()).toBe(0);
      expect(await app.prisma.notification.count()).toBe(notices);
      // The form stays open: the corrected comment goes through.
      expect((await app.get(`/api/v1/complaints/${body.id}`, t.weapp)).body.rating.canRate).toBe(true);
      const corrected = await rate(body.id, { level: 1, tags: ['态度差'], comment: '工作人员态度很差' });
      expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);
      expect((await staffRatings()).find((r) => r.complaintId === body.id)!.contentFlag).toBeNull();
    });

    it('keeps a comment WeChat wants reviewed and shows staff 内容待复核 in the list, the case and the rectification, never the rater', async () => {
      const { body } = await submit();
      await resolved(body.id);
      wechat.security.text('review');
      const rated = await rate(body.id, { level: 2, comment: '处理太慢，希望以后快一点' });
      expect(rated.status).toBe(201);
      expect(rated.body).not.toHaveProperty('contentFlag');
      expect(wechat.security.texts).toContainEqual({ content: '处理太慢，希望以后快一点', version: 2, scene: 2, openid: 'openid-mei' });

      expect((await staffRatings()).find((r) => r.complaintId === body.id)!.contentFlag).toBe('REVIEW');
      const caseView = (await detail(body.id)).body;
      expect(caseView.ratings).toEqual([expect.objectContaining({ comment: '处理太慢，希望以后快一点', contentFlag: 'REVIEW' })]);
      const rect = await app.get(`/api/v1/workbench/rectifications/${caseView.ratings[0].rectificationId}`, t.staff);
      expect(rect.status).toBe(200);
      expect(rect.body.rating).toMatchObject({ comment: '处理太慢，希望以后快一点', contentFlag: 'REVIEW' });
      const own = (await app.get(`/api/v1/complaints/${body.id}`, t.weapp)).body.rating.ratings[0];
      expect(own).toMatchObject({ comment: '处理太慢，希望以后快一点' });
      expect(own).not.toHaveProperty('contentFlag');
    });

    it('never loses a rating when WeChat errs or is too slow: saved at once and flagged unchecked', async () => {
      const first = (await submit()).body;
      const second = (await submit({ description: '后厨的生肉和熟食放在同一个冰箱里' })).body;
      await resolved(first.id);
      await resolved(second.id);
      wechat.security.text({ errcode: 61010 });
      expect((await rate(first.id, { level: 4, comment: '处理得还可以' })).status).toBe(201);
      wechat.security.text({ delayMs: 2_000, then: 'risky' });
      const started = Date.now();
      expect((await rate(second.id, { level: 5, comment: '很及时，谢谢' })).status).toBe(201);
      expect(Date.now() - started).toBeLessThan(1_500);
      const flags = new Map((await staffRatings()).map((r) => [r.complaintId, r.contentFlag]));
      expect([flags.get(first.id), flags.get(second.id)]).toEqual(['UNCHECKED', 'UNCHECKED']);
    });

    it('checks nothing for a rating without a comment, nor for a portal user writing without WeChat', async () => {
      const weapp = (await submit()).body;
      const web = (await submit({}, t.web)).body;
      await resolved(weapp.id);
      await resolved(web.id);
      wechat.security.texts.length = 0;
      expect((await rate(weapp.id, { level: 5, tags: ['响应快'] })).status).toBe(201);
      expect((await rate(web.id, { level: 3, comment: '还行吧，就是慢了点' }, t.web)).status).toBe(201);
      expect(wechat.security.texts).toHaveLength(0);
      expect((await staffRatings()).map((r) => r.contentFlag)).toEqual([null, null]);
    });
  });

  describe('free-text survey answers (满意度测评)', () => {
    const questions = [
      { code: 'Q1', text: '您对本区食品安全状况总体是否满意？', kind: 'LIKERT5', role: 'OVERALL' },
      { code: 'Q2', text: '您对食品安全工作还有什么意见建议？', kind: 'TEXT' },
      { code: 'Q3', text: '您最担心哪类食品安全问题？', kind: 'TEXT' },
    ];
    let survey: number;
    let street: { id: number };
    beforeEach(async () => {
      street = await app.prisma.street.findFirstOrThrow({ select: { id: true } });
      const today = shanghaiDate(new Date());
      const created = await app.post('/api/v1/admin/surveys', { title: '2026 年度食品安全满意度测评', from: addCalendarDays(today, -1), to: addCalendarDays(today, 30), questions }, t.admin);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      survey = created.body.id;
    });
    const answer = (answers: Record<string, unknown>, token = t.weapp) => app.post(`/api/v1/surveys/${survey}/responses`, { streetId: street.id, ageBand: '60+', answers }, token);
    const stored = () => app.prisma.surveyResponse.findMany({ select: { userId: true, contentFlag: true, answers: { select: { text: true } } } });

    it('refuses a risky answer naming its question, and stores nothing; the corrected sheet is kept', async () => {
      wechat.security.text('risky');
      const refused = await answer({ Q1: 2, Q2: '（违规内容）', Q3: '' });
      expect(refused.status).toBe(422);
      expect(refused.body).toEqual({
        code: 'CONTENT_RISKY',
        message: '内容含有违法违规信息，请修改后再提交',
        details: [{ path: 'answers.Q2', message: '内容含有违法违规信息，请修改后再提交' }],
      });
      expect(wechat.security.texts).toEqual([{ content: '（违规内容）', version: 2, scene: 2, openid: 'openid-mei' }]);
      expect(await app.prisma.surveyResponse.count()).toBe(0);
      expect(await app.prisma.surveyAnswer.count()).toBe(0);
      const kept = await answer({ Q1: 2, Q2: '希望多公布抽检结果', Q3: '' });
      expect(kept.status, JSON.stringify(kept.body)).toBe(201);
      expect(await stored()).toEqual([expect.objectContaining({ contentFlag: null })]);
    });

    it('checks every written answer, and keeps a sheet WeChat wants reviewed, flagged', async () => {
      wechat.security.text('review');
      const res = await answer({ Q1: 4, Q2: '希望多公布抽检结果', Q3: '校园周边小摊贩' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(wechat.security.texts.map((m) => [m.content, m.scene, m.openid]).sort()).toEqual([
        ['希望多公布抽检结果', 2, 'openid-mei'],
        ['校园周边小摊贩', 2, 'openid-mei'],
      ]);
      expect(await stored()).toEqual([expect.objectContaining({ contentFlag: 'REVIEW' })]);
    });

    it('never loses a sheet when WeChat cannot answer in time: kept and flagged unchecked', async () => {
      wechat.security.text({ delayMs: 2_000, then: 'risky' });
      const started = Date.now();
      expect((await answer({ Q1: 3, Q2: '菜市场的熟食没有防蝇罩' })).status).toBe(201);
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(await stored()).toEqual([expect.objectContaining({ contentFlag: 'UNCHECKED' })]);
    });

    it('does not check the answers of a portal resident signed in by SMS', async () => {
      const web = await app.prisma.user.findUniqueOrThrow({ where: { username: 'web' } });
      await app.prisma.user.update({ where: { id: web.id }, data: { phoneHash: 'hash-13912345678', phoneMasked: '139****5678', phoneVerifiedAt: new Date() } });
      expect((await answer({ Q1: 5, Q2: '希望多公布抽检结果' }, t.web)).status).toBe(201);
      expect(wechat.security.texts).toHaveLength(0);
      expect(await stored()).toEqual([expect.objectContaining({ userId: web.id, contentFlag: null })]);
    });
  });

  describe('photos (media_check_async v2 and the wxa_media_check push)', () => {
    it('hands WeChat a signed URL of the photo, and a risky verdict flags the report and hides the photo but from the office', async () => {
      const photo = await upload();
      const res = await submit({ photoIds: [photo] });
      expect(res.status).toBe(201);
      expect(wechat.security.media).toHaveLength(1);
      const check = wechat.security.media[0]!;
      expect(check).toMatchObject({ media_type: 2, version: 2, scene: 3, openid: 'openid-mei' });
      expect(check.media_url.startsWith(`${app.baseUrl}/api/v1/wechat/media/${photo}?`)).toBe(true);
      expect(await app.prisma.upload.findUniqueOrThrow({ where: { id: photo } })).toMatchObject({ checkState: 'PENDING', checkTraceId: check.traceId });

      const pushed = await wechat.security.resolve(check.traceId, 'risky');
      expect(pushed.fetched).toEqual({ status: 200, type: 'image/jpeg', bytes: expect.any(Number) });
      expect(pushed).toMatchObject({ status: 200, body: 'success' });
      expect(await app.prisma.upload.findUniqueOrThrow({ where: { id: photo } })).toMatchObject({ checkState: 'RISKY' });
      expect((await detail(res.body.id)).body).toMatchObject({ contentFlag: 'RISKY_IMAGE', photoIds: [photo] });
      expect((await queueItem(res.body.id)).contentFlag).toBe('RISKY_IMAGE');

      expect((await app.get(`/api/v1/complaints/${res.body.id}`, t.weapp)).body.photoIds).toEqual([]);
      expect((await detail(res.body.id, t.cadre)).body.photoIds).toEqual([]);
      const path = `/api/v1/uploads/${photo}`;
      for (const token of [t.staff, t.admin]) expect((await app.get(path, token)).status).toBe(200);
      for (const token of [t.weapp, t.cadre, undefined]) expect((await app.get(path, token)).status).toBe(404);

      // Attached once, a photo is spent; one still unattached that WeChat found risky is refused as risky.
      const again = await submit({ photoIds: [photo], description: '另一家店也用了这张照片里的过期酸奶' });
      expect(again.status).toBe(400);
      expect(again.body.code).toBe('PHOTO_NOT_FOUND');
      const second = await upload();
      await app.prisma.upload.update({ where: { id: second }, data: { checkState: 'RISKY' } });
      const risky = await submit({ photoIds: [second], description: '另一家店也用了这张照片里的过期酸奶' });
      expect(risky.status).toBe(422);
      expect(risky.body).toEqual({ code: 'IMAGE_RISKY', message: '图片含有违法违规内容，请更换后再提交' });
    });

    it('records a verdict once: a repeated or late push and an unknown trace id change nothing', async () => {
      const photo = await upload();
      const res = await submit({ photoIds: [photo] });
      const traceId = wechat.security.media[0]!.traceId;
      expect((await wechat.security.resolve(traceId, 'review')).body).toBe('success');
      expect((await detail(res.body.id)).body.contentFlag).toBe('REVIEW');
      expect((await wechat.security.resolve(traceId, 'risky')).status).toBe(200);
      expect(await app.prisma.upload.findUniqueOrThrow({ where: { id: photo } })).toMatchObject({ checkState: 'REVIEW' });
      expect((await detail(res.body.id)).body.contentFlag).toBe('REVIEW');
      expect((await wechat.security.resolve('trace-unknown', 'risky')).body).toBe('success');
    });

    it('passes a clean photo without a flag, and flags the report unchecked when the check cannot start', async () => {
      const clean = await upload();
      const ok = await submit({ photoIds: [clean] });
      await wechat.security.resolve(wechat.security.media[0]!.traceId, 'pass');
      expect((await detail(ok.body.id)).body.contentFlag).toBeNull();
      expect((await app.get(`/api/v1/complaints/${ok.body.id}`, t.weapp)).body.photoIds).toEqual([clean]);

      wechat.security.failMediaNext(-1);
      const failed = await upload();
      const res = await submit({ photoIds: [failed] });
      expect(res.status).toBe(201);
      expect((await detail(res.body.id)).body.contentFlag).toBe('UNCHECKED');
      expect(await app.prisma.upload.findUniqueOrThrow({ where: { id: failed } })).toMatchObject({ checkState: 'UNCHECKED' });

      env.publicBaseUrl = undefined;
      const noUrl = await upload();
      expect((await detail((await submit({ photoIds: [noUrl] })).body.id)).body.contentFlag).toBe('UNCHECKED');
    });

    it('refuses forged pushes and answers WeChat’s URL check only with the right signature', async () => {
      const photo = await upload();
      await submit({ photoIds: [photo] });
      const forged = await wechat.security.resolve(wechat.security.media[0]!.traceId, 'risky', { signWith: 'not-the-token' });
      expect(forged.status).toBe(403);
      expect(await app.prisma.upload.findUniqueOrThrow({ where: { id: photo } })).toMatchObject({ checkState: 'PENDING' });
      expect((await app.post('/api/v1/wechat/events', { Event: 'wxa_media_check', trace_id: 'trace-1' })).status).toBe(403);

      const signature = wechatSignature(PUSH_TOKEN, '1700000000', '42');
      const echo = await app.get(`/api/v1/wechat/events?signature=${signature}&timestamp=1700000000&nonce=42&echostr=hello-wechat`);
      expect(echo).toMatchObject({ status: 200, body: 'hello-wechat' });
      expect((await app.get(`/api/v1/wechat/events?signature=${signature}&timestamp=1700000001&nonce=42&echostr=x`)).status).toBe(403);
    });

    it('serves a photo to WeChat only through its own unexpired signed URL', async () => {
      const photo = await upload();
      const other = await upload();
      await submit({ photoIds: [photo] });
      const url = new URL(wechat.security.media[0]!.media_url);
      expect((await fetch(url)).status).toBe(200);
      const swapped = `${app.baseUrl}/api/v1/wechat/media/${other}${url.search}`;
      expect((await fetch(swapped)).status).toBe(404);
      expect((await fetch(`${url.origin}${url.pathname}?expires=${url.searchParams.get('expires')}&sig=AAAA`)).status).toBe(404);
      app.clock.travelTo(new Date(Date.now() + 3 * 3600_000));
      expect((await fetch(url)).status).toBe(404);
    });
  });
});

describe('the privacy notice address', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  it('sends /privacy to the portal’s privacy page', async () => {
    const res = await fetch(`${app.baseUrl}/privacy`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/#/pages/privacy/index');
  });
});
