// The neighbourhood answer turned into an actor graph: speaker→target edges merged per pair
// (through the statements between them), with counts per stance, plus affiliations.
import type { Neighbourhood } from './api'
import type { Counts } from './components'

export interface NetNode { id: string, name: string, kind: string }
export interface NetEdge extends Counts { source: string, target: string, kind: 'stance' | 'affiliation', total: number, role?: string }
export interface NetGraph { nodes: Map<string, NetNode>, edges: Map<string, NetEdge>, truncated: boolean }

export const emptyGraph = (): NetGraph => ({ nodes: new Map(), edges: new Map(), truncated: false })

/** Adds one neighbourhood answer to the graph (statements already counted are not counted twice). */
export function mergeNeighbourhood (g: NetGraph, n: Neighbourhood, seen: Set<string>): NetGraph {
  const nodes = new Map(g.nodes)
  const edges = new Map(g.edges)
  for (const node of n.nodes) if (node.label === 'Actor' && !nodes.has(node.id)) nodes.set(node.id, { id: node.id, name: node.name, kind: node.kind })
  const said = new Map<string, string[]>()
  const about = new Map<string, Array<{ id: string, stance: keyof Counts }>>()
  for (const e of n.edges) {
    if (e.type === 'SAID') said.set(e.target, [...(said.get(e.target) ?? []), e.source])
    else if (e.type === 'ABOUT' && e.stance) about.set(e.source, [...(about.get(e.source) ?? []), { id: e.target, stance: e.stance }])
    else if (e.type === 'AFFILIATED_WITH' && nodes.has(e.source) && nodes.has(e.target)) {
      const key = `aff:${e.source}>${e.target}`
      if (!edges.has(key)) edges.set(key, { source: e.source, target: e.target, kind: 'affiliation', critical: 0, supportive: 0, neutral: 0, total: 0, role: e.role })
    }
  }
  for (const [statement, speakers] of said) {
    if (seen.has(statement)) continue
    const targets = about.get(statement)
    if (!targets) continue
    seen.add(statement)
    for (const sp of speakers) {
      for (const t of targets) {
        if (sp === t.id || !nodes.has(sp) || !nodes.has(t.id)) continue
        const key = `st:${sp}>${t.id}`
        const edge = edges.get(key) ?? { source: sp, target: t.id, kind: 'stance' as const, critical: 0, supportive: 0, neutral: 0, total: 0 }
        edges.set(key, { ...edge, [t.stance]: edge[t.stance] + 1, total: edge.total + 1 })
      }
    }
  }
  return { nodes, edges, truncated: g.truncated || n.truncated }
}

export const STANCE_COLOURS = { critical: '#c62828', supportive: '#2e7d32', neutral: '#78909c', mixed: '#8e5bb5', affiliation: '#b0bec5' }

/** The colour of an edge: its stance when all of its statements share one, else "mixed". */
export function edgeColour (e: NetEdge): string {
  if (e.kind === 'affiliation') return STANCE_COLOURS.affiliation
  const present = (['critical', 'supportive', 'neutral'] as const).filter((s) => e[s] > 0)
  return present.length === 1 ? STANCE_COLOURS[present[0]!] : STANCE_COLOURS.mixed
}
