// Cypher for the write API beyond the shared graph writer: reading records back in the
// graph-seed format (for PATCH), deletes, merges, idempotency keys and the change feed.
import type { Db, Tx } from '../db/db.js'
import { linkTypeOf } from './links.js'
import { decodeCursor, page } from '../lib/cursor.js'
import { retallyAround, statementsOfActors, untally } from './tallies.js'

export type EntityType = 'actor' | 'statement' | 'document'

const READ_ACTOR = `
MATCH (a:Actor {id: $id})
RETURN a {.id, .name, .kind, .aliases, .description,
  affiliations: [(a)-[r:AFFILIATED_WITH]->(o:Actor) | {organisation: o.id, type: r.type, role: r.role, since: r.since, until: r.until}]
} AS record`

const READ_STATEMENT = `
MATCH (s:Statement {id: $id})
RETURN s {.id, .attribution, .verb, .text, .date, .datePrecision, .note,
  speakers: [(a:Actor)-[r:SAID]->(s) | {actor: a.id, role: r.role, position: r.position}],
  targets: [(s)-[r:ABOUT]->(a:Actor) | {actor: a.id, stance: r.stance}],
  topics: [(s)-[:ON_TOPIC]->(t:Topic) | t.id],
  reportedIn: head([(s)-[r:REPORTED_IN]->(d:Document) | {document: d.id, evidence: r {.start, .end, .text, .before, .after}}]),
  originalDocument: head([(s)-[:ORIGINALLY_IN]->(d:Document) | d.id]),
  links: [(s)-[r:RESPONDS_TO|CONTRADICTS|SUPPORTS|REPEATS]->(o:Statement) | {type: type(r), statement: o.id}]
} AS record`

const READ_DOCUMENT = `
MATCH (d:Document {id: $id})
RETURN d {.id, .title, .kind, .date, .datePrecision, .url, .text, .note,
  publisher: head([(d)-[:PUBLISHED_BY]->(p:Actor) | p.id]),
  authors: [(d)-[r:AUTHORED_BY]->(a:Actor) | {id: a.id, position: r.position}],
  addressees: [(d)-[:ADDRESSED_TO]->(a:Actor) | a.id]
} AS record`

/** Drops nulls and empty lists, so a record reads exactly like a graph-seed entry. */
function compact (record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(record)) {
    if (v === null || v === undefined) continue
    if (Array.isArray(v) && v.length === 0 && k !== 'speakers') continue
    out[k] = Array.isArray(v) ? v.map((x) => (x && typeof x === 'object' && !Array.isArray(x) ? compact(x as Record<string, unknown>) : x)) : v
  }
  return out
}

/** The record as it would be written: what a JSON Merge Patch applies to. */
export async function readRecord (db: Db, type: EntityType, id: string): Promise<Record<string, unknown> | null> {
  const query = type === 'actor' ? READ_ACTOR : type === 'statement' ? READ_STATEMENT : READ_DOCUMENT
  const [row] = await db.read(query, { id })
  if (!row) return null
  const r = row.record as Record<string, unknown>
  if (type === 'statement') {
    const speakers = (r.speakers as Array<{ actor: string, role: string | null, position: number | null }>)
      .sort((a, b) => (a.position ?? 0) - (b.position ?? 0)).map(({ actor, role }) => ({ actor, role }))
    r.speakers = speakers
    r.links = (r.links as Array<{ type: string, statement: string }>).map((l) => ({ type: linkTypeOf(l.type), statement: l.statement }))
  }
  if (type === 'document') {
    r.authors = (r.authors as Array<{ id: string, position: number | null }>).sort((a, b) => (a.position ?? 0) - (b.position ?? 0)).map((a) => a.id)
  }
  return compact(r)
}

const COUNT_ACTOR_USE = `
MATCH (a:Actor {id: $id})
RETURN COUNT { (a)-[:SAID]->() } AS said, COUNT { (a)<-[:ABOUT]-() } AS about`

// Cascade: statements the actor alone made go with it; where others spoke too, it is only unlinked.
const DELETE_ACTOR_CASCADE = `
MATCH (a:Actor {id: $id})
OPTIONAL MATCH (a)-[:SAID]->(s:Statement)
WHERE NOT EXISTS { MATCH (other:Actor)-[:SAID]->(s) WHERE other <> a }
WITH a, collect(s) AS owned
FOREACH (s IN owned | CREATE (:Deletion {id: s.id, type: 'statement', at: datetime($now), by: $by}) DETACH DELETE s)
CREATE (:Deletion {id: a.id, type: 'actor', at: datetime($now), by: $by})
DETACH DELETE a
RETURN size(owned) AS statements`

