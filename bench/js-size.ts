// `npx tsx bench/js-size.ts` (after `npm run build`): every route's first-visit JavaScript, gzipped,
// against its budget, as a Markdown table (docs/performance.md, section "JavaScript").
import { JAVASCRIPT_BUDGET_KB, firstVisitJavascript, overBudget } from './bundle-size'

const rows = await firstVisitJavascript()
console.log('| route | area | KB gzipped | budget |')
console.log('|---|---|---:|---:|')
for (const row of rows) {
  const zod = row.serverOnlyPackages.length ? ` (ships ${[...new Set(row.serverOnlyPackages.map((hit) => hit.packageName))].join(', ')})` : ''
  console.log(`| ${row.routeId.replace(/^routes\//, '')} | ${row.area} | ${row.kilobytes}${zod} | ${JAVASCRIPT_BUDGET_KB[row.area]} |`)
}
const over = overBudget(rows)
const leaking = rows.filter((row) => row.serverOnlyPackages.length)
console.log(`\n${over.length} route(s) over budget, ${leaking.length} route(s) shipping a server-only package.`)
process.exitCode = over.length || leaking.length ? 1 : 0
