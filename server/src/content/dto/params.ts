import { z } from 'zod';
import { dbId } from '@sa/contracts';

/** `/:id` of an article: plain decimal digits only (no `0x1f`, `1e3`, signs or spaces), then the usual id range. */
export const articleIdParams = z.object({
  id: z.string().regex(/^[0-9]{1,10}$/, '文章编号应为数字').transform(Number).pipe(dbId),
});
export type ArticleIdParams = z.infer<typeof articleIdParams>;

/** `/:uploadId` of a public image: the upload's UUID. */
export const publicImageParams = z.object({ uploadId: z.string().uuid('图片编号格式不正确') });
export type PublicImageParams = z.infer<typeof publicImageParams>;
