/**
 * Worker thread of the live benchmark: the load generator. Sends `bodies[i]` as a JSON POST at
 * `rate` per second (open loop, over a keep-alive pool) and records the send time of every
 * accepted version, in its own thread so the server's event loop cannot delay the schedule.
 */
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

export interface LoadJob {
  url: string;
  headers: Record<string, string>;
  bodies: string[];
  rate: number;
  /** Requests beyond this many in flight are not sent (counted as dropped): the server is saturated. */
  maxInflight: number;
}

export interface LoadResult {
  /** [seq, send time in absolute ms, index in `bodies`] of every accepted submission. */
  sent: Array<[number, number, number]>;
  accepted: number;
  refused: number;
  dropped: number;
  seconds: number;
}

const job = workerData as LoadJob;
const now = () => performance.timeOrigin + performance.now();
const u = new URL(job.url);
const POOL = 64;
const agent = new http.Agent({ keepAlive: true, maxSockets: POOL });

function post(body: string): Promise<number | null> {
  return new Promise((resolve) => {
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...job.headers } },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (data += c));
        res.on('end', () => {
          const seq = res.statusCode === 201 || res.statusCode === 200 ? (JSON.parse(data) as { seq?: number }).seq : undefined;
          resolve(typeof seq === 'number' ? seq : null);
        });
      },
    );
    req.on('error', () => resolve(null));
    req.end(body);
  });
}

/**
 * Opens the keep-alive pool before the clock starts (one GET /api/health per connection), as a
 * reporter's system that has been submitting all along holds its connections: a connection
 * opened while the server is busy broadcasting waited for its accept for seconds and measured
 * that instead of the stream.
 */
async function warmPool(): Promise<void> {
  const health = new URL('/api/health', job.url);
  await Promise.all(
    Array.from({ length: POOL }, () =>
      new Promise<void>((resolve) => {
        const req = http.get({ host: health.hostname, port: health.port, path: health.pathname, agent, headers: job.headers }, (res) => {
          res.resume();
          res.on('end', () => resolve());
        });
        req.on('error', () => resolve());
      }),
    ),
  );
}

await warmPool();
const result: LoadResult = { sent: [], accepted: 0, refused: 0, dropped: 0, seconds: 0 };
let inflight = 0;
const t0 = performance.now();
const pending: Array<Promise<void>> = [];
for (let i = 0; i < job.bodies.length; i++) {
  const wait = t0 + (i * 1000) / job.rate - performance.now();
  if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  if (inflight >= job.maxInflight) {
    result.dropped++;
    continue;
  }
  inflight++;
  const at = now();
  const index = i;
  pending.push(
    post(job.bodies[i]!).then((seq) => {
      inflight--;
      if (seq === null) return void result.refused++;
      result.accepted++;
      result.sent.push([seq, at, index]);
    }),
  );
}
await Promise.all(pending);
result.seconds = (performance.now() - t0) / 1000;
agent.destroy();
parentPort!.postMessage(result);
