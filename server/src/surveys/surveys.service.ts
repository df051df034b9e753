import { Injectable } from '@nestjs/common';
import {
  type OpenSurvey,
  type SurveyGroup,
  type SurveyImportErrorDetail,
  type SurveyImportResult,
  type SurveyInput,
  type SurveyList,
  type SurveyResponseInput,
  type SurveyResultRow,
  type SurveyResults,
  type SurveysListQuery,
  type SurveyView,
} from '@sa/contracts';
import type { AuthUser } from '../auth/auth.decorators';
import { shanghaiDate } from '../calendar/working-days';
import { Clock } from '../common/clock';
import { DomainException } from '../common/domain-exception';
import { JsonLogger } from '../common/logger';
import { fromDbDate, toDbDate } from '../complaints/deadlines';
import { ContentSafetyService, TEXT_SCENES } from '../content-safety/content-safety.service';
import { readTable, templateHeader, validateRows } from './survey-import';
import { type StatQuestion, type StatRespondent, unitFigures } from './survey-stats';
import { type ResultResponse, type ResultStreet, type SurveyRow, SurveysRepository } from './surveys.repository';

/** What multer's memory storage puts on `req.file`. */
export type ImportFile = { buffer: Buffer; size: number; originalname: string };

/** At most this many row problems are listed; a file with more is refused all the same. */
const MAX_LISTED_ERRORS = 1000;

const notFound = () => new DomainException('NOT_FOUND', '测评不存在');

/** A unit results are reported for, in report order. */
type Unit = { key: string; label: string };

/** 满意度测评: campaigns, residents' answers (once per identity), imported interviews and the figures. */
@Injectable()
export class SurveysService {
  constructor(
    private readonly repo: SurveysRepository,
    private readonly safety: ContentSafetyService,
    private readonly clock: Clock,
    private readonly logger: JsonLogger,
  ) {}

  private today(): string {
    return shanghaiDate(this.clock.now());
  }

  // ---- the admin's campaigns ----

  async create(input: SurveyInput, user: AuthUser): Promise<{ id: number }> {
    const streetIds = input.streetIds ?? [];
    const found = new Set((await this.repo.streetRefs(streetIds)).map((s) => s.id));
    const unknown = streetIds.map((id, i) => ({ id, i })).filter(({ id }) => !found.has(id));
    if (unknown.length) {
      throw new DomainException(
        'VALIDATION_FAILED',
        `提交的内容不符合要求：街道不存在（编号 ${unknown.map((u) => u.id).join('、')}）`,
        unknown.map((u) => ({ path: `streetIds.${u.i}`, message: '街道不存在' })),
      );
    }
    const id = await this.repo.create(input, toDbDate(input.from), toDbDate(input.to), user.id);
    this.logger.write('info', 'survey created', { surveyId: id, by: user.id });
    return { id };
  }

  async list(q: SurveysListQuery): Promise<SurveyList> {
    const { rows, total } = await this.repo.page(q);
    return { items: await this.views(rows), total };
  }

  async view(id: number): Promise<SurveyView> {
    const row = await this.repo.find(id);
    if (!row) throw notFound();
    return (await this.views([row]))[0]!;
  }

  async delete(id: number, user: AuthUser): Promise<void> {
    if (!(await this.repo.find(id))) throw notFound();
    if (!(await this.repo.deleteUnanswered(id))) throw new DomainException('SURVEY_HAS_RESPONSES', '测评已有答卷，不能删除');
    this.logger.write('info', 'survey deleted', { surveyId: id, by: user.id });
  }

  // ---- residents ----

  /** The campaigns open today, each with whether the caller (if signed in) has answered it. */
  async open(user: AuthUser | undefined): Promise<OpenSurvey[]> {
    const rows = await this.repo.openOn(toDbDate(this.today()));
    const views = await this.views(rows);
    let answered = new Set<number>();
    if (user) {
      const identity = await this.repo.identityOf(user.id);
      answered = await this.repo.answered(rows.map((r) => r.id), identity ? identityKeys(identity) : [], user.id);
    }
    return views.map((v) => ({ ...v, answered: answered.has(v.id) }));
  }

  async openView(id: number): Promise<SurveyView> {
    const view = await this.view(id);
    if (!view.open) throw new DomainException('SURVEY_NOT_OPEN');
    return view;
  }