const DELETE_ACTOR = `
MATCH (a:Actor {id: $id})
CREATE (:Deletion {id: a.id, type: 'actor', at: datetime($now), by: $by})
DETACH DELETE a
RETURN 0 AS statements`

const DELETE_STATEMENT = `
MATCH (s:Statement {id: $id})
CREATE (:Deletion {id: s.id, type: 'statement', at: datetime($now), by: $by})
DETACH DELETE s
RETURN 0 AS statements`

const COUNT_DOCUMENT_USE = `
MATCH (d:Document {id: $id})
RETURN COUNT { (:Statement)-[:REPORTED_IN]->(d) } AS reported`

const DELETE_DOCUMENT_CASCADE = `
MATCH (d:Document {id: $id})
OPTIONAL MATCH (s:Statement)-[:REPORTED_IN]->(d)
WITH d, collect(s) AS reported
FOREACH (s IN reported | CREATE (:Deletion {id: s.id, type: 'statement', at: datetime($now), by: $by}) DETACH DELETE s)
CREATE (:Deletion {id: d.id, type: 'document', at: datetime($now), by: $by})
DETACH DELETE d
RETURN size(reported) AS statements`

const DELETE_DOCUMENT = `
MATCH (d:Document {id: $id})
CREATE (:Deletion {id: d.id, type: 'document', at: datetime($now), by: $by})
DETACH DELETE d
RETURN 0 AS statements`

// Concurrent PUTs of one id must take turns: each reads the record's content hash to decide what
// to rewrite, and one that read before another committed would delete and re-create relationships
// the other had just written (a reader in between saw them half gone: a link without a type,
// answered as a 500). MERGE waits on the id's uniqueness constraint while another transaction
// holds it, and the SET of a marker takes the node's write lock until this transaction ends.
// A record that does not exist yet is created bare here and filled by the writer.
const CLAIM: Readonly<Record<EntityType, string>> = {
  actor: 'MERGE (n:Actor {id: $id}) ON CREATE SET n.claimCreated = true SET n.claimLock = true REMOVE n.claimLock',
  statement: 'MERGE (n:Statement {id: $id}) ON CREATE SET n.claimCreated = true SET n.claimLock = true REMOVE n.claimLock',
  document: 'MERGE (n:Document {id: $id}) ON CREATE SET n.claimCreated = true SET n.claimLock = true REMOVE n.claimLock',
}
const CLAIM_TAIL = `
WITH n, n.claimCreated IS NOT NULL AS created
REMOVE n.claimCreated
RETURN created`

/**
 * Holds the record `id` for the rest of the transaction (other writers of it wait); true when
 * it did not exist, so this transaction creates it.
 */
export async function claimRecord (tx: Tx, type: EntityType, id: string): Promise<boolean> {
  const [row] = await tx.run(CLAIM[type] + CLAIM_TAIL, { id })
  return row?.created === true
}

export async function usage (tx: Tx, type: EntityType, id: string): Promise<{ said: number, about: number, reported: number } | null> {
  if (type === 'statement') {
    const rows = await tx.run('MATCH (s:Statement {id: $id}) RETURN 1 AS found', { id })
    return rows.length > 0 ? { said: 0, about: 0, reported: 0 } : null
  }
  const query = type === 'actor' ? COUNT_ACTOR_USE : COUNT_DOCUMENT_USE
  const [row] = await tx.run(query, { id })
  if (!row) return null
  const o = row as Record<string, number>
  return { said: o.said ?? 0, about: o.about ?? 0, reported: o.reported ?? 0 }
}

const REPORTED_STATEMENTS = 'MATCH (s:Statement)-[:REPORTED_IN]->(:Document {id: $id}) RETURN collect(s.id) AS ids'

export async function deleteEntity (tx: Tx, type: EntityType, id: string, cascade: boolean, by: string): Promise<number> {
  const query = type === 'actor'
    ? (cascade ? DELETE_ACTOR_CASCADE : DELETE_ACTOR)
    : type === 'document' ? (cascade ? DELETE_DOCUMENT_CASCADE : DELETE_DOCUMENT) : DELETE_STATEMENT
  const run = async () => Number((await tx.run(query, { id, now: new Date().toISOString(), by }))[0]?.statements ?? 0)
  // The stance tallies lose what the deleted statements, and the deleted actor's relationships,
  // contributed: taken out before, and the statements that survive put back after.
  if (type === 'actor') return retallyAround(tx, await statementsOfActors(tx, [id]), run)
  if (type === 'statement') await untally(tx, [id])
  else if (cascade) {
    const [row] = await tx.run(REPORTED_STATEMENTS, { id })
    await untally(tx, (row?.ids as string[] | undefined) ?? [])
  }
  return run()
}

