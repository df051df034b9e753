import { z } from 'zod';
import { dbIdParam } from '@sa/contracts';

/** `/:id` of every registry route: a positive integer, else 400 rather than a lookup. */
export const idParams = z.object({ id: dbIdParam });
export type IdParams = z.infer<typeof idParams>;
