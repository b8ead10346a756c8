// DELETE /v1/actors|statements|documents/{id}: 409 while statements depend on it, cascade=true
// deletes what depends on it (an actor's sole statements; a document's reported statements),
// 404 for unknown ids. Expected counts are computed from graph-seed/, not from the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { seedArticle } from '../support/fixtures.js'
import {
  ARTICLE_ID, article, dbCounts, del, expectProblem, expectedStats, fieldNames, get, getOk, restoreAndClose, stats,
  withoutActor, withoutStatements, writesApp,
} from './support.js'

let app: FastifyInstance
beforeAll(async () => { app = await writesApp() })
afterAll(async () => { await restoreAndClose(app) })

describe('the expected counts', () => {
  it('match the seeded article (so the expectations below mean something)', async () => {
    await seedArticle(app.db)
    expect(await stats(app)).toEqual(expectedStats(article()))
  })
})

describe('DELETE an actor', () => {
  it('with statements is 409 and changes nothing', async () => {
    await seedArticle(app.db)
    const before = await dbCounts(app)
    const res = await del(app, '/v1/actors/tiktok')
    const body = expectProblem(res, 409, 'conflict')
    const data = article()
    const said = data.statements.filter((s) => s.speakers.some((sp) => sp.actor === 'tiktok')).length
    const about = data.statements.filter((s) => s.targets.some((t) => t.actor === 'tiktok')).length
    expect(body.detail).toContain(`made ${said} statement(s) and is the target of ${about}`)
    expect(body.detail).toContain('cascade=true')
    expect(await dbCounts(app)).toEqual(before)
  })

  it('that is only a target is 409 too', async () => {
    const res = await del(app, '/v1/actors/china-based-employees')
    expectProblem(res, 409, 'conflict')
  })

  it('with cascade=true is 204: the statements it alone made are gone, shared ones and mentions are unlinked', async () => {
    await seedArticle(app.db)
    const data = article()
    const sole = data.statements.filter((s) => s.speakers.length === 1 && s.speakers[0]!.actor === 'tiktok').map((s) => s.id)
    const shared = data.statements.filter((s) => s.speakers.length > 1 && s.speakers.some((sp) => sp.actor === 'tiktok')).map((s) => s.id)
    const mentions = data.statements.filter((s) => !sole.includes(s.id) && s.targets.some((t) => t.actor === 'tiktok')).map((s) => s.id)
    expect(sole.length).toBeGreaterThan(0)
    expect(mentions.length).toBeGreaterThan(0)

    const res = await del(app, '/v1/actors/tiktok?cascade=true')
    expect(res.statusCode, res.body).toBe(204)
    expect(res.body).toBe('')
    expectProblem(await get(app, '/v1/actors/tiktok'), 404, 'not-found')
    for (const id of sole) expect((await get(app, `/v1/statements/${id}`)).statusCode, id).toBe(404)
    for (const id of [...shared, ...mentions]) {
      const s = await getOk(app, `/v1/statements/${id}`)
      expect(s.speakers.map((sp: { id: string }) => sp.id), id).not.toContain('tiktok')
      expect(s.targets.map((t: { id: string }) => t.id), id).not.toContain('tiktok')
      expect(s.targets.length).toBe(data.statements.find((x) => x.id === id)!.targets.length - 1)
    }
    expect(await stats(app)).toEqual(expectedStats(withoutActor(withoutStatements(data, sole), 'tiktok')))
    // the documents it wrote or received keep the other authors and addressees
    const letter = await getOk(app, '/v1/documents/tiktok-letter-to-senators')
    expect(letter.authors.map((a: { id: string }) => a.id)).toEqual(['shou-zi-chew'])
  })

  it('a co-speaker is removed from a shared statement, which stays (brendan-carr, cascade)', async () => {
    await seedArticle(app.db)
    const data = article()
    const sole = data.statements.filter((s) => s.speakers.length === 1 && s.speakers[0]!.actor === 'brendan-carr').map((s) => s.id)
    const res = await del(app, '/v1/actors/brendan-carr?cascade=true')
    expect(res.statusCode).toBe(204)
    const shared = await getOk(app, '/v1/statements/senators-regulator-app-national-security-risk')
    expect(shared.speakers.map((s: { id: string }) => s.id)).toEqual(['nine-republican-senators'])
    expect(await stats(app)).toEqual(expectedStats(withoutActor(withoutStatements(data, sole), 'brendan-carr')))
  })

  it('without statements is 204 without cascade; its affiliations go with it', async () => {
    await seedArticle(app.db)
    const data = article()
    expect(data.statements.some((s) => s.speakers.some((sp) => sp.actor === 'mike-blake') || s.targets.some((t) => t.actor === 'mike-blake'))).toBe(false)
    const res = await del(app, '/v1/actors/mike-blake')
    expect(res.statusCode, res.body).toBe(204)
    expect(await stats(app)).toEqual(expectedStats(withoutActor(data, 'mike-blake')))
    const reuters = await getOk(app, '/v1/actors/reuters')
    expect(reuters.affiliations).toEqual([])
  })
})

