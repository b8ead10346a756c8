// GET /v1/actors, /v1/actors/{id}, /v1/actors/{id}/statements and /v1/actors/{id}/mentions
// against the article's graph; every expectation is computed from graph-seed/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import {
  about, actor, actorRef, article, expectBadParameters, expectProblem, get, getOk, idsWhere, inPeriod, itemIds,
  newestFirst, saidBy, seededApp, stanceTowards, textMatches, type SeedStatement, type Stance,
} from './seeded.js'

let app: FastifyInstance
beforeAll(async () => { app = await seededApp() })
afterAll(async () => { await app?.close() })

/** Neo4j orders strings by code point, as JavaScript's < does for these names. */
const byNameThenId = (a: { name: string, id: string }, b: { name: string, id: string }) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

/** Actors whose name or aliases match `q`, as the route documents it. */
const actorsNamed = (q: string) => article.actors.filter((a) => textMatches([a.name, ...(a.aliases ?? [])], q)).map((a) => a.id).sort()

describe('GET /v1/actors', () => {
  it('lists every actor once, ordered by name, with aliases and description', async () => {
    const body = await getOk(app, '/v1/actors?limit=100')
    expect(body.next).toBeNull()
    const expected = [...article.actors].sort(byNameThenId)
    expect(body.items.map((a: { id: string }) => a.id)).toEqual(expected.map((a) => a.id))
    expect(body.items).toHaveLength(27)
    for (const item of body.items) {
      const a = actor(item.id)
      expect(item).toEqual({ id: a.id, name: a.name, kind: a.kind, aliases: a.aliases ?? [], description: a.description ?? null })
    }
  })

  it('has a default page size of 20', async () => {
    const body = await getOk(app, '/v1/actors')
    expect(body.items).toHaveLength(20)
    expect(body.next).toEqual(expect.any(String))
  })

  it.each(['person', 'organisation', 'group'] as const)('kind=%s lists exactly the actors of that kind', async (kind) => {
    const expected = article.actors.filter((a) => a.kind === kind).map((a) => a.id).sort()
    expect(expected.length).toBeGreaterThan(0)
    expect(expected.length).toBeLessThan(article.actors.length)
    const ids = await itemIds(app, `/v1/actors?kind=${kind}&limit=100`)
    expect([...ids].sort()).toEqual(expected)
  })

  it('q finds actors by name and by alias (q=carr by name and alias, q=regulator by the alias "a regulator")', async () => {
    expect(await itemIds(app, '/v1/actors?q=carr&limit=100')).toContain('brendan-carr')
    expect(await itemIds(app, '/v1/actors?q=Carr&limit=100')).toContain('brendan-carr')
    // "a regulator" is only an alias: neither the name nor the id says it.
    expect(actor('brendan-carr').aliases).toContain('a regulator')
    expect(await itemIds(app, '/v1/actors?q=regulator&limit=100')).toContain('brendan-carr')
    // An alias of several actors ("tech giants": Apple and Google).
    expect(await itemIds(app, '/v1/actors?q=tech%20giants&limit=100')).toEqual(['apple', 'google'])
    // The last word also matches as a prefix; every word must match.
    expect(await itemIds(app, '/v1/actors?q=shou%20zi%20ch&limit=100')).toEqual(['shou-zi-chew'])
    expect(await itemIds(app, '/v1/actors?q=apple%20ceo&limit=100')).toEqual(['apple-chief-executive'])
    expect(await itemIds(app, '/v1/actors?q=zzyzx&limit=100')).toEqual([])
  })

  it('q matches names and aliases only (the documented contract), not descriptions', async () => {
    // carr: only Brendan Carr is named so; Apple, Google, their CEOs and the Republican Party
    // merely mention Carr in their descriptions. regulator: the FCC's description says
    // "communications regulator", but only Carr has it as an alias.
    expect(actorsNamed('carr')).toEqual(['brendan-carr'])
    expect(actorsNamed('regulator')).toEqual(['brendan-carr'])
    const queries = ['carr', 'regulator', 'chew', 'tech giants', 'senators', 'blackburn', 'fcc']
    const answered: Record<string, string[]> = {}
    const expected: Record<string, string[]> = {}
    for (const q of queries) {
      answered[q] = [...await itemIds(app, `/v1/actors?q=${encodeURIComponent(q)}&limit=100`)].sort()
      expected[q] = actorsNamed(q)
    }
    expect(answered).toEqual(expected)
  })

  it('q results of equal rank are ordered by name, and q combines with kind', async () => {
    // both names start with "chief" (the same rank; search-ranking.test.ts pins the ranks)
    const body = await getOk(app, '/v1/actors?q=chief&limit=100')
    const names = body.items.map((a: { name: string }) => a.name)
    expect(names).toEqual([...names].sort())
    expect(await itemIds(app, '/v1/actors?q=ceo&kind=person&limit=100')).toEqual(['apple-chief-executive', 'google-chief-executive'])
    expect(await itemIds(app, '/v1/actors?q=ceo&kind=organisation&limit=100')).toEqual([])
    expect(await itemIds(app, '/v1/actors?q=tech%20giants&kind=organisation&limit=100')).toEqual(['apple', 'google'])
  })

  it('limit and cursor give the next actors in name order', async () => {
    const all = [...article.actors].sort(byNameThenId).map((a) => a.id)
    const first = await getOk(app, '/v1/actors?limit=5')
    expect(first.items.map((a: { id: string }) => a.id)).toEqual(all.slice(0, 5))
    const second = await getOk(app, `/v1/actors?limit=5&cursor=${first.next}`)
    expect(second.items.map((a: { id: string }) => a.id)).toEqual(all.slice(5, 10))
  })

  it('refuses a bad kind, an empty q and a limit outside 1..100', async () => {
    expectBadParameters(await get(app, '/v1/actors?kind=robot'), ['querystring.kind'])
    expectBadParameters(await get(app, '/v1/actors?q='), ['querystring.q'])
    expectBadParameters(await get(app, '/v1/actors?limit=101'), ['querystring.limit'])
    expectBadParameters(await get(app, '/v1/actors?limit=abc'), ['querystring.limit'])
  })
})

