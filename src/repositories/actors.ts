// Cypher for actors: listing and search, the actor with its affiliations and counts, merged-id
// redirects, who-said-what-about and the stance matrix.
import type { Db } from '../db/db.js'
import { decodeCursor, encodeCursor, page } from '../lib/cursor.js'
import { luceneQuery } from '../lib/lucene.js'
import { matchTier } from '../lib/match-tier.js'
import type { ActorDetail, ActorSummary, Statement } from '../schemas/api.js'
import { STATEMENT_ROW, statementFromRow, widenDate, type StatementRow } from './statements.js'
import { checkActors, checked, checkedRows, type ActorRef } from './actor-checks.js'

// The range on a.name lets Neo4j read actors in the order of the actor_name index and stop
// after a page, rather than sort them all.
const LIST_ALL = `
MATCH (a:Actor)
WHERE a.name >= $fromName AND ($kind IS NULL OR a.kind = $kind)
  AND ($cursorName IS NULL OR a.name > $cursorName OR a.id > $cursorId)
RETURN a {.id, .name, .kind, .aliases, .description} AS actor
ORDER BY a.name, a.id
LIMIT $fetch`

// Ranked in code (matchTier: exact name or alias, prefix, word, then score), so the page is cut
// from the index's best SEARCH_CAP hits; the cursor is an offset into that ranking.
const SEARCH_CAP = 1000
const LIST_SEARCH = `
CALL db.index.fulltext.queryNodes('actor_names', $lucene, {limit: $cap}) YIELD node AS a, score
WHERE ($kind IS NULL OR a.kind = $kind)
RETURN a {.id, .name, .kind, .aliases, .description} AS actor, score`

// The counts name no end label: SAID and ABOUT only ever join an actor and a statement, and
// without a label Neo4j reads them from the degree store (GetDegree) instead of walking all of a
// hub's relationships.
// One query for the 404 and the 308 too: with no such actor, the id it was merged into.
const GET = `
OPTIONAL MATCH (a:Actor {id: $id})
OPTIONAL MATCH (redirect:ActorRedirect {id: $id})
RETURN CASE WHEN a IS NULL THEN null ELSE a {
  .id, .name, .kind, .aliases, .description,
  outgoing: [(a)-[r:AFFILIATED_WITH]->(o:Actor) | {type: r.type, role: r.role, since: r.since, until: r.until, actor: o {.id, .name, .kind}}],
  incoming: [(o:Actor)-[r:AFFILIATED_WITH]->(a) | {type: r.type, role: r.role, since: r.since, until: r.until, actor: o {.id, .name, .kind}}],
  statementsMade: COUNT { (a)-[:SAID]->() },
  statementsAbout: COUNT { (a)<-[:ABOUT]-() }
} END AS actor, redirect.to AS redirect`

const REDIRECT = 'MATCH (r:ActorRedirect {id: $id}) RETURN r.to AS to'

// ---- who-said-what-about and the stance matrix

// A pair's newest statements (who-said-what-about's groups), read newest first by a seek of the
// pair's key in the said_about_page index (one SAID_ABOUT per speaker x target of a statement,
// tallies.ts), stopping after $perSpeaker: a page, whatever either actor's degree. (It walked the
// smaller actor's list before and kept the pair's statements, which read degree / pair total
// rows per statement kept: 77.7 ms for an actor of 9,957 statements on the 1M bench graph.)
const NEWEST_OF_PAIR = `
  CALL (sp, target) {
    MATCH (:Actor)-[pp:SAID_ABOUT]->(s:Statement)
    WHERE pp.pair = sp.id + '|' + target.id AND pp.sortDate <= $pairFrom AND pp.sortDate >= $pairTo AND pp.sid IS NOT NULL
    WITH s, pp.pair AS pageKey, pp.sortDate AS sortDate, pp.sid AS sid
    WHERE ($since IS NULL OR s.dateEnd >= $since) AND ($until IS NULL OR s.dateStart <= $until)
    WITH s, pageKey, sortDate, sid ORDER BY pageKey DESC, sortDate DESC, sid DESC
    LIMIT $perSpeaker
    RETURN collect(s) AS newest
  }`
