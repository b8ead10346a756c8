// The named data sets the suites load into the real test Neo4j, and the one way to load them.
// Each suite asks for the smallest fixture that has what it needs, by name.
import { join } from 'node:path'
import type { Db } from '../../src/db/db.js'
import { projectRoot } from '../../src/lib/paths.js'
import { resetGraph, writeGraph, type WritePlan } from '../../src/repositories/writer.js'
import { formatIssue, loadSeed } from '../../src/services/seed-files.js'

const SEED_DIR = join(projectRoot(), 'graph-seed')

export const FIXTURES = {
  /** Everything under graph-seed/: the article graph `npm start` loads into an empty database. */
  article: [SEED_DIR],
  /** The article's own seed file alone, as `npm run seed -- FILE` reads it. */
  articleFile: [join(SEED_DIR, 'tiktok-on-defense-2022.json')],
} as const satisfies Record<string, readonly string[]>

export type FixtureName = keyof typeof FIXTURES

/**
 * Validates the fixture (references may name what the database holds) and writes it; by default
 * into an emptied database, so a suite starts from exactly that state. Invalid data throws.
 */
export async function seedFixture (db: Db, name: FixtureName = 'article', { reset = true, by = 'test' } = {}): Promise<WritePlan> {
  if (reset) await resetGraph(db)
  const seed = await loadSeed([...FIXTURES[name]], db)
  if (seed.issues.length > 0) throw new Error(`fixture ${name} is invalid:\n${seed.issues.map(formatIssue).join('\n')}`)
  return writeGraph(db, seed.rows, { by })
}

/** The article graph in an emptied database: the state most suites start from. */
export function seedArticle (db: Db): Promise<WritePlan> {
  return seedFixture(db, 'article')
}
