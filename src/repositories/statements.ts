// Cypher for statements. The list query is assembled from constant fragments chosen by which
// filters are present (never from user text): the most selective filter anchors the match so
// Neo4j starts from an index, and the rest become EXISTS predicates. Values are $parameters.
import type { Db, Row } from '../db/db.js'
import { linkTypeOf } from './links.js'
import { decodeCursor, page } from '../lib/cursor.js'
import { luceneQuery } from '../lib/lucene.js'
import { dateRange } from '../domain/validate.js'
import type { Statement } from '../schemas/api.js'

export interface StatementFilter {
  speakers?: string[]
  about?: string[]
  topics?: string[]
  documents?: string[]
  stance?: string
  type?: string
  q?: string
  since?: string
  until?: string
  includeAffiliates?: boolean
}

/** The full statement, with everything an answer about it must carry (evidence included). */
export const STATEMENT_PROJECTION = `s {
  .id, .attribution, .verb, .text, .date, .datePrecision, .note,
  speakers: [(a:Actor)-[r:SAID]->(s) | {id: a.id, name: a.name, kind: a.kind, role: r.role, position: r.position}],
  targets: [(s)-[r:ABOUT]->(a:Actor) | {id: a.id, name: a.name, kind: a.kind, stance: r.stance}],
  topics: [(s)-[:ON_TOPIC]->(t:Topic) | t {.id, .name}],
  reportedIn: head([(s)-[r:REPORTED_IN]->(d:Document) | {
    document: d {.id, .title, .kind, .date, .datePrecision, .url},
    evidence: r {.start, .end, .text, .before, .after, .documentHash}}]),
  originalDocument: head([(s)-[:ORIGINALLY_IN]->(d:Document) | d {.id, .title, .kind, .date, .datePrecision, .url}]),
  outgoing: [(s)-[r:RESPONDS_TO|CONTRADICTS|SUPPORTS|REPEATS]->(o:Statement) | {type: type(r), id: o.id, text: o.text}],
  incoming: [(o:Statement)-[r:RESPONDS_TO|CONTRADICTS|SUPPORTS|REPEATS]->(s) | {type: type(r), id: o.id, text: o.text}]
}`

const HYDRATE = `
UNWIND $ids AS id
MATCH (s:Statement {id: id})
RETURN ` + STATEMENT_PROJECTION + ' AS statement'

interface RawLink { type: string, id: string, text: string }
type RawStatement = Omit<Statement, 'links' | 'speakers'> & {
  speakers: Array<Statement['speakers'][number] & { position: number | null }>
  outgoing: RawLink[]
  incoming: RawLink[]
}

/** Shapes a projected statement: speakers in their order, links named, lists sorted. */
export function shapeStatement (raw: RawStatement): Statement {
  const { outgoing, incoming, speakers, ...rest } = raw
  const byId = <T extends { id: string }>(a: T, b: T) => a.id.localeCompare(b.id)
  return {
    ...rest,
    speakers: [...speakers].sort((a, b) => (a.position ?? 0) - (b.position ?? 0)).map(({ position: _p, ...sp }) => sp),
    targets: [...rest.targets].sort(byId),
    topics: [...rest.topics].sort(byId),
    links: [
      ...outgoing.map((l) => ({ type: linkTypeOf(l.type), direction: 'outgoing', statement: { id: l.id, text: l.text } })),
      ...incoming.map((l) => ({ type: linkTypeOf(l.type), direction: 'incoming', statement: { id: l.id, text: l.text } })),
    ].sort((a, b) => a.statement.id.localeCompare(b.statement.id) || a.type.localeCompare(b.type)) as Statement['links'],
  }
}

/** Loads full statements by id, in the order of `ids`. */
export async function hydrateStatements (db: Db, ids: string[]): Promise<Statement[]> {
  if (ids.length === 0) return []
  const rows = await db.read(HYDRATE, { ids })
  const byId = new Map(rows.map((r) => {
    const s = shapeStatement(r.statement as RawStatement)
    return [s.id, s]
  }))
  return ids.map((id) => byId.get(id)).filter((s): s is Statement => s !== undefined)
}

