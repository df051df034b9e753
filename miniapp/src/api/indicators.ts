import Taro from '@tarojs/taro';
import type { ErrorBody, IndicatorCode, IndicatorDefinitions, IndicatorGroup, IndicatorRecords, IndicatorReport } from '@sa/contracts';
import { ApiError, getToken, request } from './client';

export type IndicatorPeriod = { from: string; to: string };

/** 数据看板: every indicator for the period, one row per unit of `groupBy`, scoped by the server to the caller. */
export function fetchIndicators(period: IndicatorPeriod, groupBy: IndicatorGroup = 'district'): Promise<IndicatorReport> {
  return request<IndicatorReport>('GET', '/api/v1/indicators', { query: { ...period, groupBy } });
}

/** The written definition of each indicator (name, unit, target, minimum sample, numerator, denominator …). */
export function fetchIndicatorDefinitions(): Promise<IndicatorDefinitions> {
  return request<IndicatorDefinitions>('GET', '/api/v1/indicators/definitions');
}

export type RecordsSearch = IndicatorPeriod & { code: IndicatorCode; groupBy: IndicatorGroup; key: string; failing?: boolean; limit?: number; offset?: number };

/** The records behind one figure; `failing` only those that count against it. */
export function fetchIndicatorRecords(search: RecordsSearch): Promise<IndicatorRecords> {
  const { failing, ...rest } = search;
  return request<IndicatorRecords>('GET', '/api/v1/indicators/records', { query: { limit: 20, ...rest, ...(failing ? { failing: 'true' } : {}) } });
}

export const EVIDENCE_PATH = '/api/v1/workbench/evidence.xlsx';

/** 评议考核佐证材料_<from>_<to>.xlsx, the name the server gives the file too. */
export const evidenceFileName = (p: IndicatorPeriod) => `评议考核佐证材料_${p.from}_${p.to}.xlsx`;

const evidenceUrl = (p: IndicatorPeriod) => `${API_BASE_URL}${EVIDENCE_PATH}?from=${encodeURIComponent(p.from)}&to=${encodeURIComponent(p.to)}`;

/** A refusal in words: the server's own message when it sent one, else what the status means. */
function refusal(status: number, body: unknown): ApiError {
  const parsed = typeof body === 'string' ? safeJson(body) : body;
  if (parsed && typeof parsed === 'object' && typeof (parsed as ErrorBody).message === 'string' && typeof (parsed as ErrorBody).code === 'string') {
    const e = parsed as ErrorBody;
    return new ApiError(e.code, e.message, status, Array.isArray(e.details) ? e.details : []);
  }
  if (status === 401) return new ApiError('UNAUTHENTICATED', '请先登录', 401);
  if (status === 403) return new ApiError('FORBIDDEN', '您没有导出佐证材料的权限', 403);
  return new ApiError('BAD_RESPONSE', `佐证材料导出失败，请稍后再试（${status}）`, status);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** On a 401 an ordinary request renews the session where that can be done silently (and ends it where not). */
async function renewSession(): Promise<string | null> {
  await request('GET', '/api/v1/me').catch(() => undefined);
  return getToken();
}

/** h5: the file fetched with the token (a link cannot carry the Authorization header), saved through a blob: link. */
async function downloadOnH5(p: IndicatorPeriod): Promise<void> {
  const get = async (token: string | null) => {
    try {
      return await fetch(evidenceUrl(p), { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    } catch {
      throw new ApiError('NETWORK_ERROR', '网络连接失败，请检查网络后重试', 0);
    }
  };
  const token = getToken();
  let res = await get(token);
  if (res.status === 401) {
    const fresh = await renewSession();
    if (fresh && fresh !== token) res = await get(fresh);
  }
  if (!res.ok) throw refusal(res.status, await res.text().catch(() => ''));
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = evidenceFileName(p);
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser time to start saving before the blob goes.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/** weapp: Taro.downloadFile with the Authorization header, then the document viewer (its menu can forward or save). */
async function downloadOnWeapp(p: IndicatorPeriod): Promise<void> {
  const get = async (token: string | null) => {
    try {
      return await Taro.downloadFile({ url: evidenceUrl(p), header: token ? { Authorization: `Bearer ${token}` } : {} });
    } catch {
      throw new ApiError('NETWORK_ERROR', '网络连接失败，请检查网络后重试', 0);
    }
  };
  const token = getToken();
  let res = await get(token);
  if (res.statusCode === 401) {
    const fresh = await renewSession();
    if (fresh && fresh !== token) res = await get(fresh);
  }
  if (res.statusCode < 200 || res.statusCode >= 300) {
    // The refusal is saved as a file too; its text is the server's JSON error.
    let body: unknown = null;
    try {
      body = Taro.getFileSystemManager().readFileSync(res.tempFilePath, 'utf8');
    } catch {
      body = null;
    }
    throw refusal(res.statusCode, body);
  }
  try {
    await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true });
  } catch {
    throw new ApiError('BAD_RESPONSE', '佐证材料已下载，但无法打开，请确认微信已更新到最新版本', 0);
  }
}

/** 导出佐证材料 for the period: saved by the browser on h5, opened in the document viewer on weapp. */
export function exportEvidence(period: IndicatorPeriod): Promise<void> {
  return process.env.TARO_ENV === 'h5' ? downloadOnH5(period) : downloadOnWeapp(period);
}
