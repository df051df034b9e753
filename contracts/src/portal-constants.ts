// Plain constants that the h5 portal's main bundle (loaded on every first visit) imports. Keep this file free of
// zod: a zod schema reachable from the main bundle adds ~55 KB gzip to every first load (issue 7 §9).

/** Complaint photos: one file per request, in this multipart field. */
export const UPLOAD_FIELD = 'file';
/** Largest photo accepted (10 MB); the miniapp checks it before sending. */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

/** WeChat's answer per subscribe-message template (wx.requestSubscribeMessage). */
export const SUBSCRIBE_RESULTS = ['accept', 'reject', 'ban', 'filter'] as const;

/** 宣传 article categories (the API's codes) and their names. */
export const ARTICLE_CATEGORIES = ['WORK_NEWS', 'SCIENCE', 'NOTICE', 'EXPOSURE', 'MODEL_STREET', 'VOLUNTEER'] as const;
export type ArticleCategory = (typeof ARTICLE_CATEGORIES)[number];
export const ARTICLE_CATEGORY_LABELS: Record<ArticleCategory, string> = {
  WORK_NEWS: '工作动态',
  SCIENCE: '科普知识',
  NOTICE: '通知公告',
  EXPOSURE: '曝光台',
  MODEL_STREET: '示范街区',
  VOLUNTEER: '志愿者风采',
};
