/**
 * Worker thread of the live benchmark: opens `count` WebSocket connections that speak the Engine.IO
 * v4 / Socket.IO v5 wire protocol directly (open, connect, subscribe with ack, ping/pong, events).
 * socket.io-client costs tens of microseconds per message in the same two cores the server runs
 * on; here only the sampled clients decode their messages (to record which versions arrived
 * when), the others receive every frame and answer pings. Arrival times are absolute ms,
 * comparable across threads.
 */
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

export interface ClientJob {
  url: string;
  count: number;
  offset: number;
  rooms: string[];
  cookie: string;
  sampleEvery: number;
  /** Listen to this event name instead of standings:patch (the baseline). */
  event: string;
  /** The version the clients already hold (a province snapshot per client would measure start-up). */
  since: number | null;
}

/**
 * [from, to, arrival ms, message bytes, room index in `rooms`]: a message delivers the versions
 * from+1 … to that changed the client's room.
 */
export type Arrival = [from: number, to: number, at: number, bytes: number, room: number];

const job = workerData as ClientJob;
const now = () => performance.timeOrigin + performance.now();
const arrivals: Arrival[] = [];
const sockets: WebSocket[] = [];
const PING = 0x32; // '2'
const eventPrefix = `42["${job.event}",`;

function open(k: number): Promise<void> {
  const ws = new WebSocket(`${job.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, {
    headers: job.cookie ? { cookie: job.cookie } : {},
    perMessageDeflate: false,
    skipUTF8Validation: true,
  });
  sockets.push(ws);
  const sampled = k % job.sampleEvery === 0;
  return new Promise<void>((resolve, reject) => {
    let ready = false;
    ws.on('error', (e) => (ready ? undefined : reject(e)));
    ws.on('message', (data: Buffer) => {
      if (data.length === 1 && data[0] === PING) return ws.send('3');
      if (ready) {
        if (sampled) {
          const text = data.toString();
          if (!text.startsWith(eventPrefix)) return;
          const d = JSON.parse(text.slice(eventPrefix.length, -1)) as { from?: number; to: number };
          arrivals.push([d.from ?? d.to - 1, d.to, now(), data.length, job.rooms.length ? k % job.rooms.length : -1]);
        }
        return;
      }
      const text = data.toString();
      if (text.startsWith('0')) ws.send('40');
      else if (text.startsWith('40')) {
        if (!job.rooms.length) return ((ready = true), resolve());
        ws.send(`421${JSON.stringify(['standings:subscribe', { rooms: [job.rooms[k % job.rooms.length]!], since: job.since }])}`);
      } else if (text.startsWith('431')) {
        const [reply] = JSON.parse(text.slice(3)) as [{ ok: boolean }];
        if (!reply.ok) return reject(new Error(`subscribe refused: ${text.slice(0, 200)}`));
        ready = true;
        resolve();
      } else if (text.startsWith('44')) reject(new Error(`connect refused: ${text}`));
    });
  });
}

parentPort!.on('message', (m: string) => {
  // The warm-up stream's arrivals: handed over and forgotten, the clients stay connected.
  if (m === 'reset') return parentPort!.postMessage({ arrivals: arrivals.splice(0) });
  if (m !== 'collect') return;
  parentPort!.postMessage({ arrivals });
  for (const s of sockets) s.terminate();
});
// Connect in batches: a thousand simultaneous handshakes only queue up in the server.
for (let i = 0; i < job.count; i += 50) await Promise.all(Array.from({ length: Math.min(50, job.count - i) }, (_, j) => open(job.offset + i + j)));
parentPort!.postMessage({ ready: true });
