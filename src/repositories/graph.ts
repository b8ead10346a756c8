// Cypher for graph views: an id's neighbourhood (breadth-first, every ring bounded, in the query
// that finds the start node) and
// the shortest connections between two actors (one constant query per allowed hop count).
import type { Db } from '../db/db.js'
import { checkActors, checked, checkedRows, type Checked } from './actor-checks.js'

export interface GraphNode { id: string, label: 'Actor' | 'Statement' | 'Document' | 'Topic', kind: string, name: string }
export interface GraphEdge { source: string, target: string, type: string, stance?: 'critical' | 'supportive' | 'neutral', role?: string }

// A node as [id, label, kind, name] and a relationship of a ring as [element, source, target,
// type, stance, role, node]: lists, not maps, which the driver decodes in less CPU (keys are
// decoded anew for every map). The first ring stays in one record: its rows are small, and 200
// records of them cost more than one (depth 1, 20k graph: 4.4 against 6.0 ms of API CPU), and
// so does each further ring.
const NODE_ROW = `[n.id, head([l IN labels(n) WHERE l IN ['Actor', 'Statement', 'Document', 'Topic']]),
  coalesce(n.kind, n.attribution, 'topic'), coalesce(n.name, n.title, left(n.text, 160), n.id)]`
const nodeFromRow = (row: unknown[]): GraphNode => ({ id: row[0] as string, label: row[1] as GraphNode['label'], kind: row[2] as string, name: row[3] as string })
type RingRow = [string, string, string, string, GraphEdge['stance'] | null, string | null, unknown[]]

const REL_TYPES = 'SAID|ABOUT|ON_TOPIC|REPORTED_IN|ORIGINALLY_IN|AFFILIATED_WITH|PUBLISHED_BY|AUTHORED_BY|ADDRESSED_TO|RESPONDS_TO|CONTRADICTS|SUPPORTS|REPEATS'

// The start node and every ring in one query (one round trip whatever the depth; a query per
// ring cost a managed transaction's round trip each, about 1 ms). Each ring walks from the
// frontier: the previous ring's nodes not seen before, in the order they came, as many as the
// limit still has room for (the order the code below adds them in, so both agree on the nodes).
// LIMIT takes no variables, so a ring reads at most $fetch relationships (what the first needs,
// the most any ring may) and keeps as many as its room allows; and an aggregation may not use a
// variable it does not group by, so the slices are taken outside the subqueries.
const RING_ROW = '[elementId(n), startNode(r).id, endNode(r).id, type(r), r.stance, coalesce(r.role, r.type), ' + NODE_ROW + ']'
const NEIGHBOURHOOD_START = `
CALL () {
  MATCH (n:Actor {id: $id}) RETURN n
  UNION MATCH (n:Statement {id: $id}) RETURN n
  UNION MATCH (n:Document {id: $id}) RETURN n
  UNION MATCH (n:Topic {id: $id}) RETURN n
}
WITH n AS start LIMIT 1
WITH start, [] AS rings, [elementId(start)] AS frontier, [elementId(start)] AS seen`
const NEIGHBOURHOOD_RING = `
CALL (frontier) {
  MATCH (x) WHERE elementId(x) IN frontier
  MATCH (x)-[r:` + REL_TYPES + `]-(n)
  WITH r, n LIMIT $fetch
  RETURN collect([r, n]) AS found
}
WITH start, rings, seen, found, (CASE WHEN $limit - size(seen) > 1 THEN $limit - size(seen) ELSE 1 END) * 4 + 1 AS room
CALL (found, room) {
  UNWIND found[..room] AS pair
  WITH pair[0] AS r, pair[1] AS n
  RETURN collect(` + RING_ROW + `) AS ring
}
CALL (ring, seen) {
  UNWIND ring AS row
  WITH DISTINCT row[0] AS element WHERE NOT element IN seen
  RETURN collect(element) AS fresh
}
WITH start, rings + [ring] AS rings, seen, fresh[..($limit - size(seen))] AS frontier
WITH start, rings, seen + frontier AS seen, frontier`
const NEIGHBOURHOOD_END = `
CALL (start) {
  WITH start AS n
  RETURN ` + NODE_ROW + ` AS node
}
RETURN elementId(start) AS element, node, rings`
/** The query for a neighbourhood of `depth` rings (1 to 3): the start node and its rings. */
const NEIGHBOURHOOD: Record<number, string> = Object.fromEntries([1, 2, 3].map((depth) => [depth, NEIGHBOURHOOD_START + NEIGHBOURHOOD_RING.repeat(depth) + NEIGHBOURHOOD_END]))

// Shortest paths in a stable order (the ids, then the relationship types along them), so the
// same graph always gives the same 10.
const PATH_RETURN = `
WITH p ORDER BY [x IN nodes(p) | x.id], [r IN relationships(p) | type(r)] LIMIT 10
RETURN collect({nodes: [n IN nodes(p) | ` + NODE_ROW + `],
  rels: [r IN relationships(p) | {type: type(r), source: startNode(r).id, stance: r.stance, role: coalesce(r.role, r.type)}]}) AS rows`

