// npm run fuzz — Schemathesis (a fuzzer no one here wrote) against the live API.
// Starts its own Neo4j (port 7693, .neo4j/fuzz) loaded with the article graph, serves the API on
// a free loopback port with an admin key so writes are exercised too, and runs every operation
// with all checks, positive and negative data, a fixed seed and 100 examples per operation.
import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { hashKey } from '../../src/lib/api-keys.js'
import { startLocalNeo4j, stopLocalNeo4j } from '../../src/local-neo4j/launcher.js'
import { resetGraph, writeGraph } from '../../src/repositories/writer.js'
import { loadSeed } from '../../src/services/seed-files.js'
import { ensureSchemathesis } from '../support/python.js'

const NEO4J = { port: 7693, home: '.neo4j/fuzz', heap: '1g', pageCache: '256m' }
const KEY = 'fuzz-admin-key'
const SEED = process.env.FUZZ_SEED ?? '42'
const EXAMPLES = process.env.FUZZ_MAX_EXAMPLES ?? '100'

const schemathesis = ensureSchemathesis()
const { uri, started } = await startLocalNeo4j({ ...NEO4J, log: (l) => console.error(l) })
const config = loadConfig({
  ...process.env,
  LOG_LEVEL: 'warn',
  API_KEYS: `fuzzer:admin:${hashKey(KEY)}`,
  RATE_LIMIT_MAX: '1000000',
  // The fuzzer's bursts must meet the API's answers, not load shedding.
  MAX_EVENT_LOOP_DELAY_MS: '0',
  NEO4J_QUERY_TIMEOUT_MS: '30000',
})
const app = await buildApp(config, { neo4jUri: uri, logger: { level: 'warn' } })
let status = 1
try {
  await app.ready()
  await resetGraph(app.db)
  const seed = await loadSeed([])
  await writeGraph(app.db.withTimeout(600_000), seed.rows, { by: 'fuzz-setup' })
  const base = await app.listen({ host: '127.0.0.1', port: 0 })
  mkdirSync('.neo4j/fuzz-report', { recursive: true })
  // spawn, not spawnSync: the API in this very process must keep answering while it runs.
  const child = spawn(schemathesis, [
    '--config-file', 'tests/fuzz/schemathesis.toml',
    'run', `${base}/openapi.json`,
    '--checks', 'all',
    '--mode', 'all',
    '--seed', SEED,
    '--max-examples', EXAMPLES,
    '--header', `Authorization: Bearer ${KEY}`,
    // One worker: the run is deterministic for its seed (two raced each other's writes).
    '--workers', '1',
    // A whole-graph export with every filter takes seconds on 2 shared cores; the default 10 s
    // read timeout would report a slow answer as a network error.
    '--request-timeout', '60',
    '--report', 'junit',
    '--report-junit-path', '.neo4j/fuzz-report/junit.xml',
    '--no-color',
    ...process.argv.slice(2),
  ], { stdio: 'inherit' })
  status = await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)))
} finally {
  await app.close()
  if (started) await stopLocalNeo4j(NEO4J.home)
}
process.exit(status)
