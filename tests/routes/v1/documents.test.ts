// GET /v1/documents and /v1/documents/{id} against the article's graph; expectations are
// computed from graph-seed/ (and the article's text file).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import {
  ARTICLE_ID, actorRef, article, articleText, canonicalStatement, documentOf, documentText, expectBadParameters, expectProblem,
  expectedStatement, get, getOk, itemIds, seededApp, sha256,
} from './seeded.js'

let app: FastifyInstance
beforeAll(async () => { app = await seededApp() })
afterAll(async () => { await app?.close() })

const sortedIds = article.documents.map((d) => d.id).sort()
const reportedIn = (id: string) => article.statements.filter((s) => s.reportedIn.document === id)

function expectedSummary (id: string) {
  const d = documentOf(id)
  return {
    id: d.id,
    title: d.title,
    kind: d.kind,
    date: d.date ?? null,
    datePrecision: d.datePrecision,
    url: d.url ?? null,
    publisher: d.publisher ? actorRef(d.publisher) : null,
    statementCount: reportedIn(id).length,
    hasText: documentText(id) !== null,
  }
}

describe('GET /v1/documents', () => {
  it('lists the 8 documents by id, each with publisher, statement count and whether it has text', async () => {
    const body = await getOk(app, '/v1/documents?limit=100')
    expect(body.next).toBeNull()
    expect(body.items.map((d: { id: string }) => d.id)).toEqual(sortedIds)
    expect(body.items).toHaveLength(8)
    for (const item of body.items) expect(item, item.id).toEqual(expectedSummary(item.id))
  })

  it('the article reports all 19 statements and holds its text; BuzzFeed published its report', async () => {
    const body = await getOk(app, '/v1/documents?limit=100')
    const articleItem = body.items.find((d: { id: string }) => d.id === ARTICLE_ID)
    expect(articleItem).toMatchObject({ statementCount: 19, hasText: true, kind: 'news-article' })
    expect(body.items.find((d: { id: string }) => d.id === 'buzzfeed-report').publisher).toEqual(actorRef('buzzfeed'))
  })

  it.each([...new Set(article.documents.map((d) => d.kind))])('kind=%s lists exactly the documents of that kind', async (kind) => {
    const expected = article.documents.filter((d) => d.kind === kind).map((d) => d.id).sort()
    expect(expected.length).toBeLessThan(article.documents.length)
    expect(await itemIds(app, `/v1/documents?kind=${kind}&limit=100`)).toEqual(expected)
  })

  it('kind=letter: the three letters', async () => {
    expect(await itemIds(app, '/v1/documents?kind=letter')).toEqual(['carr-letter-to-apple-google', 'senators-letter-to-tiktok', 'tiktok-letter-to-senators'])
  })

  it('limit and cursor continue in id order', async () => {
    const first = await getOk(app, '/v1/documents?limit=3')
    expect(first.items.map((d: { id: string }) => d.id)).toEqual(sortedIds.slice(0, 3))
    const second = await getOk(app, `/v1/documents?limit=3&cursor=${first.next}`)
    expect(second.items.map((d: { id: string }) => d.id)).toEqual(sortedIds.slice(3, 6))
    const third = await getOk(app, `/v1/documents?limit=3&cursor=${second.next}`)
    expect(third.items.map((d: { id: string }) => d.id)).toEqual(sortedIds.slice(6))
    expect(third.next).toBeNull()
  })

  it('refuses an unknown kind', async () => {
    expectBadParameters(await get(app, '/v1/documents?kind=tweet'), ['querystring.kind'])
  })
})

