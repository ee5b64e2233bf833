// patches/@remix-run+router+1.23.3.patch (docs/UPGRADING.md): the server's copy of Remix's router
// ranks a route tree once per tree and compiles each route pattern once. These tests say whether
// the patch is applied, whether it still answers exactly as the unpatched router does, and whether
// the installed router still needs it (its unpatched build ranks every route on every match).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

import { describe, expect, it } from 'vitest'

const require = createRequire(import.meta.url)
const patchedFile = require.resolve('@remix-run/router')
// The ES module build is the browser's: patch-package leaves it as published.
const publishedFile = patchedFile.replace(/router\.cjs\.js$/, 'router.js')

type Route = { id: string; path?: string; index?: boolean; children?: Route[] }
type Match = {
  route: { id: string }
  params: Record<string, string | undefined>
  pathnameBase: string
}
type MatchRoutes = (routes: Route[], location: string) => Match[] | null

const tree = (): Route[] => [
  {
    id: 'root',
    path: '/',
    children: [
      { id: 'home', index: true },
      { id: 'ideas', path: 'ideas' },
      { id: 'idea', path: 'ideas/:ideaRef' },
      { id: 'vote', path: 'ideas/:ideaRef/vote' },
      { id: 'new', path: 'ideas/new' },
      {
        id: 'admin',
        path: 'admin',
        children: [
          { id: 'admin-index', index: true },
          { id: 'triage', path: 'triage' },
        ],
      },
      { id: 'splat', path: '*' },
    ],
  },
]
const paths = [
  '/',
  '/ideas',
  '/ideas/new',
  '/ideas/12-oat-milk',
  '/ideas/12-oat-milk/vote',
  '/admin',
  '/admin/triage',
  '/nowhere/at/all',
  '/IDEAS',
]

function summary(matches: Match[] | null) {
  return (
    matches?.map((match) => ({
      id: match.route.id,
      params: match.params,
      base: match.pathnameBase,
    })) ?? null
  )
}

describe('the patched route matching of @remix-run/router', () => {
  it('is applied to the build the server loads', () => {
    const source = readFileSync(patchedFile, 'utf8')
    expect(source).toContain('function rankedBranchesOf(routes)')
    expect(source).toContain('const compiledPaths = new Map()')
  })

  it('matches exactly as the published router does, for the same tree and for a new one', async () => {
    const patched = (require(patchedFile) as { matchRoutes: MatchRoutes }).matchRoutes
    const published = ((await import(publishedFile)) as { matchRoutes: MatchRoutes }).matchRoutes
    const routes = tree()
    for (const path of [...paths, ...paths])
      expect(summary(patched(routes, path)), path).toEqual(summary(published(routes, path)))
    // A different tree (Remix dev's rebuild) is ranked afresh, never answered from the old one.
    const changed = tree()
    changed[0]!.children = changed[0]!.children!.filter((route) => route.id !== 'new')
    expect(summary(patched(changed, '/ideas/new'))).toEqual(
      summary(published(changed, '/ideas/new')),
    )
    expect(summary(patched(changed, '/ideas/new'))!.at(-1)!.id).toBe('idea')
  })

  it('is still needed: the published router ranks every route on every match', () => {
    const published = readFileSync(publishedFile, 'utf8')
    const matchRoutesImpl = published.slice(
      published.indexOf('function matchRoutesImpl('),
      published.indexOf('function convertRouteMatchToUiMatch('),
    )
    // When this fails, the router caches by itself: drop the patch (docs/UPGRADING.md).
    expect(matchRoutesImpl).toContain('flattenRoutes(routes)')
    expect(published).not.toContain('rankedBranchesOf')
  })
})
