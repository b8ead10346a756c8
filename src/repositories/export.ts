// Cypher for exports. An export reads the graph in keyset pages (each page its own short read
// transaction, in the order of an id constraint's index, resumed after the last id seen), so an
// export of any size holds one page in memory and no transaction outlives the query timeout.
//
// Two shapes. With no filter the export is the whole graph, every node included (actors that
// said nothing too, so a dump restores to the same /v1/stats). With filters it is the subgraph
// of the matching statements: their speakers and targets, their documents with those
// documents' publishers, authors and addressees, their topics, the affiliations among those
// actors and the links among those statements. The matching statements are found with the
// statement list's own filter fragments (StatementsRepository.filterClauses), never a copy; the
// subgraph's queries append to them, so each page re-finds the matching statements (from the
// same anchor index the list uses) instead of holding their ids in memory.
import type { Db, Row } from '../db/db.js'
import { hydrateStatements, type StatementFilter, type StatementsRepository } from './statements.js'
import type {
  ExportActor, ExportAffiliation, ExportDocument, ExportPair, ExportSource, ExportStatement, ExportTopic,
} from '../formats/types.js'

/** Statements per page: hydrating one is a handful of index lookups. */
export const STATEMENT_BATCH = 500
/** Actors and topics per page. */
export const NODE_BATCH = 1000
/** Speakers per pairs query: a hub speaker may have said thousands of things. */
export const PAIR_SPEAKERS = 100
/** Documents per page. */
export const DOCUMENT_BATCH = 50
/**
 * Characters of document text an export reads at once. A text may be up to 2 MB, so a page of
 * 50 could hold 100 MB of it (twice that as JavaScript strings, plus the driver's buffers): the
 * page is read without its texts, then split where its texts would pass this, and each part's
 * texts are read by id. One text longer than this is read alone.
 */
export const TEXT_BUDGET = 2_000_000

// ---------- the subgraph: appended to the matching statements, `s`

// With no anchoring filter (only stance, type, since or until), every statement is a candidate.
const EVERY_STATEMENT = `
MATCH (s:Statement)
WITH s`
const WHERE_TRUE = 'WHERE true'

const SUBSET_ACTORS = `
CALL {
  WITH s MATCH (a:Actor)-[:SAID]->(s) RETURN a, 1 AS said, 0 AS about
  UNION ALL
  WITH s MATCH (s)-[:ABOUT]->(a:Actor) RETURN a, 0 AS said, 1 AS about
  UNION ALL
  WITH s MATCH (s)-[:REPORTED_IN|ORIGINALLY_IN]->(:Document)-[:PUBLISHED_BY|AUTHORED_BY|ADDRESSED_TO]->(a:Actor) RETURN a, 0 AS said, 0 AS about
}
WITH a, said, about WHERE a.id > $after
WITH a, sum(said) AS said, sum(about) AS about
ORDER BY a.id LIMIT $batch
RETURN a {.id, .name, .kind, .aliases, .description} AS actor, said, about`

const SUBSET_ACTORS_AMONG = `
CALL {
  WITH s MATCH (a:Actor)-[:SAID]->(s) RETURN a
  UNION
  WITH s MATCH (s)-[:ABOUT]->(a:Actor) RETURN a
  UNION
  WITH s MATCH (s)-[:REPORTED_IN|ORIGINALLY_IN]->(:Document)-[:PUBLISHED_BY|AUTHORED_BY|ADDRESSED_TO]->(a:Actor) RETURN a
}
WITH DISTINCT a WHERE a.id IN $candidates
RETURN a.id AS id`

const SUBSET_STATEMENTS_AMONG = `
AND s.id IN $candidates
RETURN s.id AS id`

const SUBSET_TOPICS = `
MATCH (s)-[:ON_TOPIC]->(t:Topic)
WITH DISTINCT t WHERE t.id > $after
WITH t ORDER BY t.id LIMIT $batch
RETURN t {.id, .name} AS topic`

