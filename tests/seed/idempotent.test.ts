// Seeding is idempotent: a second identical seed writes nothing, and a changed record is updated
// in place (same ids, same counts, the new value read back), through the real writer.
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resetGraph, writeGraph, type WritePlan } from '../../src/repositories/writer.js'
import { validateSeed } from '../../src/domain/validate.js'
import {
  ARTICLE_JSON, buildSeedTestApp, ARTICLE_TEXT, article, expectedArticleCounts, shown, snapshot, type Loose,
} from './seed-helpers.js'
import { seedFixture } from '../support/fixtures.js'

const NO_CHANGE = { create: 0, update: 0 }

/** Validates data as if it were the article file, and writes it. */
async function seed (app: FastifyInstance, data: Loose): Promise<WritePlan> {
  const { issues, rows } = await validateSeed(
    [{ file: shown(ARTICLE_JSON), data, readText: (rel) => rel === 'documents/tiktok-on-defense-2022.txt' ? ARTICLE_TEXT : undefined }],
    {
      actors: async () => new Set(),
      topics: async () => new Set(),
      statements: async () => new Set(),
      documents: async () => new Map(),
    }
  )
  expect(issues).toEqual([])
  return writeGraph(app.db, rows, { by: 'seed-tests' })
}

/** A plan where exactly one record of one kind was updated and everything else unchanged. */
function oneUpdate (kind: keyof WritePlan): WritePlan {
  const totals = { topics: 10, actors: 27, documents: 8, affiliations: 18, statements: 19 }
  return Object.fromEntries(Object.entries(totals).map(([k, n]) => [k, k === kind
    ? { create: 0, update: 1, unchanged: n - 1 }
    : { ...NO_CHANGE, unchanged: n }])) as unknown as WritePlan
}

