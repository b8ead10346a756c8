import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../plugins/external/neo4j.js'
import { writeGraph } from '../graph/writer.js'
import { formatIssue, loadSeed } from './load.js'

const HAS_DATA = 'MATCH (n) WHERE n:Actor OR n:Statement OR n:Document RETURN count(n) > 0 AS hasData'

/** Loads graph-seed/ when the database holds no whosaid data yet; a bad seed stops the start. */
export async function seedOnStart (db: Db, log: FastifyBaseLogger): Promise<void> {
  const [row] = await db.read(HAS_DATA)
  if (row?.hasData) {
    log.info('database already holds data; graph-seed/ not loaded')
    return
  }
  const seed = await loadSeed([])
  if (seed.issues.length > 0) {
    throw new Error(`graph-seed/ is invalid:\n${seed.issues.map(formatIssue).join('\n')}`)
  }
  const plan = await writeGraph(db, seed.rows, { by: 'seed-on-start' })
  log.info({ plan, files: seed.files.length }, 'database was empty; loaded graph-seed/')
}
