// A request refused while its body is still arriving (too large, no key) must still let the
// client read the answer: if the server stops reading and closes, the client's pending writes
// meet a reset and the answer is lost. So the rest of the body is read and discarded, up to a
// bound, and the connection closes after the answer (see problem-handler.ts).
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
