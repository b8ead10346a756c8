// What every /v1 answer shares: ETags and 304s, cache headers, RFC 9457 problems naming the
// parameter or id at fault, id-list limits, unknown parameters, CORS, and 308 redirects for
// merged actor ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { ARTICLE_ID, expectBadParameters, expectProblem, get, getOk, seededApp } from './seeded.js'

let app: FastifyInstance
beforeAll(async () => { app = await seededApp() })
afterAll(async () => { await app?.close() })

/** One GET of every read endpoint that answers 200. */
const EVERY_GET = [
  '/v1/actors',
  '/v1/actors?q=carr&kind=person',
  '/v1/actors/brendan-carr',
  '/v1/actors/tiktok/statements',
  '/v1/actors/tiktok/mentions?stance=critical',
  '/v1/statements?about=tiktok',
  '/v1/statements/cloutier-minimize-data-access-across-regions',
  '/v1/who-said-what-about/tiktok',
  '/v1/stance-matrix',
  '/v1/documents',
  `/v1/documents/${ARTICLE_ID}?includeText=true`,
  '/v1/graph/neighbourhood/brendan-carr',
  '/v1/paths?from=brendan-carr&to=oracle',
  '/v1/search?q=oracle',
  '/v1/stats',
]

describe('conditional GETs and caching', () => {
  it.each(EVERY_GET)('%s: ETag and Cache-Control; If-None-Match with it answers 304 with no body', async (url) => {
    const first = await get(app, url)
    expect(first.statusCode).toBe(200)
    const etag = first.headers.etag as string
    expect(etag).toMatch(/^(W\/)?"[^"]+"$/)
    expect(first.headers['cache-control']).toMatch(/max-age=\d+/)
    const again = await get(app, url, { 'if-none-match': etag })
    expect(again.statusCode).toBe(304)
    expect(again.body).toBe('')
    expect(again.headers.etag).toBe(etag)
    // A different ETag gets the full answer again.
    const stale = await get(app, url, { 'if-none-match': 'W/"not-the-current-one"' })
    expect(stale.statusCode).toBe(200)
    expect(stale.body).toBe(first.body)
  })

  it('the ETag follows the content: two different actors, two different ETags; the same actor, the same one', async () => {
    const a = await get(app, '/v1/actors/tiktok')
    const b = await get(app, '/v1/actors/bytedance')
    const a2 = await get(app, '/v1/actors/tiktok')
    expect(a.headers.etag).not.toBe(b.headers.etag)
    expect(a2.headers.etag).toBe(a.headers.etag)
    expect((await get(app, '/v1/actors/bytedance', { 'if-none-match': a.headers.etag as string })).statusCode).toBe(200)
  })
})