describe('seeding twice, and changing a record', () => {
  let app: FastifyInstance

  beforeAll(async () => {
    app = await buildSeedTestApp()
    await resetGraph(app.db)
  })
  afterAll(async () => {
    await seedFixture(app.db, 'articleFile', { by: 'seed-tests' })
    await app.close()
  })

  it('the first seed creates every record, with the counts the JSON implies', async () => {
    const plan = await seed(app, article())
    expect(plan).toEqual({
      topics: { create: 10, update: 0, unchanged: 0 },
      actors: { create: 27, update: 0, unchanged: 0 },
      documents: { create: 8, update: 0, unchanged: 0 },
      affiliations: { create: 18, update: 0, unchanged: 0 },
      statements: { create: 19, update: 0, unchanged: 0 },
    })
    expect((await snapshot(app.db)).counts).toEqual(expectedArticleCounts())
  })

  it('seeding again gives identical node and relationship counts and rewrites nothing', async () => {
    const before = await snapshot(app.db)
    const plan = await seed(app, article())
    expect(plan).toEqual({
      topics: { create: 0, update: 0, unchanged: 10 },
      actors: { create: 0, update: 0, unchanged: 27 },
      documents: { create: 0, update: 0, unchanged: 8 },
      affiliations: { create: 0, update: 0, unchanged: 18 },
      statements: { create: 0, update: 0, unchanged: 19 },
    })
    const after = await snapshot(app.db)
    expect(after.counts.nodes).toEqual(before.counts.nodes)
    expect(after.counts.relationships).toEqual(before.counts.relationships)
    expect(after).toEqual(before) // same content hashes and the same updatedAt everywhere
  })

  it('a third seed is still identical (no drift)', async () => {
    const before = await snapshot(app.db)
    await seed(app, article())
    await seed(app, article())
    expect(await snapshot(app.db)).toEqual(before)
  })

  describe('a changed record is updated in place', () => {
    /**
     * Seeds the article with one change, checks the plan (1 update), the counts (unchanged) and
     * that only that record was rewritten, then seeds the original again and checks it is back.
     */
    async function changeOne (kind: keyof WritePlan, change: (d: Loose) => void, check: () => Promise<void>, restored: () => Promise<void>): Promise<void> {
      const before = await snapshot(app.db)
      const data = article()
      change(data)

      expect(await seed(app, data)).toEqual(oneUpdate(kind))
      const after = await snapshot(app.db)
      expect(after.counts).toEqual(before.counts)
      const rewritten = [...after.nodes, ...after.affiliations].filter((k) => !before.nodes.includes(k) && !before.affiliations.includes(k))
      expect(rewritten, 'exactly one record was rewritten').toHaveLength(1)
      await check()

      expect(await seed(app, article())).toEqual(oneUpdate(kind))
      expect((await snapshot(app.db)).counts).toEqual(before.counts)
      await restored()
    }

    it("an actor's description", async () => {
      const [old] = await app.db.read('MATCH (a:Actor {id: "brendan-carr"}) RETURN a.createdAt AS createdAt, a.updatedAt AS updatedAt, a.description AS description')
      await changeOne('actors', (d) => { d.actors[4].description = 'FCC commissioner who wants TikTok out of the app stores.' }, async () => {
        const rows = await app.db.read('MATCH (a:Actor {id: "brendan-carr"}) RETURN a.description AS description, a.createdAt AS createdAt, a.updatedAt AS updatedAt, a.name AS name')
        expect(rows).toHaveLength(1)
        expect(rows[0]).toMatchObject({ description: 'FCC commissioner who wants TikTok out of the app stores.', name: 'Brendan Carr', createdAt: old!.createdAt })
        expect(rows[0]!.updatedAt).not.toBe(old!.updatedAt)
      }, async () => {
        const [row] = await app.db.read('MATCH (a:Actor {id: "brendan-carr"}) RETURN a.description AS description')
        expect(row!.description).toBe(old!.description)
      })
    })

    it("a statement's stance towards one target (its links, in and out, survive)", async () => {
      const id = article().statements[3].id as string
      const links = async () => app.db.read(`
        MATCH (s:Statement {id: $id})
        RETURN [(s)-[r]->(t:Statement) | type(r) + '>' + t.id] AS out, [(o:Statement)-[r]->(s) | o.id + '>' + type(r)] AS in`, { id })
      const [linksBefore] = await links()
      expect(linksBefore!.in).toHaveLength(2) // two of Carr's quotes support this statement
      const stances = async () => (await app.db.read(
        'MATCH (:Statement {id: $id})-[r:ABOUT]->(a:Actor) RETURN a.id AS actor, r.stance AS stance ORDER BY actor', { id }))
      await changeOne('statements', (d) => { d.statements[3].targets[0].stance = 'neutral' }, async () => {
        expect(await stances()).toEqual([
          { actor: 'apple-chief-executive', stance: 'neutral' },
          { actor: 'google-chief-executive', stance: 'neutral' },
          { actor: 'tiktok', stance: 'neutral' },
        ])
        const [linksAfter] = await links()
        expect((linksAfter!.out as string[]).sort()).toEqual((linksBefore!.out as string[]).sort())
        expect((linksAfter!.in as string[]).sort()).toEqual((linksBefore!.in as string[]).sort())
      }, async () => {
        expect(await stances()).toContainEqual({ actor: 'tiktok', stance: 'critical' })
      })
    })

    it("the order of a statement's speakers", async () => {
      const id = article().statements[0].id as string
      const speakers = async () => app.db.read(
        'MATCH (a:Actor)-[r:SAID]->(:Statement {id: $id}) RETURN a.id AS actor, r.role AS role, r.position AS position ORDER BY position', { id })
      await changeOne('statements', (d) => { d.statements[0].speakers.reverse() }, async () => {
        expect(await speakers()).toEqual([
          { actor: 'brendan-carr', role: 'regulator (FCC commissioner)', position: 0 },
          { actor: 'nine-republican-senators', role: 'Republican senators', position: 1 },
        ])
      }, async () => {
        expect((await speakers()).map((r) => r.actor)).toEqual(['nine-republican-senators', 'brendan-carr'])
      })
    })

    it("a document's authors", async () => {
      const authors = async () => (await app.db.read(
        'MATCH (:Document {id: "tiktok-letter-to-senators"})-[r:AUTHORED_BY]->(a:Actor) RETURN a.id AS actor ORDER BY r.position')).map((r) => r.actor)
      await changeOne('documents', (d) => { d.documents[1].authors = ['shou-zi-chew', 'tiktok'] }, async () => {
        expect(await authors()).toEqual(['shou-zi-chew', 'tiktok'])
      }, async () => {
        expect(await authors()).toEqual(['tiktok', 'shou-zi-chew'])
      })
    })

    it("an affiliation's role and dates", async () => {
      const read = async () => app.db.read(`
        MATCH (:Actor {id: 'shou-zi-chew'})-[r:AFFILIATED_WITH {type: 'ceo-of'}]->(:Actor {id: 'tiktok'})
        RETURN r.role AS role, r.since AS since, r.until AS until`)
      await changeOne('affiliations', (d) => { Object.assign(d.affiliations[1], { role: 'CEO', since: '2021-04' }) }, async () => {
        expect(await read()).toEqual([{ role: 'CEO', since: '2021-04', until: null }])
      }, async () => {
        expect(await read()).toEqual([{ role: 'chief executive', since: null, until: null }])
      })
    })

    it("a topic's name", async () => {
      const read = async () => (await app.db.read('MATCH (t:Topic {id: "transparency"}) RETURN t.name AS name')).map((r) => r.name)
      await changeOne('topics', (d) => { d.topics[9].name = 'Transparency' }, async () => {
        expect(await read()).toEqual(['Transparency'])
      }, async () => {
        expect(await read()).toEqual(['Transparency and congressional testimony'])
      })
    })
  })
})
