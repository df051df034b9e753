import type { Prisma } from '../generated/client';
import type { PublicDemoRefs } from './public-demo';

export async function writeDemoPenalties(_tx: Prisma.TransactionClient, _refs: PublicDemoRefs): Promise<void> {}
