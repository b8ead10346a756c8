// The one boundary where Neo4j driver types become JSON: Integers become numbers, temporal
// values ISO strings, nodes and relationships their property maps. Repositories call this on
// every record, so nothing past them ever sees a driver type.
import neo4j, { isInt, type Integer } from 'neo4j-driver'

export function toPlain (value: unknown): unknown {
  if (value === null || value === undefined) return null
  // strings and numbers first: most values are (the driver returns plain numbers, see createDriver)
  if (typeof value !== 'object') return value
  // Lists and maps are converted in place: each record's values are decoded for that record
  // alone (db.ts passes nothing else), and copying every list and map of a page of statements
  // cost allocation and collection for no gain.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = toPlain(value[i])
    return value
  }
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const map = value as Record<string, unknown>
    for (const k of Object.keys(map)) map[k] = toPlain(map[k])
    return map
  }
  if (isInt(value)) return (value as Integer).toNumber()
  if (
    neo4j.isDate(value as never) || neo4j.isDateTime(value as never) || neo4j.isLocalDateTime(value as never) ||
    neo4j.isTime(value as never) || neo4j.isLocalTime(value as never) || neo4j.isDuration(value as never)
  ) {
    return String(value)
  }
  if (neo4j.isNode(value as never) || neo4j.isRelationship(value as never)) {
    return toPlain({ ...(value as { properties: Record<string, unknown> }).properties })
  }
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toPlain(v)
  return out
}

/**
 * The other direction: JavaScript numbers that are whole become Neo4j Integers, so LIMIT,
 * offsets and positions are stored and compared as integers rather than floats.
 */
export function toNeo4jParams<T> (value: T): T {
  if (typeof value === 'number') return (Number.isInteger(value) ? neo4j.int(value) : value) as T
  if (Array.isArray(value)) return value.map(toNeo4jParams) as T
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = toNeo4jParams(v)
    return out as T
  }
  return value
}