// An actor's affiliates: its members, officers, employees and parent organisations, i.e. every
// actor with an AFFILIATED_WITH relationship pointing at it (one hop).
const EXPAND_AFFILIATES = `
UNWIND $ids AS id
MATCH (x:Actor {id: id})
OPTIONAL MATCH (m:Actor)-[:AFFILIATED_WITH]->(x)
RETURN collect(DISTINCT x.id) + collect(DISTINCT m.id) AS ids`

export async function expandAffiliates (db: Db, ids: string[]): Promise<string[]> {
  const [row] = await db.read(EXPAND_AFFILIATES, { ids })
  return [...new Set([...ids, ...((row?.ids as string[] | undefined) ?? [])])]
}

// ---- list query fragments (constants; which ones are used depends only on which filters are set)

const ANCHOR_ABOUT = `
MATCH (target:Actor) WHERE target.id IN $about
MATCH (s:Statement)-[ab:ABOUT]->(target)
WHERE $stance IS NULL OR ab.stance = $stance
WITH DISTINCT s`
const ANCHOR_SPEAKER = `
MATCH (speaker:Actor) WHERE speaker.id IN $speakers
MATCH (speaker)-[:SAID]->(s:Statement)
WITH DISTINCT s`
const ANCHOR_DOCUMENT = `
MATCH (d:Document) WHERE d.id IN $documents
MATCH (s:Statement)-[:REPORTED_IN|ORIGINALLY_IN]->(d)
WITH DISTINCT s`
const ANCHOR_TOPIC = `
MATCH (t:Topic) WHERE t.id IN $topics
MATCH (s:Statement)-[:ON_TOPIC]->(t)
WITH DISTINCT s`
const ANCHOR_TEXT = `
CALL db.index.fulltext.queryNodes('statement_search', $lucene) YIELD node AS s
WITH s`
// With no anchoring filter, sorting every statement would read them all (a label scan, 1M nodes
// on the benchmark graph). Instead dated statements are read newest first in the order of the
// statement_date_start index, stopping after a page; undated ones sort after every dated one and
// are read, in the order of the id constraint's index, only once the dated ones run out.
const SCAN_DATED = `
MATCH (s:Statement) WHERE s.dateStart IS NOT NULL
WITH s`
// From the cursor's date or the `until` bound, whichever is earlier: a seek, not a scan past
// every newer statement (the predicates still decide exactly what matches).
const SCAN_DATED_FROM = `
MATCH (s:Statement) WHERE s.dateStart <= $scanFrom
WITH s`
const PAGE_DATED = `
WITH s ORDER BY s.dateStart DESC, s.id DESC
LIMIT $fetch
RETURN s.id AS id, s.dateStart AS sortDate`
const SCAN_UNDATED = `
MATCH (s:Statement) WHERE s.id IS NOT NULL AND s.dateStart IS NULL
WITH s`
const SCAN_UNDATED_FROM_CURSOR = `
MATCH (s:Statement) WHERE s.id < $cursorId AND s.dateStart IS NULL
WITH s`
const PAGE_UNDATED = `
WITH s ORDER BY s.id DESC
LIMIT $fetch
RETURN s.id AS id, '' AS sortDate`

