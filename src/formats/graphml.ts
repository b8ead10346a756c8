// GraphML (http://graphml.graphdrawing.org/), as networkx, Gephi, yEd, Cytoscape and igraph
// read it: typed <key> declarations, then nodes and edges with <data> values. Dates are plain
// attributes (date, and dateStart / dateEnd of the day range) since GraphML has no time axis.
import { xmlAttrs, xmlText } from './xml.js'
import { EDGE_ATTRIBUTES, NODE_ATTRIBUTES, graphEdges, graphNodes, type AttrValue, type GraphOptions } from './graph.js'
import { chunked, type ExportSource } from './types.js'

const keyId = (forWhat: 'node' | 'edge', name: string) => `${forWhat === 'node' ? 'n' : 'e'}_${name}`

function data (forWhat: 'node' | 'edge', attrs: Record<string, AttrValue>): string {
  return Object.entries(attrs)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `<data key="${keyId(forWhat, k)}">${xmlText(String(v))}</data>`).join('')
}

function spellData (forWhat: 'node' | 'edge', spells: Array<[string, string]>): Record<string, AttrValue> {
  if (spells.length === 0) return {}
  return { dateStart: spells[0]![0], dateEnd: spells[spells.length - 1]![1] }
}

export async function * graphml (source: ExportSource, options: GraphOptions): AsyncGenerator<string> {
  const keys = [
    ...[...NODE_ATTRIBUTES, ['dateStart', 'string'], ['dateEnd', 'string']].map(([name, type]) =>
      `  <key${xmlAttrs({ id: keyId('node', name!), for: 'node', 'attr.name': name, 'attr.type': type })}/>\n`),
    ...[...EDGE_ATTRIBUTES, ['weight', 'double'], ['dateStart', 'string'], ['dateEnd', 'string']].map(([name, type]) =>
      `  <key${xmlAttrs({ id: keyId('edge', name!), for: 'edge', 'attr.name': name, 'attr.type': type })}/>\n`),
  ]
  yield '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n' +
    keys.join('') +
    '  <graph id="whosaid" edgedefault="directed">\n'
  for await (const batch of graphNodes(source, options)) {
    yield * chunked(batch, (n) => `    <node id="${xmlText(n.id)}">${data('node', { ...n.attrs, ...spellData('node', n.spells) })}</node>\n`)
  }
  for await (const batch of graphEdges(source, options)) {
    yield * chunked(batch, (e) => `    <edge${xmlAttrs({ id: e.id, source: e.source, target: e.target })}>` +
      `${data('edge', { ...e.attrs, weight: e.weight, ...spellData('edge', e.spells) })}</edge>\n`)
  }
  yield '  </graph>\n</graphml>\n'
}
