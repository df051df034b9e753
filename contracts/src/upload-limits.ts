/** Complaint photos: one file per request, in this multipart field. */
export const UPLOAD_FIELD = 'file';
/** Largest photo accepted (10 MB); the miniapp checks it before sending. */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
