// The shapes of a benchmark run's results (latest.json / quick.json), shared by the runner, the
// report and the re-renderer; kept apart from bench/run.ts, which parses its arguments on import.
import type { ApiMode } from './api.js'
import type { EndpointProfile } from './profile.js'
import type { LoadRecord } from './instances.js'
import type { Measurement } from './measure.js'
import type { Targets } from './targets.js'
import type { WriteResults } from './writes.js'
import type { ExportBenchResult } from './export.js'
import type { SweepCell } from './sweep.js'

export interface RunRow {
  endpoint: string
  title: string
  connections: number
  api: Measurement & { rssPeak: number, rssMean: number }
  driver: Measurement
  floor: Measurement & { bytes: number }
  graphql: (Measurement & { bytes: number }) | { unsupported: string }
  apiVsDriver: number
  apiVsGraphql: number | null
  apiVsFloor: number
  /** Interleaved rounds and seconds per slice actually used (slow endpoints get fewer, longer slices). */
  rounds: number
  sliceSeconds: number
}

export interface AnswerCheck {
  endpoint: string
  url: string
  status: number
  bytes: number
  items: number | null
  graphql: { bytes: number, items: number | null, errors: string | null, note: string } | { unsupported: string }
}

export interface SizeResult {
  label: string
  statements: number
  neo4j: { uri: string, version: string, home: string | null, heap: string | null, pageCache: string | null, startedByBench: boolean, startSeconds: number | null, pid: number | null }
  load: LoadRecord
  targets: Targets
  api: { startupMs: number, idleRss: number, mode: string }
  graphqlStartupMs: number | null
  answers: AnswerCheck[]
  /** Things that went wrong during the measurements (e.g. the API process ending), in order. */
  incidents: string[]
  runs: RunRow[]
  hub: RunRow[]
  /** The degree sweep (absent in results from before it was measured). */
  sweep?: SweepCell[]
  profiles: EndpointProfile[]
  hubProfiles: EndpointProfile[]
  /** The other read endpoints, profiled only. */
  otherProfiles: EndpointProfile[]
  /** GET /v1/export of the whole graph in each format (absent in results from before it was measured). */
  exports?: ExportBenchResult[]
}

export interface BenchResults {
  meta: {
    /** exports: `--exports-only`, GET /v1/export alone. */
    mode: 'quick' | 'full' | 'exports'
    /** False while the run is still going (or if it died): the file then holds what was measured so far. */
    complete: boolean
    date: string
    finished: string
    durationSeconds: number
    machine: { cpus: number, cpuModel: string, memoryGiB: number, kernel: string, loadavgStart: number[], loadavgEnd: number[] }
    versions: Record<string, string>
    git: { commit: string, dirty: boolean }
    settings: { sizes: string[], connections: number[], seconds: number, warmupSeconds: number, floorSeconds: number, rounds: number, hubConnections: number | number[], hubSeconds: number }
    apiMode: ApiMode
    /** Steps that failed (a graph size that could not be measured...). */
    errors: string[]
  }
  sizes: SizeResult[]
  writes: WriteResults | null
  writesError: string | null
  targets: TargetResult[]
}

export interface TargetResult {
  name: string
  /** null: not measured in this run (e.g. quick mode has no 1M graph). */
  pass: boolean | null
  detail: string
  /** Why, from this run's evidence, when it fails. */
  why: string | null
}
