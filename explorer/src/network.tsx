// An actor's network drawn with sigma.js (WebGL) over graphology, laid out by ForceAtlas2 in a
// Web Worker; the same nodes and edges as a table for browsers without WebGL (and for anyone).
import { useEffect, useRef, useState } from 'preact/hooks'
import Graph from 'graphology'
import Sigma from 'sigma'
import FA2Layout from 'graphology-layout-forceatlas2/worker'
import { api, unwrap } from './api'
import { StanceBar } from './components'
import { actorHref } from './router'
import { edgeColour, emptyGraph, mergeNeighbourhood, type NetGraph } from './network-data'

/** Most actors drawn at once; the rest are named in the note. */
export const NODE_CAP = 60

function hasWebGL (): boolean {
  try {
    const canvas = document.createElement('canvas')
    return !!(canvas.getContext('webgl2') ?? canvas.getContext('webgl'))
  } catch { return false }
}

async function loadNeighbourhood (id: string) {
  // Depth 2 reaches actor → statement → actor; 150 nodes keeps a hub's answer small.
  return unwrap(await api.GET('/v1/graph/neighbourhood/{id}', { params: { path: { id }, query: { depth: 2, limit: 150 } } })).data
}

export function Network ({ id }: { id: string }) {
  const [graph, setGraph] = useState<NetGraph>(emptyGraph)
  const [error, setError] = useState<string>()
  const [expanded, setExpanded] = useState<string[]>([id])
  const seen = useRef(new Set<string>())
  const container = useRef<HTMLDivElement>(null)
  const webgl = useRef(hasWebGL())
  const [drawn, setDrawn] = useState(false)

  useEffect(() => {
    seen.current = new Set()
    setGraph(emptyGraph())
    setExpanded([id])
    loadNeighbourhood(id).then((n) => setGraph((g) => mergeNeighbourhood(g, n, seen.current)), (e: Error) => setError(e.message))
  }, [id])

  const expand = (node: string) => {
    if (expanded.includes(node)) return
    setExpanded((x) => [...x, node])
    loadNeighbourhood(node).then((n) => setGraph((g) => mergeNeighbourhood(g, n, seen.current)), (e: Error) => setError(e.message))
  }

  // The nodes kept under the cap: the centre, the expanded ones, then by number of edges.
  const degree = new Map<string, number>()
  for (const e of graph.edges.values()) {
    degree.set(e.source, (degree.get(e.source) ?? 0) + e.total + 1)
    degree.set(e.target, (degree.get(e.target) ?? 0) + e.total + 1)
  }
  const ranked = [...graph.nodes.values()].sort((a, b) =>
    Number(expanded.includes(b.id)) - Number(expanded.includes(a.id)) || (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0) || a.id.localeCompare(b.id))
  const kept = new Set(ranked.slice(0, NODE_CAP).map((n) => n.id))
  const edges = [...graph.edges.values()].filter((e) => kept.has(e.source) && kept.has(e.target))

  useEffect(() => {
    if (!webgl.current || !container.current || kept.size === 0) return
    const g = new Graph({ multi: true, type: 'directed' })
    const list = [...kept]
    list.forEach((nid, i) => {
      const n = graph.nodes.get(nid)!
      const angle = (2 * Math.PI * i) / list.length
      g.addNode(nid, {
        label: n.name,
        x: nid === id ? 0 : Math.cos(angle),
        y: nid === id ? 0 : Math.sin(angle),
        size: nid === id ? 9 : 3 + Math.min(5, Math.sqrt(degree.get(nid) ?? 0)),
        color: nid === id ? '#1a237e' : n.kind === 'person' ? '#3949ab' : n.kind === 'group' ? '#00838f' : '#5d4037',
      })
    })
    for (const e of edges) g.addEdge(e.source, e.target, { size: e.kind === 'affiliation' ? 1 : 1 + Math.min(6, e.total), color: edgeColour(e) })
    let sigma: Sigma | undefined
    let layout: FA2Layout | undefined
    let timer: ReturnType<typeof setTimeout> | undefined
    try {
      sigma = new Sigma(g, container.current, { settings: { renderEdgeLabels: false } } as never)
      sigma.on('clickNode', ({ node }: { node: string }) => expand(node))
      layout = new FA2Layout(g, { settings: { gravity: 1, scalingRatio: 20, barnesHutOptimize: list.length > 100 } })
      layout.start()
      timer = setTimeout(() => layout?.stop(), 2500)
      setDrawn(true)
      ;(container.current as HTMLDivElement & { graph?: Graph }).graph = g
    } catch {
      webgl.current = false
      setDrawn(false)
    }
    return () => {
      if (timer) clearTimeout(timer)
      layout?.kill()
      sigma?.kill()
    }
  }, [graph, expanded.length])

  const names = (nid: string) => graph.nodes.get(nid)?.name ?? nid
  return (
    <div class='network'>
      {error && <p role='alert' class='error'>{error}</p>}
      {webgl.current && <div ref={container} class='sigma' data-drawn={drawn ? 'yes' : 'no'} aria-label='network drawing; the same data is in the table below' role='img' />}
      {!webgl.current && <p class='note'>This browser has no WebGL, so the network is shown as a table.</p>}
      <ul class='legend' aria-label='legend'>
        <li><span class='swatch critical' /> critical</li>
        <li><span class='swatch supportive' /> supportive</li>
        <li><span class='swatch neutral' /> neutral</li>
        <li><span class='swatch mixed' /> mixed</li>
        <li><span class='swatch affiliation' /> affiliation</li>
        <li><span class='dot kind-person' /> person</li>
        <li><span class='dot kind-organisation' /> organisation</li>
        <li><span class='dot kind-group' /> group</li>
        <li>edge width: number of statements · click a node to expand it</li>
      </ul>
      <p class='note' aria-live='polite'>
        {graph.nodes.size} actors{graph.nodes.size > kept.size && <>, the {kept.size} most connected shown</>}
        {graph.truncated && <> · the neighbourhood was cut at 150 nodes per request</>}
      </p>
      <details class='table-view' open={!webgl.current}>
        <summary>Table view of the network</summary>
        <table>
          <caption>Actors ({kept.size})</caption>
          <thead><tr><th scope='col'>Actor</th><th scope='col'>Kind</th><th scope='col'>Expand</th></tr></thead>
          <tbody>
            {[...kept].map((nid) => (
              <tr key={nid} data-node={nid}>
                <td><a href={actorHref(nid)}>{names(nid)}</a></td>
                <td>{graph.nodes.get(nid)?.kind}</td>
                <td>{expanded.includes(nid) ? 'expanded' : <button type='button' onClick={() => expand(nid)}>Expand {names(nid)}</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table>
          <caption>Edges ({edges.length})</caption>
          <thead><tr><th scope='col'>From</th><th scope='col'>To</th><th scope='col'>What</th></tr></thead>
          <tbody>
            {edges.map((e) => (
              <tr key={`${e.kind}-${e.source}-${e.target}`} data-edge={`${e.source}>${e.target}`}>
                <td>{names(e.source)}</td>
                <td>{names(e.target)}</td>
                <td>{e.kind === 'affiliation' ? `affiliation${e.role ? `: ${e.role}` : ''}` : <StanceBar counts={e} label={`${names(e.source)} about ${names(e.target)}`} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  )
}
