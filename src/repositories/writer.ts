// Writes validated graph rows. Only records that are new or whose content hash changed are
// written, so a second identical seed changes nothing (not even updatedAt); a changed statement
// or document has its outgoing relationships replaced, so it reads back exactly as the input.
import type { Db, Tx } from '../db/db.js'
import type { LinkType } from './links.js'
import type { AffiliationRow, GraphRows, StatementRow } from '../domain/validate.js'
import { MAKE_PAIRS, TALLY_MONTHS, applyKeyChanges, retallyAround, statementsOfActors, untally, type TallyKeyChange } from './tallies.js'

export const BATCH_SIZE = 1_000

export interface KindPlan { create: number, update: number, unchanged: number }
export interface WritePlan {
  topics: KindPlan
  actors: KindPlan
  documents: KindPlan
  affiliations: KindPlan
  statements: KindPlan
}

export interface WriteOptions {
  /** Who writes: the seed CLI, or an API key's name. Recorded as createdBy / updatedBy. */
  by: string
  /** Called after each batch with the number of records just written. */
  onProgress?: (written: number) => void
}

const EXISTING_HASHES: Record<'topics' | 'actors' | 'documents' | 'statements', string> = {
  topics: 'UNWIND $ids AS id MATCH (n:Topic {id: id}) RETURN n.id AS id, n.contentHash AS hash',
  actors: 'UNWIND $ids AS id MATCH (n:Actor {id: id}) RETURN n.id AS id, n.contentHash AS hash',
  documents: 'UNWIND $ids AS id MATCH (n:Document {id: id}) RETURN n.id AS id, n.contentHash AS hash',
  statements: 'UNWIND $ids AS id MATCH (n:Statement {id: id}) RETURN n.id AS id, n.contentHash AS hash',
}

const EXISTING_AFFILIATIONS = `
UNWIND $keys AS key
MATCH (:Actor {id: key.actor})-[r:AFFILIATED_WITH {type: key.type}]->(:Actor {id: key.organisation})
RETURN key.actor + ' ' + key.type + ' ' + key.organisation AS id, r.contentHash AS hash`

const WRITE_TOPICS = `
UNWIND $rows AS row
MERGE (t:Topic {id: row.id})
ON CREATE SET t.createdAt = datetime($now), t.createdBy = $by
SET t.name = row.name, t.contentHash = row.contentHash, t.updatedAt = datetime($now), t.updatedBy = $by`

// Creation stamps by coalesce, not ON CREATE: a PUT claims its record first (claimRecord in
// edits.ts), so a new actor, document or statement already exists, bare, when it is written.
const WRITE_ACTORS = `
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
SET a.createdAt = coalesce(a.createdAt, datetime($now)), a.createdBy = coalesce(a.createdBy, $by),
    a.name = row.name, a.kind = row.kind, a.aliases = row.aliases, a.aliasText = row.aliasText,
    a.description = row.description, a.contentHash = row.contentHash,
    a.updatedAt = datetime($now), a.updatedBy = $by
WITH a
// An actor created again under an id that was merged away is itself again, not a redirect.
CALL { WITH a MATCH (r:ActorRedirect {id: a.id}) DELETE r }`

const WRITE_DOCUMENTS = `
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d.createdAt = coalesce(d.createdAt, datetime($now)), d.createdBy = coalesce(d.createdBy, $by),
    d.title = row.title, d.kind = row.kind, d.date = row.date, d.datePrecision = row.datePrecision,
    d.dateStart = row.dateStart, d.dateEnd = row.dateEnd, d.url = row.url, d.note = row.note,
    d.text = row.text, d.textHash = row.textHash, d.contentHash = row.contentHash,
    d.updatedAt = datetime($now), d.updatedBy = $by
WITH d, row
CALL { WITH d MATCH (d)-[r:PUBLISHED_BY|AUTHORED_BY|ADDRESSED_TO]->() DELETE r }
CALL { WITH d, row MATCH (p:Actor {id: row.publisher}) CREATE (d)-[:PUBLISHED_BY]->(p) }
CALL { WITH d, row UNWIND range(0, size(row.authors) - 1) AS i MATCH (a:Actor {id: row.authors[i]}) CREATE (d)-[:AUTHORED_BY {position: i}]->(a) }
CALL { WITH d, row UNWIND row.addressees AS id MATCH (a:Actor {id: id}) CREATE (d)-[:ADDRESSED_TO]->(a) }`

