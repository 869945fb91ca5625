/**
 * Closing the server (a restart, a deploy, a test's teardown) must not wait for clients: Socket.IO
 * says goodbye, and whatever a client still holds open a moment later is cut.
 */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { startServer } from './helpers/server.ts';

const within = <T>(ms: number, p: Promise<T>) => Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

describe('closing the server', () => {
  it('does not wait for a WebSocket client that never answers the close frame', async () => {
    const srv = await startServer();
    const { port } = new URL(srv.url);
    // A raw WebSocket to Engine.IO that reads everything and answers nothing (ws would wait 30 s
    // for its close frame).
    const sock = net.connect(Number(port), '127.0.0.1');
    let head = '';
    sock.on('data', (d) => (head += d.toString('latin1')));
    sock.on('error', () => undefined);
    await new Promise<void>((r) => sock.once('connect', () => r()));
    sock.write(
      `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    await expect.poll(() => head).toContain('101 Switching Protocols');
    const t0 = Date.now();
    expect(await within(5000, srv.close())).toBe(true);
    expect(Date.now() - t0).toBeLessThan(5000);
    sock.destroy();
  });
});
