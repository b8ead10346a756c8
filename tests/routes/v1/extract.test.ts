// POST /v1/extract against the article graph: known speakers are linked (full name and surname
// alone), an unknown one is proposed; the answer's seed loads through POST /v1/import and reads
// back with the same evidence; the curated article's direct quotes are all found; bad input is
// problem+json; nothing is ever written by the extraction itself.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { projectRoot } from '../../../src/lib/paths.js'
import { findMentionedActors, mentionTerms } from '../../../src/repositories/mentions.js'
import { seedArticle } from '../../support/fixtures.js'
import { buildTestApp } from '../../helpers.js'
import { API_KEYS, KEYS, auth, dbCounts, expectProblem, getOk, post, restoreAndClose, stats, writesApp } from '../../writes/support.js'

// A short article written for this test.
const SHORT = [
  'Regulator presses video app on data',
  '',
  'Brendan Carr said on Monday that TikTok “cannot be trusted with the data of American families”. Carr said the company had misled Congress about its engineers in Beijing.',
  '',
  'Priya Ramanathan, a privacy researcher in Toronto, said “the rules are far too weak to protect anyone who uses these apps”.',
  '',
].join('\n')

interface Draft {
  statements: Array<{
    attribution: string,
    verb: string,
    text: string,
    confidence: number,
    rule: string,
    evidence: { start: number, end: number, text: string, before: string, after: string }
    speakers: Array<{ actor: string | null, name: string, matched: boolean, mention: { start: number, end: number, text: string } }>
    targets: Array<{ actor: string, stance: string }>
  }>
  actors: Array<{ id: string, name: string, status: string, rule: string }>
  seed: { actors: Array<{ id: string }>, documents: Array<{ id: string, text: string }>, statements: Array<{ id: string, speakers: Array<{ actor: string }>, reportedIn: { evidence: unknown } }> }
}

let app: FastifyInstance
beforeAll(async () => { app = await writesApp() })
afterAll(async () => { await restoreAndClose(app) })

const extract = (body: unknown, headers: Record<string, string> = {}) => post(app, '/v1/extract', body as never, null, headers)
const cp = (s: string) => Array.from(s)

