import type { Command } from 'commander'
import { ConfigError } from '../../src/config.js'
import { LocalNeo4jError } from '../../src/local-neo4j/launcher.js'

/** Runs a command-line program; configuration and launcher errors end it with their one-line message. */
export async function runCli (program: Command): Promise<void> {
  try {
    await program.parseAsync()
  } catch (err) {
    if (err instanceof ConfigError || err instanceof LocalNeo4jError) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
}
