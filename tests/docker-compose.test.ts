import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { readFileSync } from 'node:fs'
import { ensureCompose } from './support/docker-compose.js'

describe('docker-compose.yml', () => {
  it('passes `docker compose config -q`', () => {
    const [cmd, ...args] = ensureCompose()
    const run = spawnSync(cmd!, [...args, 'config', '-q'], { encoding: 'utf8' })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
  }, 600_000)

  it('runs neo4j:5 with a healthcheck and a named volume, and the API once Neo4j is healthy', () => {
    const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as {
      services: Record<string, { image?: string, healthcheck?: unknown, volumes?: string[], depends_on?: Record<string, { condition: string }>, build?: unknown }>
      volumes: Record<string, unknown>
    }
    expect(compose.services.neo4j?.image).toBe('neo4j:5')
    expect(compose.services.neo4j?.healthcheck).toBeDefined()
    expect(compose.services.neo4j?.volumes?.[0]).toMatch(/^neo4j-data:/)
    expect(Object.keys(compose.volumes)).toContain('neo4j-data')
    expect(compose.services.api?.build).toBeDefined()
    expect(compose.services.api?.depends_on?.neo4j?.condition).toBe('service_healthy')
  })

  it('the Dockerfile is multi-stage and runs as a non-root user', () => {
    const dockerfile = readFileSync('Dockerfile', 'utf8')
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2)
    expect(dockerfile).toMatch(/^USER node$/m)
  })
})
