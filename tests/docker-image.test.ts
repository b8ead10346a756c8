// What the Docker image holds, assembled without a Docker engine: the Dockerfile's runtime stage
// is read instruction by instruction, exactly the files it copies are copied into a temporary
// folder (the build stage's dist/ compiled the way the build stage compiles it), its `npm ci`
// installs production dependencies only, and its CMD starts against the test Neo4j with
// NEO4J_URI. A file the image forgets (the examples, the seed, a runtime dependency) fails here.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createDriver, Db } from '../src/db/db.js'
import { loadConfig } from '../src/config.js'
import { resetGraph } from '../src/repositories/writer.js'

interface Stage { env: Record<string, string>, cmd: string[] }

/** Applies the runtime stage's instructions to `dir`; only what an image build would do. */
function assembleRuntimeStage (dir: string, buildDist: string): Stage {
  const text = readFileSync('Dockerfile', 'utf8').replace(/\\\n/g, ' ')
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
  const from = lines.findIndex((l) => /^FROM .* AS runtime$/i.test(l))
  if (from < 0) throw new Error('Dockerfile has no `FROM ... AS runtime` stage')
  const stage: Stage = { env: {}, cmd: [] }
  for (const line of lines.slice(from + 1)) {
    const [instruction = '', ...rest] = line.split(/\s+/)
    const args = rest.join(' ')
    switch (instruction.toUpperCase()) {
      case 'ENV':
        for (const pair of args.match(/\S+=("[^"]*"|\S+)/g) ?? []) {
          const [k, ...v] = pair.split('=')
          stage.env[k!] = v.join('=').replace(/^"|"$/g, '')
        }
        break
      case 'COPY': {
        const parts = rest.filter((p) => !p.startsWith('--') || p.startsWith('--from='))
        const fromBuild = parts[0]?.startsWith('--from=')
        const paths = fromBuild ? parts.slice(1) : parts
        const dest = paths.pop()!
        for (const src of paths) {
          const source = fromBuild ? (src === '/app/dist' ? buildDist : src) : src
          const target = join(dir, dest.endsWith('/') || paths.length > 1 ? join(dest, src.split('/').pop()!) : dest)
          cpSync(source, target, { recursive: true })
        }
        break
      }
      case 'RUN':
        // Only what the runtime stage runs: the production install (and cache cleaning).
        for (const command of args.split('&&').map((c) => c.trim())) {
          if (/^npm cache clean/.test(command)) continue
          if (!/^npm ci\b/.test(command)) throw new Error(`the test does not know how to run: ${command}`)
          execFileSync('npm', command.split(/\s+/).slice(1), { cwd: dir, stdio: 'pipe' })
        }
        break
      case 'CMD':
        stage.cmd = JSON.parse(args) as string[]
        break
      case 'WORKDIR': case 'USER': case 'EXPOSE': case 'HEALTHCHECK':
        break
      default:
        throw new Error(`unexpected instruction in the runtime stage: ${line}`)
    }
  }
  return stage
}

describe('the Docker image, assembled from the Dockerfile without an engine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'whosaid-image-'))
  let child: ChildProcess
  let base = ''
  let output = ''

  beforeAll(async () => {
    const dist = join(dir, '.build-dist')
    // The build stage: `npm run build` (src/ compiled, the explorer bundled), into a folder of its own.
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', dist], { stdio: 'pipe' })
    execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'explorer/vite.config.ts', '--outDir', join(dist, 'explorer'), '--logLevel', 'warn'], { stdio: 'pipe' })
    const stage = assembleRuntimeStage(join(dir, 'app'), dist)
    rmSync(dist, { recursive: true, force: true })

    // An empty database, so the image's start seeds it as it would on a fresh deployment.
    const uri = inject('neo4jUri')
    const driver = createDriver(loadConfig({}), uri)
    await resetGraph(new Db(driver, 'neo4j', 120_000))
    await driver.close()

    const port = 3900 + Math.floor(Math.random() * 90)
    child = spawn(process.execPath, stage.cmd.slice(1), {
      cwd: join(dir, 'app'),
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...stage.env, HOST: '127.0.0.1', PORT: String(port), NEO4J_URI: uri, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout?.on('data', (c: Buffer) => { output += c.toString() })
    child.stderr?.on('data', (c: Buffer) => { output += c.toString() })
    base = `http://127.0.0.1:${port}`
    const deadline = Date.now() + 120_000
    while (Date.now() < deadline) {
      const ready = await fetch(`${base}/health/ready`).then((r) => r.status, () => 0)
      if (ready === 200) return
      if (child.exitCode !== null) throw new Error(`the image's CMD exited ${child.exitCode}:\n${output}`)
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    throw new Error(`not ready within 120 s:\n${output}`)
  }, 600_000)

  afterAll(() => {
    child?.kill('SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  })

  it('holds production dependencies only and no Java or TypeScript sources', () => {
    expect(existsSync(join(dir, 'app', 'node_modules', 'fastify'))).toBe(true)
    expect(existsSync(join(dir, 'app', 'node_modules', 'vitest'))).toBe(false)
    expect(existsSync(join(dir, 'app', 'src'))).toBe(false)
    expect(existsSync(join(dir, 'app', 'dist', 'src', 'start.js'))).toBe(true)
  })

  it('is ready, and loaded the seed into the empty database', async () => {
    expect((await fetch(`${base}/health/ready`)).status).toBe(200)
    const actor = await fetch(`${base}/v1/actors/tiktok`)
    expect(actor.status).toBe(200)
    expect(await actor.json()).toMatchObject({ id: 'tiktok' })
  })

  it('serves the explorer', async () => {
    const page = await fetch(`${base}/explore/`)
    expect(page.status).toBe(200)
    expect(await page.text()).toMatch(/<script[^>]+src="\/explore\/assets\/[^"]+\.js"/)
  })

  it('serves Swagger UI, and an OpenAPI document with the captured examples', async () => {
    const docs = await fetch(`${base}/docs/`)
    expect(docs.status).toBe(200)
    const doc = await (await fetch(`${base}/openapi.json`)).json() as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { example?: unknown }> }> }>> }
    const example = doc.paths['/v1/actors/{id}']?.get?.responses['200']?.content?.['application/json']?.example
    const captured = (JSON.parse(readFileSync('openapi/examples.json', 'utf8')) as Record<string, unknown>).getActor
    expect(captured).toBeDefined()
    expect(example).toEqual(captured)
  })
})