  async respond(id: number, input: SurveyResponseInput, user: AuthUser): Promise<{ id: number }> {
    const survey = await this.repo.find(id);
    if (!survey) throw notFound();
    if (!this.isOpen(survey)) throw new DomainException('SURVEY_NOT_OPEN');
    const identity = await this.repo.identityOf(user.id);
    const keys = identity ? identityKeys(identity) : [];
    const identityKey = keys[0];
    if (!identityKey) throw new DomainException('SURVEY_IDENTITY_REQUIRED');

    const street = await this.repo.street(input.streetId);
    if (!street) throw answerInvalid([{ path: 'streetId', message: '街道不存在' }]);
    if (survey.streetIds.length > 0 && !survey.streetIds.includes(street.id)) {
      throw new DomainException('SURVEY_NOT_FOR_STREET', `该测评仅面向部分街道的居民，不包括${street.name}`);
    }
    if ((await this.repo.answered([id], keys, user.id)).size > 0) throw new DomainException('SURVEY_ALREADY_ANSWERED');

    const problems: { path: string; message: string }[] = [];
    let communityId: number | null = null;
    if (input.communityId !== undefined) {
      const community = await this.repo.community(input.communityId);
      if (!community) problems.push({ path: 'communityId', message: '社区不存在' });
      else if (community.streetId !== street.id) problems.push({ path: 'communityId', message: `该社区不属于${street.name}` });
      else communityId = community.id;
    }
    const { answers, problems: answerProblems } = checkAnswers(survey, input.answers);
    problems.push(...answerProblems);
    if (problems.length) throw answerInvalid(problems);

    // 内容安全 for a mini-program resident: a risky free-text answer refuses the sheet (naming the question) before
    // anything is saved; one WeChat wants reviewed, or could not check, is kept and flagged.
    const codeOf = new Map(survey.questions.map((q) => [q.id, q.code]));
    const contentFlag = await this.safety.screen(
      {
        userId: user.id,
        texts: answers.flatMap((a) => (a.text === null ? [] : [{ text: a.text, scene: TEXT_SCENES.comment, path: `answers.${codeOf.get(a.questionId)}` }])),
        photoIds: [],
      },
      { photos: [], openid: identity?.openid ?? null },
    );
    const responseId = await this.repo.createResponse({ surveyId: id, identityKey, userId: user.id, streetId: street.id, communityId, ageBand: input.ageBand, answers, contentFlag });
    if (responseId === null) throw new DomainException('SURVEY_ALREADY_ANSWERED');
    return { id: responseId };
  }

  // ---- imported interviews ----

  async import(id: number, file: ImportFile | undefined, user: AuthUser): Promise<SurveyImportResult> {
    const survey = await this.repo.find(id);
    if (!survey) throw notFound();
    if (!file) throw new DomainException('SURVEY_IMPORT_FORMAT', '请选择要导入的 CSV 或 xlsx 文件（表单字段名为 file）');
    const table = await readTable(file.buffer, file.originalname);
    const { errors, responses } = validateRows(table, {
      questions: survey.questions,
      streets: await this.repo.importStreets(),
      allowedStreetIds: survey.streetIds.length ? new Set(survey.streetIds) : null,
    });
    if (errors.length) {
      const lines = new Set(errors.map((e) => e.line));
      const listed = errors.slice(0, MAX_LISTED_ERRORS);
      const first = listed.slice(0, 3).map(rowErrorText).join('；');
      const more = errors.length > MAX_LISTED_ERRORS ? `，以下仅列出前 ${MAX_LISTED_ERRORS} 处` : '';
      throw new DomainException(
        'SURVEY_IMPORT_INVALID',
        `导入文件有 ${lines.size} 行共 ${errors.length} 处错误${more}，整份文件未导入，请按行号修改后重新导入：${first}${errors.length > 3 ? '……' : ''}`,
        listed.map((e): SurveyImportErrorDetail => ({ path: e.column ?? '', message: rowErrorText(e), line: e.line, column: e.column })),
      );
    }
    const fileName = (file.originalname || 'import').slice(0, 200);
    const importId = await this.repo.importResponses(id, fileName, user.id, responses);
    this.logger.write('info', 'survey responses imported', { surveyId: id, importId, rows: responses.length, by: user.id });
    return { importId, rows: responses.length };
  }

  /** The header row of the import file, as a UTF-8 CSV with a BOM so that Excel reads the Chinese names. */
  async importTemplate(id: number): Promise<{ fileName: string; csv: string }> {
    const survey = await this.repo.find(id);
    if (!survey) throw notFound();
    return { fileName: `survey-${id}-import-template.csv`, csv: `\ufeff${templateHeader(survey.questions).map(csvCell).join(',')}\r\n` };
  }

  // ---- results ----

  /** The figures of issue 8 §2 for the district, each street or each community (also for the evidence export). */
  async results(surveyId: number, groupBy: SurveyGroup): Promise<SurveyResults> {
    const survey = await this.repo.find(surveyId);
    if (!survey) throw notFound();
    const [responses, streets] = await Promise.all([this.repo.resultResponses(surveyId), this.repo.resultStreets(survey.streetIds)]);
    const questions: StatQuestion[] = survey.questions;
    const units = resultUnits(groupBy, streets, responses);
    const members = new Map<string, StatRespondent[]>(units.map((u) => [u.key, []]));
    const districtOf = new Map(streets.map((s) => [s.id, s.district.id]));
    for (const r of responses) {
      const key = unitKey(groupBy, r, districtOf);
      members.get(key)?.push({ answers: new Map(r.answers.map((a) => [a.questionId, a.value!])) });
    }
    const rows: SurveyResultRow[] = units.map((u) => ({ key: u.key, label: u.label, ...unitFigures(questions, members.get(u.key)!, survey.minSample, survey.target) }));
    return { surveyId, groupBy, minSample: survey.minSample, target: survey.target, rows };
  }

