// A list of one actor is read from its page index (about_page / said_page: actor, sort date,
// statement id); a list of several much-discussed actors newest first from the date index
// instead of walking and sorting all the actors' relationships (INDEX_ORDER_MIN_DEGREE).
// Every way must give the same pages, in the same order, with interchangeable cursors: here each
// filter is paged through by the page indexes (the default), with the date-index order forced
// (threshold 0, no page index) and with the walk forced (threshold infinite, no page index) over
// a synthetic graph whose busiest actors have hundreds of statements.
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/db.js'
import { ActorsRepository } from '../../src/repositories/actors.js'
import { StatementsRepository, type StatementFilter } from '../../src/repositories/statements.js'
import { resetGraph, writeRows } from '../../src/repositories/writer.js'
import { generateSynthetic } from '../../tools/synthetic/generate.js'
import { buildTestApp } from '../helpers.js'
import { seedArticle } from '../support/fixtures.js'

async function busiest (db: Db, rel: 'ABOUT' | 'SAID', skip = 0): Promise<{ id: string, degree: number }> {
  const pattern = rel === 'ABOUT' ? '(a)<-[:ABOUT]-()' : '(a)-[:SAID]->()'
  const [row] = await db.read(`MATCH (a:Actor) WITH a, COUNT { ${pattern} } AS degree ORDER BY degree DESC, a.id SKIP $skip LIMIT 1 RETURN a.id AS id, degree`, { skip })
  return { id: String(row!.id), degree: Number(row!.degree) }
}

async function allPages (repo: StatementsRepository, filter: StatementFilter, limit: number): Promise<string[][]> {
  const pages: string[][] = []
  let cursor: string | undefined
  do {
    const { ids, next } = await repo.listIds(filter, { limit, ...(cursor ? { cursor } : {}) })
    pages.push(ids)
    cursor = next ?? undefined
  } while (cursor && pages.length < 500)
  return pages
}

describe('index-ordered lists for busy actors', () => {
  let app: FastifyInstance
  let walk: StatementsRepository
  let indexed: StatementsRepository
  let keyed: StatementsRepository
  const filters: Array<[string, StatementFilter]> = []

  beforeAll(async () => {
    app = await buildTestApp()
    // The generator `npm run seed:synthetic` uses, written in-process (no CLI start-up).
    await resetGraph(app.db)
    for await (const batch of generateSynthetic({ statements: 2000, seed: 42, batchSize: 1000 })) {
      await app.db.writeTx((tx) => writeRows(tx, batch.rows, { by: 'index-order-test' }))
    }
    walk = new StatementsRepository(app.db, Infinity, false)
    indexed = new StatementsRepository(app.db, 0, false)
    keyed = new StatementsRepository(app.db)
    const hub = await busiest(app.db, 'ABOUT')
    const speaker = await busiest(app.db, 'SAID')
    const mid = await busiest(app.db, 'ABOUT', 60)
    const [topic] = await app.db.read('MATCH (t:Topic)<-[:ON_TOPIC]-() RETURN t.id AS id, count(*) AS n ORDER BY n DESC, id LIMIT 1')
    const [doc] = await app.db.read('MATCH (d:Document)<-[:REPORTED_IN]-(:Statement)-[:ABOUT]->(:Actor {id: $hub}) RETURN d.id AS id LIMIT 1', { hub: hub.id })
    expect(hub.degree).toBeGreaterThan(100)
    filters.push(
      ['about the busiest actor', { about: [hub.id] }],
      ['by the busiest speaker', { speakers: [speaker.id] }],
      ['about it, critical', { about: [hub.id], stance: 'critical' }],
      ['about it, by the busiest speaker', { about: [hub.id], speakers: [speaker.id] }],
      ['about it, in a date window', { about: [hub.id], since: '2021-03', until: '2023-10-15' }],
      ['about it, since a day', { about: [hub.id], since: '2022-02-11' }],
      ['about it, until a year', { about: [hub.id], until: '2022' }],
      ['by the busiest speaker, in a date window', { speakers: [speaker.id], since: '2022', until: '2023-06' }],
      ['by the busiest speaker, text', { speakers: [speaker.id], type: 'direct-quote' }],
      ['about it, paraphrases', { about: [hub.id], type: 'paraphrase' }],
      ['about it, on the busiest topic', { about: [hub.id], topics: [String(topic!.id)] }],
      ['about it, in one document', { about: [hub.id], documents: [String(doc!.id)] }],
      ['about two actors', { about: [hub.id, mid.id] }],
      ['by the busiest speaker, about a mid-degree actor', { speakers: [speaker.id], about: [mid.id] }],
      ['by the busiest speaker, supportive of anyone', { speakers: [speaker.id], stance: 'supportive' }]
    )
  }, 300_000)

  afterAll(async () => {
    await seedArticle(app.db)
    await app.close()
  })

  it('every filter pages identically both ways (pages of 25, through the undated tail)', async () => {
    expect(filters.length).toBeGreaterThan(5)
    for (const [name, filter] of filters) {
      const expected = await allPages(walk, filter, 25)
      expect(expected.flat().length, name).toBeGreaterThan(0)
      expect(await allPages(indexed, filter, 25), name).toEqual(expected)
      expect(await allPages(keyed, filter, 25), `${name} (page index)`).toEqual(expected)
    }
  }, 240_000)

  it('who-said-what-about reads each group’s newest statements by the pair’s page (SAID_ABOUT) as the walk finds them', async () => {
    const tallied = new ActorsRepository(app.db, 'tallies', 0)
    const walked = new ActorsRepository(app.db, 'walk')
    for (const skip of [0, 1, 60]) {
      const actor = await busiest(app.db, 'ABOUT', skip)
      for (const perSpeaker of [1, 4]) {
        const all = async (repo: ActorsRepository) => {
          const groups = []
          let cursor: string | undefined
          do {
            const page = await repo.whoSaidWhatAbout(actor.id, { perSpeaker, limit: 7, ...(cursor ? { cursor } : {}) })
            groups.push(...page.groups.map((g) => [g.speaker.id, g.total, g.statements.map((s) => s.id)]))
            cursor = page.next ?? undefined
          } while (cursor && groups.length < 2000)
          return groups
        }
        const expected = await all(walked)
        expect(expected.length, actor.id).toBeGreaterThan(skip === 60 ? 0 : 10)
        expect(await all(tallied), `${actor.id} perSpeaker ${perSpeaker}`).toEqual(expected)
      }
    }
  }, 120_000)

  it('a cursor from one way continues the other', async () => {
    for (const [name, filter] of filters.slice(0, 4)) {
      const first = await walk.listIds(filter, { limit: 5 })
      const second = await walk.listIds(filter, { limit: 5, cursor: first.next! })
      expect(await indexed.listIds(filter, { limit: 5, cursor: first.next! }), name).toEqual(second)
      const firstIndexed = await indexed.listIds(filter, { limit: 5 })
      expect(await walk.listIds(filter, { limit: 5, cursor: firstIndexed.next! }), name).toEqual(second)
      expect(await keyed.listIds(filter, { limit: 5, cursor: first.next! }), `${name} (page index)`).toEqual(second)
      const firstKeyed = await keyed.listIds(filter, { limit: 5 })
      expect(await walk.listIds(filter, { limit: 5, cursor: firstKeyed.next! }), `${name} (page index)`).toEqual(second)
    }
  })
})
