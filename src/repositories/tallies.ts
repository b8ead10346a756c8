// Pre-aggregated stance tallies: for each speaker and target, how many of the speaker's
// statements are about the target, by stance. Who-said-what-about (without a window) and the
// stance matrix read them instead of walking every statement about an actor (178k for the benchmark's 1M-graph hub).
//
// Two kinds of tally node:
// - PairTally {speakerId, targetId}: all of the pair's statements, dated or not; `rank` is
//   -total, so one ascending composite index gives who-said-what-about's order (most first).
// - MonthTally {speakerId, targetId, from, to}: the pair's dated statements by the months of
//   their dateStart and dateEnd ('YYYY-MM'). A window whose ends fall on month boundaries (every
//   since/until given as a year or a month, and day dates on a month's first or last day) is
//   answered exactly from these: a statement's dateEnd >= the window's first day exactly when its
//   end month >= the window's first month, and so for the start. The stance matrix reads them.
// - YearTally {speakerId, targetId, year}: the pair's dated statements by the year of their date
//   (a date's start and end fall in one year), with `rank` = -total like PairTally: one seek of
//   (targetId, year, rank) gives who-said-what-about's groups for a window of one calendar year
//   in their order, and summing a target's years gives them for a window of several, instead of
//   a walk of the target's statements.
//
// Each statement records what it added (`s.tally`, one key per speaker x target: the ids, the
// stance and the months). A write re-derives the statements it touched: it takes their recorded
// keys away, adds their current ones and records those, in the writer's own transaction, so the
// tallies are exact after every commit. A statement write gets its old and new keys back from the
// writer's own query (applyKeyChanges); the other writes read them here (TALLY_CHANGES). A deletion takes a statement's keys away before the
// statement goes (untally); a write that re-points relationships (a merge, an actor's deletion)
// does both, around its change.
import type { Db, Tx } from '../db/db.js'

const SEPARATOR = '|'

/** The months part of statement `s`'s tally keys ('YYYY-MM|YYYY-MM', or '|' undated): one text for every writer. */
export const TALLY_MONTHS = "CASE WHEN s.dateStart IS NULL THEN '|' ELSE substring(s.dateStart, 0, 7) + '|' + substring(coalesce(s.dateEnd, s.dateStart), 0, 7) END"

// The keys a statement contributes, or none ($clear, before it is deleted). Old and new keys are
// netted per key across the whole batch, so only the tallies that change are written.
// The same pass writes the page keys on the statement's SAID and ABOUT relationships: the actor's
// id, the statement's sort date and its id, which the about_page and said_page indexes order a
// list of one actor by (statements.ts), so a page is read by a seek, whatever the actor's degree;
// and it makes the statement's SAID_ABOUT relationships anew, one per speaker x target, keyed by
// the pair (said_about_page: who-said-what-about's groups, actors.ts).
// (The writer sets them as it creates the relationships; a merge re-points them, and the
// migration backfills them, through this query.)
// A statement `s`'s SAID_ABOUT relationships, made from its speakers and targets as they are.
export const MAKE_PAIRS = `
  MATCH (sp:Actor)-[:SAID]->(s)-[:ABOUT]->(t:Actor)
  WITH DISTINCT s, sp, t
  CREATE (sp)-[:SAID_ABOUT {pair: sp.id + '|' + t.id, sortDate: coalesce(s.dateStart, ''), sid: s.id}]->(s)`

