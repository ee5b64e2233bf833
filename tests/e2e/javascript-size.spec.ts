// What the browser gets on a first visit to each route, read from the production build this run
// serves (the web server builds before any spec runs): every route within its area's ceiling of
// gzipped JavaScript (back office 150 KB; customer 125 KB until the dictionaries are split by area,
// then the 100 KB), and no route ships zod (forms validate on the server; the browser
// needs constants, which live in zod-free *.rules.ts files).
import { expect, test } from '@playwright/test'
import { JAVASCRIPT_CEILING_KB, firstVisitJavascript, overBudget } from '../../bench/bundle-size'

test('every route ships only the JavaScript it may: within budget, without server-only packages', async () => {
  const rows = await firstVisitJavascript()
  expect(rows.length, 'routes in the build').toBeGreaterThan(50)
  expect(rows.some((row) => row.area === 'back office') && rows.some((row) => row.area === 'customer')).toBe(true)
  expect(
    rows.flatMap((row) => row.serverOnlyPackages.map((hit) => `${row.routeId}: ${hit.packageName} in ${hit.file}`)),
    'chunks bundling a server-only package',
  ).toEqual([])
  expect(
    overBudget(rows, JAVASCRIPT_CEILING_KB).map((row) => `${row.routeId} (${row.area}): ${row.kilobytes} KB > ${JAVASCRIPT_CEILING_KB[row.area]} KB`),
    'routes over their first-visit JavaScript budget',
  ).toEqual([])
})

test('a page asks for its own language’s dictionary in <head>, while the framework downloads', async ({ request }) => {
  const preloaded = async (locale: 'en' | 'nl') => {
    const html = await (await request.get('/ideas', { headers: { Cookie: `ideabox_lang=${locale}` } })).text()
    const head = html.slice(0, html.indexOf('</head>'))
    const hrefs = [...head.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((match) => match[1]!)
    const dictionaries = []
    for (const href of hrefs) {
      const chunk = await (await request.get(href)).text()
      if (chunk.includes('nav.skipToContent')) dictionaries.push(chunk)
    }
    return dictionaries
  }
  const [english, dutch] = [await preloaded('en'), await preloaded('nl')]
  expect(english).toHaveLength(1)
  expect(english[0]).toContain('Skip to content')
  expect(dutch).toHaveLength(1)
  expect(dutch[0]).toContain('Naar de inhoud')
  expect(dutch[0]).not.toContain('Skip to content')
})
