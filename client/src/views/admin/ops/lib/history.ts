/** The event history of a number (GET /api/history): the events that touched it, oldest first. */

export interface HistoryEvent {
  seq: number;
  type: string;
  at: string;
  actor: string;
  data: Record<string, unknown>;
}

/** Accepts an array or `{ items }` / `{ events }`. */
export function historyList(body: unknown): HistoryEvent[] {
  const b = body as { items?: unknown; events?: unknown } | null;
  const list = Array.isArray(body) ? body : Array.isArray(b?.items) ? b.items : Array.isArray(b?.events) ? b.events : [];
  return (list as HistoryEvent[]).map((e) => ({ ...e, data: e.data && typeof e.data === 'object' ? e.data : {} }));
}

/** The value an event set, as text ('' when it sets none; '—' when it withdrew the value). */
export function eventValue(e: HistoryEvent): string {
  if (!('value' in e.data)) return '';
  const v = e.data.value;
  return v === null ? '—' : String(v);
}

/** Everything else the event says, except the ids that the lookup already names. */
export function eventDetail(e: HistoryEvent): string {
  const skip = new Set(['period', 'unit', 'indicator', 'value', 'reason']);
  return Object.entries(e.data)
    .filter(([k, v]) => !skip.has(k) && v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

/** Local date and time of an ISO instant (YYYY-MM-DD HH:mm:ss). */
export function formatTime(at: string | null | undefined): string {
  if (!at) return '';
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Month, day and time (MM-DD HH:mm) for narrow columns. */
export function formatShort(at: string | null | undefined): string {
  const full = formatTime(at);
  return /^\d{4}-/.test(full) ? full.slice(5, 16) : full;
}

const EVENT_KEYS = new Set(['value:recorded', 'value:corrected', 'adjustment:recorded', 'adjustment:revoked', 'veto:recorded', 'veto:revoked', 'waiver:decided', 'rating:recorded', 'cadre:adjusted', 'scheme:changed', 'period:published']);
/** The message key (under adminOps.event) of an event type, or null for other actions. */
export function eventTypeKey(type: string): string | null {
  if (!EVENT_KEYS.has(type)) return null;
  const [a, b] = type.split(':') as [string, string];
  return `adminOps.event.${a}${b[0]!.toUpperCase()}${b.slice(1)}`;
}
