// GET /v1/graph/neighbourhood/{id} and GET /v1/paths against the article's graph; expected nodes,
// edges and shortest paths come from a breadth-first walk of the graph graph-seed/ describes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import {
  actor, allShortestPaths, article, documentOf, pathText, distances, expectBadParameters, expectProblem, get, getOk, graphEdges, graphNodes, seededApp,
  statement, type GraphEdge,
} from './seeded.js'

let app: FastifyInstance
beforeAll(async () => { app = await seededApp() })
afterAll(async () => { await app?.close() })

interface ApiNode { id: string, label: string, kind: string, name: string }
interface Neighbourhood { center: string, depth: number, nodes: ApiNode[], edges: GraphEdge[], truncated: boolean }

const nodes = graphNodes()
const edges = graphEdges()
const edgeKey = (e: GraphEdge) => `${e.source} ${e.type} ${e.target}`
const edgeKeys = new Set(edges.map(edgeKey))

/** What a node looks like in the graph views, from the data. */
function expectedNode (id: string): ApiNode {
  const label = nodes.get(id)!
  if (label === 'Actor') {
    const a = actor(id)
    return { id, label, kind: a.kind, name: a.name }
  }
  if (label === 'Statement') {
    const s = statement(id)
    return { id, label, kind: s.attribution, name: Array.from(s.text).slice(0, 160).join('') }
  }
  if (label === 'Document') {
    const d = documentOf(id)
    return { id, label, kind: d.kind, name: d.title }
  }
  return { id, label, kind: 'topic', name: article.topics.find((t) => t.id === id)!.name }
}

/** Checks the shape every neighbourhood must have, whatever the limit. */
function expectConsistent (body: Neighbourhood, center: string, depth: number, limit: number): void {
  expect(body.center).toBe(center)
  expect(body.depth).toBe(depth)
  expect(body.nodes[0]?.id).toBe(center)
  expect(body.nodes.length).toBeLessThanOrEqual(limit)
  const ids = body.nodes.map((n) => n.id)
  expect(new Set(ids).size, 'no node twice').toBe(ids.length)
  const within = distances(center, depth)
  for (const n of body.nodes) {
    expect(within.has(n.id), `${n.id} is within ${depth} steps of ${center}`).toBe(true)
    expect(n).toEqual(expectedNode(n.id))
  }
  const present = new Set(ids)
  for (const e of body.edges) {
    expect(present.has(e.source) && present.has(e.target), `edge ${edgeKey(e)} joins two returned nodes`).toBe(true)
    expect(edgeKeys.has(edgeKey(e)), `edge ${edgeKey(e)} exists in the data`).toBe(true)
  }
  expect(new Set(body.edges.map(edgeKey)).size, 'no edge twice').toBe(body.edges.length)
}

/** The complete neighbourhood the data implies: nodes within `depth`, and every relationship leaving a node closer than `depth`. */
function completeNeighbourhood (center: string, depth: number) {
  const dist = distances(center, depth)
  return {
    nodes: [...dist.keys()].sort(),
    edges: edges.filter((e) => Math.min(dist.get(e.source) ?? Infinity, dist.get(e.target) ?? Infinity) < depth)
      .sort((a, b) => edgeKey(a).localeCompare(edgeKey(b))),
  }
}

const sortEdges = (list: GraphEdge[]) => [...list].sort((a, b) => edgeKey(a).localeCompare(edgeKey(b)))

