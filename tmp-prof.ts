// temporary: times whole-graph list pages and the export's statement pages (not committed)
import { loadConfig } from './src/config.js'
import { connect } from './tools/lib/connect.js'
import { StatementsRepository, hydrateStatements } from './src/repositories/statements.js'

const config = loadConfig()
const { db, close } = await connect(config, (l) => console.error(l), 600_000)
const repo = new StatementsRepository(db)
let cursor: string | undefined
let n = 0
const t0 = performance.now()
let tList = 0
let tHyd = 0
for (let page = 0; page < Number(process.env.PAGES ?? 40); page++) {
  const a = performance.now()
  const { ids, next } = await repo.listIds({}, { limit: 500, ...(cursor ? { cursor } : {}) })
  const b = performance.now()
  await hydrateStatements(db, ids)
  const c = performance.now()
  tList += b - a; tHyd += c - b
  n += ids.length
  if (page % 10 === 0) console.log(`page ${page}: list ${(b - a).toFixed(0)} ms, hydrate ${(c - b).toFixed(0)} ms`)
  if (!next) break
  cursor = next
}
console.log(`${n} statements in ${((performance.now() - t0) / 1000).toFixed(1)} s: list ${(tList / 1000).toFixed(1)} s, hydrate ${(tHyd / 1000).toFixed(1)} s`)
if (process.env.PROFILE) {
  const rows = await db.read('PROFILE MATCH (s:Statement) WHERE s.dateStart <= $scanFrom WITH s WHERE true AND ($type IS NULL OR s.attribution = $type) WITH s ORDER BY s.dateStart DESC, s.id DESC LIMIT 501 RETURN s.id AS id', { scanFrom: '2015-01-01', type: null })
  console.log(rows.length)
}
await close()
