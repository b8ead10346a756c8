import { inject } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/app.js'
import { loadConfig, type Config } from '../src/config.js'

export function testConfig (overrides: Record<string, string> = {}): Config {
  // Load shedding is tested where it is meant (tests/faults/guards.test.ts); elsewhere a busy
  // machine's event-loop lag must not turn answers into 503s.
  return loadConfig({ LOG_LEVEL: 'silent', MAX_EVENT_LOOP_DELAY_MS: '0', ...overrides })
}

/** The real app against the test Neo4j, schema applied; close it in afterAll. */
export async function buildTestApp (overrides: Record<string, string> = {}, uri = inject('neo4jUri')): Promise<FastifyInstance> {
  const app = await buildApp(testConfig(overrides), { neo4jUri: uri, migrate: true, logger: false })
  await app.ready()
  return app
}
