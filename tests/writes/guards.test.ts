// Guards around every request: body size (413), rate limits per key and per address (429 with
// Retry-After and RateLimit headers; /health/* exempt), helmet's security headers, and the caps
// on limit, depth, maxHops and id lists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import {
  KEYS, dbCounts, expectProblem, fieldNames, get, patch, post, put, restoreAndClose, send, writesApp,
} from './support.js'

describe('body size', () => {
  let app: FastifyInstance
  beforeAll(async () => { app = await writesApp({ BODY_LIMIT_BYTES: '2048' }) })
  afterAll(async () => { await restoreAndClose(app) })

  it('a body over BODY_LIMIT_BYTES is 413 problem+json for PUT, PATCH and POST, and nothing is written', async () => {
    const before = await dbCounts(app)
    const big = { name: 'Big', kind: 'person', description: 'x'.repeat(3000) }
    expectProblem(await put(app, '/v1/actors/too-big', big), 413, 'payload-too-large')
    expectProblem(await post(app, '/v1/actors', big), 413, 'payload-too-large')
    expectProblem(await patch(app, '/v1/actors/tiktok', { description: 'x'.repeat(3000) }), 413, 'payload-too-large')
    expectProblem(await post(app, '/v1/actors/mike-blake/merge', { into: 'reuters', pad: 'x'.repeat(3000) }, KEYS.admin), 413, 'payload-too-large')
    expect(await dbCounts(app)).toEqual(before)
    expect((await get(app, '/v1/actors/too-big')).statusCode).toBe(404)
  })

  it('a body just under the limit is accepted', async () => {
    const res = await put(app, '/v1/actors/just-fits', { name: 'Fits', kind: 'person', description: 'x'.repeat(1800) })
    expect(res.statusCode, res.body).toBe(201)
  })

  it('a body over the limit is refused before authentication is even needed (no key: 401 or 413, never 5xx)', async () => {
    const res = await put(app, '/v1/actors/too-big', { name: 'Big', kind: 'person', description: 'x'.repeat(3000) }, null)
    expect([401, 413]).toContain(res.statusCode)
  })
})

