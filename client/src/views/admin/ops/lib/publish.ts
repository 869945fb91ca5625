/** Publication (晾晒): published periods, the live-vs-snapshot difference, display settings. */
import { parseBoardKey } from '../../../../../../shared/standings.ts';
import { groupName, trackName, type Meta } from '../../../../lib/meta.ts';

export interface Publication {
  period: string;
  version: number;
  at: string;
  note?: string;
}
export interface DiffRow {
  board: string;
  unit: string;
  publishedRank: number | null;
  liveRank: number | null;
  publishedScore: number | null;
  liveScore: number | null;
}

/** `{ published: [...] }` or a bare list; the latest publication of each period wins. */
export function publications(body: unknown): Map<string, Publication> {
  const list = Array.isArray(body) ? body : (body as { published?: unknown } | null)?.published;
  const out = new Map<string, Publication>();
  if (!Array.isArray(list)) return out;
  for (const p of list as Publication[]) {
    const prev = out.get(p.period);
    if (!prev || p.version > prev.version) out.set(p.period, p);
  }
  return out;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
function row(board: string, r: Record<string, unknown>): DiffRow {
  return { board: String(r.board ?? board), unit: String(r.unit ?? ''), publishedRank: num(r.publishedRank), liveRank: num(r.liveRank), publishedScore: num(r.publishedScore), liveScore: num(r.liveScore) };
}

/**
 * The difference rows from any of the shapes a server may send: a flat list of rows with `board`,
 * `{ items | rows: [...] }`, `{ boards: [{ board, rows }] }` or `{ boards: { [key]: rows } }`.
 */
export function diffRows(body: unknown): DiffRow[] {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (Array.isArray(body)) return body.filter(isObj).map((r) => row('', r));
  if (!isObj(body)) return [];
  const flat = body.items ?? body.rows ?? body.diff;
  if (Array.isArray(flat)) return flat.filter(isObj).map((r) => row('', r));
  const boards = body.boards;
  if (Array.isArray(boards)) return boards.filter(isObj).flatMap((b) => (Array.isArray(b.rows) ? b.rows.filter(isObj).map((r) => row(String(b.board ?? b.key ?? ''), r)) : []));
  if (isObj(boards)) return Object.entries(boards).flatMap(([k, rows]) => (Array.isArray(rows) ? rows.filter(isObj).map((r) => row(k, r)) : []));
  return [];
}

/** A board key as people read it: track · group, 综合 · group, or the cadre group. */
export function boardLabel(meta: Meta, key: string, words: { overall: string; season: string }): string {
  const ref = parseBoardKey(key);
  if (ref) {
    const g = groupName(meta, ref.group);
    if (ref.kind === 'track') return `${trackName(meta, ref.track)} · ${g}`;
    if (ref.kind === 'overall') return `${words.overall} · ${g}`;
    if (ref.kind === 'season') return `${words.season} ${trackName(meta, ref.track)} · ${g}`;
    return `${words.season}${words.overall} · ${g}`;
  }
  const parts = key.split('|');
  if (parts[0] === 'cadre' && parts.length === 3) return meta.cadreGroups.find((c) => c.id === parts[2])?.name ?? key;
  return key;
}

export interface DisplaySettings {
  publicRead: boolean;
  screenSource: 'live' | 'published';
}
/** Settings with defaults for fields an older server does not send yet. */
export function displaySettings(body: unknown): DisplaySettings & Record<string, unknown> {
  const b = (body ?? {}) as Record<string, unknown>;
  return { ...b, publicRead: b.publicRead === true, screenSource: b.screenSource === 'published' ? 'published' : 'live' };
}
