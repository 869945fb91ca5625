/**
 * Evidence files (证明材料): checked in the browser (type and size, as the server will) and
 * uploaded one by one as a raw body to `POST /api/evidence` with the name in `X-Filename`.
 */
import { api } from '../../lib/api.ts';
import type { EvidenceFile } from './types.ts';
import { EVIDENCE_ACCEPT, EVIDENCE_MAX_BYTES, evidenceType } from '../../lib/evidence-types.ts';

export { EVIDENCE_ACCEPT, EVIDENCE_MAX_BYTES, evidenceType };

/** Message key (`unit.evidence.*`) of why a file cannot be sent, or null when it can. */
export function evidenceProblem(file: { name: string; type: string; size: number }): string | null {
  if (!evidenceType(file.name, file.type)) return 'unit.evidence.badType';
  if (file.size > EVIDENCE_MAX_BYTES) return 'unit.evidence.tooBig';
  if (file.size === 0) return 'unit.evidence.empty';
  return null;
}

/** File size for people: B, KB, MB. */
export function fmtSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 102.4) / 10} KB`;
  return `${Math.round(bytes / 104857.6) / 10} MB`;
}

/** Uploads one file; `unit` is sent for admins filing on a unit's behalf. */
export async function uploadEvidence(file: File, unit?: string): Promise<EvidenceFile> {
  const type = evidenceType(file.name, file.type) ?? 'application/octet-stream';
  const query = unit ? `?unit=${encodeURIComponent(unit)}` : '';
  return api<EvidenceFile>(`/api/evidence${query}`, {
    method: 'POST',
    body: file,
    headers: { 'Content-Type': type, 'X-Filename': encodeURIComponent(file.name) },
  });
}

/** Where a stored evidence file downloads from. */
export function evidenceHref(id: string): string {
  return `/api/evidence/${encodeURIComponent(id)}`;
}
