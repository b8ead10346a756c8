// The degree sweep: actors of about 10, 100, 1k, 10k and 100k+ statements (the nearest the graph
// holds), and for each the p50 of every actor-anchored read three ways, interleaved request by
// request on one connection: the API over HTTP; the same repository calls the route makes, in
// process ("current"); and the bench-only "naive" variant of those calls (every list walks the
// actor's relationships and sorts them before the page; who-said-what-about and the stance
// matrix walk the statements instead of reading the tallies), the API as it was before
// the hub plans. A page's cost that does not grow with the degree shows as a flat line.
import type { Db } from '../../src/db/db.js'
import { ActorsRepository } from '../../src/repositories/actors.js'
import { StatementsRepository } from '../../src/repositories/statements.js'
import { percentile } from './measure.js'
import { inRequest } from './endpoints.js'

export const SWEEP_DEGREES = [10, 100, 1_000, 10_000, 100_000] as const

export interface SweepActor { wanted: number, side: 'about' | 'said', id: string, degree: number }

export interface SweepCell {
  endpoint: string
  side: 'about' | 'said'
  wanted: number
  actor: string
  degree: number
  /** Milliseconds, p50 of `requests` each. */
  api: number
  current: number
  naive: number
  requests: number
}

// Every synthetic actor's two degrees, from the degree store (no walk).
const DEGREES = `
MATCH (a:Actor) WHERE a.id STARTS WITH 'syn-'
RETURN a.id AS id, COUNT { ()-[:ABOUT]->(a) } AS about, COUNT { (a)-[:SAID]->() } AS said`

/**
 * For each wanted degree, the actor whose degree is nearest to it on a log scale (ties by id);
 * a wanted degree more than 3x beyond the graph's largest is left out (a 10k graph has no actor
 * that 100k statements are about). The last pick is the graph's top actor when it passes 100k.
 */
export async function pickSweep (db: Db): Promise<SweepActor[]> {
  const rows = (await db.read(DEGREES)).map((r) => ({ id: String(r.id), about: Number(r.about), said: Number(r.said) }))
  const picks: SweepActor[] = []
  for (const side of ['about', 'said'] as const) {
    const withDegree = rows.filter((r) => r[side] > 0).sort((a, b) => a.id.localeCompare(b.id))
    const max = Math.max(0, ...withDegree.map((r) => r[side]))
    const used = new Set<string>()
    for (const wanted of SWEEP_DEGREES) {
      if (wanted > max * 3) continue
      let best: (typeof withDegree)[number] | null = null
      for (const r of withDegree) {
        if (used.has(r.id)) continue
        if (!best || Math.abs(Math.log(r[side] / wanted)) < Math.abs(Math.log(best[side] / wanted))) best = r
      }
      if (!best) continue
      used.add(best.id)
      picks.push({ wanted, side, id: best.id, degree: best[side] })
    }
  }
  return picks
}

interface SweepEndpoint {
  key: string
  side: 'about' | 'said'
  path: (id: string) => string
  call: (repos: { actors: ActorsRepository, statements: StatementsRepository }, id: string) => Promise<unknown>
}

const enc = encodeURIComponent

