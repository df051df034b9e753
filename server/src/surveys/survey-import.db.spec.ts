import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aUser, aWorld, type World } from '../../../test/support/builders';
import { startTestApp, type TestApp } from '../../../test/support/test-app';

// In-home interviews imported from the survey company's file, and the figures of issue 8 §2 by hand.
const shanghai = (local: string) => new Date(`${local}+08:00`);

const questions = [
  { code: 'Q1', text: '您对本区食品安全状况总体是否满意？', kind: 'LIKERT5', role: 'OVERALL', weight: 2 },
  { code: 'Q2', text: '您对餐饮单位的卫生状况是否满意？', kind: 'LIKERT5' },
  { code: 'Q3', text: '您是否知道 12315 投诉举报渠道？', kind: 'YES_NO', role: 'AWARENESS' },
  { code: 'Q4', text: '您是否支持“食安共治”工作？', kind: 'YES_NO', role: 'SUPPORT' },
  { code: 'Q5', text: '您对食品安全工作还有什么意见建议？', kind: 'TEXT' },
];
const HEADER = 'street,community,ageBand,Q1,Q2,Q3,Q4,Q5';

describe('survey imports and results', () => {
  let app: TestApp;
  let world: World;
  let tokens: { admin: string; staff: string; cadre: string; resident: string };
  let surveyId: number;

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
    const cadre = await app.prisma.cadre.create({ data: { name: '陈秀兰', tier: 'COMMUNITY', title: '社区书记', phone: '13900000000', districtId: world.district.id, streetId: world.street.id, communityId: world.community.id } });
    await aUser().username('cadre').cadre(cadre).build(app.prisma);
    await aUser().username('resident').openid('o-resident').build(app.prisma);
    tokens = { admin: await app.login('admin'), staff: await app.login('staff'), cadre: await app.login('cadre'), resident: await app.login('resident') };
    app.clock.travelTo(shanghai('2026-12-10T10:00:00'));
    const res = await app.post('/api/v1/admin/surveys', { title: '2026 年度食品安全满意度测评', from: '2026-12-01', to: '2026-12-31', minSample: 3, target: 0.8, questions }, tokens.admin);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    surveyId = res.body.id;
  });

  async function upload(content: Buffer | string, fileName: string, token = tokens.admin, field = 'file') {
    const form = new FormData();
    form.append(field, new Blob([typeof content === 'string' ? Buffer.from(content, 'utf8') : content]), fileName);
    const res = await fetch(`${app.baseUrl}/api/v1/admin/surveys/${surveyId}/responses/import`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as any };
  }
  const csvOf = (rows: string[]) => `\ufeff${[HEADER, ...rows].join('\r\n')}\r\n`;
  const responses = () => app.prisma.surveyResponse.count({ where: { surveyId } });

  /** Ten interviews: 东湖街道 (4 in 东湖社区, 2 in 柳岸社区, 1 without a community) and 3 in 西河街道. */
  const interviews = () => [
    `${world.street.name},${world.community.name},18-29,5,5,是,是,`,
    `${world.street.name},${world.community.name},30-44,4,3,是,否,希望多抽检`,
    `${world.street.name},${world.community.name},45-59,3,2,否,是,`,
    `${world.street.name},${world.community.name},60+,5,4,是,是,`,
    `${world.street.name},${world.neighbourCommunity.name},60+,2,3,否,是,"夜市油烟大，\r\n希望整治"`,
    `${world.street.name},${world.neighbourCommunity.name},30-44,4,4,是,是,`,
    `${world.street.name},,45-59,1,1,否,否,`,
    `${world.otherStreet.name},${world.otherCommunity.name},18-29,5,5,是,是,`,
    `${world.otherStreet.name},${world.otherCommunity.name},30-44,4,5,是,是,`,
    `${world.otherStreet.name},${world.otherCommunity.name},45-59,4,4,否,是,`,
  ];

  describe('importing', () => {
    it('imports a good CSV whole, with each row’s answers, and counts them on the campaign', async () => {
      const res = await upload(csvOf(interviews()), '入户调查.csv');
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toEqual({ importId: expect.any(Number), rows: 10 });
      const imp = await app.prisma.surveyImport.findUniqueOrThrow({ where: { id: res.body.importId } });
      expect(imp).toMatchObject({ surveyId, fileName: '入户调查.csv', rows: 10 });
      const stored = await app.prisma.surveyResponse.findMany({ where: { surveyId }, orderBy: { id: 'asc' }, include: { answers: { include: { question: true } } } });
      expect(stored).toHaveLength(10);
      expect(stored.every((r) => r.source === 'IMPORT' && r.identityKey === null && r.importId === imp.id)).toBe(true);
      const fifth = stored[4]!;
      expect(fifth).toMatchObject({ streetId: world.street.id, communityId: world.neighbourCommunity.id, ageBand: '60+' });
      expect(Object.fromEntries(fifth.answers.map((a) => [a.question.code, a.value ?? a.text]))).toEqual({ Q1: 2, Q2: 3, Q3: 0, Q4: 1, Q5: '夜市油烟大，\r\n希望整治' });
      expect(stored[6]).toMatchObject({ communityId: null, ageBand: '45-59' });
      expect((await app.get(`/api/v1/admin/surveys/${surveyId}`, tokens.admin)).body.responses).toBe(10);
    });

    it('imports a large file in one go, each row’s answers with its own respondent', async () => {
      const bands = ['18-29', '30-44', '45-59', '60+'];
      const rows = Array.from({ length: 2500 }, (_, i) => `${world.street.name},,${bands[i % 4]},${(i % 5) + 1},${((i + 2) % 5) + 1},${i % 2 ? '是' : '否'},是,第${i + 2}行`);
      const res = await upload(csvOf(rows), 'large.csv');
      expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(201);
      expect(res.body.rows).toBe(2500);
      const stored = await app.prisma.surveyResponse.findMany({ where: { surveyId }, orderBy: { id: 'asc' }, include: { answers: { include: { question: true } } } });
      expect(stored).toHaveLength(2500);
      const mismatched = stored.filter((r) => {
        const a = Object.fromEntries(r.answers.map((x) => [x.question.code, x.value ?? x.text]));
        const i = Number(/^第(\d+)行$/.exec(String(a.Q5))![1]) - 2;
        return r.ageBand !== bands[i % 4] || a.Q1 !== (i % 5) + 1 || a.Q2 !== ((i + 2) % 5) + 1 || a.Q3 !== i % 2;
      });
      expect(mismatched).toEqual([]);
    });

    it('imports a good xlsx (numbers as numbers), told apart by its content', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('入户调查');
      ws.addRow(['街道', '社区', '年龄段', 'Q1', 'Q2', 'Q3', 'Q4', 'Q5']);
      ws.addRow([world.street.name, world.community.name, '18-29', 5, 4, '是', '否', '很好']);
      ws.addRow([world.otherStreet.name, null, '60+', 3, 3, '否', '是', null]);
      const res = await upload(Buffer.from(await wb.xlsx.writeBuffer()), 'survey.xlsx');
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.rows).toBe(2);
      const stored = await app.prisma.surveyResponse.findMany({ where: { surveyId }, orderBy: { id: 'asc' }, include: { answers: { include: { question: true }, orderBy: { questionId: 'asc' } } } });
      expect(stored.map((r) => [r.streetId, r.communityId, r.ageBand, r.answers.map((a) => a.value ?? a.text)])).toEqual([
        [world.street.id, world.community.id, '18-29', [5, 4, 1, 0, '很好']],
        [world.otherStreet.id, null, '60+', [3, 3, 0, 1]],
      ]);
    });

    it('refuses a CSV with one bad row in the middle: its line and column are reported and nothing is imported', async () => {
      const rows = interviews();
      // line 1 is the header: the sixth interview is on line 7 (the fifth’s quoted cell takes two lines)
      rows[5] = `${world.street.name},${world.otherCommunity.name},30-44,6,4,是,对,`;
      const res = await upload(csvOf(rows), '入户调查.csv');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('SURVEY_IMPORT_INVALID');
      expect(res.body.message).toMatch(/^导入文件有 1 行共 3 处错误，整份文件未导入/);
      expect(res.body.details).toEqual([
        { line: 8, column: 'Q1', path: 'Q1', message: '第 8 行 Q1 列：“6”不是 1–5 的整数分数（5 = 非常满意，1 = 非常不满意）' },
        { line: 8, column: 'Q4', path: 'Q4', message: '第 8 行 Q4 列：“对”须为“是”或“否”' },
        { line: 8, column: 'community', path: 'community', message: `第 8 行 community 列：“${world.otherCommunity.name}”不是${world.street.name}的社区` },
      ]);
      expect(await responses()).toBe(0);
      expect(await app.prisma.surveyImport.count()).toBe(0);
    });

    it('refuses an unreadable file or one with missing columns as a whole, and names what is wrong', async () => {
      const missing = await upload(`street,ageBand,Q1,Q2,Q3\n${world.street.name},18-29,5,5,是`, 'a.csv');
      expect(missing.status).toBe(400);
      expect(missing.body.code).toBe('SURVEY_IMPORT_FORMAT');
      expect(missing.body.message).toContain('缺少列：Q4');
      const gbk = await upload(Buffer.from([0x73, 0x74, 0x72, 0x65, 0x65, 0x74, 0x0a, 0xb6, 0xab, 0xba, 0xfe]), 'gbk.csv');
      expect(gbk.body).toMatchObject({ code: 'SURVEY_IMPORT_FORMAT', message: expect.stringContaining('UTF-8') });
      const fake = await upload('not a spreadsheet', 'survey.xlsx');
      expect(fake.body).toMatchObject({ code: 'SURVEY_IMPORT_FORMAT', message: '文件扩展名为 .xlsx，但内容不是有效的 xlsx 文件' });
      const noFile = await upload('x', 'a.csv', tokens.admin, 'document');
      expect(noFile.status).toBe(400);
      expect(noFile.body.code).toBe('SURVEY_IMPORT_FORMAT');
      const tooBig = await upload(Buffer.alloc(5 * 1024 * 1024 + 1, 0x61), 'big.csv');
      expect(tooBig.status).toBe(413);
      expect(tooBig.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '导入文件不能超过 5 MB，请分成几份导入' });
      expect(await responses()).toBe(0);
    });

    it('is the admin’s, and refuses streets the campaign is not opened to', async () => {
      expect((await upload(csvOf(interviews()), 'a.csv', tokens.staff)).status).toBe(403);
      const limited = await app.post('/api/v1/admin/surveys', { title: '东湖街道专项测评', from: '2026-12-01', to: '2026-12-31', streetIds: [world.street.id], questions }, tokens.admin);
      surveyId = limited.body.id;
      const res = await upload(csvOf(interviews()), 'a.csv');
      expect(res.body.code).toBe('SURVEY_IMPORT_INVALID');
      expect(res.body.details.map((d: { line: number; column: string }) => [d.line, d.column])).toEqual([
        [10, 'street'],
        [11, 'street'],
        [12, 'street'],
      ]);
      expect(res.body.details[0].message).toBe(`第 10 行 street 列：本次测评不面向“${world.otherStreet.name}”`);
    });

    it('gives the header row as a template CSV', async () => {
      const res = await fetch(`${app.baseUrl}/api/v1/admin/surveys/${surveyId}/import-template.csv`, { headers: { authorization: `Bearer ${tokens.admin}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      expect(res.headers.get('content-disposition')).toContain('attachment');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(bytes.subarray(3).toString('utf8')).toBe(`${HEADER}\r\n`);
      // the template, filled in, imports
      const filled = Buffer.concat([bytes, Buffer.from(`${world.street.name},,60+,4,4,是,是,\r\n`)]);
      expect((await upload(filled, 'template.csv')).body.rows).toBe(1);
    });
  });

  describe('results', () => {
    beforeEach(async () => {
      expect((await upload(csvOf(interviews()), 'a.csv')).status).toBe(201);
    });
    const results = async (groupBy: string, token = tokens.staff) => {
      const res = await app.get(`/api/v1/surveys/${surveyId}/results?groupBy=${groupBy}`, token);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body;
    };

    // Respondent indexes, Q1 weighted 2: (2·s1 + s2) / 3 with s = 100/80/60/40/20 for 5…1.
    // 东湖社区 100, 73.33, 53.33, 93.33; 柳岸社区 46.67, 80; no community 20; 西河社区 100, 86.67, 80.
    it('computes the district figures by hand', async () => {
      const body = await results('district');
      expect(body).toMatchObject({ surveyId, groupBy: 'district', minSample: 3, target: 0.8 });
      expect(body.rows).toEqual([
        // index 733.33 / 10; 8 of 10 answered Q1 ≥ 3, 7 of 10 ≥ 4; Wilson(8, 10) = [0.49016, 0.94332]
        { key: `${world.district.id}`, label: world.district.name, n: 10, index: 73.33, satisfactionRate: 0.8, top2Rate: 0.7, ci: [0.4901, 0.9434], awareness: 0.6, support: 0.8, status: 'UNCERTAIN' },
      ]);
    });

    it('computes each street’s figures by hand', async () => {
      expect((await results('street', tokens.cadre)).rows).toEqual([
        // 466.67 / 7; 5 of 7 satisfied, Wilson [0.35893, 0.91778]
        { key: `${world.street.id}`, label: world.street.name, n: 7, index: 66.67, satisfactionRate: 0.7143, top2Rate: 0.5714, ci: [0.3589, 0.9178], awareness: 0.5714, support: 0.7143, status: 'UNCERTAIN' },
        // 266.67 / 3; 3 of 3, Wilson [0.43849, 1]
        { key: `${world.otherStreet.id}`, label: world.otherStreet.name, n: 3, index: 88.89, satisfactionRate: 1, top2Rate: 1, ci: [0.4384, 1], awareness: 0.6667, support: 1, status: 'UNCERTAIN' },
      ]);
    });

    it('computes each community’s figures by hand, hiding none: too few is said, not left out', async () => {
      const rows = (await results('community', tokens.admin)).rows;
      expect(rows).toEqual([
        { key: `${world.community.id}`, label: world.community.name, n: 4, index: 80, satisfactionRate: 1, top2Rate: 0.75, ci: [0.51, 1], awareness: 0.75, support: 0.75, status: 'UNCERTAIN' },
        { key: `${world.neighbourCommunity.id}`, label: world.neighbourCommunity.name, n: 2, index: 63.33, satisfactionRate: 0.5, top2Rate: 0.5, ci: [0.0945, 0.9055], awareness: 0.5, support: 1, status: 'TOO_FEW' },
        { key: `${world.street.id}-none`, label: `${world.street.name}（未填写社区）`, n: 1, index: 20, satisfactionRate: 0, top2Rate: 0, ci: [0, 0.7935], awareness: 0, support: 0, status: 'TOO_FEW' },
        { key: `${world.otherCommunity.id}`, label: world.otherCommunity.name, n: 3, index: 88.89, satisfactionRate: 1, top2Rate: 1, ci: [0.4384, 1], awareness: 0.6667, support: 1, status: 'UNCERTAIN' },
      ]);
    });

    it('counts online answers beside imported ones, and judges 达标 against the target', async () => {
      // 20 more satisfied respondents in 西河社区 online would need 20 identities; import them instead, plus one online.
      const more = Array.from({ length: 20 }, () => `${world.otherStreet.name},${world.otherCommunity.name},30-44,5,5,是,是,`);
      expect((await upload(csvOf(more), 'more.csv')).body.rows).toBe(20);
      const online = await app.post(`/api/v1/surveys/${surveyId}/responses`, { streetId: world.otherStreet.id, ageBand: '60+', answers: { Q1: 4, Q2: 4, Q3: true, Q4: true } }, tokens.resident);
      expect(online.status).toBe(201);
      const west = (await results('street')).rows[1];
      // 24 of 24 satisfied: Wilson lower bound 0.86202 ≥ 0.80
      expect(west).toMatchObject({ n: 24, satisfactionRate: 1, ci: [0.862, 1], status: 'MET' });
    });

    it('is for staff only, and refuses an unknown grouping', async () => {
      expect((await app.get(`/api/v1/surveys/${surveyId}/results`, tokens.resident)).status).toBe(403);
      expect((await app.get(`/api/v1/surveys/${surveyId}/results`)).status).toBe(401);
      expect((await app.get(`/api/v1/surveys/${surveyId}/results?groupBy=office`, tokens.staff)).body.code).toBe('VALIDATION_FAILED');
      // district by default
      expect((await app.get(`/api/v1/surveys/${surveyId}/results`, tokens.staff)).body.groupBy).toBe('district');
      expect((await app.get('/api/v1/surveys/999999/results', tokens.staff)).status).toBe(404);
    });
  });
});
