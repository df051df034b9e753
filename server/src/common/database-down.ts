/**
 * The database is unreachable or restarting (not a fault of the request): refused or dropped connections, PostgreSQL's
 * shutdown and start-up states (SQLSTATE class 08 and 57P01-57P03), Prisma's P1001/P1002/P1017, and pg's "Connection
 * terminated" for a query in flight when the server went away. Looked for through the error's causes, since Prisma's
 * adapter wraps the driver's error.
 */
export function isDatabaseDown(e: unknown): boolean {
  for (let cur = e, depth = 0; cur && typeof cur === 'object' && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    const { code, message, originalCode } = cur as { code?: unknown; message?: unknown; originalCode?: unknown };
    for (const c of [code, originalCode]) {
      if (typeof c !== 'string') continue;
      if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'P1001', 'P1002', 'P1017', '57P01', '57P02', '57P03'].includes(c) || /^08/.test(c)) return true;
    }
    if (typeof message === 'string' && /Connection terminated|connection (is )?(closed|terminated)|is not queryable|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)|Can't reach database server|timeout exceeded when trying to connect/i.test(message)) {
      return true;
    }
  }
  return false;
}