describe('POST /v1/extract on a short article', () => {
  let draft: Draft
  beforeAll(async () => {
    const res = await extract({ text: SHORT, documentId: 'carr-app-draft', date: '2024-03-04' })
    expect(res.statusCode, res.body).toBe(200)
    draft = res.json() as Draft
  })

  it('links "Brendan Carr said" and the surname alone ("Carr said") to brendan-carr', () => {
    const byMention = (m: string) => draft.statements.find((s) => s.speakers[0]?.mention.text === m)
    for (const mention of ['Brendan Carr', 'Carr']) {
      const s = byMention(mention)
      expect(s, `a statement spoken by "${mention}"`).toBeDefined()
      expect(s!.speakers[0]).toMatchObject({ actor: 'brendan-carr', matched: true })
      // code-point offsets into the text as sent
      expect(cp(SHORT).slice(s!.speakers[0]!.mention.start, s!.speakers[0]!.mention.end).join('')).toBe(mention)
      expect(cp(SHORT).slice(s!.evidence.start, s!.evidence.end).join('')).toBe(s!.evidence.text)
    }
    expect(draft.actors.find((a) => a.id === 'brendan-carr')).toMatchObject({ status: 'matched', name: 'Brendan Carr' })
    expect(draft.actors.find((a) => a.id === 'tiktok')).toMatchObject({ status: 'matched' })
  })

  it('links a person by surname alone when no alias says so ("Blake said" → mike-blake)', async () => {
    const res = await extract({ text: 'Blake said on Tuesday that the app “should be banned”.' })
    expect(res.statusCode, res.body).toBe(200)
    const d = res.json() as Draft
    expect(d.statements[0]!.speakers[0]).toMatchObject({ actor: 'mike-blake', matched: true, mention: { start: 0, end: 5, text: 'Blake' } })
    expect(d.actors.find((a) => a.id === 'mike-blake')).toMatchObject({ status: 'matched', rule: 'link-surname' })
  })

  it('the repository returns only the actors the text names, from its capitalised words', async () => {
    expect(mentionTerms(SHORT)).toEqual(expect.arrayContaining(['brendan', 'carr', 'tiktok', 'congress', 'beijing', 'priya']))
    expect(mentionTerms(SHORT)).not.toContain('the')
    expect((await findMentionedActors(app.db, SHORT)).map((a) => a.id)).toEqual(['brendan-carr', 'congress', 'tiktok'])
    // index hits sharing a word ("Chief") are dropped unless a name, alias or surname occurs:
    // Google's chief executive is not named; Apple's is, by the last word of its name
    expect((await findMentionedActors(app.db, 'Chief Apple pie maker Ann Lee arrived.')).map((a) => a.id)).toEqual(['apple', 'apple-chief-executive'])
    expect(await findMentionedActors(app.db, 'nothing capitalised here at all')).toEqual([])
  })

  it('proposes the unknown speaker with a slug id', () => {
    const s = draft.statements.find((x) => x.speakers[0]?.name === 'Priya Ramanathan')
    expect(s).toBeDefined()
    expect(s!.attribution).toBe('direct-quote')
    expect(s!.text).toBe('the rules are far too weak to protect anyone who uses these apps')
    expect(s!.speakers[0]).toMatchObject({ actor: 'priya-ramanathan', matched: false })
    expect(draft.actors.find((a) => a.id === 'priya-ramanathan')).toMatchObject({ status: 'proposed', name: 'Priya Ramanathan' })
    // known actors are referenced by the seed, never declared again
    expect(draft.seed.actors.map((a) => a.id)).toEqual(['priya-ramanathan'])
  })

  it('takes the bare text as text/plain and drafts the same statements', async () => {
    const res = await extract(SHORT, { 'content-type': 'text/plain; charset=utf-8' })
    expect(res.statusCode, res.body).toBe(200)
    const plain = res.json() as Draft
    expect(plain.statements.map((s) => [s.text, s.evidence.start, s.speakers[0]?.actor]))
      .toEqual(draft.statements.map((s) => [s.text, s.evidence.start, s.speakers[0]?.actor]))
  })

  it('its seed loads through POST /v1/import, and the statements read back with the same evidence', async () => {
    try {
      const res = await post(app, '/v1/import', draft.seed as never, KEYS.editor)
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json()).toMatchObject({ rejected: 0 })
      expect(res.json().created).toBeGreaterThanOrEqual(draft.seed.statements.length + 2)
      for (const speaker of ['priya-ramanathan', 'brendan-carr']) {
        const page = await getOk<{ items: Array<{ id: string, reportedIn: { document: { id: string }, evidence: { start: number, end: number, text: string, before: string, after: string } } }> }>(
          app, `/v1/statements?speaker=${speaker}&limit=100`)
        const drafted = draft.seed.statements.filter((s) => s.speakers.some((sp) => sp.actor === speaker))
        expect(drafted.length).toBeGreaterThan(0)
        for (const s of drafted) {
          const read = page.items.find((i) => i.id === s.id)
          expect(read, `${s.id} by ${speaker}`).toBeDefined()
          expect(read!.reportedIn.document.id).toBe('carr-app-draft')
          expect({ ...read!.reportedIn.evidence, documentHash: undefined }).toEqual({ ...(s.reportedIn.evidence as object), documentHash: undefined })
        }
      }
    } finally {
      await seedArticle(app.db)
    }
  })
})

describe('POST /v1/extract on the curated article (graph-seed/tiktok-on-defense-2022)', () => {
  const root = projectRoot()
  const text = readFileSync(join(root, 'graph-seed/documents/tiktok-on-defense-2022.txt'), 'utf8')
  const curated = JSON.parse(readFileSync(join(root, 'graph-seed/tiktok-on-defense-2022.json'), 'utf8')) as {
    statements: Array<{ id: string, attribution: string, text: string, speakers: Array<{ actor: string }>, targets: Array<{ actor: string }>, reportedIn: { evidence: { start: number, end: number } } }>
  }
  const norm = (s: string): string => s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim()
  let draft: Draft
  beforeAll(async () => {
    const res = await extract({ text, documentId: 'tiktok-on-defense-2022-draft', date: '2022-07' })
    expect(res.statusCode, res.body).toBe(200)
    draft = res.json() as Draft
  })

  const quotes = curated.statements.filter((s) => s.attribution === 'direct-quote')
  it('the curated file has ten direct quotes', () => { expect(quotes).toHaveLength(10) })
  for (const q of quotes) {
    it(`finds ${q.id} with the curated speaker and main target`, () => {
      const found = draft.statements.find((s) => s.attribution === 'direct-quote' && norm(s.text).includes(norm(q.text)))
      expect(found, `no direct quote containing "${q.text}"`).toBeDefined()
      expect(found!.evidence.start).toBeGreaterThanOrEqual(q.reportedIn.evidence.start)
      expect(found!.evidence.end).toBeLessThanOrEqual(q.reportedIn.evidence.end)
      expect(found!.speakers.map((sp) => sp.actor)).toEqual(q.speakers.map((sp) => sp.actor))
      expect(found!.speakers.every((sp) => sp.matched)).toBe(true)
      expect(found!.targets.map((t) => t.actor)).toContain(q.targets[0]!.actor)
    })
  }
})

