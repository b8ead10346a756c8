// Guards that need a misbehaving server: a query slower than the transaction timeout, and an
// event loop too busy to serve. Both must answer 503 problem+json with Retry-After, never hang.
import { connect } from 'node:net'
import { afterEach, describe, expect, inject, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import { testConfig } from '../helpers.js'

// Counts through 10^9 rows: far longer than the 200 ms timeout below on any machine.
const SLOW_QUERY = 'UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n'

describe('guards', () => {
  let app: FastifyInstance | undefined
  afterEach(async () => { await app?.close() })

  it('a query over the Neo4j transaction timeout answers 503 problem+json with Retry-After', async () => {
    app = await buildApp(testConfig({ NEO4J_QUERY_TIMEOUT_MS: '200' }), { neo4jUri: inject('neo4jUri'), logger: false })
    app.get('/test/slow', async () => app!.db.read(SLOW_QUERY))
    await app.ready()
    const started = Date.now()
    const res = await app.inject({ method: 'GET', url: '/test/slow' })
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(res.statusCode).toBe(503)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.headers['retry-after']).toBe('5')
    expect(res.json()).toMatchObject({ type: 'urn:whosaid:problem:database-timeout', status: 503 })
  })

  it('under event-loop pressure requests are shed with 503 and Retry-After, and served again after', async () => {
    app = await buildApp(testConfig({ MAX_EVENT_LOOP_DELAY_MS: '50' }), { neo4jUri: inject('neo4jUri'), logger: false })
    await app.ready()
    expect((await app.inject({ method: 'GET', url: '/v1/stats' })).statusCode).toBe(200)
    // Sustained lag, not one stall: under-pressure compares the *mean* delay of each 1 s sample
    // with the limit, so a single 1.5 s block is averaged with the idle ticks around it and
    // may or may not shed, depending on where the sample boundary falls. 100 ms of work per
    // turn of the loop for 2.5 s makes every sample's mean about 100 ms.
    const until = Date.now() + 2500
    while (Date.now() < until) {
      const turn = Date.now() + 100
      while (Date.now() < turn) { /* busy */ }
      await new Promise((resolve) => setTimeout(resolve, 0))
    }
    const shed = await app.inject({ method: 'GET', url: '/v1/stats' })
    expect(shed.statusCode).toBe(503)
    expect(shed.headers['retry-after']).toBe('5')
    expect(shed.json()).toMatchObject({ type: 'urn:whosaid:problem:overloaded', status: 503 })
    let status = 0
    for (let i = 0; i < 50 && status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      status = (await app.inject({ method: 'GET', url: '/v1/stats' })).statusCode
    }
    expect(status).toBe(200)
  })

  it('a client that never finishes its request is cut off with 408 after REQUEST_TIMEOUT_MS', async () => {
    app = await buildApp(testConfig({ REQUEST_TIMEOUT_MS: '1000' }), { neo4jUri: inject('neo4jUri'), logger: false })
    await app.ready()
    await app.listen({ host: '127.0.0.1', port: 0 })
    const { port } = app.server.address() as { port: number }
    const started = Date.now()
    const answer = await new Promise<string>((resolve, reject) => {
      let data = ''
      const socket = connect({ host: '127.0.0.1', port }, () => {
        // Headers that never end: a slow (or malicious) client.
        socket.write('GET /v1/stats HTTP/1.1\r\nHost: 127.0.0.1\r\n')
      })
      socket.on('data', (chunk) => { data += chunk.toString() })
      socket.on('close', () => resolve(data))
      socket.on('error', reject)
      setTimeout(() => { socket.destroy(); resolve(data) }, 10_000)
    })
    expect(answer).toMatch(/^HTTP\/1\.1 408/)
    expect(Date.now() - started).toBeLessThan(5_000)
  })
})