const TALLY_CHANGES = `
UNWIND $ids AS id
MATCH (s:Statement {id: id})
WHERE NOT $onlyMissing OR s.tally IS NULL
CALL (s) {
  WITH s WHERE NOT $clear
  MATCH (s)-[ab:ABOUT]->(t:Actor)
  SET ab.targetId = t.id, ab.sortDate = coalesce(s.dateStart, ''), ab.sid = s.id
}
CALL (s) {
  WITH s WHERE NOT $clear
  MATCH (sp:Actor)-[r:SAID]->(s)
  SET r.speakerId = sp.id, r.sortDate = coalesce(s.dateStart, ''), r.sid = s.id
}
CALL (s) { MATCH ()-[r:SAID_ABOUT]->(s) DELETE r }
CALL (s) {
  WITH s WHERE NOT $clear
` + MAKE_PAIRS + `
}
WITH s, coalesce(s.tally, []) AS old, ` + TALLY_MONTHS + ` AS months
WITH s, old, CASE WHEN $clear THEN [] ELSE
  [(sp:Actor)-[:SAID]->(s)-[ab:ABOUT]->(t:Actor) | sp.id + '|' + t.id + '|' + coalesce(ab.stance, '') + '|' + months] END AS new
SET s.tally = new
WITH old, new
UNWIND [k IN old | [k, -1]] + [k IN new | [k, 1]] AS change
WITH change[0] AS key, sum(change[1]) AS delta
WHERE delta <> 0
RETURN key, delta`

// Writers of one tally take turns without a marker: a SET whose right-hand side reads the
// property it writes takes the node's write lock before reading (Neo4j's "direct dependency"
// rule for lost updates), so two transactions cannot both add to the same old value. Rows come
// sorted by key, so concurrent writers lock in the same order.
// What every kind of tally does with a row of deltas: start at zero, add, and go once empty.
const ZERO = 'x.critical = 0, x.supportive = 0, x.neutral = 0, x.total = 0'
const ADD_ROW = `
WITH x, row
SET x.total = x.total + row.total, x.critical = x.critical + row.critical, x.supportive = x.supportive + row.supportive,
    x.neutral = x.neutral + row.neutral`
const DROP_EMPTY = `
WITH x WHERE x.total = 0
DELETE x`

const APPLY_PAIRS = `
UNWIND $rows AS row
MERGE (x:PairTally {key: row.key})
ON CREATE SET x.speakerId = row.speakerId, x.targetId = row.targetId, ` + ZERO + ADD_ROW + `
SET x.rank = -x.total` + DROP_EMPTY

const APPLY_YEARS = `
UNWIND $rows AS row
MERGE (x:YearTally {key: row.key})
ON CREATE SET x.speakerId = row.speakerId, x.targetId = row.targetId, x.year = row.year, ` + ZERO + ADD_ROW + `
SET x.rank = -x.total` + DROP_EMPTY

const APPLY_MONTHS = `
UNWIND $rows AS row
MERGE (x:MonthTally {key: row.key})
ON CREATE SET x.speakerId = row.speakerId, x.targetId = row.targetId, x.from = row.from, x.to = row.to, ` + ZERO + ADD_ROW + DROP_EMPTY

interface TallyDelta { key: string, speakerId: string, targetId: string, critical: number, supportive: number, neutral: number, total: number }

function addDelta (into: Map<string, TallyDelta & Record<string, unknown>>, key: string, base: Record<string, unknown>, stance: string, delta: number): void {
  let row = into.get(key)
  if (!row) {
    row = { key, speakerId: String(base.speakerId), targetId: String(base.targetId), critical: 0, supportive: 0, neutral: 0, total: 0, ...base }
    into.set(key, row)
  }
  if (stance === 'critical' || stance === 'supportive' || stance === 'neutral') row[stance] += delta
  row.total += delta
}

const ID_BATCH = 2_000

/** What one statement's write did to its tally keys: the keys it had, and those it has now. */
export interface TallyKeyChange { old: string[], new: string[] }

type Deltas = Map<string, TallyDelta & Record<string, unknown>>

/** The tallies one write changes, by kind, netted per tally. */
interface TallySet { pairs: Deltas, months: Deltas, years: Deltas }
const newTallySet = (): TallySet => ({ pairs: new Map(), months: new Map(), years: new Map() })

function addKey (into: TallySet, key: string, delta: number): void {
  const [speakerId = '', targetId = '', stance = '', from = '', to = ''] = key.split(SEPARATOR)
  addDelta(into.pairs, speakerId + SEPARATOR + targetId, { speakerId, targetId }, stance, delta)
  if (!from) return
  addDelta(into.months, [speakerId, targetId, from, to].join(SEPARATOR), { speakerId, targetId, from, to }, stance, delta)
  // (a date is a day, a month or a year, so it ends in the year it starts: validate.ts's dateRange)
  const year = from.slice(0, 4)
  addDelta(into.years, [speakerId, targetId, year].join(SEPARATOR), { speakerId, targetId, year }, stance, delta)
}