describe('GET /v1/actors/{id}', () => {
  it.each(article.actors.map((a) => a.id))('%s: affiliations both ways and statement counts match the data', async (id) => {
    const body = await getOk(app, `/v1/actors/${id}`)
    const a = actor(id)
    const expectedAffiliations = [
      ...article.affiliations.filter((x) => x.actor === id).map((x) => ({
        direction: 'outgoing', type: x.type, role: x.role ?? null, since: x.since ?? null, until: x.until ?? null, actor: actorRef(x.organisation),
      })),
      ...article.affiliations.filter((x) => x.organisation === id).map((x) => ({
        direction: 'incoming', type: x.type, role: x.role ?? null, since: x.since ?? null, until: x.until ?? null, actor: actorRef(x.actor),
      })),
    ]
    const key = (x: { direction: string, type: string, actor: { id: string } }) => `${x.direction} ${x.type} ${x.actor.id}`
    expect({ ...body, affiliations: [...body.affiliations].sort((x, y) => key(x).localeCompare(key(y))) }).toEqual({
      id,
      name: a.name,
      kind: a.kind,
      aliases: a.aliases ?? [],
      description: a.description ?? null,
      affiliations: expectedAffiliations.sort((x, y) => key(x).localeCompare(key(y))),
      counts: {
        statementsMade: article.statements.filter((s) => saidBy(s, [id])).length,
        statementsAbout: article.statements.filter((s) => about(s, [id])).length,
      },
    })
  })

  it('Brendan Carr: commissioner of the FCC and Republican, 4 statements made, none about him', async () => {
    const body = await getOk(app, '/v1/actors/brendan-carr')
    expect(body.counts).toEqual({ statementsMade: 4, statementsAbout: 0 })
    expect(body.affiliations).toContainEqual(expect.objectContaining({ direction: 'outgoing', type: 'commissioner-of', role: 'commissioner', actor: actorRef('fcc') }))
    expect(body.affiliations).toContainEqual(expect.objectContaining({ direction: 'outgoing', type: 'member-of', actor: actorRef('republican-party') }))
  })

  it('TikTok: its chief executive, officer, parent company and security team point at it (incoming)', async () => {
    const body = await getOk(app, '/v1/actors/tiktok')
    const incoming = body.affiliations.filter((x: { direction: string }) => x.direction === 'incoming')
    expect(incoming.map((x: { actor: { id: string } }) => x.actor.id).sort()).toEqual(['bytedance', 'roland-cloutier', 'shou-zi-chew', 'us-based-security-team'])
    expect(incoming).toContainEqual(expect.objectContaining({ type: 'ceo-of', role: 'chief executive', actor: actorRef('shou-zi-chew') }))
    expect(body.affiliations.filter((x: { direction: string }) => x.direction === 'outgoing')).toEqual([])
    expect(body.counts).toEqual({ statementsMade: 8, statementsAbout: 14 })
  })

  it('an unknown id is a 404 naming it; a malformed id is a 400', async () => {
    const body = expectProblem(await get(app, '/v1/actors/no-such-actor'), 404, 'not-found')
    expect(body.detail).toContain("'no-such-actor'")
    expect(body.instance).toBe('/v1/actors/no-such-actor')
    expectBadParameters(await get(app, '/v1/actors/Not_A_Slug'), ['params.id'])
  })
})

