// Load generation: HTTP targets through autocannon's programmatic API (no pipelining), and
// in-process calls (the raw-driver floor) through the same number of concurrent workers.
// A measurement is made of slices: on a shared, noisy machine the variants of one endpoint run
// interleaved (API, driver, GraphQL, then again in another order...) so that each sees the same
// neighbours, and each variant's slices are pooled. Latencies are kept exactly (autocannon's own
// histogram has 1 ms resolution, too coarse for the floors) and percentiles computed from them.
import type { EventEmitter } from 'node:events'
import autocannon from 'autocannon'

export interface Measurement {
  /** Completed successful requests in the measured time. */
  requests: number
  /** Connection errors, timeouts and non-2xx answers (each is a failed request). */
  errors: number
  seconds: number
  rps: number
  /** Latency in ms. */
  p50: number
  p90: number
  p99: number
  mean: number
  max: number
  /** Measured slices pooled into this figure. */
  slices: number
  /** CPU ms the serving process spent per successful request (null when not measured). */
  cpuMsPerRequest: number | null
  /** CPU ms the Neo4j server spent per successful request (null when not measured). */
  neo4jCpuMsPerRequest: number | null
}

export interface Slice {
  latencies: number[]
  errors: number
  seconds: number
  /** CPU ms the serving process used during the slice (when the variant measures it). */
  cpuMs?: number
  /** CPU ms the Neo4j server used during the slice (when known). */
  neo4jCpuMs?: number
  firstError?: unknown
}

export interface HttpTarget {
  url: string
  method?: 'GET' | 'POST'
  body?: string
  headers?: Record<string, string>
}

export function percentile (sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index]!
}

/** Pools slices: requests and seconds add up; percentiles over every latency. */
export function pool (slices: Slice[]): Measurement {
  const all = Float64Array.from(slices.flatMap((s) => s.latencies)).sort()
  const n = all.length
  const seconds = slices.reduce((a, s) => a + s.seconds, 0)
  let sum = 0
  for (const x of all) sum += x
  const cpu = slices.every((s) => s.cpuMs !== undefined) ? slices.reduce((a, s) => a + s.cpuMs!, 0) : null
  const neo4jCpu = slices.every((s) => s.neo4jCpuMs !== undefined) ? slices.reduce((a, s) => a + s.neo4jCpuMs!, 0) : null
  return {
    requests: n,
    errors: slices.reduce((a, s) => a + s.errors, 0),
    seconds,
    rps: seconds > 0 ? n / seconds : 0,
    p50: percentile(all, 50),
    p90: percentile(all, 90),
    p99: percentile(all, 99),
    mean: n ? sum / n : NaN,
    max: n ? all[n - 1]! : NaN,
    slices: slices.length,
    cpuMsPerRequest: cpu !== null && n > 0 ? cpu / n : null,
    neo4jCpuMsPerRequest: neo4jCpu !== null && n > 0 ? neo4jCpu / n : null,
  }
}

/** Wraps a slice function so that each slice also records the CPU the serving process and Neo4j use across it. */
export function withCpu (
  slice: (seconds: number) => Promise<Slice>, cpuMs: () => number | null, neo4jCpuMs: () => number | null = () => null
): (seconds: number) => Promise<Slice> {
  return async (seconds) => {
    const before = cpuMs()
    const neo4jBefore = neo4jCpuMs()
    const result = await slice(seconds)
    const after = cpuMs()
    const neo4jAfter = neo4jCpuMs()
    return {
      ...result,
      ...(before !== null && after !== null ? { cpuMs: after - before } : {}),
      ...(neo4jBefore !== null && neo4jAfter !== null ? { neo4jCpuMs: neo4jAfter - neo4jBefore } : {}),
    }
  }
}

type Tracker = EventEmitter & PromiseLike<autocannon.Result>

/** One autocannon run against one URL. */
export async function httpSlice (target: HttpTarget, connections: number, seconds: number): Promise<Slice> {
  const latencies: number[] = []
  let non2xx = 0
  const tracker = autocannon({
    url: target.url,
    method: target.method ?? 'GET',
    ...(target.body !== undefined ? { body: target.body } : {}),
    headers: target.headers ?? {},
    connections,
    pipelining: 1,
    duration: seconds,
    timeout: 30,
  }) as unknown as Tracker
  tracker.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime)
    else non2xx++
  })
  const result = await tracker
  return { latencies, errors: result.errors + result.timeouts + non2xx, seconds: result.duration }
}

/** `connections` workers calling `work` back to back for `seconds`. */
export async function inProcessSlice (work: () => Promise<unknown>, connections: number, seconds: number): Promise<Slice> {
  const latencies: number[] = []
  const started = performance.now()
  const end = started + seconds * 1000
  let errors = 0
  let firstError: unknown
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const t0 = performance.now()
      try {
        await work()
        // Calls still running at the end are not counted, like autocannon's in-flight requests.
        const t1 = performance.now()
        if (t1 <= end) latencies.push(t1 - t0)
      } catch (err) {
        errors++
        firstError ??= err
      }
    }
  }
  await Promise.all(Array.from({ length: connections }, worker))
  // Failures (timeouts...) are results too: counted as errors, never thrown.
  return { latencies, errors, seconds: (Math.min(performance.now(), end) - started) / 1000, firstError }
}

export interface Variant {
  name: string
  slice: (seconds: number) => Promise<Slice>
  /** Around each measured slice (e.g. sampling the API's memory). */
  before?: () => void
  after?: () => void
}

/**
 * Warms every variant up, then measures them interleaved: `rounds` rounds, each variant one slice
 * of seconds / rounds per round, the order rotating from round to round. A closed-loop slice only
 * counts requests that finish inside it, so a slice must be long beside the latency: when the
 * warm-up shows requests slower than a fifth of a slice, there are fewer, longer slices (at least
 * five median latencies each, at most `maxSliceSeconds`).
 */
export async function interleaved (
  variants: Variant[], seconds: number, warmupSeconds: number, rounds: number, maxSliceSeconds = 30
): Promise<{ results: Map<string, Measurement>, rounds: number, sliceSeconds: number }> {
  let slowest = 0
  if (warmupSeconds > 0) {
    for (const v of variants) {
      const warm = await v.slice(warmupSeconds)
      const sorted = Float64Array.from(warm.latencies).sort()
      slowest = Math.max(slowest, sorted.length > 0 ? percentile(sorted, 50) : warmupSeconds * 2000)
    }
  }
  let sliceSeconds = seconds / rounds
  const needed = Math.min(maxSliceSeconds, (5 * slowest) / 1000)
  if (sliceSeconds < needed) {
    rounds = Math.max(1, Math.floor(seconds / needed))
    sliceSeconds = Math.max(seconds / rounds, needed)
  }
  const slices = new Map<string, Slice[]>(variants.map((v) => [v.name, []]))
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < variants.length; i++) {
      const v = variants[(i + r) % variants.length]!
      v.before?.()
      try {
        slices.get(v.name)!.push(await v.slice(sliceSeconds))
      } finally {
        v.after?.()
      }
    }
  }
  return { results: new Map([...slices].map(([name, list]) => [name, pool(list)])), rounds, sliceSeconds }
}
