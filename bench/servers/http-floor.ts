// The HTTP floor: a bare Fastify returning a fixed JSON body of a given size, as its own process.
// GET /fixed/<bytes> answers exactly that many bytes, so each endpoint's floor has the size of the
// API's real answer. Run: node --import tsx bench/servers/http-floor.ts (env PORT).
import Fastify from 'fastify'

const bodies = new Map<number, Buffer>()

/** A JSON document of exactly `bytes` bytes (at least 12). */
function body (bytes: number): Buffer {
  let cached = bodies.get(bytes)
  if (!cached) {
    const pad = Math.max(0, bytes - '{"pad":""}'.length)
    cached = Buffer.from(`{"pad":"${'x'.repeat(pad)}"}`, 'utf8')
    bodies.set(bytes, cached)
  }
  return cached
}

const app = Fastify({ logger: false, keepAliveTimeout: 72_000 })
app.get<{ Params: { bytes: string } }>('/fixed/:bytes', async (request, reply) => {
  const bytes = Math.min(Math.max(Number(request.params.bytes) || 0, 12), 50_000_000)
  return reply.type('application/json; charset=utf-8').send(body(bytes))
})
app.get('/ready', async () => ({ ok: true }))

const port = Number(process.env.PORT ?? 4100)
await app.listen({ host: '127.0.0.1', port })
const shutdown = (): void => { app.close().finally(() => process.exit(0)).catch(() => {}) }
process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)
