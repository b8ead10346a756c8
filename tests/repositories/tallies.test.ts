// The stance tallies stay exact: a few hundred random writes through the API (PUT, PATCH, DELETE
// with cascade, merges, new actors), then every tally, and every who-said-what-about and
// stance-matrix page read from them, compared with the same answer computed from scratch by
// walking the statements. The random sequence is seeded; a failure names the seed, and
// WHOSAID_PROPERTY_SEED=<seed> replays it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { ActorsRepository } from '../../src/repositories/actors.js'
import { StatementsRepository, type StatementFilter } from '../../src/repositories/statements.js'
import { migrateTallies } from '../../src/repositories/tallies.js'
import { seedArticle } from '../support/fixtures.js'
import { mulberry32 } from '../../tools/synthetic/generate.js'
import { KEYS, article, del, patch, post, put, restoreAndClose, statementBody, writesApp } from '../writes/support.js'

let app: FastifyInstance
beforeAll(async () => { app = await writesApp() })
afterAll(async () => { await restoreAndClose(app) })

const SEED = Number(process.env.WHOSAID_PROPERTY_SEED ?? Math.floor(Math.random() * 2 ** 31))
const OPERATIONS = 300
const MIN_ACTORS = 8
const STANCES = ['critical', 'supportive', 'neutral']
const DATES: Array<{ date?: string, datePrecision: string }> = [
  { datePrecision: 'unknown' },
  { date: '2021', datePrecision: 'year' },
  { date: '2022-06', datePrecision: 'month' },
  { date: '2022-06-15', datePrecision: 'day' },
  { date: '2022-12-01', datePrecision: 'day' },
  { date: '2023-01-31', datePrecision: 'day' },
  { date: '2023', datePrecision: 'year' },
]
const TEMPLATE = 'chew-oracle-data-security-controls'

interface Tally { key: string, critical: number, supportive: number, neutral: number, total: number }

interface Stored { pairs: Tally[], months: Tally[], years: Tally[], pairPages: string[] }

/** The tallies (and the SAID_ABOUT pair pages) as a from-scratch walk over every statement gives them. */
async function fromScratch (): Promise<Stored> {
  const rows = await app.db.read(`
    MATCH (sp:Actor)-[:SAID]->(s:Statement)-[ab:ABOUT]->(t:Actor)
    RETURN sp.id AS sp, t.id AS t, ab.stance AS stance, s.dateStart AS dateStart, s.dateEnd AS dateEnd, s.id AS sid`)
  const pairs = new Map<string, Tally>()
  const months = new Map<string, Tally>()
  const years = new Map<string, Tally>()
  const add = (into: Map<string, Tally>, key: string, stance: string) => {
    const x = into.get(key) ?? { key, critical: 0, supportive: 0, neutral: 0, total: 0 }
    x[stance as 'critical']++
    x.total++
    into.set(key, x)
  }
  for (const r of rows) {
    add(pairs, `${r.sp}|${r.t}`, String(r.stance))
    if (r.dateStart) add(months, `${r.sp}|${r.t}|${String(r.dateStart).slice(0, 7)}|${String(r.dateEnd).slice(0, 7)}`, String(r.stance))
    if (r.dateStart) {
      expect(String(r.dateEnd).slice(0, 4)).toBe(String(r.dateStart).slice(0, 4))
      add(years, `${r.sp}|${r.t}|${String(r.dateStart).slice(0, 4)}`, String(r.stance))
    }
  }
  const sorted = (m: Map<string, Tally>) => [...m.values()].sort((a, b) => a.key.localeCompare(b.key))
  const pairPages = rows.map((r) => `${r.sp}|${r.t} ${String(r.dateStart ?? '')} ${r.sid}`).sort()
  return { pairs: sorted(pairs), months: sorted(months), years: sorted(years), pairPages }
}

