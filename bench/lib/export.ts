// Export throughput and memory: GET /v1/export in each format against a running API, reading
// the body as it streams (never holding it), while sampling the API process's RSS. bench/run.ts
// calls it after the reads of each size, or alone with --exports-only.
//
// Throughput is statements per second: the graph's statement count (from /v1/stats, or the
// `statements` option for a filtered query) over the wall time of the whole download.
import { readFileSync, writeFileSync } from 'node:fs'
import { RssSampler, rssOf } from './proc.js'

export const EXPORT_BENCH_FORMATS = ['ndjson', 'csv', 'graphml', 'gexf', 'jsonld'] as const
export type ExportBenchFormat = (typeof EXPORT_BENCH_FORMATS)[number]

export interface ExportBenchOptions {
  /** The API's base URL, e.g. http://127.0.0.1:41234 */
  base: string
  /** The API process, whose RSS is sampled (Linux /proc); or a function returning its RSS in bytes. */
  pid?: number
  sampleRss?: () => number | null
  formats?: readonly ExportBenchFormat[]
  /** Extra query parameters (filters, edges=pairs, table=actors...). */
  query?: string
  /** Statements the query selects; default: every statement, from /v1/stats. */
  statements?: number
  /** Downloads per format (the best is reported, as the machine is shared). */
  repeat?: number
  /** Bearer key, when reads need one. */
  apiKey?: string
  log?: (line: string) => void
  /** Called after each format, so a run that dies later still keeps what it measured. */
  onResult?: (done: ExportBenchResult[]) => void
}

export interface ExportBenchResult {
  format: ExportBenchFormat
  statements: number
  bytes: number
  seconds: number
  statementsPerSecond: number
  mibPerSecond: number
  /** Resident memory of the API before the download and at its peak during it. */
  rssBeforeMiB: number
  rssPeakMiB: number
  /** Largest chunk that arrived, in KiB: a streamed body arrives in many small ones. */
  largestChunkKiB: number
  chunks: number
}

const MIB = 1024 * 1024

/**
 * Resets the kernel's peak-RSS counter of a process (Linux >= 4.0: "5" to clear_refs), so that
 * VmHWM afterwards is the peak of what follows. Sampling alone can miss a spike between samples.
 */
function resetPeak (pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
    return true
  } catch {
    return false
  }
}

function peakOf (pid: number): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) * 1024 : null
  } catch {
    return null
  }
}

/** Samples RSS from a function at an interval (for a process that is not local to /proc). */
class FnSampler {
  private peak = 0
  private timer: NodeJS.Timeout | undefined
  constructor (private readonly fn: () => number | null, private readonly intervalMs = 50) {}
  start (): this {
    const take = () => { this.peak = Math.max(this.peak, this.fn() ?? 0) }
    take()
    this.timer = setInterval(take, this.intervalMs)
    return this
  }

  stop (): { peak: number } {
    clearInterval(this.timer)
    this.peak = Math.max(this.peak, this.fn() ?? 0)
    return { peak: this.peak }
  }
}

export async function benchExport (options: ExportBenchOptions): Promise<ExportBenchResult[]> {
  const headers: Record<string, string> = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}
  const sample = options.sampleRss ?? (options.pid !== undefined ? () => rssOf(options.pid!) : null)
  if (!sample) throw new Error('benchExport needs the API pid or a sampleRss function')
  let statements = options.statements
  if (statements === undefined) {
    const stats = await (await fetch(`${options.base}/v1/stats`, { headers })).json() as { nodes: Record<string, number> }
    statements = stats.nodes.Statement ?? 0
  }
  const results: ExportBenchResult[] = []
  for (const format of options.formats ?? EXPORT_BENCH_FORMATS) {
    let best: ExportBenchResult | null = null
    for (let i = 0; i < (options.repeat ?? 1); i++) {
      const rssBefore = sample() ?? 0
      const hwm = options.pid !== undefined && resetPeak(options.pid)
      const sampler = options.sampleRss ? new FnSampler(options.sampleRss).start() : new RssSampler(options.pid!, 50).start()
      const started = performance.now()
      const response = await fetch(`${options.base}/v1/export?format=${format}${options.query ? `&${options.query}` : ''}`, { headers })
      if (response.status !== 200 || !response.body) throw new Error(`export ${format} answered ${response.status}: ${await response.text()}`)
      let bytes = 0
      let chunks = 0
      let largest = 0
      const reader = response.body.getReader()
      for (;;) {
        const { done, value: chunk } = await reader.read()
        if (done) break
        bytes += chunk.byteLength
        chunks++
        largest = Math.max(largest, chunk.byteLength)
      }
      const seconds = (performance.now() - started) / 1000
      const peak = Math.max(sampler.stop().peak, hwm ? peakOf(options.pid!) ?? 0 : 0)
      const result: ExportBenchResult = {
        format,
        statements,
        bytes,
        seconds,
        statementsPerSecond: statements / seconds,
        mibPerSecond: bytes / MIB / seconds,
        rssBeforeMiB: rssBefore / MIB,
        rssPeakMiB: peak / MIB,
        largestChunkKiB: largest / 1024,
        chunks,
      }
      options.log?.(`  export ${format}: ${statements} statements, ${(bytes / MIB).toFixed(1)} MiB in ${seconds.toFixed(2)} s ` +
        `(${Math.round(result.statementsPerSecond)} statements/s), RSS ${result.rssBeforeMiB.toFixed(0)} → peak ${result.rssPeakMiB.toFixed(0)} MiB`)
      if (!best || result.seconds < best.seconds) best = result
    }
    results.push(best!)
    options.onResult?.([...results])
  }
  return results
}