const WRITE_AFFILIATIONS = `
UNWIND $rows AS row
MATCH (a:Actor {id: row.actor})
MATCH (o:Actor {id: row.organisation})
MERGE (a)-[r:AFFILIATED_WITH {type: row.type}]->(o)
ON CREATE SET r.createdAt = datetime($now), r.createdBy = $by
SET r.role = row.role, r.since = row.since, r.until = row.until, r.contentHash = row.contentHash,
    r.updatedAt = datetime($now), r.updatedBy = $by`

// The statement's SAID and ABOUT relationships carry their page keys from creation (the actor's
// id, the sort date, the statement id: the about_page and said_page indexes), each speaker x
// target pair gets its SAID_ABOUT (said_about_page), and the statement records its tally keys
// (tallies.ts). The query returns the keys it had and has, so the tallies
// follow without reading the statements again.
const WRITE_STATEMENTS = `
UNWIND $rows AS row
MERGE (s:Statement {id: row.id})
WITH s, row, coalesce(s.tally, []) AS old, coalesce(row.dateStart, '') AS sortDate
SET s.createdAt = coalesce(s.createdAt, datetime($now)), s.createdBy = coalesce(s.createdBy, $by),
    s.attribution = row.attribution, s.verb = row.verb, s.text = row.text, s.date = row.date,
    s.datePrecision = row.datePrecision, s.dateStart = row.dateStart, s.dateEnd = row.dateEnd,
    s.note = row.note, s.contentHash = row.contentHash, s.updatedAt = datetime($now), s.updatedBy = $by
WITH s, row, old, sortDate, ` + TALLY_MONTHS + ` AS months
CALL (s) { MATCH (s)-[r:ABOUT|ON_TOPIC|REPORTED_IN|ORIGINALLY_IN|RESPONDS_TO|CONTRADICTS|SUPPORTS|REPEATS]->() DELETE r }
CALL (s) { MATCH ()-[r:SAID|SAID_ABOUT]->(s) DELETE r }
CALL (s, row, sortDate) {
  UNWIND row.speakers AS sp
  MATCH (a:Actor {id: sp.actor})
  CREATE (a)-[:SAID {role: sp.role, position: sp.position, speakerId: a.id, sortDate: sortDate, sid: s.id}]->(s)
  RETURN collect(a.id) AS speakerIds
}
CALL (s, row, sortDate) {
  UNWIND row.targets AS t
  MATCH (a:Actor {id: t.actor})
  CREATE (s)-[:ABOUT {stance: t.stance, targetId: a.id, sortDate: sortDate, sid: s.id}]->(a)
  RETURN collect(a.id + '|' + coalesce(t.stance, '')) AS targetKeys
}
CALL (s) {` + MAKE_PAIRS + `
}
CALL (s, row) { UNWIND row.topics AS id MATCH (t:Topic {id: id}) CREATE (s)-[:ON_TOPIC]->(t) }
CALL (s, row) {
  MATCH (d:Document {id: row.document})
  CREATE (s)-[:REPORTED_IN {start: row.evidence.start, end: row.evidence.end, text: row.evidence.text,
    before: row.evidence.before, after: row.evidence.after, documentHash: row.evidence.documentHash}]->(d)
}
CALL (s, row) { MATCH (d:Document {id: row.originalDocument}) CREATE (s)-[:ORIGINALLY_IN]->(d) }
WITH s, old, reduce(keys = [], sp IN speakerIds | keys + [t IN targetKeys | sp + '|' + t + '|' + months]) AS new
SET s.tally = new
RETURN old, new`

