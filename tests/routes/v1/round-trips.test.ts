// Issue 12 point 3: a read answers from one Cypher query (page and hydration together, the 404
// check folded in). Every response says how many queries it sent, in its Server-Timing header
// (`db;dur=…;desc="N queries"`); this file reads that for each GET of the read API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { article, get, seededApp } from './seeded.js'
import { StatementsRepository } from '../../../src/repositories/statements.js'
import { newContext, requestContext } from '../../../src/db/request-context.js'

let app: FastifyInstance
beforeAll(async () => { app = await seededApp() })
afterAll(async () => { await app?.close() })

async function queriesOf (url: string): Promise<{ status: number, queries: number }> {
  const res = await get(app, url)
  const header = String(res.headers['server-timing'] ?? '')
  const m = /^db;dur=[\d.]+;desc="(\d+) quer(?:y|ies)"$/.exec(header)
  expect(m, `${url}: Server-Timing ${header}`).not.toBeNull()
  return { status: res.statusCode, queries: Number(m![1]) }
}

// [url, status]: each answered from a single query.
const ONE_QUERY: Array<[string, number]> = [
  ['/v1/stats', 200],
  ['/v1/paths?from=brendan-carr&to=oracle', 200],
  ['/v1/paths?from=brendan-carr&to=brendan-carr', 200],
  ['/v1/paths?from=brendan-carr&to=no-such-actor', 404],
  ['/v1/stance-timeline?speaker=no-such-actor&target=tiktok', 404],
  ['/v1/who-said-what-about/no-such-actor', 404],
  ['/v1/actors/no-such-actor/statements', 404],
  ['/v1/statements?q=--', 200],
  ['/v1/statements?document=tiktok-on-defense-2022&type=direct-quote', 200],
  ['/v1/actors', 200],
  ['/v1/actors?q=tiktok', 200],
  ['/v1/actors/tiktok', 200],
  ['/v1/actors/no-such-actor', 404],
  ['/v1/actors/tiktok/statements', 200],
  ['/v1/actors/brendan-carr/statements?about=tiktok&stance=critical', 200],
  ['/v1/actors/tiktok/mentions', 200],
  ['/v1/actors/tiktok/mentions?speaker=brendan-carr&since=2022', 200],
  ['/v1/statements?about=tiktok', 200],
  ['/v1/statements?speaker=brendan-carr&stance=critical', 200],
  ['/v1/statements?type=direct-quote&since=2022', 200],
  ['/v1/who-said-what-about/tiktok', 200],
  ['/v1/who-said-what-about/tiktok?perSpeaker=1&since=2022', 200],
  ['/v1/stance-matrix?speakers=brendan-carr,marsha-blackburn', 200],
  ['/v1/stance-matrix?targets=tiktok', 200],
  ['/v1/documents', 200],
  ['/v1/documents/tiktok-on-defense-2022', 200],
  ['/v1/documents/tiktok-on-defense-2022?includeText=true', 200],
  ['/v1/graph/neighbourhood/tiktok', 200],
  ['/v1/search?q=data', 200],
  ['/v1/stance-timeline?speaker=brendan-carr&target=tiktok', 200],
]

describe('one round trip per read', () => {
  for (const [url, status] of ONE_QUERY) {
    it(`GET ${url} sends one query`, async () => {
      // twice: the second may use what the first cached (actor degrees), never more queries
      for (let i = 0; i < 2; i++) {
        const r = await queriesOf(url)
        expect(r.status).toBe(status)
        expect(r.queries).toBe(1)
      }
    })
  }
})

describe('the reads that take more than one query, and why', () => {
  it('a list with no anchoring filter reads undated statements in a second query once the dated ones run out (its last page)', async () => {
    // the article graph has undated statements, and all 19 fit on the first page
    expect(await queriesOf('/v1/statements')).toEqual({ status: 200, queries: 2 })
    // a page that the dated statements fill takes one
    expect(await queriesOf('/v1/statements?limit=2')).toEqual({ status: 200, queries: 1 })
  })

  it('includeAffiliates looks the affiliates up first, and q beside another filter its text matches', async () => {
    expect(await queriesOf('/v1/statements?about=tiktok&includeAffiliates=true')).toEqual({ status: 200, queries: 2 })
    expect(await queriesOf('/v1/statements?about=tiktok&q=data')).toEqual({ status: 200, queries: 2 })
    // q alone anchors the list on the full-text index: one
    expect(await queriesOf('/v1/statements?q=data')).toEqual({ status: 200, queries: 1 })
  })

  it('a neighbourhood is one query at every depth (its rings in the query that finds the start)', async () => {
    expect(await queriesOf('/v1/graph/neighbourhood/tiktok?depth=2')).toEqual({ status: 200, queries: 1 })
    expect(await queriesOf('/v1/graph/neighbourhood/tiktok?depth=3')).toEqual({ status: 200, queries: 1 })
    expect(await queriesOf('/v1/graph/neighbourhood/tiktok?depth=3&limit=5')).toEqual({ status: 200, queries: 1 })
  })
})

describe('the plan for a hub, chosen by degrees that come back with each page', () => {
  // Queries sent by `work`, counted as a request counts them.
  async function counted<T> (work: () => Promise<T>): Promise<{ value: T, queries: number }> {
    const context = newContext()
    const value = await requestContext.run(context, work)
    return { value, queries: context.queries }
  }
  const aboutCount = (id: string) => article.statements.filter((s) => s.targets.some((t) => t.actor === id)).length

  it('a list of one actor, hub or not, takes one query (its page index)', async () => {
    const keyed = new StatementsRepository(app.db, 3)
    for (const id of ['tiktok', 'oracle']) {
      const first = await counted(() => keyed.list({ about: [id] }, { limit: 5 }))
      expect(first.value.items.length).toBeGreaterThan(0)
      expect(first.queries).toBe(1)
    }
  })

  // Lists of several actors go by the degree plan; here one actor's list is made to go by it too
  // (no page index), so that TikTok can play the hub of this small graph.
  it('an actor seen for the first time is walked unless the page query finds it is a hub; then once more, by the index', async () => {
    // a threshold of 3 makes TikTok a hub of this graph, and Oracle not
    expect(aboutCount('tiktok')).toBeGreaterThan(3)
    const oracle = aboutCount('oracle')
    expect(oracle).toBeGreaterThan(0)
    expect(oracle).toBeLessThanOrEqual(3)
    const walked = new StatementsRepository(app.db, Infinity, false)
    const small = new StatementsRepository(app.db, 3, false)
    for (const id of ['tiktok', 'oracle']) {
      const expected = (await walked.list({ about: [id] }, { limit: 5 })).items.map((s) => s.id)
      const first = await counted(() => small.list({ about: [id] }, { limit: 5 }))
      const again = await counted(() => small.list({ about: [id] }, { limit: 5 }))
      expect(first.value.items.map((s) => s.id)).toEqual(expected)
      expect(again.value.items.map((s) => s.id)).toEqual(expected)
      // the hub's first list runs twice (the guard kept the walk from starting); then once
      expect(first.queries).toBe(id === 'tiktok' ? 2 : 1)
      expect(again.queries).toBe(1)
    }
  })
})
