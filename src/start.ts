// `npm start`: with NEO4J_URI unset, start (or reuse) the local Neo4j; apply the schema; load
// graph-seed/ into an empty database; serve the API. Ctrl-C stops the API, closes the driver
// and stops the Neo4j this process started (one it merely reused is left running).
// First, so the heap settings apply before the rest of the API is loaded.
import './lib/heap.js'
import { buildApp } from './app.js'
import { ConfigError, loadConfig, type Config } from './config.js'
import { LocalNeo4jError, localOptions, startLocalNeo4j, stopLocalNeo4j } from './local-neo4j/launcher.js'
import { listen } from './server.js'
import { seedOnStart } from './services/seeding.js'

async function main (config: Config): Promise<void> {
  let uri = config.NEO4J_URI
  let stopNeo4j: (() => Promise<void>) | undefined
  if (!uri) {
    const local = await startLocalNeo4j(localOptions(config, (line) => console.log(line)))
    uri = local.uri
    if (local.started) stopNeo4j = async () => { await stopLocalNeo4j(config.NEO4J_LOCAL_HOME) }
  }
  const app = await buildApp(config, { neo4jUri: uri, migrate: true })
  try {
    await app.ready()
  } catch (err) {
    await stopNeo4j?.()
    throw err
  }
  if (config.SEED_ON_START) await seedOnStart(app.db, app.log)
  const address = await listen(app, config, { onStopped: stopNeo4j })
  const base = address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '[::1]')
  console.log([
    '',
    `whosaid is ready (Neo4j at ${uri}, database ${config.NEO4J_DATABASE})`,
    `  API:          ${base}/v1`,
    `  Swagger UI:   ${base}/docs`,
    `  OpenAPI:      ${base}/openapi.json`,
    `  Health:       ${base}/health/ready`,
    '',
  ].join('\n'))
}

let config: Config
try {
  config = loadConfig()
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message)
    process.exit(1)
  }
  throw err
}

main(config).catch((err: unknown) => {
  if (err instanceof LocalNeo4jError) console.error(err.message)
  else console.error(err)
  process.exit(1)
})