/** Relationship types between statements: the allow-list maps each link type to its own query. */
export const LINK_QUERIES: Readonly<Record<LinkType, string>> = {
  'responds-to': 'UNWIND $rows AS row MATCH (s:Statement {id: row.from}) MATCH (t:Statement {id: row.to}) MERGE (s)-[:RESPONDS_TO]->(t)',
  contradicts: 'UNWIND $rows AS row MATCH (s:Statement {id: row.from}) MATCH (t:Statement {id: row.to}) MERGE (s)-[:CONTRADICTS]->(t)',
  supports: 'UNWIND $rows AS row MATCH (s:Statement {id: row.from}) MATCH (t:Statement {id: row.to}) MERGE (s)-[:SUPPORTS]->(t)',
  repeats: 'UNWIND $rows AS row MATCH (s:Statement {id: row.from}) MATCH (t:Statement {id: row.to}) MERGE (s)-[:REPEATS]->(t)',
}

function affiliationKey (a: Pick<AffiliationRow, 'actor' | 'type' | 'organisation'>): string {
  return `${a.actor} ${a.type} ${a.organisation}`
}

async function existingHashes (tx: Tx, query: string, params: Record<string, unknown>): Promise<Map<string, string | null>> {
  const rows = await tx.run(query, params)
  return new Map(rows.map((r) => [String(r.id), (r.hash ?? null) as string | null]))
}

interface Changes {
  plan: WritePlan
  rows: GraphRows
}

async function diff (tx: Tx, rows: GraphRows): Promise<Changes> {
  const plan = {} as WritePlan
  const changed = {} as GraphRows
  for (const kind of ['topics', 'actors', 'documents', 'statements'] as const) {
    const list = rows[kind] as Array<{ id: string, contentHash: string }>
    const hashes = new Map<string, string | null>()
    for (let i = 0; i < list.length; i += 10_000) {
      const part = await existingHashes(tx, EXISTING_HASHES[kind], { ids: list.slice(i, i + 10_000).map((r) => r.id) })
      for (const [k, v] of part) hashes.set(k, v)
    }
    const fresh = list.filter((r) => hashes.get(r.id) !== r.contentHash)
    plan[kind] = {
      create: fresh.filter((r) => !hashes.has(r.id)).length,
      update: fresh.filter((r) => hashes.has(r.id)).length,
      unchanged: list.length - fresh.length,
    }
    ;(changed as unknown as Record<string, unknown[]>)[kind] = fresh
  }
  const hashes = await existingHashes(tx, EXISTING_AFFILIATIONS, {
    keys: rows.affiliations.map((a) => ({ actor: a.actor, type: a.type, organisation: a.organisation })),
  })
  const freshAffiliations = rows.affiliations.filter((a) => hashes.get(affiliationKey(a)) !== a.contentHash)
  plan.affiliations = {
    create: freshAffiliations.filter((a) => !hashes.has(affiliationKey(a))).length,
    update: freshAffiliations.filter((a) => hashes.has(affiliationKey(a))).length,
    unchanged: rows.affiliations.length - freshAffiliations.length,
  }
  changed.affiliations = freshAffiliations
  return { plan, rows: changed }
}

async function batched<T> (tx: Tx, query: string, rows: T[], params: Record<string, unknown>, onProgress?: (n: number) => void,
  onResult?: (result: Array<Record<string, unknown>>) => void): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH_SIZE) {
    const batch = rows.slice(i, i + BATCH_SIZE)
    const result = await tx.run(query, { ...params, rows: batch })
    onResult?.(result)
    onProgress?.(batch.length)
  }
}