const SUBSET_DOCUMENTS = `
MATCH (s)-[r:REPORTED_IN|ORIGINALLY_IN]->(d:Document) WHERE d.id > $after
WITH d, count(DISTINCT CASE WHEN type(r) = 'REPORTED_IN' THEN s END) AS statements
ORDER BY d.id LIMIT $batch`

const SUBSET_PAIRS = `
MATCH (a:Actor)-[:SAID]->(s) WHERE a.id IN $speakers
MATCH (s)-[r:ABOUT]->(b:Actor)
WITH a.id AS speaker, b.id AS target, r.stance AS stance, s`

// ---------- the whole graph

const ALL_ACTORS = `
MATCH (a:Actor) WHERE a.id > $after
WITH a ORDER BY a.id LIMIT $batch
RETURN a {.id, .name, .kind, .aliases, .description} AS actor,
  count { (a)-[:SAID]->() } AS said, count { (a)<-[:ABOUT]-() } AS about`

const ALL_TOPICS = `
MATCH (t:Topic) WHERE t.id > $after
WITH t ORDER BY t.id LIMIT $batch
RETURN t {.id, .name} AS topic`

const ALL_DOCUMENTS = `
MATCH (d:Document) WHERE d.id > $after
WITH d ORDER BY d.id LIMIT $batch
WITH d, count { (:Statement)-[:REPORTED_IN]->(d) } AS statements`

const ALL_PAIRS = `
UNWIND $speakers AS id
MATCH (a:Actor {id: id})-[:SAID]->(s:Statement)-[r:ABOUT]->(b:Actor)
WITH a.id AS speaker, b.id AS target, r.stance AS stance, s`

// ---------- shared tails

const DOCUMENT_PROJECTION = `
RETURN d {.id, .title, .kind, .date, .datePrecision, .url, .note,
  textLength: CASE WHEN $withText THEN size(d.text) ELSE null END,
  publisher: head([(d)-[:PUBLISHED_BY]->(p:Actor) | p.id]),
  authors: [(d)-[r:AUTHORED_BY]->(a:Actor) | {id: a.id, position: r.position}],
  addressees: [(d)-[:ADDRESSED_TO]->(a:Actor) | a.id]} AS document, statements`

const PAIR_COUNTS = `
WITH speaker, target, count(*) AS total,
  sum(CASE stance WHEN 'critical' THEN 1 ELSE 0 END) AS critical,
  sum(CASE stance WHEN 'supportive' THEN 1 ELSE 0 END) AS supportive,
  sum(CASE stance WHEN 'neutral' THEN 1 ELSE 0 END) AS neutral,
  collect(DISTINCT CASE WHEN s.dateStart IS NULL THEN null ELSE [s.dateStart, s.dateEnd] END) AS spans
RETURN speaker, target, total, critical, supportive, neutral, spans
ORDER BY speaker, target`

const TEXTS_OF = `
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN d.id AS id, d.text AS text`

const AFFILIATIONS_OF = `
UNWIND $ids AS id
MATCH (a:Actor {id: id})-[r:AFFILIATED_WITH]->(o:Actor)
RETURN a.id AS actor, o.id AS organisation, r.type AS type, r.role AS role, r.since AS since, r.until AS until
ORDER BY actor, type, organisation`

function toActor (r: Row): ExportActor {
  const a = r.actor as Omit<ExportActor, 'said' | 'about'>
  return { ...a, aliases: a.aliases ?? [], description: a.description ?? null, said: Number(r.said), about: Number(r.about) }
}

/** A document of a page, its text not read yet (textLength null: no text, or not asked for). */
interface DocumentRow { document: ExportDocument, textLength: number | null }

function toDocument (r: Row): DocumentRow {
  const { textLength, ...d } = r.document as Omit<ExportDocument, 'authors' | 'statements' | 'text'> & { authors: Array<{ id: string, position: number | null }>, textLength: number | null }
  return {
    document: {
      ...d,
      text: null,
      authors: [...d.authors].sort((x, y) => (x.position ?? 0) - (y.position ?? 0)).map((x) => x.id),
      addressees: [...d.addressees].sort(),
      statements: Number(r.statements),
    },
    textLength: textLength === null || textLength === undefined ? null : Number(textLength),
  }
}

