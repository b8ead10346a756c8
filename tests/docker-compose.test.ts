import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { composeProblems, dockerComposeAvailable, interpolate } from './support/docker-compose.js'

describe('docker-compose.yml', () => {
  it('is a valid Compose file: `docker compose config -q` where Compose exists, else the Compose Specification schema', () => {
    if (dockerComposeAvailable()) {
      const run = spawnSync('docker', ['compose', 'config', '-q'], { encoding: 'utf8' })
      expect(run.stderr).toBe('')
      expect(run.status).toBe(0)
    }
    expect(composeProblems('docker-compose.yml')).toEqual([])
  }, 120_000)

  it('the schema check is not a formality: it finds a misspelt key, a missing service and an undeclared volume', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-'))
    const bad = readFileSync('docker-compose.yml', 'utf8')
      .replace('healthcheck:', 'healthchek:')
      .replace('condition: service_healthy', 'condition: service_healthy\n      cache:\n        condition: service_started')
      .replace('- neo4j-data:/data', '- neo4j-dat:/data')
    writeFileSync(join(dir, 'docker-compose.yml'), bad)
    const problems = composeProblems(join(dir, 'docker-compose.yml'))
    expect(problems.join('\n')).toMatch(/healthchek/)
    expect(problems).toContain('service api depends on undefined service cache')
    expect(problems).toContain('service neo4j refers to undefined volume neo4j-dat')
  }, 120_000)

  it('interpolates like Compose: defaults, set values and $$', () => {
    // eslint-disable-next-line no-template-curly-in-string -- Compose's own ${} syntax
    expect(interpolate('a ${X:-d} ${Y-e} $$Z ${W}', { X: '', Y: '' })).toBe('a d  $Z ')
    // eslint-disable-next-line no-template-curly-in-string -- Compose's own ${} syntax
    expect(interpolate('${X:-d}', { X: 'v' })).toBe('v')
  })

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
