/**
 * Reads an events file (JSON Lines): each line is an event body `{type, data}` or a full log
 * event with `seq`, `at` and `actor`; missing envelope fields are filled in. Problems are
 * reported per line with the event type and field, e.g. "第 12 行(value:recorded):…".
 */
import { EVENT_TYPES, EventBodySchema } from '../../shared/events.ts';
import type { LogEvent } from '../../shared/events.ts';
import { fromZodIssue } from '../../shared/validate-scheme.ts';

export interface LineProblem {
  line: number;
  type: string | null;
  code: string;
  path: string;
  zh: string;
  en: string;
}

export interface NumberedEvent {
  line: number;
  event: LogEvent;
}

/** Formats a line problem for people: `第 12 行(value:recorded) data.value:… / line 12 …`. */
export function formatLineProblem(p: LineProblem): string {
  const type = p.type ? `(${p.type})` : '';
  const path = p.path && p.path !== '$' ? ` ${p.path}` : '';
  return `第 ${p.line} 行${type}${path}:${p.zh}\n  line ${p.line}${p.type ? ` (${p.type})` : ''}${path}: ${p.en}`;
}

export const DEFAULT_AT = '1970-01-01T00:00:00.000Z';
export const DEFAULT_ACTOR = 'cli';

export function readEvents(text: string): { events: NumberedEvent[]; problems: LineProblem[] } {
  const events: NumberedEvent[] = [];
  const problems: LineProblem[] = [];
  let seq = 0;
  let at = DEFAULT_AT;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const src = raw.trim();
    if (!src || src.startsWith('//') || src.startsWith('#')) return;
    const bad = (code: string, path: string, zh: string, en: string, type: string | null = null) => problems.push({ line, type, code, path, zh, en });
    let json: unknown;
    try {
      json = JSON.parse(src);
    } catch (e) {
      bad('invalid_json', '', `不是有效的 JSON(${e instanceof Error ? e.message : String(e)})`, `not valid JSON (${e instanceof Error ? e.message : String(e)})`);
      return;
    }
    if (!json || typeof json !== 'object' || Array.isArray(json)) {
      bad('not_an_event', '', '每一行应是一个事件对象 {"type": …, "data": …}', 'each line must be an event object {"type": …, "data": …}');
      return;
    }
    const obj = json as Record<string, unknown>;
    const type = typeof obj.type === 'string' ? obj.type : null;
    if (!type || !(EVENT_TYPES as string[]).includes(type)) {
      bad('unknown_event_type', 'type', `事件类型${type ? `「${type}」` : ''}无效,应为 ${EVENT_TYPES.join(' / ')}`, `event type ${type ? `"${type}" ` : ''}is not one of ${EVENT_TYPES.join(' / ')}`);
      return;
    }
    const parsed = EventBodySchema.safeParse({ type, data: obj.data });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const p = fromZodIssue(issue, { type, data: obj.data });
        bad(p.code, p.path, p.zh, p.en, type);
      }
      return;
    }
    // Envelope: keep what the line gives when it is sound, otherwise continue the sequence.
    const env = { seq: obj.seq, at: obj.at, actor: obj.actor };
    if (env.seq !== undefined) {
      if (typeof env.seq !== 'number' || !Number.isInteger(env.seq) || env.seq <= seq) {
        bad('seq_order', 'seq', `序号 seq 应为大于上一事件(${seq})的整数`, `seq must be an integer greater than the previous event's (${seq})`, type);
        return;
      }
      seq = env.seq;
    } else seq += 1;
    if (env.at !== undefined) {
      if (typeof env.at !== 'string' || Number.isNaN(Date.parse(env.at))) {
        bad('invalid_at', 'at', '时间 at 应为 ISO 8601 格式,如 2026-01-25T01:00:00Z', 'at must be an ISO 8601 time such as 2026-01-25T01:00:00Z', type);
        return;
      }
      at = env.at;
    }
    const actor = typeof env.actor === 'string' && env.actor.trim() ? env.actor : DEFAULT_ACTOR;
    events.push({ line, event: { ...parsed.data, seq, at, actor } as LogEvent });
  });
  return { events, problems };
}
