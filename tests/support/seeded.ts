import type { Db } from '../../src/db/db.js'
import { resetGraph, writeGraph } from '../../src/repositories/writer.js'
import { loadSeed } from '../../src/services/seed-files.js'

/** Empties the graph and loads graph-seed/ (the article graph). */
export async function seedArticle (db: Db): Promise<void> {
  await resetGraph(db)
  const seed = await loadSeed([])
  if (seed.issues.length > 0) throw new Error(`graph-seed/ is invalid: ${JSON.stringify(seed.issues)}`)
  await writeGraph(db, seed.rows, { by: 'test' })
}
