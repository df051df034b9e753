import type * as ExcelJS from 'exceljs';

export type { ExcelJS };

let loaded: Promise<typeof ExcelJS> | undefined;

/**
 * exceljs, loaded on first use: it adds about 6.5 MB of V8 heap and 15 MB of resident memory to every server
 * process, and only the survey import and the evidence export need it.
 */
export function loadExcel(): Promise<typeof ExcelJS> {
  loaded ??= import('exceljs').then((m) => ((m as { default?: typeof ExcelJS }).default ?? m) as typeof ExcelJS);
  return loaded;
}
