/** Prisma's code for a unique-constraint violation (PostgreSQL 23505), the same through both driver adapters. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
