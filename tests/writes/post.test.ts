// POST /v1/actors|statements|documents: a generated id (201 + Location), Idempotency-Key (same
// key and body: same id, one node; same key, other body: 422), explicit existing id: 409.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import {
  KEYS, dbCounts, expectProblem, fieldNames, get, post, restoreAndClose, stats, statementBody, writesApp,
} from './support.js'

let app: FastifyInstance
beforeAll(async () => { app = await writesApp() })
afterAll(async () => { await restoreAndClose(app) })

async function actorsNamed (name: string): Promise<string[]> {
  const rows = await app.db.read('MATCH (a:Actor {name: $name}) RETURN a.id AS id ORDER BY id', { name })
  return rows.map((r) => String(r.id))
}

describe('POST with a generated id', () => {
  it('creates an actor: 201, Location of the new id (slug of the name + 8 hex), ETag, the body GET answers', async () => {
    const before = await stats(app)
    const res = await post(app, '/v1/actors', { name: 'Zoë Ünïcode-Smith', kind: 'person', aliases: ['Z.'] })
    expect(res.statusCode, res.body).toBe(201)
    const id = res.json().id as string
    expect(id).toMatch(/^zoe-unicode-smith-[0-9a-f]{8}$/)
    expect(res.headers.location).toBe(`/v1/actors/${id}`)
    expect(res.headers.etag).toMatch(/^W\//)
    const read = await get(app, String(res.headers.location))
    expect(read.statusCode).toBe(200)
    expect(read.json()).toEqual(res.json())
    expect(read.headers.etag).toBe(res.headers.etag)
    expect((await stats(app)).nodes.Actor).toBe(before.nodes.Actor! + 1)
  })

  it('two POSTs of the same body without a key create two actors with different ids', async () => {
    const a = await post(app, '/v1/actors', { name: 'Twin Actor', kind: 'group' })
    const b = await post(app, '/v1/actors', { name: 'Twin Actor', kind: 'group' })
    expect(a.statusCode).toBe(201)
    expect(b.statusCode).toBe(201)
    expect(a.json().id).not.toBe(b.json().id)
    expect(await actorsNamed('Twin Actor')).toEqual([a.json().id, b.json().id].sort())
  })

  it('creates a statement (id from its text) and a document (id from its title)', async () => {
    const s = await post(app, '/v1/statements', statementBody('blackburn-urged-tiktok-testify-before-congress'))
    expect(s.statusCode, s.body).toBe(201)
    expect(s.json().id).toMatch(/^tiktok-should-testify-before-congress-[0-9a-f]{8}$/)
    expect(s.headers.location).toBe(`/v1/statements/${s.json().id as string}`)
    expect((await get(app, String(s.headers.location))).statusCode).toBe(200)

    const d = await post(app, '/v1/documents', { title: 'Memo: "Data" & <access>', kind: 'other', datePrecision: 'unknown' })
    expect(d.statusCode, d.body).toBe(201)
    expect(d.json().id).toMatch(/^memo-data-access-[0-9a-f]{8}$/)
    expect(d.headers.location).toBe(`/v1/documents/${d.json().id as string}`)
  })

  it('a name without letters or digits still gets a valid id', async () => {
    const res = await post(app, '/v1/actors', { name: '☃ ✓ ★', kind: 'group' })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  })

  it('an explicit new id is used; an explicit existing id is 409 and changes nothing', async () => {
    const created = await post(app, '/v1/actors', { id: 'posted-with-id', name: 'Posted', kind: 'person' })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.headers.location).toBe('/v1/actors/posted-with-id')

    const before = await get(app, '/v1/actors/tiktok')
    const counts = await dbCounts(app)
    const res = await post(app, '/v1/actors', { id: 'tiktok', name: 'Not TikTok', kind: 'person' })
    const body = expectProblem(res, 409, 'conflict')
    expect(body.detail).toContain('PUT /v1/actors/tiktok')
    const after = await get(app, '/v1/actors/tiktok')
    expect(after.json()).toEqual(before.json())
    expect(await dbCounts(app)).toEqual(counts)

    expectProblem(await post(app, '/v1/statements', { ...statementBody('blackburn-tiktok-should-have-come-clean'), id: 'blackburn-tiktok-should-have-come-clean' }), 409, 'conflict')
    expectProblem(await post(app, '/v1/documents', { id: 'buzzfeed-report', title: 'x', kind: 'other', datePrecision: 'unknown' }), 409, 'conflict')
  })

  it('validation is the same as PUT: 400 bad fields, 422 unknown references', async () => {
    const counts = await dbCounts(app)
    expect(fieldNames(expectProblem(await post(app, '/v1/actors', { name: 'x', kind: 'alien' }), 400))).toContain('body.kind')
    expect(fieldNames(expectProblem(await post(app, '/v1/statements', statementBody('blackburn-tiktok-should-have-come-clean', { topics: ['ghost'] })), 422)))
      .toEqual(['body.topics[0]'])
    expect(await dbCounts(app)).toEqual(counts)
  })
})

