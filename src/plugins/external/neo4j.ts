// The Db boundary as a Fastify decorator (`fastify.db`): connectivity is verified before the plugin
// resolves, the schema applied when asked, and the driver closed in onClose.
import fp from 'fastify-plugin'
import type { Config } from '../../config.js'
import { Db, createDriver } from '../../db/db.js'
import { applySchema } from '../../db/schema.js'
import { migrateTallies } from '../../repositories/tallies.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
  }
}

export interface Neo4jPluginOptions {
  config: Config
  uri: string
  /** Apply constraints and indexes, and backfill derived data, before resolving (npm start and tests do). */
  migrate?: boolean
}

export default fp<Neo4jPluginOptions>(async (fastify, opts) => {
  const driver = createDriver(opts.config, opts.uri)
  fastify.addHook('onClose', async () => { await driver.close() })
  const db = new Db(driver, opts.config.NEO4J_DATABASE, opts.config.NEO4J_QUERY_TIMEOUT_MS)
  await driver.verifyConnectivity({ database: opts.config.NEO4J_DATABASE })
  if (opts.migrate) {
    await applySchema(db)
    // A database written before the stance tallies existed gets them now (once; idempotent).
    await migrateTallies(db.withTimeout(600_000), (line) => fastify.log.info(line))
  }
  fastify.decorate('db', db)
}, { name: 'neo4j' })
