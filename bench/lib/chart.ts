// The degree sweep as an SVG chart: p50 (ms, log scale) against the actor's degree (log scale),
// one panel per side (the actor as target, as speaker), a solid line per endpoint for the current
// repository calls and a dashed one for the naive variant in the same colour, both in process so
// that the two lines differ only in the queries (the API over HTTP is in the table beside it). Plain SVG text, so it renders on GitHub
// and in any browser without a script or a chart library.
import type { SweepCell } from './sweep.js'

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f']
const W = 520
const H = 360
const M = { left: 58, right: 16, top: 34, bottom: 46 }

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

function decades (min: number, max: number): number[] {
  const out: number[] = []
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) out.push(10 ** e)
  return out
}

function panel (cells: SweepCell[], title: string, x0: number, endpoints: string[]): string {
  const xs = cells.map((c) => c.degree)
  const ys = cells.flatMap((c) => [c.current, c.naive]).filter((v) => v > 0)
  const xTicks = decades(Math.min(...xs), Math.max(...xs))
  const yTicks = decades(Math.min(...ys), Math.max(...ys))
  const [xLo, xHi] = [Math.log10(xTicks[0]!), Math.log10(xTicks.at(-1)!)]
  const [yLo, yHi] = [Math.log10(yTicks[0]!), Math.log10(yTicks.at(-1)!)]
  const px = (v: number) => x0 + M.left + ((Math.log10(v) - xLo) / (xHi - xLo || 1)) * (W - M.left - M.right)
  const py = (v: number) => M.top + (1 - (Math.log10(Math.max(v, 10 ** yLo)) - yLo) / (yHi - yLo || 1)) * (H - M.top - M.bottom)
  const out: string[] = [`<text x="${x0 + W / 2}" y="18" text-anchor="middle" font-weight="bold">${esc(title)}</text>`]
  for (const t of xTicks) {
    out.push(`<line x1="${px(t)}" y1="${M.top}" x2="${px(t)}" y2="${H - M.bottom}" stroke="#ddd"/>`)
    out.push(`<text x="${px(t)}" y="${H - M.bottom + 16}" text-anchor="middle">${t >= 1000 ? `${t / 1000}k` : t}</text>`)
  }
  for (const t of yTicks) {
    out.push(`<line x1="${x0 + M.left}" y1="${py(t)}" x2="${x0 + W - M.right}" y2="${py(t)}" stroke="#ddd"/>`)
    out.push(`<text x="${x0 + M.left - 6}" y="${py(t) + 4}" text-anchor="end">${t < 1 ? t.toFixed(1) : t}</text>`)
  }
  out.push(`<text x="${x0 + W / 2}" y="${H - 10}" text-anchor="middle">statements ${title.includes('speaker') ? 'by' : 'about'} the actor</text>`)
  out.push(`<text x="${x0 + 14}" y="${H / 2}" text-anchor="middle" transform="rotate(-90 ${x0 + 14} ${H / 2})">p50, ms</text>`)
  for (const ep of endpoints) {
    const line = cells.filter((c) => c.endpoint === ep).sort((a, b) => a.degree - b.degree)
    if (line.length === 0) continue
    const colour = COLOURS[SWEEP_ORDER(endpoints, ep) % COLOURS.length]
    for (const [way, dash] of [['current', ''], ['naive', ' stroke-dasharray="5 4"']] as const) {
      const points = line.map((c) => `${px(c.degree).toFixed(1)},${py(c[way]).toFixed(1)}`).join(' ')
      out.push(`<polyline fill="none" stroke="${colour}" stroke-width="2"${dash} points="${points}"><title>${esc(`${ep} (${way})`)}</title></polyline>`)
      for (const c of line) out.push(`<circle cx="${px(c.degree).toFixed(1)}" cy="${py(c[way]).toFixed(1)}" r="2.5" fill="${colour}"><title>${esc(`${ep} ${way}: degree ${c.degree}, p50 ${c[way].toFixed(1)} ms`)}</title></circle>`)
    }
  }
  return out.join('\n')
}

const SWEEP_ORDER = (endpoints: string[], ep: string) => endpoints.indexOf(ep)

/** The chart for one graph size's sweep. */
export function sweepChart (cells: SweepCell[], caption: string): string {
  const endpoints = [...new Set(cells.map((c) => c.endpoint))]
  const about = cells.filter((c) => c.side === 'about')
  const said = cells.filter((c) => c.side === 'said')
  const legendY = H + 10
  const legend = endpoints.map((ep, i) => {
    const x = 20 + (i % 3) * 340
    const y = legendY + Math.floor(i / 3) * 18
    return `<line x1="${x}" y1="${y}" x2="${x + 24}" y2="${y}" stroke="${COLOURS[i % COLOURS.length]}" stroke-width="2"/><text x="${x + 30}" y="${y + 4}">${esc(ep)}</text>`
  })
  const rows = Math.ceil(endpoints.length / 3)
  const height = legendY + rows * 18 + 30
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W * 2}" height="${height}" viewBox="0 0 ${W * 2} ${height}" font-family="sans-serif" font-size="11">`,
    '<rect width="100%" height="100%" fill="white"/>',
    about.length > 0 ? panel(about, 'actor as target', 0, endpoints) : '',
    said.length > 0 ? panel(said, 'actor as speaker', W, endpoints) : '',
    ...legend,
    `<text x="20" y="${height - 12}">${esc(caption)} — solid: current queries; dashed: naive (walks the actor's relationships); repository calls in process</text>`,
    '</svg>',
    '',
  ].join('\n')
}
