// API keys and scopes: writes need `write` (merges `admin`), admin ⊃ write ⊃ read, reads are
// public unless REQUIRE_AUTH_FOR_READS=true, and the configuration only ever holds key hashes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { testConfig } from '../helpers.js'
import { findKey, hashKey, parseApiKeys } from '../../src/lib/api-keys.js'
import {
  API_KEYS, KEYS, dbCounts, expectProblem, get, getOk, restoreAndClose, send, statementBody, writesApp, type Req,
} from './support.js'

/** One request of every write operation; none may change anything when refused. */
function writeRequests (): Req[] {
  return [
    { method: 'PUT', url: '/v1/actors/auth-probe', body: { name: 'Auth probe', kind: 'person' } },
    { method: 'PUT', url: '/v1/statements/auth-probe', body: statementBody('blackburn-tiktok-should-have-come-clean') },
    { method: 'PUT', url: '/v1/documents/auth-probe', body: { title: 'Auth probe', kind: 'other', datePrecision: 'unknown' } },
    { method: 'PATCH', url: '/v1/actors/tiktok', body: JSON.stringify({ description: 'changed' }), headers: { 'content-type': 'application/merge-patch+json' } },
    { method: 'PATCH', url: '/v1/statements/blackburn-tiktok-should-have-come-clean', body: JSON.stringify({ verb: 'wrote' }), headers: { 'content-type': 'application/merge-patch+json' } },
    { method: 'PATCH', url: '/v1/documents/buzzfeed-report', body: JSON.stringify({ title: 'changed' }), headers: { 'content-type': 'application/merge-patch+json' } },
    { method: 'POST', url: '/v1/actors', body: { name: 'Auth probe', kind: 'person' } },
    { method: 'POST', url: '/v1/statements', body: statementBody('blackburn-tiktok-should-have-come-clean') },
    { method: 'POST', url: '/v1/documents', body: { title: 'Auth probe', kind: 'other', datePrecision: 'unknown' } },
    { method: 'DELETE', url: '/v1/actors/mike-blake' },
    { method: 'DELETE', url: '/v1/statements/blackburn-tiktok-should-have-come-clean' },
    { method: 'DELETE', url: '/v1/documents/cloutier-blog-post-2020' },
    { method: 'POST', url: '/v1/actors/mike-blake/merge', body: { into: 'reuters' } },
    { method: 'POST', url: '/v1/import', body: { actors: [{ id: 'auth-probe', name: 'Auth probe', kind: 'person' }] } },
  ]
}

const label = (r: Req) => `${r.method} ${r.url}`

