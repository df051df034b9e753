import {
  SURVEY_IMPORT_FIELD,
  type OpenSurvey,
  type SurveyGroup,
  type SurveyImportResult,
  type SurveyImportRowError,
  type SurveyInput,
  type SurveyList,
  type SurveyResponseInput,
  type SurveyResults,
  type SurveyView,
} from '@sa/contracts';
import { ApiError, downloadFile, request, uploadFile } from './client';

/** 满意度测评 open today (Shanghai), each with whether the signed-in caller has answered it (false when signed out). */
export function fetchOpenSurveys(): Promise<OpenSurvey[]> {
  return request<OpenSurvey[]>('GET', '/api/v1/surveys/open');
}

/** One open campaign with its questions; a closed one is refused with SURVEY_NOT_OPEN. */
export function fetchSurvey(id: number): Promise<SurveyView> {
  return request<SurveyView>('GET', `/api/v1/surveys/${id}`);
}

/** A resident's answers, once per campaign and identity (WeChat or an SMS-verified phone). */
export function submitSurveyResponse(id: number, input: SurveyResponseInput): Promise<{ id: number }> {
  return request<{ id: number }>('POST', `/api/v1/surveys/${id}/responses`, { body: input });
}

export function fetchSurveyResults(id: number, groupBy: SurveyGroup): Promise<SurveyResults> {
  return request<SurveyResults>('GET', `/api/v1/surveys/${id}/results`, { query: { groupBy } });
}

export function fetchAdminSurveys(page: { limit: number; offset: number }): Promise<SurveyList> {
  return request<SurveyList>('GET', '/api/v1/admin/surveys', { query: page });
}

export function fetchAdminSurvey(id: number): Promise<SurveyView> {
  return request<SurveyView>('GET', `/api/v1/admin/surveys/${id}`);
}

export function createSurvey(input: SurveyInput): Promise<{ id: number }> {
  return request<{ id: number }>('POST', '/api/v1/admin/surveys', { body: input });
}

/** Only while nobody has answered (SURVEY_HAS_RESPONSES otherwise). */
export function deleteSurvey(id: number): Promise<unknown> {
  return request<unknown>('DELETE', `/api/v1/admin/surveys/${id}`);
}

/**
 * In-home interview results as a CSV or xlsx file: a local path (weapp: from chooseMessageFile; h5: a blob: URL of
 * the file input's file, with its name, since a blob: URL has none). All rows are imported or none.
 */
export function importSurveyResponses(id: number, filePath: string, fileName?: string): Promise<SurveyImportResult> {
  return uploadFile<SurveyImportResult>(`/api/v1/admin/surveys/${id}/responses/import`, filePath, SURVEY_IMPORT_FIELD, fileName);
}

/** The import file's header row as a CSV, downloaded with the admin's token: a local path (h5: a blob: URL). */
export function downloadSurveyTemplate(id: number): Promise<string> {
  return downloadFile(`/api/v1/admin/surveys/${id}/import-template.csv`);
}

export const surveyTemplateFileName = (id: number) => `survey-${id}-import-template.csv`;

/** The rows a refused import lists (SURVEY_IMPORT_INVALID details carry line and column besides the message). */
export function importRowErrors(error: unknown): SurveyImportRowError[] {
  if (!(error instanceof ApiError) || error.code !== 'SURVEY_IMPORT_INVALID') return [];
  return error.details.map((detail) => {
    const extra = detail as { line?: unknown; column?: unknown };
    return {
      line: typeof extra.line === 'number' ? extra.line : 0,
      column: typeof extra.column === 'string' && extra.column !== '' ? extra.column : null,
      message: detail.message,
    };
  });
}
