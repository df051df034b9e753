import type { Prisma } from '../generated/client';
import type { PublicDemoRefs } from './public-demo';

export async function writeDemoArticles(_tx: Prisma.TransactionClient, _refs: PublicDemoRefs): Promise<void> {}
