// npm run neo4j:start | neo4j:stop | neo4j:status — manages the local Neo4j that `npm start` uses.
import { Command } from 'commander'
import { loadConfig } from '../src/config.js'
import { localOptions, startLocalNeo4j, statusLocalNeo4j, stopLocalNeo4j } from '../src/local-neo4j/launcher.js'
import { runCli } from './lib/run.js'

const program = new Command('neo4j')
  .description('Run the local Neo4j Community server (resolved from Maven Central) that whosaid uses by default.')

function configured () {
  return localOptions(loadConfig(), (line: string) => console.log(line))
}

program.command('start').description('start it (or reuse the one already running) and wait until Bolt answers')
  .action(async () => {
    const { uri } = await startLocalNeo4j(configured())
    console.log(`NEO4J_URI=${uri}`)
  })

program.command('stop').description('stop it and wait for the process to exit')
  .action(async () => {
    const { home } = configured()
    console.log(await stopLocalNeo4j(home) ? 'Neo4j stopped.' : 'Neo4j was not running.')
  })

program.command('status').description('say whether it runs and answers on Bolt (exit 3 when not)')
  .action(async () => {
    const { home, port } = configured()
    const status = await statusLocalNeo4j(home, port)
    console.log(JSON.stringify(status))
    if (!status.running) process.exitCode = 3
  })

await runCli(program)
