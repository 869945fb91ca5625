/** Shared steps of the backup tests: the commands as child processes, a submission stream, the log. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { LogEventSchema, type LogEvent } from '../../../shared/events.ts';
import type { Client } from './server.ts';

const root = path.resolve(import.meta.dirname, '../../..');

export interface Run {
  code: number | null;
  out: string;
}

/** `npm run <script> -- args` with the given environment, as an operator runs it. */
export function npmRun(script: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const proc = spawn('npm', ['run', '--silent', script, '--', ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout.on('data', (b: Buffer) => (out += b.toString()));
    proc.stderr.on('data', (b: Buffer) => (out += b.toString()));
    proc.on('close', (code) => resolve({ code, out }));
  });
}

export interface Ack {
  seq: number;
  at: number;
  body: { period: string; unit: string; indicator: string; value: number };
}

/** Submits values from a few workers until `stop()`; every acknowledged one is kept with its time. */
export function submitStream(admin: Client): { acked: Ack[]; stop: () => Promise<void> } {
  const acked: Ack[] = [];
  let stopping = false;
  const units = ['t1', 't2', 't3', 't4'];
  const worker = async (w: number) => {
    for (let i = 0; !stopping; i++) {
      const body = { period: i % 2 ? 'm01' : 'm02', unit: units[(i + w) % 4]!, indicator: i % 3 ? 'inv' : 'hot', value: 30 + ((i * 7 + w * 13) % 70) };
      const r = await admin.req('POST', '/api/values', { key: `w${w}-${i}`, ...body });
      if (r.status !== 201) throw new Error(`submission refused: ${r.status} ${JSON.stringify(r.body)}`);
      acked.push({ seq: r.body.seq, at: Date.now(), body });
    }
  };
  let failure: unknown = null;
  const workers = Promise.all([0, 1, 2].map(worker)).catch((e: unknown) => {
    failure = e;
    stopping = true;
  });
  return {
    acked,
    stop: async () => {
      stopping = true;
      await workers;
      if (failure) throw failure;
    },
  };
}

/** The whole event log, read page by page. */
export async function allEvents(c: Client): Promise<LogEvent[]> {
  const events: LogEvent[] = [];
  for (let since = 0; ; ) {
    const page = await c.req('GET', `/api/events?since=${since}&limit=10000`);
    events.push(...page.body.events.map((e: unknown) => LogEventSchema.parse(e) as LogEvent));
    if (page.body.events.length < 10000) return events;
    since = events[events.length - 1]!.seq;
  }
}
