/**
 * Content-safety flags on complaints, follow-ups, ratings and survey responses (msg_sec_check / media_check_async), shown to staff:
 * REVIEW WeChat asked for a human look; UNCHECKED WeChat could not be asked; RISKY_IMAGE a photo was judged risky.
 */
export const CONTENT_FLAGS = ['REVIEW', 'UNCHECKED', 'RISKY_IMAGE'] as const;
export type ContentFlag = (typeof CONTENT_FLAGS)[number];
export const CONTENT_FLAG_LABELS: Record<ContentFlag, string> = {
  REVIEW: '内容待复核',
  UNCHECKED: '未经内容安全检测',
  RISKY_IMAGE: '图片疑似违规',
};

/** The state of a photo's asynchronous WeChat check (Upload.checkState). */
export const MEDIA_CHECK_STATES = ['PENDING', 'PASS', 'REVIEW', 'RISKY', 'UNCHECKED'] as const;
export type MediaCheckState = (typeof MEDIA_CHECK_STATES)[number];