// One row per embedded statement (checkActors answers each in a record of its own), with its
// group's speaker and counts in front; a group with no statements in its row has one row.
const GROUP_ROWS = `
  UNWIND CASE WHEN size(newest) = 0 THEN [null] ELSE newest END AS s
  RETURN collect([sp.id, sp.name, sp.kind, total, critical, supportive, neutral,
    CASE WHEN s IS NULL THEN null ELSE ` + STATEMENT_ROW + ' END]) AS rows'

// The target's speakers from its tallies (repositories/tallies.ts), in the order of the
// pair_tally_rank index (or, for one calendar year, year_tally_rank): most statements first, then
// speaker id; a page is read and no more.
// `target` and `small` come from WHO_SAID: the seek finds nothing for an actor the walk answers.
const TALLY_FOR_TARGET = 'x.targetId = CASE WHEN small OR target IS NULL THEN null ELSE $requireId END'
const TALLY_AFTER_CURSOR = `x.rank >= $fromRank AND x.speakerId IS NOT NULL
    AND CASE WHEN $cursorTotal IS NULL OR x.rank > -$cursorTotal THEN true
      WHEN x.rank = -$cursorTotal THEN x.speakerId > $cursorId ELSE false END`
const PAIR_TALLY_PAGE = `
  MATCH (x:PairTally) WHERE ` + TALLY_FOR_TARGET + `
    AND ` + TALLY_AFTER_CURSOR + `
  WITH target, x ORDER BY x.targetId, x.rank, x.speakerId`
const YEAR_TALLY_PAGE = `
  MATCH (x:YearTally) WHERE ` + TALLY_FOR_TARGET + ` AND x.year = $fromYear
    AND ` + TALLY_AFTER_CURSOR + `
  WITH target, x ORDER BY x.targetId, x.year, x.rank, x.speakerId`
// Each group's newest statements, the groups in their order (rank = -total, then speaker id).
const GROUPS_OF_SPEAKERS = NEWEST_OF_PAIR + `
  WITH sp, total, critical, supportive, neutral, newest ORDER BY rank, sp.id
` + GROUP_ROWS
const TALLY_GROUPS = `
  LIMIT $fetch
  MATCH (sp:Actor {id: x.speakerId})
  WITH target, sp, x.total AS total, x.critical AS critical, x.supportive AS supportive, x.neutral AS neutral, x.rank AS rank
` + GROUPS_OF_SPEAKERS
// A window of several whole years, or open at one end (since=2020): the target's year tallies in
// those years, summed per speaker. A dated statement lies in one year (dates are a day, a month or
// a year: validate.ts's dateRange), so the sums count each of the window's statements once, as
// the walk does, and undated statements are in neither. This reads one tally per speaker and year
// (20,829 for the 1M graph's hub over five years) and sorts the speakers, rather than a page:
// cheaper than walking the statements (one per statement, and their speakers), not free.
const YEARS_TALLY_GROUPS = `
  MATCH (x:YearTally) WHERE ` + TALLY_FOR_TARGET + ` AND x.year >= $fromYear AND x.year <= $toYear
    AND x.rank IS NOT NULL AND x.speakerId IS NOT NULL
  WITH target, x.speakerId AS speakerId, sum(x.total) AS total, sum(x.critical) AS critical,
    sum(x.supportive) AS supportive, sum(x.neutral) AS neutral
  WHERE $cursorTotal IS NULL OR total < $cursorTotal OR (total = $cursorTotal AND speakerId > $cursorId)
  WITH target, speakerId, total, critical, supportive, neutral ORDER BY total DESC, speakerId
  LIMIT $fetch
  MATCH (sp:Actor {id: speakerId})
  WITH target, sp, total, critical, supportive, neutral, -total AS rank
` + GROUPS_OF_SPEAKERS