describe('GET /v1/graph/neighbourhood/{id}', () => {
  it('ids are unique across actors, statements, documents and topics (so the walk below is sound)', () => {
    expect(nodes.size).toBe(article.actors.length + article.statements.length + article.documents.length + article.topics.length)
  })

  it.each([1, 2, 3])('Brendan Carr at depth %i: exactly the nodes and relationships within reach', async (depth) => {
    const body = await getOk<Neighbourhood>(app, `/v1/graph/neighbourhood/brendan-carr?depth=${depth}&limit=500`)
    expectConsistent(body, 'brendan-carr', depth, 500)
    const expected = completeNeighbourhood('brendan-carr', depth)
    expect(body.truncated).toBe(false)
    expect(body.nodes.map((n) => n.id).sort()).toEqual(expected.nodes)
    expect(sortEdges(body.edges)).toEqual(expected.edges)
  })

  it('depth 1 of Brendan Carr: his FCC seat, his party, his four statements and his letter', async () => {
    const body = await getOk<Neighbourhood>(app, '/v1/graph/neighbourhood/brendan-carr')
    expect(body.depth).toBe(1)
    expect(body.nodes.map((n) => n.id).sort()).toEqual([
      'brendan-carr', 'carr-harvests-swaths-of-sensitive-data', 'carr-letter-to-apple-google', 'carr-tiktok-not-just-another-video-app',
      'carr-urged-apple-google-remove-tiktok', 'fcc', 'republican-party', 'senators-regulator-app-national-security-risk',
    ])
    expect(body.edges).toContainEqual({ source: 'brendan-carr', target: 'fcc', type: 'AFFILIATED_WITH', role: 'commissioner' })
    expect(body.edges).toContainEqual({ source: 'carr-letter-to-apple-google', target: 'brendan-carr', type: 'AUTHORED_BY' })
    expect(body.edges).toContainEqual({ source: 'brendan-carr', target: 'carr-tiktok-not-just-another-video-app', type: 'SAID', role: 'FCC commissioner' })
  })

  it.each([
    ['chew-oracle-data-security-controls', 'Statement'],
    ['carr-letter-to-apple-google', 'Document'],
    ['transparency', 'Topic'],
    ['tiktok', 'Actor'],
  ])('a %s (%s) as the centre, depth 1 and 2', async (id) => {
    for (const depth of [1, 2]) {
      const body = await getOk<Neighbourhood>(app, `/v1/graph/neighbourhood/${id}?depth=${depth}&limit=500`)
      expectConsistent(body, id, depth, 500)
      const expected = completeNeighbourhood(id, depth)
      expect(body.truncated).toBe(false)
      expect(body.nodes.map((n) => n.id).sort()).toEqual(expected.nodes)
      expect(sortEdges(body.edges)).toEqual(expected.edges)
    }
  })

  it('an ABOUT edge carries the stance of the data', async () => {
    const body = await getOk<Neighbourhood>(app, '/v1/graph/neighbourhood/chew-oracle-data-security-controls')
    expect(body.edges).toContainEqual({ source: 'chew-oracle-data-security-controls', target: 'tiktok', type: 'ABOUT', stance: 'supportive' })
    expect(body.edges).toContainEqual({ source: 'chew-oracle-data-security-controls', target: 'oracle', type: 'ABOUT', stance: 'neutral' })
  })

  it.each([1, 2, 5, 10, 20, 40])('limit=%i is respected at depth 3 and the answer says it was cut', async (limit) => {
    expect(distances('brendan-carr', 3).size).toBeGreaterThan(40)
    const body = await getOk<Neighbourhood>(app, `/v1/graph/neighbourhood/brendan-carr?depth=3&limit=${limit}`)
    expectConsistent(body, 'brendan-carr', 3, limit)
    expect(body.truncated).toBe(true)
  })

  it('the default limit is 50', async () => {
    const body = await getOk<Neighbourhood>(app, '/v1/graph/neighbourhood/tiktok?depth=3')
    expect(distances('tiktok', 3).size).toBeGreaterThan(50)
    expectConsistent(body, 'tiktok', 3, 50)
    expect(body.truncated).toBe(true)
  })

  it('a limit one above the neighbourhood\'s size is not truncated', async () => {
    const size = distances('brendan-carr', 1).size
    const body = await getOk<Neighbourhood>(app, `/v1/graph/neighbourhood/brendan-carr?depth=1&limit=${size + 1}`)
    expect(body.nodes).toHaveLength(size)
    expect(body.truncated).toBe(false)
  })

  it('a neighbourhood that exactly fills the limit is not truncated', async () => {
    // Brendan Carr at depth 1 has 8 nodes; with limit=8 every one of them is returned.
    const size = distances('brendan-carr', 1).size
    expect(size).toBe(8)
    const carr = await getOk<Neighbourhood>(app, `/v1/graph/neighbourhood/brendan-carr?depth=1&limit=${size}`)
    expect(carr.nodes.map((n) => n.id).sort()).toEqual(completeNeighbourhood('brendan-carr', 1).nodes)
    // Mike Blake and Reuters are a graph of their own: two nodes, however deep one looks.
    expect([...distances('mike-blake', 3).keys()].sort()).toEqual(['mike-blake', 'reuters'])
    const blake = await getOk<Neighbourhood>(app, '/v1/graph/neighbourhood/mike-blake?depth=3&limit=2')
    expect(blake.nodes.map((n) => n.id).sort()).toEqual(['mike-blake', 'reuters'])
    expect({ carr: carr.truncated, blake: blake.truncated }).toEqual({ carr: false, blake: false })
  })

  it('an unknown id is a 404 naming it; depth and limit out of range are 400s', async () => {
    const body = expectProblem(await get(app, '/v1/graph/neighbourhood/no-such-node'), 404, 'not-found')
    expect(body.detail).toContain("'no-such-node'")
    expectBadParameters(await get(app, '/v1/graph/neighbourhood/tiktok?depth=4'), ['querystring.depth'])
    expectBadParameters(await get(app, '/v1/graph/neighbourhood/tiktok?depth=0&limit=501'), ['querystring.depth', 'querystring.limit'])
    expectBadParameters(await get(app, '/v1/graph/neighbourhood/tiktok?limit=0'), ['querystring.limit'])
  })
})