function toPair (r: Row): ExportPair {
  return {
    speaker: String(r.speaker),
    target: String(r.target),
    total: Number(r.total),
    critical: Number(r.critical),
    supportive: Number(r.supportive),
    neutral: Number(r.neutral),
    spans: (r.spans as Array<[string, string]>).filter((x) => x && x[0] && x[1]),
  }
}

/** True when the filter selects nothing narrower than the whole graph. */
export function isWholeGraph (f: StatementFilter): boolean {
  return !f.speakers && !f.about && !f.topics && !f.documents && !f.stance && !f.type && f.q === undefined && !f.since && !f.until
}

export class ExportRepository {
  constructor (private readonly db: Db, private readonly statements: StatementsRepository) {}

  /** The pages an export pulls, for the whole graph or the filter's subgraph. */
  async source (filter: StatementFilter): Promise<ExportSource> {
    if (isWholeGraph(filter)) return this.wholeGraph()
    const clauses = await this.statements.filterClauses(filter)
    // A filter that matches nothing is an empty subgraph. One page query of the statement list
    // (a plan Neo4j has usually cached for /v1/statements) finds that out; otherwise each of the
    // subgraph's queries would be planned and run only to find nothing (seconds on a cold cache).
    const any = clauses !== null && (await this.statements.listIds(filter, { limit: 1 })).ids.length > 0
    const matching = clauses && any ? [...(clauses.anchor.length > 0 ? clauses.anchor : [EVERY_STATEMENT]), WHERE_TRUE, ...clauses.where] : null
    const params = clauses?.params ?? {}
    return this.subgraph(filter, matching, params)
  }

  private wholeGraph (): ExportSource {
    const db = this.db
    const actors = () => keyset(db, ALL_ACTORS, {}, NODE_BATCH, toActor, (a) => a.id)
    return {
      actors,
      topics: () => keyset(db, ALL_TOPICS, {}, NODE_BATCH, (r) => r.topic as ExportTopic, (t) => t.id),
      documents: ({ text }) => documentPages(db, ALL_DOCUMENTS + DOCUMENT_PROJECTION, {}, text),
      affiliations: () => this.affiliations(actors, null),
      statements: () => this.statementPages({}, null),
      pairs: () => this.pairs(actors, (speakers) => db.read(ALL_PAIRS + PAIR_COUNTS, { speakers })),
    }
  }

  private subgraph (filter: StatementFilter, matching: string[] | null, params: Record<string, unknown>): ExportSource {
    const db = this.db
    const none = async function * <T> (): AsyncGenerator<T[]> {}
    if (!matching) return { actors: none, topics: none, documents: none, affiliations: none, statements: none, pairs: none }
    const prefix = matching.join('\n')
    const actors = () => keyset(db, prefix + SUBSET_ACTORS, params, NODE_BATCH, toActor, (a) => a.id)
    const among = async (query: string, candidates: string[]): Promise<Set<string>> => candidates.length === 0
      ? new Set()
      : new Set((await db.read(prefix + query, { ...params, candidates })).map((r) => String(r.id)))
    return {
      actors,
      topics: () => keyset(db, prefix + SUBSET_TOPICS, params, NODE_BATCH, (r) => r.topic as ExportTopic, (t) => t.id),
      documents: ({ text }) => documentPages(db, prefix + SUBSET_DOCUMENTS + DOCUMENT_PROJECTION, params, text),
      affiliations: () => this.affiliations(actors, (ids) => among(SUBSET_ACTORS_AMONG, ids)),
      statements: () => this.statementPages(filter, (ids) => among(SUBSET_STATEMENTS_AMONG, ids)),
      pairs: () => this.pairs(actors, (speakers) => db.read(prefix + SUBSET_PAIRS + PAIR_COUNTS, { ...params, speakers })),
    }
  }

