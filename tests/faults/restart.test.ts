// Neo4j restarted under load: reads answer 503 problem+json with Retry-After while it is down and
// recover by themselves; every write acknowledged with 2xx survives; nothing is half-written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { startLocalNeo4j, stopLocalNeo4j } from '../../src/local-neo4j/launcher.js'
import { hashKey } from '../../src/lib/api-keys.js'
import { resetGraph } from '../../src/repositories/writer.js'
import { buildTestApp } from '../helpers.js'
import { OUTAGE_NEO4J } from '../neo4j-instances.js'

const KEY = 'restart-test-key'
const AUTH = { authorization: `Bearer ${KEY}` }
const TEXT = 'Alice said the sky is green. Bob said it is not.'

const statementBody = (speaker: string) => ({
  speakers: [{ actor: speaker }],
  attribution: 'paraphrase',
  verb: 'said',
  text: 'The sky is green.',
  datePrecision: 'unknown',
  targets: [{ actor: 'bob', stance: 'critical' }],
  reportedIn: { document: 'sky-report', evidence: { start: 0, end: 28, text: 'Alice said the sky is green.', before: '', after: ' Bob said it is not.' } },
})

interface Event { at: number, kind: 'read' | 'write', status: number, id?: string, retryAfter?: string, problem?: boolean }

describe('Neo4j restart during reads and writes', () => {
  let app: FastifyInstance
  beforeAll(async () => {
    const { uri } = await startLocalNeo4j(OUTAGE_NEO4J)
    app = await buildTestApp({ API_KEYS: `restart:write:${hashKey(KEY)}`, RATE_LIMIT_MAX: '1000000' }, uri)
    await resetGraph(app.db)
    for (const [id, name] of [['alice', 'Alice'], ['bob', 'Bob']]) {
      expect((await app.inject({ method: 'PUT', url: `/v1/actors/${id}`, headers: AUTH, payload: { name, kind: 'person' } })).statusCode).toBe(201)
    }
    expect((await app.inject({ method: 'PUT', url: '/v1/documents/sky-report', headers: AUTH, payload: { title: 'Sky report', kind: 'report', datePrecision: 'unknown', text: TEXT } })).statusCode).toBe(201)
  }, 300_000)
  afterAll(async () => {
    await app?.close()
    await stopLocalNeo4j(OUTAGE_NEO4J.home)
  })

  it('keeps every acknowledged write and recovers without a restart of the API', async () => {
    const t0 = Date.now()
    const events: Event[] = []
    const state = { running: true }
    let n = 0
    // Bounded load: one write and one read at a time, until told to stop (at most ~3 minutes).
    const loop = (async () => {
      while (state.running && Date.now() - t0 < 180_000) {
        const id = `restart-${n++}`
        const w = await app.inject({ method: 'PUT', url: `/v1/statements/${id}`, headers: AUTH, payload: statementBody('alice') })
        events.push({ at: Date.now() - t0, kind: 'write', status: w.statusCode, id })
        const r = await app.inject({ method: 'GET', url: '/v1/statements?speaker=alice&limit=5' })
        events.push({
          at: Date.now() - t0,
          kind: 'read',
          status: r.statusCode,
          retryAfter: r.headers['retry-after'] as string | undefined,
          problem: String(r.headers['content-type']).startsWith('application/problem+json'),
        })
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    })()

    await new Promise((resolve) => setTimeout(resolve, 2_000))
    const stopAt = Date.now() - t0
    await stopLocalNeo4j(OUTAGE_NEO4J.home)
    const stoppedAt = Date.now() - t0
    // Stay down long enough for reads to see it.
    while (!events.some((e) => e.kind === 'read' && e.at > stoppedAt && e.status === 503)) {
      await new Promise((resolve) => setTimeout(resolve, 200))
      if (Date.now() - t0 > 120_000) break
    }
    const startAt = Date.now() - t0
    await startLocalNeo4j(OUTAGE_NEO4J)
    const upAt = Date.now() - t0
    while (!events.some((e) => e.kind === 'read' && e.at > upAt && e.status === 200)) {
      await new Promise((resolve) => setTimeout(resolve, 200))
      if (Date.now() - t0 > 170_000) break
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    state.running = false
    await loop

    const reads = events.filter((e) => e.kind === 'read')
    const writes = events.filter((e) => e.kind === 'write')
    const firstDown = reads.find((e) => e.at > stopAt && e.status === 503)
    const firstBack = reads.find((e) => e.at > upAt && e.status === 200)
    console.log(JSON.stringify({
      timelineMs: { stopRequested: stopAt, stopped: stoppedAt, firstRead503: firstDown?.at, startRequested: startAt, started: upAt, firstRead200After: firstBack?.at },
      reads: { total: reads.length, ok: reads.filter((e) => e.status === 200).length, unavailable: reads.filter((e) => e.status === 503).length },
      writes: { total: writes.length, acknowledged: writes.filter((e) => e.status < 300).length, unavailable: writes.filter((e) => e.status === 503).length },
    }))

    // Reads: 200 or 503 problem+json with Retry-After, nothing else; and they came back.
    expect(firstDown).toBeDefined()
    expect(firstBack).toBeDefined()
    for (const e of reads) {
      expect([200, 503]).toContain(e.status)
      if (e.status === 503) {
        expect(e.problem).toBe(true)
        expect(e.retryAfter).toBe('5')
      }
    }
    // Writes: acknowledged or refused with 503, never another error.
    for (const e of writes) expect([200, 201, 503]).toContain(e.status)

    // Every acknowledged write is there afterwards, whole.
    const acknowledged = writes.filter((e) => e.status < 300).map((e) => e.id!)
    expect(acknowledged.length).toBeGreaterThan(0)
    const rows = await app.db.read(`
      MATCH (s:Statement) WHERE s.id STARTS WITH 'restart-'
      RETURN s.id AS id, COUNT { (:Actor {id: 'alice'})-[:SAID]->(s) } AS said,
        COUNT { (s)-[:ABOUT]->(:Actor {id: 'bob'}) } AS about, COUNT { (s)-[:REPORTED_IN]->(:Document {id: 'sky-report'}) } AS reported`)
    const stored = new Map(rows.map((r) => [String(r.id), r]))
    for (const id of acknowledged) expect(stored.has(id), `acknowledged write ${id} is missing`).toBe(true)
    // Nothing half-written: every statement there (acknowledged or not) has all its relationships.
    for (const r of rows) expect([r.said, r.about, r.reported], String(r.id)).toEqual([1, 1, 1])
  }, 240_000)
})
