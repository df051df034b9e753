import { Inject, Injectable } from '@nestjs/common';
import type { ContentFlag, Ref, SurveyInput } from '@sa/contracts';
import type { Prisma as P } from '@sa/db';
import { PRISMA, type Prisma } from '../database/database';
import { isUniqueViolation } from '../registry/prisma-errors';
import type { ImportedResponse, ImportStreet } from './survey-import';

const surveySelect = {
  id: true,
  title: true,
  description: true,
  from: true,
  to: true,
  streetIds: true,
  minSample: true,
  target: true,
  questions: { orderBy: { position: 'asc' }, select: { id: true, code: true, text: true, kind: true, weight: true, role: true } },
  _count: { select: { responses: true } },
} as const satisfies P.SurveySelect;
export type SurveyRow = P.SurveyGetPayload<{ select: typeof surveySelect }>;

/** An online answer sheet, as stored. */
export type NewResponse = {
  surveyId: number;
  identityKey: string;
  userId: number;
  streetId: number;
  communityId: number | null;
  ageBand: string;
  answers: { questionId: number; value: number | null; text: string | null }[];
  /** 内容安全: the free-text answers' flag (REVIEW, UNCHECKED), as on complaints */
  contentFlag: ContentFlag | null;
};

export type ResultResponse = { streetId: number; communityId: number | null; answers: { questionId: number; value: number | null }[] };
export type ResultStreet = { id: number; code: string; name: string; district: Ref; communities: { id: number; code: string; name: string }[] };

// Prisma's code for a foreign-key violation: a response arrived while the survey was being deleted.
const isForeignKeyViolation = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2003';
const INSERT_CHUNK = 1000;
const ANSWER_CHUNK = 5000;

