// The node-and-edge view of an export that GraphML and GEXF both write: actors as nodes (and,
// when asked, documents and statements), edges from speaker to target, one per statement or
// merged per pair. Node ids carry their kind (`actor:tiktok`), since actor, document and
// statement ids are separate namespaces and could coincide.
import { dateRange } from '../domain/validate.js'
import { mergeSpans, type ExportSource, type ExportStatement } from './types.js'

export const GRAPH_EDGE_MODES = ['statements', 'pairs'] as const
export type GraphEdgeMode = (typeof GRAPH_EDGE_MODES)[number]
export const GRAPH_EXTRA_NODES = ['documents', 'statements'] as const
export type GraphExtraNode = (typeof GRAPH_EXTRA_NODES)[number]

export interface GraphOptions {
  edges: GraphEdgeMode
  /** Node kinds besides actors. */
  include: GraphExtraNode[]
}

export type AttrType = 'string' | 'int' | 'double'
export type AttrValue = string | number | null

export interface GraphNode {
  id: string
  label: string
  attrs: Record<string, AttrValue>
  /** Day ranges the node exists in (none: always). */
  spells: Array<[string, string]>
}

export interface GraphEdge {
  id: string
  source: string
  target: string
  label: string
  weight: number
  attrs: Record<string, AttrValue>
  spells: Array<[string, string]>
}

/** Every attribute a node or edge may have, with its type; both formats declare them up front. */
export const NODE_ATTRIBUTES: Array<[string, AttrType]> = [
  ['type', 'string'], ['name', 'string'], ['kind', 'string'], ['said', 'int'], ['about', 'int'],
  ['statements', 'int'], ['date', 'string'], ['datePrecision', 'string'], ['url', 'string'],
  ['attribution', 'string'], ['verb', 'string'], ['text', 'string'],
]
export const EDGE_ATTRIBUTES: Array<[string, AttrType]> = [
  ['type', 'string'], ['statement', 'string'], ['stance', 'string'], ['attribution', 'string'], ['verb', 'string'],
  ['text', 'string'], ['date', 'string'], ['role', 'string'],
  ['critical', 'int'], ['supportive', 'int'], ['neutral', 'int'], ['total', 'int'],
]

export const actorNode = (id: string) => `actor:${id}`
export const documentNode = (id: string) => `document:${id}`
export const statementNode = (id: string) => `statement:${id}`

function spellOf (date: string | null): Array<[string, string]> {
  const { dateStart, dateEnd } = dateRange(date ?? undefined)
  return dateStart && dateEnd ? [[dateStart, dateEnd]] : []
}

export async function * graphNodes (source: ExportSource, options: GraphOptions): AsyncGenerator<GraphNode[]> {
  for await (const batch of source.actors()) {
    yield batch.map((a) => ({
      id: actorNode(a.id),
      label: a.name,
      attrs: { type: 'actor', name: a.name, kind: a.kind, said: a.said, about: a.about },
      spells: [],
    }))
  }
  if (options.include.includes('documents')) {
    for await (const batch of source.documents({ text: false })) {
      yield batch.map((d) => ({
        id: documentNode(d.id),
        label: d.title,
        attrs: { type: 'document', name: d.title, kind: d.kind, statements: d.statements, date: d.date, datePrecision: d.datePrecision, url: d.url },
        spells: spellOf(d.date),
      }))
    }
  }
  if (options.include.includes('statements')) {
    for await (const batch of source.statements()) {
      yield batch.map((s) => ({
        id: statementNode(s.id),
        label: s.text,
        attrs: { type: 'statement', name: s.text, kind: s.attribution, attribution: s.attribution, verb: s.verb, text: s.text, date: s.date, datePrecision: s.datePrecision },
        spells: spellOf(s.date),
      }))
    }
  }
}

function statementEdges (s: ExportStatement, options: GraphOptions): GraphEdge[] {
  const spells = spellOf(s.date)
  const common = { attribution: s.attribution, verb: s.verb, text: s.text, date: s.date, statement: s.id }
  const out: GraphEdge[] = []
  if (options.edges === 'statements') {
    for (const sp of s.speakers) {
      for (const t of s.targets) {
        out.push({
          id: `${s.id}:${sp.id}:${t.id}`,
          source: actorNode(sp.id),
          target: actorNode(t.id),
          label: s.verb,
          weight: 1,
          attrs: { type: 'statement', stance: t.stance, role: sp.role, ...common },
          spells,
        })
      }
    }
  }
  if (options.include.includes('statements')) {
    for (const sp of s.speakers) {
      out.push({ id: `said:${sp.id}:${s.id}`, source: actorNode(sp.id), target: statementNode(s.id), label: 'said', weight: 1, attrs: { type: 'said', role: sp.role, statement: s.id }, spells })
    }
    for (const t of s.targets) {
      out.push({ id: `about:${s.id}:${t.id}`, source: statementNode(s.id), target: actorNode(t.id), label: 'about', weight: 1, attrs: { type: 'about', stance: t.stance, statement: s.id }, spells })
    }
    if (options.include.includes('documents')) {
      out.push({ id: `reported-in:${s.id}`, source: statementNode(s.id), target: documentNode(s.reportedIn.document.id), label: 'reported in', weight: 1, attrs: { type: 'reported-in', statement: s.id }, spells: [] })
      if (s.originalDocument) {
        out.push({ id: `originally-in:${s.id}`, source: statementNode(s.id), target: documentNode(s.originalDocument.id), label: 'originally in', weight: 1, attrs: { type: 'originally-in', statement: s.id }, spells: [] })
      }
    }
  }
  return out
}

export async function * graphEdges (source: ExportSource, options: GraphOptions): AsyncGenerator<GraphEdge[]> {
  if (options.edges === 'statements' || options.include.includes('statements')) {
    for await (const batch of source.statements()) yield batch.flatMap((s) => statementEdges(s, options))
  }
  if (options.edges === 'pairs') {
    for await (const batch of source.pairs()) {
      yield batch.map((p) => ({
        id: `pair:${p.speaker}:${p.target}`,
        source: actorNode(p.speaker),
        target: actorNode(p.target),
        label: `${p.total} statement${p.total === 1 ? '' : 's'}`,
        weight: p.total,
        attrs: { type: 'pair', total: p.total, critical: p.critical, supportive: p.supportive, neutral: p.neutral },
        spells: mergeSpans(p.spans),
      }))
    }
  }
  if (options.include.includes('documents')) {
    for await (const batch of source.documents({ text: false })) {
      yield batch.flatMap((d) => [
        ...(d.publisher ? [{ id: `published-by:${d.id}`, source: documentNode(d.id), target: actorNode(d.publisher), type: 'published-by' }] : []),
        ...d.authors.map((a) => ({ id: `authored-by:${d.id}:${a}`, source: documentNode(d.id), target: actorNode(a), type: 'authored-by' })),
        ...d.addressees.map((a) => ({ id: `addressed-to:${d.id}:${a}`, source: documentNode(d.id), target: actorNode(a), type: 'addressed-to' })),
      ].map(({ type, ...e }) => ({ ...e, label: type, weight: 1, attrs: { type }, spells: [] })))
    }
  }
}
