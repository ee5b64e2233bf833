// Owns how the run reports: one line per named check (PASS/FAIL, what was measured), the reasons
// a check failed, and the same results plus the run's figures in tests/.artifacts/reliability.json.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export type CheckResult = {
  name: string
  passed: boolean
  summary: string
  failures?: string[]
  details?: Record<string, unknown>
}

export const ARTIFACT_DIR = path.resolve('tests/.artifacts')
const REPORT_FILE = path.join(ARTIFACT_DIR, 'reliability.json')

const useColour = process.stdout.isTTY && !process.env.NO_COLOR
const paint = (code: number, text: string) => (useColour ? `\u001b[${code}m${text}\u001b[0m` : text)

export function printCheck(check: CheckResult) {
  const mark = check.passed ? paint(32, 'PASS') : paint(31, 'FAIL')
  console.log(`  ${mark}  ${check.name.padEnd(46)} ${check.summary}`)
  for (const failure of check.failures ?? []) console.log(`          ${paint(31, '✗')} ${failure}`)
}

export function printTable(title: string, rows: [string, string | number][]) {
  console.log(`\n${title}`)
  const width = Math.max(...rows.map(([label]) => label.length))
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`)
}

export function printSummary(checks: CheckResult[], durationMs: number) {
  const failed = checks.filter((check) => !check.passed)
  console.log(
    `\n${failed.length ? paint(31, `${failed.length} of ${checks.length} checks failed`) : paint(32, `all ${checks.length} checks passed`)} in ${(durationMs / 1000).toFixed(1)} s — ${path.relative(process.cwd(), REPORT_FILE)}`,
  )
}

export function writeReport(report: Record<string, unknown>) {
  mkdirSync(ARTIFACT_DIR, { recursive: true })
  writeFileSync(REPORT_FILE, `${JSON.stringify(report, null, 2)}\n`)
}

/** The p-th percentile (0–100) of the values, rounded to a tenth. */
export function percentile(values: number[], p: number) {
  if (!values.length) return 0
  const sorted = [...values].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return Math.round(sorted[index]! * 10) / 10
}
