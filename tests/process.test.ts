// `npm start`'s entry point as a real process: it starts its own Neo4j when NEO4J_URI is unset,
// serves, and on Ctrl-C closes the API and stops that Neo4j; with NEO4J_URI set it starts nothing.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { statusLocalNeo4j, stopLocalNeo4j } from '../src/local-neo4j/launcher.js'
import { START_NEO4J } from './neo4j-instances.js'

async function freePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

interface Started { child: ChildProcess, output: () => string, exited: Promise<number | null> }

function startProcess (env: Record<string, string>): Started {
  let output = ''
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/start.ts'], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (b: Buffer) => { output += b.toString() })
  child.stderr?.on('data', (b: Buffer) => { output += b.toString() })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output: () => output, exited }
}

async function waitFor (check: () => boolean, ms: number, what: string, output: () => string): Promise<void> {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output:\n${output()}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('the start process', () => {
  let running: Started | undefined
  afterEach(async () => {
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGKILL')
      await running.exited
    }
    await stopLocalNeo4j(START_NEO4J.home)
  })

  it('with NEO4J_URI unset: starts Neo4j, serves, and Ctrl-C stops both', async () => {
    const port = await freePort()
    running = startProcess({
      PORT: String(port),
      NEO4J_LOCAL_PORT: String(START_NEO4J.port),
      NEO4J_LOCAL_HOME: START_NEO4J.home,
      NEO4J_LOCAL_HEAP: START_NEO4J.heap,
      NEO4J_LOCAL_PAGECACHE: START_NEO4J.pageCache,
    })
    const out = running.output
    await waitFor(() => out().includes('whosaid is ready'), 240_000, 'the API', out)
    expect(out()).toContain(`http://127.0.0.1:${port}/docs`)
    expect(out()).toContain(`http://127.0.0.1:${port}/openapi.json`)
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`)
    expect(ready.status).toBe(200)
    expect((await statusLocalNeo4j(START_NEO4J.home, START_NEO4J.port)).running).toBe(true)

    running.child.kill('SIGINT')
    expect(await running.exited).toBe(0)
    expect(out()).toMatch(/"msg":"shutting down"/)
    await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow()
    expect((await statusLocalNeo4j(START_NEO4J.home, START_NEO4J.port)).running).toBe(false)
  }, 300_000)

  it('with NEO4J_URI set: starts no Neo4j of its own, and SIGTERM shuts down gracefully', async () => {
    const port = await freePort()
    const unusedHome = '.neo4j/test-never-started'
    rmSync(unusedHome, { recursive: true, force: true })
    running = startProcess({
      PORT: String(port),
      NEO4J_URI: inject('neo4jUri'),
      NEO4J_LOCAL_HOME: unusedHome,
      SEED_ON_START: 'false',
    })
    const out = running.output
    await waitFor(() => out().includes('whosaid is ready'), 60_000, 'the API', out)
    expect(out()).not.toContain('Starting Neo4j')
    expect(existsSync(unusedHome)).toBe(false)
    expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200)
    // JSON log lines of a request carry its id.
    await fetch(`http://127.0.0.1:${port}/health/live`, { headers: { 'x-request-id': 'proc-test-1' } })
    await waitFor(() => out().includes('"reqId":"proc-test-1"'), 5_000, 'a log line with the request id', out)

    running.child.kill('SIGTERM')
    expect(await running.exited).toBe(0)
    expect(out()).toMatch(/"signal":"SIGTERM".*"msg":"shutting down"/)
  }, 120_000)
})
