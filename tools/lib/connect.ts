// Database access for command-line tools: the same driver settings, schema and local Neo4j as
// `npm start`, without the HTTP server.
import type { Config } from '../../src/config.js'
import { applySchema } from '../../src/db/schema.js'
import { migrateTallies } from '../../src/repositories/tallies.js'
import { localOptions, startLocalNeo4j } from '../../src/local-neo4j/launcher.js'
import { createDriver, Db } from '../../src/db/db.js'

export async function connect (
  config: Config, log: (line: string) => void = () => {}, timeoutMs = config.NEO4J_QUERY_TIMEOUT_MS
): Promise<{ db: Db, close: () => Promise<void> }> {
  let uri = config.NEO4J_URI
  if (!uri) {
    const local = await startLocalNeo4j(localOptions(config, log))
    uri = local.uri
  }
  const driver = createDriver(config, uri)
  await driver.verifyConnectivity({ database: config.NEO4J_DATABASE })
  const db = new Db(driver, config.NEO4J_DATABASE, timeoutMs)
  await applySchema(db)
  await migrateTallies(db.withTimeout(600_000), log)
  return { db, close: () => driver.close() }
}
