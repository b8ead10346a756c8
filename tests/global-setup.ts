// Starts (or reuses) the test Neo4j: its own port and data folder, apart from `npm start`'s.
import type { TestProject } from 'vitest/node'
import { startLocalNeo4j, stopLocalNeo4j } from '../src/local-neo4j/launcher.js'
import { TEST_NEO4J } from './neo4j-instances.js'

let started = false

export async function setup (project: TestProject): Promise<void> {
  const result = await startLocalNeo4j({ ...TEST_NEO4J, log: (line) => console.log(`[test neo4j] ${line}`) })
  started = result.started
  project.provide('neo4jUri', result.uri)
}

export async function teardown (): Promise<void> {
  // Left running between local runs when asked, so a second `npm test` starts faster.
  if (started && process.env.WHOSAID_TEST_KEEP_NEO4J !== '1') await stopLocalNeo4j(TEST_NEO4J.home)
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string
  }
}