async function stored (): Promise<Stored> {
  const read = async (label: 'PairTally' | 'MonthTally' | 'YearTally') => (await app.db.read({
    PairTally: 'MATCH (x:PairTally) RETURN x {.key, .critical, .supportive, .neutral, .total, .rank, .speakerId, .targetId} AS x',
    MonthTally: 'MATCH (x:MonthTally) RETURN x {.key, .critical, .supportive, .neutral, .total, .speakerId, .targetId, .from, .to} AS x',
    YearTally: 'MATCH (x:YearTally) RETURN x {.key, .critical, .supportive, .neutral, .total, .rank, .speakerId, .targetId, .year} AS x',
  }[label]))
    .map((r) => r.x as Tally & Record<string, unknown>)
    .sort((a, b) => a.key.localeCompare(b.key))
  const pairs = await read('PairTally')
  for (const p of pairs) {
    expect(p.rank).toBe(-p.total)
    expect(p.key).toBe(`${p.speakerId}|${p.targetId}`)
  }
  const months = await read('MonthTally')
  for (const m of months) expect(m.key).toBe(`${m.speakerId}|${m.targetId}|${m.from}|${m.to}`)
  const years = await read('YearTally')
  for (const y of years) {
    expect(y.rank).toBe(-y.total)
    expect(y.key).toBe(`${y.speakerId}|${y.targetId}|${y.year}`)
  }
  const strip = (list: Array<Tally & Record<string, unknown>>) => list.map(({ key, critical, supportive, neutral, total }) => ({ key, critical, supportive, neutral, total }))
  // each SAID_ABOUT joins the speaker its key names to the statement its sid names
  const pairPages = (await app.db.read(`
    MATCH (sp:Actor)-[r:SAID_ABOUT]->(s:Statement)
    RETURN r.pair AS pair, r.sortDate AS sortDate, r.sid AS sid, sp.id AS sp, s.id AS id`))
    .map((r) => {
      expect(String(r.pair).startsWith(`${r.sp}|`)).toBe(true)
      expect(r.sid).toBe(r.id)
      return `${r.pair} ${r.sortDate} ${r.sid}`
    }).sort()
  return { pairs: strip(pairs), months: strip(months), years: strip(years), pairPages }
}

type WhoSaidOptions = Parameters<ActorsRepository['whoSaidWhatAbout']>[1]
type MatrixFilter = Parameters<ActorsRepository['stanceMatrix']>[0]

async function allWhoSaid (repo: ActorsRepository, id: string, options: Omit<WhoSaidOptions, 'cursor'>) {
  const groups = []
  let cursor: string | undefined
  for (let i = 0; i < 100; i++) {
    const page = await repo.whoSaidWhatAbout(id, { ...options, cursor })
    groups.push(...page.groups)
    if (!page.next) return { about: page.about, groups }
    cursor = page.next
  }
  throw new Error('who-said-what-about did not end')
}

async function allCells (repo: ActorsRepository, filter: MatrixFilter, limit: number) {
  const cells = []
  let cursor: string | undefined
  for (let i = 0; i < 1000; i++) {
    const page = await repo.stanceMatrix(filter, { limit, cursor })
    cells.push(...page.items)
    if (!page.next) return cells
    cursor = page.next
  }
  throw new Error('the stance matrix did not end')
}

// Windows on month boundaries (answered from the month tallies), open ends, calendar years and
// runs of them (who-said-what-about's groups from the year tallies: one year in index order,
// several or an open end summed).
const WINDOWS: Array<{ since?: string, until?: string }> = [{}, { since: '2022' }, { until: '2022-06' }, { since: '2022-06', until: '2022-12' }, { since: '2023-01-01' },
  { since: '2022', until: '2022' }, { since: '2021-01-01', until: '2021-12-31' }, { until: '2022' }, { since: '2021', until: '2022-12' }]

async function allIds (repo: StatementsRepository, filter: StatementFilter): Promise<string[]> {
  const ids: string[] = []
  let cursor: string | undefined
  for (let i = 0; i < 1000; i++) {
    const page = await repo.listIds(filter, { limit: 3, cursor })
    ids.push(...page.ids)
    if (!page.next) return ids
    cursor = page.next
  }
  throw new Error('the list did not end')
}

async function expectPagesMatch (actorIds: string[]): Promise<void> {
  // walk threshold 0: every actor's groups from the tallies (this graph's actors are all small)
  const tallied = new ActorsRepository(app.db, 'tallies', 0)
  const hybrid = new ActorsRepository(app.db)
  const walked = new ActorsRepository(app.db, 'walk')
  // One actor's lists are read by the page keys on its relationships; the walk needs none.
  const keyed = new StatementsRepository(app.db)
  const walk = new StatementsRepository(app.db, Infinity, false)
  for (const id of actorIds) {
    for (const filter of [{ about: [id] }, { speakers: [id] }, { about: [id], since: '2022-06-10' }, { speakers: [id], until: '2022' }, { about: [id], stance: 'critical' }]) {
      expect(await allIds(keyed, filter), `statements ${JSON.stringify(filter)}`).toEqual(await allIds(walk, filter))
    }
  }
  for (const window of WINDOWS) {
    for (const id of actorIds) {
      const options = { ...window, perSpeaker: 2, limit: 2 }
      const expected = await allWhoSaid(walked, id, options)
      expect(await allWhoSaid(tallied, id, options), `who-said-what-about ${id} ${JSON.stringify(window)}`).toEqual(expected)
      expect(await allWhoSaid(hybrid, id, options), `who-said-what-about ${id} ${JSON.stringify(window)} (walked below the threshold)`).toEqual(expected)
    }
    expect(await allCells(tallied, window, 7), `stance matrix ${JSON.stringify(window)}`).toEqual(await allCells(walked, window, 7))
    for (const id of actorIds.slice(0, 12)) {
      for (const filter of [{ speakers: [id] }, { targets: [id] }, { speakers: [id, 'tiktok'] }]) {
        const f = { ...window, ...filter }
        expect(await allCells(tallied, f, 3), `stance matrix ${JSON.stringify(f)}`).toEqual(await allCells(walked, f, 3))
      }
    }
  }
}

