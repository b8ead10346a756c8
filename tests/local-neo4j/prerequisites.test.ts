// Without Java or Maven, the embedded default says in one message what to install and what the
// two alternatives are, instead of failing somewhere inside a JVM or Maven run.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

describe('local Neo4j prerequisites', () => {
  it('npm run neo4j:start without Java and Maven names what to install and the alternatives', () => {
    // An empty cache forces the runtime check; a PATH holding only node hides java, javac and mvn
    // (they usually share /usr/bin with node, so the PATH is a folder with just a link to node).
    const cache = mkdtempSync(join(tmpdir(), 'whosaid-nojava-'))
    const bin = join(cache, 'bin')
    mkdirSync(bin)
    symlinkSync(process.execPath, join(bin, 'node'))
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'tools/neo4j.ts', 'start'], {
        env: {
          PATH: bin,
          HOME: cache,
          XDG_CACHE_HOME: cache,
          NEO4J_LOCAL_PORT: '7698',
          NEO4J_LOCAL_HOME: join(cache, 'home'),
        },
        encoding: 'utf8',
        timeout: 60_000,
      })
      expect(run.status).toBe(1)
      const lines = run.stderr.trim().split('\n')
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(/needs Java 17\+ .* and Apache Maven 3\.6\+/)
      expect(lines[0]).toContain('docker compose up')
      expect(lines[0]).toContain('NEO4J_URI')
    } finally {
      rmSync(cache, { recursive: true, force: true })
    }
  })
})