  /**
   * The matching statements in the list's own order and pages (its cursor is a keyset on date
   * and id), hydrated; links to statements outside the export are left out.
   */
  private async * statementPages (filter: StatementFilter, members: ((ids: string[]) => Promise<Set<string>>) | null): AsyncGenerator<ExportStatement[]> {
    let cursor: string | undefined
    for (;;) {
      const { ids, next } = await this.statements.listIds(filter, { limit: STATEMENT_BATCH, ...(cursor ? { cursor } : {}) })
      const batch = await hydrateStatements(this.db, ids)
      if (members) {
        const linked = [...new Set(batch.flatMap((s) => s.links.map((l) => l.statement.id)))]
        const kept = await members(linked)
        for (const s of batch) s.links = s.links.filter((l) => kept.has(l.statement.id))
      }
      if (batch.length > 0) yield batch
      if (!next) return
      cursor = next
    }
  }

  /** Affiliations from each page of the export's actors to actors also in the export. */
  private async * affiliations (actors: () => AsyncIterable<ExportActor[]>, members: ((ids: string[]) => Promise<Set<string>>) | null): AsyncGenerator<ExportAffiliation[]> {
    for await (const page of actors()) {
      const rows = (await this.db.read(AFFILIATIONS_OF, { ids: page.map((a) => a.id) })).map((r) => ({
        actor: String(r.actor),
        organisation: String(r.organisation),
        type: String(r.type),
        role: (r.role as string | null) ?? null,
        since: (r.since as string | null) ?? null,
        until: (r.until as string | null) ?? null,
      }))
      const kept = members ? await members([...new Set(rows.map((r) => r.organisation))]) : null
      const batch = kept ? rows.filter((r) => kept.has(r.organisation)) : rows
      if (batch.length > 0) yield batch
    }
  }

  /** Speaker → target pairs, a few speakers (from the export's actors) per query. */
  private async * pairs (actors: () => AsyncIterable<ExportActor[]>, query: (speakers: string[]) => Promise<Row[]>): AsyncGenerator<ExportPair[]> {
    for await (const page of actors()) {
      const speakers = page.filter((a) => a.said > 0).map((a) => a.id)
      for (let i = 0; i < speakers.length; i += PAIR_SPEAKERS) {
        const batch = (await query(speakers.slice(i, i + PAIR_SPEAKERS))).map(toPair)
        if (batch.length > 0) yield batch
      }
    }
  }
}

/** Pages of a query that takes $after and $batch and returns rows in key order. */
async function * keyset<T> (db: Db, query: string, params: Record<string, unknown>, batch: number, shape: (r: Row) => T, key: (t: T) => string): AsyncGenerator<T[]> {
  let after = ''
  for (;;) {
    const rows = (await db.read(query, { ...params, after, batch })).map(shape)
    if (rows.length > 0) yield rows
    if (rows.length < batch) return
    after = key(rows[rows.length - 1]!)
  }
}

/** Pages of documents, with their texts when asked, read in parts of at most TEXT_BUDGET characters. */
async function * documentPages (db: Db, query: string, params: Record<string, unknown>, withText: boolean): AsyncGenerator<ExportDocument[]> {
  for await (const page of keyset(db, query, { ...params, withText }, DOCUMENT_BATCH, toDocument, (d) => d.document.id)) {
    if (!withText) {
      yield page.map((d) => d.document)
      continue
    }
    let part: DocumentRow[] = []
    let chars = 0
    for (const d of page) {
      if (part.length > 0 && chars + (d.textLength ?? 0) > TEXT_BUDGET) {
        yield await withTexts(db, part)
        part = []
        chars = 0
      }
      part.push(d)
      chars += d.textLength ?? 0
    }
    if (part.length > 0) yield await withTexts(db, part)
  }
}

async function withTexts (db: Db, part: DocumentRow[]): Promise<ExportDocument[]> {
  const ids = part.filter((d) => d.textLength !== null).map((d) => d.document.id)
  const texts = new Map(ids.length === 0 ? [] : (await db.read(TEXTS_OF, { ids })).map((r) => [String(r.id), r.text as string | null]))
  return part.map((d) => ({ ...d.document, text: texts.get(d.document.id) ?? null }))
}
