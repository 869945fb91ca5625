/**
 * One buffer per broadcast frame. Socket.IO frames a broadcast packet once (header and payload
 * as two buffers, `wsPreEncodedFrame`) and ws writes each socket that pair with cork/uncork, which
 * goes through the stream's buffering and a writev per socket. Joined once per broadcast, each
 * socket's write is one plain write: less work per socket on the server's thread, the same bytes
 * on the wire.
 *
 * This reaches into socket.io-adapter's `_encode` (internal; socket.io is pinned in package.json,
 * and test/server/single-frame.test.ts fails if the adapter's frame changes shape). Where it is missing or
 * the frame has another shape, nothing changes.
 */
type Encode = (packet: unknown, opts: { wsPreEncodedFrame?: unknown }) => unknown;

export function joinBroadcastFrames(adapter: object): boolean {
  const a = adapter as { _encode?: Encode };
  const encode = a._encode;
  if (typeof encode !== 'function') return false;
  a._encode = function (this: unknown, packet, opts) {
    const out = encode.call(this, packet, opts);
    const frame = opts.wsPreEncodedFrame;
    if (Array.isArray(frame) && frame.length === 2 && frame.every((b) => Buffer.isBuffer(b))) opts.wsPreEncodedFrame = [Buffer.concat(frame as Buffer[])];
    return out;
  };
  return true;
}