// Merge: every relationship of the duplicate moves to the canonical actor (MERGE, so one the
// canonical already has is not doubled), its names become aliases, and its id redirects.
const MERGE_ACTORS = [
  `MATCH (d:Actor {id: $from}), (c:Actor {id: $into})
   MATCH (d)-[r:SAID]->(s) MERGE (c)-[n:SAID]->(s) ON CREATE SET n = properties(r) DELETE r`,
  `MATCH (d:Actor {id: $from}), (c:Actor {id: $into})
   MATCH (s)-[r:ABOUT]->(d) MERGE (s)-[n:ABOUT]->(c) ON CREATE SET n = properties(r) DELETE r`,
  `MATCH (d:Actor {id: $from}), (c:Actor {id: $into})
   MATCH (d)-[r:AFFILIATED_WITH]->(o) WHERE o <> c
   MERGE (c)-[n:AFFILIATED_WITH {type: r.type}]->(o) ON CREATE SET n = properties(r) DELETE r`,
  `MATCH (d:Actor {id: $from}), (c:Actor {id: $into})
   MATCH (o)-[r:AFFILIATED_WITH]->(d) WHERE o <> c
   MERGE (o)-[n:AFFILIATED_WITH {type: r.type}]->(c) ON CREATE SET n = properties(r) DELETE r`,
  `MATCH (d:Actor {id: $from}), (c:Actor {id: $into})
   MATCH (x)-[r:PUBLISHED_BY]->(d) MERGE (x)-[:PUBLISHED_BY]->(c) DELETE r`,
  `MATCH (d:Actor {id: $from}), (c:Actor {id: $into})
   MATCH (x)-[r:AUTHORED_BY]->(d) MERGE (x)-[n:AUTHORED_BY]->(c) ON CREATE SET n = properties(r) DELETE r`,
  `MATCH (d:Actor {id: $from}), (c:Actor {id: $into})
   MATCH (x)-[r:ADDRESSED_TO]->(d) MERGE (x)-[:ADDRESSED_TO]->(c) DELETE r`,
  // Earlier redirects to the duplicate now point at the canonical actor too.
  'MATCH (r:ActorRedirect {to: $from}) SET r.to = $into',
  `MATCH (d:Actor {id: $from}), (c:Actor {id: $into})
   WITH d, c, [x IN coalesce(c.aliases, []) + [d.name] + coalesce(d.aliases, []) WHERE x <> c.name] AS names
   WITH d, c, reduce(acc = [], x IN names | CASE WHEN x IN acc THEN acc ELSE acc + x END) AS aliases
   SET c.aliases = aliases,
       c.aliasText = reduce(t = '', x IN aliases | t + CASE t WHEN '' THEN '' ELSE ' | ' END + x),
       c.contentHash = null, c.updatedAt = datetime($now), c.updatedBy = $by
   MERGE (redirect:ActorRedirect {id: d.id})
   SET redirect.to = c.id, redirect.at = datetime($now), redirect.by = $by
   CREATE (:Deletion {id: d.id, type: 'actor', at: datetime($now), by: $by, mergedInto: c.id})
   DETACH DELETE d`,
]

export async function mergeActors (tx: Tx, from: string, into: string, by: string): Promise<void> {
  const params = { from, into, now: new Date().toISOString(), by }
  // The duplicate's statements change speaker or target: their tallies move with them.
  await retallyAround(tx, await statementsOfActors(tx, [from]), async () => {
    for (const query of MERGE_ACTORS) await tx.run(query, params)
  })
}

// Idempotency keys: MERGE on a unique key serialises concurrent requests with the same key;
// the first creates the resource, the others find its id and answer the same.
const CLAIM_KEY = `
MERGE (k:IdempotencyKey {key: $key})
ON CREATE SET k.requestHash = $requestHash, k.createdAt = datetime($now), k.claimed = true
WITH k, coalesce(k.claimed, false) AS fresh
REMOVE k.claimed
RETURN fresh, k.requestHash AS requestHash, k.resourceId AS resourceId`

const COMPLETE_KEY = 'MATCH (k:IdempotencyKey {key: $key}) SET k.resourceId = $resourceId'

export async function claimIdempotencyKey (tx: Tx, key: string, requestHash: string): Promise<{ fresh: boolean, requestHash: string, resourceId: string | null }> {
  const [row] = await tx.run(CLAIM_KEY, { key, requestHash, now: new Date().toISOString() })
  return row as { fresh: boolean, requestHash: string, resourceId: string | null }
}

export async function completeIdempotencyKey (tx: Tx, key: string, resourceId: string): Promise<void> {
  await tx.run(COMPLETE_KEY, { key, resourceId })
}

