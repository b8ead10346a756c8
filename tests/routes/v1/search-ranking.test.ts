// Search people trust: an exact name or alias first, then prefix and word matches, then by score,
// in /v1/actors?q= and /v1/search alike. The orders are pinned for queries over the article.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { getOk, seededApp } from './seeded.js'
import { TIER_EXACT, TIER_OTHER, TIER_PREFIX, TIER_WORD, matchTier } from '../../../src/lib/match-tier.js'

let app: FastifyInstance
beforeAll(async () => { app = await seededApp() })
afterAll(async () => { await app?.close() })

const actors = async (q: string) => (await getOk<{ items: Array<{ id: string }> }>(app, `/v1/actors?q=${encodeURIComponent(q)}&limit=100`)).items.map((a) => a.id)
const searchActors = async (q: string) => (await getOk<{ items: Array<{ type: string, id: string }> }>(app, `/v1/search?q=${encodeURIComponent(q)}&limit=100`)).items

describe('matchTier', () => {
  it.each([
    ['TikTok', ['TikTok'], TIER_EXACT],
    ['fcc', ['Federal Communications Commission', 'FCC'], TIER_EXACT],
    ['tiktok', ['TikTok US-based security team'], TIER_PREFIX],
    ['tiktok', ['American TikTok users'], TIER_WORD],
    ['tok', ['American TikTok users'], TIER_OTHER],
    ['  Brendan   CARR ', ['Brendan Carr'], TIER_EXACT],
  ] as const)('%s against %j is tier %i', (q, names, tier) => {
    expect(matchTier(q, names)).toBe(tier)
  })
})

describe('ranking', () => {
  it('q=TikTok: TikTok first, then names that start with TikTok, then American TikTok users', async () => {
    const ids = await actors('TikTok')
    expect(ids[0]).toBe('tiktok')
    expect(ids.indexOf('us-based-security-team')).toBeLessThan(ids.indexOf('us-tiktok-users'))
    const hits = await searchActors('TikTok')
    expect(`${hits[0]?.type}:${hits[0]?.id}`).toBe('actor:tiktok')
  })

  it('q=FCC: the Federal Communications Commission (alias "FCC") before Brendan Carr ("the FCC commissioner")', async () => {
    const ids = await actors('FCC')
    expect(ids.slice(0, 2)).toEqual(['fcc', 'brendan-carr'])
    const hits = (await searchActors('FCC')).filter((h) => h.type === 'actor').map((h) => h.id)
    expect(hits.slice(0, 2)).toEqual(['fcc', 'brendan-carr'])
    expect((await searchActors('FCC'))[0]?.id).toBe('fcc')
  })

  it('q=Carr, q=Oracle, q=CFIUS: the actor named so (by name or alias) comes first', async () => {
    expect((await actors('Carr'))[0]).toBe('brendan-carr')
    expect((await actors('Oracle'))[0]).toBe('oracle')
    expect((await actors('CFIUS'))[0]).toBe('cfius')
    expect((await searchActors('Oracle'))[0]).toMatchObject({ type: 'actor', id: 'oracle' })
    expect((await searchActors('Blackburn'))[0]).toMatchObject({ type: 'actor', id: 'marsha-blackburn' })
  })
})

describe('pages of /v1/search', () => {
  // Statements rank by score alone, so the query reads only those that can reach the page asked
  // for (and every hit tied with the last of them): paging must give the one long list, in order.
  it.each(['TikTok', 'the', 'data'])('q=%s: pages of 3 join up to the list of 100, nothing twice, nothing skipped', async (q) => {
    type Page = { items: Array<{ type: string, id: string, score: number }>, next: string | null }
    const whole = (await getOk<Page>(app, `/v1/search?q=${q}&limit=100`)).items
    expect(whole.filter((h) => h.type === 'statement').length).toBeGreaterThan(6)
    const paged: Page['items'] = []
    let url: string | null = `/v1/search?q=${q}&limit=3`
    for (let i = 0; url && i < 50; i++) {
      const page: Page = await getOk<Page>(app, url)
      paged.push(...page.items)
      url = page.next ? `/v1/search?q=${q}&limit=3&cursor=${encodeURIComponent(page.next)}` : null
    }
    expect(paged.map((h) => `${h.type}:${h.id}`)).toEqual(whole.map((h) => `${h.type}:${h.id}`))
  })
})