/** Writes rows inside the caller's transaction, in dependency order. */
export async function writeRows (tx: Tx, rows: GraphRows, options: WriteOptions, { links = true } = {}): Promise<void> {
  const params = { now: new Date().toISOString(), by: options.by }
  await batched(tx, WRITE_TOPICS, rows.topics, params, options.onProgress)
  await batched(tx, WRITE_ACTORS, rows.actors, params, options.onProgress)
  await batched(tx, WRITE_DOCUMENTS, rows.documents, params, options.onProgress)
  await batched(tx, WRITE_AFFILIATIONS, rows.affiliations, params, options.onProgress)
  // Their speakers, targets and dates may have changed: the stance tallies follow, in this transaction.
  const keys: TallyKeyChange[] = []
  await batched(tx, WRITE_STATEMENTS, rows.statements, params, options.onProgress, (result) => {
    for (const r of result) keys.push({ old: r.old as string[], new: r.new as string[] })
  })
  await applyKeyChanges(tx, keys)
  if (links) await writeLinks(tx, rows.statements)
}

/** The links of these statements (to statements that exist by now), in the caller's transaction. */
export async function writeLinks (tx: Tx, statements: Array<Pick<StatementRow, 'id' | 'links'>>): Promise<void> {
  for (const [type, query] of Object.entries(LINK_QUERIES)) {
    const links = statements.flatMap((s) => s.links.filter((l) => l.type === type).map((l) => ({ from: s.id, to: l.statement })))
    for (let i = 0; i < links.length; i += BATCH_SIZE) {
      await tx.run(query, { rows: links.slice(i, i + BATCH_SIZE) })
    }
  }
}

export function planTotal (plan: WritePlan): number {
  return Object.values(plan).reduce((n, k: KindPlan) => n + k.create + k.update, 0)
}

// Records per write transaction when a load is split (writeGraphInBatches): a batch of this many
// statements with their relationships stays far below the default 512 MiB transaction memory
// (db.memory.transaction.max) that one 35,000-statement transaction ran out of. Documents carry
// their full texts, so they go fewer at a time.
export const RECORDS_PER_TRANSACTION = 2_000
const DOCUMENTS_PER_TRANSACTION = 100

const SET_STATEMENT_HASHES = 'UNWIND $rows AS row MATCH (s:Statement {id: row.id}) SET s.contentHash = row.contentHash'

function chunks<T> (list: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}

/**
 * For loads of any size (the seeding CLI, POST /v1/import, seeding on start): the comparison with
 * the database comes first, then what is new or changed is written in bounded transactions, in
 * dependency order. A statement's content hash is set only once its links are written (in a last
 * pass, when every statement exists), so after a failure part-way every batch written so far is
 * whole, the rest still differs from the file, and running the same load again completes it.
 */
export async function writeGraphInBatches (db: Db, rows: GraphRows, options: ApplyOptions): Promise<WritePlan> {
  const { plan, rows: changed } = await db.writeTx((tx) => diff(tx, rows))
  options.onPlan?.(plan)
  if (options.dryRun) return plan
  const none: GraphRows = { topics: [], actors: [], documents: [], affiliations: [], statements: [] }
  const write = (part: Partial<GraphRows>) => db.writeTx((tx) => writeRows(tx, { ...none, ...part }, options, { links: false }))
  for (const part of chunks(changed.topics, RECORDS_PER_TRANSACTION)) await write({ topics: part })
  for (const part of chunks(changed.actors, RECORDS_PER_TRANSACTION)) await write({ actors: part })
  for (const part of chunks(changed.documents, DOCUMENTS_PER_TRANSACTION)) await write({ documents: part })
  for (const part of chunks(changed.affiliations, RECORDS_PER_TRANSACTION)) await write({ affiliations: part })
  // Pending until the last pass: a statement whose links are not written yet must not look written.
  for (const part of chunks(changed.statements, RECORDS_PER_TRANSACTION)) await write({ statements: part.map((s) => ({ ...s, contentHash: 'pending' })) })
  for (const part of chunks(changed.statements, RECORDS_PER_TRANSACTION)) {
    await db.writeTx(async (tx) => {
      await writeLinks(tx, part)
      await tx.run(SET_STATEMENT_HASHES, { rows: part.map((s) => ({ id: s.id, contentHash: s.contentHash })) })
    })
  }
  return plan
}

