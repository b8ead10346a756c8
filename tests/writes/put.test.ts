// PUT /v1/actors|statements|documents/{id}: create (201 + Location + ETag) or replace (200) as a
// whole, idempotently, validated like graph-seed data (400 bad fields, 422 unknown references).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import {
  ARTICLE_ID, articleText, articleWithInlineText, countNodes, dbCounts, evidenceFor, expectProblem, expectRejectedBody, fieldNames, get, getOk,
  put, restoreAndClose, stats, statementBody, writesApp,
} from './support.js'

let app: FastifyInstance
beforeAll(async () => { app = await writesApp() })
afterAll(async () => { await restoreAndClose(app) })

const actorBody = { name: 'Jane Roe', kind: 'person', aliases: ['J. Roe'], description: 'A test person.' }

describe('PUT creates, then replaces', () => {
  it('creates an actor: 201, Location, ETag, and the body GET answers', async () => {
    const before = await stats(app)
    const res = await put(app, '/v1/actors/jane-roe', actorBody)
    expect(res.statusCode, res.body).toBe(201)
    expect(res.headers.location).toBe('/v1/actors/jane-roe')
    expect(res.headers.etag).toMatch(/^W\/".+"$/)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    const read = await get(app, '/v1/actors/jane-roe')
    expect(read.statusCode).toBe(200)
    expect(res.json()).toEqual(read.json())
    expect(res.headers.etag).toBe(read.headers.etag)
    expect(res.json()).toEqual({
      id: 'jane-roe',
      name: 'Jane Roe',
      kind: 'person',
      aliases: ['J. Roe'],
      description: 'A test person.',
      affiliations: [],
      counts: { statementsMade: 0, statementsAbout: 0 },
    })
    const after = await stats(app)
    expect(after.nodes.Actor).toBe(before.nodes.Actor! + 1)
    expect(after.relationships).toEqual(before.relationships)
  })

  it('replaces it as a whole: 200, no Location, a new ETag, omitted optional fields are gone', async () => {
    const first = await get(app, '/v1/actors/jane-roe')
    const res = await put(app, '/v1/actors/jane-roe', { name: 'Jane Q. Roe', kind: 'person' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers.location).toBeUndefined()
    expect(res.headers.etag).not.toBe(first.headers.etag)
    const read = await get(app, '/v1/actors/jane-roe')
    expect(read.json()).toMatchObject({ name: 'Jane Q. Roe', aliases: [], description: null })
    expect(read.headers.etag).toBe(res.headers.etag)
    expect(await countNodes(app, 'Actor', 'jane-roe')).toBe(1)
  })

  it('is idempotent: the same PUT twice gives the same ETag and the same counts, and does not touch updatedAt', async () => {
    const body = { ...actorBody, affiliations: [{ organisation: 'tiktok', type: 'works-for', role: 'tester' }] }
    const first = await put(app, '/v1/actors/jane-roe', body)
    expect(first.statusCode).toBe(200)
    const statsAfterFirst = await stats(app)
    const countsAfterFirst = await dbCounts(app)
    const [stamp] = await app.db.read('MATCH (a:Actor {id: "jane-roe"}) RETURN toString(a.updatedAt) AS at')
    const second = await put(app, '/v1/actors/jane-roe', body)
    expect(second.statusCode).toBe(200)
    expect(second.headers.etag).toBe(first.headers.etag)
    expect(second.json()).toEqual(first.json())
    expect(await stats(app)).toEqual(statsAfterFirst)
    expect(await dbCounts(app)).toEqual(countsAfterFirst)
    const [stampAgain] = await app.db.read('MATCH (a:Actor {id: "jane-roe"}) RETURN toString(a.updatedAt) AS at')
    expect(stampAgain!.at).toBe(stamp!.at)
  })

  it('creates and replaces a statement; the same PUT twice changes nothing', async () => {
    const before = await stats(app)
    const body = statementBody('blackburn-tiktok-should-have-come-clean', { note: 'A copy for the tests.' })
    const res = await put(app, '/v1/statements/put-copy-statement', body)
    expect(res.statusCode, res.body).toBe(201)
    expect(res.headers.location).toBe('/v1/statements/put-copy-statement')
    const created = await stats(app)
    expect(created.nodes.Statement).toBe(before.nodes.Statement! + 1)
    // one SAID, one ABOUT (tiktok), its topics, one REPORTED_IN, its responds-to link
    const original = statementBody('blackburn-tiktok-should-have-come-clean')
    expect(created.relationships.SAID).toBe(before.relationships.SAID! + original.speakers.length)
    expect(created.relationships.ABOUT).toBe(before.relationships.ABOUT! + original.targets.length)
    expect(created.relationships.ON_TOPIC).toBe(before.relationships.ON_TOPIC! + original.topics.length)
    expect(created.relationships.REPORTED_IN).toBe(before.relationships.REPORTED_IN! + 1)
    expect(created.relationships.RESPONDS_TO).toBe(before.relationships.RESPONDS_TO! + (original.links?.length ?? 0))

    const again = await put(app, '/v1/statements/put-copy-statement', body)
    expect(again.statusCode).toBe(200)
    expect(again.headers.etag).toBe(res.headers.etag)
    expect(await stats(app)).toEqual(created)

    // Replace: other speaker, no links, one topic
    const replaced = await put(app, '/v1/statements/put-copy-statement', {
      ...body,
      speakers: [{ actor: 'brendan-carr', role: 'FCC commissioner' }],
      links: undefined,
      topics: ['transparency'],
      targets: [{ actor: 'tiktok', stance: 'supportive' }],
    })
    expect(replaced.statusCode, replaced.body).toBe(200)
    expect(replaced.json().speakers.map((s: { id: string }) => s.id)).toEqual(['brendan-carr'])
    expect(replaced.json().targets).toEqual([{ id: 'tiktok', name: 'TikTok', kind: 'organisation', stance: 'supportive' }])
    expect(replaced.json().links).toEqual([])
    expect(replaced.json().topics.map((t: { id: string }) => t.id)).toEqual(['transparency'])
    const after = await stats(app)
    expect(after.relationships.RESPONDS_TO).toBe(before.relationships.RESPONDS_TO)
    expect(after.relationships.ON_TOPIC).toBe(before.relationships.ON_TOPIC! + 1)
  })

  it('creates and replaces a document; the same PUT twice changes nothing', async () => {
    const body = { title: 'A test memo', kind: 'other', datePrecision: 'day', date: '2022-07-01', authors: ['tiktok', 'shou-zi-chew'], publisher: 'reuters' }
    const res = await put(app, '/v1/documents/put-test-memo', body)
    expect(res.statusCode, res.body).toBe(201)
    expect(res.headers.location).toBe('/v1/documents/put-test-memo')
    expect(res.json().authors.map((a: { id: string }) => a.id)).toEqual(['tiktok', 'shou-zi-chew'])
    expect(res.json().publisher.id).toBe('reuters')
    const counts = await stats(app)
    const again = await put(app, '/v1/documents/put-test-memo', body)
    expect(again.statusCode).toBe(200)
    expect(again.headers.etag).toBe(res.headers.etag)
    expect(await stats(app)).toEqual(counts)
    const replaced = await put(app, '/v1/documents/put-test-memo', { title: 'A test memo', kind: 'letter', datePrecision: 'unknown' })
    expect(replaced.statusCode).toBe(200)
    expect(replaced.json()).toMatchObject({ kind: 'letter', date: null, datePrecision: 'unknown', publisher: null, authors: [] })
    const after = await stats(app)
    expect(after.relationships.AUTHORED_BY).toBe(counts.relationships.AUTHORED_BY! - 2)
    expect(after.relationships.PUBLISHED_BY).toBe(counts.relationships.PUBLISHED_BY! - 1)
  })
})

describe('PUT an actor with affiliations replaces the set', () => {
  const outgoing = async (id: string) => (await getOk(app, `/v1/actors/${id}`)).affiliations
    .filter((a: { direction: string }) => a.direction === 'outgoing')
    .map((a: { type: string, actor: { id: string }, role: string | null }) => `${a.type} ${a.actor.id} ${a.role}`).sort()

  it('the affiliations in the body become exactly the actor\'s outgoing affiliations; incoming ones stay', async () => {
    const chew = await getOk(app, '/v1/actors/shou-zi-chew')
    const incomingOf = async (id: string) => (await getOk(app, `/v1/actors/${id}`)).affiliations
      .filter((a: { direction: string }) => a.direction === 'incoming')
    const tiktokIncoming = await incomingOf('tiktok')
    expect(await outgoing('shou-zi-chew')).toEqual(['ceo-of tiktok chief executive'])
    const before = await stats(app)
    const body = {
      name: chew.name,
      kind: chew.kind,
      aliases: chew.aliases,
      description: chew.description,
      affiliations: [
        { organisation: 'bytedance', type: 'works-for', role: 'executive', since: '2021' },
        { organisation: 'tiktok', type: 'ceo-of', role: 'chief executive officer' },
      ],
    }
    const res = await put(app, '/v1/actors/shou-zi-chew', body)
    expect(res.statusCode, res.body).toBe(200)
    expect(await outgoing('shou-zi-chew')).toEqual(['ceo-of tiktok chief executive officer', 'works-for bytedance executive'])
    expect((await stats(app)).relationships.AFFILIATED_WITH).toBe(before.relationships.AFFILIATED_WITH! + 1)

    const fewer = await put(app, '/v1/actors/shou-zi-chew', { ...body, affiliations: [{ organisation: 'bytedance', type: 'works-for', role: 'executive', since: '2021' }] })
    expect(fewer.statusCode).toBe(200)
    expect(await outgoing('shou-zi-chew')).toEqual(['works-for bytedance executive'])

    const none = await put(app, '/v1/actors/shou-zi-chew', { name: chew.name, kind: chew.kind })
    expect(none.statusCode).toBe(200)
    expect(await outgoing('shou-zi-chew')).toEqual([])
    expect((await stats(app)).relationships.AFFILIATED_WITH).toBe(before.relationships.AFFILIATED_WITH! - 1)
    // tiktok's incoming affiliations from others are untouched; Chew's own is gone
    expect(await incomingOf('tiktok')).toEqual(tiktokIncoming.filter((a: { actor: { id: string } }) => a.actor.id !== 'shou-zi-chew'))
  })

  it('an affiliation with an unknown organisation is 422 naming body.affiliations[0].organisation, and nothing changes', async () => {
    const before = await dbCounts(app)
    const res = await put(app, '/v1/actors/jane-roe', { ...actorBody, affiliations: [{ organisation: 'no-such-org', type: 'works-for', role: 'x' }] })
    const body = expectProblem(res, 422, 'unprocessable')
    expect(fieldNames(body)).toEqual(['body.affiliations[0].organisation'])
    expect(body.errors![0]!.reason).toContain('no-such-org')
    expect(await dbCounts(app)).toEqual(before)
  })

  it('an affiliation with itself is 400 or 422 naming body.affiliations[0].organisation', async () => {
    const res = await put(app, '/v1/actors/jane-roe', { ...actorBody, affiliations: [{ organisation: 'jane-roe', type: 'works-for', role: 'x' }] })
    expect(fieldNames(expectRejectedBody(res))).toEqual(['body.affiliations[0].organisation'])
  })
})

describe('PUT validation', () => {
  it('a statement with an unknown speaker is 422 naming body.speakers[0].actor; nothing is written', async () => {
    const before = await dbCounts(app)
    const res = await put(app, '/v1/statements/put-invalid', statementBody('blackburn-tiktok-should-have-come-clean', { speakers: [{ actor: 'nobody-at-all', role: 'x' }] }))
    const body = expectProblem(res, 422, 'unprocessable')
    expect(fieldNames(body)).toEqual(['body.speakers[0].actor'])
    expect(body.errors![0]!.reason).toBe('unknown actor "nobody-at-all"')
    expect(await dbCounts(app)).toEqual(before)
    expect((await get(app, '/v1/statements/put-invalid')).statusCode).toBe(404)
  })

  it('an unknown document, target, topic, original document and linked statement are each named', async () => {
    const before = await dbCounts(app)
    const res = await put(app, '/v1/statements/put-invalid', statementBody('blackburn-tiktok-should-have-come-clean', {
      speakers: [{ actor: 'marsha-blackburn' }, { actor: 'ghost-speaker' }],
      targets: [{ actor: 'tiktok', stance: 'critical' }, { actor: 'ghost-target', stance: 'neutral' }],
      topics: ['ghost-topic'],
      reportedIn: { document: 'ghost-document', evidence: evidenceFor('Blackburn') },
      originalDocument: 'ghost-original',
      links: [{ type: 'supports', statement: 'ghost-statement' }],
    }))
    const body = expectProblem(res, 422, 'unprocessable')
    expect(fieldNames(body).sort()).toEqual([
      'body.links[0].statement', 'body.originalDocument', 'body.reportedIn.document', 'body.speakers[1].actor',
      'body.targets[1].actor', 'body.topics[0]',
    ])
    expect(await dbCounts(app)).toEqual(before)
  })

  it.each([
    ['actors', 'kind', { ...actorBody, kind: 'robot' }],
    ['statements', 'attribution', statementBody('blackburn-tiktok-should-have-come-clean', { attribution: 'rumour' })],
    ['statements', 'targets.0.stance', statementBody('blackburn-tiktok-should-have-come-clean', { targets: [{ actor: 'tiktok', stance: 'furious' }] })],
    ['statements', 'datePrecision', statementBody('blackburn-tiktok-should-have-come-clean', { datePrecision: 'week' })],
    ['documents', 'kind', { title: 't', kind: 'tweet', datePrecision: 'unknown' }],
    ['actors', 'affiliations.0.type', { ...actorBody, affiliations: [{ organisation: 'tiktok', type: 'friend-of' }] }],
  ] as const)('a bad enum value in %s is 400 naming body.%s', async (collection, field, body) => {
    const before = await dbCounts(app)
    const res = await put(app, `/v1/${collection}/put-bad-enum`, body as Record<string, unknown>)
    const problem = expectProblem(res, 400, 'invalid-parameters')
    expect(new Set(fieldNames(problem))).toEqual(new Set([`body.${field}`]))
    expect(problem.errors!.every((e) => e.reason.length > 0)).toBe(true)
    expect(await dbCounts(app)).toEqual(before)
  })

  it('a body id that differs from the path is 422 naming body.id; the same id is fine', async () => {
    // 422 since commit 3c1f5a1 ("422 for semantic errors"): the body passes its schema.
    const res = await put(app, '/v1/actors/jane-roe', { ...actorBody, id: 'john-roe' })
    const body = expectProblem(res, 422, 'unprocessable')
    expect(fieldNames(body)).toEqual(['body.id'])
    expect((await get(app, '/v1/actors/john-roe')).statusCode).toBe(404)
    const same = await put(app, '/v1/actors/jane-roe', { ...actorBody, id: 'jane-roe' })
    expect(same.statusCode).toBe(200)
  })

  it('missing required fields, unknown fields and a bad path id are 400', async () => {
    expect(fieldNames(expectProblem(await put(app, '/v1/actors/jane-roe', { kind: 'person' }), 400))).toEqual(['body.name'])
    expectProblem(await put(app, '/v1/actors/jane-roe', { ...actorBody, colour: 'blue' }), 400, 'invalid-parameters')
    expect(fieldNames(expectProblem(await put(app, '/v1/actors/Jane_Roe', actorBody), 400))).toEqual(['params.id'])
    expectProblem(await put(app, '/v1/actors/jane-roe', 'not json', undefined, { 'content-type': 'application/json' }), 400)
    expectProblem(await put(app, '/v1/actors/jane-roe', '<actor/>', undefined, { 'content-type': 'application/xml' }), 415, 'unsupported-media-type')
  })

  it('evidence that does not match the document text is 400 or 422 naming body.reportedIn.evidence.text', async () => {
    const ev = evidenceFor('Blackburn')
    const res = await put(app, '/v1/statements/put-invalid', statementBody('blackburn-tiktok-should-have-come-clean', {
      reportedIn: { document: ARTICLE_ID, evidence: { ...ev, text: 'Blackbird' } },
    }))
    expect(fieldNames(expectRejectedBody(res))).toContain('body.reportedIn.evidence.text')
  })
})

describe('PUT a document whose new text breaks existing evidence', () => {
  const articleBody = () => {
    const { id: _id, ...doc } = articleWithInlineText().documents.find((d) => d.id === ARTICLE_ID)!
    return doc
  }

  it('the same text is 200 and changes nothing', async () => {
    const before = await get(app, `/v1/documents/${ARTICLE_ID}`)
    const res = await put(app, `/v1/documents/${ARTICLE_ID}`, articleBody())
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers.etag).toBe(before.headers.etag)
  })

  it('is 409 naming the statements, and nothing changes', async () => {
    const before = await get(app, `/v1/documents/${ARTICLE_ID}?includeText=true`)
    const beforeCounts = await dbCounts(app)
    const [hashBefore] = await app.db.read('MATCH (d:Document {id: $id}) RETURN d.textHash AS h, d.title AS title, toString(d.updatedAt) AS at', { id: ARTICLE_ID })
    const res = await put(app, `/v1/documents/${ARTICLE_ID}`, { ...articleBody(), title: 'Changed title', text: articleText.replace('Blackburn', 'Blackbird') })
    const body = expectProblem(res, 409, 'conflict')
    expect(body.detail).toContain('blackburn-tiktok-should-have-come-clean')
    const after = await get(app, `/v1/documents/${ARTICLE_ID}?includeText=true`)
    expect(after.json()).toEqual(before.json())
    expect(after.json().text).toBe(articleText)
    expect(await dbCounts(app)).toEqual(beforeCounts)
    const [hashAfter] = await app.db.read('MATCH (d:Document {id: $id}) RETURN d.textHash AS h, d.title AS title, toString(d.updatedAt) AS at', { id: ARTICLE_ID })
    expect(hashAfter).toEqual(hashBefore)
  })

  it('dropping the text of a document with evidence is 409 too', async () => {
    const { text: _t, ...noText } = articleBody()
    expectProblem(await put(app, `/v1/documents/${ARTICLE_ID}`, noText), 409, 'conflict')
    expect((await getOk(app, `/v1/documents/${ARTICLE_ID}?includeText=true`)).text).toBe(articleText)
  })
})

