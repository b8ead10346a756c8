// What the database already holds, as seen by validation (references a seed or an import may name
// without declaring them) and by seeding on start (is the database empty?).
import type { Db } from '../db/db.js'
import type { ExistingLookup } from '../domain/validate.js'

const EXISTING_ACTORS = 'UNWIND $ids AS id MATCH (a:Actor {id: id}) RETURN a.id AS id'
const EXISTING_TOPICS = 'UNWIND $ids AS id MATCH (t:Topic {id: id}) RETURN t.id AS id'
const EXISTING_STATEMENTS = 'UNWIND $ids AS id MATCH (s:Statement {id: id}) RETURN s.id AS id'
const EXISTING_DOCUMENTS = 'UNWIND $ids AS id MATCH (d:Document {id: id}) RETURN d.id AS id, d.text AS text'

/** Looks up references the input does not declare in what the database already holds. */
export function existingInDb (db: Db): ExistingLookup {
  const ids = async (query: string, list: string[]) => new Set((await db.read(query, { ids: list })).map((r) => String(r.id)))
  return {
    actors: (list) => ids(EXISTING_ACTORS, list),
    topics: (list) => ids(EXISTING_TOPICS, list),
    statements: (list) => ids(EXISTING_STATEMENTS, list),
    documents: async (list) => new Map((await db.read(EXISTING_DOCUMENTS, { ids: list })).map((r) => [String(r.id), (r.text as string | null) ?? null])),
  }
}

const HAS_DATA = 'MATCH (n) WHERE n:Actor OR n:Statement OR n:Document RETURN count(n) > 0 AS hasData'

/** True once any actor, statement or document exists. */
export async function hasData (db: Db): Promise<boolean> {
  const [row] = await db.read(HAS_DATA)
  return Boolean(row?.hasData)
}

const COUNT_STATEMENTS_WITH_PREFIX = 'MATCH (s:Statement) WHERE s.id STARTS WITH $prefix RETURN count(s) AS n'

/** How many statements have ids that start with the prefix (the synthetic generator's own). */
export async function countStatementsWithPrefix (db: Db, prefix: string): Promise<number> {
  const [row] = await db.read(COUNT_STATEMENTS_WITH_PREFIX, { prefix })
  return Number(row?.n ?? 0)
}
