// Operators read one line per problem, never a stack trace.
import { Neo4jError } from 'neo4j-driver'

export function oneLineError (err: unknown): string {
  if (err instanceof Neo4jError) return `the database answered ${err.code}: ${err.message.split('\n')[0]}`
  const e = err as NodeJS.ErrnoException
  if (e?.code && e.path) return `cannot open ${e.path} (${e.code})`
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? 'unknown error'
}