// Every predicate is in every query, switched off by a null parameter, so the query text depends
// only on the anchor (and the cursor): a handful of texts whatever filters a client combines.
// Each new text costs Neo4j a plan (0.1-0.5 s for the export's subgraph queries) and a slot in
// its query cache; one text per filter combination made every new combination pay that again.
const FILTERS = [
  'AND ($filterSpeakers IS NULL OR EXISTS { MATCH (a:Actor)-[:SAID]->(s) WHERE a.id IN $filterSpeakers })',
  'AND ($filterStance IS NULL OR EXISTS { MATCH (s)-[r:ABOUT]->(:Actor) WHERE r.stance = $filterStance })',
  'AND ($filterTopics IS NULL OR EXISTS { MATCH (s)-[:ON_TOPIC]->(t:Topic) WHERE t.id IN $filterTopics })',
  'AND ($filterDocuments IS NULL OR EXISTS { MATCH (s)-[:REPORTED_IN|ORIGINALLY_IN]->(d:Document) WHERE d.id IN $filterDocuments })',
  'AND ($textMatches IS NULL OR s.id IN $textMatches)',
  'AND ($type IS NULL OR s.attribution = $type)',
  'AND ($since IS NULL OR s.dateEnd >= $since)',
  'AND ($until IS NULL OR s.dateStart <= $until)',
]
// Whole-list predicate for `about` when it does not anchor (a hub, see listIds); the stance
// belongs to the same ABOUT relationship, as in ANCHOR_ABOUT.
const FILTER_ABOUT = 'AND ($filterAbout IS NULL OR EXISTS { MATCH (s)-[ab:ABOUT]->(t:Actor) WHERE t.id IN $filterAbout AND ($stance IS NULL OR ab.stance = $stance) })'
// Degrees come from Neo4j's degree store (GetDegree), not a walk over the relationships.
const ACTOR_DEGREES = `
UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN a.id AS id, COUNT { (a)<-[:ABOUT]-() } AS about, COUNT { (a)-[:SAID]->() } AS said`
// After the cursor in (date, id) order. A CASE, not `a < x OR (a = x AND id < y)`: the planner
// splits such an OR into a union of two index seeks, which loses the date index's order, so a
// scan past the first page sorted every earlier statement (47k rows of a 50k graph) for a page.
const FILTER_CURSOR = `AND CASE WHEN coalesce(s.dateStart, '') < $cursorDate THEN true
  WHEN coalesce(s.dateStart, '') = $cursorDate THEN s.id < $cursorId ELSE false END`

const WHERE_TRUE = 'WHERE true'

// Newest first; statements of unknown date last; id breaks ties so the order is total.
const ORDER_AND_PAGE = `
WITH s, coalesce(s.dateStart, '') AS sortDate
ORDER BY sortDate DESC, s.id DESC
LIMIT $fetch
RETURN s.id AS id, sortDate`

const TEXT_MATCHES = `
CALL db.index.fulltext.queryNodes('statement_search', $lucene) YIELD node
RETURN collect(node.id) AS ids`

export interface ListOptions { limit: number, cursor?: string }

/** Which of the actor filters may anchor the match (walk the actors' relationships). */
export interface AnchorChoice { about: boolean, speakers: boolean }

/**
 * Above this many statements about (or by) the given actors, a list does not walk their
 * relationships and sort them all before taking a page (336 ms for the benchmark's 1M-graph hub
 * against 5-13 ms for a mid-degree actor): it reads statements newest first in the order of the
 * statement_date_start index and keeps those about (by) the actors, stopping after a page. With
 * d of N statements matching, that costs about N/d index rows per statement on the page (six for
 * that hub), whatever d is; below the threshold the walk is cheaper.
 */
export const INDEX_ORDER_MIN_DEGREE = 2000
const DEGREE_CACHE_MS = 60_000
const DEGREE_CACHE_SIZE = 10_000

export class StatementsRepository {
  constructor (private readonly db: Db, private readonly indexOrderMinDegree = INDEX_ORDER_MIN_DEGREE) {}

  /**
   * An actor filter anchors unless its actors' degree passes the threshold. Degrees are cached
   * for a minute, so a list does not pay a second round trip: they only choose the plan (both
   * plans give the same page), so a stale one costs time at worst, never a wrong answer.
   */
  private async anchorChoice (filter: StatementFilter): Promise<AnchorChoice> {
    if ((!filter.about && !filter.speakers) || !Number.isFinite(this.indexOrderMinDegree)) return { about: true, speakers: true }
    const degrees = await this.degrees([...filter.about ?? [], ...filter.speakers ?? []])
    const about = (filter.about ?? []).reduce((n, id) => n + (degrees.get(id)?.about ?? 0), 0)
    const speakers = (filter.speakers ?? []).reduce((n, id) => n + (degrees.get(id)?.said ?? 0), 0)
    // The smaller of the two walks, when it is under the threshold; else neither.
    if (filter.about && filter.speakers) {
      const aboutFirst = about <= speakers
      return { about: aboutFirst && about <= this.indexOrderMinDegree, speakers: !aboutFirst && speakers <= this.indexOrderMinDegree }
    }
    return { about: about <= this.indexOrderMinDegree, speakers: speakers <= this.indexOrderMinDegree }
  }

