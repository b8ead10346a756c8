// Stops and restarts a real Neo4j under a running app: /health/ready must follow it both ways
// without the API being rebuilt. Uses its own instance so the shared test server stays up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { startLocalNeo4j, statusLocalNeo4j, stopLocalNeo4j } from '../src/local-neo4j/launcher.js'
import { buildTestApp } from './helpers.js'
import { OUTAGE_NEO4J } from './neo4j-instances.js'

describe('Neo4j outage', () => {
  let app: FastifyInstance
  beforeAll(async () => {
    const { uri } = await startLocalNeo4j(OUTAGE_NEO4J)
    app = await buildTestApp({}, uri)
  }, 300_000)
  afterAll(async () => {
    await app?.close()
    await stopLocalNeo4j(OUTAGE_NEO4J.home)
  })

  it('starting twice reuses the running server', async () => {
    const again = await startLocalNeo4j(OUTAGE_NEO4J)
    expect(again.started).toBe(false)
    expect((await statusLocalNeo4j(OUTAGE_NEO4J.home, OUTAGE_NEO4J.port)).running).toBe(true)
  })

  it('ready turns 503 while Neo4j is down and 200 when it is back', async () => {
    expect((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200)

    expect(await stopLocalNeo4j(OUTAGE_NEO4J.home)).toBe(true)
    expect((await statusLocalNeo4j(OUTAGE_NEO4J.home, OUTAGE_NEO4J.port)).running).toBe(false)
    const down = await app.inject({ method: 'GET', url: '/health/ready' })
    expect(down.statusCode).toBe(503)
    expect(down.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(down.headers['retry-after']).toBe('5')
    expect(down.json()).toMatchObject({ type: 'urn:whosaid:problem:database-unavailable', status: 503, instance: '/health/ready' })
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200)

    const restarted = await startLocalNeo4j(OUTAGE_NEO4J)
    expect(restarted.started).toBe(true)
    const deadline = Date.now() + 30_000
    let status = 0
    while (Date.now() < deadline) {
      status = (await app.inject({ method: 'GET', url: '/health/ready' })).statusCode
      if (status === 200) break
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    expect(status).toBe(200)
  }, 240_000)
})
