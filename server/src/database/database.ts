import type { openDatabase, PrismaClient } from '@sa/db';

export type Database = Awaited<ReturnType<typeof openDatabase>>;

/** Injection tokens: the opened database (kind, ping, close) and its Prisma client. */
export const DATABASE = Symbol('DATABASE');
export const PRISMA = Symbol('PRISMA');
export type Prisma = PrismaClient;