  private readonly degreeCache = new Map<string, { about: number, said: number, at: number }>()

  private async degrees (ids: string[]): Promise<Map<string, { about: number, said: number }>> {
    const now = Date.now()
    const out = new Map<string, { about: number, said: number }>()
    const missing: string[] = []
    for (const id of new Set(ids)) {
      const hit = this.degreeCache.get(id)
      if (hit && now - hit.at < DEGREE_CACHE_MS) out.set(id, hit)
      else missing.push(id)
    }
    if (missing.length === 0) return out
    const rows = await this.db.read(ACTOR_DEGREES, { ids: missing })
    const found = new Map(rows.map((r) => [String(r.id), { about: Number(r.about), said: Number(r.said) }]))
    for (const id of missing) {
      const degree = found.get(id) ?? { about: 0, said: 0 }
      out.set(id, degree)
      // Oldest entries first in a Map's order: drop them to keep the cache bounded.
      if (this.degreeCache.size >= DEGREE_CACHE_SIZE) this.degreeCache.delete(this.degreeCache.keys().next().value!)
      this.degreeCache.delete(id)
      this.degreeCache.set(id, { ...degree, at: now })
    }
    return out
  }

  async get (id: string): Promise<Statement | null> {
    const [statement] = await hydrateStatements(this.db, [id])
    return statement ?? null
  }

  /** Resolves includeAffiliates into plain id lists. */
  async resolveFilter (filter: StatementFilter): Promise<StatementFilter> {
    if (!filter.includeAffiliates) return filter
    return {
      ...filter,
      speakers: filter.speakers && await expandAffiliates(this.db, filter.speakers),
      about: filter.about && await expandAffiliates(this.db, filter.about),
    }
  }

  /**
   * The Cypher fragments that bind `s` to each matching statement, shared by the list and the
   * export: `anchor` (empty when no filter anchors the match), the `AND ...` predicates, and the
   * parameters. Null when the text filter can match nothing.
   */
  async filterClauses (filterIn: StatementFilter, mayAnchor: (filter: StatementFilter) => Promise<AnchorChoice> = async () => ({ about: true, speakers: true })): Promise<{ filter: StatementFilter, anchor: string[], where: string[], params: Record<string, unknown> } | null> {
    const filter = await this.resolveFilter(filterIn)
    const may = await mayAnchor(filter)
    const lucene = filter.q !== undefined ? luceneQuery(filter.q) : null
    if (filter.q !== undefined && lucene === null) return null
    const params: Record<string, unknown> = {
      speakers: filter.speakers ?? null,
      about: filter.about ?? null,
      topics: filter.topics ?? null,
      documents: filter.documents ?? null,
      stance: filter.stance ?? null,
      type: filter.type ?? null,
      since: filter.since ? widenDate(filter.since, 'start') : null,
      until: filter.until ? widenDate(filter.until, 'end') : null,
      lucene,
    }
    const parts: string[] = []
    // Which filters the anchor leaves to be checked as predicates (the others stay null).
    // Anchor on the most selective filter given; the others become predicates. `about` and
    // `speakers` anchor only when mayAnchor allows (not a hub's thousands of relationships).
    type Anchor = 'about' | 'speakers' | 'documents' | 'text' | 'topics' | null
    const anchor: Anchor = filter.about && may.about
      ? 'about'
      : filter.speakers && may.speakers
        ? 'speakers'
        : filter.documents ? 'documents' : lucene ? 'text' : filter.topics ? 'topics' : null
    if (anchor !== null) parts.push({ about: ANCHOR_ABOUT, speakers: ANCHOR_SPEAKER, documents: ANCHOR_DOCUMENT, text: ANCHOR_TEXT, topics: ANCHOR_TOPIC }[anchor])
    const checkAbout = filter.about !== undefined && anchor !== 'about'
    const checkSpeakers = filter.speakers !== undefined && anchor !== 'speakers'
    // The stance is checked on the `about` relationship when about is given, else on any.
    const checkStance = filter.stance !== undefined && filter.about === undefined
    const checkDocuments = filter.documents !== undefined && anchor !== 'documents'
    const checkTopics = filter.topics !== undefined && anchor !== 'topics'
    let textMatches: string[] | null = null
    if (lucene && anchor !== 'text') {
      const [row] = await this.db.read(TEXT_MATCHES, { lucene })
      textMatches = (row?.ids as string[] | undefined) ?? []
    }
    Object.assign(params, {
      filterAbout: checkAbout ? filter.about : null,
      filterSpeakers: checkSpeakers ? filter.speakers : null,
      filterStance: checkStance ? filter.stance : null,
      filterTopics: checkTopics ? filter.topics : null,
      filterDocuments: checkDocuments ? filter.documents : null,
      textMatches,
    })
    const where = [FILTER_ABOUT, ...FILTERS]
    return { filter, anchor: parts, where, params }
  }

