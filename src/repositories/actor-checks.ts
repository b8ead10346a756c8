// A read on named actors (an /actors/{id}/... path, a speaker and a target) checks them in its
// own query: for each named parameter, the actor with that id, or the id it was merged into (for
// the 308). The 404 and the 308 then cost no round trip of their own. The read runs in a
// subquery that returns one row, `rows`, whatever it finds.
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
 * columns named in `carry` that it binds are returned too.
 */
export function checkActors (params: CheckedParam[], inner: string, options: { prefix?: string, carry?: CarriedColumn[] } = {}): string {
  const columns = [...params.map((p) => CHECKS[p].columns), ...options.carry ?? [], 'rows'].join(', ')
  return [options.prefix ?? '', ...params.map((p) => CHECKS[p].match), 'CALL () {', inner, '}', 'RETURN', columns].join('\n')
}

export interface Checked { actor: ActorRef | null, redirect: string | null }

export function checked (row: Row | undefined, param: CheckedParam): Checked {
  return {
    actor: (row?.[param + 'Actor'] as ActorRef | null | undefined) ?? null,
    redirect: (row?.[param + 'Redirect'] as string | null | undefined) ?? null,
  }
}