interface Step { from: ApiNode, to: ApiNode, type: string, explanation: string }
interface Paths { from: { id: string }, to: { id: string }, paths: Array<{ hops: number, steps: Step[] }> }

const PATH_TYPES = ['SAID', 'ABOUT', 'AFFILIATED_WITH']

/** Checks a path step by step against the data, and returns its node ids. */
function expectPathMatchesData (path: { hops: number, steps: Step[] }, from: string, to: string): string[] {
  expect(path.hops).toBe(path.steps.length)
  expect(path.steps[0]?.from.id).toBe(from)
  expect(path.steps[path.steps.length - 1]?.to.id).toBe(to)
  for (const [i, step] of path.steps.entries()) {
    if (i > 0) expect(step.from.id, 'steps chain').toBe(path.steps[i - 1]!.to.id)
    expect(step.from).toEqual(expectedNode(step.from.id))
    expect(step.to).toEqual(expectedNode(step.to.id))
    const edge = edges.find((e) => e.type === step.type &&
      ((e.source === step.from.id && e.target === step.to.id) || (e.source === step.to.id && e.target === step.from.id)))
    expect(edge, `${step.from.id} ${step.type} ${step.to.id} exists in the data`).toBeDefined()
    // Explained in words that name both ends, and the stance or role the data gives.
    expect(step.explanation).toContain(step.from.name)
    expect(step.explanation).toContain(step.to.name)
    if (edge?.stance) expect(step.explanation).toContain(`(${edge.stance})`)
    if (edge?.type === 'AFFILIATED_WITH' && edge.role) expect(step.explanation).toContain(edge.role)
  }
  return [from, ...path.steps.map((s) => s.to.id)]
}

