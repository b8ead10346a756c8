// GET /v1/search (full text across actors, statements and documents) and GET /v1/stats against
// the article's graph; expected hits and counts are computed from graph-seed/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import {
  actor, article, documentOf, expectBadParameters, get, getOk, seededApp, statement, textMatches, LINK_TYPES,
} from './seeded.js'
import { matchTier } from '../../../src/lib/match-tier.js'

let app: FastifyInstance
beforeAll(async () => { app = await seededApp() })
afterAll(async () => { await app?.close() })

interface Hit { type: 'actor' | 'statement' | 'document', id: string, title: string, snippet: string, score: number }

/** The text a hit's snippet is cut from, and its title, from the data. */
function source (hit: Pick<Hit, 'type' | 'id'>): { text: string, title: string } {
  if (hit.type === 'actor') {
    const a = actor(hit.id)
    const aliases = a.aliases ?? []
    return { title: a.name, text: a.name + (aliases.length > 0 ? ` (${aliases.join(', ')})` : '') + (a.description ? ` — ${a.description}` : '') }
  }
  if (hit.type === 'statement') {
    const s = statement(hit.id)
    return { title: `${s.speakers.map((sp) => actor(sp.actor).name).join(' and ')} ${s.verb}`, text: s.text }
  }
  const d = documentOf(hit.id)
  return { title: d.title, text: d.title }
}

/** Hits the data implies for `q`, as `type:id`, sorted. */
function expectedHits (q: string, types: Array<Hit['type']> = ['actor', 'statement', 'document']): string[] {
  return [
    ...(types.includes('actor') ? article.actors.filter((a) => textMatches([a.name, ...(a.aliases ?? []), a.description], q)).map((a) => `actor:${a.id}`) : []),
    ...(types.includes('statement') ? article.statements.filter((s) => textMatches([s.text], q)).map((s) => `statement:${s.id}`) : []),
    ...(types.includes('document') ? article.documents.filter((d) => textMatches([d.title], q)).map((d) => `document:${d.id}`) : []),
  ].sort()
}

const unescape = (html: string) => html.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')

/** Checks a hit's title and snippet against the data and the query words. */
function expectWellFormed (hit: Hit, q: string): void {
  const { text, title } = source(hit)
  expect(hit.title).toBe(title)
  expect(hit.snippet).toMatch(/<mark>[^<]+<\/mark>/)
  const plain = unescape(hit.snippet.replace(/<\/?mark>/g, '')).replace(/^…/, '').replace(/…$/, '')
  expect(text, 'the snippet is a window of the text').toContain(plain)
  const terms = q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean)
  for (const [, marked] of hit.snippet.matchAll(/<mark>([^<]+)<\/mark>/g)) {
    expect(terms.some((t) => marked!.toLowerCase().startsWith(t)), `<mark>${marked}</mark> is a query word`).toBe(true)
  }
  // No markup other than <mark>: the rest is escaped.
  expect(hit.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/)
  expect(typeof hit.score).toBe('number')
}

// Exact, prefix and word matches of a name, alias or title first (search-ranking.test.ts), then by score.
function tierOf (hit: Hit, q: string): number {
  const actor = article.actors.find((a) => hit.type === 'actor' && a.id === hit.id)
  const doc = article.documents.find((d) => hit.type === 'document' && d.id === hit.id)
  return matchTier(q, actor ? [actor.name, ...(actor.aliases ?? [])] : doc ? [doc.title] : [])
}

function expectRanked (hits: Hit[], q: string): void {
  for (let i = 1; i < hits.length; i++) {
    const [a, b] = [hits[i - 1]!, hits[i]!]
    const [ta, tb] = [tierOf(a, q), tierOf(b, q)]
    expect(ta < tb || (ta === tb && a.score >= b.score), `${a.type}:${a.id} (tier ${ta}, ${a.score}) ranks above ${b.type}:${b.id} (tier ${tb}, ${b.score})`).toBe(true)
  }
}

