// The OpenAPI lists every status a client can meet on each /v1 operation, and the shared hooks
// really produce them: each operation is called until the hook answers, and that answer's
// status must be documented on that operation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request as httpRequest } from 'node:http'
import type { FastifyInstance } from 'fastify'
import { buildTestApp } from '../../helpers.js'
import { API_KEYS, KEYS, auth } from '../../writes/support.js'

interface Operation { method: string, path: string, url: string, responses: string[], hasBody: boolean }

function operations (app: FastifyInstance): Operation[] {
  const doc = app.swagger() as unknown as { paths: Record<string, Record<string, { responses: Record<string, unknown>, requestBody?: unknown }>> }
  const out: Operation[] = []
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith('/v1/')) continue
    for (const [method, op] of Object.entries(item)) {
      out.push({
        method: method.toUpperCase(),
        path,
        url: path.replace(/\{[^}]+\}/g, 'tiktok'),
        responses: Object.keys(op.responses),
        hasBody: op.requestBody !== undefined,
      })
    }
  }
  return out
}

describe('the /v1 contract', () => {
  let app: FastifyInstance
  beforeAll(async () => { app = await buildTestApp({ API_KEYS, RATE_LIMIT_MAX: '100000' }) })
  afterAll(async () => { await app.close() })

  it('every operation documents 400, 401, 408, 409, 429 and 503; GETs 304; operations with a body 413 and 415', () => {
    const ops = operations(app)
    expect(ops.length).toBeGreaterThan(20)
    for (const op of ops) {
      const expected = ['400', '401', '408', '409', '429', '503',
        ...(op.method === 'GET' ? ['304'] : []), ...(op.hasBody ? ['413', '415'] : [])]
      expect(op.responses, `${op.method} ${op.path}`).toEqual(expect.arrayContaining(expected))
    }
  })

  it('a malformed API key is 401 on every operation, as documented', async () => {
    for (const op of operations(app)) {
      const res = await app.inject({ method: op.method as 'GET', url: op.url, headers: { authorization: 'Basic nope' } })
      expect(res.statusCode, `${op.method} ${op.path}`).toBe(401)
      expect(op.responses).toContain('401')
    }
  })

  it('a body over the limit is 413 on every operation that takes one, as documented', async () => {
    const small = await buildTestApp({ API_KEYS, RATE_LIMIT_MAX: '100000', BODY_LIMIT_BYTES: '1024', IMPORT_BODY_LIMIT_BYTES: '1024' })
    try {
      for (const op of operations(small).filter((o) => o.hasBody)) {
        const res = await small.inject({
          method: op.method as 'POST', url: op.url, headers: { ...auth(KEYS.admin), 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(4096) }),
        })
        expect(res.statusCode, `${op.method} ${op.path}`).toBe(413)
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      }
    } finally {
      await small.close()
    }
  })

  it('the rate limit answers 429 on every operation, as documented', async () => {
    const limited = await buildTestApp({ API_KEYS, RATE_LIMIT_MAX: '1', RATE_LIMIT_WINDOW_MS: '600000' })
    try {
      for (const [i, op] of operations(limited).entries()) {
        // Each operation from its own client address, so each meets the limit on its second call
        // (distinct by position: random addresses collided now and then, and the first call got 429).
        // The first call spends the address's one request with a refused key (counted before it
        // is answered 401), so no operation does its real work (an export, a path search) here.
        const remoteAddress = `127.0.${Math.floor(i / 250)}.${(i % 250) + 1}`
        const first = await limited.inject({ method: op.method as 'GET', url: op.url, remoteAddress, headers: { authorization: 'Basic nope' } })
        expect(first.statusCode, `${op.method} ${op.path}`).toBe(401)
        const res = await limited.inject({ method: op.method as 'GET', url: op.url, remoteAddress })
        expect(res.statusCode, `${op.method} ${op.path}`).toBe(429)
        expect(op.responses).toContain('429')
      }
    } finally {
      await limited.close()
    }
  })

  it('GET /v1/changes has an ETag, answers 304 to it, and carries Cache-Control like every GET', async () => {
    const url = '/v1/changes?since=2020-01-01T00:00:00Z'
    const first = await app.inject({ method: 'GET', url })
    expect(first.statusCode).toBe(200)
    expect(first.headers['cache-control']).toMatch(/max-age/)
    const etag = String(first.headers.etag)
    expect(etag).toMatch(/^W\/"[^"]+"$/)
    const again = await app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } })
    expect(again.statusCode).toBe(304)
    expect(again.body).toBe('')
  })
})

describe('a body refused before it is read', () => {
  let app: FastifyInstance
  let port: number
  beforeAll(async () => {
    // Load shedding off: 51 MiB of JSON lines keep a busy machine's event loop late.
    app = await buildTestApp({ API_KEYS, RATE_LIMIT_MAX: '100000', MAX_EVENT_LOOP_DELAY_MS: '0' })
    const address = await app.listen({ host: '127.0.0.1', port: 0 })
    port = Number(new URL(address).port)
  })
  afterAll(async () => { await app.close() })

  /** Streams `bytes` of NDJSON to /v1/import over a real socket and reads whatever comes back. */
  function upload (bytes: number, headers: Record<string, string>): Promise<{ status: number, body: string }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/v1/import', headers: { 'content-type': 'application/x-ndjson', ...headers } }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => { body += c })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      })
      req.on('error', reject)
      const line = Buffer.from(JSON.stringify({ topics: [{ id: 'padding', name: 'x'.repeat(1000) }] }) + '\n')
      let sent = 0
      const pump = (): void => {
        while (sent < bytes) {
          sent += line.length
          if (!req.write(line)) { req.once('drain', pump); return }
        }
        req.end()
      }
      pump()
    })
  }

  it('51 MiB without a key: the client reads the 401 problem+json, not a connection reset', async () => {
    const res = await upload(51 * 2 ** 20, {})
    expect(res.status).toBe(401)
    expect(JSON.parse(res.body)).toMatchObject({ status: 401 })
  })

  it('51 MiB with a key, over the 50 MiB import limit: the client reads the 413 problem+json', async () => {
    const res = await upload(51 * 2 ** 20, auth(KEYS.editor))
    expect(res.status).toBe(413)
    expect(JSON.parse(res.body)).toMatchObject({ status: 413 })
  })
})
