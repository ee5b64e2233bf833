// `npx tsx bench/js-size.ts` (after `npm run build`): every route's first-visit JavaScript, gzipped,
// against its budget, as a Markdown table (docs/performance.md, section "JavaScript").
import {
  firstVisitJavascript,
  JAVASCRIPT_CEILING_KB,
  JAVASCRIPT_TARGET_KB,
  overBudget,
} from './bundle-size'

const rows = await firstVisitJavascript()
console.log(
  '| route | area | KB gzipped | of which messages in the HTML | target | ceiling (e2e) |',
)
console.log('|---|---|---:|---:|---:|---:|')
for (const row of rows) {
  const zod = row.serverOnlyPackages.length
    ? ` (ships ${[...new Set(row.serverOnlyPackages.map((hit) => hit.packageName))].join(', ')})`
    : ''
  console.log(
    `| ${row.routeId.replace(/^routes\//, '')} | ${row.area} | ${row.kilobytes}${zod} | ${row.messagesKilobytes} | ${JAVASCRIPT_TARGET_KB[row.area]} | ${JAVASCRIPT_CEILING_KB[row.area]} |`,
  )
}
const overTarget = overBudget(rows)
const overCeiling = overBudget(rows, JAVASCRIPT_CEILING_KB)
const leaking = rows.filter((row) => row.serverOnlyPackages.length)
console.log(
  `\n${overTarget.length} route(s) over the issue's target, ${overCeiling.length} over the enforced ceiling, ${leaking.length} shipping a server-only package.`,
)
process.exitCode = overCeiling.length || leaking.length ? 1 : 0