// Every statement about the actor walked and grouped by speaker, from `t`.
const WALK_BODY = `
  MATCH (t)<-[ab:ABOUT]-(s:Statement)<-[:SAID]-(sp:Actor)
  WHERE ($since IS NULL OR s.dateEnd >= $since) AND ($until IS NULL OR s.dateStart <= $until)
  WITH sp, ab, s ORDER BY coalesce(s.dateStart, '') DESC, s.id DESC
  WITH sp,
    count(s) AS total,
    sum(CASE ab.stance WHEN 'critical' THEN 1 ELSE 0 END) AS critical,
    sum(CASE ab.stance WHEN 'supportive' THEN 1 ELSE 0 END) AS supportive,
    sum(CASE ab.stance WHEN 'neutral' THEN 1 ELSE 0 END) AS neutral,
    collect(s)[0..$perSpeaker] AS newest
  WHERE $cursorTotal IS NULL OR total < $cursorTotal OR (total = $cursorTotal AND sp.id > $cursorId)
  WITH sp, total, critical, supportive, neutral, newest
  ORDER BY total DESC, sp.id
  LIMIT $fetch
` + GROUP_ROWS

// Any other date window, and the benchmark's "naive" variant: the walk, whatever the actor's degree.
// A window's groups are ordered by their counts inside it, which only the year tallies hold (for
// windows of whole years); counting them from the month tallies (one seek per speaker of the actor)
// measured slower than this walk at every degree of the 2026-12-02 sweep (353 against 261 ms at
// 84,639 statements on 1M).
const WHO_SAID_WALK = checkActors(['requireId'], `
  MATCH (t:Actor {id: $requireId})
` + WALK_BODY)

/**
 * At most this many statements about an actor, who-said-what-about walks them (one pass); above
 * it, the tallies and the pairs' pages. Measured on the 1M bench graph, interleaved, same answers
 * (2026-12-04): at 10 statements the walk is 5.0 against 5.4 ms (perSpeaker 10), at 28 it is 9.0
 * against 7.5, at 995 21.6 against 10.9, at 9,957 61.7 against 14.8. (With the pair walk that
 * SAID_ABOUT replaced, the walk won up to a few thousand statements, hence the 5,000 before.)
 */
export const WHO_SAID_WALK_MAX = 20

// One query either way: the actor's degree (from the degree store) picks the branch in the query,
// and the branch not taken reads nothing (an empty UNWIND, a seek for null).
const WHO_SAID_HEAD = `
  OPTIONAL MATCH (target:Actor {id: $requireId})
  WITH target, target IS NOT NULL AND COUNT { (target)<-[:ABOUT]-() } <= $walkMax AS small
  CALL (target, small) {
    UNWIND CASE WHEN small THEN [target] ELSE [] END AS t
` + WALK_BODY + `
  }
  WITH target, small, rows AS walked
  CALL (target, small) {
`
const WHO_SAID_TAIL = `
  }
  RETURN CASE WHEN small THEN walked ELSE rows END AS rows`
const WHO_SAID_TALLIES = checkActors(['requireId'], WHO_SAID_HEAD + PAIR_TALLY_PAGE + TALLY_GROUPS + WHO_SAID_TAIL)
const WHO_SAID_YEAR = checkActors(['requireId'], WHO_SAID_HEAD + YEAR_TALLY_PAGE + TALLY_GROUPS + WHO_SAID_TAIL)
const WHO_SAID_YEARS = checkActors(['requireId'], WHO_SAID_HEAD + YEARS_TALLY_GROUPS + WHO_SAID_TAIL)

/**
 * The calendar years a window covers when its ends fall on year boundaries ('YYYY-01-01' to
 * 'YYYY-12-31', either end open), or null: then only a walk counts it.
 */
function calendarYears (since: string | null, until: string | null): { from: string, to: string } | null {
  if (since === null && until === null) return null
  const from = since === null ? '0000' : since.endsWith('-01-01') ? since.slice(0, 4) : null
  const to = until === null ? '9999' : until.endsWith('-12-31') ? until.slice(0, 4) : null
  return from !== null && to !== null ? { from, to } : null
}

