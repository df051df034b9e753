import type { LoggerService } from '@nestjs/common';

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** One JSON object per line on stdout, so log shippers need no parsing rules. */
export class JsonLogger implements LoggerService {
  constructor(private readonly minLevel: Level | 'silent' = 'info') {}

  write(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
    if (ORDER[level] < ORDER[this.minLevel]) return;
    process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
  }

  log(message: unknown, context?: string): void {
    this.write('info', String(message), context ? { context } : {});
  }
  error(message: unknown, stackOrContext?: string, context?: string): void {
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    if (stackOrContext && !context) fields.context = stackOrContext;
    else if (stackOrContext) fields.stack = stackOrContext;
    if (message instanceof Error) fields.stack = message.stack;
    this.write('error', message instanceof Error ? message.message : String(message), fields);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', String(message), context ? { context } : {});
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', String(message), context ? { context } : {});
  }
  verbose(message: unknown, context?: string): void {
    this.debug(message, context);
  }
}