describe('rate limits (RATE_LIMIT_MAX=3)', () => {
  let app: FastifyInstance
  beforeAll(async () => { app = await writesApp({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' }) })
  afterAll(async () => { await restoreAndClose(app) })

  const from = (ip: string, url: string, key: string | null = null) =>
    app.inject({ method: 'GET', url, remoteAddress: ip, headers: key ? { authorization: `Bearer ${key}` } : {} })

  it('the 4th anonymous request from one address is 429 problem+json with Retry-After and RateLimit headers', async () => {
    const ip = '203.0.113.1'
    for (let i = 0; i < 3; i++) {
      const res = await from(ip, '/v1/actors/tiktok')
      expect(res.statusCode, res.body).toBe(200)
      expect(res.headers['ratelimit-limit']).toBe('3')
      expect(res.headers['ratelimit-remaining']).toBe(String(2 - i))
    }
    const limited = await from(ip, '/v1/actors/tiktok')
    const body = expectProblem(limited, 429, 'rate-limited')
    expect(body.detail).toMatch(/Rate limit of 3 requests/)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60)
    expect(limited.headers['ratelimit-limit']).toBe('3')
    expect(limited.headers['ratelimit-remaining']).toBe('0')
    expect(limited.body).not.toContain('TikTok')
  })

  it('anonymous limits are per address: another address is not limited', async () => {
    expect((await from('203.0.113.1', '/v1/stats')).statusCode).toBe(429)
    const other = await from('203.0.113.2', '/v1/stats')
    expect(other.statusCode).toBe(200)
    expect(other.headers['ratelimit-remaining']).toBe('2')
  })

  it('limits are per key: a key is limited across addresses, another key (and the address) are not', async () => {
    for (let i = 0; i < 3; i++) expect((await from(`198.51.100.${i + 1}`, '/v1/stats', KEYS.reader)).statusCode).toBe(200)
    expectProblem(await from('198.51.100.9', '/v1/stats', KEYS.reader), 429, 'rate-limited')
    expect((await from('198.51.100.9', '/v1/stats', KEYS.admin)).statusCode).toBe(200)
    // the address the key was used from keeps its own anonymous allowance
    expect((await from('198.51.100.1', '/v1/stats')).statusCode).toBe(200)
  })

  it('writes count once each: the read-back a write answers with is not counted', async () => {
    const key = KEYS.editor
    const write = (i: number) => app.inject({
      method: 'PUT', url: `/v1/actors/rate-${i}`, remoteAddress: '192.0.2.50', headers: { authorization: `Bearer ${key}` }, payload: { name: `Rate ${i}`, kind: 'person' },
    })
    for (let i = 0; i < 3; i++) {
      const res = await write(i)
      expect(res.statusCode, res.body).toBe(201)
      expect(res.headers['ratelimit-remaining']).toBe(String(2 - i))
    }
    const limited = await write(3)
    expectProblem(limited, 429, 'rate-limited')
    expect((await get(app, '/v1/actors/rate-3', KEYS.admin)).statusCode).toBe(404)
  })

  it('/health/* is not rate-limited', async () => {
    const ip = '203.0.113.77'
    for (let i = 0; i < 10; i++) {
      expect((await from(ip, '/health/live')).statusCode).toBe(200)
      expect((await from(ip, '/health/ready')).statusCode).toBe(200)
    }
    // and it did not use up the address's allowance
    expect((await from(ip, '/v1/stats')).headers['ratelimit-remaining']).toBe('2')
  })

  it('failed authentications count against the address\'s limit (API keys cannot be guessed without limit)', async () => {
    // The auth hook rejects an unknown key in onRequest, before the rate limiter (preHandler) runs,
    // so an address can try keys without ever being limited.
    const ip = '203.0.113.200'
    const statuses: number[] = []
    for (let i = 0; i < 10; i++) statuses.push((await from(ip, '/v1/stats', `ws_guess_${i}`)).statusCode)
    expect(statuses).toContain(429)
  })
})

describe('security headers and caps', () => {
  let app: FastifyInstance
  beforeAll(async () => { app = await writesApp() })
  afterAll(async () => { await restoreAndClose(app) })

  const HELMET = {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'SAMEORIGIN',
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    'referrer-policy': 'no-referrer',
    'x-dns-prefetch-control': 'off',
    'cross-origin-opener-policy': 'same-origin',
    'x-permitted-cross-domain-policies': 'none',
  }

  it('helmet\'s headers are on reads, writes, problems and health, and x-powered-by is not', async () => {
    const responses = [
      await get(app, '/v1/actors'),
      await get(app, '/v1/actors/no-such-actor'),
      await get(app, '/health/live'),
      await put(app, '/v1/actors/helmet-probe', { name: 'Helmet', kind: 'person' }),
      await put(app, '/v1/actors/helmet-probe', { name: 'Helmet', kind: 'person' }, null),
      await send(app, { method: 'POST', url: '/v1/import', key: KEYS.editor, body: '{bad', headers: { 'content-type': 'application/x-ndjson' } }),
    ]
    for (const res of responses) {
      expect(res.headers, `${res.statusCode} ${res.body.slice(0, 100)}`).toMatchObject(HELMET)
      expect(res.headers['x-powered-by']).toBeUndefined()
    }
  })

  it('limit=101 is 400 naming querystring.limit on every paged endpoint; limit=100 is fine', async () => {
    for (const url of ['/v1/actors', '/v1/statements', '/v1/documents', '/v1/actors/tiktok/statements', '/v1/actors/tiktok/mentions',
      '/v1/who-said-what-about/tiktok', '/v1/stance-matrix', '/v1/search?q=tiktok', '/v1/changes?since=2020-01-01T00:00:00Z']) {
      const sep = url.includes('?') ? '&' : '?'
      expect(fieldNames(expectProblem(await get(app, `${url}${sep}limit=101`), 400, 'invalid-parameters')), url).toEqual(['querystring.limit'])
      expect((await get(app, `${url}${sep}limit=100`)).statusCode, url).toBe(200)
    }
  })

  it('depth=4 is 400 naming querystring.depth; depth=3 is fine', async () => {
    expect(fieldNames(expectProblem(await get(app, '/v1/graph/neighbourhood/tiktok?depth=4'), 400))).toEqual(['querystring.depth'])
    expect((await get(app, '/v1/graph/neighbourhood/tiktok?depth=3')).statusCode).toBe(200)
    expect(fieldNames(expectProblem(await get(app, '/v1/graph/neighbourhood/tiktok?limit=501'), 400))).toEqual(['querystring.limit'])
  })

  it('maxHops=5 is 400 naming querystring.maxHops; maxHops=4 is fine', async () => {
    expect(fieldNames(expectProblem(await get(app, '/v1/paths?from=tiktok&to=fcc&maxHops=5'), 400))).toEqual(['querystring.maxHops'])
    expect((await get(app, '/v1/paths?from=tiktok&to=fcc&maxHops=4')).statusCode).toBe(200)
  })

  it('51 ids in speaker is 400 naming querystring.speaker; 50 are fine (also about, topic, document, speakers, targets)', async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `actor-${i}`).join(',')
    for (const [path, name] of [['/v1/statements', 'speaker'], ['/v1/statements', 'about'], ['/v1/statements', 'topic'], ['/v1/statements', 'document'],
      ['/v1/actors/tiktok/mentions', 'speaker'], ['/v1/actors/tiktok/statements', 'about'], ['/v1/stance-matrix', 'speakers'], ['/v1/stance-matrix', 'targets']] as const) {
      const res = await get(app, `${path}?${name}=${ids(51)}`)
      expect(fieldNames(expectProblem(res, 400, 'invalid-parameters')), `${path} ${name}`).toEqual([`querystring.${name}`])
      expect((await get(app, `${path}?${name}=${ids(50)}`)).statusCode, `${path} ${name} x50`).toBe(200)
    }
  })
})
