import type { Command } from 'commander'
import { ConfigError } from '../../src/config.js'
import { LocalNeo4jError } from '../../src/local-neo4j/launcher.js'
import { dbErrorCode, dbFailure } from '../../src/db/errors.js'

/** Runs a command-line program; configuration and launcher errors end it with their one-line message. */
export async function runCli (program: Command): Promise<void> {
  try {
    await program.parseAsync()
  } catch (err) {
    if (err instanceof ConfigError || err instanceof LocalNeo4jError) {
      console.error(err.message)
      process.exit(1)
    }
    if (dbFailure(err) !== null) {
      // One line, no stack: loads write in whole batches, so what was written is kept and the
      // same command again writes the rest.
      // Neo4j's first sentence (its messages run on for several, with internal ids).
      const first = /^[^\n]*?[.!?](?=\s|$)|^[^\n]*/.exec(String((err as Error).message))?.[0] ?? ''
      console.error(`The graph database failed (${dbErrorCode(err) ?? 'error'}): ${first} Batches already written are kept; run the same command again to complete it.`)
      process.exit(1)
    }
    throw err
  }
}
