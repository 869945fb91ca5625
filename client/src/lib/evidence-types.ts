/**
 * Evidence files (证明材料) the server accepts: the same types and size limit as
 * `POST /api/evidence`, so the browser can refuse a file before uploading it.
 */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** Accepted types by extension (browsers often send no type for .docx/.xlsx). */
const BY_EXT: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  txt: 'text/plain',
};
const TYPES = new Set(Object.values(BY_EXT));

/** The `accept` attribute of evidence file inputs. */
export const EVIDENCE_ACCEPT = Object.keys(BY_EXT)
  .map((e) => `.${e}`)
  .join(',');

/** The MIME type to send for a file, or null when the server would refuse it. */
export function evidenceType(name: string, declared: string): string | null {
  const type = declared.split(';')[0]!.trim().toLowerCase();
  if (TYPES.has(type)) return type;
  const ext = name.toLowerCase().split('.').pop() ?? '';
  return BY_EXT[ext] ?? null;
}
