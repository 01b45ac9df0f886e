/**
 * The rest of a request body the server answered without reading (a lingering close, as nginx
 * does it).
 *
 * Why: when the server answers before it has read the body (413 over the limit, a refusal before
 * parsing) and then closes the connection, the bytes still on their way hit a closed socket and the
 * kernel answers them with a TCP reset. A client still uploading (browsers and fetch do not wait for
 * `100 Continue`) then reports a network error instead of the answer, and may retry. So the answer
 * goes out on a connection that stays open, and the rest of the body is read and thrown away.
 *
 * Invariant: never without bound. At most `maxBytes` more bytes and `maxMs` after the answer; past
 * either the connection is closed (a client that sends that much after a refusal is not waiting for
 * the answer). Nothing is buffered: the bytes are counted and dropped.
 */
import type { IncomingMessage } from 'node:http';

export interface UnreadBodyLimits {
  maxBytes: number;
  maxMs: number;
}

export const UNREAD_BODY_LIMITS: Readonly<UnreadBodyLimits> = Object.freeze({ maxBytes: 64 * 1024 * 1024, maxMs: 5000 });

/**
 * Reads and discards what is left of `req`'s body, within the limits. Returns false when nothing is
 * left to read (the body is complete, the request gone, or not a socket request at all).
 */
export function discardUnreadBody(req: IncomingMessage, limits: UnreadBodyLimits = UNREAD_BODY_LIMITS): boolean {
  // `complete` is false only on a real socket request whose body has not all arrived (inject: undefined).
  if (req.complete !== false || req.destroyed) return false;
  let bytes = 0;
  const onData = (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > limits.maxBytes) cutOff();
  };
  const done = () => {
    clearTimeout(timer);
    req.off('data', onData);
    req.off('end', done);
    req.off('close', done);
  };
  const cutOff = () => {
    done();
    req.socket.destroy();
  };
  const timer = setTimeout(cutOff, limits.maxMs);
  timer.unref();
  req.on('data', onData);
  req.once('end', done);
  req.once('close', done);
  req.resume();
  return true;
}
