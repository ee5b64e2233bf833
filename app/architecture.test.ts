// The architecture's rules, checked over the source so a new file cannot quietly break them:
// HTTP stays at the edge (app/routes, app/utils/http, app/server), the domain's areas import each
// other without cycles, and the app never imports the tests.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '..')

/** Every TypeScript file under `dir` (relative to the repository), tests included unless `withTests` is false. */
function sourceFiles(dir: string, { withTests = true } = {}): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && (withTests || !/\.test\.tsx?$/.test(file)))
    .map((file) => path.join(dir, file).split(path.sep).join('/'))
    .sort()
}

/** The module specifiers a file imports or re-exports (static and dynamic, type-only included). */
function importSpecifiers(text: string) {
  const specifiers: string[] = []
  for (const match of text.matchAll(
    /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm,
  )) {
    specifiers.push((match[1] ?? match[2] ?? match[3])!)
  }
  return specifiers
}

const read = (file: string) => readFileSync(path.join(root, file), 'utf8')

describe('HTTP lives at the edge', () => {
  const domainFiles = sourceFiles('app/domain', { withTests: false })

  it('finds the domain code', () => {
    expect(domainFiles.length).toBeGreaterThan(50)
  })

  it.each(domainFiles)('%s neither imports Remix nor builds a Response or Request', (file) => {
    const text = read(file)
    expect(
      importSpecifiers(text).filter((specifier) => specifier.startsWith('@remix-run/')),
    ).toEqual([])
    expect(
      text.match(
        /\bnew\s+(Response|Request|Headers)\s*\(|\bResponse\s*\.\s*(json|redirect|error)\s*\(/g,
      ) ?? [],
    ).toEqual([])
  })
})

describe('the app never imports the tests', () => {
  const appFiles = sourceFiles('app', { withTests: false })

  it.each(appFiles)('%s imports nothing from tests/', (file) => {
    const fromTests = importSpecifiers(read(file)).filter(
      (specifier) => specifier.startsWith('#tests/') || /^(\.\.\/)+tests\//.test(specifier),
    )
    expect(fromTests).toEqual([])
  })
})

/** The area a domain module belongs to (`app/domain/<area>/…`), or null outside the domain. */
function areaOf(modulePath: string) {
  const match = /^app\/domain\/([^/]+)\//.exec(modulePath)
  return match ? match[1]! : null
}

/** Which areas each area imports (type-only imports count: they tie the areas together too), with the files that do. */
function areaGraph(files: string[]) {
  const graph = new Map<string, Map<string, Set<string>>>()
  for (const file of files) {
    const from = areaOf(file)!
    for (const specifier of importSpecifiers(read(file))) {
      const target = specifier.startsWith('#app/')
        ? `app/${specifier.slice('#app/'.length)}`
        : specifier.startsWith('.')
          ? path.posix.join(path.posix.dirname(file), specifier)
          : null
      const to = target ? areaOf(target) : null
      if (!to || to === from) continue
      const edges = graph.get(from) ?? new Map<string, Set<string>>()
      edges.set(to, (edges.get(to) ?? new Set()).add(file))
      graph.set(from, edges)
    }
  }
  return graph
}

/** One cycle through the graph as `a → b → … → a`, or null when there is none. */
function findCycle(graph: Map<string, Iterable<string>>): string | null {
  const state = new Map<string, 'open' | 'done'>()
  const trail: string[] = []
  const visit = (area: string): string | null => {
    state.set(area, 'open')
    trail.push(area)
    for (const next of graph.get(area) ?? []) {
      if (state.get(next) === 'open') return [...trail.slice(trail.indexOf(next)), next].join(' → ')
      if (!state.has(next)) {
        const found = visit(next)
        if (found) return found
      }
    }
    trail.pop()
    state.set(area, 'done')
    return null
  }
  for (const area of [...graph.keys()].sort()) {
    if (state.has(area)) continue
    const found = visit(area)
    if (found) return found
  }
  return null
}

describe('the domain areas import each other without cycles', () => {
  // Issue 18 began with one loop through 14 areas (991 simple cycles); none is left. Cut a new
  // one by moving a type or rule to the area that owns it, passing a function in, or splitting a module.
  const graph = areaGraph(sourceFiles('app/domain', { withTests: false }))

  it('finds the cycle in a graph that has one, and none in a graph without', () => {
    const loop = new Map([
      ['accounts', ['ideas']],
      ['ideas', ['mail']],
      ['mail', ['accounts']],
      ['votes', ['ideas']],
    ])
    expect(findCycle(loop)).toBe('accounts → ideas → mail → accounts')
    expect(
      findCycle(
        new Map([
          ['ideas', ['accounts']],
          ['votes', ['ideas', 'accounts']],
        ]),
      ),
    ).toBeNull()
  })

  it('has no cycle between areas', () => {
    const cycle = findCycle(new Map([...graph].map(([from, edges]) => [from, [...edges.keys()]])))
    const files = cycle
      ? cycle
          .split(' → ')
          .slice(0, -1)
          .map(
            (from, index, areas) =>
              `${from} → ${areas[index + 1] ?? areas[0]}: ${[...(graph.get(from)?.get(areas[index + 1] ?? areas[0]!) ?? [])].join(', ')}`,
          )
      : []
    expect(cycle, `a cycle between areas: ${cycle}\n${files.join('\n')}`).toBeNull()
  })
})

describe('every sign-in ends the browser’s session: sessions start only through rotateSession', () => {
  // Decision 002: a sign-in (a form, a link, single sign-on, a password set) ends the session the
  // browser's cookie named, whoever's it was. `rotateSession` does; a session started any other way
  // would leave the old one alive, so only the sessions module (and tests' fixtures) may start one.
  const sessionsModule = 'app/domain/accounts/sessions.server.ts'
  const appFiles = sourceFiles('app', { withTests: false }).filter(
    (file) => file !== sessionsModule,
  )
  const startsASession =
    /\bstartSession\b|\bcreateSession(Cookie)?\s*\(|['"](lucia|@lucia-auth\/[^'"]+)['"]/g

  it('recognises each way of starting a session', () => {
    for (const text of [
      "import { startSession } from '#app/domain/accounts/sessions.server'",
      'await lucia.createSession(userId, {})',
      'auth().createSessionCookie(id)',
      "import { Lucia } from 'lucia'",
      "import { DrizzlePostgreSQLAdapter } from '@lucia-auth/adapter-drizzle'",
    ])
      expect(text.match(startsASession), text).not.toBeNull()
    expect('await rotateSession({ userId, browser })'.match(startsASession)).toBeNull()
  })

  it('finds the sign-ins, each through rotateSession', () => {
    const signIns = appFiles.filter((file) => /\brotateSession\(/.test(read(file)))
    expect(signIns.length).toBeGreaterThanOrEqual(5)
  })

  it.each(appFiles)('%s starts no session but through rotateSession', (file) => {
    expect(read(file).match(startsASession) ?? []).toEqual([])
  })
})
