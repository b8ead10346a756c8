// Installs, once, what the tests and the fuzz run need from outside npm. Each part does nothing
// when its pieces are already there:
//   neo4j   the Neo4j jars (Maven Central) and the launcher class
//   debian  Chromium and redis-server (apt-get, one run)
//   python  networkx and Schemathesis (PyPI, into .venv/, one pip run)
// `npx tsx tests/prepare.ts [PART...]`, all parts when none is named. `npm test` runs each part in
// a process of its own beside the static checks (the parts mostly wait on the network), so that
// its two vitest processes never install the same thing at once.
import { ensureRuntime } from '../src/local-neo4j/launcher.js'
import { CHROMIUM_PACKAGE } from './support/chromium.js'
import { ensureDebianPackages } from './support/debian.js'
import { REDIS_PACKAGE } from './support/redis.js'
import { ensurePythonTools } from './support/python.js'

const PARTS: Record<string, () => void> = {
  neo4j: () => { ensureRuntime(undefined, (line) => console.log(line)) },
  debian: () => { ensureDebianPackages([CHROMIUM_PACKAGE, REDIS_PACKAGE]) },
  python: ensurePythonTools,
}

const asked = process.argv.slice(2)
const unknown = asked.filter((p) => !(p in PARTS))
if (unknown.length > 0) {
  console.error(`tests/prepare.ts: unknown part ${unknown.join(', ')} (${Object.keys(PARTS).join(', ')})`)
  process.exit(2)
}
for (const part of asked.length > 0 ? asked : Object.keys(PARTS)) {
  PARTS[part]!()
  console.log(`ready: ${part}`)
}