// The stance matrix from the pair tallies, in (speaker, target) order: for given speakers or one
// target the pair_tally_speaker / pair_tally_target index is read in that order, and with neither
// every pair is, stopping after a page. One text per case: a composite index serves only a query
// with a predicate on each of its properties, and none behind `$x IS NULL OR`.
const MATRIX_CURSOR = `
  AND x.speakerId >= $fromSpeaker
  AND CASE WHEN $cursorSpeaker IS NULL OR x.speakerId > $cursorSpeaker THEN true
    WHEN x.speakerId = $cursorSpeaker THEN x.targetId > $cursorTarget ELSE false END`
const MATRIX_PAIRS_SPEAKERS = `
MATCH (x:PairTally)
WHERE x.speakerId IN $speakers AND x.targetId IS NOT NULL AND ($targets IS NULL OR x.targetId IN $targets)` + MATRIX_CURSOR
const MATRIX_PAIRS_TARGETS = `
MATCH (x:PairTally)
WHERE x.targetId IN $targets AND x.speakerId IS NOT NULL` + MATRIX_CURSOR
// One target: the pair_tally_target index (targetId, speakerId) read in its order is the matrix's
// (speaker, target) order, but the planner uses it only when the ORDER BY leads with the target
// (MATRIX_TARGET_PAGE); with IN it sorted every pair of the target (51 ms for the 1M graph's hub).
const MATRIX_PAIRS_TARGET = `
MATCH (x:PairTally)
WHERE x.targetId = $target AND x.speakerId IS NOT NULL` + MATRIX_CURSOR
const MATRIX_PAIRS_ALL = `
MATCH (x:PairTally)
WHERE x.targetId IS NOT NULL` + MATRIX_CURSOR
const MATRIX_PAGE = `
WITH x, x.critical AS critical, x.supportive AS supportive, x.neutral AS neutral, x.total AS total
ORDER BY x.speakerId, x.targetId
LIMIT $fetch`
const MATRIX_TARGET_PAGE = `
WITH x, x.critical AS critical, x.supportive AS supportive, x.neutral AS neutral, x.total AS total
ORDER BY x.targetId, x.speakerId
LIMIT $fetch`
// A window on month boundaries: each pair counted from its month tallies; pairs with nothing in
// the window are skipped.
const MATRIX_MONTHS_BODY = `
CALL (x) {
  MATCH (m:MonthTally) WHERE m.speakerId = x.speakerId AND m.targetId = x.targetId AND m.from <= $untilMonth AND m.to >= $sinceMonth
  RETURN sum(m.total) AS total, sum(m.critical) AS critical, sum(m.supportive) AS supportive, sum(m.neutral) AS neutral
}
WITH x, critical, supportive, neutral, total WHERE total > 0
LIMIT $fetch`
const MATRIX_MONTHS = `
WITH x ORDER BY x.speakerId, x.targetId` + MATRIX_MONTHS_BODY
const MATRIX_TARGET_MONTHS = `
WITH x ORDER BY x.targetId, x.speakerId` + MATRIX_MONTHS_BODY
const MATRIX_CELLS = `
MATCH (sp:Actor {id: x.speakerId})
MATCH (t:Actor {id: x.targetId})
RETURN sp {.id, .name, .kind} AS speaker, t {.id, .name, .kind} AS target, critical, supportive, neutral, total
ORDER BY speaker.id, target.id`
const MATRIX_TALLIES = {
  speakers: { all: MATRIX_PAIRS_SPEAKERS + MATRIX_PAGE + MATRIX_CELLS, months: MATRIX_PAIRS_SPEAKERS + MATRIX_MONTHS + MATRIX_CELLS },
  targets: { all: MATRIX_PAIRS_TARGETS + MATRIX_PAGE + MATRIX_CELLS, months: MATRIX_PAIRS_TARGETS + MATRIX_MONTHS + MATRIX_CELLS },
  target: { all: MATRIX_PAIRS_TARGET + MATRIX_TARGET_PAGE + MATRIX_CELLS, months: MATRIX_PAIRS_TARGET + MATRIX_TARGET_MONTHS + MATRIX_CELLS },
  any: { all: MATRIX_PAIRS_ALL + MATRIX_PAGE + MATRIX_CELLS, months: MATRIX_PAIRS_ALL + MATRIX_MONTHS + MATRIX_CELLS },
} as const