// Each also checks both actors (checkActors): one query for the paths, the 404 and the 308.
const PATH_START = 'MATCH (a:Actor {id: $from}), (b:Actor {id: $to}) '
export const PATH_QUERIES: Record<number, string> = {
  1: checkActors(['from', 'to'], PATH_START + 'MATCH p = allShortestPaths((a)-[:SAID|ABOUT|AFFILIATED_WITH*..1]-(b))' + PATH_RETURN),
  2: checkActors(['from', 'to'], PATH_START + 'MATCH p = allShortestPaths((a)-[:SAID|ABOUT|AFFILIATED_WITH*..2]-(b))' + PATH_RETURN),
  3: checkActors(['from', 'to'], PATH_START + 'MATCH p = allShortestPaths((a)-[:SAID|ABOUT|AFFILIATED_WITH*..3]-(b))' + PATH_RETURN),
  4: checkActors(['from', 'to'], PATH_START + 'MATCH p = allShortestPaths((a)-[:SAID|ABOUT|AFFILIATED_WITH*..4]-(b))' + PATH_RETURN),
}
// From an actor to itself there is no path; the query still checks the actor.
const SAME_ACTOR = checkActors(['from', 'to'], 'RETURN [] AS rows')

export interface PathStep { from: GraphNode, to: GraphNode, type: string, explanation: string }

function quote (node: GraphNode): string {
  return node.label === 'Statement' ? `“${node.name}”` : node.name
}

/** One relationship of a path, in words, in the direction the path walks it. */
export function explainStep (from: GraphNode, to: GraphNode, rel: { type: string, source: string, stance: string | null, role: string | null }): string {
  const forward = rel.source === from.id
  const [start, end] = forward ? [from, to] : [to, from]
  switch (rel.type) {
    case 'SAID':
      return forward
        ? `${quote(start)} said ${quote(end)}${rel.role ? ` (as ${rel.role})` : ''}`
        : `${quote(end)} was said by ${quote(start)}${rel.role ? ` (as ${rel.role})` : ''}`
    case 'ABOUT':
      return forward
        ? `${quote(start)} is about ${quote(end)}${rel.stance ? ` (${rel.stance})` : ''}`
        : `${quote(end)} is the subject of ${quote(start)}${rel.stance ? ` (${rel.stance})` : ''}`
    case 'AFFILIATED_WITH':
      return forward
        ? `${quote(start)} is ${rel.role ?? 'affiliated with'} of ${quote(end)}`.replace(' of of ', ' of ')
        : `${quote(end)} has ${quote(start)} as ${rel.role ?? 'affiliate'}`
    default:
      return `${quote(start)} ${rel.type} ${quote(end)}`
  }
}

export class GraphRepository {
  constructor (private readonly db: Db) {}

  async neighbourhood (id: string, depth: number, limit: number): Promise<{ nodes: GraphNode[], edges: GraphEdge[], truncated: boolean } | null> {
    const query = NEIGHBOURHOOD[depth]
    if (!query) throw new RangeError(`depth ${depth} is outside 1..3`)
    // Fetch a few more relationships than nodes we may still add; one more tells whether we cut.
    const fetchFor = (room: number): number => Math.max(room, 1) * 4 + 1
    const [start] = await this.db.read(query, { id, limit, fetch: fetchFor(limit - 1) })
    if (!start) return null
    const nodes = new Map<string, GraphNode>([[String(start.element), nodeFromRow(start.node as unknown[])]])
    const edges = new Map<string, GraphEdge>()
    let truncated = false
    // Each ring was read from the one before's new nodes, which this loop adds in the same order.
    for (const rows of start.rings as RingRow[][]) {
      const fetch = fetchFor(limit - nodes.size)
      for (const [element, source, target, type, stance, role, node] of rows) {
        if (!nodes.has(element)) {
          if (nodes.size >= limit) {
            truncated = true
            continue
          }
          nodes.set(element, nodeFromRow(node))
        }
        const edge: GraphEdge = { source, target, type }
        if (stance) edge.stance = stance
        if (role) edge.role = role
        edges.set(`${edge.source} ${edge.type} ${edge.target}`, edge)
      }
      if (rows.length >= fetch) truncated = true
    }
    const ids = new Set([...nodes.values()].map((n) => n.id))
    const [center, ...rest] = [...nodes.values()]
    // A stable order for the same graph, whatever order the store hands relationships out in.
    const byNode = (a: GraphNode, b: GraphNode) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id)
    const byEdge = (a: GraphEdge, b: GraphEdge) => a.source.localeCompare(b.source) || a.type.localeCompare(b.type) || a.target.localeCompare(b.target)
    return {
      nodes: [center!, ...rest.sort(byNode)],
      edges: [...edges.values()].filter((e) => ids.has(e.source) && ids.has(e.target)).sort(byEdge),
      truncated,
    }
  }

  async paths (from: string, to: string, maxHops: number): Promise<{ from: Checked, to: Checked, paths: Array<{ hops: number, steps: PathStep[] }> }> {
    const query = from === to ? SAME_ACTOR : PATH_QUERIES[maxHops]
    if (!query) throw new RangeError(`maxHops ${maxHops} is outside 1..4`)
    const { head: result, rows } = checkedRows(await this.db.read(query, { from, to }))
    const paths = rows.map((row) => {
      const nodes = (row.nodes as unknown[][]).map(nodeFromRow)
      const rels = row.rels as Array<{ type: string, source: string, stance: string | null, role: string | null }>
      const steps = rels.map((rel, i) => {
        const a = nodes[i]!
        const b = nodes[i + 1]!
        return { from: a, to: b, type: rel.type, explanation: explainStep(a, b, rel) }
      })
      return { hops: steps.length, steps }
    })
    return { from: checked(result, 'from'), to: checked(result, 'to'), paths }
  }
}
