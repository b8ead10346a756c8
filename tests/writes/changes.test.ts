// Who changed what: createdBy / updatedBy / updatedAt on every written node, and the change feed
// GET /v1/changes?since=... (created, updated, deleted; oldest first; cursor pagination).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { resetGraph } from '../../src/repositories/writer.js'
import { seedArticle } from '../support/fixtures.js'
import {
  KEYS, del, expectProblem, fieldNames, get, getOk, patch, post, put, restoreAndClose, statementBody, writesApp,
} from './support.js'

let app: FastifyInstance
beforeAll(async () => { app = await writesApp() })
afterAll(async () => { await restoreAndClose(app) })

interface Change { id: string, type: string, change: 'created' | 'updated' | 'deleted', at: string, by: string | null }
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A moment strictly after everything written so far. */
async function now (): Promise<string> {
  await sleep(5)
  const t = new Date().toISOString()
  await sleep(5)
  return t
}

async function changes (since: string, extra = ''): Promise<Change[]> {
  const body = await getOk<{ items: Change[], next: string | null }>(app, `/v1/changes?since=${encodeURIComponent(since)}&limit=100${extra}`)
  expect(body.next).toBeNull()
  return body.items
}

async function stamps (label: string, id: string) {
  const [row] = await app.db.read(`MATCH (n:${label} {id: $id}) RETURN n.createdBy AS createdBy, n.updatedBy AS updatedBy, toString(n.createdAt) AS createdAt, toString(n.updatedAt) AS updatedAt`, { id })
  return row as { createdBy: string, updatedBy: string, createdAt: string, updatedAt: string }
}