const sortedRows = (m: Deltas): TallyDelta[] => [...m.values()]
  .filter((r) => r.total !== 0 || r.critical !== 0 || r.supportive !== 0 || r.neutral !== 0)
  .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))

async function apply (tx: Tx, { pairs, months, years }: TallySet): Promise<number> {
  const pairRows = sortedRows(pairs)
  const monthRows = sortedRows(months)
  const yearRows = sortedRows(years)
  if (pairRows.length > 0) await tx.run(APPLY_PAIRS, { rows: pairRows })
  if (monthRows.length > 0) await tx.run(APPLY_MONTHS, { rows: monthRows })
  if (yearRows.length > 0) await tx.run(APPLY_YEARS, { rows: yearRows })
  return pairRows.length
}

/**
 * Applies the tally keys that statement writes took away and added (the writer's query returns
 * them), netted over the whole list: only the tallies that change are written.
 */
export async function applyKeyChanges (tx: Tx, changes: TallyKeyChange[]): Promise<number> {
  const tallies = newTallySet()
  const net = new Map<string, number>()
  for (const c of changes) {
    for (const k of c.old) net.set(k, (net.get(k) ?? 0) - 1)
    for (const k of c.new) net.set(k, (net.get(k) ?? 0) + 1)
  }
  for (const [key, delta] of net) if (delta !== 0) addKey(tallies, key, delta)
  return apply(tx, tallies)
}

async function change (tx: Tx, ids: string[], clear: boolean, onlyMissing = false): Promise<number> {
  let changed = 0
  for (let i = 0; i < ids.length; i += ID_BATCH) {
    const rows = await tx.run(TALLY_CHANGES, { ids: ids.slice(i, i + ID_BATCH), clear, onlyMissing })
    const tallies = newTallySet()
    for (const row of rows) addKey(tallies, String(row.key), Number(row.delta))
    changed += await apply(tx, tallies)
  }
  return changed
}

/** Brings the tallies up to date with these statements as they now are (missing ids are skipped). */
function retally (tx: Tx, ids: string[]): Promise<number> {
  return change(tx, ids, false)
}

/** Takes these statements out of the tallies (before they are deleted, or re-pointed). */
export function untally (tx: Tx, ids: string[]): Promise<number> {
  return change(tx, ids, true)
}

/**
 * Runs `work` between taking `ids` out of the tallies and putting them back as they are after
 * it: for writes that change statements' speakers or targets without rewriting the statements.
 */
export async function retallyAround<T> (tx: Tx, ids: string[], work: () => Promise<T>): Promise<T> {
  await untally(tx, ids)
  const result = await work()
  await retally(tx, ids)
  return result
}

// Statements linked to actors as speaker or target: what their deletion or merge re-points.
const LINKED_STATEMENTS = `
UNWIND $ids AS actorId
MATCH (a:Actor {id: actorId})
CALL (a) {
  MATCH (a)-[:SAID]->(s:Statement) RETURN s.id AS id
  UNION
  MATCH (a)<-[:ABOUT]-(s:Statement) RETURN s.id AS id
}
RETURN collect(DISTINCT id) AS ids`

export async function statementsOfActors (tx: Tx, ids: string[]): Promise<string[]> {
  const [row] = await tx.run(LINKED_STATEMENTS, { ids })
  return (row?.ids as string[] | undefined) ?? []
}

// ---- migration: tallies for a database written before they existed

const MIGRATION_ID = 'stance-tallies-1'
const MIGRATION_DONE = 'MATCH (m:Migration {id: $id}) RETURN m.id AS id'
const MIGRATION_MARK = 'MERGE (m:Migration {id: $id}) SET m.at = datetime()'
// Statements in id order (the constraint's index), a batch after the last: each batch is read by a
// seek, not by scanning past every statement already done.
const NEXT_IDS = 'MATCH (s:Statement) WHERE s.id > $after RETURN s.id AS id ORDER BY s.id LIMIT $limit'
const MIGRATION_BATCH = 5_000

