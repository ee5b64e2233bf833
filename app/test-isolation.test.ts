// The unit and integration tests share one module graph per worker (`isolate: false`,
// vitest.config.ts), so a file that replaces a module with `vi.mock` would hand its mock to the files
// after it. Such files run in the isolated projects; this test finds them in the source, so a new one
// cannot be missed.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { expect, it } from 'vitest'

import { mockingIntegration, mockingUnit } from '../vitest.config'

const root = path.resolve(import.meta.dirname, '..')

/** The files the integration globs of vitest.config.ts match (the same four places). */
function integrationFiles() {
  const under = (dir: string, pattern: RegExp) =>
    readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
      .map((file) => path.join(dir, file).split(path.sep).join('/'))
      .filter((file) => pattern.test(file))
  return [
    ...under('app/domain', /\.server\.test\.ts$/),
    ...under('app/db', /\.test\.ts$/),
    ...under('app/routes', /\.test\.ts$/),
    ...under('tests/integration', /\.test\.ts$/),
  ].sort()
}

/** The files the unit project's glob matches: every other test file under app/. */
function unitFiles() {
  const integration = new Set(integrationFiles())
  return readdirSync(path.join(root, 'app'), { recursive: true, encoding: 'utf8' })
    .map((file) => path.join('app', file).split(path.sep).join('/'))
    .filter((file) => /\.test\.tsx?$/.test(file) && !integration.has(file))
    .sort()
}

const mocks = (file: string) =>
  /\bvi\.(?:mock|doMock|stubGlobal|stubEnv)\(/.test(readFileSync(path.join(root, file), 'utf8'))

it('runs every integration file that mocks a module, and only those, isolated', () => {
  const mocking = integrationFiles().filter(mocks)
  expect(mocking.length).toBeGreaterThan(0)
  expect([...mockingIntegration].sort()).toEqual(mocking)
})

it('runs every unit file that mocks a module, and only those, isolated', () => {
  const mocking = unitFiles().filter(mocks)
  expect(mocking.length).toBeGreaterThan(0)
  expect([...mockingUnit].sort()).toEqual(mocking)
})