describe('GET /v1/statements without an anchoring filter, across the dated and undated statements', () => {
  // The unfiltered list reads dated statements from the dateStart index, then undated ones from
  // the id index (see scanAll): pages must cross that seam, and page inside the undated part.
  it('with limit=1, 2 and 3 visits every statement once, dated newest first, then undated by id descending', async () => {
    const undated = statementBody('tiktok-said-in-past-china-employees-have-access')
    for (const id of ['undated-a', 'undated-b', 'undated-c']) {
      const res = await put(app, `/v1/statements/${id}`, undated)
      expect(res.statusCode, res.body).toBe(201)
    }
    const rows = await app.db.read('MATCH (s:Statement) RETURN s.id AS id, coalesce(s.dateStart, \'\') AS d ORDER BY d DESC, id DESC')
    const expected = rows.map((r) => String(r.id))
    expect(expected.slice(-4)).toEqual(['undated-c', 'undated-b', 'undated-a', 'tiktok-said-in-past-china-employees-have-access'])
    for (const limit of [1, 2, 3]) {
      const seen: string[] = []
      let url: string | null = `/v1/statements?limit=${limit}`
      while (url) {
        const body: { items: Array<{ id: string }>, next: string | null } = await getOk(app, url)
        expect(body.items.length).toBeLessThanOrEqual(limit)
        seen.push(...body.items.map((s) => s.id))
        url = body.next ? `/v1/statements?limit=${limit}&cursor=${encodeURIComponent(body.next)}` : null
      }
      expect(seen).toEqual(expected)
    }
  })
})
