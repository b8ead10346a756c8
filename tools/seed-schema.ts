// npm run seed:schema — writes graph-seed/schema/graph-seed.schema.json from the TypeBox model,
// so editors validate seed files as they type. A test fails when the committed file is stale.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { projectRoot } from '../src/lib/paths.js'
import { seedJsonSchema } from '../src/domain/json-schema.js'

const target = join(projectRoot(), 'graph-seed', 'schema', 'graph-seed.schema.json')
mkdirSync(dirname(target), { recursive: true })
writeFileSync(target, seedJsonSchema())
console.log(`wrote ${target}`)
