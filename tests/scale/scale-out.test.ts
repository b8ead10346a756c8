// Several API instances behind a load balancer: routing URIs work, a write's bookmarks give
// read-your-writes on the next request, and with REDIS_URL rate limits are shared.
import type { ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { hashKey } from '../../src/lib/api-keys.js'
import { parseBookmarks } from '../../src/db/request-context.js'
import { buildTestApp } from '../helpers.js'
import { seedArticle } from '../support/fixtures.js'
import { startRedis } from '../support/redis.js'

const KEY = 'scale-out-key'
const AUTH = { authorization: `Bearer ${KEY}` }
const KEYS = `scaler:write:${hashKey(KEY)}`
const REDIS_PORT = 6391

describe('scale-out', () => {
  let redis: ChildProcess
  const apps: FastifyInstance[] = []
  beforeAll(async () => {
    redis = await startRedis(REDIS_PORT)
  }, 300_000)
  afterAll(async () => {
    for (const app of apps) await app.close()
    redis?.kill()
    const app = await buildTestApp()
    await seedArticle(app.db)
    await app.close()
  }, 120_000)

  it('a neo4j:// routing URI works, and reads carry a write\'s bookmarks across instances', async () => {
    const routed = inject('neo4jUri').replace('bolt://', 'neo4j://')
    const a = await buildTestApp({ API_KEYS: KEYS }, routed)
    const b = await buildTestApp({ API_KEYS: KEYS }, routed)
    apps.push(a, b)
    const write = await a.inject({ method: 'PUT', url: '/v1/actors/scale-out-person', headers: AUTH, payload: { name: 'Scale Out', kind: 'person' } })
    expect(write.statusCode).toBe(201)
    const header = write.headers['neo4j-bookmarks']
    expect(typeof header).toBe('string')
    const bookmarks = parseBookmarks(header as string)
    expect(bookmarks?.length).toBeGreaterThan(0)
    // Another instance, given the bookmarks, reads the write.
    const read = await b.inject({ method: 'GET', url: '/v1/actors/scale-out-person', headers: { 'neo4j-bookmarks': header as string } })
    expect(read.statusCode).toBe(200)
    expect(read.json()).toMatchObject({ id: 'scale-out-person', name: 'Scale Out' })
    // A malformed bookmark header is ignored, not an error.
    expect((await b.inject({ method: 'GET', url: '/v1/actors/scale-out-person', headers: { 'neo4j-bookmarks': '%%%' } })).statusCode).toBe(200)
  })

  /** Two instances with this config, asked in turn four times each: the statuses, and instance b. */
  async function alternate (config: Record<string, string>): Promise<[number[], FastifyInstance]> {
    const a = await buildTestApp(config)
    const b = await buildTestApp(config)
    apps.push(a, b)
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) {
      statuses.push((await a.inject({ method: 'GET', url: '/v1/stats', headers: AUTH })).statusCode)
      statuses.push((await b.inject({ method: 'GET', url: '/v1/stats', headers: AUTH })).statusCode)
    }
    return [statuses, b]
  }

  it('with REDIS_URL two instances share one rate limit per key', async () => {
    const config = { API_KEYS: KEYS, RATE_LIMIT_MAX: '6', RATE_LIMIT_WINDOW_MS: '60000', REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}` }
    const [statuses, b] = await alternate(config)
    // 6 allowed in total across both instances, then 429 on whichever instance is asked.
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429])
    const limited = await b.inject({ method: 'GET', url: '/v1/stats', headers: AUTH })
    expect(limited.headers['retry-after']).toBeDefined()
    expect(limited.headers['ratelimit-limit']).toBe('6')
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/)
  })

  it('without Redis each instance counts alone (the contrast that shows the sharing)', async () => {
    const config = { API_KEYS: KEYS, RATE_LIMIT_MAX: '6', RATE_LIMIT_WINDOW_MS: '60000' }
    const [statuses] = await alternate(config)
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200])
  })
})
