// The architecture's rules, checked over the source so a new file cannot quietly break them:
// HTTP stays at the edge (app/routes, app/utils/http, app/server), and the app never imports the tests.
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
export function importSpecifiers(text: string) {
  const specifiers: string[] = []
  for (const match of text.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm)) {
    specifiers.push((match[1] ?? match[2] ?? match[3])!)
  }
  return specifiers
}

const read = (file: string) => readFileSync(path.join(root, file), 'utf8')

describe('HTTP lives at the edge', () => {
  // h18pages moves triage-page.server.ts (it takes a Request and returns redirects) out of the
  // domain; until that branch is merged the file is skipped here, and only while it exists.
  const movedByH18pages = 'app/domain/triage/triage-page.server.ts'
  const domainFiles = sourceFiles('app/domain', { withTests: false }).filter((file) => file !== movedByH18pages)

  it('finds the domain code', () => {
    expect(domainFiles.length).toBeGreaterThan(50)
  })

  it.each(domainFiles)('%s neither imports Remix nor builds a Response or Request', (file) => {
    const text = read(file)
    expect(importSpecifiers(text).filter((specifier) => specifier.startsWith('@remix-run/'))).toEqual([])
    expect(text.match(/\bnew\s+(Response|Request|Headers)\s*\(|\bResponse\s*\.\s*(json|redirect|error)\s*\(/g) ?? []).toEqual([])
  })
})

describe('the app never imports the tests', () => {
  const appFiles = sourceFiles('app', { withTests: false })

  it.each(appFiles)('%s imports nothing from tests/', (file) => {
    const fromTests = importSpecifiers(read(file)).filter((specifier) => specifier.startsWith('#tests/') || /^(\.\.\/)+tests\//.test(specifier))
    expect(fromTests).toEqual([])
  })
})