  /** Ids of the matching statements, one page of them, newest first. */
  async listIds (filterIn: StatementFilter, options: ListOptions): Promise<{ ids: string[], next: string | null }> {
    const cursor = decodeCursor(options.cursor, ['string', 'string'])
    const clauses = await this.filterClauses(filterIn, (filter) => this.anchorChoice(filter))
    if (!clauses) return { ids: [], next: null }
    const { filter, anchor: parts, where } = clauses
    const params: Record<string, unknown> = {
      ...clauses.params,
      cursorDate: cursor?.[0] ?? null,
      cursorId: cursor?.[1] ?? null,
      fetch: options.limit + 1,
    }
    if (cursor) where.push(FILTER_CURSOR)
    // Every filter is a constant `AND ...` line after a constant `WHERE true`.
    const rows = parts.length > 0
      ? await this.db.read([...parts, WHERE_TRUE, ...where, ORDER_AND_PAGE].join('\n'), params)
      : await this.scanAll(where, params, cursor, filter.since === undefined && filter.until === undefined)
    const { items, next } = page(rows, options.limit, (r: Row) => [String(r.sortDate), String(r.id)])
    return { ids: items.map((r) => String(r.id)), next }
  }

  /** A page of every statement (or those the non-anchoring filters keep), dated ones first. */
  private scanDated (where: string[], params: Record<string, unknown>, cursor: unknown[] | null): Promise<Row[]> {
    const bounds = [cursor ? String(cursor[0]) : null, params.until as string | null].filter((b): b is string => b !== null)
    if (bounds.length === 0) return this.db.read([SCAN_DATED, WHERE_TRUE, ...where, PAGE_DATED].join('\n'), params)
    const scanFrom = bounds.sort()[0]
    return this.db.read([SCAN_DATED_FROM, WHERE_TRUE, ...where, PAGE_DATED].join('\n'), { ...params, scanFrom })
  }

  private async scanAll (where: string[], params: Record<string, unknown>, cursor: unknown[] | null, undatedCanMatch: boolean): Promise<Row[]> {
    const fetch = params.fetch as number
    const inUndated = cursor !== null && cursor[0] === ''
    const rows = inUndated
      ? []
      : await this.scanDated(where, params, cursor)
    if (rows.length < fetch && undatedCanMatch) {
      rows.push(...await this.db.read(
        [inUndated ? SCAN_UNDATED_FROM_CURSOR : SCAN_UNDATED, WHERE_TRUE, ...where, PAGE_UNDATED].join('\n'),
        { ...params, fetch: fetch - rows.length }
      ))
    }
    return rows
  }

  async list (filter: StatementFilter, options: ListOptions): Promise<{ items: Statement[], next: string | null }> {
    const { ids, next } = await this.listIds(filter, options)
    return { items: await hydrateStatements(this.db, ids), next }
  }
}

/** A partial date as the first (start) or last (end) day it can mean. */
export function widenDate (date: string, side: 'start' | 'end'): string {
  const { dateStart, dateEnd } = dateRange(date)
  return (side === 'start' ? dateStart : dateEnd) ?? date
}
