// Full-text search across actors, statements and documents, through Neo4j's full-text indexes.
import type { Db } from '../db/db.js'
import { highlight, luceneQuery, queryTerms } from '../lib/lucene.js'
import { TIER_OTHER, matchTier } from '../lib/match-tier.js'

/** What an actor hit's snippet is cut from: "name (alias, alias) — description". */
function actorText (name: string, aliases: string[], description: string | null): string {
  return name + (aliases.length > 0 ? ` (${aliases.join(', ')})` : '') + (description === null ? '' : ` — ${description}`)
}

// Each index answers rows of [type, id, title, aliases, description, text, score]; what the
// hit is called and its snippet's text are put together in search() below, for the hits that
// need them (names for every hit's tier, text for the page's snippets).
const SEARCH_ACTORS = `
CALL db.index.fulltext.queryNodes('actor_search', $lucene, {limit: $fetch}) YIELD node, score
RETURN 'actor' AS type, node.id AS id, node.name AS title, coalesce(node.aliases, []) AS aliases,
  node.description AS description, null AS text, score`

// Statements have no names, so they rank by score alone (their tier is always the last): only
// the best $page of them, with every hit that ties the last one's score, can reach the page or
// tell whether there is more. The index answers best first; the rest are not read further.
const SEARCH_STATEMENTS = `
CALL db.index.fulltext.queryNodes('statement_search', $lucene, {limit: $fetch}) YIELD node, score
WITH collect([node, score]) AS hits
WITH hits, CASE WHEN size(hits) > $page THEN hits[$page - 1][1] END AS floor
UNWIND hits AS hit
WITH hit[0] AS node, hit[1] AS score, floor
WHERE floor IS NULL OR score >= floor
RETURN 'statement' AS type, node.id AS id,
  reduce(s = '', a IN COLLECT { MATCH (sp:Actor)-[r:SAID]->(node) RETURN sp.name ORDER BY r.position }
    | s + CASE s WHEN '' THEN '' ELSE ' and ' END + a) + ' ' + node.verb AS title,
  null AS aliases, null AS description, node.text AS text, score`

const SEARCH_DOCUMENTS = `
CALL db.index.fulltext.queryNodes('document_search', $lucene, {limit: $fetch}) YIELD node, score
RETURN 'document' AS type, node.id AS id, node.title AS title, null AS aliases, null AS description, null AS text, score`

export const SEARCH_QUERIES = { actor: SEARCH_ACTORS, statement: SEARCH_STATEMENTS, document: SEARCH_DOCUMENTS } as const

// The three indexes in one query (one round trip); a type not asked for skips its index. The
// hits come back as positional lists in one record: hundreds of small records cost the driver
// more to decode than one list of them.
const SEARCH_ALL = `
CALL () {
  WITH 1 AS one WHERE 'actor' IN $types` + SEARCH_ACTORS + `
  UNION ALL
  WITH 1 AS one WHERE 'statement' IN $types` + SEARCH_STATEMENTS + `
  UNION ALL
  WITH 1 AS one WHERE 'document' IN $types` + SEARCH_DOCUMENTS + `
}
RETURN collect([type, id, title, aliases, description, text, score]) AS rows`

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
    const [record] = await this.db.read(SEARCH_ALL, { lucene, fetch, page: offset + limit + 1, types })
    const rows = (record?.rows ?? []) as Array<[SearchType, string, string, string[] | null, string | null, string | null, number]>
    // statements have no names; an actor is called by its name and aliases, a document by its title
    const all = rows.map(([type, id, title, aliases, description, text, score]) => {
      const tier = type === 'statement' ? TIER_OTHER : matchTier(q, [title, ...(aliases ?? [])])
      return { type, id: String(id), title: String(title), aliases, description, text, score: Number(score), tier }
    })
    all.sort((a, b) => a.tier - b.tier || b.score - a.score || a.type.localeCompare(b.type) || a.id.localeCompare(b.id))
    // only the page's hits need a snippet
    const hits = all.slice(offset, offset + limit).map(({ type, id, title, aliases, description, text, score }): SearchHit =>
      ({ type, id, title, snippet: highlight(type === 'actor' ? actorText(title, aliases ?? [], description) : text ?? title, terms), score }))
    return { hits, more: all.length > offset + limit }
  }
}
