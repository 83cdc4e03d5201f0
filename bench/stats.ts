/** Percentile of a list of numbers (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank] ?? Number.NaN
}

export interface RunFigures {
  sessions: number
  seconds: number
  perSecond: number
  p50: number
  p99: number
}

export function figures(sessions: number, seconds: number, latencies: number[]): RunFigures {
  return {
    sessions,
    seconds,
    perSecond: sessions / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  }
}

export const fmt = (n: number, digits = 1): string => n.toFixed(digits)
