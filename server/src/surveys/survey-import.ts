import { CsvError, parse } from 'csv-parse/sync';
import { loadExcel, type ExcelJS } from '../common/exceljs';
import {
  AGE_BANDS,
  type AgeBand,
  SURVEY_IMPORT_COLUMNS,
  SURVEY_IMPORT_MAX_ROWS,
  SURVEY_NO,
  SURVEY_YES,
  type SurveyImportRowError,
  type SurveyQuestionKind,
} from '@sa/contracts';
import { DomainException } from '../common/domain-exception';

/** A file read into cells: the header line and each non-blank row with its line number in the file (header = 1). */
export type ImportTable = { headerLine: number; header: string[]; rows: { line: number; cells: string[] }[] };

export type ImportQuestion = { id: number; code: string; kind: SurveyQuestionKind };
export type ImportStreet = { id: number; name: string; communities: { id: number; name: string }[] };
export type ImportContext = {
  questions: readonly ImportQuestion[];
  /** every street of the district, looked up by name */
  streets: readonly ImportStreet[];
  /** the survey's streets; null when it is open to the whole district */
  allowedStreetIds: ReadonlySet<number> | null;
};
export type ImportedAnswer = { questionId: number; value: number | null; text: string | null };
export type ImportedResponse = { line: number; streetId: number; communityId: number | null; ageBand: AgeBand; answers: ImportedAnswer[] };

const TEXT_MAX = 1000;
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

const formatError = (message: string) => new DomainException('SURVEY_IMPORT_FORMAT', message);

/**
 * Reads a CSV (UTF-8, with or without BOM) or an xlsx file (its first worksheet), told apart by content: an xlsx
 * is a zip archive. Anything unreadable is SURVEY_IMPORT_FORMAT with a Chinese reason.
 */
export async function readTable(buffer: Buffer, fileName: string): Promise<ImportTable> {
  if (buffer.length === 0) throw formatError('导入文件是空的');
  if (buffer.subarray(0, 4).equals(OLE_MAGIC)) throw formatError('不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或“CSV UTF-8”格式后再导入');
  if (buffer.subarray(0, 4).equals(ZIP_MAGIC)) return readXlsx(buffer);
  if (/\.xlsx$/i.test(fileName)) throw formatError('文件扩展名为 .xlsx，但内容不是有效的 xlsx 文件');
  return readCsv(buffer);
}

function readCsv(buffer: Buffer): ImportTable {
  let text: string;
  try {
    // The BOM stays in the text for csv-parse to drop and count, so its byte offsets are the file's.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buffer);
  } catch {
    throw formatError('文件不是 UTF-8 编码。用 Excel 保存时请选择“CSV UTF-8（逗号分隔）”，或直接导入 xlsx 文件');
  }
  let records: { record: string[]; info: { bytes: number } }[];
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines;
      const reason = err.code === 'CSV_QUOTE_NOT_CLOSED' ? '引号未闭合' : err.code === 'CSV_INVALID_CLOSING_QUOTE' ? '引号后面紧跟了其他字符' : '格式不正确';
      throw formatError(`CSV 文件${line ? `第 ${line} 行` : ''}无法读取：${reason}`);
    }
    throw err;
  }
  // csv-parse's own line count takes a CRLF inside a quoted cell for two lines, so each record's first line is
  // counted here from its byte offset: a record starts where the previous one (with its line break) ended.
  const lines = new LineCounter(buffer);
  let start = 0;
  const rows = records.map(({ record, info }) => {
    const row = { line: lines.lineAt(start), cells: record };
    start = info.bytes;
    return row;
  });
  return toTable(rows);
}

/** Line numbers (1-based) of byte offsets in a file, skipping the blank lines before a record; offsets only grow. */
class LineCounter {
  private offset = 0;
  private line = 1;
  constructor(private readonly buf: Buffer) {}

