// Full-text search across actors, statements and documents, through Neo4j's full-text indexes.
import type { Db } from '../db/db.js'
import { highlight, luceneQuery, queryTerms } from '../lib/lucene.js'
import { matchTier } from '../lib/match-tier.js'

const SEARCH_ACTORS = `
CALL db.index.fulltext.queryNodes('actor_search', $lucene, {limit: $fetch}) YIELD node, score
RETURN 'actor' AS type, node.id AS id, node.name AS title,
  node.name + CASE WHEN size(coalesce(node.aliases, [])) > 0 THEN ' (' + reduce(s = '', a IN node.aliases | s + CASE s WHEN '' THEN '' ELSE ', ' END + a) + ')' ELSE '' END
    + CASE WHEN node.description IS NULL THEN '' ELSE ' — ' + node.description END AS text,
  [node.name] + coalesce(node.aliases, []) AS names, score`

const SEARCH_STATEMENTS = `
CALL db.index.fulltext.queryNodes('statement_search', $lucene, {limit: $fetch}) YIELD node, score
RETURN 'statement' AS type, node.id AS id,
  reduce(s = '', a IN COLLECT { MATCH (sp:Actor)-[r:SAID]->(node) RETURN sp.name ORDER BY r.position }
    | s + CASE s WHEN '' THEN '' ELSE ' and ' END + a) + ' ' + node.verb AS title,
  node.text AS text, [] AS names, score`

const SEARCH_DOCUMENTS = `
CALL db.index.fulltext.queryNodes('document_search', $lucene, {limit: $fetch}) YIELD node, score
RETURN 'document' AS type, node.id AS id, node.title AS title, node.title AS text, [node.title] AS names, score`

export const SEARCH_QUERIES = { actor: SEARCH_ACTORS, statement: SEARCH_STATEMENTS, document: SEARCH_DOCUMENTS } as const

// The three indexes in one query (one round trip); a type not asked for skips its index.
const SEARCH_ALL = `
CALL () {
  WITH 1 AS one WHERE 'actor' IN $types` + SEARCH_ACTORS + `
  UNION ALL
  WITH 1 AS one WHERE 'statement' IN $types` + SEARCH_STATEMENTS + `
  UNION ALL
  WITH 1 AS one WHERE 'document' IN $types` + SEARCH_DOCUMENTS + `
}
RETURN type, id, title, text, names, score`

const RANK_WINDOW = 200

export type SearchType = keyof typeof SEARCH_QUERIES

export interface SearchHit { type: SearchType, id: string, title: string, snippet: string, score: number }

export class SearchRepository {
  constructor (private readonly db: Db) {}

  /**
   * Ranked hits: exact name or alias matches first, then prefix and word matches (matchTier),
   * then by score; type and id make the order total. `offset` + `limit` page through them.
   */
  async search (q: string, types: SearchType[], offset: number, limit: number): Promise<{ hits: SearchHit[], more: boolean }> {
    const lucene = luceneQuery(q)
    if (!lucene) return { hits: [], more: false }
    const terms = queryTerms(q)
    // Tiers reorder the index's hits, so every page ranks the same window of at least RANK_WINDOW
    // hits per index: pages stay consistent (no hit twice, none skipped) within that window.
    const fetch = Math.max(offset + limit + 1, RANK_WINDOW)
    const rows = await this.db.read(SEARCH_ALL, { lucene, fetch, types })
    const all: Array<SearchHit & { tier: number }> = rows.map((r) => ({
      type: r.type as SearchType, id: String(r.id), title: String(r.title), snippet: highlight(String(r.text), terms), score: Number(r.score), tier: matchTier(q, r.names as string[]),
    }))
    all.sort((a, b) => a.tier - b.tier || b.score - a.score || a.type.localeCompare(b.type) || a.id.localeCompare(b.id))
    return { hits: all.slice(offset, offset + limit).map(({ tier: _tier, ...hit }) => hit), more: all.length > offset + limit }
  }
}
