// GET /v1/who-said-what-about/{id}: statements about an actor grouped by speaker, with stance
// counts, against the article's graph; expected groups are computed from graph-seed/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import {
  actorRef, article, canonicalStatement, expectBadParameters, expectProblem, expectedStatement, get, getOk, inPeriod,
  newestFirst, seededApp, stanceTowards, walkPages,
} from './seeded.js'

let app: FastifyInstance
beforeAll(async () => { app = await seededApp() })
afterAll(async () => { await app?.close() })

interface Group { speaker: { id: string, name: string, kind: string }, stance: Record<string, number>, total: number, statements: Array<{ id: string }> }

/** The groups the data implies: speakers of statements about `id`, most statements first. */
function expectedGroups (id: string, options: { since?: string, until?: string, perSpeaker?: number } = {}) {
  const perSpeaker = options.perSpeaker ?? 10
  const bySpeaker = new Map<string, string[]>()
  for (const s of article.statements) {
    if (!stanceTowards(s, id) || ((options.since || options.until) && !inPeriod(s, options.since, options.until))) continue
    for (const sp of s.speakers) bySpeaker.set(sp.actor, [...(bySpeaker.get(sp.actor) ?? []), s.id])
  }
  return [...bySpeaker.entries()]
    .map(([speaker, ids]) => {
      const count = (stance: string) => ids.filter((sid) => stanceTowards(article.statements.find((s) => s.id === sid)!, id) === stance).length
      return {
        speaker: actorRef(speaker),
        stance: { critical: count('critical'), supportive: count('supportive'), neutral: count('neutral') },
        total: ids.length,
        statements: newestFirst(ids).slice(0, perSpeaker),
      }
    })
    .sort((a, b) => b.total - a.total || (a.speaker.id < b.speaker.id ? -1 : 1))
}

const shape = (groups: Group[]) => groups.map((g) => ({ ...g, statements: g.statements.map((s) => s.id) }))

describe('GET /v1/who-said-what-about/{id}', () => {
  it('TikTok: one group per speaker, stance counts and totals as in the data, most statements first', async () => {
    const body = await getOk(app, '/v1/who-said-what-about/tiktok?limit=100')
    expect(body.about).toEqual(actorRef('tiktok'))
    expect(body.next).toBeNull()
    const expected = expectedGroups('tiktok')
    expect(expected.length).toBeGreaterThan(3)
    expect(shape(body.groups)).toEqual(expected)
  })

  it('Brendan Carr is there with 4 critical statements about TikTok; TikTok about itself is supportive or neutral', async () => {
    const body = await getOk(app, '/v1/who-said-what-about/tiktok?limit=100')
    const carr = body.groups.find((g: Group) => g.speaker.id === 'brendan-carr')
    expect(carr).toBeDefined()
    expect(carr.stance).toEqual({ critical: 4, supportive: 0, neutral: 0 })
    expect(carr.total).toBe(4)
    const blackburn = body.groups.find((g: Group) => g.speaker.id === 'marsha-blackburn')
    expect(blackburn.stance).toEqual({ critical: 2, supportive: 0, neutral: 0 })
    const tiktok = body.groups.find((g: Group) => g.speaker.id === 'tiktok')
    expect(tiktok.stance.critical).toBe(0)
    expect(tiktok.stance.supportive + tiktok.stance.neutral).toBe(tiktok.total)
  })

  it('each group embeds its statements in full, newest first, with their evidence', async () => {
    const body = await getOk(app, '/v1/who-said-what-about/tiktok?limit=100')
    for (const g of body.groups) {
      for (const s of g.statements) {
        expect(canonicalStatement(s)).toEqual(canonicalStatement(expectedStatement(s.id)))
        expect(s.speakers.map((sp: { id: string }) => sp.id)).toContain(g.speaker.id)
      }
    }
  })

  it('a group\'s stance counts only the stance towards the actor asked about', async () => {
    // BuzzFeed's report is critical of China-based employees, ByteDance and TikTok but neutral on US users.
    const body = await getOk(app, '/v1/who-said-what-about/us-tiktok-users?limit=100')
    expect(shape(body.groups)).toEqual(expectedGroups('us-tiktok-users'))
    expect(body.groups.find((g: Group) => g.speaker.id === 'buzzfeed').stance).toEqual({ critical: 0, supportive: 0, neutral: 1 })
    const employees = await getOk(app, '/v1/who-said-what-about/china-based-employees?limit=100')
    expect(shape(employees.groups)).toEqual(expectedGroups('china-based-employees'))
  })

  it('perSpeaker caps the embedded statements (the newest), not the counts', async () => {
    const body = await getOk(app, '/v1/who-said-what-about/tiktok?perSpeaker=1&limit=100')
    expect(shape(body.groups)).toEqual(expectedGroups('tiktok', { perSpeaker: 1 }))
    const tiktok = body.groups.find((g: Group) => g.speaker.id === 'tiktok')
    expect(tiktok.statements).toHaveLength(1)
    expect(tiktok.total).toBeGreaterThan(1)
  })

  it.each([
    { since: '2022-06-29' },
    { until: '2022-06-28' },
    { since: '2022-06-28', until: '2022-06-28' },
    { until: '2020' },
  ])('since/until %o', async (period) => {
    const query = new URLSearchParams(period as Record<string, string>).toString()
    const body = await getOk(app, `/v1/who-said-what-about/tiktok?${query}&limit=100`)
    const expected = expectedGroups('tiktok', period)
    expect(expected.length).toBeGreaterThan(0)
    expect(expected).not.toEqual(expectedGroups('tiktok'))
    expect(shape(body.groups)).toEqual(expected)
  })

  it('pages through speakers with limit and cursor, each once, Link rel="next" while there are more', async () => {
    const all = expectedGroups('tiktok').map((g) => g.speaker.id)
    for (const limit of [1, 2, 3]) {
      const pages = await walkPages<Group>(app, `/v1/who-said-what-about/tiktok?limit=${limit}`, (b) => b.groups)
      expect(pages.flatMap((p) => p.items.map((g) => g.speaker.id))).toEqual(all)
      for (const p of pages) expect(p.items.length).toBeLessThanOrEqual(limit)
    }
  })

  it('an actor nobody spoke about has no groups; an unknown actor is a 404', async () => {
    const body = await getOk(app, '/v1/who-said-what-about/reuters')
    expect(body).toEqual({ about: actorRef('reuters'), groups: [], next: null })
    const problem = expectProblem(await get(app, '/v1/who-said-what-about/nobody-here'), 404, 'not-found')
    expect(problem.detail).toContain("'nobody-here'")
  })

  it('refuses perSpeaker outside 1..50 and bad dates', async () => {
    expectBadParameters(await get(app, '/v1/who-said-what-about/tiktok?perSpeaker=0'), ['querystring.perSpeaker'])
    expectBadParameters(await get(app, '/v1/who-said-what-about/tiktok?perSpeaker=51&since=22'), ['querystring.perSpeaker', 'querystring.since'])
  })
})
