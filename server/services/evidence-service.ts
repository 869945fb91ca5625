/**
 * Evidence files (证明材料) of appeals and adjustments, stored in the database (so a PostgreSQL
 * deployment needs no shared disk). Types are checked by content, not only by the declared type;
 * ids are random (128 bits) so a link cannot be guessed, and every read checks the unit anyway.
 */
import crypto from 'node:crypto';
import type { Db, Storage } from '../storage/storage.ts';
import { writeAudit } from '../storage/audit-repo.ts';
import { errors } from '../http/errors.ts';
import { domainErrors } from './domain-errors.ts';

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

const starts = (b: Buffer, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** Allowed MIME types and how their content begins. */
const TYPES: Record<string, { ext: string; check: (b: Buffer) => boolean }> = {
  'application/pdf': { ext: 'pdf', check: (b) => starts(b, [0x25, 0x50, 0x44, 0x46, 0x2d]) },
  'image/png': { ext: 'png', check: (b) => starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  'image/jpeg': { ext: 'jpg', check: (b) => starts(b, [0xff, 0xd8, 0xff]) },
  'image/webp': { ext: 'webp', check: (b) => starts(b, [0x52, 0x49, 0x46, 0x46]) && starts(b, [0x57, 0x45, 0x42, 0x50], 8) },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { ext: 'docx', check: (b) => starts(b, ZIP) },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { ext: 'xlsx', check: (b) => starts(b, ZIP) },
  'text/plain': { ext: 'txt', check: (b) => !b.includes(0) && isUtf8(b) },
};
export const EVIDENCE_TYPES = Object.keys(TYPES);

function isUtf8(b: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/** A file name safe to store and to send back: no paths, no control characters, ≤ 200 chars. */
export function cleanFileName(raw: string | undefined, type: string): string {
  let name = '';
  try {
    name = decodeURIComponent(raw ?? '');
  } catch {
    name = raw ?? '';
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  name = name.normalize('NFC').replace(/[\u0000-\u001f\u007f"\\/]/g, '').replace(/^[.\s]+/, '').trim();
  name = [...name].slice(0, 200).join('');
  return name || `file.${TYPES[type]?.ext ?? 'bin'}`;
}

export interface EvidenceInfo {
  id: string;
  name: string;
  size: number;
  type: string;
  unit: string;
  createdAt: string;
}

export function createEvidenceService(storage: Storage, now: () => Date) {
  async function upload(input: { unit: string; contentType: string | undefined; fileName: string | undefined; data: Buffer }, actor: string): Promise<EvidenceInfo> {
    const type = (input.contentType ?? '').split(';')[0]!.trim().toLowerCase();
    const spec = TYPES[type];
    if (!spec) throw domainErrors.fileType({ allowed: EVIDENCE_TYPES });
    if (!input.data.length) throw domainErrors.emptyFile();
    if (input.data.length > EVIDENCE_MAX_BYTES) throw errors.tooLarge();
    if (!spec.check(input.data)) throw domainErrors.fileContent({ type });
    const at = now().toISOString();
    const row = {
      id: `ev_${crypto.randomBytes(16).toString('hex')}`,
      unit: input.unit,
      name: cleanFileName(input.fileName, type),
      type,
      size: input.data.length,
      sha256: crypto.createHash('sha256').update(input.data).digest('hex'),
      data: input.data,
      created_by: actor,
      created_at: at,
    };
    await storage.tx(async (trx) => {
      await trx.insertInto('evidence').values(row).execute();
      const { data: _bytes, ...info } = row;
      await writeAudit(trx, { at, actor, action: 'evidence:uploaded', target: `evidence:${row.id} unit:${row.unit}`, after: info });
    });
    return { id: row.id, name: row.name, size: row.size, type, unit: row.unit, createdAt: at };
  }

  /** Metadata of these files (unknown ids are left out). */
  async function infos(ids: string[], db: Db = storage.db): Promise<EvidenceInfo[]> {
    if (!ids.length) return [];
    const rows = await db.selectFrom('evidence').select(['id', 'name', 'size', 'type', 'unit', 'created_at']).where('id', 'in', ids).execute();
    const byId = new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, size: Number(r.size), type: r.type, unit: r.unit, createdAt: r.created_at }]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async function read(id: string): Promise<(EvidenceInfo & { data: Buffer }) | null> {
    if (!/^ev_[0-9a-f]{32}$/.test(id)) return null;
    const r = await storage.db.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) return null;
    return { id: r.id, name: r.name, size: Number(r.size), type: r.type, unit: r.unit, createdAt: r.created_at, data: Buffer.from(r.data) };
  }

  return { upload, infos, read };
}

export type EvidenceService = ReturnType<typeof createEvidenceService>;