describe('writes need an API key with the right scope', () => {
  let app: FastifyInstance
  beforeAll(async () => { app = await writesApp() })
  afterAll(async () => { await restoreAndClose(app) })

  it('without a key every write answers 401 problem+json with WWW-Authenticate, and nothing changes', async () => {
    const before = await dbCounts(app)
    for (const r of writeRequests()) {
      const res = await send(app, { ...r, key: null })
      const body = expectProblem(res, 401, 'unauthorized')
      expect(res.headers['www-authenticate'], label(r)).toMatch(/^Bearer realm="whosaid"/)
      expect(body.detail, label(r)).toMatch(/API key/)
    }
    expect(await dbCounts(app)).toEqual(before)
    expect((await get(app, '/v1/actors/auth-probe')).statusCode).toBe(404)
  })

  it('with an unknown key every write answers 401 (invalid_token), and nothing changes', async () => {
    const before = await dbCounts(app)
    for (const r of writeRequests()) {
      const res = await send(app, { ...r, key: 'ws_not_a_configured_key' })
      expectProblem(res, 401, 'unauthorized')
      expect(res.headers['www-authenticate'], label(r)).toBe('Bearer realm="whosaid", error="invalid_token"')
    }
    expect(await dbCounts(app)).toEqual(before)
  })

  it('a malformed Authorization header is 401, not a server error', async () => {
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer two words', KEYS.editor, `Bearer ${hashKey(KEYS.editor)}`]) {
      const res = await send(app, { method: 'PUT', url: '/v1/actors/auth-probe', body: { name: 'x', kind: 'person' }, headers: { authorization } })
      expectProblem(res, 401, 'unauthorized')
      expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="whosaid"/)
    }
    expect((await get(app, '/v1/actors/auth-probe')).statusCode).toBe(404)
  })

  it('a read key is 403 for every write, and nothing changes', async () => {
    const before = await dbCounts(app)
    for (const r of writeRequests()) {
      const res = await send(app, { ...r, key: KEYS.reader })
      const body = expectProblem(res, 403, 'forbidden')
      expect(body.detail, label(r)).toContain("'reader'")
      expect(res.headers['www-authenticate']).toBeUndefined()
    }
    expect(await dbCounts(app)).toEqual(before)
  })

  it('a write key may PUT but not merge (403 naming the admin scope)', async () => {
    const before = await dbCounts(app)
    const res = await send(app, { method: 'POST', url: '/v1/actors/mike-blake/merge', body: { into: 'reuters' }, key: KEYS.editor })
    const body = expectProblem(res, 403, 'forbidden')
    expect(body.detail).toContain('admin')
    expect(await dbCounts(app)).toEqual(before)
    expect((await get(app, '/v1/actors/mike-blake')).statusCode).toBe(200)

    const put = await send(app, { method: 'PUT', url: '/v1/actors/write-key-actor', body: { name: 'Written', kind: 'person' }, key: KEYS.editor })
    expect(put.statusCode, put.body).toBe(201)
    expect((await send(app, { method: 'DELETE', url: '/v1/actors/write-key-actor', key: KEYS.editor })).statusCode).toBe(204)
  })

  it('an admin key can do everything: PUT, PATCH, POST, DELETE, merge, import and read', async () => {
    const admin = KEYS.admin
    const results: Array<[string, LightMyRequestResponse]> = []
    const run = async (r: Req) => {
      const res = await send(app, { ...r, key: admin })
      results.push([label(r), res])
      return res
    }
    expect((await run({ method: 'PUT', url: '/v1/actors/admin-made', body: { name: 'Admin made', kind: 'person' } })).statusCode).toBe(201)
    expect((await run({ method: 'PATCH', url: '/v1/actors/admin-made', body: JSON.stringify({ description: 'patched' }), headers: { 'content-type': 'application/merge-patch+json' } })).statusCode).toBe(200)
    const created = await run({ method: 'POST', url: '/v1/actors', body: { name: 'Admin posted', kind: 'group' } })
    expect(created.statusCode).toBe(201)
    expect((await run({ method: 'POST', url: '/v1/import', body: { topics: [{ id: 'admin-topic', name: 'Admin topic' }] } })).statusCode).toBe(200)
    expect((await run({ method: 'POST', url: '/v1/actors/admin-made/merge', body: { into: created.json().id } })).statusCode).toBe(200)
    expect((await run({ method: 'DELETE', url: `/v1/actors/${created.json().id as string}` })).statusCode).toBe(204)
    expect((await run({ method: 'GET', url: '/v1/actors/tiktok' })).statusCode).toBe(200)
    expect((await run({ method: 'GET', url: '/v1/changes?since=2000-01-01T00:00:00Z' })).statusCode).toBe(200)
    for (const [what, res] of results) expect(res.statusCode, `${what}: ${res.body}`).toBeLessThan(300)
  })

  it('reads are public by default (no key: 200)', async () => {
    for (const url of ['/v1/actors', '/v1/actors/tiktok', '/v1/statements', '/v1/stats', '/v1/changes?since=2000-01-01T00:00:00Z']) {
      expect((await get(app, url)).statusCode, url).toBe(200)
    }
  })

  it('a read key, a write key and an admin key can all read', async () => {
    for (const key of [KEYS.reader, KEYS.editor, KEYS.admin]) {
      expect((await getOk(app, '/v1/actors/tiktok', key)).id).toBe('tiktok')
    }
  })
})

