// Cypher for statements. The list query is assembled from constant fragments chosen by which
// filters are present (never from user text): the most selective filter anchors the match so
// Neo4j starts from an index, and the rest become EXISTS predicates. Values are $parameters.
import type { Db, Row } from '../db/db.js'
import { linkTypeOf } from './links.js'
import { checkActors, checked, checkedRows } from './actor-checks.js'
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

/**
 * The full statement, with everything an answer about it must carry (evidence included), as a
 * list of values in a fixed order that `statementFromRow` reads: the driver decodes a list of
 * values in about a third of the CPU of the same values as maps, whose keys it decodes anew for
 * every statement (4.9 against 11.8 ms for 200 statements, measured on the 1M bench graph). Its
 * own variables start with `x_` so that none captures a variable of a query it is embedded in (a
 * document's `d` would otherwise narrow `originalDocument` to that document).
 */
export const STATEMENT_ROW = `[s.id, s.attribution, s.verb, s.text, s.date, s.datePrecision, s.note,
  [(x_a:Actor)-[x_r:SAID]->(s) | [x_a.id, x_a.name, x_a.kind, x_r.role, x_r.position]],
  [(s)-[x_r:ABOUT]->(x_a:Actor) | [x_a.id, x_a.name, x_a.kind, x_r.stance]],
  [(s)-[:ON_TOPIC]->(x_t:Topic) | [x_t.id, x_t.name]],
  head([(s)-[x_r:REPORTED_IN]->(x_d:Document) | [x_d.id, x_d.title, x_d.kind, x_d.date, x_d.datePrecision, x_d.url,
    x_r.start, x_r.end, x_r.text, x_r.before, x_r.after, x_r.documentHash]]),
  head([(s)-[:ORIGINALLY_IN]->(x_d:Document) | [x_d.id, x_d.title, x_d.kind, x_d.date, x_d.datePrecision, x_d.url]]),
  [(s)-[x_r:RESPONDS_TO|CONTRADICTS|SUPPORTS|REPEATS]->(x_o:Statement) | [type(x_r), x_o.id, x_o.text]],
  [(x_o:Statement)-[x_r:RESPONDS_TO|CONTRADICTS|SUPPORTS|REPEATS]->(s) | [type(x_r), x_o.id, x_o.text]]]`

const HYDRATE = `
UNWIND $ids AS id
MATCH (s:Statement {id: id})
RETURN ` + STATEMENT_ROW + ' AS statement'

/** A statement as STATEMENT_ROW lists it. */
export type StatementRow = unknown[]

type Document = Statement['reportedIn']['document']
const documentOf = (d: unknown[]): Document => ({
  id: d[0] as string, title: d[1] as string, kind: d[2] as Document['kind'], date: d[3] as string | null, datePrecision: d[4] as Document['datePrecision'], url: d[5] as string | null,
})

/** Reads a STATEMENT_ROW: speakers in their order, links named, lists sorted. */
export function statementFromRow (row: StatementRow): Statement {
  const [id, attribution, verb, text, date, datePrecision, note, speakers, targets, topics, reported, original, outgoing, incoming] = row as [
    string, Statement['attribution'], string, string, string | null, Statement['datePrecision'], string | null,
    unknown[][], unknown[][], unknown[][], unknown[] | null, unknown[] | null, unknown[][], unknown[][]]
  const byId = <T extends { id: string }>(a: T, b: T) => a.id.localeCompare(b.id)
  const link = (direction: 'outgoing' | 'incoming') => (l: unknown[]) => ({ type: linkTypeOf(l[0] as string), direction, statement: { id: l[1] as string, text: l[2] as string } })
  type Speaker = Statement['speakers'][number]
  type Target = Statement['targets'][number]
  return {
    id,
    attribution,
    verb,
    text,
    date,
    datePrecision,
    note,
    speakers: [...speakers].sort((a, b) => ((a[4] as number | null) ?? 0) - ((b[4] as number | null) ?? 0))
      .map((x): Speaker => ({ id: x[0] as string, name: x[1] as string, kind: x[2] as Speaker['kind'], role: x[3] as string | null })),
    targets: targets.map((x): Target => ({ id: x[0] as string, name: x[1] as string, kind: x[2] as Target['kind'], stance: x[3] as Target['stance'] })).sort(byId),
    topics: topics.map((x) => ({ id: x[0] as string, name: x[1] as string })).sort(byId),
    // every statement is reported in a document (the writer creates it with its REPORTED_IN)
    reportedIn: (reported && {
      document: documentOf(reported),
      evidence: {
        start: reported[6] as number,
        end: reported[7] as number,
        text: reported[8] as string,
        before: reported[9] as string,
        after: reported[10] as string,
        documentHash: reported[11] as string | null,
      },
    }) as Statement['reportedIn'],
    originalDocument: original && documentOf(original),
    links: [...outgoing.map(link('outgoing')), ...incoming.map(link('incoming'))]
      .sort((a, b) => a.statement.id.localeCompare(b.statement.id) || a.type.localeCompare(b.type)) as Statement['links'],
  }
}

