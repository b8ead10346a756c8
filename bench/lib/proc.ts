// Child processes for the benchmark: the API under test, the HTTP floor and the GraphQL peer run
// as their own processes (so their memory and CPU are not the load generator's), plus helpers to
// wait for them, sample their resident memory, and run one-shot commands with their output.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

/** Resident set size of a process in bytes (Linux /proc), or null when it is gone. */
export function rssOf (pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) * 1024 : null
  } catch {
    return null
  }
}

const TICK_MS = 10 // USER_HZ is 100 on Linux

/** CPU time (user + system) a process has used so far, in ms (Linux /proc), or null when it is gone. */
export function cpuMsOf (pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may hold spaces) start at the closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS
  } catch {
    return null
  }
}

/** A port nobody listens on right now (the OS picks it). */
export async function freePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export interface Child {
  name: string
  proc: ChildProcess
  pid: number
  /** The last lines the child wrote (stdout and stderr). */
  output: () => string
  stop: () => Promise<void>
}

/** Starts a long-running child; its output is kept (the last 200 lines) for error messages. */
export function startChild (name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const proc = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
  if (proc.pid === undefined) throw new Error(`could not start ${name} (${command})`)
  const lines: string[] = []
  const keep = (chunk: Buffer): void => {
    lines.push(...chunk.toString('utf8').split('\n').filter((l) => l.length > 0))
    if (lines.length > 200) lines.splice(0, lines.length - 200)
  }
  proc.stdout?.on('data', keep)
  proc.stderr?.on('data', keep)
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
  return {
    name,
    proc,
    pid: proc.pid,
    output: () => lines.join('\n'),
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return
      proc.kill('SIGTERM')
      const timeout = sleep(15_000).then(() => 'timeout')
      if (await Promise.race([exited.then(() => 'exited'), timeout]) === 'timeout') {
        proc.kill('SIGKILL')
        await exited
      }
    },
  }
}

/** Polls a URL until it answers 200; fails early when the child exits. Returns the ms waited. */
export async function waitForHttp (url: string, child: Child | null, timeoutMs = 120_000, intervalMs = 20): Promise<number> {
  const started = performance.now()
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child && (child.proc.exitCode !== null || child.proc.signalCode !== null)) {
      throw new Error(`${child.name} exited (${child.proc.exitCode ?? child.proc.signalCode}) before ${url} answered:\n${child.output()}`)
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) })
      await response.arrayBuffer()
      if (response.status === 200) return performance.now() - started
    } catch {}
    await sleep(intervalMs)
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms${child ? `:\n${child.output()}` : ''}`)
}

export interface RunResult { code: number | null, output: string, ms: number }

/** Runs a command to completion, passing each output line to `onLine`. */
export async function runCommand (
  command: string, args: string[], env: NodeJS.ProcessEnv, onLine: (line: string) => void = () => {}, cwd?: string
): Promise<RunResult> {
  const started = performance.now()
  const proc = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], ...(cwd ? { cwd } : {}) })
  const out: string[] = []
  let partial = ''
  const take = (chunk: Buffer): void => {
    const text = partial + chunk.toString('utf8')
    const parts = text.split('\n')
    partial = parts.pop() ?? ''
    for (const line of parts) {
      out.push(line)
      onLine(line)
    }
  }
  proc.stdout.on('data', take)
  proc.stderr.on('data', take)
  const code = await new Promise<number | null>((resolve, reject) => {
    proc.once('error', reject)
    proc.once('close', (c) => resolve(c))
  })
  if (partial) {
    out.push(partial)
    onLine(partial)
  }
  return { code, output: out.join('\n'), ms: performance.now() - started }
}

/** Samples a process's RSS at an interval; `stop` returns the peak and mean in bytes. */
export class RssSampler {
  private readonly samples: number[] = []
  private timer: NodeJS.Timeout | undefined

  constructor (private readonly pid: number, private readonly intervalMs = 100) {}

  start (): this {
    const take = (): void => {
      const rss = rssOf(this.pid)
      if (rss !== null) this.samples.push(rss)
    }
    take()
    this.timer = setInterval(take, this.intervalMs)
    return this
  }

  stop (): { peak: number, mean: number, samples: number } {
    clearInterval(this.timer)
    const rss = rssOf(this.pid)
    if (rss !== null) this.samples.push(rss)
    const n = this.samples.length
    return {
      peak: n ? Math.max(...this.samples) : 0,
      mean: n ? this.samples.reduce((a, b) => a + b, 0) / n : 0,
      samples: n,
    }
  }
}
