export { PrismaClient, Prisma } from './generated/client';
export type * from './generated/client';
export * from './generated/enums';
export { openDatabase, lockDataDir, pgliteRunner, DataDirLockedError, type Database, type OpenOptions } from './database';
export { type EmbeddedPGlite, type EmbeddedTransaction } from './pglite-client';
export { applyMigrations, readMigrations, migrationsDir, MigrationError, type SqlRunner, type MigrationFile } from './migrate';
export * from './seed';
export { dumpPglite, dumpDataFolder, inspectBackup, restoreDataFolder, BackupError } from './backup';