describe('GET /v1/documents/{id}', () => {
  it.each(sortedIds)('%s: authors, addressees, publisher, statements and actors as in the data', async (id) => {
    const body = await getOk(app, `/v1/documents/${id}`)
    const d = documentOf(id)
    const text = documentText(id)
    const reported = reportedIn(id)
      .sort((a, b) => a.reportedIn.evidence.start - b.reportedIn.evidence.start || a.reportedIn.evidence.end - b.reportedIn.evidence.end)
    const mentioned = [...new Set(reported.flatMap((s) => [...s.speakers.map((sp) => sp.actor), ...s.targets.map((t) => t.actor)]))].sort()
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id)
    expect(body).not.toHaveProperty('text')
    expect({
      ...body,
      addressees: [...body.addressees].sort(byId),
      actorsMentioned: body.actorsMentioned.map((a: { id: string }) => a.id).sort(),
      statementsReported: body.statementsReported.map((s: { id: string }) => s.id),
    }).toEqual({
      id,
      title: d.title,
      kind: d.kind,
      date: d.date ?? null,
      datePrecision: d.datePrecision,
      url: d.url ?? null,
      note: d.note ?? null,
      textHash: text === null ? null : sha256(text),
      publisher: d.publisher ? actorRef(d.publisher) : null,
      authors: (d.authors ?? []).map(actorRef),
      addressees: (d.addressees ?? []).map(actorRef).sort(byId),
      actorsMentioned: mentioned,
      statementsReported: reported.map((s) => s.id),
      statementsOriginallyIn: article.statements.filter((s) => s.originalDocument === id).map((s) => ({ id: s.id, text: s.text })).sort(byId),
    })
  })

  it('the article: all 19 statements in text order, each in full with its evidence', async () => {
    const body = await getOk(app, `/v1/documents/${ARTICLE_ID}`)
    const starts = body.statementsReported.map((s: { reportedIn: { evidence: { start: number } } }) => s.reportedIn.evidence.start)
    expect(starts).toEqual([...starts].sort((a, b) => a - b))
    expect(body.statementsReported).toHaveLength(19)
    expect(body.statementsReported[0].id).toBe('senators-regulator-app-national-security-risk')
    expect(body.statementsReported[18].id).toBe('cloutier-minimize-data-access-across-regions')
    for (const s of body.statementsReported) expect(canonicalStatement(s)).toEqual(canonicalStatement(expectedStatement(s.id)))
    // Speakers and targets of what it reports: 19 distinct actors (the photographer and Reuters are not among them).
    const ids = body.actorsMentioned.map((a: { id: string }) => a.id)
    expect(ids).toHaveLength(19)
    expect(ids).toContain('brendan-carr')
    expect(ids).not.toContain('mike-blake')
    expect(body.authors).toEqual([])
    expect(body.publisher).toBeNull()
  })

  it('TikTok\'s letter: written by TikTok and Shou Zi Chew, addressed to the nine senators, first home of seven statements', async () => {
    const body = await getOk(app, '/v1/documents/tiktok-letter-to-senators')
    expect(body.authors).toEqual([actorRef('tiktok'), actorRef('shou-zi-chew')])
    expect(body.addressees).toEqual([actorRef('nine-republican-senators')])
    expect(body.statementsOriginallyIn.map((s: { id: string }) => s.id)).toContain('chew-oracle-data-security-controls')
    expect(body.statementsOriginallyIn).toHaveLength(7)
    expect(body.statementsReported).toEqual([])
  })

  it('Carr\'s letter: by Brendan Carr, addressed to the chief executives of Apple and Google', async () => {
    const body = await getOk(app, '/v1/documents/carr-letter-to-apple-google')
    expect(body.authors).toEqual([actorRef('brendan-carr')])
    expect(body.addressees.map((a: { id: string }) => a.id).sort()).toEqual(['apple-chief-executive', 'google-chief-executive'])
    expect(body.statementsOriginallyIn.map((s: { id: string }) => s.id)).toEqual([
      'carr-harvests-swaths-of-sensitive-data', 'carr-tiktok-not-just-another-video-app', 'carr-urged-apple-google-remove-tiktok',
    ])
  })

  it('includeText=true returns the article\'s full text, exactly the file; without it there is no text', async () => {
    const withText = await getOk(app, `/v1/documents/${ARTICLE_ID}?includeText=true`)
    expect(withText.text).toBe(articleText)
    expect(withText.textHash).toBe(sha256(articleText))
    const without = await getOk(app, `/v1/documents/${ARTICLE_ID}`)
    expect(without).not.toHaveProperty('text')
    const explicitFalse = await getOk(app, `/v1/documents/${ARTICLE_ID}?includeText=false`)
    expect(explicitFalse).not.toHaveProperty('text')
    // Apart from the text, the same answer.
    const { text: _text, ...rest } = withText
    expect(rest).toEqual(without)
  })

  it('includeText=true on a document without text gives text: null', async () => {
    const body = await getOk(app, '/v1/documents/buzzfeed-report?includeText=true')
    expect(body.text).toBeNull()
    expect(body.textHash).toBeNull()
  })

  it('an unknown id is a 404 naming it; a bad includeText is a 400', async () => {
    const body = expectProblem(await get(app, '/v1/documents/no-such-document'), 404, 'not-found')
    expect(body.detail).toContain("'no-such-document'")
    expect(body.instance).toBe('/v1/documents/no-such-document')
    expectBadParameters(await get(app, `/v1/documents/${ARTICLE_ID}?includeText=please`), ['querystring.includeText'])
  })
})
