// The graph's schema: uniqueness constraints on every id, lookup indexes for the hot filters,
// and full-text indexes for search. Every statement is IF NOT EXISTS, so applying it is
// idempotent and safe on every start and in every test run.
import type { Db } from './db.js'

export const SCHEMA_STATEMENTS: readonly string[] = [
  'CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE',
  'CREATE CONSTRAINT actor_redirect_id IF NOT EXISTS FOR (r:ActorRedirect) REQUIRE r.id IS UNIQUE',
  'CREATE CONSTRAINT statement_id IF NOT EXISTS FOR (s:Statement) REQUIRE s.id IS UNIQUE',
  'CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE',
  'CREATE CONSTRAINT topic_id IF NOT EXISTS FOR (t:Topic) REQUIRE t.id IS UNIQUE',
  'CREATE CONSTRAINT idempotency_key IF NOT EXISTS FOR (k:IdempotencyKey) REQUIRE k.key IS UNIQUE',
  // Stance tallies (repositories/tallies.ts): one node per pair, per pair and month span, and per pair and year.
  'CREATE CONSTRAINT pair_tally_key IF NOT EXISTS FOR (x:PairTally) REQUIRE x.key IS UNIQUE',
  'CREATE CONSTRAINT month_tally_key IF NOT EXISTS FOR (x:MonthTally) REQUIRE x.key IS UNIQUE',
  'CREATE CONSTRAINT year_tally_key IF NOT EXISTS FOR (x:YearTally) REQUIRE x.key IS UNIQUE',
  'CREATE CONSTRAINT migration_id IF NOT EXISTS FOR (m:Migration) REQUIRE m.id IS UNIQUE',
  // who-said-what-about: a target's speakers, most statements first (rank = -total), id next
  'CREATE INDEX pair_tally_rank IF NOT EXISTS FOR (x:PairTally) ON (x.targetId, x.rank, x.speakerId)',
  // the stance matrix in (speaker, target) order, for given speakers, one target, or all pairs
  'CREATE INDEX pair_tally_speaker IF NOT EXISTS FOR (x:PairTally) ON (x.speakerId, x.targetId)',
  'CREATE INDEX pair_tally_target IF NOT EXISTS FOR (x:PairTally) ON (x.targetId, x.speakerId)',
  // who-said-what-about for calendar years: the target's speakers in a year, most statements first
  'CREATE INDEX year_tally_rank IF NOT EXISTS FOR (x:YearTally) ON (x.targetId, x.year, x.rank, x.speakerId)',
  // a pair's months, for date windows
  'CREATE INDEX month_tally_pair IF NOT EXISTS FOR (x:MonthTally) ON (x.speakerId, x.targetId, x.from)',
  // A page of one actor's statements, newest first, read in index order (keys set by tallies.ts).
  'CREATE INDEX about_page IF NOT EXISTS FOR ()-[r:ABOUT]-() ON (r.targetId, r.sortDate, r.sid)',
  'CREATE INDEX said_page IF NOT EXISTS FOR ()-[r:SAID]-() ON (r.speakerId, r.sortDate, r.sid)',
  // A page of one speaker's statements about one target (who-said-what-about's groups): a
  // SAID_ABOUT relationship per speaker x target of a statement, keyed 'speakerId|targetId'.
  'CREATE INDEX said_about_page IF NOT EXISTS FOR ()-[r:SAID_ABOUT]-() ON (r.pair, r.sortDate, r.sid)',
  // Filters and sort keys the read API uses on hot paths.
  'CREATE INDEX actor_kind IF NOT EXISTS FOR (a:Actor) ON (a.kind)',
  'CREATE INDEX actor_name IF NOT EXISTS FOR (a:Actor) ON (a.name)',
  'CREATE INDEX statement_date IF NOT EXISTS FOR (s:Statement) ON (s.date)',
  // The order of GET /v1/statements without an anchoring filter (newest first), read from the index.
  'CREATE INDEX statement_date_start IF NOT EXISTS FOR (s:Statement) ON (s.dateStart)',
  'CREATE INDEX statement_attribution IF NOT EXISTS FOR (s:Statement) ON (s.attribution)',
  'CREATE INDEX statement_updated IF NOT EXISTS FOR (s:Statement) ON (s.updatedAt)',
  'CREATE INDEX actor_updated IF NOT EXISTS FOR (a:Actor) ON (a.updatedAt)',
  'CREATE INDEX document_updated IF NOT EXISTS FOR (d:Document) ON (d.updatedAt)',
  'CREATE INDEX topic_updated IF NOT EXISTS FOR (t:Topic) ON (t.updatedAt)',
  'CREATE INDEX deletion_at IF NOT EXISTS FOR (n:Deletion) ON (n.at)',
  'CREATE INDEX document_date IF NOT EXISTS FOR (d:Document) ON (d.date)',
  'CREATE INDEX about_stance IF NOT EXISTS FOR ()-[r:ABOUT]-() ON (r.stance)',
  // Full-text search: actor names and aliases, statement text, document titles.
  'CREATE FULLTEXT INDEX actor_search IF NOT EXISTS FOR (a:Actor) ON EACH [a.name, a.aliasText, a.description]',
  // GET /v1/actors?q= searches what an actor is called, not what is said about it.
  'CREATE FULLTEXT INDEX actor_names IF NOT EXISTS FOR (a:Actor) ON EACH [a.name, a.aliasText]',
  'CREATE FULLTEXT INDEX statement_search IF NOT EXISTS FOR (s:Statement) ON EACH [s.text]',
  'CREATE FULLTEXT INDEX document_search IF NOT EXISTS FOR (d:Document) ON EACH [d.title]',
]

// Schema changes are not user queries: NEO4J_QUERY_TIMEOUT_MS bounds what a request may cost,
// and a short one (a deployment's 1 s, a test's 200 ms) must not fail startup on a busy
// database. awaitIndexes below waits up to 300 s, so the transactions may too.
const SCHEMA_TIMEOUT_MS = 310_000

/** Applies constraints and indexes, then waits until every index is online. */
export async function applySchema (db: Db): Promise<void> {
  const schemaDb = db.withTimeout(SCHEMA_TIMEOUT_MS)
  for (const statement of SCHEMA_STATEMENTS) {
    await schemaDb.write(statement)
  }
  await schemaDb.write('CALL db.awaitIndexes(300)')
}