  lineAt(start: number): number {
    let at = start;
    if (at === 0 && this.buf[0] === 0xef && this.buf[1] === 0xbb && this.buf[2] === 0xbf) at = 3;
    while (this.buf[at] === 0x0d || this.buf[at] === 0x0a) at++;
    for (; this.offset < at; this.offset++) {
      const b = this.buf[this.offset];
      // CRLF counts once (at its LF); a lone CR or LF once.
      if (b === 0x0a || (b === 0x0d && this.buf[this.offset + 1] !== 0x0a)) this.line++;
    }
    return this.line;
  }
}

async function readXlsx(buffer: Buffer): Promise<ImportTable> {
  const workbook = new (await loadExcel()).Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw formatError('无法读取该 xlsx 文件，文件可能已损坏');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw formatError('xlsx 文件中没有工作表');
  const lines: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    lines.push({ line: row.number, cells });
  });
  return toTable(lines);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? SURVEY_YES : SURVEY_NO;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('hyperlink' in value) return String((value as { text?: unknown }).text ?? '');
  if ('error' in value) return String(value.error);
  return '';
}

function toTable(lines: { line: number; cells: string[] }[]): ImportTable {
  const filled = lines.filter((l) => l.cells.some((c) => c.trim() !== ''));
  const [head, ...rows] = filled;
  if (!head) throw formatError('导入文件是空的');
  if (rows.length === 0) throw formatError('导入文件只有表头，没有答卷数据行');
  if (rows.length > SURVEY_IMPORT_MAX_ROWS) throw formatError(`一次最多导入 ${SURVEY_IMPORT_MAX_ROWS} 行答卷，本文件有 ${rows.length} 行，请分成几份导入`);
  return { headerLine: head.line, header: head.cells.map((c) => c.trim()), rows };
}

// Column names as the survey company may write them: the codes of the template, or their Chinese names.
const FIXED_ALIASES: Record<(typeof SURVEY_IMPORT_COLUMNS)[number], string[]> = {
  street: ['street', '街道'],
  community: ['community', '社区'],
  ageBand: ['ageband', '年龄段'],
};
type Column = { kind: 'street' | 'community' | 'ageBand' } | { kind: 'question'; question: ImportQuestion };

/** Which column holds what; a missing required, unknown or repeated column makes the file unusable. */
export function mapColumns(header: readonly string[], questions: readonly ImportQuestion[]): Map<number, Column & { name: string }> {
  const byName = new Map<string, Column>();
  for (const [kind, aliases] of Object.entries(FIXED_ALIASES)) for (const a of aliases) byName.set(a, { kind: kind as 'street' });
  for (const q of questions) byName.set(q.code.toLowerCase(), { kind: 'question', question: q });

  const columns = new Map<number, Column & { name: string }>();
  const found = new Set<string>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  header.forEach((name, i) => {
    if (name === '') return;
    const column = byName.get(name.toLowerCase());
    if (!column) return void unknown.push(name);
    const id = column.kind === 'question' ? `q:${column.question.id}` : column.kind;
    if (found.has(id)) return void repeated.push(name);
    found.add(id);
    columns.set(i, { ...column, name: column.kind === 'question' ? column.question.code : column.kind });
  });
  const missing = [
    ...(['street', 'ageBand'] as const).filter((c) => !found.has(c)),
    ...questions.filter((q) => q.kind !== 'TEXT' && !found.has(`q:${q.id}`)).map((q) => q.code),
  ];
  const problems = [
    missing.length ? `缺少列：${missing.join('、')}` : '',
    unknown.length ? `无法识别的列：${unknown.join('、')}` : '',
    repeated.length ? `重复的列：${repeated.join('、')}` : '',
  ].filter(Boolean);
  if (problems.length) {
    const expected = ['street', 'community', 'ageBand', ...questions.map((q) => q.code)].join(',');
    throw formatError(`${problems.join('；')}。第一行须为列名：${expected}（community 和文字题可留空）`);
  }
  return columns;
}

/** Full-width digits and dashes, spaces and 岁: 「６０岁及以上」 and 「18–29」 read as 60+ and 18-29. */
function ageBandOf(cell: string): AgeBand | null {
  const s = cell
    .normalize('NFKC')
    .replace(/[\s岁周]/g, '')
    .replace(/[–—－~〜～至]/g, '-')
    .replace(/(及以上|以上)$/, '+');
  return (AGE_BANDS as readonly string[]).includes(s) ? (s as AgeBand) : null;
}