describe('problems (RFC 9457)', () => {
  it.each([
    ['/v1/actors/no-such-actor', 'no-such-actor'],
    ['/v1/actors/no-such-actor/statements', 'no-such-actor'],
    ['/v1/actors/no-such-actor/mentions', 'no-such-actor'],
    ['/v1/who-said-what-about/no-such-actor', 'no-such-actor'],
    ['/v1/statements/no-such-statement', 'no-such-statement'],
    ['/v1/documents/no-such-document', 'no-such-document'],
    ['/v1/graph/neighbourhood/no-such-node', 'no-such-node'],
  ])('%s: 404 not-found naming %s', async (url, id) => {
    const body = expectProblem(await get(app, url), 404, 'not-found')
    expect(body.title).toBe('Not found')
    expect(body.detail).toContain(`'${id}'`)
    expect(body.instance).toBe(url)
    expect(body.errors).toBeUndefined()
  })

  it('an unknown route is a 404 route-not-found problem', async () => {
    for (const url of ['/v1/nope', '/v1/actors/tiktok/friends', '/v2/actors']) {
      const body = expectProblem(await get(app, url), 404, 'route-not-found')
      expect(body.instance).toBe(url)
    }
  })

  it('limit=0 and stance=angry together: one 400 naming both', async () => {
    const res = await get(app, '/v1/statements?limit=0&stance=angry')
    const body = expectBadParameters(res, ['querystring.limit', 'querystring.stance'])
    expect(body.title).toBe('Invalid parameters')
    expect(body.instance).toBe('/v1/statements')
    expect(body.detail).toContain('querystring.limit')
    expect(body.detail).toContain('querystring.stance')
  })

  it('every invalid parameter is named at once', async () => {
    expectBadParameters(
      await get(app, '/v1/statements?limit=101&type=rumour&since=July&includeAffiliates=perhaps&speaker=Carr'),
      ['querystring.limit', 'querystring.type', 'querystring.since', 'querystring.includeAffiliates', 'querystring.speaker']
    )
  })

  const ids = (n: number, prefix = 'actor') => Array.from({ length: n }, (_, i) => `${prefix}-${i}`).join(',')

  it.each([
    ['/v1/statements', 'speaker'],
    ['/v1/statements', 'about'],
    ['/v1/statements', 'topic'],
    ['/v1/statements', 'document'],
    ['/v1/actors/tiktok/statements', 'about'],
    ['/v1/actors/tiktok/statements', 'topic'],
    ['/v1/actors/tiktok/mentions', 'speaker'],
    ['/v1/stance-matrix', 'speakers'],
    ['/v1/stance-matrix', 'targets'],
  ])('%s?%s= with 51 ids is a 400 naming it; 50 ids, or 51 copies of one, are fine', async (path, name) => {
    const body = expectBadParameters(await get(app, `${path}?${name}=${ids(51)}`), [`querystring.${name}`])
    expect(body.errors![0]!.reason).toContain('50')
    expect((await get(app, `${path}?${name}=${ids(50)}`)).statusCode).toBe(200)
    expect((await get(app, `${path}?${name}=${Array(51).fill('tiktok').join(',')}`)).statusCode).toBe(200)
  })

  it('the 51 ids can include real ones: still a 400, not a partial answer', async () => {
    expectBadParameters(await get(app, `/v1/statements?speaker=brendan-carr,tiktok,${ids(49)}`), ['querystring.speaker'])
  })

  const WITH_PARAMETERS = [
    '/v1/actors', '/v1/actors/tiktok/statements', '/v1/actors/tiktok/mentions', '/v1/statements', '/v1/who-said-what-about/tiktok',
    '/v1/stance-matrix', '/v1/documents', `/v1/documents/${ARTICLE_ID}`, '/v1/graph/neighbourhood/tiktok',
    '/v1/paths?from=tiktok&to=oracle', '/v1/search?q=tiktok',
  ]
  const withBogus = (url: string) => url + (url.includes('?') ? '&' : '?') + 'bogus=1'

  it('an unknown query parameter is a 400 invalid-parameters problem on every route that takes parameters', async () => {
    for (const url of WITH_PARAMETERS) {
      const body = expectProblem(await get(app, withBogus(url)), 400, 'invalid-parameters')
      expect(body.errors?.length, url).toBeGreaterThan(0)
      // The same url without it is fine: the unknown parameter is what is refused.
      expect((await get(app, url)).statusCode, url).toBe(200)
    }
  })

  it('the 400 for an unknown query parameter names it (querystring.bogus), like every other bad parameter', async () => {
    const named: Record<string, unknown> = {}
    for (const url of WITH_PARAMETERS) {
      const body = (await get(app, withBogus(url))).json() as { errors?: Array<{ name: string, reason: string }> }
      named[url] = (body.errors ?? []).some((e) => e.name === 'querystring.bogus' || (e.name.startsWith('querystring') && e.reason.includes('bogus')))
        ? true
        : body.errors
    }
    expect(named).toEqual(Object.fromEntries(WITH_PARAMETERS.map((url) => [url, true])))
  })

  it('routes without parameters of their own refuse unknown ones too', async () => {
    const statuses: Record<string, number> = {}
    for (const url of ['/v1/actors/tiktok?bogus=1', '/v1/statements/cloutier-minimize-data-access-across-regions?bogus=1', '/v1/stats?bogus=1']) {
      statuses[url] = (await get(app, url)).statusCode
    }
    expect(statuses).toEqual({
      '/v1/actors/tiktok?bogus=1': 400,
      '/v1/statements/cloutier-minimize-data-access-across-regions?bogus=1': 400,
      '/v1/stats?bogus=1': 400,
    })
  })
})

