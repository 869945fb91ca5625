/** Reads the whole event log page by page (`GET /api/events?since=&limit=`). */
import type { LogEvent } from '../../../shared/events.ts';
import { api } from '../lib/api.ts';

export async function loadEvents(onPage?: (n: number, total: number) => void, limit = 5000): Promise<LogEvent[]> {
  const all: LogEvent[] = [];
  let since = 0;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = await api<{ version: number; events: LogEvent[] }>(`/api/events?since=${since}&limit=${limit}`);
    all.push(...page.events);
    onPage?.(all.length, page.version);
    const last = page.events[page.events.length - 1];
    if (!last || page.events.length < limit || last.seq >= page.version) break;
    since = last.seq;
  }
  return all;
}
