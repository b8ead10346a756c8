// GET /v1/stance-matrix: speaker × target stance counts against the article's graph; every cell
// is computed from graph-seed/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { actorRef, article, expectBadParameters, get, getOk, inPeriod, seededApp, walkPages } from './seeded.js'

let app: FastifyInstance
beforeAll(async () => { app = await seededApp() })
afterAll(async () => { await app?.close() })

interface Cell { speaker: { id: string }, target: { id: string }, critical: number, supportive: number, neutral: number, total: number }

/** Every (speaker, target) pair with its stance counts, ordered by speaker id then target id. */
function expectedCells (filter: { speakers?: string[], targets?: string[], since?: string, until?: string } = {}) {
  const cells = new Map<string, { speaker: string, target: string, critical: number, supportive: number, neutral: number, total: number }>()
  for (const s of article.statements) {
    if ((filter.since || filter.until) && !inPeriod(s, filter.since, filter.until)) continue
    for (const sp of s.speakers) {
      if (filter.speakers && !filter.speakers.includes(sp.actor)) continue
      for (const t of s.targets) {
        if (filter.targets && !filter.targets.includes(t.actor)) continue
        const key = `${sp.actor} ${t.actor}`
        const cell = cells.get(key) ?? { speaker: sp.actor, target: t.actor, critical: 0, supportive: 0, neutral: 0, total: 0 }
        cell[t.stance]++
        cell.total++
        cells.set(key, cell)
      }
    }
  }
  return [...cells.values()]
    .sort((a, b) => (a.speaker < b.speaker ? -1 : a.speaker > b.speaker ? 1 : a.target < b.target ? -1 : 1))
    .map((c) => ({ ...c, speaker: actorRef(c.speaker), target: actorRef(c.target) }))
}

describe('GET /v1/stance-matrix', () => {
  it('every speaker × target pair with the counts the data implies, ordered by speaker then target', async () => {
    const body = await getOk(app, '/v1/stance-matrix?limit=100')
    expect(body.next).toBeNull()
    const expected = expectedCells()
    expect(expected.length).toBeGreaterThan(20)
    expect(body.cells).toEqual(expected)
    // total counts every SAID × ABOUT pair of the data
    const pairs = article.statements.reduce((n, s) => n + s.speakers.length * s.targets.length, 0)
    expect(body.cells.reduce((n: number, c: Cell) => n + c.total, 0)).toBe(pairs)
  })

  it('Brendan Carr → TikTok: 4 critical; TikTok → TikTok: supportive and neutral', async () => {
    const body = await getOk(app, '/v1/stance-matrix?speakers=brendan-carr,tiktok&targets=tiktok')
    expect(body.cells).toEqual([
      { speaker: actorRef('brendan-carr'), target: actorRef('tiktok'), critical: 4, supportive: 0, neutral: 0, total: 4 },
      { speaker: actorRef('tiktok'), target: actorRef('tiktok'), critical: 0, supportive: 3, neutral: 1, total: 4 },
    ])
    expect(body.cells).toEqual(expectedCells({ speakers: ['brendan-carr', 'tiktok'], targets: ['tiktok'] }))
  })

  it.each([
    { speakers: ['buzzfeed'] },
    { speakers: ['tiktok', 'cfius', 'marsha-blackburn'] },
    { targets: ['tiktok'] },
    { targets: ['bytedance', 'china-based-employees'] },
    { speakers: ['tiktok', 'buzzfeed'], targets: ['china-based-employees', 'oracle'] },
    { since: '2022-06-29' },
    { until: '2021' },
    { since: '2022-06', until: '2022-06-28' },
    { targets: ['tiktok'], since: '2022-06-28', until: '2022-06-28' },
  ])('%o', async (filter) => {
    const query = new URLSearchParams()
    if (filter.speakers) query.set('speakers', filter.speakers.join(','))
    if (filter.targets) query.set('targets', filter.targets.join(','))
    if (filter.since) query.set('since', filter.since)
    if (filter.until) query.set('until', filter.until)
    const expected = expectedCells(filter)
    expect(expected.length).toBeGreaterThan(0)
    expect(expected.length).toBeLessThan(expectedCells().length)
    const body = await getOk(app, `/v1/stance-matrix?${query.toString()}&limit=100`)
    expect(body.cells).toEqual(expected)
  })

  it('an actor that never spoke has no row; unknown ids select nothing', async () => {
    expect((await getOk(app, '/v1/stance-matrix?speakers=oracle')).cells).toEqual([])
    expect((await getOk(app, '/v1/stance-matrix?targets=nobody-here')).cells).toEqual([])
  })

  it('pages through cells in order, each once, Link rel="next" while there are more', async () => {
    const all = expectedCells().map((c) => `${c.speaker.id} ${c.target.id}`)
    for (const limit of [1, 2, 3]) {
      const pages = await walkPages<Cell>(app, `/v1/stance-matrix?limit=${limit}`, (b) => b.cells)
      expect(pages.flatMap((p) => p.items.map((c) => `${c.speaker.id} ${c.target.id}`))).toEqual(all)
    }
  })

  it('refuses malformed id lists and dates', async () => {
    expectBadParameters(await get(app, '/v1/stance-matrix?speakers=Brendan%20Carr&until=2022-02-30x'), ['querystring.speakers', 'querystring.until'])
    expectBadParameters(await get(app, '/v1/stance-matrix?targets=,'), ['querystring.targets'])
  })
})