const unmark = (migration: string) => app.db.write('MATCH (m:Migration {id: $migration}) DELETE m', { migration })

/** The seeded article's tallies from scratch; then `remove` runs and `migration` is unmarked, as in a database from before it. */
async function seededWithout (remove: string, migration: string): Promise<Stored> {
  await seedArticle(app.db)
  const expected = await fromScratch()
  await app.db.write(remove)
  await unmark(migration)
  return expected
}

describe(`stance tallies under random writes (seed ${SEED})`, () => {
  it('match a from-scratch count after every kind of write, and so do the pages read from them', { timeout: 300_000 }, async () => {
    const next = mulberry32(SEED)
    const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)] as T
    const actors = new Set(article().actors.map((a) => a.id))
    const statements = new Set(article().statements.map((s) => s.id))
    const everActors = new Set(actors)
    let made = 0
    const statuses: Record<string, number> = {}
    const note = (op: string, status: number) => { statuses[`${op} ${status}`] = (statuses[`${op} ${status}`] ?? 0) + 1 }
    const randomStatement = () => {
      const live = [...actors]
      const speakers = [...new Set([pick(live), ...(next() < 0.3 ? [pick(live)] : [])])].map((actor) => ({ actor }))
      const targets = [...new Set(Array.from({ length: Math.floor(next() * 4) }, () => pick(live)))].map((actor) => ({ actor, stance: pick(STANCES) }))
      return statementBody(TEMPLATE, { speakers, targets, ...pick(DATES), links: undefined })
    }
    for (let i = 0; i < OPERATIONS; i++) {
      // Merges and cascading deletes shrink the cast; below a few actors an unlucky seed would end
      // with too few pairs to prove anything, so then a merge or delete drawn becomes a put of an actor.
      const drawn = next()
      const r = drawn >= 0.86 && actors.size <= MIN_ACTORS ? drawn - 0.14 : drawn
      if (r < 0.45 || statements.size === 0) {
        const id = next() < 0.3 && statements.size > 0 ? pick([...statements]) : `random-statement-${made++}`
        const res = await put(app, `/v1/statements/${id}`, randomStatement())
        note('put statement', res.statusCode)
        if (res.statusCode < 300) statements.add(id)
      } else if (r < 0.6) {
        const id = pick([...statements])
        const live = [...actors]
        const changes = pick([
          { targets: [{ actor: pick(live), stance: pick(STANCES) }] },
          { speakers: [{ actor: pick(live) }] },
          pick(DATES).date ? { date: '2022-03-09', datePrecision: 'day' } : { date: null, datePrecision: 'unknown' },
        ])
        const res = await patch(app, `/v1/statements/${id}`, changes)
        note('patch statement', res.statusCode)
      } else if (r < 0.72) {
        const id = pick([...statements])
        const res = await del(app, `/v1/statements/${id}`)
        note('delete statement', res.statusCode)
        if (res.statusCode < 300) statements.delete(id)
      } else if (r < 0.86) {
        const id = next() < 0.5 ? pick([...everActors]) : `random-actor-${made++}`
        const res = await put(app, `/v1/actors/${id}`, { name: `Actor ${id}`, kind: pick(['person', 'organisation', 'group']) })
        note('put actor', res.statusCode)
        if (res.statusCode < 300) { actors.add(id); everActors.add(id) }
      } else if (r < 0.95) {
        const from = pick([...actors])
        const into = pick([...actors])
        if (from === into) continue
        const res = await post(app, `/v1/actors/${from}/merge`, { into }, KEYS.admin)
        note('merge', res.statusCode)
        if (res.statusCode < 300) actors.delete(from)
      } else {
        const id = pick([...actors])
        const res = await del(app, `/v1/actors/${id}?cascade=true`, KEYS.admin)
        note('delete actor', res.statusCode)
        if (res.statusCode < 300) {
          actors.delete(id)
          // Statements it alone made went with it.
          const left = new Set((await app.db.read('MATCH (s:Statement) RETURN s.id AS id')).map((x) => String(x.id)))
          for (const s of statements) if (!left.has(s)) statements.delete(s)
        }
      }
      if (i % 100 === 99) expect(await stored(), `after ${i + 1} writes (seed ${SEED})`).toEqual(await fromScratch())
    }
    // Every kind of write ran and most succeeded (a test whose writes all failed would prove nothing).
    const ok = (op: string) => Object.entries(statuses).filter(([k]) => k.startsWith(op) && Number(k.split(' ').at(-1)) < 300).reduce((n, [, v]) => n + v, 0)
    for (const op of ['put statement', 'patch statement', 'delete statement', 'put actor', 'merge', 'delete actor']) expect(ok(op), `${op}: ${JSON.stringify(statuses)}`).toBeGreaterThan(0)

    const tallies = await stored()
    expect(tallies.pairs.length, JSON.stringify(statuses)).toBeGreaterThan(5)
    expect(tallies, `seed ${SEED}`).toEqual(await fromScratch())
    await expectPagesMatch([...everActors])

    // A document deleted with its statements takes their counts with it.
    const res = await del(app, '/v1/documents/tiktok-on-defense-2022?cascade=true', KEYS.admin)
    expect(res.statusCode, res.body).toBeLessThan(300)
    expect(await stored()).toEqual(await fromScratch())
    expect((await stored()).pairs).toEqual([])
  })

  it('stay exact under concurrent writes to the same tallies', { timeout: 120_000 }, async () => {
    await seedArticle(app.db)
    const [speaker, target] = article().actors.map((a) => a.id)
    // Every write adds to (or moves between stances) the same pair's and month's tallies, all at once.
    const body = (i: number) => statementBody(TEMPLATE, {
      speakers: [{ actor: speaker! }],
      targets: [{ actor: target!, stance: STANCES[i % 3]! }],
      date: '2022-06-15',
      datePrecision: 'day',
      links: undefined,
    })
    const first = await Promise.all(Array.from({ length: 24 }, (_, i) => put(app, `/v1/statements/concurrent-${i}`, body(i))))
    for (const res of first) expect(res.statusCode, res.body).toBeLessThan(300)
    const second = await Promise.all(Array.from({ length: 24 }, (_, i) => i % 2 === 0
      ? put(app, `/v1/statements/concurrent-${i}`, body(i + 1))
      : del(app, `/v1/statements/concurrent-${i}`)))
    for (const res of second) expect(res.statusCode, res.body).toBeLessThan(300)
    const tallies = await stored()
    const pair = tallies.pairs.find((x) => x.key === `${speaker}|${target}`)
    expect(pair?.total).toBeGreaterThanOrEqual(12)
    expect(tallies).toEqual(await fromScratch())
  })

  it('are backfilled by the migration for statements written before they existed, once', async () => {
    await seedArticle(app.db)
    const expected = await fromScratch()
    expect(expected.pairs.length).toBeGreaterThan(5)
    expect(await stored()).toEqual(expected)
    // A database from before the tallies: none stored, none recorded on the statements, no mark.
    await app.db.write('MATCH (x) WHERE x:PairTally OR x:MonthTally OR x:YearTally OR x:Migration DETACH DELETE x')
    await app.db.write('MATCH (s:Statement) REMOVE s.tally')
    await app.db.write('MATCH ()-[r:SAID_ABOUT]->() DELETE r')
    expect((await stored()).pairs).toEqual([])
    expect((await stored()).pairPages).toEqual([])
    expect(await migrateTallies(app.db)).toBe(article().statements.length)
    expect(await stored()).toEqual(expected)
    // Marked done: a second start does nothing, and changes nothing.
    expect(await migrateTallies(app.db)).toBe(0)
    expect(await stored()).toEqual(expected)
  })

  it('backfill the SAID_ABOUT pair pages of a database that has its tallies but not them', async () => {
    const expected = await seededWithout('MATCH ()-[r:SAID_ABOUT]->() DELETE r', 'pair-pages-1')
    expect(expected.pairPages.length).toBeGreaterThan(5)
    expect(await migrateTallies(app.db)).toBe(article().statements.length)
    expect(await stored()).toEqual(expected)
    expect(await migrateTallies(app.db)).toBe(0)
  })

  it('backfill the year tallies of a database that has its other tallies but not them, from the month tallies', async () => {
    const expected = await seededWithout('MATCH (x:YearTally) DELETE x', 'year-tallies-1')
    expect(expected.years.length).toBeGreaterThan(5)
    expect((await stored()).years).toEqual([])
    await migrateTallies(app.db)
    expect(await stored()).toEqual(expected)
    // run again (as after a crash before the mark): set to the same values, not added twice
    await unmark('year-tallies-1')
    await migrateTallies(app.db)
    expect(await stored()).toEqual(expected)
  })
})