describe('POST with an Idempotency-Key', () => {
  it('the same key and body twice: the same id and Location, and only one node', async () => {
    const body = { name: 'Idempotent Person', kind: 'person' }
    const first = await post(app, '/v1/actors', body, KEYS.editor, { 'idempotency-key': 'create-idempotent-person-1' })
    expect(first.statusCode, first.body).toBe(201)
    const counts = await dbCounts(app)
    const second = await post(app, '/v1/actors', body, KEYS.editor, { 'idempotency-key': 'create-idempotent-person-1' })
    expect(second.statusCode, second.body).toBe(201)
    expect(second.json().id).toBe(first.json().id)
    expect(second.headers.location).toBe(first.headers.location)
    expect(second.headers.etag).toBe(first.headers.etag)
    expect(await actorsNamed('Idempotent Person')).toEqual([first.json().id])
    expect(await dbCounts(app)).toEqual(counts)
  })

  it('the same key with another body is 422 naming the header, and creates nothing', async () => {
    const first = await post(app, '/v1/actors', { name: 'Keyed Once', kind: 'person' }, KEYS.editor, { 'idempotency-key': 'keyed-once' })
    expect(first.statusCode).toBe(201)
    const counts = await dbCounts(app)
    const res = await post(app, '/v1/actors', { name: 'Keyed Twice', kind: 'person' }, KEYS.editor, { 'idempotency-key': 'keyed-once' })
    const body = expectProblem(res, 422, 'unprocessable')
    expect(fieldNames(body)).toEqual(['headers.idempotency-key'])
    expect(await actorsNamed('Keyed Twice')).toEqual([])
    expect(await dbCounts(app)).toEqual(counts)
  })

  it('keys belong to one API key: another key with the same Idempotency-Key creates its own resource', async () => {
    const body = { name: 'Per Key Person', kind: 'person' }
    const mine = await post(app, '/v1/actors', body, KEYS.editor, { 'idempotency-key': 'shared-key-name' })
    const theirs = await post(app, '/v1/actors', body, KEYS.other, { 'idempotency-key': 'shared-key-name' })
    expect(mine.statusCode).toBe(201)
    expect(theirs.statusCode).toBe(201)
    expect(theirs.json().id).not.toBe(mine.json().id)
    expect((await actorsNamed('Per Key Person')).length).toBe(2)
  })

  it('a failed request does not use up the key: after a 422 for an unknown reference the corrected body may use it', async () => {
    const bad = await post(app, '/v1/statements', statementBody('blackburn-tiktok-should-have-come-clean', { targets: [{ actor: 'ghost', stance: 'neutral' }] }), KEYS.editor, { 'idempotency-key': 'fix-and-retry' })
    expectProblem(bad, 422)
    const good = await post(app, '/v1/statements', statementBody('blackburn-tiktok-should-have-come-clean'), KEYS.editor, { 'idempotency-key': 'fix-and-retry' })
    expect(good.statusCode, good.body).toBe(201)
  })

  it('an invalid Idempotency-Key header is 400 naming it', async () => {
    for (const key of ['has spaces', 'x'.repeat(201), 'tab\there']) {
      const res = await post(app, '/v1/actors', { name: 'Bad Key', kind: 'person' }, KEYS.editor, { 'idempotency-key': key })
      expect(fieldNames(expectProblem(res, 400, 'invalid-parameters'))).toEqual(['headers.idempotency-key'])
    }
    expect(await actorsNamed('Bad Key')).toEqual([])
  })
})
