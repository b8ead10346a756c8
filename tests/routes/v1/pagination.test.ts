// Cursor pagination of every paged endpoint: walking all pages with small limits visits every
// item exactly once, in the order of a single large page; Link rel="next" is set exactly when
// `next` is; a tampered cursor is a 400 naming querystring.cursor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import {
  about, article, expectBadParameters, get, getOk, idsWhere, saidBy, seededApp, textMatches, walkPages, withAffiliates, withQuery,
} from './seeded.js'

let app: FastifyInstance
beforeAll(async () => { app = await seededApp() })
afterAll(async () => { await app?.close() })

interface Endpoint {
  url: string
  items?: (body: any) => unknown[]
  key?: (item: any) => string
  /** How many items the data implies (each area's own suite checks which ones); undefined: only compared with one large page. */
  total: number | undefined
}

const count = <T>(list: T[], predicate: (x: T) => boolean) => list.filter(predicate).length
const pairs = (filter: (target: string) => boolean) => new Set(article.statements.flatMap((s) =>
  s.speakers.flatMap((sp) => s.targets.filter((t) => filter(t.actor)).map((t) => `${sp.actor} ${t.actor}`)))).size
const searchHits = (q: string) => count(article.actors, (a) => textMatches([a.name, ...(a.aliases ?? []), a.description], q)) +
  count(article.statements, (s) => textMatches([s.text], q)) + count(article.documents, (d) => textMatches([d.title], q))

const byId = (item: any): string => item.id
const endpoints: Endpoint[] = [
  { url: '/v1/actors', total: article.actors.length },
  { url: '/v1/actors?kind=organisation', total: count(article.actors, (a) => a.kind === 'organisation') },
  // Which actors q finds is the actors suite's business; here only the paging of what it finds.
  { url: '/v1/actors?q=tiktok', total: undefined },
  { url: '/v1/statements', total: article.statements.length },
  { url: '/v1/statements?about=tiktok&includeAffiliates=true', total: idsWhere((s) => about(s, withAffiliates('tiktok'))).length },
  { url: '/v1/statements?q=data', total: count(article.statements, (s) => textMatches([s.text], 'data')) },
  { url: '/v1/documents', total: article.documents.length },
  { url: '/v1/actors/tiktok/mentions', total: idsWhere((s) => about(s, ['tiktok'])).length },
  { url: '/v1/actors/tiktok/statements', total: idsWhere((s) => saidBy(s, ['tiktok'])).length },
  { url: '/v1/stance-matrix', items: (b) => b.cells, key: (c) => `${c.speaker.id} ${c.target.id}`, total: pairs(() => true) },
  { url: '/v1/stance-matrix?targets=tiktok', items: (b) => b.cells, key: (c) => `${c.speaker.id} ${c.target.id}`, total: pairs((t) => t === 'tiktok') },
  { url: '/v1/search?q=tiktok', key: (h) => `${h.type}:${h.id}`, total: searchHits('tiktok') },
  { url: '/v1/who-said-what-about/tiktok', items: (b) => b.groups, key: (g) => g.speaker.id, total: new Set(article.statements.filter((s) => about(s, ['tiktok'])).flatMap((s) => s.speakers.map((sp) => sp.actor))).size },
]

describe('pagination', () => {
  it.each(endpoints)('$url: every item once, in order, with limit=1, 2 and 3', async ({ url, items = (b) => b.items, key = byId, total }) => {
    const single = await getOk(app, withQuery(url, { limit: 100 }))
    expect(single.next).toBeNull()
    const all = items(single).map(key)
    if (total !== undefined) expect(all).toHaveLength(total)
    expect(all.length, 'enough items to span several pages').toBeGreaterThan(3)
    expect(new Set(all).size, 'the single page has no duplicates').toBe(all.length)
    for (const limit of [1, 2, 3]) {
      const pages = await walkPages(app, withQuery(url, { limit }), items)
      const walked = pages.flatMap((p) => p.items.map(key))
      expect(walked, `limit=${limit}`).toEqual(all)
      expect(pages).toHaveLength(Math.ceil(all.length / limit))
      for (const p of pages.slice(0, -1)) expect(p.items).toHaveLength(limit)
    }
  })

  it('the Link header keeps the other parameters and only replaces the cursor', async () => {
    const first = await get(app, '/v1/statements?about=tiktok&stance=critical&limit=2')
    const link = first.headers.link as string
    const url = new URL(/^<([^>]+)>/.exec(link)![1]!, 'http://x')
    expect(Object.fromEntries(url.searchParams)).toEqual({ about: 'tiktok', stance: 'critical', limit: '2', cursor: first.json().next })
    const second = await get(app, url.pathname + url.search)
    expect(second.statusCode).toBe(200)
    const secondLink = new URL(/^<([^>]+)>/.exec(second.headers.link as string)![1]!, 'http://x')
    expect(secondLink.searchParams.getAll('cursor')).toEqual([second.json().next])
  })
})

const encode = (key: unknown) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url')

describe('tampered cursors', () => {
  it.each(endpoints)('$url: a cursor that is not one the API issued is a 400 naming querystring.cursor', async ({ url }) => {
    const first = await getOk(app, withQuery(url, { limit: 1 }))
    expect(first.next).toEqual(expect.any(String))
    const decoded = JSON.parse(Buffer.from(first.next, 'base64url').toString('utf8')) as unknown[]
    const tampered = [
      'bm90LWpzb24', // base64url of "not-json"
      encode({ name: 'x' }), // JSON, but not a key
      encode([...decoded, 'extra']), // one key part too many
      encode(decoded.slice(1)), // one too few
      encode([null, null]),
      'abc$', // not base64url at all
      'a'.repeat(513), // longer than any cursor
    ]
    for (const cursor of tampered) {
      const res = await get(app, withQuery(url, { cursor }))
      expectBadParameters(res, ['querystring.cursor'])
    }
  })

  it('/v1/search: a forged offset (not a whole number, negative) is a 400, not a page of nonsense', async () => {
    const answers: Record<string, number> = {}
    for (const key of [['x'], [-3], [1.5]]) {
      const res = await get(app, `/v1/search?q=tiktok&cursor=${encode(key)}`)
      answers[JSON.stringify(key)] = res.statusCode
      if (res.statusCode === 400) expectBadParameters(res, ['querystring.cursor'])
    }
    expect(answers).toEqual({ '["x"]': 400, '[-3]': 400, '[1.5]': 400 })
  })

  it('/v1/search: beyond the first 1000 hits is a 400 naming the cursor', async () => {
    expectBadParameters(await get(app, `/v1/search?q=tiktok&cursor=${encode([1001])}`), ['querystring.cursor'])
  })
})
