// GET /v1/stance-timeline over the article graph: counts per stance per period for one pair,
// computed from the seed data rather than copied from the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { article, expectBadParameters, get, getOk, seededApp, type SeedStatement } from './seeded.js'

let app: FastifyInstance
beforeAll(async () => { app = await seededApp() })
afterAll(async () => { await app?.close() })

interface Counts { critical: number, supportive: number, neutral: number, total: number }
const zero = (): Counts => ({ critical: 0, supportive: 0, neutral: 0, total: 0 })

/** The expected answer from graph-seed/: a period when the date is at least that precise. */
function expected (speaker: string, target: string, width: 4 | 7) {
  const periods = new Map<string, Counts>()
  const imprecise = zero()
  const undated = zero()
  for (const s of article.statements as SeedStatement[]) {
    if (!s.speakers.some((x) => x.actor === speaker)) continue
    for (const t of s.targets.filter((x) => x.actor === target)) {
      const bucket = !s.date ? undated : s.date.length < width ? imprecise : periods.get(s.date.slice(0, width)) ?? periods.set(s.date.slice(0, width), zero()).get(s.date.slice(0, width))!
      bucket[t.stance]++
      bucket.total++
    }
  }
  return { periods: [...periods].sort((a, b) => a[0].localeCompare(b[0])).map(([period, c]) => ({ period, ...c })), imprecise, undated }
}

describe('GET /v1/stance-timeline', () => {
  it.each([
    ['brendan-carr', 'tiktok', 'month'],
    ['brendan-carr', 'tiktok', 'year'],
    ['marsha-blackburn', 'tiktok', 'month'],
    ['marsha-blackburn', 'tiktok', 'year'],
    ['tiktok', 'tiktok', 'month'],
    ['tiktok', 'china-based-employees', 'month'],
    ['cfius', 'bytedance', 'month'],
  ] as const)('%s about %s by %s matches the seed data', async (speaker, target, interval) => {
    const body = await getOk(app, `/v1/stance-timeline?speaker=${speaker}&target=${target}&interval=${interval}`)
    expect(body.speaker.id).toBe(speaker)
    expect(body.target.id).toBe(target)
    expect(body.interval).toBe(interval)
    expect({ periods: body.periods, imprecise: body.imprecise, undated: body.undated }).toEqual(expected(speaker, target, interval === 'year' ? 4 : 7))
  })

  it('Carr about TikTok: four critical statements in June 2022', async () => {
    const body = await getOk(app, '/v1/stance-timeline?speaker=brendan-carr&target=tiktok')
    expect(body.interval).toBe('month')
    expect(body.periods).toEqual([{ period: '2022-06', critical: 4, supportive: 0, neutral: 0, total: 4 }])
  })

  it('since and until narrow the statements; a pair that never spoke has no periods', async () => {
    const none = await getOk(app, '/v1/stance-timeline?speaker=brendan-carr&target=tiktok&until=2021')
    expect(none.periods).toEqual([])
    expect(none.imprecise.total + none.undated.total).toBe(0)
    const silent = await getOk(app, '/v1/stance-timeline?speaker=oracle&target=tiktok')
    expect(silent.periods).toEqual([])
  })

  it('a merged speaker answers 308 to the canonical id; unknown ids are 404; bad parameters 400', async () => {
    await app.db.write("MERGE (:ActorRedirect {id: 'carr-old', to: 'brendan-carr'})", {})
    try {
      const res = await get(app, '/v1/stance-timeline?speaker=carr-old&target=tiktok')
      expect(res.statusCode).toBe(308)
      expect(res.headers.location).toBe('/v1/stance-timeline?speaker=brendan-carr&target=tiktok')
    } finally {
      await app.db.write("MATCH (r:ActorRedirect {id: 'carr-old'}) DELETE r", {})
    }
    expect((await get(app, '/v1/stance-timeline?speaker=nobody-here&target=tiktok')).statusCode).toBe(404)
    expect((await get(app, '/v1/stance-timeline?speaker=brendan-carr&target=nobody-here')).statusCode).toBe(404)
    expectBadParameters(await get(app, '/v1/stance-timeline?speaker=brendan-carr&target=tiktok&interval=week'), ['querystring.interval'])
    expectBadParameters(await get(app, '/v1/stance-timeline?target=tiktok'), ['querystring.speaker'])
    expectBadParameters(await get(app, '/v1/stance-timeline?speaker=Bad%20Id&target=tiktok'), ['querystring.speaker'])
  })
})
