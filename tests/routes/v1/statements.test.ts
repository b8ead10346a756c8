// GET /v1/statements (every filter, alone and combined) and GET /v1/statements/{id} against the
// article's graph; expected sets and embedded values are computed from graph-seed/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import {
  ARTICLE_ID, about, actorRef, article, articleText, canonicalStatement, expectBadParameters, expectProblem, expectedStatement,
  get, getOk, idsWhere, inPeriod, itemIds, newestFirst, saidBy, seededApp, sha256, slice, stanceTowards, statement,
  textMatches, withAffiliates, type SeedStatement,
} from './seeded.js'

let app: FastifyInstance
beforeAll(async () => { app = await seededApp() })
afterAll(async () => { await app?.close() })

const allIds = article.statements.map((s) => s.id)
const documents = (s: SeedStatement) => [s.reportedIn.document, ...(s.originalDocument ? [s.originalDocument] : [])]
const anyStance = (s: SeedStatement, stance: string) => s.targets.some((t) => t.stance === stance)
const stanceTowardsAny = (s: SeedStatement, ids: string[], stance: string) => s.targets.some((t) => ids.includes(t.actor) && t.stance === stance)

interface Case { query: string, expected: (s: SeedStatement) => boolean }

const cases: Case[] = [
  // speaker: one id, several ids
  { query: 'speaker=brendan-carr', expected: (s) => saidBy(s, ['brendan-carr']) },
  { query: 'speaker=brendan-carr,marsha-blackburn,cfius', expected: (s) => saidBy(s, ['brendan-carr', 'marsha-blackburn', 'cfius']) },
  { query: 'speaker=nine-republican-senators', expected: (s) => saidBy(s, ['nine-republican-senators']) },
  // about: one id, several ids
  { query: 'about=tiktok', expected: (s) => about(s, ['tiktok']) },
  { query: 'about=oracle,cfius,congress', expected: (s) => about(s, ['oracle', 'cfius', 'congress']) },
  { query: 'about=bytedance', expected: (s) => about(s, ['bytedance']) },
  // topic
  { query: 'topic=transparency', expected: (s) => s.topics.includes('transparency') },
  { query: 'topic=divestment,cfius-review', expected: (s) => s.topics.some((t) => ['divestment', 'cfius-review'].includes(t)) },
  // document: reported in, or first made in
  { query: 'document=tiktok-letter-to-senators', expected: (s) => documents(s).includes('tiktok-letter-to-senators') },
  { query: 'document=cloutier-blog-post-2020,buzzfeed-report', expected: (s) => documents(s).some((d) => ['cloutier-blog-post-2020', 'buzzfeed-report'].includes(d)) },
  { query: `document=${ARTICLE_ID}`, expected: (s) => documents(s).includes(ARTICLE_ID) },
  // stance: towards any target without `about`
  { query: 'stance=supportive', expected: (s) => anyStance(s, 'supportive') },
  { query: 'stance=critical', expected: (s) => anyStance(s, 'critical') },
  { query: 'stance=neutral', expected: (s) => anyStance(s, 'neutral') },
  // type (attribution)
  { query: 'type=direct-quote', expected: (s) => s.attribution === 'direct-quote' },
  { query: 'type=paraphrase', expected: (s) => s.attribution === 'paraphrase' },
  { query: 'type=according-to', expected: (s) => s.attribution === 'according-to' },
  // q: words of the statement text
  { query: 'q=oracle', expected: (s) => textMatches([s.text], 'oracle') },
  { query: 'q=orac', expected: (s) => textMatches([s.text], 'orac') },
  { query: 'q=national%20security', expected: (s) => textMatches([s.text], 'national security') },
  { query: 'q=employees%20china', expected: (s) => textMatches([s.text], 'employees china') },
  // since / until: statements whose date range overlaps
  { query: 'since=2022-06-29', expected: (s) => inPeriod(s, '2022-06-29') },
  { query: 'since=2022-07', expected: (s) => inPeriod(s, '2022-07') },
  { query: 'until=2021', expected: (s) => inPeriod(s, undefined, '2021') },
  { query: 'until=2022-06-28', expected: (s) => inPeriod(s, undefined, '2022-06-28') },
  { query: 'since=2022-06-28&until=2022-06-28', expected: (s) => inPeriod(s, '2022-06-28', '2022-06-28') },
  // includeAffiliates: members, officers, employees and parent companies of the given actors
  { query: 'speaker=tiktok&includeAffiliates=true', expected: (s) => saidBy(s, withAffiliates('tiktok')) },
  { query: 'speaker=fcc&includeAffiliates=true', expected: (s) => saidBy(s, withAffiliates('fcc')) },
  { query: 'about=tiktok&includeAffiliates=true', expected: (s) => about(s, withAffiliates('tiktok')) },
  { query: 'about=tiktok&includeAffiliates=true&stance=critical', expected: (s) => stanceTowardsAny(s, withAffiliates('tiktok'), 'critical') },
  { query: 'speaker=tiktok&includeAffiliates=false', expected: (s) => saidBy(s, ['tiktok']) },
  // combinations
  { query: 'speaker=tiktok&about=oracle', expected: (s) => saidBy(s, ['tiktok']) && about(s, ['oracle']) },
  { query: 'about=tiktok&stance=supportive', expected: (s) => stanceTowards(s, 'tiktok') === 'supportive' },
  { query: 'about=china-based-employees&stance=neutral&speaker=tiktok', expected: (s) => saidBy(s, ['tiktok']) && stanceTowards(s, 'china-based-employees') === 'neutral' },
  { query: 'speaker=tiktok&stance=supportive', expected: (s) => saidBy(s, ['tiktok']) && anyStance(s, 'supportive') },
  { query: 'speaker=tiktok&topic=china-based-data-access', expected: (s) => saidBy(s, ['tiktok']) && s.topics.includes('china-based-data-access') },
  { query: 'about=tiktok&document=carr-letter-to-apple-google', expected: (s) => about(s, ['tiktok']) && documents(s).includes('carr-letter-to-apple-google') },
  { query: 'about=tiktok&q=security', expected: (s) => about(s, ['tiktok']) && textMatches([s.text], 'security') },
  { query: 'speaker=tiktok&q=data&type=paraphrase', expected: (s) => saidBy(s, ['tiktok']) && textMatches([s.text], 'data') && s.attribution === 'paraphrase' },
  { query: 'document=tiktok-letter-to-senators&stance=neutral', expected: (s) => documents(s).includes('tiktok-letter-to-senators') && anyStance(s, 'neutral') },
  { query: 'document=tiktok-letter-to-senators&topic=oracle-cloud-migration', expected: (s) => documents(s).includes('tiktok-letter-to-senators') && s.topics.includes('oracle-cloud-migration') },
  { query: 'q=data&stance=critical', expected: (s) => textMatches([s.text], 'data') && anyStance(s, 'critical') },
  { query: 'q=data&topic=data-security-controls', expected: (s) => textMatches([s.text], 'data') && s.topics.includes('data-security-controls') },
  { query: 'topic=us-user-data&stance=critical', expected: (s) => s.topics.includes('us-user-data') && anyStance(s, 'critical') },
  { query: 'type=direct-quote&since=2022-06-29', expected: (s) => s.attribution === 'direct-quote' && inPeriod(s, '2022-06-29') },
  { query: 'about=tiktok&speaker=brendan-carr&until=2022-06-28&type=direct-quote', expected: (s) => about(s, ['tiktok']) && saidBy(s, ['brendan-carr']) && inPeriod(s, undefined, '2022-06-28') && s.attribution === 'direct-quote' },
]

