// PATCH with application/merge-patch+json (RFC 7396): change a field, remove an optional one with
// null, If-Match against the current ETag (412 when stale), 404 for an unknown id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import {
  KEYS, dbCounts, expectProblem, fieldNames, get, getOk, patch, restoreAndClose, send, stats, writesApp,
} from './support.js'

let app: FastifyInstance
beforeAll(async () => { app = await writesApp() })
afterAll(async () => { await restoreAndClose(app) })

const STATEMENT = 'blackburn-tiktok-should-have-come-clean'

describe('PATCH an actor', () => {
  it('changes one field and keeps every other one (aliases, affiliations, counts)', async () => {
    const before = await getOk(app, '/v1/actors/brendan-carr')
    const beforeStats = await stats(app)
    const res = await patch(app, '/v1/actors/brendan-carr', { description: 'Commissioner of the FCC (patched).' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers.etag).toMatch(/^W\//)
    expect(res.json()).toEqual({ ...before, description: 'Commissioner of the FCC (patched).' })
    const read = await get(app, '/v1/actors/brendan-carr')
    expect(read.json()).toEqual(res.json())
    expect(read.headers.etag).toBe(res.headers.etag)
    expect(await stats(app)).toEqual(beforeStats)
  })

  it('removes an optional field with null', async () => {
    const before = await getOk(app, '/v1/actors/brendan-carr')
    expect(before.aliases.length).toBeGreaterThan(0)
    const res = await patch(app, '/v1/actors/brendan-carr', { description: null, aliases: null })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({ ...before, description: null, aliases: [] })
    const [row] = await app.db.read('MATCH (a:Actor {id: "brendan-carr"}) RETURN a.description AS d')
    expect(row!.d).toBeNull()
  })

  it('a patch field that breaks its schema is 400 naming it, like the same value in a PUT; a patch that leaves the record incomplete is 422; nothing changes', async () => {
    const before = await get(app, '/v1/actors/brendan-carr')
    const put = await send(app, { method: 'PUT', url: '/v1/actors/brendan-carr', key: KEYS.editor, body: { name: 'Brendan Carr', kind: 'robot' } })
    expect(fieldNames(expectProblem(put, 400, 'invalid-parameters'))).toContain('body.kind')
    const bad = await patch(app, '/v1/actors/brendan-carr', { kind: 'robot' })
    expect(fieldNames(expectProblem(bad, 400, 'invalid-parameters'))).toEqual(['body.kind'])
    // Removing a required field is a well-formed patch whose result is unprocessable (RFC 5789).
    const noName = await patch(app, '/v1/actors/brendan-carr', { name: null })
    expect(fieldNames(expectProblem(noName, 422, 'unprocessable'))).toEqual(['body.name'])
    expect((await get(app, '/v1/actors/brendan-carr')).headers.etag).toBe(before.headers.etag)
  })

  it('patching affiliations replaces the list (merge patch replaces arrays)', async () => {
    const res = await patch(app, '/v1/actors/brendan-carr', { affiliations: [{ organisation: 'fcc', type: 'commissioner-of', role: 'commissioner' }] })
    expect(res.statusCode, res.body).toBe(200)
    const out = res.json().affiliations.filter((a: { direction: string }) => a.direction === 'outgoing')
    expect(out.map((a: { type: string, actor: { id: string } }) => `${a.type} ${a.actor.id}`)).toEqual(['commissioner-of fcc'])
  })
})

describe('PATCH a statement and a document', () => {
  it('changes a statement\'s verb and removes its note; speakers, targets, topics, evidence and links stay', async () => {
    const before = await getOk(app, `/v1/statements/${STATEMENT}`)
    expect(before.note).not.toBeNull()
    const beforeStats = await stats(app)
    const res = await patch(app, `/v1/statements/${STATEMENT}`, { verb: 'insisted', note: null })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({ ...before, verb: 'insisted', note: null })
    expect(await stats(app)).toEqual(beforeStats)
  })

  it('changes a document\'s title and removes its note', async () => {
    const before = await getOk(app, '/v1/documents/buzzfeed-report')
    const res = await patch(app, '/v1/documents/buzzfeed-report', { title: 'The BuzzFeed report', note: null })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({ ...before, title: 'The BuzzFeed report', note: null })
    // the statement that was first made in it shows the new title
    const s = await getOk(app, '/v1/statements/buzzfeed-china-based-employees-accessed-data')
    expect(s.originalDocument.title).toBe('The BuzzFeed report')
  })

  it('a patch with an unknown reference is 422 naming it, and nothing changes', async () => {
    const before = await get(app, `/v1/statements/${STATEMENT}`)
    const res = await patch(app, `/v1/statements/${STATEMENT}`, { topics: ['no-such-topic'] })
    expect(fieldNames(expectProblem(res, 422, 'unprocessable'))).toEqual(['body.topics[0]'])
    expect((await get(app, `/v1/statements/${STATEMENT}`)).headers.etag).toBe(before.headers.etag)
  })
})

describe('PATCH with If-Match', () => {
  it('the current ETag is 200; a stale one is 412 and changes nothing; * matches any', async () => {
    const current = await get(app, '/v1/actors/fcc')
    const etag = String(current.headers.etag)
    const ok = await patch(app, '/v1/actors/fcc', { description: 'v2' }, KEYS.editor, { 'if-match': etag })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json().description).toBe('v2')
    expect(ok.headers.etag).not.toBe(etag)

    const countsBefore = await dbCounts(app)
    const stale = await patch(app, '/v1/actors/fcc', { description: 'v3' }, KEYS.editor, { 'if-match': etag })
    const body = expectProblem(stale, 412, 'precondition-failed')
    expect(body.detail).toContain(String(ok.headers.etag))
    const now = await get(app, '/v1/actors/fcc')
    expect(now.json().description).toBe('v2')
    expect(now.headers.etag).toBe(ok.headers.etag)
    expect(await dbCounts(app)).toEqual(countsBefore)

    const listed = await patch(app, '/v1/actors/fcc', { description: 'v3' }, KEYS.editor, { 'if-match': `${etag}, ${String(ok.headers.etag)}` })
    expect(listed.statusCode, listed.body).toBe(200)
    const star = await patch(app, '/v1/actors/fcc', { description: 'v4' }, KEYS.editor, { 'if-match': '*' })
    expect(star.statusCode).toBe(200)
    expect(star.json().description).toBe('v4')
  })

  it('If-Match on an unknown id is 404', async () => {
    expectProblem(await patch(app, '/v1/actors/nobody-here', { description: 'x' }, KEYS.editor, { 'if-match': '*' }), 404, 'not-found')
  })
})

describe('PATCH errors', () => {
  it('an unknown id is 404 for each collection, and nothing is created', async () => {
    const field: Record<string, string> = { actors: 'description', statements: 'note', documents: 'note' }
    for (const c of ['actors', 'statements', 'documents']) {
      const res = await patch(app, `/v1/${c}/no-such-thing`, { [field[c]!]: 'x' })
      expectProblem(res, 404, 'not-found')
      expect((await get(app, `/v1/${c}/no-such-thing`)).statusCode).toBe(404)
    }
  })

  it('a body that is not a JSON object is 400', async () => {
    for (const payload of ['null', '[]', '"text"', '42', '{not json']) {
      expectProblem(await patch(app, '/v1/actors/fcc', payload), 400)
    }
  })

  it('an unsupported content type is 415', async () => {
    const res = await send(app, { method: 'PATCH', url: '/v1/actors/fcc', key: KEYS.editor, body: '<x/>', headers: { 'content-type': 'application/xml' } })
    expectProblem(res, 415, 'unsupported-media-type')
  })

  it('affiliations patched to a non-array are 400 naming body.affiliations, not 500', async () => {
    const before = await dbCounts(app)
    for (const affiliations of ['x', { organisation: 'tiktok' }, 42]) {
      const res = await patch(app, '/v1/actors/fcc', { affiliations })
      expect(res.statusCode, `affiliations=${JSON.stringify(affiliations)}: ${res.body}`).toBe(400)
      expect(fieldNames(res.json())).toContain('body.affiliations')
    }
    expect(await dbCounts(app)).toEqual(before)
  })
})
