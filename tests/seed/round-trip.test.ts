// Round trip: what graph-seed declares is what Neo4j holds afterwards, read back with plain
// Cypher and compared field by field with the JSON (and nothing more: the counts match too).
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildSeedTestApp, expectedArticleCounts, graphSeed, snapshot, type Loose } from './seed-helpers.js'
import { seedFixture } from '../support/fixtures.js'

const seed = graphSeed()
const byId = (rows: Loose[]) => new Map<string, Loose>(rows.map((r) => [String(r.id), r]))
const linkKey = (l: Loose) => `${l.type} ${l.statement}`
const sorted = <T>(list: T[], key: (x: T) => string = (x) => JSON.stringify(x)) => [...list].sort((a, b) => key(a).localeCompare(key(b)))

/** The first and last day a partial date covers, worked out independently of the loader. */
function range (date: string | undefined): { dateStart: string | null, dateEnd: string | null } {
  if (!date) return { dateStart: null, dateEnd: null }
  const [y, m, d] = date.split('-').map(Number) as [number, number | undefined, number | undefined]
  if (d !== undefined) return { dateStart: date, dateEnd: date }
  const first = new Date(Date.UTC(y, (m ?? 1) - 1, 1))
  const nextPeriod = m === undefined ? new Date(Date.UTC(y + 1, 0, 1)) : new Date(Date.UTC(y, m, 1))
  return { dateStart: first.toISOString().slice(0, 10), dateEnd: new Date(nextPeriod.getTime() - 86_400_000).toISOString().slice(0, 10) }
}