interface FilterCase { id: string, query: string, expected: (s: SeedStatement) => boolean }

describe('GET /v1/actors/{id}/statements', () => {
  const cases: FilterCase[] = [
    { id: 'brendan-carr', query: '', expected: (s) => saidBy(s, ['brendan-carr']) },
    { id: 'tiktok', query: '', expected: (s) => saidBy(s, ['tiktok']) },
    { id: 'brendan-carr', query: 'about=apple-chief-executive', expected: (s) => saidBy(s, ['brendan-carr']) && about(s, ['apple-chief-executive']) },
    { id: 'tiktok', query: 'about=oracle', expected: (s) => saidBy(s, ['tiktok']) && about(s, ['oracle']) },
    { id: 'tiktok', query: 'about=oracle,cfius', expected: (s) => saidBy(s, ['tiktok']) && about(s, ['oracle', 'cfius']) },
    { id: 'tiktok', query: 'topic=oracle-cloud-migration', expected: (s) => saidBy(s, ['tiktok']) && s.topics.includes('oracle-cloud-migration') },
    { id: 'tiktok', query: 'topic=cfius-review,us-government-agreement', expected: (s) => saidBy(s, ['tiktok']) && s.topics.some((t) => ['cfius-review', 'us-government-agreement'].includes(t)) },
    { id: 'tiktok', query: 'stance=supportive', expected: (s) => saidBy(s, ['tiktok']) && s.targets.some((t) => t.stance === 'supportive') },
    { id: 'tiktok', query: 'stance=neutral&about=tiktok', expected: (s) => saidBy(s, ['tiktok']) && stanceTowards(s, 'tiktok') === 'neutral' },
    { id: 'tiktok', query: 'since=2022-06-30', expected: (s) => saidBy(s, ['tiktok']) && inPeriod(s, '2022-06-30') },
    { id: 'tiktok', query: 'until=2022-06-29', expected: (s) => saidBy(s, ['tiktok']) && inPeriod(s, undefined, '2022-06-29') },
    { id: 'brendan-carr', query: 'since=2022-06-29', expected: (s) => saidBy(s, ['brendan-carr']) && inPeriod(s, '2022-06-29') },
    { id: 'marsha-blackburn', query: 'topic=transparency&stance=critical&since=2022&until=2022', expected: (s) => saidBy(s, ['marsha-blackburn']) && s.topics.includes('transparency') && s.targets.some((t) => t.stance === 'critical') && inPeriod(s, '2022', '2022') },
  ]

  it.each(cases)('$id ?$query', async ({ id, query, expected }) => {
    const want = idsWhere(expected)
    expect(want.length, 'a case must select something').toBeGreaterThan(0)
    const ids = await itemIds(app, `/v1/actors/${id}/statements?limit=100${query ? '&' + query : ''}`)
    expect(ids).toEqual(newestFirst(want))
  })

  it('every filter narrows: each filtered case selects fewer statements than the actor made', () => {
    for (const { id, query, expected } of cases) {
      if (!query || id === 'marsha-blackburn') continue
      expect(idsWhere(expected).length, `${id} ${query}`).toBeLessThan(idsWhere((s) => saidBy(s, [id])).length)
    }
  })

  it('each item embeds the speaker with its role and the targets with stance', async () => {
    const body = await getOk(app, '/v1/actors/shou-zi-chew/statements')
    expect(body.items).toHaveLength(1)
    const [item] = body.items
    expect(item.id).toBe('chew-oracle-data-security-controls')
    expect(item.speakers).toEqual([{ ...actorRef('shou-zi-chew'), role: "TikTok's chief executive" }])
    expect(item.targets).toContainEqual({ ...actorRef('oracle'), stance: 'neutral' })
    expect(item.reportedIn.document.id).toBe('tiktok-on-defense-2022')
  })

  it('an actor who said nothing has an empty list; an unknown actor is a 404', async () => {
    expect(await itemIds(app, '/v1/actors/oracle/statements')).toEqual([])
    const body = expectProblem(await get(app, '/v1/actors/nobody-here/statements'), 404, 'not-found')
    expect(body.detail).toContain("'nobody-here'")
  })

  it('refuses bad filter values, naming each', async () => {
    expectBadParameters(await get(app, '/v1/actors/tiktok/statements?stance=angry&since=2022-13'), ['querystring.stance', 'querystring.since'])
    expectBadParameters(await get(app, '/v1/actors/tiktok/statements?about=Not_Slug'), ['querystring.about'])
  })
})

