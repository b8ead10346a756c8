// The API runs under the same V8 flags however it is started (src/runtime-flags.ts): by
// `npm start`, by the Docker image, and by the benchmark (which imports NODE_FLAGS itself).
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { NODE_FLAGS } from '../src/runtime-flags.js'

describe('the API process flags', () => {
  it('npm start passes NODE_FLAGS to node', () => {
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts
    expect(scripts.start).toContain(['node', ...NODE_FLAGS, 'dist/src/start.js'].join(' '))
  })

  it('the Docker image passes NODE_FLAGS to node', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync('Dockerfile', 'utf8'))?.[1]
    expect(cmd && JSON.parse(cmd)).toEqual(['node', ...NODE_FLAGS, 'dist/src/start.js'])
  })

  it('node accepts each flag', () => {
    expect(execFileSync(process.execPath, [...NODE_FLAGS, '-e', 'process.stdout.write("ok")'], { encoding: 'utf8' })).toBe('ok')
  })
})
