// Debian's redis-server for the shared-rate-limit test: installed with apt-get when missing,
// run on a loopback port of its own for the test, and stopped after it.
import { spawn, type ChildProcess } from 'node:child_process'
import { ensureDebianPackages } from './debian.js'
import { createConnection } from 'node:net'

const REDIS = '/usr/bin/redis-server'

export const REDIS_PACKAGE = { binary: REDIS, pkg: 'redis-server' }

export function ensureRedis (): string {
  ensureDebianPackages([REDIS_PACKAGE])
  return REDIS
}

export async function startRedis (port: number): Promise<ChildProcess> {
  const child = spawn(ensureRedis(), ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' }, () => { socket.end(); resolve(true) })
      socket.on('error', () => resolve(false))
    })
    if (up) return child
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  child.kill()
  throw new Error(`redis-server did not listen on ${port}`)
}