describe('GET /v1/actors/{id}/mentions', () => {
  const mentions = (id: string, more: (s: SeedStatement) => boolean = () => true) => (s: SeedStatement) => about(s, [id]) && more(s)
  const cases: FilterCase[] = [
    { id: 'tiktok', query: '', expected: mentions('tiktok') },
    { id: 'bytedance', query: '', expected: mentions('bytedance') },
    { id: 'tiktok', query: 'speaker=brendan-carr', expected: mentions('tiktok', (s) => saidBy(s, ['brendan-carr'])) },
    { id: 'tiktok', query: 'speaker=marsha-blackburn,buzzfeed', expected: mentions('tiktok', (s) => saidBy(s, ['marsha-blackburn', 'buzzfeed'])) },
    { id: 'tiktok', query: 'topic=transparency', expected: mentions('tiktok', (s) => s.topics.includes('transparency')) },
    { id: 'tiktok', query: 'stance=critical', expected: mentions('tiktok', (s) => stanceTowards(s, 'tiktok') === 'critical') },
    { id: 'tiktok', query: 'stance=supportive', expected: mentions('tiktok', (s) => stanceTowards(s, 'tiktok') === 'supportive') },
    { id: 'tiktok', query: 'stance=neutral', expected: mentions('tiktok', (s) => stanceTowards(s, 'tiktok') === 'neutral') },
    { id: 'china-based-employees', query: 'stance=neutral', expected: mentions('china-based-employees', (s) => stanceTowards(s, 'china-based-employees') === 'neutral') },
    { id: 'tiktok', query: 'since=2022-06-29', expected: mentions('tiktok', (s) => inPeriod(s, '2022-06-29')) },
    { id: 'tiktok', query: 'until=2021', expected: mentions('tiktok', (s) => inPeriod(s, undefined, '2021')) },
    { id: 'tiktok', query: 'since=2022-06-28&until=2022-06-28', expected: mentions('tiktok', (s) => inPeriod(s, '2022-06-28', '2022-06-28')) },
    { id: 'tiktok', query: 'speaker=tiktok&stance=supportive&topic=oracle-cloud-migration', expected: mentions('tiktok', (s) => saidBy(s, ['tiktok']) && stanceTowards(s, 'tiktok') === 'supportive' && s.topics.includes('oracle-cloud-migration')) },
  ]

  it.each(cases)('$id ?$query', async ({ id, query, expected }) => {
    const want = idsWhere(expected)
    expect(want.length, 'a case must select something').toBeGreaterThan(0)
    if (query) expect(want.length).toBeLessThan(idsWhere(mentions(id)).length)
    const ids = await itemIds(app, `/v1/actors/${id}/mentions?limit=100${query ? '&' + query : ''}`)
    expect(ids).toEqual(newestFirst(want))
  })

  it('statements about TikTok name the speaker with its role and the stance towards TikTok', async () => {
    const body = await getOk(app, '/v1/actors/tiktok/mentions?speaker=marsha-blackburn')
    expect(body.items.map((s: { id: string }) => s.id).sort()).toEqual(['blackburn-tiktok-should-have-come-clean', 'blackburn-urged-tiktok-testify-before-congress'])
    for (const item of body.items) {
      expect(item.speakers).toEqual([{ ...actorRef('marsha-blackburn'), role: 'Republican Senator' }])
      expect(item.targets).toContainEqual({ ...actorRef('tiktok'), stance: 'critical' as Stance })
    }
  })

  it('an actor nobody spoke about has no mentions; an unknown actor is a 404', async () => {
    expect(await itemIds(app, '/v1/actors/reuters/mentions')).toEqual([])
    const body = expectProblem(await get(app, '/v1/actors/nobody-here/mentions'), 404, 'not-found')
    expect(body.detail).toContain("'nobody-here'")
  })
})
