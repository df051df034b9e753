// Every error a user can see: an English code for programs, a Chinese message for people, an HTTP status at the edge.
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, message: '提交的内容不符合要求' },
  INVALID_DATE: { status: 400, message: '日期格式应为 YYYY-MM-DD，且须为有效日期' },
  WORKING_DAYS_OUT_OF_RANGE: { status: 400, message: '工作日天数须为 0 到 365 之间的整数' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  FORBIDDEN: { status: 403, message: '没有权限进行此操作' },
  NOT_FOUND: { status: 404, message: '请求的内容不存在' },
  ROUTE_NOT_FOUND: { status: 404, message: '接口不存在' },
  INVALID_CREDENTIALS: { status: 401, message: '用户名或密码错误' },
  ACCOUNT_LOCKED: { status: 423, message: '登录失败次数过多，账号已临时锁定，请稍后再试' },
  ACCOUNT_DISABLED: { status: 403, message: '账号已停用' },
  WECHAT_CODE_INVALID: { status: 400, message: '微信登录凭证无效或已过期，请重新进入小程序' },
  WECHAT_RATE_LIMITED: { status: 429, message: '微信登录请求过于频繁，请稍后再试' },
  WECHAT_UNAVAILABLE: { status: 503, message: '微信服务暂时不可用，请稍后再试' },
  DEV_LOGIN_DISABLED: { status: 400, message: '演示登录未开启' },
  DEV_USER_NOT_FOUND: { status: 404, message: '演示用户不存在' },
  INVITATION_CODE_INVALID: { status: 400, message: '邀请码无效' },
  INVITATION_CODE_USED: { status: 409, message: '该邀请码已被绑定' },
  ALREADY_VOLUNTEER: { status: 409, message: '您已是社会监督员' },
  TIER_MISMATCH: { status: 422, message: '包保干部层级与经营主体分级不符：A级对应市级、B级对应区级、C级对应街道、D级对应社区干部' },
  CADRE_OUT_OF_AREA: { status: 422, message: '包保干部不属于该经营主体所在的区域' },
  CADRE_INACTIVE: { status: 422, message: '该包保干部已停用' },
  LICENCE_NO_TAKEN: { status: 409, message: '许可证编号已存在' },
  AREA_MISMATCH: { status: 422, message: '社区不属于所选街道' },
  NOT_CURRENT_CADRE: { status: 403, message: '您不是该经营主体的当前包保干部' },
  CALENDAR_DAY_CONFLICT: { status: 409, message: '该日期已有节假日安排' },
  USERNAME_TAKEN: { status: 409, message: '用户名已存在' },
  ANONYMOUS_COMPLAINT_NOT_ALLOWED: { status: 400, message: '投诉须实名：请填写姓名和联系电话，或改为匿名举报' },
  CONTACT_PHONE_REQUIRED: { status: 400, message: '投诉须填写联系电话，以便监管所联系您' },
  REPORTER_NAME_REQUIRED: { status: 400, message: '实名提交须填写姓名' },
  UNKNOWN_CATEGORY: { status: 400, message: '问题类别不在清单中' },
  TOO_MANY_PHOTOS: { status: 400, message: '最多上传 9 张照片' },
  PLACE_REQUIRED: { status: 400, message: '请选择经营主体，或填写经营者名称并选择所在街道' },
  PHOTO_NOT_FOUND: { status: 400, message: '照片不存在或已失效，请重新上传' },
  IDEMPOTENCY_CONFLICT: { status: 409, message: '该提交编号已用于另一份内容不同的投诉举报' },
  INVALID_TRANSITION: { status: 409, message: '当前状态下不能进行此操作' },
  ACTION_INPUT_MISSING: { status: 400, message: '此操作缺少必要信息' },
  REOPEN_WINDOW_CLOSED: { status: 409, message: '办结已超过 15 日，不能重新打开，请重新提交' },
  EXTENSION_ALREADY_USED: { status: 409, message: '核查期限只能延长一次' },
  ALREADY_SUPPORTED: { status: 409, message: '您已附议过该问题' },
  COMPLAINT_NOT_OPEN: { status: 409, message: '该问题已办结，不能附议' },
  TRACKING_NOT_FOUND: { status: 404, message: '受理编号或查询码不正确' },
  UPLOAD_FILE_MISSING: { status: 400, message: '请选择一张照片，以 file 字段上传' },
  UPLOAD_NOT_IMAGE: { status: 400, message: '只能上传 JPEG、PNG 或 WebP 格式的照片' },
  UPLOAD_CORRUPT: { status: 400, message: '照片已损坏或不完整，无法读取，请重新拍摄或选择' },
  UPLOAD_STORAGE_UNAVAILABLE: { status: 503, message: '照片存储暂时不可用，请稍后再试' },
  RATE_LIMITED: { status: 429, message: '操作过于频繁，请稍后再试' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大' },
  DATABASE_UNAVAILABLE: { status: 503, message: '数据库暂时不可用，请稍后再试' },
  INTERNAL: { status: 500, message: '系统内部错误，请稍后再试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export type ErrorBody = {
  code: ErrorCode;
  message: string;
  /** Field-level problems for VALIDATION_FAILED: path -> Chinese message. */
  details?: { path: string; message: string }[];
};
