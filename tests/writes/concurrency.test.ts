// Concurrent writes: identical PUTs make one node; POSTs sharing an Idempotency-Key make one
// node and all answer its id; a burst of mixed reads and writes on a few ids never answers 5xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import {
  KEYS, countNodes, del, get, patch, post, put, restoreAndClose, statementBody, writesApp,
} from './support.js'

let app: FastifyInstance
beforeAll(async () => { app = await writesApp() })
afterAll(async () => { await restoreAndClose(app) })

const statusCounts = (responses: LightMyRequestResponse[]) => responses.reduce<Record<number, number>>((acc, r) => {
  acc[r.statusCode] = (acc[r.statusCode] ?? 0) + 1
  return acc
}, {})

describe('concurrent writes', () => {
  it('50 concurrent identical PUTs of a new actor: exactly one node, every answer 200 or 201 with the same body and ETag', async () => {
    const body = { name: 'Concurrent Put', kind: 'organisation', aliases: ['CP'], description: 'Written 50 times at once.' }
    const responses = await Promise.all(Array.from({ length: 50 }, () => put(app, '/v1/actors/concurrent-put', body)))
    const bad = responses.filter((r) => r.statusCode !== 200 && r.statusCode !== 201)
    expect(bad.map((r) => `${r.statusCode} ${r.body}`), JSON.stringify(statusCounts(responses))).toEqual([])
    // One of them created it; the others found it and had nothing to change.
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1)
    expect(new Set(responses.map((r) => r.headers.etag)).size).toBe(1)
    expect(new Set(responses.map((r) => r.body)).size).toBe(1)
    expect(await countNodes(app, 'Actor', 'concurrent-put')).toBe(1)
    const [row] = await app.db.read('MATCH (:Actor {id: "concurrent-put"})-[r]-() RETURN count(r) AS c')
    expect(row!.c).toBe(0)
  })

  it('50 concurrent identical PUTs of a new statement: one node, one set of relationships, one 201', async () => {
    const body = statementBody('carr-tiktok-not-just-another-video-app')
    const responses = await Promise.all(Array.from({ length: 50 }, () => put(app, '/v1/statements/concurrent-statement', body)))
    expect(responses.filter((r) => r.statusCode !== 200 && r.statusCode !== 201).map((r) => `${r.statusCode} ${r.body}`)).toEqual([])
    // PUTs of one id take turns (claimRecord): had they not, each that read before the first
    // committed would create it again (48-50 of the 50 answered 201) and re-create its
    // relationships while others read them back (a 500 now and then).
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1)
    expect(new Set(responses.map((r) => r.body)).size).toBe(1)
    expect(await countNodes(app, 'Statement', 'concurrent-statement')).toBe(1)
    const [row] = await app.db.read(`
      MATCH (s:Statement {id: "concurrent-statement"})
      RETURN COUNT { ()-[:SAID]->(s) } AS said, COUNT { (s)-[:ABOUT]->() } AS about, COUNT { (s)-[:ON_TOPIC]->() } AS topics,
             COUNT { (s)-[:REPORTED_IN]->() } AS reported, COUNT { (s)-[:SUPPORTS]->() } AS supports`)
    expect(row).toEqual({
      said: body.speakers.length,
      about: body.targets.length,
      topics: body.topics.length,
      reported: 1,
      supports: (body.links ?? []).filter((l) => l.type === 'supports').length,
    })
  })

  it('50 concurrent POSTs with one Idempotency-Key: exactly one node, and every answer names it', async () => {
    const body = { name: 'Concurrent Post', kind: 'group' }
    const responses = await Promise.all(Array.from({ length: 50 }, () => post(app, '/v1/actors', body, KEYS.editor, { 'idempotency-key': 'concurrent-post-key' })))
    expect(responses.filter((r) => r.statusCode !== 201).map((r) => `${r.statusCode} ${r.body}`), JSON.stringify(statusCounts(responses))).toEqual([])
    const ids = new Set(responses.map((r) => r.json().id as string))
    expect(ids.size).toBe(1)
    const [id] = [...ids]
    expect(new Set(responses.map((r) => r.headers.location))).toEqual(new Set([`/v1/actors/${id!}`]))
    const rows = await app.db.read('MATCH (a:Actor {name: "Concurrent Post"}) RETURN a.id AS id')
    expect(rows.map((r) => r.id)).toEqual([id])
    const [keys] = await app.db.read('MATCH (k:IdempotencyKey) WHERE k.key ENDS WITH ":concurrent-post-key" RETURN count(k) AS c')
    expect(keys!.c).toBe(1)
  })

  it('200 concurrent mixed reads and writes (PUT, PATCH, POST, DELETE, GET) on a few ids: no 5xx, no duplicate nodes', async () => {
    const ids = ['mix-a', 'mix-b', 'mix-c']
    const requests: Array<() => Promise<LightMyRequestResponse>> = []
    for (let i = 0; i < 200; i++) {
      const id = ids[i % ids.length]!
      switch (i % 10) {
        case 0: case 1:
          requests.push(() => put(app, `/v1/actors/${id}`, { name: `Mix ${id}`, kind: 'person', description: `v${i}`, affiliations: [{ organisation: 'tiktok', type: 'works-for', role: `r${i % 3}` }] }))
          break
        case 2:
          requests.push(() => patch(app, `/v1/actors/${id}`, { description: `patched ${i}` }))
          break
        case 3:
          requests.push(() => post(app, '/v1/actors', { id, name: `Mix ${id}`, kind: 'person' }))
          break
        case 4:
          requests.push(() => put(app, `/v1/statements/${id}-said`, statementBody('blackburn-tiktok-should-have-come-clean', {
            speakers: [{ actor: id, role: 'mixer' }], targets: [{ actor: 'tiktok', stance: i % 2 ? 'critical' : 'neutral' }], links: undefined,
          })))
          break
        case 5:
          requests.push(() => del(app, i % 20 === 5 ? `/v1/actors/${id}?cascade=true` : `/v1/statements/${id}-said`))
          break
        case 6:
          requests.push(() => post(app, '/v1/actors', { name: `Mix posted ${Math.floor(i / 10) % 4}`, kind: 'group' }, KEYS.other, { 'idempotency-key': `mix-${Math.floor(i / 10) % 4}` }))
          break
        case 7:
          requests.push(() => get(app, `/v1/actors/${id}`))
          break
        case 8:
          requests.push(() => get(app, `/v1/actors/tiktok/mentions?speaker=${id}`))
          break
        default:
          requests.push(() => get(app, '/v1/statements?about=tiktok&limit=100'))
      }
    }
    const responses = await Promise.all(requests.map((r) => r()))
    const serverErrors = responses.filter((r) => r.statusCode >= 500).map((r) => `${r.statusCode} ${r.body.slice(0, 300)}`)
    expect(serverErrors, JSON.stringify(statusCounts(responses))).toEqual([])
    // every answer is one the API documents for its operation
    for (const r of responses) expect([200, 201, 204, 404, 409, 422], r.body).toContain(r.statusCode)
    for (const id of ids) {
      expect(await countNodes(app, 'Actor', id)).toBeLessThanOrEqual(1)
      expect(await countNodes(app, 'Statement', `${id}-said`)).toBeLessThanOrEqual(1)
    }
    for (let k = 0; k < 4; k++) {
      const rows = await app.db.read('MATCH (a:Actor {name: $name}) RETURN count(a) AS c', { name: `Mix posted ${k}` })
      expect(rows[0]!.c, `Mix posted ${k}`).toBe(1)
    }
    // what survived reads back consistently
    for (const id of ids) {
      const res = await get(app, `/v1/actors/${id}`)
      expect([200, 404]).toContain(res.statusCode)
      if (res.statusCode === 200) {
        const out = res.json().affiliations.filter((a: { direction: string }) => a.direction === 'outgoing')
        expect(out.length).toBeLessThanOrEqual(1)
      }
    }
  }, 120_000)
})
