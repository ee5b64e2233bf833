// What a first visit downloads in JavaScript per main route, gzipped as the server sends it:
// the entry, the route's own module and its layouts up to root, with every chunk they import.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import type { ServerBuild } from '@remix-run/node'

export const MAIN_ROUTES: Record<string, string> = {
  home: 'routes/_index',
  ideas: 'routes/ideas._index',
  idea: 'routes/ideas.$ideaRef',
  'new idea': 'routes/ideas.new',
  roadmap: 'routes/roadmap',
  'back office': 'routes/admin._index',
}

export async function javascriptPerRoute(buildFile = path.resolve('build/index.js')) {
  const build = (await import(pathToFileURL(buildFile).href)) as ServerBuild
  const manifest = build.assets
  const publicDir = path.resolve('public')
  const gzipped = new Map<string, number>()
  const sizeOf = (url: string) => {
    let size = gzipped.get(url)
    if (size === undefined) {
      // compression's default level is zlib's default (6): the bytes a browser receives.
      size = gzipSync(readFileSync(path.join(publicDir, url))).length
      gzipped.set(url, size)
    }
    return size
  }
  const sizes: Record<string, number> = {}
  for (const [name, routeId] of Object.entries(MAIN_ROUTES)) {
    const files = new Set<string>([manifest.entry.module, ...manifest.entry.imports])
    // The route and every layout above it, up to root, load together.
    for (let id: string | undefined = routeId; id; id = manifest.routes[id]?.parentId) {
      const route = manifest.routes[id]
      if (!route) throw new Error(`No route ${id} in the build`)
      files.add(route.module)
      for (const file of route.imports ?? []) files.add(file)
    }
    let total = 0
    for (const file of files) total += sizeOf(file)
    sizes[name] = Math.round((total / 1024) * 10) / 10
  }
  return sizes
}
