// `npm test`'s vitest step: the suite in two vitest processes side by side, each with a test
// Neo4j of its own, because the files of one process run one at a time (they share a database
// and reset it) and many of them spend their time waiting on a Neo4j restart, a child process or
// a browser rather than on the CPU. `npm run test:unit` is the same suite in one process.
//
// The "servers" group holds the files that start servers of their own on fixed ports (two of
// them share 7689, so they must not overlap) or install something (Chromium, redis-server, the
// Python venv); every other file is in "main", so a new test file needs no entry here. What
// both groups need from outside is installed first, once, so two apt-gets or pips never race.
// Each group writes its JUnit report to test-results/junit-<group>.xml.
import { spawn } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { ensureRuntime } from '../src/local-neo4j/launcher.js'
import { ensureChromium } from './support/chromium.js'
import { ensureRedis } from './support/redis.js'
import { ensureNetworkx } from './export/support.js'

const SERVERS = [
  'tests/faults/restart.test.ts',
  'tests/outage.test.ts',
  'tests/process.test.ts',
  'tests/config.test.ts',
  'tests/docker-image.test.ts',
  'tests/local-neo4j/prerequisites.test.ts',
  'tests/scale/scale-out.test.ts',
  'tests/export/round-trip.test.ts',
  'tests/export/formats.test.ts',
  'tests/browser/docs.test.ts',
  'tests/explorer/pages.test.ts',
  'tests/seed/cli.test.ts',
]

interface Group { name: string, files: string[], env: Record<string, string> }

const all = readdirSync('tests', { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => `tests/${f.replaceAll('\\', '/')}`)
  .sort()
const missing = SERVERS.filter((f) => !all.includes(f))
if (missing.length > 0) {
  console.error(`tests/run-groups.ts lists files that do not exist: ${missing.join(', ')}`)
  process.exit(1)
}
const groups: Group[] = [
  { name: 'main', files: all.filter((f) => !SERVERS.includes(f)), env: {} },
  {
    name: 'servers',
    files: SERVERS,
    env: {
      WHOSAID_TEST_NEO4J_PORT: process.env.WHOSAID_TEST_SERVERS_NEO4J_PORT ?? '7691',
      WHOSAID_TEST_NEO4J_HOME: process.env.WHOSAID_TEST_SERVERS_NEO4J_HOME ?? '.neo4j/test-servers',
    },
  },
]

const log = (line: string): void => console.log(`[setup] ${line}`)
ensureRuntime(undefined, log)
ensureChromium()
ensureRedis()
ensureNetworkx()

mkdirSync('test-results', { recursive: true })
// A report from an earlier single-process run would be counted with these.
rmSync('test-results/junit.xml', { force: true })

function run (group: Group): Promise<{ code: number, seconds: number }> {
  const started = Date.now()
  const junit = `test-results/junit-${group.name}.xml`
  rmSync(junit, { force: true })
  const child = spawn('npx', ['vitest', 'run', ...group.files], {
    env: { ...process.env, ...group.env, WHOSAID_TEST_JUNIT: junit },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // Lines are prefixed with the group, so the two streams can be told apart in one log.
  for (const stream of [child.stdout, child.stderr]) {
    let rest = ''
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n')
      rest = lines.pop() ?? ''
      for (const line of lines) process.stdout.write(`[${group.name}] ${line}\n`)
    })
    stream.on('end', () => { if (rest !== '') process.stdout.write(`[${group.name}] ${rest}\n`) })
  }
  return new Promise((resolve) => {
    child.on('close', (code, signal) => resolve({ code: code ?? (signal !== null ? 1 : 0), seconds: Math.round((Date.now() - started) / 1000) }))
  })
}

const results = await Promise.all(groups.map(run))
for (const [i, group] of groups.entries()) {
  const { code, seconds } = results[i]!
  console.log(`vitest ${group.name}: ${group.files.length} files, exit ${code}, ${seconds} s`)
}
process.exit(results.some((r) => r.code !== 0) ? 1 : 0)