// Control characters PostgreSQL or a reader would trip over; line breaks and tabs stay.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * Checks every row against the survey and the registry, collecting every problem (the file's line number, the
 * column, a Chinese message); only a file without any is turned into responses.
 */
export function validateRows(table: ImportTable, ctx: ImportContext): { errors: SurveyImportRowError[]; responses: ImportedResponse[] } {
  const columns = mapColumns(table.header, ctx.questions);
  const streets = new Map<string, ImportStreet[]>();
  for (const s of ctx.streets) streets.set(s.name, [...(streets.get(s.name) ?? []), s]);
  const errors: SurveyImportRowError[] = [];
  const responses: ImportedResponse[] = [];

  for (const row of table.rows) {
    const bad = (column: string | null, message: string) => errors.push({ line: row.line, column, message });
    const before = errors.length;
    const cell = (i: number) => (row.cells[i] ?? '').trim();
    let street: ImportStreet | null = null;
    let communityName = '';
    let ageBand: AgeBand | null = null;
    const answers: ImportedAnswer[] = [];

    if (row.cells.slice(table.header.length).some((c) => c.trim() !== '')) bad(null, '本行的数据多于表头的列数');
    for (const [i, column] of columns) {
      const value = cell(i);
      switch (column.kind) {
        case 'street': {
          const found = streets.get(value);
          if (!value) bad('street', '请填写街道名称');
          else if (!found) bad('street', `找不到名为“${value}”的街道`);
          else if (found.length > 1) bad('street', `有多个名为“${value}”的街道，无法确定是哪一个`);
          else if (ctx.allowedStreetIds && !ctx.allowedStreetIds.has(found[0]!.id)) bad('street', `本次测评不面向“${value}”`);
          else street = found[0]!;
          break;
        }
        case 'community':
          communityName = value;
          break;
        case 'ageBand':
          ageBand = ageBandOf(value);
          if (!value) bad('ageBand', '请填写年龄段：18-29、30-44、45-59 或 60+');
          else if (!ageBand) bad('ageBand', `“${value}”不是有效的年龄段，须为 18-29、30-44、45-59 或 60+`);
          break;
        case 'question': {
          const q = column.question;
          if (q.kind === 'TEXT') {
            const text = value.replace(CONTROL, '');
            if (text.length > TEXT_MAX) bad(q.code, `文字回答不能超过 ${TEXT_MAX} 个字`);
            else if (text) answers.push({ questionId: q.id, value: null, text });
          } else if (q.kind === 'LIKERT5') {
            const v = value.normalize('NFKC');
            if (!v) bad(q.code, '请填写 1–5 的分数（5 = 非常满意，1 = 非常不满意）');
            else if (!/^[1-5]$/.test(v)) bad(q.code, `“${value}”不是 1–5 的整数分数（5 = 非常满意，1 = 非常不满意）`);
            else answers.push({ questionId: q.id, value: Number(v), text: null });
          } else {
            if (!value) bad(q.code, `请填写“${SURVEY_YES}”或“${SURVEY_NO}”`);
            else if (value !== SURVEY_YES && value !== SURVEY_NO) bad(q.code, `“${value}”须为“${SURVEY_YES}”或“${SURVEY_NO}”`);
            else answers.push({ questionId: q.id, value: value === SURVEY_YES ? 1 : 0, text: null });
          }
          break;
        }
      }
    }
    let communityId: number | null = null;
    if (street && communityName) {
      const community = street.communities.find((c) => c.name === communityName);
      if (community) communityId = community.id;
      else bad('community', `“${communityName}”不是${street.name}的社区`);
    }
    if (errors.length === before && street && ageBand) responses.push({ line: row.line, streetId: street.id, communityId, ageBand, answers });
  }
  return { errors, responses };
}

/** The header row of the import template: the fixed columns, then each question's code. */
export function templateHeader(questions: readonly { code: string }[]): string[] {
  return [...SURVEY_IMPORT_COLUMNS, ...questions.map((q) => q.code)];
}