describe('round trip: graph-seed JSON → Neo4j → the same values', () => {
  let app: FastifyInstance

  beforeAll(async () => {
    app = await buildSeedTestApp()
    await seedFixture(app.db, 'article', { by: 'seed-tests' })
  })
  afterAll(async () => {
    await seedFixture(app.db, 'articleFile', { by: 'seed-tests' })
    await app.close()
  })

  it('the graph holds exactly the records and relationships the JSON declares', async () => {
    expect((await snapshot(app.db)).counts).toEqual(expectedArticleCounts(seed))
  })

  it('the date range helper of this test is right (so the date checks below mean something)', () => {
    expect(range('2022-06')).toEqual({ dateStart: '2022-06-01', dateEnd: '2022-06-30' })
    expect(range('2024-02')).toEqual({ dateStart: '2024-02-01', dateEnd: '2024-02-29' })
    expect(range('2020')).toEqual({ dateStart: '2020-01-01', dateEnd: '2020-12-31' })
    expect(range('2022-06-28')).toEqual({ dateStart: '2022-06-28', dateEnd: '2022-06-28' })
  })

  it('every actor: name, kind, aliases, description', async () => {
    const rows = byId(await app.db.read(`
      MATCH (a:Actor) RETURN a.id AS id, a.name AS name, a.kind AS kind, a.aliases AS aliases,
        a.aliasText AS aliasText, a.description AS description`))
    expect([...rows.keys()].sort()).toEqual(seed.actors.map((a) => a.id).sort())
    for (const a of seed.actors) {
      expect(rows.get(a.id), a.id).toEqual({
        id: a.id,
        name: a.name,
        kind: a.kind,
        aliases: a.aliases ?? [],
        aliasText: (a.aliases ?? []).join(' | '),
        description: a.description ?? null,
      })
    }
  })

  it('every topic: name', async () => {
    const rows = await app.db.read('MATCH (t:Topic) RETURN t.id AS id, t.name AS name ORDER BY id')
    expect(rows).toEqual(sorted(seed.topics.map((t) => ({ id: t.id, name: t.name })), (t) => t.id))
  })

  it('every document: title, kind, date, publisher, authors in order, addressees', async () => {
    const rows = byId(await app.db.read(`
      MATCH (d:Document)
      RETURN d.id AS id, d.title AS title, d.kind AS kind, d.date AS date, d.datePrecision AS datePrecision,
        d.dateStart AS dateStart, d.dateEnd AS dateEnd, d.url AS url, d.note AS note,
        [(d)-[:PUBLISHED_BY]->(p:Actor) | p.id] AS publisher,
        [(d)-[r:AUTHORED_BY]->(a:Actor) | {actor: a.id, position: r.position}] AS authors,
        [(d)-[:ADDRESSED_TO]->(a:Actor) | a.id] AS addressees`))
    expect([...rows.keys()].sort()).toEqual(seed.documents.map((d) => d.id).sort())
    for (const d of seed.documents) {
      const r = rows.get(d.id)!
      expect({ ...r, authors: sorted(r.authors as Loose[], (a) => String(a.position).padStart(4, '0')), addressees: sorted(r.addressees as string[], String) }, d.id).toEqual({
        id: d.id,
        title: d.title,
        kind: d.kind,
        date: d.date ?? null,
        datePrecision: d.datePrecision,
        ...range(d.date),
        url: d.url ?? null,
        note: d.note ?? null,
        publisher: d.publisher ? [d.publisher] : [],
        authors: (d.authors ?? []).map((actor: string, position: number) => ({ actor, position })),
        addressees: sorted(d.addressees ?? [], String),
      })
    }
  })

  it('every affiliation: type, role, since, until', async () => {
    const rows = await app.db.read(`
      MATCH (a:Actor)-[r:AFFILIATED_WITH]->(o:Actor)
      RETURN a.id AS actor, o.id AS organisation, r.type AS type, r.role AS role, r.since AS since, r.until AS until`)
    const expected = seed.affiliations.map((a) => ({
      actor: a.actor, organisation: a.organisation, type: a.type, role: a.role ?? null, since: a.since ?? null, until: a.until ?? null,
    }))
    const key = (a: Loose) => `${a.actor} ${a.type} ${a.organisation}`
    expect(sorted(rows, key)).toEqual(sorted(expected, key))
  })

  describe('every statement', () => {
    let rows: Map<string, Loose>
    beforeAll(async () => {
      rows = byId(await app.db.read(`
        MATCH (s:Statement)
        RETURN s.id AS id, s.attribution AS attribution, s.verb AS verb, s.text AS text, s.date AS date,
          s.datePrecision AS datePrecision, s.dateStart AS dateStart, s.dateEnd AS dateEnd, s.note AS note,
          [(a:Actor)-[r:SAID]->(s) | {actor: a.id, role: r.role, position: r.position}] AS speakers,
          [(s)-[r:ABOUT]->(a:Actor) | {actor: a.id, stance: r.stance}] AS targets,
          [(s)-[:ON_TOPIC]->(t:Topic) | t.id] AS topics,
          [(s)-[r:REPORTED_IN]->(d:Document) | {document: d.id, evidence: {start: r.start, end: r.end, text: r.text, before: r.before, after: r.after}}] AS reportedIn,
          [(s)-[:ORIGINALLY_IN]->(d:Document) | d.id] AS originalDocument,
          [(s)-[r:RESPONDS_TO|CONTRADICTS|SUPPORTS|REPEATS]->(t:Statement) | {type: type(r), statement: t.id}] AS links`))
    })

    it('all of them, and no others', () => {
      expect([...rows.keys()].sort()).toEqual(seed.statements.map((s) => s.id).sort())
    })

    it.each(seed.statements.map((s: Loose) => [s.id, s] as const))('%s', (id, s) => {
      const r = rows.get(id)!
      expect(r, id).toBeDefined()
      expect({
        ...r,
        speakers: sorted(r.speakers as Loose[], (sp) => String(sp.position).padStart(4, '0')),
        targets: sorted(r.targets as Loose[], (t) => t.actor),
        topics: sorted(r.topics as string[], String),
        links: sorted(r.links as Loose[], linkKey),
      }).toEqual({
        id: s.id,
        attribution: s.attribution,
        verb: s.verb,
        text: s.text,
        date: s.date ?? null,
        datePrecision: s.datePrecision,
        ...range(s.date),
        note: s.note ?? null,
        // Speakers in their order: SAID.position is the index in the JSON.
        speakers: s.speakers.map((sp: Loose, position: number) => ({ actor: sp.actor, role: sp.role ?? null, position })),
        targets: sorted((s.targets ?? []).map((t: Loose) => ({ actor: t.actor, stance: t.stance })), (t: Loose) => t.actor),
        topics: sorted(s.topics ?? [], String),
        reportedIn: [s.reportedIn],
        originalDocument: s.originalDocument ? [s.originalDocument] : [],
        links: sorted((s.links ?? []).map((l: Loose) => ({ type: l.type.toUpperCase().replaceAll('-', '_'), statement: l.statement })), linkKey),
      })
    })
  })

  it('records say who wrote them, and when', async () => {
    const rows = await app.db.read(`
      MATCH (n) WHERE n:Actor OR n:Statement OR n:Document OR n:Topic
      RETURN count(n) AS n, collect(DISTINCT n.createdBy) AS createdBy, count(n.createdAt) AS createdAt, count(n.contentHash) AS hashes`)
    expect(rows).toEqual([{ n: seed.actors.length + seed.statements.length + seed.documents.length + seed.topics.length, createdBy: ['seed-tests'], createdAt: rows[0]!.n, hashes: rows[0]!.n }])
  })
})
