/**
 * Errors a caller can act on: a stable code, an HTTP status and a message in Chinese (default)
 * and English. Routes throw `AppError`; the error middleware picks the language.
 */
export interface Localized {
  zh: string;
  en: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: Localized,
    readonly details?: unknown,
  ) {
    super(text.en);
    this.name = 'AppError';
  }
}

const make = (status: number, code: string, zh: string, en: string) => (details?: unknown) => new AppError(status, code, { zh, en }, details);

export const errors = {
  badRequest: (zh: string, en: string, details?: unknown) => new AppError(400, 'bad_request', { zh, en }, details),
  invalidJson: make(400, 'invalid_json', '请求内容不是有效的 JSON。', 'The request body is not valid JSON.'),
  forbiddenKey: make(400, 'forbidden_key', '请求中含有不允许的字段名（如 __proto__）。', 'The request contains a forbidden key such as __proto__.'),
  tooLarge: make(413, 'payload_too_large', '请求内容过大，请分批提交。', 'The request body is too large; split it into smaller batches.'),
  unsupportedType: make(415, 'unsupported_media_type', '请以 application/json 提交。', 'Send the body as application/json.'),
  unauthenticated: make(401, 'unauthenticated', '请先登录。', 'Please sign in first.'),
  badCredentials: make(401, 'bad_credentials', '用户名或密码错误。', 'Wrong username or password.'),
  badToken: make(401, 'bad_token', '访问令牌无效或已被撤销。', 'The access token is invalid or has been revoked.'),
  csrf: make(403, 'csrf', '请求缺少有效的 X-CSRF-Token，请刷新页面后重试。', 'Missing or wrong X-CSRF-Token header; reload the page and try again.'),
  forbidden: make(403, 'forbidden', '您没有执行此操作的权限。', 'You are not allowed to do this.'),
  notOwner: make(403, 'not_owner', '该指标不由您的单位报送，无权提交。', 'Your department does not own this indicator, so it cannot submit it.'),
  otherUnit: make(403, 'other_unit', '只能查看本单位的详细情况。', 'You can only see the details of your own unit.'),
  notFound: make(404, 'not_found', '找不到请求的内容。', 'Not found.'),
  rateLimited: make(429, 'rate_limited', '登录尝试过于频繁，请稍后再试。', 'Too many sign-in attempts; wait a few minutes and try again.'),
  idempotencyConflict: make(409, 'idempotency_conflict', '该幂等键已用于内容不同的提交。', 'This idempotency key was already used with a different payload.'),
  staleVersion: make(409, 'stale_version', '方案已被他人修改，请刷新后重新编辑。', 'The scheme was changed by someone else; reload it and edit again.'),
  usernameTaken: make(409, 'username_taken', '该用户名已存在。', 'This username is already taken.'),
  noScheme: make(409, 'no_scheme', '尚未导入赛马方案。', 'No race scheme has been imported yet.'),
  batchTooLarge: make(413, 'batch_too_large', '一次最多提交 10000 条数据。', 'At most 10,000 values per batch.'),
  versionAhead: make(404, 'version_not_found', '该版本尚不存在。', 'That version does not exist yet.'),
  internal: make(500, 'internal', '服务器内部错误，请稍后重试。', 'Internal server error; try again later.'),
};

/** True when the caller asked for English first. */
export function prefersEnglish(acceptLanguage: string | undefined): boolean {
  if (!acceptLanguage) return false;
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en');
}

export function errorBody(e: AppError, english: boolean): { code: string; message: string; details?: unknown } {
  return { code: e.code, message: english ? e.text.en : e.text.zh, ...(e.details === undefined ? {} : { details: e.details }) };
}
