import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aUser, aWorld, type World } from '../../../test/support/builders';
import { startTestApp, type TestApp } from '../../../test/support/test-app';

// 满意度测评 through the HTTP API: the admin's campaigns, and residents answering once per identity.
const shanghai = (local: string) => new Date(`${local}+08:00`);

const questions = [
  { code: 'Q1', text: '您对本区食品安全状况总体是否满意？', kind: 'LIKERT5', role: 'OVERALL', weight: 2 },
  { code: 'Q2', text: '您对餐饮单位的卫生状况是否满意？', kind: 'LIKERT5' },
  { code: 'Q3', text: '您是否知道 12315 投诉举报渠道？', kind: 'YES_NO', role: 'AWARENESS' },
  { code: 'Q4', text: '您是否支持“食安共治”工作？', kind: 'YES_NO', role: 'SUPPORT' },
  { code: 'Q5', text: '您对食品安全工作还有什么意见建议？', kind: 'TEXT' },
];
const aSurvey = (over: Record<string, unknown> = {}) => ({ title: '2026 年度食品安全满意度测评', from: '2026-12-01', to: '2026-12-31', questions, ...over });
const answers = { Q1: 5, Q2: 4, Q3: true, Q4: false, Q5: '希望多开展抽检' };

describe('satisfaction surveys', () => {
  let app: TestApp;
  let world: World;
  let tokens: { admin: string; staff: string; wechat: string; phone: string; neither: string; other: string };

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  beforeEach(async () => {
    await app.truncate();
    app.clock.travelTo(new Date());
    world = await aWorld(app.prisma);
    await aUser().role('ADMIN').username('admin').build(app.prisma);
    await aUser().role('OFFICE_STAFF').username('staff').office(world.office).build(app.prisma);
    await aUser().username('wechat').openid('o-wechat-1').build(app.prisma);
    await aUser().username('other').openid('o-wechat-2').build(app.prisma);
    const phone = await aUser().username('phone').build(app.prisma);
    await app.prisma.user.update({ where: { id: phone.id }, data: { phoneHash: 'hash-13812345678', phoneMasked: '138****5678', phoneVerifiedAt: new Date() } });
    await aUser().username('neither').build(app.prisma);
    tokens = {
      admin: await app.login('admin'),
      staff: await app.login('staff'),
      wechat: await app.login('wechat'),
      phone: await app.login('phone'),
      neither: await app.login('neither'),
      other: await app.login('other'),
    };
    app.clock.travelTo(shanghai('2026-12-10T10:00:00'));
  });

  const create = async (over: Record<string, unknown> = {}) => {
    const res = await app.post('/api/v1/admin/surveys', aSurvey(over), tokens.admin);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as number;
  };
  const answer = (id: number, token: string, body: Record<string, unknown> = {}) =>
    app.post(`/api/v1/surveys/${id}/responses`, { streetId: world.street.id, communityId: world.community.id, ageBand: '30-44', answers, ...body }, token);

  describe('creating a campaign', () => {
    it('creates it for the admin and shows it with its questions, streets and counts', async () => {
      const id = await create({ streetIds: [world.street.id], minSample: 50, target: 0.85, description: '入户调查与线上答卷' });
      const res = await app.get(`/api/v1/admin/surveys/${id}`, tokens.admin);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id,
        title: '2026 年度食品安全满意度测评',
        description: '入户调查与线上答卷',
        from: '2026-12-01',
        to: '2026-12-31',
        open: true,
        streets: [{ id: world.street.id, name: world.street.name }],
        minSample: 50,
        target: 0.85,
        responses: 0,
      });
      expect(res.body.questions.map((q: { code: string; kind: string; weight: number; role: string | null }) => [q.code, q.kind, q.weight, q.role])).toEqual([
        ['Q1', 'LIKERT5', 2, 'OVERALL'],
        ['Q2', 'LIKERT5', 1, null],
        ['Q3', 'YES_NO', 1, 'AWARENESS'],
        ['Q4', 'YES_NO', 1, 'SUPPORT'],
        ['Q5', 'TEXT', 1, null],
      ]);
      // defaults: the whole district, 30 respondents, 80 %
      const plain = await app.get(`/api/v1/admin/surveys/${await create()}`, tokens.staff);
      expect(plain.body).toMatchObject({ streets: [], minSample: 30, target: 0.8 });
    });

    it('refuses a bad campaign in Chinese, at the question that is wrong', async () => {
      const refused = async (over: Record<string, unknown>) => {
        const res = await app.post('/api/v1/admin/surveys', aSurvey(over), tokens.admin);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        return res.body.details as { path: string; message: string }[];
      };
      expect(await refused({ questions: [...questions, { code: 'q2', text: '重复的题目编号', kind: 'LIKERT5' }] })).toEqual([{ path: 'questions.5.code', message: '题目编号 q2 与第 2 题重复' }]);
      expect(await refused({ questions: [...questions, { code: 'Q6', text: '第二道总体满意度', kind: 'LIKERT5', role: 'OVERALL' }] })).toEqual([
        { path: 'questions.5.role', message: '第 1 题已是总体满意度题，每种题目角色最多一道题' },
      ]);
      expect(await refused({ questions: [{ code: 'Q1', text: '总体满意吗？', kind: 'YES_NO', role: 'OVERALL' }] })).toEqual([{ path: 'questions.0.kind', message: '总体满意度题须为五级满意度题' }]);
      expect(await refused({ questions: [{ code: 'Q1', text: '您知道吗？', kind: 'LIKERT5', role: 'AWARENESS' }] })).toEqual([{ path: 'questions.0.kind', message: '知晓率题须为是否题' }]);
      expect(await refused({ questions: [{ code: 'Q1', text: '您支持吗？', kind: 'TEXT', role: 'SUPPORT' }] })).toEqual([{ path: 'questions.0.kind', message: '支持率题须为是否题' }]);
      expect(await refused({ from: '2026-12-31', to: '2026-12-01' })).toEqual([{ path: 'to', message: '结束日期不能早于开始日期' }]);
      expect(await refused({ questions: [] })).toEqual([{ path: 'questions', message: '至少需要一道题' }]);
      expect(await refused({ questions: [{ code: '1题', text: '题目', kind: 'LIKERT5' }] })).toEqual([{ path: 'questions.0.code', message: '题目编号须以字母开头，由字母、数字、下划线组成，最多 20 位' }]);
      expect(await refused({ streetIds: [world.street.id, 999_999] })).toEqual([{ path: 'streetIds.1', message: '街道不存在' }]);
      expect(await app.prisma.survey.count()).toBe(0);
    });

    it('is the admin’s: office staff may read campaigns but not create or delete them, residents neither', async () => {
      const id = await create();
      expect((await app.post('/api/v1/admin/surveys', aSurvey(), tokens.staff)).status).toBe(403);
      expect((await app.request('DELETE', `/api/v1/admin/surveys/${id}`, { token: tokens.staff })).status).toBe(403);
      expect((await app.get('/api/v1/admin/surveys', tokens.wechat)).status).toBe(403);
      expect((await app.get('/api/v1/admin/surveys', tokens.staff)).body.total).toBe(1);
      expect((await app.get('/api/v1/admin/surveys/999999', tokens.admin)).body).toMatchObject({ code: 'NOT_FOUND', message: '测评不存在' });
    });

    it('lists campaigns newest first, paged, with their response counts', async () => {
      const older = await create({ title: '2025 年度测评', from: '2025-11-01', to: '2025-11-30' });
      const newer = await create();
      expect((await answer(newer, tokens.wechat)).status).toBe(201);
      const page = await app.get('/api/v1/admin/surveys?limit=1', tokens.admin);
      expect(page.body.total).toBe(2);
      expect(page.body.items.map((s: { id: number; responses: number; open: boolean }) => [s.id, s.responses, s.open])).toEqual([[newer, 1, true]]);
      const second = await app.get('/api/v1/admin/surveys?limit=1&offset=1', tokens.admin);
      expect(second.body.items.map((s: { id: number; open: boolean }) => [s.id, s.open])).toEqual([[older, false]]);
    });

    it('deletes a campaign only while no one has answered it', async () => {
      const empty = await create();
      expect((await app.request('DELETE', `/api/v1/admin/surveys/${empty}`, { token: tokens.admin })).status).toBe(204);
      expect((await app.get(`/api/v1/admin/surveys/${empty}`, tokens.admin)).status).toBe(404);
      const answered = await create();
      await answer(answered, tokens.wechat);
      const res = await app.request('DELETE', `/api/v1/admin/surveys/${answered}`, { token: tokens.admin });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'SURVEY_HAS_RESPONSES', message: '测评已有答卷，不能删除' });
      expect((await app.get(`/api/v1/admin/surveys/${answered}`, tokens.admin)).body.responses).toBe(1);
    });
  });

  describe('answering', () => {
    it('takes one answer sheet per WeChat identity and shows it as answered', async () => {
      const id = await create();
      const first = await answer(id, tokens.wechat);
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      const again = await answer(id, tokens.wechat, { ageBand: '60+' });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'SURVEY_ALREADY_ANSWERED', message: '您已参加过本次测评' });

      const stored = await app.prisma.surveyResponse.findMany({ include: { answers: { include: { question: true } } } });
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ source: 'ONLINE', identityKey: 'openid:o-wechat-1', streetId: world.street.id, communityId: world.community.id, ageBand: '30-44' });
      expect(Object.fromEntries(stored[0]!.answers.map((a) => [a.question.code, a.value ?? a.text]))).toEqual({ Q1: 5, Q2: 4, Q3: 1, Q4: 0, Q5: '希望多开展抽检' });

      const mine = await app.get('/api/v1/surveys/open', tokens.wechat);
      expect(mine.body.map((s: { id: number; answered: boolean }) => [s.id, s.answered])).toEqual([[id, true]]);
      const others = await app.get('/api/v1/surveys/open', tokens.other);
      expect(others.body.map((s: { answered: boolean }) => s.answered)).toEqual([false]);
      const signedOut = await app.get('/api/v1/surveys/open');
      expect(signedOut.status).toBe(200);
      expect(signedOut.body).toMatchObject([{ id, open: true, answered: false, questions: expect.any(Array) }]);
    });

    it('takes an SMS-verified phone as the identity on h5, once', async () => {
      const id = await create();
      expect((await answer(id, tokens.phone, { communityId: undefined })).status).toBe(201);
      expect(await app.prisma.surveyResponse.findFirst({ select: { identityKey: true, communityId: true } })).toEqual({ identityKey: 'phone:hash-13812345678', communityId: null });
      expect((await answer(id, tokens.phone)).body.code).toBe('SURVEY_ALREADY_ANSWERED');
    });

    it('counts a person once when their WeChat and phone are the same account', async () => {
      const id = await create();
      expect((await answer(id, tokens.phone)).status).toBe(201);
      // The same resident later binds WeChat: answering again under the openid is still the same person.
      await app.prisma.user.update({ where: { username: 'phone' }, data: { openid: 'o-phone-later' } });
      expect((await answer(id, tokens.phone)).body.code).toBe('SURVEY_ALREADY_ANSWERED');
    });

    it('asks a user with neither WeChat nor a verified phone to verify first, and a signed-out one to sign in', async () => {
      const id = await create();
      const res = await answer(id, tokens.neither);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'SURVEY_IDENTITY_REQUIRED', message: '参加测评须微信登录或验证手机号' });
      expect((await app.post(`/api/v1/surveys/${id}/responses`, { streetId: world.street.id, ageBand: '30-44', answers })).status).toBe(401);
      expect((await answer(id, tokens.staff)).status).toBe(403);
      expect(await app.prisma.surveyResponse.count()).toBe(0);
    });

    it('refuses an incomplete or wrong answer sheet, naming each field', async () => {
      const id = await create();
      const refused = async (body: Record<string, unknown>) => {
        const res = await answer(id, tokens.wechat, body);
        expect(res.status, JSON.stringify(res.body)).toBe(400);
        expect(res.body.code).toBe('SURVEY_ANSWER_INVALID');
        return res.body.details as { path: string; message: string }[];
      };
      expect(await refused({ answers: { Q2: 4, Q3: true, Q4: true } })).toEqual([{ path: 'answers.Q1', message: '请回答：您对本区食品安全状况总体是否满意？' }]);
      expect(await refused({ answers: { ...answers, Q1: 6 } })).toEqual([{ path: 'answers.Q1', message: '分数须为 1–5 的整数（5 = 非常满意，1 = 非常不满意）' }]);
      expect(await refused({ answers: { ...answers, Q2: null } })).toEqual([
        { path: 'answers.Q2', message: '五级满意度题须为 1–5 的整数，是否题须为 true 或 false，文字题须为不超过 1000 字的文字' },
      ]);
      expect(await refused({ answers: { ...answers, Q1: true, Q3: 1 } })).toEqual([
        { path: 'answers.Q1', message: '请选择 1–5 分（5 = 非常满意，1 = 非常不满意）' },
        { path: 'answers.Q3', message: '请选择“是”或“否”' },
      ]);
      expect(await refused({ answers: { ...answers, Q9: 3 } })).toEqual([{ path: 'answers.Q9', message: '本测评没有编号为 Q9 的题目' }]);
      expect(await refused({ communityId: world.otherCommunity.id })).toEqual([{ path: 'communityId', message: `该社区不属于${world.street.name}` }]);
      expect(await refused({ streetId: 999_999 })).toEqual([{ path: 'streetId', message: '街道不存在' }]);
      expect(await app.prisma.surveyResponse.count()).toBe(0);
      // a TEXT question may be left out
      expect((await answer(id, tokens.wechat, { answers: { Q1: 3, Q2: 3, Q3: false, Q4: true } })).status).toBe(201);
    });
  });

  describe('when and where a campaign is open', () => {
    it('is open from its first to its last day in Shanghai, and refuses answers outside them', async () => {
      const id = await create();
      app.clock.travelTo(shanghai('2026-11-30T23:59:00'));
      expect((await app.get('/api/v1/surveys/open')).body).toEqual([]);
      expect((await app.get(`/api/v1/surveys/${id}`)).body).toMatchObject({ code: 'SURVEY_NOT_OPEN', message: '该测评不在开放期内' });
      expect((await answer(id, tokens.wechat)).body.code).toBe('SURVEY_NOT_OPEN');

      app.clock.travelTo(shanghai('2026-12-31T23:30:00'));
      expect((await app.get(`/api/v1/surveys/${id}`)).body).toMatchObject({ id, open: true });
      expect((await answer(id, tokens.wechat)).status).toBe(201);

      // 00:30 on 1 January in Shanghai is still 31 December in UTC: closed.
      app.clock.travelTo(shanghai('2027-01-01T00:30:00'));
      expect((await app.get('/api/v1/surveys/open')).body).toEqual([]);
      const late = await answer(id, tokens.other);
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('SURVEY_NOT_OPEN');
      expect((await app.get('/api/v1/surveys/999999')).status).toBe(404);
    });

    it('takes answers only from the streets it is opened to', async () => {
      const id = await create({ streetIds: [world.otherStreet.id] });
      const res = await answer(id, tokens.wechat);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'SURVEY_NOT_FOR_STREET', message: `该测评仅面向部分街道的居民，不包括${world.street.name}` });
      expect((await answer(id, tokens.wechat, { streetId: world.otherStreet.id, communityId: world.otherCommunity.id })).status).toBe(201);
      expect((await app.get('/api/v1/surveys/open', tokens.wechat)).body).toMatchObject([{ id, streets: [{ id: world.otherStreet.id }], answered: true }]);
    });
  });
});
