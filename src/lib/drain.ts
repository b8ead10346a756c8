// A request refused while its body is still arriving (too large, no key) must still let the
// client read the answer: if the server stops reading and closes, the client's pending writes
// meet a reset and the answer is lost. So the rest of the body is read and discarded, up to a
// bound, and the connection closes after the answer (closeAfterAnswer below).
import type { IncomingHttpHeaders } from 'node:http'
import type { Readable } from 'node:stream'

/** Past this many discarded bytes the client is not sending in good faith: drop the connection. */
const MAX_DISCARDED_BYTES = 256 * 2 ** 20

export function discardRest (payload: Readable): void {
  let discarded = 0
  payload.removeAllListeners('data')
  payload.on('data', (chunk: Buffer) => {
    discarded += chunk.length
    if (discarded > MAX_DISCARDED_BYTES) payload.destroy()
  })
  payload.resume()
}

/**
 * For a request answered before its body is read (a refused key): as Fastify does for a body
 * over the limit, the connection closes after the answer, and what arrives meanwhile is read and
 * discarded, so the client's pending writes do not meet a reset before it reads the answer.
 * Kept alive, the half-sent request would hold its connection (not idle) until the keep-alive
 * timeout, and a graceful shutdown with it.
 */
export function closeAfterAnswer (headers: IncomingHttpHeaders, reply: { header: (name: string, value: string) => unknown }, payload: Readable): void {
  const hasBody = headers['transfer-encoding'] !== undefined || (headers['content-length'] !== undefined && headers['content-length'] !== '0')
  if (!hasBody) return
  reply.header('connection', 'close')
  discardRest(payload)
}