/** Loads full statements by id, in the order of `ids`. */
export async function hydrateStatements (db: Db, ids: string[]): Promise<Statement[]> {
  if (ids.length === 0) return []
  const rows = await db.read(HYDRATE, { ids })
  const byId = new Map(rows.map((r) => {
    const s = statementFromRow(r.statement as StatementRow)
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

// $walkMax (null unless the actors' degrees are not yet known, see StatementsRepository.plan)
// keeps a walk from starting at an actor with more relationships than that: the degree store
// answers COUNT without a walk.
const ANCHOR_ABOUT = `
MATCH (target:Actor) WHERE target.id IN $about AND ($walkMax IS NULL OR COUNT { (target)<-[:ABOUT]-() } <= $walkMax)
MATCH (s:Statement)-[ab:ABOUT]->(target)
WHERE $stance IS NULL OR ab.stance = $stance
WITH DISTINCT s`
const ANCHOR_SPEAKER = `
MATCH (speaker:Actor) WHERE speaker.id IN $speakers AND ($walkMax IS NULL OR COUNT { (speaker)-[:SAID]->() } <= $walkMax)
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
WITH s, s.dateStart AS sortDate`
const SCAN_UNDATED = `
MATCH (s:Statement) WHERE s.id IS NOT NULL AND s.dateStart IS NULL
WITH s`
const SCAN_UNDATED_FROM_CURSOR = `
MATCH (s:Statement) WHERE s.id < $cursorId AND s.dateStart IS NULL
WITH s`
const PAGE_UNDATED = `
WITH s ORDER BY s.id DESC
LIMIT $fetch
WITH s, '' AS sortDate`

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
// After the cursor in (date, id) order. A CASE, not `a < x OR (a = x AND id < y)`: the planner
// splits such an OR into a union of two index seeks, which loses the date index's order, so a
// scan past the first page sorted every earlier statement (47k rows of a 50k graph) for a page.
const FILTER_CURSOR = `AND CASE WHEN coalesce(s.dateStart, '') < $cursorDate THEN true
  WHEN coalesce(s.dateStart, '') = $cursorDate THEN s.id < $cursorId ELSE false END`

// A list of one actor's statements (about it, or by it) in the order of the about_page / said_page
// relationship index (actor id, sort date, statement id; set by tallies.ts on every write): Neo4j
// seeks to the cursor (or the window's end) and reads newest first, stopping after a page, whatever
// the actor's degree. $keyTo bounds the seek from below when a window starts: a statement's date
// spans at most its start's year, so one ending on or after `since` starts in since's year or later.
// A composite index serves only a query with a predicate on each of its properties (IS NOT NULL
// on the id's). Their relationship variables have names of their own: a filter's EXISTS that names `r` or `ab`
// would otherwise bind the anchor's relationship (a SAID as the ABOUT of a stance filter).
const KEYED_ABOUT = `
MATCH (s:Statement)-[page_about:ABOUT]->(:Actor)
WHERE page_about.targetId = $keyId AND page_about.sortDate <= $keyFrom AND page_about.sortDate >= $keyTo AND page_about.sid IS NOT NULL
  AND ($stance IS NULL OR page_about.stance = $stance)
WITH s, page_about.targetId AS pageActor, page_about.sortDate AS sortDate, page_about.sid AS sid`
const KEYED_SAID = `
MATCH (:Actor)-[page_said:SAID]->(s:Statement)
WHERE page_said.speakerId = $keyId AND page_said.sortDate <= $keyFrom AND page_said.sortDate >= $keyTo AND page_said.sid IS NOT NULL
WITH s, page_said.speakerId AS pageActor, page_said.sortDate AS sortDate, page_said.sid AS sid`
const KEYED_CURSOR = `AND CASE WHEN sortDate < $cursorDate THEN true
  WHEN sortDate = $cursorDate THEN sid < $cursorId ELSE false END`
// The actor's id leads the ORDER BY (one value here): without it Neo4j does not see that the
// index provides the order, and sorts every row of the seek.
const KEYED_PAGE = `
WITH s, pageActor, sortDate, sid ORDER BY pageActor DESC, sortDate DESC, sid DESC
LIMIT $fetch`
// Above every date (and the empty sort date of undated statements).
const KEY_MAX = '\uffff'

const WHERE_TRUE = 'WHERE true'
// The page of a text filter that can match nothing (no words to search for).
const NOTHING = 'UNWIND [] AS s\nWITH s'

// Newest first; statements of unknown date last; id breaks ties so the order is total.
const ORDER_AND_PAGE = `
WITH s, coalesce(s.dateStart, '') AS sortDate
ORDER BY sortDate DESC, s.id DESC
LIMIT $fetch`

// Every page query is wrapped so that it returns one row, whatever the page holds: the degrees
// of the filter's actors (from the degree store, no walk: they choose the next list's plan),
// and for a list on one actor's path (/actors/{id}/statements, /mentions) whether that actor
// exists, or the actor it was merged into. The 404, the 308 and the plan's degrees cost no
// query of their own. The page holds ids only (the export hydrates in its own batches) or each
// statement whole, so a list is one round trip (page and hydration in one query).
const PROBE_DEGREES = `
CALL () {
  UNWIND $probeIds AS probeId
  MATCH (x:Actor {id: probeId})
  RETURN collect({id: x.id, about: COUNT { (x)<-[:ABOUT]-() }, said: COUNT { (x)-[:SAID]->() }}) AS degrees
}`
const COLLECT_IDS = `
  RETURN collect({id: s.id, sortDate: sortDate}) AS rows`
const COLLECT_STATEMENTS = `
  RETURN collect({id: s.id, sortDate: sortDate, statement: ` + STATEMENT_ROW + '}) AS rows'

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
const DEGREE_CACHE_MS = 10 * 60_000
const DEGREE_CACHE_SIZE = 10_000

type Degree = { about: number, said: number }

/**
 * How a list reads: which actor filters may anchor, and the guard for a plan made blind: the
 * anchor's actors and which of their degrees the guard checked (`walkMax`).
 */
interface Plan { choice: AnchorChoice, walkMax: number | null, probeIds: string[], guarded: { ids: string[], side: keyof Degree } | null }

export class StatementsRepository {
  /**
   * `keyedPages` false (the benchmark's naive variant, and tests comparing the plans) reads one
   * actor's list like several actors': by the degree plan, walking or by the date index.
   */
  constructor (private readonly db: Db, private readonly indexOrderMinDegree = INDEX_ORDER_MIN_DEGREE, private readonly keyedPages = true) {}

  /**
   * An actor filter anchors unless its actors' degree passes the threshold. The degrees come back
   * with every page (the query probes them from the degree store) and are kept for ten minutes:
   * they only choose the plan (both plans give the same page), so a stale one costs time at
   * worst, never a wrong answer. Actors not seen yet are taken to be below the threshold, and the
   * walk is guarded ($walkMax) so that a hub among them is not walked; the page query then says
   * so and runs once more with the index plan (a second query, for a hub's first list only).
   */
  private plan (filter: StatementFilter): Plan {
    const ids = [...new Set([...filter.about ?? [], ...filter.speakers ?? []])]
    if (ids.length === 0 || !Number.isFinite(this.indexOrderMinDegree)) return { choice: { about: true, speakers: true }, walkMax: null, probeIds: [], guarded: null }
    const degrees = this.cachedDegrees(ids)
    if (!degrees) {
      // about anchors when given (filterClauses' order), else speakers: only that walk is guarded
      const guarded = filter.about ? { ids: filter.about, side: 'about' as const } : { ids: filter.speakers ?? [], side: 'said' as const }
      return { choice: { about: true, speakers: true }, walkMax: this.indexOrderMinDegree, probeIds: ids, guarded }
    }
    const about = (filter.about ?? []).reduce((n, id) => n + (degrees.get(id)?.about ?? 0), 0)
    const speakers = (filter.speakers ?? []).reduce((n, id) => n + (degrees.get(id)?.said ?? 0), 0)
    // The smaller of the two walks, when it is under the threshold; else neither.
    const max = this.indexOrderMinDegree
    const choice = filter.about && filter.speakers
      ? (about <= speakers ? { about: about <= max, speakers: false } : { about: false, speakers: speakers <= max })
      : { about: about <= max, speakers: speakers <= max }
    return { choice, walkMax: null, probeIds: ids, guarded: null }
  }

  private readonly degreeCache = new Map<string, Degree & { at: number }>()

  /** The cached degrees of all of `ids`, or null when any is missing or stale. */
  private cachedDegrees (ids: string[]): Map<string, Degree> | null {
    const now = Date.now()
    const out = new Map<string, Degree>()
    for (const id of ids) {
      const hit = this.degreeCache.get(id)
      if (!hit || now - hit.at >= DEGREE_CACHE_MS) return null
      out.set(id, hit)
    }
    return out
  }

  private remember (probeIds: string[], rows: Array<{ id: string } & Degree>): Map<string, Degree> {
    const now = Date.now()
    const found = new Map(rows.map((r) => [r.id, { about: Number(r.about), said: Number(r.said) }]))
    for (const id of probeIds) {
      // An id that names no actor has no statements: degree 0.
      const degree = found.get(id) ?? { about: 0, said: 0 }
      found.set(id, degree)
      // Oldest entries first in a Map's order: drop them to keep the cache bounded.
      if (this.degreeCache.size >= DEGREE_CACHE_SIZE) this.degreeCache.delete(this.degreeCache.keys().next().value!)
      this.degreeCache.delete(id)
      this.degreeCache.set(id, { ...degree, at: now })
    }
    return found
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
      // no guard on the anchor's walk unless the list's plan sets one
      walkMax: null,
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

  /** Ids of the matching statements, one page of them, newest first (the export hydrates them). */
  async listIds (filterIn: StatementFilter, options: ListOptions): Promise<{ ids: string[], next: string | null }> {
    const { rows, next } = await this.page(filterIn, options, 'ids', null)
    return { ids: rows.map((r) => String(r.id)), next }
  }

  /**
   * A page of matching statements, whole, newest first, from one query. With `requireId` (the
   * actor of an /actors/{id}/... path) the same query says whether that actor exists (`found`)
   * or the actor it was merged into (`redirect`).
   */
  async list (filter: StatementFilter, options: ListOptions, requireId: string | null = null): Promise<{ items: Statement[], next: string | null, found: boolean, redirect: string | null }> {
    const { rows, next, found, redirect } = await this.page(filter, options, 'statements', requireId)
    return { items: rows.map((r) => statementFromRow(r.statement as StatementRow)), next, found, redirect }
  }

  private async page (filterIn: StatementFilter, options: ListOptions, tail: 'ids' | 'statements', requireId: string | null): Promise<PageResult> {
    const cursor = decodeCursor(options.cursor, ['string', 'string'])
    let plan: Plan | null = null
    let keyed: { side: 'about' | 'said', id: string } | null = null
    const clauses = await this.filterClauses(filterIn, async (filter) => {
      keyed = this.keyedPages ? keyedSide(filter) : null
      // One actor's list is read by its page index, which anchors it (no degree to weigh).
      if (keyed) return { about: true, speakers: true }
      plan = this.plan(filter)
      return plan.choice
    })
    const chosen = plan as Plan | null
    const key = keyed as { side: 'about' | 'said', id: string } | null
    if (key && clauses) return this.keyedPage(key, clauses, cursor, options, tail, requireId)
    // A text filter that can match nothing: still one query, for the actor check.
    const { filter, anchor: parts, where, params: filterParams } = clauses ?? { filter: filterIn, anchor: [NOTHING], where: [], params: {} }
    const params: Record<string, unknown> = {
      ...filterParams,
      cursorDate: cursor?.[0] ?? null,
      cursorId: cursor?.[1] ?? null,
      fetch: options.limit + 1,
      walkMax: chosen?.walkMax ?? null,
      probeIds: chosen?.probeIds ?? [],
      requireId,
    }
    if (cursor) where.push(FILTER_CURSOR)
    // Every filter is a constant `AND ...` line after a constant `WHERE true`.
    const result = parts.length > 0
      ? await this.run([...parts, WHERE_TRUE, ...where, ORDER_AND_PAGE], params, tail)
      : await this.scanAll(where, params, cursor, filter.since === undefined && filter.until === undefined, tail)
    if (chosen) {
      const degrees = this.remember(chosen.probeIds, result.degrees)
      // The guard kept a hub from being walked, so the page may miss its statements: again,
      // with the plan its degree calls for.
      const { guarded, walkMax } = chosen
      if (guarded && walkMax !== null && guarded.ids.some((id) => (degrees.get(id)?.[guarded.side] ?? 0) > walkMax)) return this.page(filterIn, options, tail, requireId)
    }
    const { items, next } = page(result.rows, options.limit, (r: Row) => [String(r.sortDate), String(r.id)])
    return { rows: items, next, found: requireId === null || result.found, redirect: result.redirect }
  }

  private async keyedPage (key: { side: 'about' | 'said', id: string }, clauses: NonNullable<Awaited<ReturnType<StatementsRepository['filterClauses']>>>, cursor: unknown[] | null, options: ListOptions, tail: 'ids' | 'statements', requireId: string | null): Promise<PageResult> {
    const { filter, where, params: filterParams } = clauses
    const until = filterParams.until as string | null
    const bounds = [KEY_MAX, ...(cursor ? [String(cursor[0])] : []), ...(until ? [until] : [])]
    const params: Record<string, unknown> = {
      ...filterParams,
      keyId: key.id,
      keyFrom: bounds.sort()[0],
      keyTo: filter.since ? widenDate(filter.since, 'start').slice(0, 4) + '-01-01' : '',
      cursorDate: cursor?.[0] ?? null,
      cursorId: cursor?.[1] ?? null,
      fetch: options.limit + 1,
      probeIds: [],
      requireId,
    }
    const body = [key.side === 'about' ? KEYED_ABOUT : KEYED_SAID, WHERE_TRUE, ...where, ...(cursor ? [KEYED_CURSOR] : []), KEYED_PAGE]
    const result = await this.run(body, params, tail)
    const { items, next } = page(result.rows, options.limit, (r: Row) => [String(r.sortDate), String(r.id)])
    return { rows: items, next, found: requireId === null || result.found, redirect: result.redirect }
  }

  /** Runs a page query's body wrapped by checkActors: one row, whatever the page holds. */
  private async run (body: string[], params: Record<string, unknown>, tail: 'ids' | 'statements'): Promise<RunResult> {
    const inner = [...body, tail === 'ids' ? COLLECT_IDS : COLLECT_STATEMENTS].join('\n')
    const { head: row, rows } = checkedRows(await this.db.read(checkActors(['requireId'], inner, { prefix: PROBE_DEGREES, carry: ['degrees'] }), params))
    const required = checked(row, 'requireId')
    return {
      rows,
      degrees: (row?.degrees as Array<{ id: string } & Degree> | undefined) ?? [],
      found: required.actor !== null,
      redirect: required.redirect,
    }
  }

  /** A page of every statement (or those the non-anchoring filters keep), dated ones first. */
  private scanDated (where: string[], params: Record<string, unknown>, cursor: unknown[] | null, tail: 'ids' | 'statements'): Promise<RunResult> {
    const bounds = [cursor ? String(cursor[0]) : null, params.until as string | null].filter((b): b is string => b !== null)
    if (bounds.length === 0) return this.run([SCAN_DATED, WHERE_TRUE, ...where, PAGE_DATED], params, tail)
    const scanFrom = bounds.sort()[0]
    return this.run([SCAN_DATED_FROM, WHERE_TRUE, ...where, PAGE_DATED], { ...params, scanFrom }, tail)
  }

  // Undated statements are read only once the dated ones run out (the last pages of a list), so
  // only those pages take a second query.
  private async scanAll (where: string[], params: Record<string, unknown>, cursor: unknown[] | null, undatedCanMatch: boolean, tail: 'ids' | 'statements'): Promise<RunResult> {
    const fetch = params.fetch as number
    if (cursor !== null && cursor[0] === '') {
      return this.run([SCAN_UNDATED_FROM_CURSOR, WHERE_TRUE, ...where, PAGE_UNDATED], params, tail)
    }
    const result = await this.scanDated(where, params, cursor, tail)
    if (result.rows.length < fetch && undatedCanMatch && (params.requireId === null || result.found)) {
      const more = await this.run([SCAN_UNDATED, WHERE_TRUE, ...where, PAGE_UNDATED], { ...params, fetch: fetch - result.rows.length }, tail)
      result.rows = [...result.rows, ...more.rows]
    }
    return result
  }
}

interface PageResult { rows: Row[], next: string | null, found: boolean, redirect: string | null }
interface RunResult { rows: Row[], degrees: Array<{ id: string } & Degree>, found: boolean, redirect: string | null }

/** The one actor a list is of, when it is of one: about it, or (with no about filter) by it. */
function keyedSide (filter: StatementFilter): { side: 'about' | 'said', id: string } | null {
  if (filter.about) return filter.about.length === 1 ? { side: 'about', id: filter.about[0]! } : null
  if (filter.speakers?.length === 1) return { side: 'said', id: filter.speakers[0]! }
  return null
}

/** A partial date as the first (start) or last (end) day it can mean. */
export function widenDate (date: string, side: 'start' | 'end'): string {
  const { dateStart, dateEnd } = dateRange(date)
  return (side === 'start' ? dateStart : dateEnd) ?? date
}
