// What the browser gets on a first visit to each route, read from the production build this run
// serves (the web server builds before any spec runs): every route within its area's ceiling of
// gzipped JavaScript and page messages (back office 150 KB, customer 100 KB), and no route ships
// zod (forms validate on the server; the browser needs constants, which live in zod-free
// *.rules.ts files). A page carries its messages in its HTML; a dictionary loads only when needed.
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'

import { en } from '#app/utils/i18n/en'

import { firstVisitJavascript, JAVASCRIPT_CEILING_KB, overBudget } from '../../bench/bundle-size'
import { expect, test } from './fixtures'

test('every route ships only the JavaScript it may: within budget, without server-only packages', async () => {
  const rows = await firstVisitJavascript()
  expect(rows.length, 'routes in the build').toBeGreaterThan(50)
  expect(
    rows.some((row) => row.area === 'back office') && rows.some((row) => row.area === 'customer'),
  ).toBe(true)
  expect(
    rows.flatMap((row) =>
      row.serverOnlyPackages.map((hit) => `${row.routeId}: ${hit.packageName} in ${hit.file}`),
    ),
    'chunks bundling a server-only package',
  ).toEqual([])
  expect(
    overBudget(rows, JAVASCRIPT_CEILING_KB).map(
      (row) =>
        `${row.routeId} (${row.area}): ${row.kilobytes} KB > ${JAVASCRIPT_CEILING_KB[row.area]} KB`,
    ),
    'routes over their first-visit JavaScript budget',
  ).toEqual([])
})

test('the build’s files are sent as compressed when built: brotli, else gzip (the sizes counted above), else as they are', async ({
  request,
}) => {
  const idea = (await firstVisitJavascript()).find((row) => row.routeId === 'routes/ideas.$ideaRef')
  const large = idea!.files.filter((url) => statSync(path.join('public', url)).size >= 1024)
  expect(large.length, 'files of the idea page worth compressing').toBeGreaterThan(2)
  for (const url of large) {
    const file = path.join('public', url)
    for (const [accept, encoding, copy] of [
      ['gzip, deflate, br', 'br', `${file}.br`],
      ['gzip, deflate', 'gzip', `${file}.gz`],
      ['identity', undefined, file],
    ] as const) {
      const response = await request.get(url, { headers: { 'Accept-Encoding': accept } })
      const headers = response.headers()
      expect(headers['content-encoding'], `${url} for ${accept}`).toBe(encoding)
      expect(Number(headers['content-length']), `${url} for ${accept}`).toBe(statSync(copy).size)
      expect(headers['content-type']).toMatch(/^(text|application)\/javascript/)
      expect(headers['cache-control']).toContain('immutable')
      expect(headers.vary).toMatch(/Accept-Encoding/i)
      expect((await response.body()).equals(readFileSync(file)), `${url} for ${accept}`).toBe(true)
    }
  }
})

/** The messages a page's HTML carries (page-messages.tsx). */
function pageMessagesIn(html: string) {
  const json = /<script type="application\/json" id="page-messages"[^>]*>(.*?)<\/script>/s.exec(
    html,
  )?.[1]
  return json ? (JSON.parse(json) as { locale: string; messages: Record<string, string> }) : null
}

test('a page carries the messages it shows, in its language, and asks for no dictionary', async ({
  request,
}) => {
  for (const [locale, skip] of [
    ['en', 'Skip to content'],
    ['nl', 'Naar de inhoud'],
  ] as const) {
    const html = await (
      await request.get('/ideas', { headers: { Cookie: `ideabox_lang=${locale}` } })
    ).text()
    const carried = pageMessagesIn(html)
    expect(carried?.locale).toBe(locale)
    expect(carried?.messages['nav.skipToContent']).toBe(skip)
    expect(carried?.messages['ideas.title']).toBeDefined()
    // Only this page's: a small part of the dictionary, and no audit-log or email wording.
    const keys = Object.keys(carried?.messages ?? {})
    expect(keys.length).toBeLessThan(Object.keys(en).length / 5)
    expect(keys.filter((key) => /^(audit|email)\./.test(key))).toEqual([])
    const head = html.slice(0, html.indexOf('</head>'))
    for (const [, href] of head.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)) {
      expect(await (await request.get(href!)).text(), `${href} is no dictionary`).not.toContain(
        '"nav.skipToContent":',
      )
    }
  }
})

test('a first visit hydrates without a dictionary; a navigation to another page fetches its language’s, and shows it', async ({
  page,
}) => {
  const dictionaries: string[] = []
  page.on('response', async (response) => {
    if (response.url().endsWith('.js') && (await response.text()).includes('"nav.skipToContent":'))
      dictionaries.push(response.url())
  })
  await page
    .context()
    .addCookies([{ name: 'ideabox_lang', value: 'nl', domain: 'localhost', path: '/' }])
  await page.goto('/ideas')
  await expect(page.getByRole('heading', { level: 1, name: 'Ideeën' })).toBeVisible()
  // Hydrated: the router is running.
  await page.waitForFunction(
    () => (window as unknown as { __remixRouter?: unknown }).__remixRouter !== undefined,
  )
  await page.waitForLoadState('networkidle')
  expect(dictionaries).toEqual([])
  await page.getByRole('link', { name: 'Roadmap' }).first().click()
  await expect(page.getByRole('heading', { level: 1, name: 'Roadmap' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Inloggen', exact: true })).toBeVisible()
  await expect.poll(() => dictionaries.length).toBe(1)
})