// A database whose statements have their tallies from before SAID_ABOUT existed: each statement
// with none gets its pairs (one with no speaker or no target has none to get, and is looked at again).
const PAIRS_MIGRATION_ID = 'pair-pages-1'
const BACKFILL_PAIRS = `
UNWIND $ids AS id
MATCH (s:Statement {id: id})
WHERE NOT EXISTS { ()-[:SAID_ABOUT]->(s) }
` + MAKE_PAIRS

// A database whose tallies predate the year tallies: each pair's are summed from its month
// tallies, which hold the same statements by month, a batch of pairs (in key order) at a time.
// SET, not add: a batch run again gives the same values. Setting each month tally's total to
// itself first takes its write lock, so a writer in another process cannot add to it between the
// read and the SET (Neo4j locks a node before a SET that reads the property it writes).
const YEARS_MIGRATION_ID = 'year-tallies-1'
// (`id` like NEXT_IDS's, so that backfill reads both alike)
const NEXT_PAIRS = 'MATCH (p:PairTally) WHERE p.key > $after RETURN p.key AS id ORDER BY p.key LIMIT $limit'
const BACKFILL_YEARS = `
UNWIND $keys AS key
MATCH (p:PairTally {key: key})
MATCH (m:MonthTally) WHERE m.speakerId = p.speakerId AND m.targetId = p.targetId AND m.from >= ''
SET m.total = m.total
WITH p, substring(m.from, 0, 4) AS year, sum(m.total) AS total, sum(m.critical) AS critical,
  sum(m.supportive) AS supportive, sum(m.neutral) AS neutral
MERGE (y:YearTally {key: p.key + '|' + year})
SET y.speakerId = p.speakerId, y.targetId = p.targetId, y.year = year, y.total = total, y.rank = -total,
  y.critical = critical, y.supportive = supportive, y.neutral = neutral`

/** Runs `work` over every statement id, in batches of their own transactions, unless `id` is marked done; then marks it. */
async function backfill (db: Db, id: string, label: string, log: (line: string) => void, work: (tx: Tx, ids: string[]) => Promise<unknown>,
  next = NEXT_IDS, what = 'statements'): Promise<number> {
  if ((await db.read(MIGRATION_DONE, { id })).length > 0) return 0
  let after = ''
  let done = 0
  for (;;) {
    const rows = await db.read(next, { after, limit: MIGRATION_BATCH })
    if (rows.length === 0) break
    const ids = rows.map((r) => String(r.id))
    await db.writeTx((tx) => work(tx, ids))
    after = ids[ids.length - 1] ?? after
    done += ids.length
    if (done % 100_000 < MIGRATION_BATCH) log(`${label}: ${done} ${what} checked`)
  }
  await db.write(MIGRATION_MARK, { id })
  return done
}

/**
 * Backfills the tallies of every statement that has none recorded, then the SAID_ABOUT pairs of
 * every statement that has none, then the year tallies of every pair, in batches of their own
 * transactions; once each is done it marks the database and later starts skip it. Idempotent: a
 * batch cut short by a failure is rolled back whole, and a rerun takes up the statements still
 * missing (and sets the pairs' year tallies again, to the same values). Returns the most
 * statements one of the first two went through.
 */
export async function migrateTallies (db: Db, log: (line: string) => void = () => {}): Promise<number> {
  const tallied = await backfill(db, MIGRATION_ID, 'tallies', log, (tx, ids) => change(tx, ids, false, true))
  const paired = await backfill(db, PAIRS_MIGRATION_ID, 'pair pages', log, (tx, ids) => tx.run(BACKFILL_PAIRS, { ids }))
  await backfill(db, YEARS_MIGRATION_ID, 'year tallies', log, (tx, keys) => tx.run(BACKFILL_YEARS, { keys }), NEXT_PAIRS, 'pairs')
  return Math.max(tallied, paired)
}
