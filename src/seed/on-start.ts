import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../plugins/external/neo4j.js'

/** Loads graph-seed/ when the database holds no whosaid data yet. */
export async function seedOnStart (db: Db, log: FastifyBaseLogger): Promise<void> {
  const [row] = await db.read('MATCH (n) WHERE n:Actor OR n:Statement OR n:Document RETURN count(n) > 0 AS hasData')
  if (row?.hasData) {
    log.info('database already holds data; graph-seed/ not loaded')
    return
  }
  // The graph loader lands with the knowledge-graph model; until then there is nothing to load.
  log.info('database is empty; graph-seed/ loader not yet available')
}