/**
 * Compares rows with the database and writes what is new or changed, all in one transaction:
 * either every record lands or none does. With `dryRun` nothing is written.
 */
export async function writeGraph (db: Db, rows: GraphRows, options: ApplyOptions): Promise<WritePlan> {
  return db.writeTx((tx) => applyRows(tx, rows, options))
}

export type ApplyOptions = WriteOptions & { dryRun?: boolean, onPlan?: (plan: WritePlan) => void }

/** writeGraph's work inside the caller's transaction, for writes that do more in the same one. */
export async function applyRows (tx: Tx, rows: GraphRows, options: ApplyOptions): Promise<WritePlan> {
  const { plan, rows: changed } = await diff(tx, rows)
  options.onPlan?.(plan)
  if (!options.dryRun) await writeRows(tx, changed, options)
  return plan
}

// Deletion goes label by label, statements first: once they are gone, even an actor that
// thousands of statements were about has few relationships left, so every batch stays small
// (one batch of 10,000 arbitrary nodes could hold hub actors and exceed the transaction memory).
// Statements and actors are deleted by id, in transactions that keep the stance tallies exact
// (a partial delete leaves the rest of the graph consistent); a full reset drops the tallies.
const NEXT_STATEMENTS = 'MATCH (n:Statement) WHERE $prefix IS NULL OR n.id STARTS WITH $prefix RETURN n.id AS id LIMIT 5000'
const DELETE_STATEMENTS = 'UNWIND $ids AS id MATCH (n:Statement {id: id}) DETACH DELETE n'
const NEXT_ACTORS = 'MATCH (n:Actor) WHERE $prefix IS NULL OR n.id STARTS WITH $prefix RETURN n.id AS id LIMIT 500'
const DELETE_ACTORS = 'UNWIND $ids AS id MATCH (n:Actor {id: id}) DETACH DELETE n'
const DELETE_IN_ORDER = [
  'MATCH (n:Document) WHERE $prefix IS NULL OR n.id STARTS WITH $prefix WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS deleted',
  'MATCH (n:Topic) WHERE $prefix IS NULL OR n.id STARTS WITH $prefix WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS deleted',
  'MATCH (n:ActorRedirect) WHERE $prefix IS NULL OR n.id STARTS WITH $prefix WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS deleted',
  'MATCH (n:Deletion) WHERE $prefix IS NULL OR n.id STARTS WITH $prefix WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS deleted',
  'MATCH (n:IdempotencyKey) WHERE $prefix IS NULL WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS deleted',
  'MATCH (n:PairTally) WHERE $prefix IS NULL WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS deleted',
  'MATCH (n:MonthTally) WHERE $prefix IS NULL WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS deleted',
  'MATCH (n:YearTally) WHERE $prefix IS NULL WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS deleted',
  // An empty database needs no backfill: a later start checks it again, finds nothing to do, and marks it.
  'MATCH (n:Migration) WHERE $prefix IS NULL WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS deleted',
]

/** Deletes whosaid's nodes (only those whose id starts with `prefix`, when given), in small batches. */
export async function deleteNodes (db: Db, prefix: string | null = null): Promise<number> {
  let total = 0
  for (;;) {
    const ids = (await db.read(NEXT_STATEMENTS, { prefix })).map((r) => String(r.id))
    if (ids.length === 0) break
    await db.writeTx(async (tx) => {
      if (prefix !== null) await untally(tx, ids)
      await tx.run(DELETE_STATEMENTS, { ids })
    })
    total += ids.length
  }
  // Documents before actors: a document's publisher and authors are relationships to actors.
  const [documents = '', ...rest] = DELETE_IN_ORDER
  total += await deleteAll(db, documents, prefix)
  for (;;) {
    const ids = (await db.read(NEXT_ACTORS, { prefix })).map((r) => String(r.id))
    if (ids.length === 0) break
    await db.writeTx(async (tx) => {
      if (prefix === null) return tx.run(DELETE_ACTORS, { ids })
      // Statements outside the prefix lose these speakers and targets: their tallies follow.
      return retallyAround(tx, await statementsOfActors(tx, ids), () => tx.run(DELETE_ACTORS, { ids }))
    })
    total += ids.length
  }
  for (const query of rest) total += await deleteAll(db, query, prefix)
  return total
}

