// GEXF 1.3 (https://gexf.net), Gephi's own format: typed attribute declarations, nodes then
// edges, and time as spells in a dynamic graph (timeformat="date"), so Gephi's timeline shows
// each statement edge during the days its date can mean and each merged pair during its
// statements' days. Undated statements have no spell: they are present at every time.
import { xmlAttrs, xmlText } from './xml.js'
import { EDGE_ATTRIBUTES, NODE_ATTRIBUTES, graphEdges, graphNodes, type AttrType, type AttrValue, type GraphOptions } from './graph.js'
import { chunked, type ExportSource } from './types.js'

const GEXF_TYPES: Record<AttrType, string> = { string: 'string', int: 'integer', double: 'double' }

function declarations (forWhat: 'node' | 'edge', attributes: Array<[string, AttrType]>): string {
  return `    <attributes class="${forWhat}" mode="static">\n` +
    attributes.map(([name, type]) => `      <attribute${xmlAttrs({ id: name, title: name, type: GEXF_TYPES[type] })}/>\n`).join('') +
    '    </attributes>\n'
}

function body (attrs: Record<string, AttrValue>, spells: Array<[string, string]>): string {
  const values = Object.entries(attrs).filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `<attvalue${xmlAttrs({ for: k, value: v })}/>`).join('')
  const spellText = spells.length > 0 ? `<spells>${spells.map(([start, end]) => `<spell${xmlAttrs({ start, end })}/>`).join('')}</spells>` : ''
  return (values ? `<attvalues>${values}</attvalues>` : '') + spellText
}

export async function * gexf (source: ExportSource, options: GraphOptions, meta: { date: string }): AsyncGenerator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
    'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n' +
    `  <meta lastmodifieddate="${xmlText(meta.date)}"><creator>whosaid</creator><description>who said what about whom</description></meta>\n` +
    '  <graph mode="dynamic" defaultedgetype="directed" timeformat="date" timerepresentation="interval">\n' +
    declarations('node', NODE_ATTRIBUTES) +
    declarations('edge', EDGE_ATTRIBUTES) +
    '    <nodes>\n'
  for await (const batch of graphNodes(source, options)) {
    yield * chunked(batch, (n) => `      <node${xmlAttrs({ id: n.id, label: n.label })}>${body(n.attrs, n.spells)}</node>\n`)
  }
  yield '    </nodes>\n    <edges>\n'
  for await (const batch of graphEdges(source, options)) {
    yield * chunked(batch, (e) => `      <edge${xmlAttrs({ id: e.id, source: e.source, target: e.target, label: e.label, weight: e.weight })}>${body(e.attrs, e.spells)}</edge>\n`)
  }
  yield '    </edges>\n  </graph>\n</gexf>\n'
}
