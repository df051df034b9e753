import { z } from 'zod';

// Database ids are int4: a larger number is the user's mistake (400), not a database error.
const MAX_ID = 2_147_483_647;

/** `/:id` written in plain decimal digits: "1e3", "0x1f" or " 7" are typing mistakes (400), not other ids. */
export const publicIdParams = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,9}$/, '编号应为正整数')
    .transform(Number)
    .refine((id) => id <= MAX_ID, '编号超出范围'),
});
export type PublicIdParams = z.infer<typeof publicIdParams>;