async function deleteAll (db: Db, query: string, prefix: string | null): Promise<number> {
  let total = 0
  for (;;) {
    const [row] = await db.write(query, { prefix })
    const deleted = Number(row?.deleted ?? 0)
    total += deleted
    if (deleted === 0) return total
  }
}

/** Deletes every whosaid node. */
export function resetGraph (db: Db): Promise<number> {
  return deleteNodes(db, null)
}

// Every label and relationship type whosaid writes. Each count is a literal pattern, so Neo4j
// answers it from its count store instead of scanning the graph.
export const NODE_LABELS = ['Actor', 'ActorRedirect', 'Statement', 'Document', 'Topic'] as const
export const RELATIONSHIP_TYPES = [
  'SAID', 'ABOUT', 'ON_TOPIC', 'REPORTED_IN', 'ORIGINALLY_IN', 'RESPONDS_TO', 'CONTRADICTS', 'SUPPORTS', 'REPEATS',
  'AFFILIATED_WITH', 'PUBLISHED_BY', 'AUTHORED_BY', 'ADDRESSED_TO',
] as const

const COUNT_GRAPH = `
CALL { MATCH (n:Actor) RETURN count(n) AS Actor }
CALL { MATCH (n:ActorRedirect) RETURN count(n) AS ActorRedirect }
CALL { MATCH (n:Statement) RETURN count(n) AS Statement }
CALL { MATCH (n:Document) RETURN count(n) AS Document }
CALL { MATCH (n:Topic) RETURN count(n) AS Topic }
CALL { MATCH ()-[r:SAID]->() RETURN count(r) AS SAID }
CALL { MATCH ()-[r:ABOUT]->() RETURN count(r) AS ABOUT }
CALL { MATCH ()-[r:ON_TOPIC]->() RETURN count(r) AS ON_TOPIC }
CALL { MATCH ()-[r:REPORTED_IN]->() RETURN count(r) AS REPORTED_IN }
CALL { MATCH ()-[r:ORIGINALLY_IN]->() RETURN count(r) AS ORIGINALLY_IN }
CALL { MATCH ()-[r:RESPONDS_TO]->() RETURN count(r) AS RESPONDS_TO }
CALL { MATCH ()-[r:CONTRADICTS]->() RETURN count(r) AS CONTRADICTS }
CALL { MATCH ()-[r:SUPPORTS]->() RETURN count(r) AS SUPPORTS }
CALL { MATCH ()-[r:REPEATS]->() RETURN count(r) AS REPEATS }
CALL { MATCH ()-[r:AFFILIATED_WITH]->() RETURN count(r) AS AFFILIATED_WITH }
CALL { MATCH ()-[r:PUBLISHED_BY]->() RETURN count(r) AS PUBLISHED_BY }
CALL { MATCH ()-[r:AUTHORED_BY]->() RETURN count(r) AS AUTHORED_BY }
CALL { MATCH ()-[r:ADDRESSED_TO]->() RETURN count(r) AS ADDRESSED_TO }
RETURN *`

export interface GraphCounts {
  nodes: Record<(typeof NODE_LABELS)[number], number>
  relationships: Record<(typeof RELATIONSHIP_TYPES)[number], number>
}

/** Counts of every whosaid label and relationship type (zero included). */
export async function countGraph (db: Db): Promise<GraphCounts> {
  const [row = {}] = await db.read(COUNT_GRAPH)
  return {
    nodes: Object.fromEntries(NODE_LABELS.map((l) => [l, Number(row[l] ?? 0)])) as GraphCounts['nodes'],
    relationships: Object.fromEntries(RELATIONSHIP_TYPES.map((t) => [t, Number(row[t] ?? 0)])) as GraphCounts['relationships'],
  }
}
