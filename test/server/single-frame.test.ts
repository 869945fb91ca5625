import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { joinBroadcastFrames } from '../../server/live/single-frame.ts';

type Encode = (packet: unknown, opts: { wsPreEncodedFrame?: Buffer[] }) => unknown;

describe('broadcast frames', () => {
  const io = new Server(http.createServer(), { serveClient: false });
  afterAll(() => new Promise<void>((r) => void io.close(() => r())));
  const packet = () => ({ type: 2, data: ['standings:patch', { from: 1, to: 2, note: '城关镇'.repeat(50) }], nsp: '/' });

  it('socket.io-adapter precomputes a two-buffer frame, which joining turns into one with the same bytes', () => {
    const adapter = io.of('/').adapter as unknown as { _encode: Encode };
    const split: { wsPreEncodedFrame?: Buffer[] } = {};
    adapter._encode(packet(), split);
    // If socket.io-adapter stops precomputing frames (or changes their shape), this fails: the
    // joining in single-frame.ts would then silently do nothing.
    expect(split.wsPreEncodedFrame).toHaveLength(2);
    expect(joinBroadcastFrames(adapter)).toBe(true);
    const joined: { wsPreEncodedFrame?: Buffer[] } = {};
    adapter._encode(packet(), joined);
    expect(joined.wsPreEncodedFrame).toHaveLength(1);
    expect(joined.wsPreEncodedFrame![0]!.equals(Buffer.concat(split.wsPreEncodedFrame!))).toBe(true);
    // A text frame, FIN set, unmasked, with the Engine.IO message type and the JSON payload.
    const frame = joined.wsPreEncodedFrame![0]!;
    expect(frame[0]).toBe(0x81);
    expect(frame.subarray(4).toString()).toMatch(/^42\["standings:patch",\{"from":1,"to":2,"note":"城关镇/);
  });

  it('leaves an adapter without the internal hook alone', () => {
    expect(joinBroadcastFrames({})).toBe(false);
  });
});
