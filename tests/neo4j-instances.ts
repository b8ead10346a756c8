// Local Neo4j instances the tests run, each with its own port and data folder under .neo4j/.
const small = { heap: '512m', pageCache: '256m' }

/**
 * Shared by every suite; started by global setup. WHOSAID_TEST_NEO4J_PORT / _HOME let two
 * checkouts (or two people on one machine) run suites side by side without sharing a database.
 */
export const TEST_NEO4J = {
  port: Number(process.env.WHOSAID_TEST_NEO4J_PORT ?? 7688),
  home: process.env.WHOSAID_TEST_NEO4J_HOME ?? '.neo4j/test',
  heap: '1g',
  pageCache: '512m',
}
/** Stopped and started again by the outage tests, so the shared one stays up. */
export const OUTAGE_NEO4J = { port: 7689, home: '.neo4j/test-outage', ...small }
/** Started by `npm start` in the process test, and stopped by its Ctrl-C. */
export const START_NEO4J = { port: 7690, home: '.neo4j/test-start', ...small }
