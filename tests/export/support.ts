// Shared by the export suites: python from the project's .venv with networkx installed
// (tests/support/python.ts), and a runner for small python scripts that read an export.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PYTHON } from '../support/python.js'

export { NETWORKX_VERSION, ensureNetworkx } from '../support/python.js'

/**
 * Runs a python script with the file as argv[1]; returns what it prints as JSON. Asynchronous:
 * a synchronous child would stall the event loop long enough for load shedding to answer 503.
 */
export async function runPython<T = any> (script: string, content: string, ext: string): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'whosaid-export-'))
  const file = join(dir, `export.${ext}`)
  writeFileSync(file, content)
  const scriptFile = join(dir, 'read.py')
  writeFileSync(scriptFile, script)
  const { stdout } = await promisify(execFile)(PYTHON, [scriptFile, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  return JSON.parse(stdout) as T
}
