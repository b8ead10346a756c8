// What a driver error means for the caller, decided here so that no layer above the database
// needs to know neo4j-driver's error classes or codes.
import { Neo4jError } from 'neo4j-driver'

export type DbFailure =
  /** The client sent bookmarks this database never issued. */
  | 'invalid-bookmark'
  /** A node the query used was deleted by a concurrent write before it could use it. */
  | 'entity-gone'
  /** The server cannot be reached or the database is not available right now (retry). */
  | 'unavailable'
  /** The transaction ran over its timeout. */
  | 'timeout'
  /** Any other database error: a bug, logged and answered 500. */
  | 'other'

const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Database.DatabaseNotFound', 'Neo.TransientError.Database.DatabaseUnavailable',
])

/** null when the error did not come from the database. */
export function dbFailure (err: unknown): DbFailure | null {
  if (!(err instanceof Neo4jError)) return null
  if (err.code.includes('InvalidBookmark')) return 'invalid-bookmark'
  if (err.code === 'Neo.ClientError.Statement.EntityNotFound') return 'entity-gone'
  if (UNAVAILABLE_CODES.has(err.code) || err.retriable) return 'unavailable'
  if (err.code.includes('TransactionTimedOut') || err.code === 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration') return 'timeout'
  return 'other'
}

/** The driver's error code, for logs. */
export function dbErrorCode (err: unknown): string | undefined {
  return err instanceof Neo4jError ? err.code : undefined
}