// The walking stance matrix (other windows, and the benchmark's naive variant): anchored on the
// given speakers or targets, then one aggregation; with neither, a walk over every speaker in
// id order (MATRIX_ALL).
const MATRIX_ANCHOR_SPEAKERS = `
MATCH (sp:Actor) WHERE sp.id IN $speakers
MATCH (sp)-[:SAID]->(s:Statement)-[ab:ABOUT]->(t:Actor)`
const MATRIX_ANCHOR_TARGETS = `
MATCH (t:Actor) WHERE t.id IN $targets
MATCH (sp:Actor)-[:SAID]->(s:Statement)-[ab:ABOUT]->(t)`
// Without ids, aggregating every SAID-ABOUT pair before the page would read the whole graph
// (seconds on 1M statements). Speakers are instead visited in the order of the id constraint's
// index, each aggregated on its own, and the visit stops once a page of cells is full.
const MATRIX_ALL = `
MATCH (sp:Actor) WHERE sp.id >= $fromSpeaker
WITH sp ORDER BY sp.id
CALL (sp) {
  MATCH (sp)-[:SAID]->(s:Statement)-[ab:ABOUT]->(t:Actor)
  WHERE ($since IS NULL OR s.dateEnd >= $since) AND ($until IS NULL OR s.dateStart <= $until)
    AND ($cursorSpeaker IS NULL OR sp.id > $cursorSpeaker OR t.id > $cursorTarget)
  WITH t,
    sum(CASE ab.stance WHEN 'critical' THEN 1 ELSE 0 END) AS critical,
    sum(CASE ab.stance WHEN 'supportive' THEN 1 ELSE 0 END) AS supportive,
    sum(CASE ab.stance WHEN 'neutral' THEN 1 ELSE 0 END) AS neutral,
    count(*) AS total
  RETURN t, critical, supportive, neutral, total
}
RETURN sp {.id, .name, .kind} AS speaker, t {.id, .name, .kind} AS target, critical, supportive, neutral, total
ORDER BY sp.id, t.id
LIMIT $fetch`
const MATRIX_AGGREGATE = `
WHERE ($speakers IS NULL OR sp.id IN $speakers) AND ($targets IS NULL OR t.id IN $targets)
  AND ($since IS NULL OR s.dateEnd >= $since) AND ($until IS NULL OR s.dateStart <= $until)
  AND ($cursorSpeaker IS NULL OR sp.id > $cursorSpeaker OR (sp.id = $cursorSpeaker AND t.id > $cursorTarget))
WITH sp, t,
  sum(CASE ab.stance WHEN 'critical' THEN 1 ELSE 0 END) AS critical,
  sum(CASE ab.stance WHEN 'supportive' THEN 1 ELSE 0 END) AS supportive,
  sum(CASE ab.stance WHEN 'neutral' THEN 1 ELSE 0 END) AS neutral,
  count(*) AS total
RETURN sp {.id, .name, .kind} AS speaker, t {.id, .name, .kind} AS target, critical, supportive, neutral, total
ORDER BY speaker.id, target.id
LIMIT $fetch`

/**
 * The months a date window covers, when its ends fall on month boundaries (what the month
 * tallies answer exactly); null for any other window. Open ends stretch to any month.
 */
export function monthWindow (since: string | null, until: string | null): { sinceMonth: string, untilMonth: string } | null {
  if (since !== null && !since.endsWith('-01')) return null
  if (until !== null && widenDate(until.slice(0, 7), 'end') !== until) return null
  return { sinceMonth: since?.slice(0, 7) ?? '0000-00', untilMonth: until?.slice(0, 7) ?? '9999-99' }
}

/** How who-said-what-about and the stance matrix count: from the tallies, or (the benchmark's naive variant) by walking. */
export type CountingPlan = 'tallies' | 'walk'

export type { ActorRef } from './actor-checks.js'

type Affiliation = ActorDetail['affiliations'][number]