describe('POST /v1/extract: bad input is problem+json, and nothing is written', () => {
  let before: Record<string, number>
  let beforeStats: unknown
  beforeAll(async () => {
    before = await dbCounts(app)
    beforeStats = await stats(app)
  })

  it('empty text: 400 naming body.text', async () => {
    const body = expectProblem(await extract({ text: '' }), 400, 'invalid-parameters')
    expect(body.errors?.map((e) => e.name)).toEqual(['body.text'])
  })

  it('whitespace-only text: 400 naming body.text (JSON), or the body (text/plain, where the body is the text)', async () => {
    expect(expectProblem(await extract({ text: ' \n\t  ' }), 400, 'invalid-parameters').errors?.map((e) => e.name)).toEqual(['body.text'])
    for (const text of ['  \n ', '']) {
      expect(expectProblem(await extract(text, { 'content-type': 'text/plain' }), 400, 'invalid-parameters').errors?.map((e) => e.name)).toEqual(['body'])
    }
  })

  it('no body at all: 400 naming body.text, not a 500 (found by the fuzz run)', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/extract' })
    expect(expectProblem(res, 400, 'invalid-parameters').errors?.map((e) => e.name)).toEqual(['body.text'])
  })

  it('a missing text or an unknown field: 400 naming it', async () => {
    expect(expectProblem(await extract({ title: 'x' }), 400, 'invalid-parameters').errors?.map((e) => e.name)).toEqual(['body.text'])
    expect(expectProblem(await extract({ text: 'A said "b".', author: 'x' }), 400, 'invalid-parameters').errors?.map((e) => e.name)).toEqual(['body.author'])
  })

  it('a body over the limit: 413 (the route takes 256 KiB, under the 1 MiB BODY_LIMIT_BYTES)', async () => {
    expectProblem(await extract({ text: 'Ann Lee said “yes”. '.repeat(60_000) }), 413, 'payload-too-large')
    expectProblem(await extract('Ann Lee said yes. '.repeat(16_000), { 'content-type': 'text/plain' }), 413, 'payload-too-large')
    const fits = await extract('Ann Lee said yes. '.repeat(14_000), { 'content-type': 'text/plain' })
    expect(fits.statusCode, fits.body.slice(0, 300)).toBe(200)
  })

  it('another content type, or a charset other than UTF-8: 415', async () => {
    expectProblem(await extract('<text>Ann Lee said “yes”.</text>', { 'content-type': 'application/xml' }), 415, 'unsupported-media-type')
    expectProblem(await extract('Ann Lee said yes.', { 'content-type': 'text/plain; charset=iso-8859-1' }), 415, 'unsupported-media-type')
  })

  it('nothing was written by any of the above (nor by the drafts)', async () => {
    await extract({ text: SHORT })
    expect(await dbCounts(app)).toEqual(before)
    expect(await stats(app)).toEqual(beforeStats)
  })
})

describe('POST /v1/extract when reads need a key (REQUIRE_AUTH_FOR_READS=true)', () => {
  it('is 401 without a key and 200 with a read key, like the reads', async () => {
    const closed = await buildTestApp({ API_KEYS, REQUIRE_AUTH_FOR_READS: 'true' })
    try {
      const payload = { text: 'Blake said on Tuesday that the app “should be banned”.' }
      expectProblem(await closed.inject({ method: 'POST', url: '/v1/extract', payload }), 401, 'unauthorized')
      const ok = await closed.inject({ method: 'POST', url: '/v1/extract', payload, headers: auth(KEYS.reader) })
      expect(ok.statusCode, ok.body).toBe(200)
    } finally {
      await closed.close()
    }
  })
})
