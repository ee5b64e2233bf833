// A test that logs an error it did not expect fails: silent failures show up as console.error.
import { afterEach, beforeEach, expect, type MockInstance, vi } from 'vitest'

let consoleError: MockInstance<typeof console.error>

beforeEach(() => {
  consoleError = vi.spyOn(console, 'error')
})

/**
 * React 18's development build warns when its two server renderers (react-dom/server for streamed
 * pages, its web-streams build for whole pages, app/entry.server.tsx) render the same context at
 * the same moment, which the server does on purpose: each render has its own request, and the
 * production build has no such check. Seen in CI when a refused form's page and another page were
 * rendered together (2026-12-06).
 */
const TWO_RENDERERS =
  /^Warning: Detected multiple renderers concurrently rendering the same context provider/

afterEach(() => {
  const calls = consoleError.mock.calls.filter(
    (call) => !(typeof call[0] === 'string' && TWO_RENDERERS.test(call[0])),
  )
  consoleError.mockRestore()
  // Tests that expect an error call `expectConsoleError()` below, which clears the record.
  expect(calls, 'console.error was called unexpectedly').toEqual([])
})

/** Mark the console.error calls so far as expected (returns them for assertions). */
export function expectConsoleError() {
  const calls = [...consoleError.mock.calls]
  consoleError.mockClear()
  return calls
}