describe('DELETE a statement', () => {
  it('is 204; it and its links are gone, the linked statements stay', async () => {
    await seedArticle(app.db)
    const id = 'blackburn-tiktok-should-have-come-clean'
    const data = article()
    const res = await del(app, `/v1/statements/${id}`)
    expect(res.statusCode, res.body).toBe(204)
    expectProblem(await get(app, `/v1/statements/${id}`), 404, 'not-found')
    const other = await getOk(app, '/v1/statements/blackburn-urged-tiktok-testify-before-congress')
    expect(other.links.map((l: { statement: { id: string } }) => l.statement.id)).not.toContain(id)
    expect(await stats(app)).toEqual(expectedStats(withoutStatements(data, [id])))
    // a second DELETE is 404
    expectProblem(await del(app, `/v1/statements/${id}`), 404, 'not-found')
  })
})

describe('DELETE a document', () => {
  it('that reports statements is 409 and changes nothing', async () => {
    await seedArticle(app.db)
    const before = await dbCounts(app)
    const body = expectProblem(await del(app, `/v1/documents/${ARTICLE_ID}`), 409, 'conflict')
    expect(body.detail).toContain(`reports ${article().statements.length} statement(s)`)
    expect(await dbCounts(app)).toEqual(before)
  })

  it('with cascade=true is 204 and deletes the statements reported in it', async () => {
    await seedArticle(app.db)
    const data = article()
    const res = await del(app, `/v1/documents/${ARTICLE_ID}?cascade=true`)
    expect(res.statusCode, res.body).toBe(204)
    expectProblem(await get(app, `/v1/documents/${ARTICLE_ID}`), 404, 'not-found')
    const reported = data.statements.filter((s) => s.reportedIn.document === ARTICLE_ID).map((s) => s.id)
    const expected = withoutStatements(data, reported)
    expected.documents = expected.documents.filter((d) => d.id !== ARTICLE_ID)
    expect(await stats(app)).toEqual(expectedStats(expected))
    expect((await getOk(app, '/v1/statements?limit=100')).items).toEqual([])
  })

  it('that is only an original document (no statement reported in it) is 204; the statements lose originalDocument', async () => {
    await seedArticle(app.db)
    const data = article()
    const firstMadeIn = data.statements.filter((s) => s.originalDocument === 'cloutier-blog-post-2020').map((s) => s.id)
    expect(firstMadeIn.length).toBeGreaterThan(0)
    const res = await del(app, '/v1/documents/cloutier-blog-post-2020')
    expect(res.statusCode, res.body).toBe(204)
    for (const id of firstMadeIn) expect((await getOk(app, `/v1/statements/${id}`)).originalDocument).toBeNull()
  })
})

describe('DELETE errors', () => {
  it('an unknown id is 404 for each collection', async () => {
    for (const c of ['actors', 'statements', 'documents']) {
      expectProblem(await del(app, `/v1/${c}/no-such-id`), 404, 'not-found')
      expectProblem(await del(app, `/v1/${c}/no-such-id?cascade=true`), 404, 'not-found')
    }
  })

  it('a bad cascade value or an unknown parameter is 400 naming it', async () => {
    expect(fieldNames(expectProblem(await del(app, '/v1/actors/tiktok?cascade=maybe'), 400))).toEqual(['querystring.cascade'])
    expectProblem(await del(app, '/v1/actors/tiktok?force=true'), 400, 'invalid-parameters')
    expect((await get(app, '/v1/actors/tiktok')).statusCode).toBe(200)
  })
})
