// China keeps one offset all year (no daylight saving), so Shanghai time is UTC+8 without a time-zone database,
// which the mini-program's JavaScript engine may not have.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant from the server as the reporter reads it: 2026-11-29 09:05 (Beijing time). */
export function formatDateTime(iso: string): string {
  const at = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS);
  if (Number.isNaN(at.getTime())) return iso;
  return `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;
}

export function formatDate(iso: string): string {
  return formatDateTime(iso).slice(0, 10);
}

/** A statutory deadline ends at 24:00 of its day (Asia/Shanghai). */
export function formatDueDate(dueDate: string): string {
  return `${dueDate} 24:00 前`;
}