describe('createdBy, updatedBy, updatedAt', () => {
  it('a PUT by the key named editor stamps createdBy/updatedBy editor and the time', async () => {
    const t0 = await now()
    expect((await put(app, '/v1/actors/stamped-actor', { name: 'Stamped', kind: 'person' }, KEYS.editor)).statusCode).toBe(201)
    const t1 = await now()
    const s = await stamps('Actor', 'stamped-actor')
    expect(s.createdBy).toBe('editor')
    expect(s.updatedBy).toBe('editor')
    expect(new Date(s.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(t0).getTime())
    expect(new Date(s.updatedAt).getTime()).toBeLessThanOrEqual(new Date(t1).getTime())
    expect(s.createdAt).toBe(s.updatedAt)
  })

  it('a PATCH by another key changes updatedBy and updatedAt, not createdBy or createdAt', async () => {
    const before = await stamps('Actor', 'stamped-actor')
    await sleep(5)
    expect((await patch(app, '/v1/actors/stamped-actor', { description: 'patched' }, KEYS.other)).statusCode).toBe(200)
    const after = await stamps('Actor', 'stamped-actor')
    expect(after.createdBy).toBe('editor')
    expect(after.updatedBy).toBe('other')
    expect(after.createdAt).toBe(before.createdAt)
    expect(new Date(after.updatedAt).getTime()).toBeGreaterThan(new Date(before.updatedAt).getTime())
  })

  it('a PUT that changes nothing leaves the stamps alone', async () => {
    const before = await stamps('Actor', 'stamped-actor')
    expect((await put(app, '/v1/actors/stamped-actor', { name: 'Stamped', kind: 'person', description: 'patched' }, KEYS.admin)).statusCode).toBe(200)
    expect(await stamps('Actor', 'stamped-actor')).toEqual(before)
  })

  it('statements, documents and imported topics are stamped too', async () => {
    await post(app, '/v1/import', { topics: [{ id: 'stamped-topic', name: 'Stamped topic' }] }, KEYS.other)
    await put(app, '/v1/documents/stamped-document', { title: 'Stamped', kind: 'other', datePrecision: 'unknown' }, KEYS.editor)
    await put(app, '/v1/statements/stamped-statement', statementBody('blackburn-tiktok-should-have-come-clean', { links: undefined }), KEYS.admin)
    expect((await stamps('Topic', 'stamped-topic')).createdBy).toBe('other')
    expect((await stamps('Document', 'stamped-document')).createdBy).toBe('editor')
    expect((await stamps('Statement', 'stamped-statement')).createdBy).toBe('boss')
  })
})

describe('GET /v1/changes', () => {
  it('lists a creation, then an update, then a deletion, with who did it, oldest first', async () => {
    await seedArticle(app.db)
    const t0 = await now()
    expect(await changes(t0)).toEqual([])

    await put(app, '/v1/actors/feed-actor', { name: 'Feed', kind: 'group' }, KEYS.editor)
    let items = await changes(t0)
    expect(items).toEqual([{ id: 'feed-actor', type: 'actor', change: 'created', at: expect.any(String), by: 'editor' }])
    expect(new Date(items[0]!.at).getTime()).toBeGreaterThanOrEqual(new Date(t0).getTime())

    await patch(app, '/v1/actors/feed-actor', { description: 'now updated' }, KEYS.other)
    items = await changes(t0)
    expect(items.map((c) => `${c.type} ${c.id} ${c.change} ${c.by}`)).toEqual(['actor feed-actor updated other'])

    await del(app, '/v1/actors/feed-actor', KEYS.admin)
    items = await changes(t0)
    expect(items.map((c) => `${c.type} ${c.id} ${c.change} ${c.by}`)).toEqual(['actor feed-actor deleted boss'])

    // a cascade lists every statement it deleted
    const t1 = await now()
    expect((await del(app, '/v1/actors/brendan-carr?cascade=true')).statusCode).toBe(204)
    items = await changes(t1)
    expect(items.filter((c) => c.type === 'actor').map((c) => `${c.id} ${c.change}`)).toEqual(['brendan-carr deleted'])
    expect(items.filter((c) => c.type === 'statement').map((c) => c.id).sort()).toEqual([
      'carr-harvests-swaths-of-sensitive-data', 'carr-tiktok-not-just-another-video-app', 'carr-urged-apple-google-remove-tiktok',
    ])
    expect(items.every((c) => c.change === 'deleted' && c.by === 'editor')).toBe(true)
    // the statement Carr shared with the senators was unlinked, not deleted
    expect(items.map((c) => c.id)).not.toContain('senators-regulator-app-national-security-risk')
    // oldest first
    const all = await changes(t0)
    const times = all.map((c) => new Date(c.at).getTime())
    expect([...times].sort((a, b) => a - b)).toEqual(times)
  })

  it('does not list a PUT that changed nothing', async () => {
    const t0 = await now()
    const chew = await getOk(app, '/v1/actors/shou-zi-chew')
    const { id: _id, affiliations: _a, counts: _c, ...rest } = chew
    const res = await put(app, '/v1/actors/shou-zi-chew', {
      ...rest,
      affiliations: [{ organisation: 'tiktok', type: 'ceo-of', role: 'chief executive' }],
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(await changes(t0)).toEqual([])
  })

  it('pages with a cursor: every change exactly once, in order, with Link rel="next"', async () => {
    const t0 = await now()
    const ids = ['page-a', 'page-b', 'page-c', 'page-d', 'page-e']
    for (const id of ids) {
      expect((await put(app, `/v1/actors/${id}`, { name: id, kind: 'group' })).statusCode).toBe(201)
    }
    const seen: string[] = []
    let url = `/v1/changes?since=${encodeURIComponent(t0)}&limit=2`
    for (let pageNo = 0; pageNo < 10; pageNo++) {
      const res = await get(app, url)
      expect(res.statusCode, res.body).toBe(200)
      const body = res.json() as { items: Change[], next: string | null }
      expect(body.items.length).toBeLessThanOrEqual(2)
      seen.push(...body.items.map((c) => c.id))
      if (body.next === null) {
        expect(res.headers.link).toBeUndefined()
        break
      }
      const match = /^<([^>]+)>; rel="next"$/.exec(String(res.headers.link))
      expect(match, String(res.headers.link)).not.toBeNull()
      expect(new URL(match![1]!, 'http://x').searchParams.get('cursor')).toBe(body.next)
      url = match![1]!
    }
    expect(seen).toEqual(ids)
  })

  it('since in the future lists nothing', async () => {
    expect(await changes('2999-01-01T00:00:00Z')).toEqual([])
  })

  it('a bad, missing or zone-less since is 400 naming querystring.since; bad limit and cursor are 400', async () => {
    for (const since of ['yesterday', '2026-13-01T00:00:00Z', "'}) DETACH DELETE n //", '2026-01-01', '']) {
      const res = await get(app, `/v1/changes?since=${encodeURIComponent(since)}`)
      expect(fieldNames(expectProblem(res, 400, 'invalid-parameters')), since).toEqual(['querystring.since'])
    }
    expect(fieldNames(expectProblem(await get(app, '/v1/changes'), 400))).toEqual(['querystring.since'])
    expect(fieldNames(expectProblem(await get(app, '/v1/changes?since=2020-01-01T00:00:00Z&limit=0'), 400))).toEqual(['querystring.limit'])
    expect(fieldNames(expectProblem(await get(app, '/v1/changes?since=2020-01-01T00:00:00Z&limit=101'), 400))).toEqual(['querystring.limit'])
    expect(fieldNames(expectProblem(await get(app, '/v1/changes?since=2020-01-01T00:00:00Z&cursor=abc'), 400))).toEqual(['querystring.cursor'])
  })
})

describe('the change feed and graph resets', () => {
  it('resetGraph removes the Deletion records too (the feed does not list deletions from before the reset)', async () => {
    const t0 = await now()
    expect((await del(app, '/v1/statements/blackburn-tiktok-should-have-come-clean')).statusCode).toBe(204)
    await resetGraph(app.db)
    const [left] = await app.db.read('MATCH (n) RETURN count(n) AS c')
    // Before 3c1f5a1 resetGraph listed `n:Change` (no such label) instead of `n:Deletion`.
    expect(left!.c).toBe(0)
    await seedArticle(app.db)
    const items = await changes(t0)
    expect(items.filter((c) => c.change === 'deleted')).toEqual([])
  })
})
