// A read on named actors (an /actors/{id}/... path, a speaker and a target) checks them in its
// own query: for each named parameter, the actor with that id, or the id it was merged into (for
// the 308). The 404 and the 308 then cost no round trip of their own. The read runs in a
// subquery that returns one list, `rows`, whatever it finds; the query answers one record per
// element of it (at least one, for the checks).
//
// One record per row, not one record holding them all: the driver reads a record longer than a
// Bolt chunk through a buffer that looks for the chunk of every byte it reads by walking the
// chunks from the first, so a page in one record cost 2-3x the decoding CPU of the same page in
// records of its rows (200 statements: 9.8 against 4.9 ms, 1M bench graph).
import type { Row } from '../db/db.js'
import type { ActorSummary } from '../schemas/api.js'

/** An actor as answers name it (defined here: actors.ts uses these checks and re-exports it). */
export interface ActorRef { id: string, name: string, kind: ActorSummary['kind'] }

/** Parameter names come from code (an allow-list), never from a request. */
export type CheckedParam = 'requireId' | 'speaker' | 'target' | 'from' | 'to'

// One constant pair of lines and return columns per parameter (no Cypher is assembled from names).
const CHECKS: Record<CheckedParam, { match: string, columns: string }> = {
  requireId: {
    match: 'OPTIONAL MATCH (check_requireId:Actor {id: $requireId})\nOPTIONAL MATCH (moved_requireId:ActorRedirect {id: $requireId})',
    columns: 'check_requireId {.id, .name, .kind} AS requireIdActor, moved_requireId.to AS requireIdRedirect',
  },
  speaker: {
    match: 'OPTIONAL MATCH (check_speaker:Actor {id: $speaker})\nOPTIONAL MATCH (moved_speaker:ActorRedirect {id: $speaker})',
    columns: 'check_speaker {.id, .name, .kind} AS speakerActor, moved_speaker.to AS speakerRedirect',
  },
  target: {
    match: 'OPTIONAL MATCH (check_target:Actor {id: $target})\nOPTIONAL MATCH (moved_target:ActorRedirect {id: $target})',
    columns: 'check_target {.id, .name, .kind} AS targetActor, moved_target.to AS targetRedirect',
  },
  from: {
    match: 'OPTIONAL MATCH (check_from:Actor {id: $from})\nOPTIONAL MATCH (moved_from:ActorRedirect {id: $from})',
    columns: 'check_from {.id, .name, .kind} AS fromActor, moved_from.to AS fromRedirect',
  },
  to: {
    match: 'OPTIONAL MATCH (check_to:Actor {id: $to})\nOPTIONAL MATCH (moved_to:ActorRedirect {id: $to})',
    columns: 'check_to {.id, .name, .kind} AS toActor, moved_to.to AS toRedirect',
  },
}

/** Columns a `prefix` may bind and have returned (constants too). */
export type CarriedColumn = 'degrees'

/**
 * `inner` ends with `RETURN ... AS rows` (one row). `prefix` runs before the checks, and the
 * columns named in `carry` that it binds are returned too. Read the records with `checkedRows`.
 */
export function checkActors (params: CheckedParam[], inner: string, options: { prefix?: string, carry?: CarriedColumn[] } = {}): string {
  const columns = [...params.map((p) => CHECKS[p].columns), ...options.carry ?? [], 'row'].join(', ')
  return [
    options.prefix ?? '', ...params.map((p) => CHECKS[p].match), 'CALL () {', inner, '}',
    'UNWIND CASE WHEN size(rows) = 0 THEN [null] ELSE rows END AS row',
    'RETURN', columns,
  ].join('\n')
}

/** A checkActors query's records: the first (for the checks and carried columns) and the rows. */
export function checkedRows<T = Row> (records: Row[]): { head: Row | undefined, rows: T[] } {
  const rows: T[] = []
  for (const r of records) if (r.row !== null && r.row !== undefined) rows.push(r.row as T)
  return { head: records[0], rows }
}

export interface Checked { actor: ActorRef | null, redirect: string | null }

export function checked (row: Row | undefined, param: CheckedParam): Checked {
  return {
    actor: (row?.[param + 'Actor'] as ActorRef | null | undefined) ?? null,
    redirect: (row?.[param + 'Redirect'] as string | null | undefined) ?? null,
  }
}
