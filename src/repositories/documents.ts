// Cypher for documents: the list, and one document with who wrote it, to whom, who it mentions
// and the statements it reports (in text order, each with its evidence).
import type { Db } from '../db/db.js'
import { decodeCursor, page } from '../lib/cursor.js'
import type { Static } from '@sinclair/typebox'
import type { DocumentDetailSchema, DocumentSummarySchema } from '../schemas/api.js'
import { STATEMENT_ROW, statementFromRow, type StatementRow } from './statements.js'

export type DocumentSummary = Static<typeof DocumentSummarySchema>
export type DocumentDetail = Static<typeof DocumentDetailSchema>

// The range on d.id lets Neo4j read documents in the order of the id constraint's index and
// stop after a page, rather than sort them all.
const LIST = `
MATCH (d:Document)
WHERE d.id > $afterId AND ($kind IS NULL OR d.kind = $kind)
WITH d ORDER BY d.id LIMIT $fetch
RETURN d {
  .id, .title, .kind, .date, .datePrecision, .url,
  publisher: head([(d)-[:PUBLISHED_BY]->(p:Actor) | p {.id, .name, .kind}]),
  statementCount: COUNT { (:Statement)-[:REPORTED_IN]->(d) },
  hasText: d.text IS NOT NULL
} AS document`

const GET = `
MATCH (d:Document {id: $id})
RETURN d {
  .id, .title, .kind, .date, .datePrecision, .url, .note, .textHash,
  text: CASE WHEN $includeText THEN d.text END,
  publisher: head([(d)-[:PUBLISHED_BY]->(p:Actor) | p {.id, .name, .kind}]),
  authors: [(d)-[r:AUTHORED_BY]->(a:Actor) | a {.id, .name, .kind, position: r.position}],
  addressees: [(d)-[:ADDRESSED_TO]->(a:Actor) | a {.id, .name, .kind}],
  reported: COLLECT {
    MATCH (s:Statement)-[r:REPORTED_IN]->(d)
    WITH s, r ORDER BY r.start, s.id LIMIT $maxEmbedded
    RETURN {start: r.start, statement: ` + STATEMENT_ROW + `}
  },
  original: [(s:Statement)-[:ORIGINALLY_IN]->(d) | s {.id, .text}],
  mentioned: COLLECT {
    MATCH (s:Statement)-[:REPORTED_IN]->(d)
    MATCH (s)-[:ABOUT]->(a:Actor)
    RETURN DISTINCT a {.id, .name, .kind}
    UNION
    MATCH (s:Statement)-[:REPORTED_IN]->(d)
    MATCH (a:Actor)-[:SAID]->(s)
    RETURN DISTINCT a {.id, .name, .kind}
  }
} AS document`

// A document can report thousands of statements; the detail view embeds the first ones in text order.
export const MAX_EMBEDDED_STATEMENTS = 200

interface Ref { id: string, name: string, kind: 'person' | 'organisation' | 'group' }

export class DocumentsRepository {
  constructor (private readonly db: Db) {}

  async list (filter: { kind?: string }, options: { limit: number, cursor?: string }): Promise<{ items: DocumentSummary[], next: string | null }> {
    const cursor = decodeCursor(options.cursor, ['string'])
    const rows = await this.db.read(LIST, { kind: filter.kind ?? null, afterId: cursor?.[0] ?? '', fetch: options.limit + 1 })
    return page(rows.map((r) => r.document as DocumentSummary), options.limit, (d) => [d.id])
  }

  async get (id: string, includeText: boolean): Promise<DocumentDetail | null> {
    // the embedded statements whole, in the same query (one round trip)
    const [row] = await this.db.read(GET, { id, includeText, maxEmbedded: MAX_EMBEDDED_STATEMENTS })
    if (!row) return null
    const d = row.document as Omit<DocumentDetail, 'authors' | 'addressees' | 'actorsMentioned' | 'statementsReported' | 'statementsOriginallyIn'> & {
      authors: Array<Ref & { position: number | null }>,
      addressees: Ref[],
      mentioned: Ref[]
      reported: Array<{ start: number, statement: StatementRow }>,
      original: Array<{ id: string, text: string }>
    }
    const { reported, original, mentioned, authors, addressees, text, ...rest } = d
    const embedded = [...reported].sort((a, b) => a.start - b.start || String(a.statement[0]).localeCompare(String(b.statement[0]))).map((r) => statementFromRow(r.statement))
    const byName = (a: Ref, b: Ref) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)
    return {
      ...rest,
      ...(includeText ? { text: text ?? null } : {}),
      authors: [...authors].sort((a, b) => (a.position ?? 0) - (b.position ?? 0)).map(({ position: _p, ...a }) => a),
      addressees: [...addressees].sort(byName),
      actorsMentioned: [...new Map(mentioned.map((a) => [a.id, a])).values()].sort(byName),
      statementsReported: embedded,
      statementsOriginallyIn: [...original].sort((a, b) => a.id.localeCompare(b.id)),
    }
  }
}
