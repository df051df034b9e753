const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Next calendar year in Asia/Shanghai: the one whose holidays the State Council publishes each autumn. */
export function nextYear(now = Date.now()): number {
  return new Date(now + SHANGHAI_OFFSET_MS).getUTCFullYear() + 1;
}