describe('GET /v1/search', () => {
  it.each(['oracle', 'orac', 'carr', 'security team', 'national security', 'divest', 'bytedance employees', 'letter'])('q=%s finds what the data holds, ranked, with highlighted snippets', async (q) => {
    const expected = expectedHits(q)
    expect(expected.length).toBeGreaterThan(0)
    const body = await getOk<{ items: Hit[], next: string | null }>(app, `/v1/search?q=${encodeURIComponent(q)}&limit=100`)
    expect(body.next).toBeNull()
    expect(body.items.map((h) => `${h.type}:${h.id}`).sort()).toEqual(expected)
    expectRanked(body.items, q)
    for (const hit of body.items) expectWellFormed(hit, q)
  })

  it('q=oracle: the actor Oracle, the Oracle statements and the announcement, with <mark>Oracle</mark>', async () => {
    const body = await getOk<{ items: Hit[] }>(app, '/v1/search?q=oracle')
    const ids = body.items.map((h) => `${h.type}:${h.id}`)
    expect(ids).toContain('actor:oracle')
    expect(ids).toContain('statement:tiktok-completed-oracle-migration')
    expect(ids).toContain('document:tiktok-oracle-migration-announcement')
    const oracle = body.items.find((h) => h.id === 'oracle')!
    expect(oracle.snippet.startsWith('<mark>Oracle</mark>')).toBe(true)
    expect(body.items.find((h) => h.id === 'tiktok-completed-oracle-migration')!.title).toBe('TikTok announced')
  })

  it.each([
    ['statement'], ['actor'], ['document'], ['actor,document'], ['statement,actor'],
  ])('types=%s keeps only those types', async (types) => {
    const wanted = types.split(',') as Array<Hit['type']>
    for (const q of ['oracle', 'tiktok']) {
      const expected = expectedHits(q, wanted)
      expect(expected.length).toBeGreaterThan(0)
      expect(expected.length).toBeLessThan(expectedHits(q).length)
      const body = await getOk<{ items: Hit[] }>(app, `/v1/search?q=${q}&types=${types}&limit=100`)
      expect(body.items.map((h) => `${h.type}:${h.id}`).sort(), `q=${q}`).toEqual(expected)
      expectRanked(body.items, q)
    }
  })

  it('every word must match', async () => {
    const both = await getOk<{ items: Hit[] }>(app, '/v1/search?q=oracle%20delete&types=statement&limit=100')
    const one = await getOk<{ items: Hit[] }>(app, '/v1/search?q=oracle&types=statement&limit=100')
    expect(both.items.length).toBeGreaterThan(0)
    expect(both.items.length).toBeLessThan(one.items.length)
    expect(both.items.map((h) => h.id).sort()).toEqual(expectedHits('oracle delete', ['statement']).map((h) => h.slice('statement:'.length)))
  })

  it('a word found nowhere, or no word at all, finds nothing', async () => {
    expect((await getOk(app, '/v1/search?q=zzyzx')).items).toEqual([])
    expect((await getOk(app, '/v1/search?q=%21%21')).items).toEqual([])
  })

  it('limit caps the page and the first page is the top of the ranking', async () => {
    const all = await getOk<{ items: Hit[] }>(app, '/v1/search?q=tiktok&limit=100')
    expect(all.items.length).toBeGreaterThan(3)
    const top = await getOk<{ items: Hit[], next: string | null }>(app, '/v1/search?q=tiktok&limit=3')
    expect(top.items).toEqual(all.items.slice(0, 3))
    expect(top.next).toEqual(expect.any(String))
  })

  it('refuses a missing or empty q and unknown types, naming them', async () => {
    expectBadParameters(await get(app, '/v1/search'), ['querystring.q'])
    expectBadParameters(await get(app, '/v1/search?q='), ['querystring.q'])
    expectBadParameters(await get(app, '/v1/search?q=tiktok&types=tweet'), ['querystring.types'])
    expectBadParameters(await get(app, '/v1/search?q=tiktok&types=actor,'), ['querystring.types'])
  })
})

describe('GET /v1/stats', () => {
  it('counts every label and relationship type as the data implies', async () => {
    const sum = (f: (s: (typeof article.statements)[number]) => number) => article.statements.reduce((n, s) => n + f(s), 0)
    const links = (type: string) => sum((s) => (s.links ?? []).filter((l) => LINK_TYPES[l.type] === type).length)
    const body = await getOk(app, '/v1/stats')
    expect(body).toEqual({
      nodes: { Actor: 27, ActorRedirect: 0, Statement: 19, Document: 8, Topic: 10 },
      relationships: {
        SAID: sum((s) => s.speakers.length),
        ABOUT: sum((s) => s.targets.length),
        ON_TOPIC: sum((s) => s.topics.length),
        REPORTED_IN: article.statements.length,
        ORIGINALLY_IN: sum((s) => (s.originalDocument ? 1 : 0)),
        RESPONDS_TO: links('RESPONDS_TO'),
        CONTRADICTS: links('CONTRADICTS'),
        SUPPORTS: links('SUPPORTS'),
        REPEATS: links('REPEATS'),
        AFFILIATED_WITH: article.affiliations.length,
        PUBLISHED_BY: article.documents.filter((d) => d.publisher).length,
        AUTHORED_BY: article.documents.reduce((n, d) => n + (d.authors ?? []).length, 0),
        ADDRESSED_TO: article.documents.reduce((n, d) => n + (d.addressees ?? []).length, 0),
      },
    })
    // The article file itself says so.
    expect([article.actors.length, article.statements.length, article.documents.length, article.topics.length, article.affiliations.length])
      .toEqual([27, 19, 8, 10, 18])
  })
})