describe('GET /v1/paths', () => {
  it('Brendan Carr to Oracle: every shortest path through statements, each step explained', async () => {
    const body = await getOk<Paths>(app, '/v1/paths?from=brendan-carr&to=oracle')
    expect(body.from).toEqual({ id: 'brendan-carr', name: 'Brendan Carr', kind: 'person' })
    expect(body.to).toEqual({ id: 'oracle', name: 'Oracle', kind: 'organisation' })
    expect(body.paths.length).toBeGreaterThan(0)
    // 4 statements by Carr about TikTok × 4 relationships from TikTok to a statement about Oracle
    // (it is the subject of two and said two, one of which is also about it): 16 shortest paths
    // of 4 hops; the API returns at most 10 of them.
    const expected = allShortestPaths('brendan-carr', 'oracle', PATH_TYPES, 4)
    expect(expected).toHaveLength(16)
    for (const p of body.paths) expectPathMatchesData(p, 'brendan-carr', 'oracle')
    const got = body.paths.map(pathText)
    expect(got).toHaveLength(10)
    expect(new Set(got).size, 'no path twice').toBe(got.length)
    for (const p of got) expect(expected).toContain(p)
    for (const p of body.paths) expect(p.hops).toBe(4)
  })

  it('the first Carr–Oracle step is something Carr said', async () => {
    const body = await getOk<Paths>(app, '/v1/paths?from=brendan-carr&to=oracle')
    for (const p of body.paths) {
      expect(p.steps[0]!.type).toBe('SAID')
      expect(p.steps[0]!.explanation.startsWith('Brendan Carr said “')).toBe(true)
    }
  })

  it('Brendan Carr to Marsha Blackburn: through the Republican Party, roles in the explanation', async () => {
    const body = await getOk<Paths>(app, '/v1/paths?from=brendan-carr&to=marsha-blackburn')
    const expected = allShortestPaths('brendan-carr', 'marsha-blackburn', PATH_TYPES, 4)
    expect(expected).toEqual(['brendan-carr -AFFILIATED_WITH- republican-party -AFFILIATED_WITH- marsha-blackburn'])
    for (const p of body.paths) expectPathMatchesData(p, 'brendan-carr', 'marsha-blackburn')
    expect(body.paths.map(pathText)).toEqual(expected)
  })

  it('maxHops below the shortest distance gives no path', async () => {
    expect(allShortestPaths('brendan-carr', 'oracle', PATH_TYPES, 3)).toEqual([])
    expect((await getOk<Paths>(app, '/v1/paths?from=brendan-carr&to=oracle&maxHops=1')).paths).toEqual([])
    expect((await getOk<Paths>(app, '/v1/paths?from=brendan-carr&to=oracle&maxHops=3')).paths).toEqual([])
    expect((await getOk<Paths>(app, '/v1/paths?from=brendan-carr&to=oracle&maxHops=4')).paths.length).toBeGreaterThan(0)
  })

  it('actors with no connection have no path', async () => {
    expect(allShortestPaths('mike-blake', 'tiktok', PATH_TYPES, 4)).toEqual([])
    expect((await getOk<Paths>(app, '/v1/paths?from=mike-blake&to=tiktok')).paths).toEqual([])
  })

  it('maxHops outside 1..4, a missing end, or a malformed id is a 400 naming it', async () => {
    expectBadParameters(await get(app, '/v1/paths?from=brendan-carr&to=oracle&maxHops=5'), ['querystring.maxHops'])
    expectBadParameters(await get(app, '/v1/paths?from=brendan-carr&to=oracle&maxHops=0'), ['querystring.maxHops'])
    expectBadParameters(await get(app, '/v1/paths?from=brendan-carr'), ['querystring.to'])
    expectBadParameters(await get(app, '/v1/paths?to=Oracle%21'), ['querystring.from', 'querystring.to'])
  })

  it('an unknown actor at either end is a 404 naming it', async () => {
    expect(expectProblem(await get(app, '/v1/paths?from=nobody-here&to=oracle'), 404, 'not-found').detail).toContain("'nobody-here'")
    expect(expectProblem(await get(app, '/v1/paths?from=oracle&to=nobody-there'), 404, 'not-found').detail).toContain("'nobody-there'")
  })
})
