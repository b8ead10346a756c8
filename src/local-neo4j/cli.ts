// npm run neo4j:start | neo4j:stop | neo4j:status — manages the local Neo4j that `npm start` uses.
import { Command } from 'commander'
import { loadConfig, ConfigError } from '../config.js'
import { LocalNeo4jError, startLocalNeo4j, statusLocalNeo4j, stopLocalNeo4j } from './launcher.js'

const program = new Command('neo4j')
  .description('Run the local Neo4j Community server (resolved from Maven Central) that whosaid uses by default.')

function localOptions () {
  const config = loadConfig()
  return {
    port: config.NEO4J_LOCAL_PORT,
    home: config.NEO4J_LOCAL_HOME,
    heap: config.NEO4J_LOCAL_HEAP,
    pageCache: config.NEO4J_LOCAL_PAGECACHE,
    log: (line: string) => console.log(line),
  }
}

program.command('start').description('start it (or reuse the one already running) and wait until Bolt answers')
  .action(async () => {
    const { uri } = await startLocalNeo4j(localOptions())
    console.log(`NEO4J_URI=${uri}`)
  })

program.command('stop').description('stop it and wait for the process to exit')
  .action(async () => {
    const { home } = localOptions()
    console.log(await stopLocalNeo4j(home) ? 'Neo4j stopped.' : 'Neo4j was not running.')
  })

program.command('status').description('say whether it runs and answers on Bolt (exit 3 when not)')
  .action(async () => {
    const { home, port } = localOptions()
    const status = await statusLocalNeo4j(home, port)
    console.log(JSON.stringify(status))
    if (!status.running) process.exitCode = 3
  })

try {
  await program.parseAsync()
} catch (err) {
  if (err instanceof LocalNeo4jError || err instanceof ConfigError) {
    console.error(err.message)
    process.exit(1)
  }
  throw err
}