describe('REQUIRE_AUTH_FOR_READS=true', () => {
  let app: FastifyInstance
  beforeAll(async () => { app = await writesApp({ REQUIRE_AUTH_FOR_READS: 'true' }) })
  afterAll(async () => { await restoreAndClose(app) })

  const READS = [
    '/v1/actors', '/v1/actors/tiktok', '/v1/actors/tiktok/statements', '/v1/actors/tiktok/mentions', '/v1/statements',
    '/v1/statements/blackburn-tiktok-should-have-come-clean', '/v1/documents', '/v1/documents/buzzfeed-report',
    '/v1/who-said-what-about/tiktok', '/v1/stance-matrix', '/v1/graph/neighbourhood/tiktok', '/v1/paths?from=tiktok&to=fcc',
    '/v1/search?q=tiktok', '/v1/stats', '/v1/changes?since=2000-01-01T00:00:00Z',
  ]

  it('GET /v1/actors without a key is 401 problem+json with WWW-Authenticate', async () => {
    const res = await get(app, '/v1/actors')
    const body = expectProblem(res, 401, 'unauthorized')
    expect(res.headers['www-authenticate']).toBe('Bearer realm="whosaid"')
    expect(body.detail).toContain('read scope')
    expect(JSON.stringify(body)).not.toContain('TikTok')
  })

  it('GET /v1/actors with a read key is 200', async () => {
    const res = await get(app, '/v1/actors', KEYS.reader)
    expect(res.statusCode).toBe(200)
    expect(res.json().items.length).toBeGreaterThan(0)
  })

  it('every read endpoint needs a key (401) and answers 200 with a read, write or admin key', async () => {
    for (const url of READS) {
      expectProblem(await get(app, url), 401, 'unauthorized')
      for (const key of [KEYS.reader, KEYS.editor, KEYS.admin]) {
        const res = await get(app, url, key)
        expect(res.statusCode, `${url} with a key: ${res.body}`).toBe(200)
      }
    }
  })

  it('an unknown key is 401 on reads too', async () => {
    expectProblem(await get(app, '/v1/actors', 'ws_wrong'), 401, 'unauthorized')
  })

  it('health stays public', async () => {
    expect((await get(app, '/health/live')).statusCode).toBe(200)
    expect((await get(app, '/health/ready')).statusCode).toBe(200)
  })

  it('writes still need the write scope (a read key is 403)', async () => {
    const res = await send(app, { method: 'PUT', url: '/v1/actors/read-only', body: { name: 'x', kind: 'person' }, key: KEYS.reader })
    expectProblem(res, 403, 'forbidden')
  })

  it('a write under REQUIRE_AUTH_FOR_READS still answers with the resource (the read-back is authorised)', async () => {
    const res = await send(app, { method: 'PUT', url: '/v1/actors/guarded-write', body: { name: 'Guarded', kind: 'person' }, key: KEYS.editor })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ id: 'guarded-write', name: 'Guarded' })
    const patched = await send(app, {
      method: 'PATCH',
      url: '/v1/actors/guarded-write',
      key: KEYS.editor,
      body: JSON.stringify({ description: 'd' }),
      headers: { 'content-type': 'application/merge-patch+json' },
    })
    expect(patched.statusCode, patched.body).toBe(200)
    expect(patched.json().description).toBe('d')
  })

  it('a percent-encoded path (/%761/actors/...) does not bypass the read check', async () => {
    // Fastify's router decodes %76 to "v" and serves /v1/actors/:id, but the hook compares the
    // raw request.url with '/v1/', so the actor is returned without any key.
    const res = await get(app, '/%761/actors/tiktok')
    expect(res.statusCode, res.body).toBe(401)
    expect(res.body).not.toContain('Chinese-owned')
  })

  it('HEAD requests need a key too (they reveal which ids exist)', async () => {
    // The hook only checks GET; Fastify answers HEAD for every GET route.
    const known = await send(app, { method: 'HEAD', url: '/v1/actors/tiktok' })
    const unknown = await send(app, { method: 'HEAD', url: '/v1/actors/no-such-actor' })
    expect(known.statusCode).toBe(401)
    expect(unknown.statusCode).toBe(401)
  })
})

describe('keys are stored hashed', () => {
  it('the configuration holds only SHA-256 hashes, never a raw key', () => {
    const config = testConfig({ API_KEYS })
    const text = JSON.stringify(config)
    for (const key of Object.values(KEYS)) {
      expect(text).not.toContain(key)
      expect(text).toContain(hashKey(key))
    }
    expect(hashKey(KEYS.editor)).toMatch(/^[0-9a-f]{64}$/)
  })

  it('parsed keys hold the hash bytes and scopes, and a presented key is matched by its hash', () => {
    const keys = parseApiKeys(API_KEYS)
    expect(JSON.stringify(keys.map((k) => ({ ...k, hash: k.hash.toString('hex'), scopes: [...k.scopes] })))).not.toContain(KEYS.admin)
    expect(findKey(keys, KEYS.editor)?.name).toBe('editor')
    expect([...findKey(keys, KEYS.admin)!.scopes].sort()).toEqual(['admin', 'read', 'write'])
    expect([...findKey(keys, KEYS.editor)!.scopes].sort()).toEqual(['read', 'write'])
    expect([...findKey(keys, KEYS.reader)!.scopes]).toEqual(['read'])
    expect(findKey(keys, hashKey(KEYS.editor))).toBeUndefined()
    expect(findKey(keys, `${KEYS.editor} `)).toBeUndefined()
  })

  it('a raw key in API_KEYS instead of a hash is a configuration error', () => {
    expect(() => testConfig({ API_KEYS: `editor:write:${KEYS.editor}` })).toThrow(/API_KEYS/)
    expect(() => testConfig({ API_KEYS: `editor:superuser:${hashKey(KEYS.editor)}` })).toThrow(/API_KEYS/)
  })
})
