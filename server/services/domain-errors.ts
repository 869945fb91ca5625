/** Errors of the unit workspace, appeals, evidence files, imports and exports (issue 5). */
import { AppError } from '../http/errors.ts';

const make = (status: number, code: string, zh: string, en: string) => (details?: unknown) => new AppError(status, code, { zh, en }, details);

export const domainErrors = {
  emptyFile: make(400, 'empty_file', '上传的文件是空的。', 'The uploaded file is empty.'),
  fileType: make(415, 'unsupported_file_type', '只接受 PDF、PNG、JPEG、WebP、Word (docx)、Excel (xlsx) 或纯文本文件。', 'Only PDF, PNG, JPEG, WebP, Word (docx), Excel (xlsx) or plain text files are accepted.'),
  fileContent: make(415, 'file_content_mismatch', '文件内容与声明的类型不符。', 'The file content does not match its declared type.'),
  badTransition: (from: string, to: string) =>
    new AppError(409, 'bad_transition', { zh: `申诉状态不能从「${from}」改为「${to}」。`, en: `An appeal cannot go from ${from} to ${to}.` }),
  decisionPending: make(409, 'decision_pending', '该申诉正在处理中，请稍后刷新。', 'A decision on this appeal is being recorded; reload in a moment.'),
  needsReference: make(400, 'reference_required', '作出决定时须填写决定文号和理由。', 'A decision needs a reference and the reasoning.'),
  badTarget: (zh: string, en: string) => new AppError(422, 'bad_target', { zh, en }),
  unknownEvidence: make(422, 'unknown_evidence', '证明材料不存在或不属于本单位。', 'An evidence file does not exist or belongs to another unit.'),
  importInvalid: (count: number, errors: unknown[]) =>
    new AppError(
      422,
      'import_invalid',
      { zh: `文件中有 ${count} 处错误，未导入任何数据。请按错误清单修改后重新上传。`, en: `The file has ${count} error(s); nothing was imported. Fix them and upload again.` },
      { errors },
    ),
  badEncoding: make(
    415,
    'unsupported_encoding',
    'CSV 文件编码无法识别：请另存为“CSV UTF-8（逗号分隔）”，或使用 XLSX 文件。',
    'The CSV encoding is not recognised: save it as "CSV UTF-8 (comma delimited)" or upload an XLSX file.',
  ),
  legacyXls: make(415, 'unsupported_file_type', '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后上传。', 'Old .xls files are not supported; save the file as .xlsx and upload again.'),
  badSpreadsheet: make(415, 'unreadable_file', '无法读取该文件：请上传由模板填写的 XLSX 或 CSV 文件。', 'The file cannot be read: upload an XLSX or CSV file filled in from the template.'),
  noFont: make(503, 'font_missing', '服务器缺少中文字体（Noto Sans CJK），暂时无法生成 PDF；请管理员安装 fonts-noto-cjk。', 'The server has no Chinese font (Noto Sans CJK) to write the PDF; ask the administrator to install fonts-noto-cjk.'),
  notPublished: make(404, 'not_published', '该考核期尚未发布。', 'That period has not been published.'),
};