/** The only place that reads and writes surveys, their responses and imports. */
@Injectable()
export class SurveysRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  async create(input: SurveyInput, from: Date, to: Date, createdBy: number): Promise<number> {
    const row = await this.prisma.survey.create({
      data: {
        title: input.title,
        description: input.description || null,
        from,
        to,
        streetIds: input.streetIds ?? [],
        ...(input.minSample !== undefined ? { minSample: input.minSample } : {}),
        ...(input.target !== undefined ? { target: input.target } : {}),
        createdBy,
        questions: {
          create: input.questions.map((q, position) => ({ position, code: q.code, text: q.text, kind: q.kind, weight: q.weight ?? 1, role: q.role ?? null })),
        },
      },
      select: { id: true },
    });
    return row.id;
  }

  find(id: number): Promise<SurveyRow | null> {
    return this.prisma.survey.findUnique({ where: { id }, select: surveySelect });
  }

  async page(page: { limit: number; offset: number }): Promise<{ rows: SurveyRow[]; total: number }> {
    const [rows, total] = await Promise.all([
      this.prisma.survey.findMany({ select: surveySelect, orderBy: [{ from: 'desc' }, { id: 'desc' }], take: page.limit, skip: page.offset }),
      this.prisma.survey.count(),
    ]);
    return { rows, total };
  }

  /** Campaigns whose dates include `day` (a Shanghai date as stored). */
  openOn(day: Date): Promise<SurveyRow[]> {
    return this.prisma.survey.findMany({ where: { from: { lte: day }, to: { gte: day } }, select: surveySelect, orderBy: [{ to: 'asc' }, { id: 'asc' }] });
  }

  /** Deletes a campaign without responses; false when it has some. */
  async deleteUnanswered(id: number): Promise<boolean> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        if ((await tx.surveyResponse.count({ where: { surveyId: id } })) > 0) return false;
        await tx.survey.delete({ where: { id } });
        return true;
      });
    } catch (err) {
      if (isForeignKeyViolation(err)) return false;
      throw err;
    }
  }

  streetRefs(ids: readonly number[]): Promise<Ref[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.prisma.street.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true }, orderBy: { code: 'asc' } });
  }

  street(id: number) {
    return this.prisma.street.findUnique({ where: { id }, select: { id: true, name: true } });
  }

  community(id: number) {
    return this.prisma.community.findUnique({ where: { id }, select: { id: true, streetId: true } });
  }

  /** What identifies a respondent: their WeChat openid and/or SMS-verified phone. */
  identityOf(userId: number) {
    return this.prisma.user.findUnique({ where: { id: userId }, select: { id: true, openid: true, phoneHash: true, phoneVerifiedAt: true } });
  }

  /** The campaigns among `surveyIds` that this person has answered, under any of their identities. */
  async answered(surveyIds: readonly number[], identityKeys: readonly string[], userId: number): Promise<Set<number>> {
    if (surveyIds.length === 0) return new Set();
    const rows = await this.prisma.surveyResponse.findMany({
      where: { surveyId: { in: [...surveyIds] }, OR: [{ userId }, ...(identityKeys.length ? [{ identityKey: { in: [...identityKeys] } }] : [])] },
      select: { surveyId: true },
    });
    return new Set(rows.map((r) => r.surveyId));
  }

  /** One online answer sheet; null when this identity has answered already (a concurrent second submission too). */
  async createResponse(r: NewResponse): Promise<number | null> {
    try {
      const row = await this.prisma.surveyResponse.create({
        data: {
          surveyId: r.surveyId,
          source: 'ONLINE',
          identityKey: r.identityKey,
          userId: r.userId,
          streetId: r.streetId,
          communityId: r.communityId,
          ageBand: r.ageBand,
          contentFlag: r.contentFlag,
          answers: { create: r.answers },
        },
        select: { id: true },
      });
      return row.id;
    } catch (err) {
      if (isUniqueViolation(err)) return null;
      throw err;
    }
  }

  /** Every street of the districts the import may name, with their communities. */
  importStreets(): Promise<ImportStreet[]> {
    return this.prisma.street.findMany({ select: { id: true, name: true, communities: { select: { id: true, name: true } } }, orderBy: { code: 'asc' } });
  }

  /** A checked file in one transaction: the import record, its responses and their answers, or nothing. */
  async importResponses(surveyId: number, fileName: string, importedBy: number, responses: readonly ImportedResponse[]): Promise<number> {
    return this.prisma.$transaction(
      async (tx) => {
        const { id: importId } = await tx.surveyImport.create({ data: { surveyId, fileName, rows: responses.length, importedBy }, select: { id: true } });
        for (let i = 0; i < responses.length; i += INSERT_CHUNK) {
          const chunk = responses.slice(i, i + INSERT_CHUNK);
          const created = await tx.surveyResponse.createManyAndReturn({
            data: chunk.map((r) => ({ surveyId, source: 'IMPORT' as const, streetId: r.streetId, communityId: r.communityId, ageBand: r.ageBand, importId })),
            select: { id: true },
          });
          // One INSERT takes its serial ids in the order of its rows.
          const ids = created.map((c) => c.id).sort((a, b) => a - b);
          const answers = chunk.flatMap((r, k) => r.answers.map((a) => ({ responseId: ids[k]!, questionId: a.questionId, value: a.value, text: a.text })));
          // A bounded number of bind parameters per statement, however many questions a campaign has.
          for (let j = 0; j < answers.length; j += ANSWER_CHUNK) await tx.surveyAnswer.createMany({ data: answers.slice(j, j + ANSWER_CHUNK) });
        }
        return importId;
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
  }

  /** Each response's unit and scored answers (LIKERT5 and YES_NO; text answers carry no value). */
  async resultResponses(surveyId: number): Promise<ResultResponse[]> {
    return this.prisma.surveyResponse.findMany({
      where: { surveyId },
      select: { streetId: true, communityId: true, answers: { where: { value: { not: null } }, select: { questionId: true, value: true } } },
      orderBy: { id: 'asc' },
    });
  }

  /** The streets results are reported for (`ids`, or every street when empty), with their district and communities. */
  resultStreets(ids: readonly number[]): Promise<ResultStreet[]> {
    return this.prisma.street.findMany({
      where: ids.length ? { id: { in: [...ids] } } : {},
      select: { id: true, code: true, name: true, district: { select: { id: true, name: true } }, communities: { select: { id: true, code: true, name: true }, orderBy: { code: 'asc' } } },
      orderBy: { code: 'asc' },
    });
  }
}
