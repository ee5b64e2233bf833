import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, describe, expect, test } from 'vitest'

import { en } from './en'
import { nl } from './nl'
import { messageKeysIn, pageMessages, readRouteMessageKeys } from './page-messages.server'

describe('the keys built JavaScript can show', () => {
  test('quoted keys in any quotes, and every key under a template prefix; not strings that are no key', () => {
    const keys = messageKeysIn(
      't("nav.ideas");t(\'nav.roadmap\');t(`nav.updates`);x("nav.noSuchKey");t(`ideas.kind.${k}`);y("ideas")',
    )
    expect([...keys].sort()).toEqual([
      'ideas.kind.experience',
      'ideas.kind.involvement',
      'ideas.kind.product',
      'nav.ideas',
      'nav.roadmap',
      'nav.updates',
    ])
  })

  test('a prefix with no dot names no keys (an id built from a word, `comment-${id}`)', () => {
    expect([...messageKeysIn('id:`comment-${n}`,b:`comment${n}`')]).toEqual([])
  })
})

describe('a page’s messages from a browser build', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'page-messages-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
    writeFileSync(path.join(root, file), text)
  }
  write('public/build/entry.client-A.js', 'import "./_shared/chunk-F.js"')
  write('public/build/_shared/chunk-F.js', '/* framework */ import("./en-X.js")')
  write('public/build/en-X.js', 'var e={"nav.main":"Main","home.heroTitle":"Got an idea?"}')
  write('public/build/root-B.js', 'import "./_shared/chunk-S.js";t("nav.skipToContent")')
  write('public/build/_shared/chunk-S.js', 't("footer.about")')
  write(
    'public/build/routes/roadmap-C.js',
    'import "./_shared/chunk-S.js";t("roadmap.title");import("./lazy-D.js")',
  )
  write('public/build/routes/lazy-D.js', 't("reports.report")')
  const output = (
    imports: [string, string][],
    entryPoint?: string,
    input = 'app/some-module.ts',
  ) => ({
    entryPoint,
    imports: imports.map(([to, kind]) => ({ path: `public/build/${to}`, kind })),
    inputs: { [input]: {} },
  })
  write(
    'build/metafile.js.json',
    JSON.stringify({
      outputs: {
        'public/build/entry.client-A.js': output(
          [['_shared/chunk-F.js', 'import-statement']],
          'app/entry.client.tsx',
        ),
        'public/build/_shared/chunk-F.js': output([['en-X.js', 'dynamic-import']]),
        'public/build/en-X.js': output([], undefined, 'app/utils/i18n/en.ts'),
        'public/build/root-B.js': output(
          [['_shared/chunk-S.js', 'import-statement']],
          'browser-route-module:root.tsx?browser',
        ),
        'public/build/_shared/chunk-S.js': output([]),
        'public/build/routes/roadmap-C.js': output(
          [
            ['_shared/chunk-S.js', 'import-statement'],
            ['routes/lazy-D.js', 'dynamic-import'],
          ],
          'browser-route-module:routes/roadmap.tsx?browser',
        ),
        'public/build/routes/lazy-D.js': output([]),
      },
    }),
  )

  test('each route has the keys of the chunks it loads, with it or on demand, not of a dictionary it may load later', () => {
    const byRoute = readRouteMessageKeys(root)!
    expect([...byRoute.get('')!]).toEqual([])
    expect([...byRoute.get('root')!].sort()).toEqual(['footer.about', 'nav.skipToContent'])
    expect([...byRoute.get('routes/roadmap')!].sort()).toEqual([
      'footer.about',
      'reports.report',
      'roadmap.title',
    ])
  })

  test('a page gets its routes’ messages in its language, and keys its data carries', () => {
    const byRoute = readRouteMessageKeys(root)!
    const matches = [
      { id: 'root' },
      {
        id: 'routes/roadmap',
        data: { errors: { title: ['validation.required'] }, name: 'nav.ideas is no key here' },
      },
    ]
    expect(pageMessages('nl', matches, byRoute)).toEqual({
      'footer.about': nl['footer.about'],
      'nav.skipToContent': nl['nav.skipToContent'],
      'reports.report': nl['reports.report'],
      'roadmap.title': nl['roadmap.title'],
      'validation.required': nl['validation.required'],
    })
  })

  test('a route the build does not know, or no build at all, gets every message', () => {
    const byRoute = readRouteMessageKeys(root)!
    expect(Object.keys(pageMessages('en', [{ id: 'routes/unknown' }], byRoute))).toHaveLength(
      Object.keys(en).length,
    )
    expect(readRouteMessageKeys(path.join(root, 'nowhere'))).toBeNull()
    expect(pageMessages('en', [{ id: 'root' }], null)).toBe(en)
  })
})
