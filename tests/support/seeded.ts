import type { Db } from '../../src/plugins/external/neo4j.js'
import { resetGraph, writeGraph } from '../../src/graph/writer.js'
import { loadSeed } from '../../src/seed/load.js'

/** Empties the graph and loads graph-seed/ (the article graph). */
export async function seedArticle (db: Db): Promise<void> {
  await resetGraph(db)
  const seed = await loadSeed([])
  if (seed.issues.length > 0) throw new Error(`graph-seed/ is invalid: ${JSON.stringify(seed.issues)}`)
  await writeGraph(db, seed.rows, { by: 'test' })
}
