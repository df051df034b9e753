// The demo's public side: model streets, articles and penalty disclosures, written after the registry.
import type { Prisma } from '../generated/client';
import { writeDemoArticles } from './articles';
import { writeDemoModelStreets } from './model-streets';
import { writeDemoPenalties } from './penalties';

/** Database ids of what the registry part of the seed wrote, by code or username. */
export type PublicDemoRefs = {
  districtId: number;
  offices: Map<string, number>;
  streets: Map<string, number>;
  communities: Map<string, number>;
  users: Map<string, number>;
};

export async function writePublicDemo(tx: Prisma.TransactionClient, refs: PublicDemoRefs): Promise<void> {
  await writeDemoModelStreets(tx, refs);
  await writeDemoArticles(tx, refs);
  await writeDemoPenalties(tx, refs);
}
