// Prints CI's one closing line, `tests: N passed, N failed[, N skipped]`, counted from vitest's
// JUnit reports and the fuzz run's test cases, and exits 1 when anything failed or a count is
// missing (a step that died before reporting counts as a failure, never as zero tests).
// Usage: node .ci/summary.mjs FUZZ_LOG VITEST_EXIT FUZZ_EXIT JUNIT_XML...
import { existsSync, readFileSync } from 'node:fs'

const [fuzzLogPath, vitestExit = '1', fuzzExit = '1', ...junitPaths] = process.argv.slice(2)
let passed = 0
let failed = 0
let skipped = 0
const notes = []

// One report per vitest process (npm test runs the suite in two groups).
for (const junitPath of junitPaths) {
  if (!existsSync(junitPath)) {
    failed += 1
    notes.push(`no JUnit report at ${junitPath}`)
    continue
  }
  const xml = readFileSync(junitPath, 'utf8')
  const root = /<testsuites\b[^>]*>/.exec(xml)?.[0] ?? ''
  const attr = (name) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(root)?.[1] ?? 0)
  const total = attr('tests')
  const bad = attr('failures') + attr('errors')
  const skips = (xml.match(/<skipped\b/g) ?? []).length
  passed += total - bad - skips
  failed += bad
  skipped += skips
  if (total === 0) { failed += 1; notes.push(`vitest ran no test (${junitPath})`) }
}
if (junitPaths.length === 0) { failed += 1; notes.push('no JUnit report named') }
if (vitestExit !== '0' && failed === 0) { failed += 1; notes.push(`vitest exited ${vitestExit}`) }

if (fuzzLogPath && existsSync(fuzzLogPath)) {
  const log = readFileSync(fuzzLogPath, 'utf8')
  // Schemathesis' summary: "Test cases:\n  6525 generated, 6525 passed" (with failures and skips
  // named on the same line when there are any).
  const line = /Test cases:\s*\n\s*([^\n]+)/.exec(log)?.[1] ?? ''
  const count = (word) => Number(new RegExp(`(\\d+) ${word}`).exec(line)?.[1] ?? 0)
  const generated = count('generated')
  const skips = count('skipped')
  // "7525 generated, 1 found 1 unique failure, 24 skipped" names no passed count: the cases that
  // found failures are the failed ones, the rest passed.
  const found = count('found')
  const ok = /\d+ passed/.test(line) ? count('passed') : generated - found - skips
  if (generated === 0) { failed += 1; notes.push('the fuzz run reported no test cases') }
  passed += ok
  skipped += skips
  failed += Math.max(0, generated - ok - skips)
  if (fuzzExit !== '0' && generated - ok - skips <= 0) { failed += 1; notes.push(`the fuzz run exited ${fuzzExit}`) }
} else {
  failed += 1
  notes.push(`no fuzz log at ${fuzzLogPath}`)
}

for (const note of notes) console.log(`ci: ${note}`)
console.log(`tests: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 ? 1 : 0)
