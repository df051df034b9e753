/**
 * How a reporter is told that a limit is provisional (it runs into a year whose official holiday schedule is not
 * entered, so it was counted on weekends alone): the mark after the due date, and once below the list, why.
 * The workbench says the same in one phrase (PROVISIONAL_NOTE in pages/workbench/deadline-text.ts).
 */
export const PROVISIONAL_MARK = '（暂估）';
export const PROVISIONAL_EXPLANATION = '标“暂估”的期限跨入尚未公布节假日安排的年份，安排公布后将重新计算。';
