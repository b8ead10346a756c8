// Installs, once, what the tests and the fuzz run need from outside npm: the Neo4j jars (Maven
// Central), Chromium and redis-server (Debian), networkx and Schemathesis (PyPI, into .venv/).
// `npm test` runs it before the suite (beside the static checks: this part mostly waits on the
// network), so that its two vitest processes never install the same thing at once. Each step
// does nothing when its piece is already there. Also `npx tsx tests/prepare.ts` by hand.
import { ensureRuntime } from '../src/local-neo4j/launcher.js'
import { ensureChromium } from './support/chromium.js'
import { ensureRedis } from './support/redis.js'
import { ensureNetworkx, ensureSchemathesis } from './support/python.js'

ensureRuntime(undefined, (line) => console.log(line))
ensureChromium()
ensureRedis()
ensureNetworkx()
ensureSchemathesis()
console.log('ready: Neo4j jars, Chromium, redis-server, networkx, Schemathesis')