describe('GET /v1/statements', () => {
  it('without filters: all 19 statements, newest first, unknown dates last', async () => {
    const body = await getOk(app, '/v1/statements')
    expect(body.next).toBeNull()
    const ids = body.items.map((s: { id: string }) => s.id)
    expect(ids).toEqual(newestFirst(allIds))
    expect(ids).toHaveLength(19)
    expect(ids[ids.length - 1]).toBe('tiktok-said-in-past-china-employees-have-access') // the only undated one
  })

  it.each(cases)('?$query', async ({ query, expected }) => {
    const want = idsWhere(expected)
    // Each case must select something, and something less than everything, to test the filter.
    expect(want.length, 'the case selects nothing').toBeGreaterThan(0)
    if (!query.startsWith('document=' + ARTICLE_ID)) expect(want.length, 'the case selects everything').toBeLessThan(allIds.length)
    const ids = await itemIds(app, `/v1/statements?${query}&limit=100`)
    expect(ids).toEqual(newestFirst(want))
  })

  it('statements about TikTok include Brendan Carr\'s and Marsha Blackburn\'s, both critical of TikTok', async () => {
    const body = await getOk(app, '/v1/statements?about=tiktok&limit=100')
    const bySpeaker = (id: string) => body.items.filter((s: { speakers: Array<{ id: string }> }) => s.speakers.some((sp) => sp.id === id))
    const carr = bySpeaker('brendan-carr')
    const blackburn = bySpeaker('marsha-blackburn')
    expect(carr.length).toBe(4)
    expect(blackburn.length).toBe(2)
    for (const s of [...carr, ...blackburn]) {
      expect(s.targets).toContainEqual({ ...actorRef('tiktok'), stance: 'critical' })
    }
  })

  it('speaker=tiktok&includeAffiliates=true finds Shou Zi Chew\'s (and Roland Cloutier\'s) words; without it, not', async () => {
    const wide = await itemIds(app, '/v1/statements?speaker=tiktok&includeAffiliates=true&limit=100')
    const narrow = await itemIds(app, '/v1/statements?speaker=tiktok&limit=100')
    expect(wide).toContain('chew-oracle-data-security-controls')
    expect(wide).toContain('cloutier-minimize-data-access-across-regions')
    expect(narrow).not.toContain('chew-oracle-data-security-controls')
    expect(narrow).not.toContain('cloutier-minimize-data-access-across-regions')
    expect(wide).toEqual(expect.arrayContaining(narrow))
  })

  it('speaker=fcc&includeAffiliates=true finds Brendan Carr\'s statements; the FCC itself said nothing', async () => {
    expect(await itemIds(app, '/v1/statements?speaker=fcc&limit=100')).toEqual([])
    const ids = await itemIds(app, '/v1/statements?speaker=fcc&includeAffiliates=true&limit=100')
    expect([...ids].sort()).toEqual(idsWhere((s) => saidBy(s, ['brendan-carr'])))
  })

  it('about=tiktok&includeAffiliates=true also finds statements about ByteDance, its parent company', async () => {
    const wide = await itemIds(app, '/v1/statements?about=tiktok&includeAffiliates=true&limit=100')
    const narrow = await itemIds(app, '/v1/statements?about=tiktok&limit=100')
    for (const id of idsWhere((s) => about(s, ['bytedance']))) expect(wide).toContain(id)
    // The divestment order is about ByteDance and TikTok; the security team statement only about an affiliate.
    expect(wide).toContain('tiktok-argued-access-subject-to-robust-controls')
    expect(narrow).not.toContain('tiktok-argued-access-subject-to-robust-controls')
  })

  it('each item embeds speakers with role, targets with stance, topics, evidence, original document and links exactly as the data says', async () => {
    const body = await getOk(app, '/v1/statements?limit=100')
    expect(body.items).toHaveLength(article.statements.length)
    for (const item of body.items) {
      expect(canonicalStatement(item), item.id).toEqual(canonicalStatement(expectedStatement(item.id)))
    }
  })

  it('evidence is the exact span of the article text, with the text around it and the text\'s hash', async () => {
    const body = await getOk(app, '/v1/statements?limit=100')
    const hash = sha256(articleText)
    for (const item of body.items) {
      const { start, end, text, before, after, documentHash } = item.reportedIn.evidence
      expect(item.reportedIn.document.id).toBe(ARTICLE_ID)
      expect(text, item.id).toBe(slice(articleText, start, end))
      expect(before, item.id).toBe(slice(articleText, Math.max(0, start - 32), start))
      expect(after, item.id).toBe(slice(articleText, end, end + 32))
      expect(documentHash).toBe(hash)
    }
  })

  it('Roland Cloutier\'s quote: first made in the 2020 blog post, reported in the article with its evidence', async () => {
    const [item] = (await getOk(app, '/v1/statements?speaker=roland-cloutier')).items
    expect(item.id).toBe('cloutier-minimize-data-access-across-regions')
    expect(item.attribution).toBe('direct-quote')
    expect(item.speakers).toEqual([{ ...actorRef('roland-cloutier'), role: "TikTok's chief information security officer" }])
    expect(item.originalDocument).toEqual({
      id: 'cloutier-blog-post-2020', title: 'Roland Cloutier blog post on minimising cross-region data access', kind: 'blog-post', date: '2020', datePrecision: 'year', url: null,
    })
    expect(item.reportedIn.document).toMatchObject({ id: ARTICLE_ID, kind: 'news-article', date: '2022-07' })
    const ev = statement(item.id).reportedIn.evidence
    expect(item.reportedIn.evidence).toMatchObject({ start: ev.start, end: ev.end })
    expect(item.reportedIn.evidence.text).toBe(slice(articleText, ev.start, ev.end))
    expect(item.reportedIn.evidence.text).toContain(item.text)
    expect(item.reportedIn.evidence.text.startsWith('In a 2020 blogpost Roland Cloutier')).toBe(true)
  })

  it('links: TikTok\'s letter statements respond to the senators\' statement (outgoing), which lists them as incoming', async () => {
    const letter = await getOk(app, '/v1/statements/tiktok-working-on-final-agreement-with-biden-administration')
    const senators = statement('senators-letter-to-tiktok-concerns')
    expect(letter.links).toContainEqual({ type: 'responds-to', direction: 'outgoing', statement: { id: senators.id, text: senators.text } })
    const concerns = await getOk(app, '/v1/statements/senators-letter-to-tiktok-concerns')
    const responders = article.statements.filter((s) => s.links?.some((l) => l.type === 'responds-to' && l.statement === senators.id))
    expect(responders.length).toBe(7)
    for (const r of responders) {
      expect(concerns.links).toContainEqual({ type: 'responds-to', direction: 'incoming', statement: { id: r.id, text: r.text } })
    }
    // And its own link, to the BuzzFeed report it answers.
    expect(concerns.links).toContainEqual({ type: 'responds-to', direction: 'outgoing', statement: { id: 'buzzfeed-china-based-employees-accessed-data', text: statement('buzzfeed-china-based-employees-accessed-data').text } })
  })

  it('a filter on an id that does not exist matches nothing (not an error)', async () => {
    expect(await itemIds(app, '/v1/statements?speaker=nobody-here')).toEqual([])
    expect(await itemIds(app, '/v1/statements?about=nobody-here&includeAffiliates=true')).toEqual([])
    expect(await itemIds(app, '/v1/statements?topic=no-topic')).toEqual([])
    expect(await itemIds(app, '/v1/statements?document=no-document')).toEqual([])
  })

  it('q with no words in it matches nothing', async () => {
    expect(await itemIds(app, '/v1/statements?q=%21%21')).toEqual([])
  })

  it('refuses bad values, naming each parameter', async () => {
    expectBadParameters(await get(app, '/v1/statements?type=rumour'), ['querystring.type'])
    expectBadParameters(await get(app, '/v1/statements?since=2022-6-1&until=yesterday'), ['querystring.since', 'querystring.until'])
    expectBadParameters(await get(app, '/v1/statements?speaker=a,,b'), ['querystring.speaker'])
    expectBadParameters(await get(app, '/v1/statements?about=TikTok'), ['querystring.about'])
    expectBadParameters(await get(app, '/v1/statements?includeAffiliates=maybe'), ['querystring.includeAffiliates'])
    expectBadParameters(await get(app, '/v1/statements?topic=x&document=Y&limit=-1'), ['querystring.document', 'querystring.limit'])
  })
})

describe('GET /v1/statements/{id}', () => {
  const listed = new Map<string, unknown>()
  beforeAll(async () => {
    for (const item of (await getOk(app, '/v1/statements?limit=100')).items) listed.set(item.id, item)
  })

  it.each(allIds)('%s equals the data, and the same item as in the list', async (id) => {
    const body = await getOk(app, `/v1/statements/${id}`)
    expect(canonicalStatement(body)).toEqual(canonicalStatement(expectedStatement(id)))
    expect(listed.get(id)).toEqual(body)
  })

  it('a statement with two speakers lists them in the order of the data, each with its role', async () => {
    const body = await getOk(app, '/v1/statements/senators-regulator-app-national-security-risk')
    expect(body.speakers).toEqual([
      { ...actorRef('nine-republican-senators'), role: 'Republican senators' },
      { ...actorRef('brendan-carr'), role: 'regulator (FCC commissioner)' },
    ])
    expect(body.originalDocument).toBeNull()
  })

  it('an unknown id is a 404 problem naming it', async () => {
    const body = expectProblem(await get(app, '/v1/statements/no-such-statement'), 404, 'not-found')
    expect(body.detail).toContain("'no-such-statement'")
    expect(body.instance).toBe('/v1/statements/no-such-statement')
  })
})
