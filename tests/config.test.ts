import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { ConfigError, ConfigSchema, loadConfig } from '../src/config.js'

describe('config', () => {
  it('applies documented defaults', () => {
    const config = loadConfig({})
    expect(config.PORT).toBe(3000)
    expect(config.HOST).toBe('127.0.0.1')
    expect(config.NEO4J_URI).toBeUndefined()
    expect(config.NEO4J_DATABASE).toBe('neo4j')
    expect(config.SEED_ON_START).toBe(true)
  })

  it('converts numbers and booleans from strings', () => {
    const config = loadConfig({ PORT: '8080', SEED_ON_START: 'false', NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io' })
    expect(config.PORT).toBe(8080)
    expect(config.SEED_ON_START).toBe(false)
    expect(config.NEO4J_URI).toBe('neo4j+s://abc.databases.neo4j.io')
  })

  it.each([
    ['PORT', 'abc', /PORT="abc" is not valid; expected port the API listens on \(an integer from 0 to 65535\)/],
    ['PORT', '70000', /PORT="70000"/],
    ['NEO4J_URI', 'http://localhost:7474', /NEO4J_URI="http:\/\/localhost:7474" is not valid; expected an existing Neo4j server/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL="loud" is not valid; expected pino log level/],
    ['NEO4J_LOCAL_HEAP', 'lots', /NEO4J_LOCAL_HEAP="lots" is not valid; expected JVM heap of the local Neo4j \(a size/],
    ['SEED_ON_START', 'maybe', /SEED_ON_START="maybe"/],
  ])('rejects %s=%s naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError)
    expect(() => loadConfig({ [name]: value })).toThrow(message)
  })

  it('npm start exits 1 with one line naming a bad variable', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/start.ts'], {
      env: { ...process.env, PORT: 'not-a-port' }, encoding: 'utf8', timeout: 30_000,
    })
    expect(run.status).toBe(1)
    const lines = run.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^Invalid configuration: PORT="not-a-port" is not valid; expected port the API listens on/)
  })

  it('every variable is listed in .env.example and in the README, and nothing else is', () => {
    const names = Object.keys(ConfigSchema.properties).sort()
    const example = readFileSync('.env.example', 'utf8')
    const listed = [...example.matchAll(/^#?\s?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]).sort()
    expect([...new Set(listed)]).toEqual(names)
    const readme = readFileSync('README.md', 'utf8')
    for (const name of names) expect(readme, name).toContain(`| \`${name}\` |`)
  })
})
