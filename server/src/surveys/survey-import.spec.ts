import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DomainException } from '../common/domain-exception';
import { type ImportContext, readTable, validateRows } from './survey-import';

const ctx: ImportContext = {
  questions: [
    { id: 11, code: 'Q1', kind: 'LIKERT5' },
    { id: 12, code: 'Q2', kind: 'YES_NO' },
    { id: 13, code: 'Q3', kind: 'TEXT' },
  ],
  streets: [
    { id: 1, name: '东湖街道', communities: [{ id: 101, name: '东湖社区' }, { id: 102, name: '柳岸社区' }] },
    { id: 2, name: '西河街道', communities: [{ id: 201, name: '西河社区' }] },
  ],
  allowedStreetIds: null,
};
const csv = (text: string) => Buffer.from(text, 'utf8');

async function formatMessage(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainException);
  expect((err as DomainException).code).toBe('SURVEY_IMPORT_FORMAT');
  return (err as DomainException).message;
}

describe('reading the file', () => {
  it('reads a UTF-8 CSV with a BOM, skips blank lines and keeps each row’s line in the file', async () => {
    const table = await readTable(csv('\ufeffstreet,community,ageBand,Q1,Q2,Q3\r\n东湖街道,东湖社区,18-29,5,是,\r\n\r\n西河街道,,60+,4,否,"两行\r\n意见"\r\n,,,,,\r\n东湖街道,,30-44,3,是,好'), 'a.csv');
    expect(table.header).toEqual(['street', 'community', 'ageBand', 'Q1', 'Q2', 'Q3']);
    expect(table.rows.map((r) => r.line)).toEqual([2, 4, 7]);
    expect(table.rows[1]!.cells[5]).toBe('两行\r\n意见');
  });

  it('reads the first worksheet of an xlsx, whatever the file is called', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('答卷');
    ws.addRow(['street', 'community', 'ageBand', 'Q1', 'Q2']);
    ws.addRow(['东湖街道', '柳岸社区', '45-59', 5, '是']);
    ws.addRow([]);
    ws.addRow(['西河街道', null, '60+', { formula: '2+2', result: 4 }, '否']);
    const table = await readTable(Buffer.from(await wb.xlsx.writeBuffer()), 'upload.bin');
    expect(table.rows).toEqual([
      { line: 2, cells: ['东湖街道', '柳岸社区', '45-59', '5', '是'] },
      { line: 4, cells: ['西河街道', '', '60+', '4', '否'] },
    ]);
  });

  it('refuses GBK text, an old .xls, a broken xlsx, an unclosed quote and a file without data rows', async () => {
    // 东湖 in GBK
    expect(await formatMessage(readTable(Buffer.from([0x73, 0x74, 0x0a, 0xb6, 0xab, 0xba, 0xfe]), 'a.csv'))).toContain('UTF-8');
    expect(await formatMessage(readTable(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), 'a.xls'))).toContain('.xls');
    expect(await formatMessage(readTable(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'a.xlsx'))).toContain('xlsx');
    expect(await formatMessage(readTable(csv('street,ageBand\nx,"18-29\n'), 'a.csv'))).toContain('引号未闭合');
    expect(await formatMessage(readTable(csv('street,community,ageBand,Q1,Q2\n'), 'a.csv'))).toContain('没有答卷数据行');
    expect(await formatMessage(readTable(Buffer.alloc(0), 'a.csv'))).toContain('空的');
  });
});

describe('checking the rows', () => {
  it('turns good rows into responses: names to ids, 是/否 to 1/0, empty text and community left out', async () => {
    const table = await readTable(csv('街道,社区,年龄段,q1,Q2,Q3\n东湖街道,柳岸社区,６０岁及以上,5,是,很好\n西河街道,,18–29,１,否,\n'), 'a.csv');
    const { errors, responses } = validateRows(table, ctx);
    expect(errors).toEqual([]);
    expect(responses).toEqual([
      { line: 2, streetId: 1, communityId: 102, ageBand: '60+', answers: [{ questionId: 11, value: 5, text: null }, { questionId: 12, value: 1, text: null }, { questionId: 13, value: null, text: '很好' }] },
      { line: 3, streetId: 2, communityId: null, ageBand: '18-29', answers: [{ questionId: 11, value: 1, text: null }, { questionId: 12, value: 0, text: null }] },
    ]);
  });

  it('reports every bad cell with its line and column', async () => {
    const table = await readTable(
      csv(['street,community,ageBand,Q1,Q2', '南山街道,,18-29,5,是', '东湖街道,西河社区,17,6,对', '东湖街道,,30-44,,', '西河街道,,30-44,3,否,多余'].join('\n')),
      'a.csv',
    );
    const { errors, responses } = validateRows(table, { ...ctx, allowedStreetIds: new Set([1]) });
    expect(responses).toHaveLength(0);
    expect(errors).toEqual([
      { line: 2, column: 'street', message: '找不到名为“南山街道”的街道' },
      { line: 3, column: 'ageBand', message: '“17”不是有效的年龄段，须为 18-29、30-44、45-59 或 60+' },
      { line: 3, column: 'Q1', message: '“6”不是 1–5 的整数分数（5 = 非常满意，1 = 非常不满意）' },
      { line: 3, column: 'Q2', message: '“对”须为“是”或“否”' },
      { line: 3, column: 'community', message: '“西河社区”不是东湖街道的社区' },
      { line: 4, column: 'Q1', message: '请填写 1–5 的分数（5 = 非常满意，1 = 非常不满意）' },
      { line: 4, column: 'Q2', message: '请填写“是”或“否”' },
      { line: 5, column: null, message: '本行的数据多于表头的列数' },
      { line: 5, column: 'street', message: '本次测评不面向“西河街道”' },
    ]);
  });

  it('refuses the whole file for missing, unknown or repeated columns, naming them', async () => {
    const message = (header: string) =>
      (async () => {
        const table = await readTable(csv(`${header}\n东湖街道,,18-29,5,是`), 'a.csv');
        try {
          validateRows(table, ctx);
        } catch (err) {
          expect((err as DomainException).code).toBe('SURVEY_IMPORT_FORMAT');
          return (err as DomainException).message;
        }
        throw new Error('accepted');
      })();
    expect(await message('street,community,ageBand,Q1')).toContain('缺少列：Q2');
    expect(await message('street,community,年龄,Q1,Q2')).toMatch(/缺少列：ageBand；无法识别的列：年龄/);
    expect(await message('street,community,ageBand,Q1,q1')).toContain('重复的列：q1');
  });
});