/** The actor-anchored reads: by the actor as target (about) or as speaker (said). */
export const SWEEP_ENDPOINTS: SweepEndpoint[] = [
  { key: 'statements-about', side: 'about', path: (id) => `/v1/statements?about=${enc(id)}`, call: (r, id) => r.statements.list({ about: [id] }, { limit: 20 }) },
  { key: 'statements-about-critical', side: 'about', path: (id) => `/v1/statements?about=${enc(id)}&stance=critical`, call: (r, id) => r.statements.list({ about: [id], stance: 'critical' }, { limit: 20 }) },
  { key: 'mentions', side: 'about', path: (id) => `/v1/actors/${enc(id)}/mentions`, call: (r, id) => r.statements.list({ about: [id] }, { limit: 20 }, id) },
  { key: 'who-said-what-about', side: 'about', path: (id) => `/v1/who-said-what-about/${enc(id)}`, call: (r, id) => r.actors.whoSaidWhatAbout(id, { perSpeaker: 10, limit: 20 }) },
  { key: 'who-said-what-about-1', side: 'about', path: (id) => `/v1/who-said-what-about/${enc(id)}?perSpeaker=1`, call: (r, id) => r.actors.whoSaidWhatAbout(id, { perSpeaker: 1, limit: 20 }) },
  { key: 'who-said-what-about-2021', side: 'about', path: (id) => `/v1/who-said-what-about/${enc(id)}?since=2021&until=2021`, call: (r, id) => r.actors.whoSaidWhatAbout(id, { since: '2021', until: '2021', perSpeaker: 10, limit: 20 }) },
  { key: 'who-said-what-about-since-2020', side: 'about', path: (id) => `/v1/who-said-what-about/${enc(id)}?since=2020`, call: (r, id) => r.actors.whoSaidWhatAbout(id, { since: '2020', perSpeaker: 10, limit: 20 }) },
  { key: 'stance-matrix-target', side: 'about', path: (id) => `/v1/stance-matrix?targets=${enc(id)}`, call: (r, id) => r.actors.stanceMatrix({ targets: [id] }, { limit: 20 }) },
  { key: 'actor', side: 'about', path: (id) => `/v1/actors/${enc(id)}`, call: (r, id) => r.actors.get(id) },
  { key: 'statements-by', side: 'said', path: (id) => `/v1/statements?speaker=${enc(id)}`, call: (r, id) => r.statements.list({ speakers: [id] }, { limit: 20 }) },
  { key: 'stance-matrix-speaker', side: 'said', path: (id) => `/v1/stance-matrix?speakers=${enc(id)}`, call: (r, id) => r.actors.stanceMatrix({ speakers: [id] }, { limit: 20 }) },
]

async function timed (work: () => Promise<unknown>): Promise<number> {
  const t = performance.now()
  await work()
  return performance.now() - t
}

/**
 * Every endpoint for every picked actor of its side. Per cell: `warmup` untimed rounds, then
 * `requests` rounds of one API request, one current call and one naive call, the order rotated
 * each round, so the three share the machine's noise.
 */
export async function runSweep (db: Db, apiBase: string, picks: SweepActor[], options: { requests: number, warmup: number, log: (line: string) => void }): Promise<SweepCell[]> {
  const current = { actors: new ActorsRepository(db), statements: new StatementsRepository(db) }
  const naive = { actors: new ActorsRepository(db, 'walk'), statements: new StatementsRepository(db, Infinity, false) }
  const cells: SweepCell[] = []
  for (const pick of picks) {
    for (const ep of SWEEP_ENDPOINTS.filter((e) => e.side === pick.side)) {
      const url = apiBase + ep.path(pick.id)
      const get = async () => {
        const res = await fetch(url)
        await res.arrayBuffer()
        if (res.status !== 200) throw new Error(`${url} answered ${res.status}`)
      }
      const ways: Array<[keyof Pick<SweepCell, 'api' | 'current' | 'naive'>, () => Promise<unknown>]> = [
        ['api', get],
        ['current', () => inRequest(() => ep.call(current, pick.id))],
        ['naive', () => inRequest(() => ep.call(naive, pick.id))],
      ]
      for (let i = 0; i < options.warmup; i++) for (const [, work] of ways) await work()
      const times: Record<string, number[]> = { api: [], current: [], naive: [] }
      for (let round = 0; round < options.requests; round++) {
        const order = [...ways.slice(round % 3), ...ways.slice(0, round % 3)]
        for (const [way, work] of order) times[way]!.push(await timed(work))
      }
      const p50 = (way: string) => percentile([...times[way]!].sort((a, b) => a - b), 50)
      const cell: SweepCell = { endpoint: ep.key, side: pick.side, wanted: pick.wanted, actor: pick.id, degree: pick.degree, api: p50('api'), current: p50('current'), naive: p50('naive'), requests: options.requests }
      cells.push(cell)
      options.log(`    sweep ${ep.key.padEnd(26)} ${pick.side} ${String(pick.degree).padStart(7)} (${pick.id}): API ${cell.api.toFixed(1)} ms | current ${cell.current.toFixed(1)} ms | naive ${cell.naive.toFixed(1)} ms`)
    }
  }
  return cells
}
