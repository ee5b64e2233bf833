// The app's real root and entry.server around a few route modules, without building the app: pages
// rendered to HTML as the server sends them (crawlers' pages whole, people's streamed).
import { createRequestHandler, type ServerBuild } from '@remix-run/node'

import * as entry from '#app/entry.server'
import * as root from '#app/root'

import remixConfig from '../../remix.config.js'
import { makeContext, makeRequest } from './request'

export type AppRoute = {
  id: string
  path?: string
  index?: boolean
  /** The layout route it renders in (default: the root). */
  parentId?: string
  module: Record<string, unknown>
}

/** A server build of the root and these routes (each a child of the root, or of its `parentId`). */
export function appBuild(routes: AppRoute[]): ServerBuild {
  const all: AppRoute[] = [
    { id: 'root', path: '', module: root },
    ...routes.map((route) => ({ ...route, parentId: route.parentId ?? 'root' })),
  ]
  return {
    mode: 'production',
    entry: { module: entry },
    routes: Object.fromEntries(all.map((route) => [route.id, route])),
    assets: {
      entry: { module: '/build/entry.client.js', imports: [] },
      routes: Object.fromEntries(
        all.map((route) => [
          route.id,
          {
            id: route.id,
            parentId: route.parentId,
            path: route.path,
            index: route.index,
            hasLoader: 'loader' in route.module,
            hasAction: 'action' in route.module,
            hasClientAction: false,
            hasClientLoader: false,
            hasErrorBoundary: 'ErrorBoundary' in route.module,
            module: `/build/${route.id}.js`,
            imports: [],
          },
        ]),
      ),
      url: '/build/manifest.js',
      version: 'test',
    },
    ...buildSettings,
  } as unknown as ServerBuild
}

/** What every test build shares with the real one (its future flags come from remix.config.js). */
export const buildSettings = {
  publicPath: '/build/',
  assetsBuildDirectory: 'public/build',
  future: remixConfig.future,
  isSpaMode: false,
}

export const crawler = { 'User-Agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' }

/** A page of `build` as a crawler gets it (the whole page at once), with this request's nonce. */
export function pageReader(build: ServerBuild) {
  const handle = createRequestHandler(build, 'production')
  return {
    handle,
    async page(path: string, cookie?: string, nonce = 'test-nonce') {
      const response = await handle(
        makeRequest({ path, cookie, headers: crawler }),
        makeContext({ nonce }),
      )
      return { status: response.status, html: await response.text(), nonce }
    },
    /** An idea's address with its slug (an id alone redirects there). */
    async canonicalPath(ideaId: number) {
      const response = await handle(makeRequest({ path: `/ideas/${ideaId}` }), makeContext())
      return new URL(response.headers.get('Location') ?? `/ideas/${ideaId}`, 'http://localhost')
        .pathname
    },
  }
}

/** The text of some HTML as a reader sees it (no scripts), entities for quotes and ampersands read back. */
export const pageText = (html: string) =>
  html
    .replace(/<script\b[^>]*>.*?<\/script>/gs, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