/** A who-said-what-about row (GROUP_ROWS): the group's speaker and counts, and one of its statements. */
type GroupRow = [string, string, ActorRef['kind'], number, number, number, number, StatementRow | null]

export class ActorsRepository {
  /** `whoSaidWalkMax` 0 makes who-said-what-about read the tallies for every actor (tests). */
  constructor (private readonly db: Db, private readonly counting: CountingPlan = 'tallies', private readonly whoSaidWalkMax = WHO_SAID_WALK_MAX) {}

  async list (filter: { q?: string, kind?: string }, options: { limit: number, cursor?: string }): Promise<{ items: ActorSummary[], next: string | null }> {
    if (filter.q !== undefined) return this.search(filter.q, filter.kind, options)
    const cursor = decodeCursor(options.cursor, ['string', 'string'])
    const rows = await this.db.read(LIST_ALL, {
      kind: filter.kind ?? null,
      fromName: cursor?.[0] ?? '',
      cursorName: cursor?.[0] ?? null,
      cursorId: cursor?.[1] ?? null,
      fetch: options.limit + 1,
    })
    const actors = rows.map((r) => r.actor as ActorSummary).map((a) => ({ ...a, aliases: a.aliases ?? [] }))
    return page(actors, options.limit, (a) => [a.name, a.id])
  }

  /** Actors whose name or alias matches q: exact first, then prefix, word, and by score; then name, id. */
  private async search (q: string, kind: string | undefined, options: { limit: number, cursor?: string }): Promise<{ items: ActorSummary[], next: string | null }> {
    const lucene = luceneQuery(q)
    if (lucene === null) return { items: [], next: null }
    const offset = Number(decodeCursor(options.cursor, ['index'])?.[0] ?? 0)
    const rows = await this.db.read(LIST_SEARCH, { lucene, kind: kind ?? null, cap: SEARCH_CAP })
    const ranked = rows.map((r) => {
      const a = r.actor as ActorSummary
      const aliases = a.aliases ?? []
      return { actor: { ...a, aliases }, score: Number(r.score), tier: matchTier(q, [a.name, ...aliases]) }
    }).sort((x, y) => x.tier - y.tier || y.score - x.score || x.actor.name.localeCompare(y.actor.name) || x.actor.id.localeCompare(y.actor.id))
    const items = ranked.slice(offset, offset + options.limit).map((r) => r.actor)
    return { items, next: ranked.length > offset + options.limit ? encodeCursor([offset + options.limit]) : null }
  }

  /** The canonical id an old (merged) id now points to, if any. */
  async redirect (id: string): Promise<string | null> {
    const [row] = await this.db.read(REDIRECT, { id })
    return (row?.to as string | undefined) ?? null
  }

  async get (id: string): Promise<ActorDetail | null> {
    return (await this.getOrRedirect(id)).actor
  }

  /** The actor, or (when there is none) the id it was merged into, from one query. */
  async getOrRedirect (id: string): Promise<{ actor: ActorDetail | null, redirect: string | null }> {
    const [row] = await this.db.read(GET, { id })
    const redirect = (row?.redirect as string | null | undefined) ?? null
    if (!row?.actor) return { actor: null, redirect }
    const a = row.actor as {
      id: string,
      name: string,
      kind: ActorDetail['kind'],
      aliases: string[] | null,
      description: string | null
      outgoing: Array<Omit<Affiliation, 'direction'>>,
      incoming: Array<Omit<Affiliation, 'direction'>>
      statementsMade: number,
      statementsAbout: number
    }
    const affiliations: Affiliation[] = [
      ...a.outgoing.map((x) => ({ direction: 'outgoing' as const, ...x })),
      ...a.incoming.map((x) => ({ direction: 'incoming' as const, ...x })),
    ].sort((x, y) => x.direction.localeCompare(y.direction) || x.type.localeCompare(y.type) || x.actor.id.localeCompare(y.actor.id))
    const actor: ActorDetail = {
      id: a.id,
      name: a.name,
      kind: a.kind,
      aliases: a.aliases ?? [],
      description: a.description,
      affiliations,
      counts: { statementsMade: a.statementsMade, statementsAbout: a.statementsAbout },
    }
    return { actor, redirect }
  }