const EVIDENCE_OF_DOCUMENT = `
MATCH (s:Statement)-[r:REPORTED_IN]->(:Document {id: $id})
RETURN s.id AS id, r.start AS start, r.end AS end, r.text AS text`

export async function evidenceOf (tx: Tx, documentId: string): Promise<Array<{ id: string, start: number, end: number, text: string }>> {
  return await tx.run(EVIDENCE_OF_DOCUMENT, { id: documentId }) as Array<{ id: string, start: number, end: number, text: string }>
}

const REMOVE_OTHER_AFFILIATIONS = `
MATCH (a:Actor {id: $id})-[r:AFFILIATED_WITH]->(o:Actor)
WHERE NOT (o.id + ' ' + r.type) IN $keep
DELETE r`

/** PUT replaces an actor's affiliations as a whole: those not in `keep` go. */
export async function removeOtherAffiliations (tx: Tx, id: string, keep: string[]): Promise<void> {
  await tx.run(REMOVE_OTHER_AFFILIATIONS, { id, keep })
}

// The change feed: nodes written since a time, and deletions, oldest first. Each kind is read in
// the order of its updatedAt (or at) index and cut to a page before the kinds are merged, so a
// page costs a few index reads however much changed (after a bulk load, that is everything).
const CHANGES = `
WITH CASE WHEN $cursorAt IS NOT NULL AND datetime($cursorAt) > datetime($since) THEN datetime($cursorAt) ELSE datetime($since) END AS from
CALL (from) {
  MATCH (n:Actor) WHERE n.updatedAt >= from AND ($cursorAt IS NULL OR n.updatedAt > datetime($cursorAt) OR 'actor:' + n.id > $cursorKey)
  WITH n ORDER BY n.updatedAt, n.id LIMIT $fetch
  RETURN n.id AS id, 'actor' AS type, n.createdAt = n.updatedAt AS created, n.updatedAt AS at, n.updatedBy AS by
  UNION ALL
  MATCH (n:Statement) WHERE n.updatedAt >= from AND ($cursorAt IS NULL OR n.updatedAt > datetime($cursorAt) OR 'statement:' + n.id > $cursorKey)
  WITH n ORDER BY n.updatedAt, n.id LIMIT $fetch
  RETURN n.id AS id, 'statement' AS type, n.createdAt = n.updatedAt AS created, n.updatedAt AS at, n.updatedBy AS by
  UNION ALL
  MATCH (n:Document) WHERE n.updatedAt >= from AND ($cursorAt IS NULL OR n.updatedAt > datetime($cursorAt) OR 'document:' + n.id > $cursorKey)
  WITH n ORDER BY n.updatedAt, n.id LIMIT $fetch
  RETURN n.id AS id, 'document' AS type, n.createdAt = n.updatedAt AS created, n.updatedAt AS at, n.updatedBy AS by
  UNION ALL
  MATCH (n:Topic) WHERE n.updatedAt >= from AND ($cursorAt IS NULL OR n.updatedAt > datetime($cursorAt) OR 'topic:' + n.id > $cursorKey)
  WITH n ORDER BY n.updatedAt, n.id LIMIT $fetch
  RETURN n.id AS id, 'topic' AS type, n.createdAt = n.updatedAt AS created, n.updatedAt AS at, n.updatedBy AS by
  UNION ALL
  MATCH (n:Deletion) WHERE n.at >= from AND ($cursorAt IS NULL OR n.at > datetime($cursorAt) OR n.type + ':' + n.id > $cursorKey)
  WITH n ORDER BY n.at, n.type + ':' + n.id LIMIT $fetch
  RETURN n.id AS id, n.type AS type, null AS created, n.at AS at, n.by AS by
}
WITH * ORDER BY at, type + ':' + id LIMIT $fetch
RETURN id, type, CASE created WHEN true THEN 'created' WHEN false THEN 'updated' ELSE 'deleted' END AS change, toString(at) AS at, by`

export async function listChanges (db: Db, since: string, options: { limit: number, cursor?: string }) {
  const cursor = decodeCursor(options.cursor, ['string', 'string'])
  const rows = await db.read(CHANGES, {
    since, cursorAt: cursor?.[0] ?? null, cursorKey: cursor?.[1] ?? null, fetch: options.limit + 1,
  })
  const items = rows.map((r) => ({
    id: String(r.id), type: r.type as EntityType | 'topic', change: r.change as 'created' | 'updated' | 'deleted', at: String(r.at), by: (r.by as string | null) ?? null,
  }))
  return page(items, options.limit, (c) => [c.at, `${c.type}:${c.id}`])
}
