// `npm test`: first, side by side, the installs (tests/prepare.ts) and the static checks (eslint,
// the import boundaries, tsc, the OpenAPI lint); then, if they all pass, the suite in two vitest
// processes side by side, each with a test Neo4j of its own. The files of one process run one at
// a time (they share a database and reset it), and on a 2-core machine one such process leaves a
// core idle for much of the run, while its tests wait on a Neo4j restart, a child process or a
// browser. `npm run test:unit` is the same suite in one process.
//
// The "servers" group holds the files that start servers of their own on fixed ports (two of
// them share 7689, so they must not overlap), drive a browser or read exports with Python;
// every other file is in "main", so a new test file needs no entry here. Each group writes its
// JUnit report to test-results/junit-<group>.xml.
import { spawn } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync } from 'node:fs'

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

mkdirSync('test-results', { recursive: true })

/** Runs a command, its output lines prefixed with `name`; resolves to its exit code and seconds. */
function spawnPrefixed (name: string, command: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number, seconds: number }> {
  const started = Date.now()
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  // Lines are prefixed, so the streams that run side by side can be told apart in one log.
  for (const stream of [child.stdout, child.stderr]) {
    let rest = ''
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n')
      rest = lines.pop() ?? ''
      for (const line of lines) process.stdout.write(`[${name}] ${line}\n`)
    })
    stream.on('end', () => { if (rest !== '') process.stdout.write(`[${name}] ${rest}\n`) })
  }
  return new Promise((resolve) => {
    child.on('close', (code, signal) => resolve({ code: code ?? (signal !== null ? 1 : 0), seconds: Math.round((Date.now() - started) / 1000) }))
  })
}

// Side by side from the start: the installs, each part in a process of its own (on a new machine
// they mostly wait on Maven Central, Debian and PyPI), and the static checks (eslint, the import
// boundaries, tsc, the OpenAPI lint). Main starts once the checks and the Neo4j jars are done; it
// needs nothing else from outside. Servers waits for every install.
type Step = Promise<{ name: string, code: number, seconds: number }>
const step = (name: string, args: string[]): Step => spawnPrefixed(name, 'npx', args).then((r) => ({ name, ...r }))
const checks = [
  step('lint', ['npm', 'run', '-s', 'lint']),
  step('lint:deps', ['npm', 'run', '-s', 'lint:deps']),
  step('typecheck', ['npm', 'run', '-s', 'typecheck']),
  step('lint:openapi', ['npm', 'run', '-s', 'lint:openapi']),
]
const neo4j = step('prepare neo4j', ['tsx', 'tests/prepare.ts', 'neo4j'])
const tools = [step('prepare debian', ['tsx', 'tests/prepare.ts', 'debian']), step('prepare python', ['tsx', 'tests/prepare.ts', 'python'])]

/** Waits for the steps; false (after saying which failed) when any did. */
async function passed (group: string, steps: Step[]): Promise<boolean> {
  const done = await Promise.all(steps)
  const failed = done.filter((d) => d.code !== 0).map((d) => d.name)
  if (failed.length > 0) console.log(`not running vitest ${group}: ${failed.join(', ')} failed`)
  return failed.length === 0
}

function run (group: Group): Promise<{ code: number, seconds: number }> {
  const junit = `test-results/junit-${group.name}.xml`
  rmSync(junit, { force: true })
  return spawnPrefixed(group.name, 'npx', ['vitest', 'run', ...group.files], { ...group.env, WHOSAID_TEST_JUNIT: junit })
}

const started = performance.now()
const results = await Promise.all(groups.map(async (group) => {
  const ready = await passed(group.name, group.name === 'main' ? [...checks, neo4j] : [...checks, neo4j, ...tools])
  return ready ? await run(group) : { code: 1, seconds: 0 }
}))
for (const d of await Promise.all([...checks, neo4j, ...tools])) console.log(`${d.name}: exit ${d.code}, ${d.seconds} s`)
for (const [i, group] of groups.entries()) {
  const { code, seconds } = results[i]!
  console.log(`vitest ${group.name}: ${group.files.length} files, exit ${code}, ${seconds} s`)
}
console.log(`npm test: ${Math.round((performance.now() - started) / 1000)} s`)
process.exit(results.some((r) => r.code !== 0) ? 1 : 0)