  // ---- views ----

  private isOpen(row: Pick<SurveyRow, 'from' | 'to'>): boolean {
    const today = this.today();
    return fromDbDate(row.from) <= today && today <= fromDbDate(row.to);
  }

  private async views(rows: SurveyRow[]): Promise<SurveyView[]> {
    const streets = new Map((await this.repo.streetRefs([...new Set(rows.flatMap((r) => r.streetIds))])).map((s) => [s.id, s]));
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      description: r.description,
      from: fromDbDate(r.from),
      to: fromDbDate(r.to),
      open: this.isOpen(r),
      streets: r.streetIds.flatMap((id) => streets.get(id) ?? []),
      minSample: r.minSample,
      target: r.target,
      questions: r.questions,
      responses: r._count.responses,
    }));
  }
}

/** A person's identities, the one a new answer is recorded under first: WeChat openid, else an SMS-verified phone. */
export function identityKeys(user: { openid: string | null; phoneHash: string | null; phoneVerifiedAt: Date | null }): string[] {
  return [...(user.openid ? [`openid:${user.openid}`] : []), ...(user.phoneHash && user.phoneVerifiedAt ? [`phone:${user.phoneHash}`] : [])];
}

function answerInvalid(problems: { path: string; message: string }[]): DomainException {
  const summary = problems.map((p) => `${p.path}：${p.message}`).join('；');
  return new DomainException('SURVEY_ANSWER_INVALID', `答卷内容不完整或不符合题目要求：${summary}`, problems);
}

/** Every LIKERT5 and YES_NO question must be answered, with a value of its kind; TEXT may be left empty. */
function checkAnswers(survey: SurveyRow, given: SurveyResponseInput['answers']) {
  const problems: { path: string; message: string }[] = [];
  const answers: { questionId: number; value: number | null; text: string | null }[] = [];
  const byCode = new Map(survey.questions.map((q) => [q.code.toUpperCase(), q]));
  const seen = new Set<number>();
  for (const [code, value] of Object.entries(given)) {
    const q = byCode.get(code.toUpperCase());
    const path = `answers.${code}`;
    if (!q) {
      problems.push({ path, message: `本测评没有编号为 ${code} 的题目` });
      continue;
    }
    if (seen.has(q.id)) {
      problems.push({ path, message: `第 ${q.code} 题答了两次` });
      continue;
    }
    seen.add(q.id);
    if (q.kind === 'LIKERT5') {
      if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5) answers.push({ questionId: q.id, value, text: null });
      else problems.push({ path, message: '请选择 1–5 分（5 = 非常满意，1 = 非常不满意）' });
    } else if (q.kind === 'YES_NO') {
      if (typeof value === 'boolean') answers.push({ questionId: q.id, value: value ? 1 : 0, text: null });
      else problems.push({ path, message: '请选择“是”或“否”' });
    } else if (typeof value !== 'string') {
      problems.push({ path, message: '请填写文字' });
    } else if (value.trim()) {
      answers.push({ questionId: q.id, value: null, text: value.trim() });
    }
  }
  for (const q of survey.questions) {
    if (q.kind !== 'TEXT' && !seen.has(q.id)) problems.push({ path: `answers.${q.code}`, message: `请回答：${q.text}` });
  }
  return { answers, problems };
}

const rowErrorText = (e: { line: number; column: string | null; message: string }) => `第 ${e.line} 行${e.column ? ` ${e.column} 列` : ''}：${e.message}`;

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function unitKey(groupBy: SurveyGroup, r: ResultResponse, districtOf: Map<number, number>): string {
  if (groupBy === 'district') return `${districtOf.get(r.streetId) ?? 0}`;
  if (groupBy === 'street') return `${r.streetId}`;
  return r.communityId === null ? `${r.streetId}-none` : `${r.communityId}`;
}

/**
 * The units of a report, every one the campaign covers even without responses (so a street nobody answered in
 * shows as 样本不足 rather than vanishing): districts, streets by code, or communities by street and code, with a
 * 未填写社区 row per street where respondents left the community out.
 */
function resultUnits(groupBy: SurveyGroup, streets: ResultStreet[], responses: ResultResponse[]): Unit[] {
  if (groupBy === 'district') {
    const seen = new Map<number, Unit>();
    for (const s of streets) if (!seen.has(s.district.id)) seen.set(s.district.id, { key: `${s.district.id}`, label: s.district.name });
    return [...seen.values()];
  }
  if (groupBy === 'street') return streets.map((s) => ({ key: `${s.id}`, label: s.name }));
  const noCommunity = new Set(responses.filter((r) => r.communityId === null).map((r) => r.streetId));
  return streets.flatMap((s) => [
    ...s.communities.map((c) => ({ key: `${c.id}`, label: c.name })),
    ...(noCommunity.has(s.id) ? [{ key: `${s.id}-none`, label: `${s.name}（未填写社区）` }] : []),
  ]);
}
