// Per-request state that the database layer needs without threading it through every call:
// the causal-consistency bookmarks of the request (read-your-writes across API instances), and
// how many queries the request sent and how long they took (its Server-Timing header).
import { AsyncLocalStorage } from 'node:async_hooks'
import neo4j, { type BookmarkManager } from 'neo4j-driver'

export interface RequestContext {
  bookmarkManager: BookmarkManager
  /** Cypher queries sent for this request (each one a round trip to Neo4j). */
  queries: number
  /** Their summed wall time, ms. */
  queryMs: number
}

export const requestContext = new AsyncLocalStorage<RequestContext>()

export const BOOKMARK_HEADER = 'neo4j-bookmarks'

/** Bookmarks travel as base64url JSON of the driver's bookmark strings. */
export function parseBookmarks (header: string | string[] | undefined): string[] | null {
  if (typeof header !== 'string' || header.length === 0 || header.length > 8192) return null
  try {
    const value = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as unknown
    if (Array.isArray(value) && value.length <= 64 && value.every((b) => typeof b === 'string' && b.length < 1024)) return value
  } catch {}
  return null
}

export function encodeBookmarks (bookmarks: string[]): string {
  return Buffer.from(JSON.stringify(bookmarks), 'utf8').toString('base64url')
}

export function newContext (bookmarks: string[] = []): RequestContext {
  return { bookmarkManager: neo4j.bookmarkManager({ initialBookmarks: bookmarks }), queries: 0, queryMs: 0 }
}

/** `Server-Timing: db;dur=…;desc="N queries"`: what the request cost the database, for clients and tests. */
export function serverTiming (context: RequestContext): string {
  return `db;dur=${context.queryMs.toFixed(1)};desc="${context.queries} ${context.queries === 1 ? 'query' : 'queries'}"`
}