describe('CORS', () => {
  it('a request from another origin is allowed (access-control-allow-origin: *), with the useful headers exposed', async () => {
    const res = await get(app, '/v1/actors/tiktok', { origin: 'https://example.org' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['access-control-allow-origin']).toBe('*')
    const exposed = String(res.headers['access-control-expose-headers']).split(',').map((h) => h.trim().toLowerCase())
    expect(exposed).toEqual(expect.arrayContaining(['etag', 'link', 'location']))
  })

  it('errors carry the CORS header too, so browsers can read the problem', async () => {
    const res = await get(app, '/v1/actors/no-such-actor', { origin: 'https://example.org' })
    expect(res.statusCode).toBe(404)
    expect(res.headers['access-control-allow-origin']).toBe('*')
  })

  it('a preflight for GET is answered', async () => {
    const res = await app.inject({
      method: 'OPTIONS', url: '/v1/statements', headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' },
    })
    expect(res.statusCode).toBe(204)
    expect(res.headers['access-control-allow-origin']).toBe('*')
    expect(String(res.headers['access-control-allow-methods'])).toContain('GET')
  })
})

describe('merged actor ids answer 308 to the canonical one', () => {
  beforeAll(async () => {
    await app.db.write("MERGE (r:ActorRedirect {id: 'old-carr'}) SET r.to = 'brendan-carr'")
  })
  afterAll(async () => {
    await app.db.write("MATCH (r:ActorRedirect {id: 'old-carr'}) DETACH DELETE r")
  })

  it.each([
    ['/v1/actors/old-carr', '/v1/actors/brendan-carr'],
    ['/v1/actors/old-carr/statements', '/v1/actors/brendan-carr/statements'],
    ['/v1/actors/old-carr/statements?stance=critical&limit=2', '/v1/actors/brendan-carr/statements?stance=critical&limit=2'],
    ['/v1/actors/old-carr/mentions', '/v1/actors/brendan-carr/mentions'],
    ['/v1/who-said-what-about/old-carr?perSpeaker=2', '/v1/who-said-what-about/brendan-carr?perSpeaker=2'],
  ])('%s → %s', async (url, location) => {
    const res = await get(app, url)
    expect(res.statusCode).toBe(308)
    expect(res.headers.location).toBe(location)
    expect(res.body).toBe('')
    // The target answers, without another redirect.
    const followed = await get(app, location)
    expect(followed.statusCode).toBe(200)
    if (location === '/v1/actors/brendan-carr') expect(followed.json().id).toBe('brendan-carr')
  })

  it('the old id itself is no actor: a list filtered on the canonical id is unchanged', async () => {
    const direct = await getOk(app, '/v1/actors/brendan-carr')
    expect(direct.id).toBe('brendan-carr')
    expect((await getOk(app, '/v1/actors?limit=100')).items.map((a: { id: string }) => a.id)).not.toContain('old-carr')
  })

  it('/v1/paths with a merged id at either end redirects to the canonical id (and not to itself)', async () => {
    const locations: Record<string, string | undefined> = {}
    for (const url of ['/v1/paths?from=old-carr&to=oracle', '/v1/paths?from=oracle&to=old-carr']) {
      const res = await get(app, url)
      expect(res.statusCode).toBe(308)
      locations[url] = res.headers.location as string | undefined
    }
    expect(locations).toEqual({
      '/v1/paths?from=old-carr&to=oracle': '/v1/paths?from=brendan-carr&to=oracle',
      '/v1/paths?from=oracle&to=old-carr': '/v1/paths?from=oracle&to=brendan-carr',
    })
  })
})
