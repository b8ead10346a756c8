// `npm run seed:synthetic` writes two batches at once by default (tools/synthetic/load.ts). A load
// with several writers must give the very graph one writer gives: the same nodes and
// relationships, every statement link (their targets may still be in another transaction when a
// batch is written, so the links go last), and stance tallies exact against a walk over every
// statement.
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/db.js'
import { countGraph, resetGraph } from '../../src/repositories/writer.js'
import { loadSynthetic } from '../../tools/synthetic/load.js'
import { buildTestApp } from '../helpers.js'

const STATEMENTS = 3000

/** What a load leaves: counts by label and type, links, and every tally that differs from a from-scratch walk. */
async function snapshot (db: Db) {
  const [links] = await db.read('MATCH (:Statement)-[r:RESPONDS_TO|CONTRADICTS|SUPPORTS|REPEATS]->(:Statement) RETURN count(r) AS n')
  const [pairs] = await db.read(`
    MATCH (sp:Actor)-[:SAID]->(:Statement)-[ab:ABOUT]->(t:Actor)
    WITH sp.id + '|' + t.id AS key, count(*) AS total, sum(CASE ab.stance WHEN 'critical' THEN 1 ELSE 0 END) AS critical,
      sum(CASE ab.stance WHEN 'supportive' THEN 1 ELSE 0 END) AS supportive, sum(CASE ab.stance WHEN 'neutral' THEN 1 ELSE 0 END) AS neutral
    OPTIONAL MATCH (x:PairTally {key: key})
    RETURN count(*) AS keys, sum(CASE WHEN x IS NULL OR x.total <> total OR x.rank <> -total OR x.critical <> critical
      OR x.supportive <> supportive OR x.neutral <> neutral THEN 1 ELSE 0 END) AS wrong`)
  const [months] = await db.read(`
    MATCH (sp:Actor)-[:SAID]->(s:Statement)-[ab:ABOUT]->(t:Actor) WHERE s.dateStart IS NOT NULL
    WITH sp.id + '|' + t.id + '|' + substring(s.dateStart, 0, 7) + '|' + substring(coalesce(s.dateEnd, s.dateStart), 0, 7) AS key,
      count(*) AS total, sum(CASE ab.stance WHEN 'critical' THEN 1 ELSE 0 END) AS critical
    OPTIONAL MATCH (x:MonthTally {key: key})
    RETURN count(*) AS keys, sum(CASE WHEN x IS NULL OR x.total <> total OR x.critical <> critical THEN 1 ELSE 0 END) AS wrong`)
  const [years] = await db.read(`
    MATCH (sp:Actor)-[:SAID]->(s:Statement)-[ab:ABOUT]->(t:Actor) WHERE s.dateStart IS NOT NULL
    WITH sp.id + '|' + t.id + '|' + substring(s.dateStart, 0, 4) AS key, count(*) AS total, sum(CASE ab.stance WHEN 'neutral' THEN 1 ELSE 0 END) AS neutral
    OPTIONAL MATCH (x:YearTally {key: key})
    RETURN count(*) AS keys, sum(CASE WHEN x IS NULL OR x.total <> total OR x.rank <> -total OR x.neutral <> neutral THEN 1 ELSE 0 END) AS wrong`)
  const [tallies] = await db.read('RETURN COUNT { (:PairTally) } AS pairs, COUNT { (:MonthTally) } AS months, COUNT { (:YearTally) } AS years')
  return {
    counts: await countGraph(db),
    links: Number(links!.n),
    pairs,
    months,
    years,
    tallyNodes: { pairs: Number(tallies!.pairs), months: Number(tallies!.months), years: Number(tallies!.years) },
  }
}

describe('a synthetic load with several writers', () => {
  let app: FastifyInstance
  beforeAll(async () => { app = await buildTestApp() }, 120_000)
  afterAll(async () => {
    await resetGraph(app.db)
    await app.close()
  })

  it('gives the graph one writer gives, links and exact tallies included', async () => {
    const load = async (writers: number) => {
      await resetGraph(app.db)
      let links = 0
      await loadSynthetic(app.db, { statements: STATEMENTS, seed: 7, batchSize: 250, writers, by: 'synthetic-load-test' },
        { onWritten: (batch) => { links += batch.links } })
      return { generated: links, ...(await snapshot(app.db)) }
    }
    const one = await load(1)
    const three = await load(3)
    expect(one.generated).toBeGreaterThan(100)
    expect(one.links).toBe(one.generated)
    expect(three).toEqual(one)
    // the tallies are exact, not merely equal: no pair, month or year differs from the walk
    expect(Number(three.pairs!.wrong)).toBe(0)
    expect(Number(three.months!.wrong)).toBe(0)
    expect(Number(three.years!.wrong)).toBe(0)
    expect(Number(three.pairs!.keys)).toBeGreaterThan(1000)
    expect(three.tallyNodes).toEqual({ pairs: Number(three.pairs!.keys), months: Number(three.months!.keys), years: Number(three.years!.keys) })
  }, 300_000)
})
