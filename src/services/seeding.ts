import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../db/db.js'
import { writeGraphInBatches } from '../repositories/writer.js'
import { hasData } from '../repositories/existing.js'
import { formatIssue, loadSeed } from './seed-files.js'

const SEED_TIMEOUT_MS = 600_000

/** Loads graph-seed/ when the database holds no whosaid data yet; a bad seed stops the start. */
export async function seedOnStart (db: Db, log: FastifyBaseLogger): Promise<void> {
  if (await hasData(db)) {
    log.info('database already holds data; graph-seed/ not loaded')
    return
  }
  const seed = await loadSeed([])
  if (seed.issues.length > 0) {
    throw new Error(`graph-seed/ is invalid:\n${seed.issues.map(formatIssue).join('\n')}`)
  }
  // One transaction for the whole seed: on a cold server it can outlast the per-request timeout.
  const plan = await writeGraphInBatches(db.withTimeout(SEED_TIMEOUT_MS), seed.rows, { by: 'seed-on-start' })
  log.info({ plan, files: seed.files.length }, 'database was empty; loaded graph-seed/')
}
