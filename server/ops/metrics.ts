/**
 * Prometheus metrics (prom-client). Each app has its own Registry (tests run many apps in one
 * process); the process-wide default metrics (CPU, memory, GC, event-loop lag) live in one shared
 * registry, started with the first app, and are merged in when scraped.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

let processRegistry: Registry | null = null;

function defaults(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** What the metrics read when scraped. */
export interface MetricsSources {
  version: () => number;
  /** Connected sockets per room kind (`group`, `unit`, `cadres`, `admin`, …) and in total. */
  sockets: () => Map<string, number>;
  /** Events in the log, and the database's size in bytes (null when unknown). */
  logSize: () => Promise<{ events: number; bytes: number | null }>;
}

const LATENCY = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export function createMetrics() {
  // Started with the first app, once per process: GC durations are observed from then on.
  defaults();
  const registry = new Registry();
  const registers = [registry];
  const submissions = new Counter({ name: 'saima_submissions_total', help: 'Submissions, by result (accepted, refused) and error code', labelNames: ['result', 'code'], registers });
  const commit = new Histogram({ name: 'saima_submission_commit_seconds', help: 'Time from a submission being queued to its transaction committing', buckets: LATENCY, registers });
  const send = new Histogram({ name: 'saima_commit_to_send_seconds', help: 'Time from a version committing to its patch being sent to sockets', buckets: LATENCY, registers });
  const apply = new Histogram({ name: 'saima_engine_apply_seconds', help: 'Time the engine takes to apply a group of committed events', buckets: LATENCY, registers });
  let sources: MetricsSources | null = null;

  new Gauge({
    name: 'saima_version',
    help: 'Current version (seq of the last committed event)',
    registers,
    collect() {
      if (sources) this.set(sources.version());
    },
  });
  new Gauge({
    name: 'saima_sockets',
    help: 'Connected sockets by room kind (kind="all": every connected socket)',
    labelNames: ['kind'],
    registers,
    collect() {
      if (!sources) return;
      this.reset();
      for (const [kind, n] of sources.sockets()) this.set({ kind }, n);
    },
  });
  const logEvents = new Gauge({ name: 'saima_event_log_events', help: 'Events in the event log', registers });
  const dbBytes = new Gauge({ name: 'saima_database_bytes', help: 'Size of the database (SQLite file, or PostgreSQL tables of the schema)', registers });

  return {
    registry,
    /** The live parts, known once the app is built. */
    attach(s: MetricsSources): void {
      sources = s;
    },
    /** A submission settled: `code` null when accepted. */
    settled(code: string | null): void {
      submissions.inc(code === null ? { result: 'accepted', code: 'ok' } : { result: 'refused', code });
    },
    committed: (ms: number) => commit.observe(ms / 1000),
    sent: (ms: number) => send.observe(ms / 1000),
    applied: (ms: number) => apply.observe(ms / 1000),
    /** The text exposition of this app's and the process's metrics. */
    async render(): Promise<{ contentType: string; body: string }> {
      if (sources) {
        const size = await sources.logSize();
        logEvents.set(size.events);
        if (size.bytes !== null) dbBytes.set(size.bytes);
      }
      const merged = Registry.merge([registry, defaults()]);
      return { contentType: merged.contentType, body: await merged.metrics() };
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Sockets per room kind: the part of a room's name before `:` (`group:g1` → group). */
export function socketsByKind(rooms: Map<string, Set<string>>, connected: number): Map<string, number> {
  const kinds = new Map<string, Set<string>>();
  for (const [room, ids] of rooms) {
    const colon = room.indexOf(':');
    // A socket's own room is named by its id and holds only it; `sig:` rooms are the live
    // server's internal grouping of sockets by their board rooms.
    if ((ids.size === 1 && ids.has(room)) || room.startsWith('sig:')) continue;
    const kind = colon < 0 ? room : room.slice(0, colon);
    let set = kinds.get(kind);
    if (!set) kinds.set(kind, (set = new Set()));
    for (const id of ids) set.add(id);
  }
  const out = new Map([...kinds].map(([k, s]) => [k, s.size] as [string, number]));
  out.set('all', connected);
  return out;
}