  /** Null `about` when no actor has the id; `redirect` then names the one it was merged into, if any. */
  async whoSaidWhatAbout (id: string, options: { since?: string, until?: string, perSpeaker: number, limit: number, cursor?: string }) {
    const cursor = decodeCursor(options.cursor, ['index', 'string'])
    const since = options.since ? widenDate(options.since, 'start') : null
    const until = options.until ? widenDate(options.until, 'end') : null
    const years = calendarYears(since, until)
    // one year: its tallies in the order of their index, a page; several: summed, then sorted
    const query = this.counting === 'walk' || (years === null && (since !== null || until !== null))
      ? WHO_SAID_WALK
      : years === null ? WHO_SAID_TALLIES : years.from === years.to ? WHO_SAID_YEAR : WHO_SAID_YEARS
    const { head: row, rows } = checkedRows<GroupRow>(await this.db.read(query, {
      requireId: id,
      since,
      until,
      fromYear: years?.from ?? null,
      toYear: years?.to ?? null,
      perSpeaker: options.perSpeaker,
      walkMax: this.whoSaidWalkMax,
      // the page-index seek's bounds: see statements.ts's keyedPage
      pairFrom: until ?? '\uffff',
      pairTo: since ? since.slice(0, 4) + '-01-01' : '',
      cursorTotal: cursor?.[0] ?? null,
      cursorId: cursor?.[1] ?? null,
      fromRank: cursor ? -Number(cursor[0]) : Number.MIN_SAFE_INTEGER,
      fetch: options.limit + 1,
    }))
    const { actor: about, redirect } = checked(row, 'requireId')
    // the rows of a group come one after another, in the group's order
    const groups: Array<{ speaker: ActorRef, stance: { critical: number, supportive: number, neutral: number }, total: number, statements: Statement[] }> = []
    for (const [id, name, kind, total, critical, supportive, neutral, statement] of rows) {
      let group = groups.at(-1)
      if (group?.speaker.id !== id) {
        group = { speaker: { id, name, kind }, stance: { critical, supportive, neutral }, total, statements: [] }
        groups.push(group)
      }
      if (statement !== null) group.statements.push(statementFromRow(statement))
    }
    const { items, next } = page(groups, options.limit, (g) => [g.total, g.speaker.id])
    return { about, redirect, groups: items, next }
  }

  async stanceMatrix (filter: { speakers?: string[], targets?: string[], since?: string, until?: string }, options: { limit: number, cursor?: string }) {
    const cursor = decodeCursor(options.cursor, ['string', 'string'])
    const since = filter.since ? widenDate(filter.since, 'start') : null
    const until = filter.until ? widenDate(filter.until, 'end') : null
    const months = this.counting === 'tallies' ? monthWindow(since, until) : null
    const tallies = MATRIX_TALLIES[filter.speakers ? 'speakers' : filter.targets?.length === 1 ? 'target' : filter.targets ? 'targets' : 'any']
    const query = months !== null
      ? (since === null && until === null ? tallies.all : tallies.months)
      : filter.speakers
        ? MATRIX_ANCHOR_SPEAKERS + MATRIX_AGGREGATE
        : filter.targets ? MATRIX_ANCHOR_TARGETS + MATRIX_AGGREGATE : MATRIX_ALL
    const rows = await this.db.read(query, {
      fromSpeaker: cursor?.[0] ?? '',
      speakers: filter.speakers ?? null,
      targets: filter.targets ?? null,
      target: filter.targets?.[0] ?? null,
      since,
      until,
      ...months,
      cursorSpeaker: cursor?.[0] ?? null,
      cursorTarget: cursor?.[1] ?? null,
      fetch: options.limit + 1,
    })
    const cells = rows.map((r) => ({
      speaker: r.speaker as ActorRef,
      target: r.target as ActorRef,
      critical: Number(r.critical),
      supportive: Number(r.supportive),
      neutral: Number(r.neutral),
      total: Number(r.total),
    }))
    return page(cells, options.limit, (c) => [c.speaker.id, c.target.id])
  }
}
