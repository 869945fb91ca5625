/**
 * Worker thread of the live benchmark: opens Socket.IO clients, subscribes them, and records when
 * each version arrives (absolute ms, comparable across threads) on a sample of them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { io as connect, type Socket } from 'socket.io-client';

interface Job {
  url: string;
  count: number;
  offset: number;
  rooms: string[];
  cookie: string;
  sampleEvery: number;
  /** Listen to this event name instead of standings:patch (the baseline). */
  event: string;
  /** The version the clients already hold (they loaded the snapshot over HTTP, which caches). */
  since: number | null;
}

const job = workerData as Job;
const now = () => performance.timeOrigin + performance.now();
/** [from, to, arrival]: a patch delivers versions from+1 … to. */
const arrivals: Array<[number, number, number]> = [];
const sockets: Socket[] = [];

async function open(): Promise<void> {
  for (let i = 0; i < job.count; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, job.count - i) }, (_, j) => {
        const k = job.offset + i + j;
        const s = connect(job.url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: job.cookie ? { cookie: job.cookie } : {} });
        sockets.push(s);
        if (k % job.sampleEvery === 0) s.on(job.event, (d: { from?: number; to: number }) => void arrivals.push([d.from ?? d.to - 1, d.to, now()]));
        return new Promise<void>((resolve, reject) => {
          s.once('connect', async () => {
            if (job.rooms.length) await s.emitWithAck('standings:subscribe', { rooms: [job.rooms[k % job.rooms.length]!], since: job.since });
            resolve();
          });
          s.once('connect_error', reject);
        });
      }),
    );
  }
}

parentPort!.on('message', (m: string) => {
  if (m === 'collect') {
    parentPort!.postMessage({ arrivals });
    for (const s of sockets) s.close();
  }
});
await open();
parentPort!.postMessage({ ready: true });
