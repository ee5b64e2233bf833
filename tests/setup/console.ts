// A test that logs an error it did not expect fails: silent failures show up as console.error.
import { afterEach, beforeEach, expect, type MockInstance, vi } from 'vitest'

let consoleError: MockInstance<typeof console.error>
let consoleWarn: MockInstance<typeof console.warn>

beforeEach(() => {
  consoleError = vi.spyOn(console, 'error')
  consoleWarn = vi.spyOn(console, 'warn')
})

/**
 * A page whose template did not give the page React's streaming renderer gave (app/entry.server.tsx):
 * the template is refused and the page still answered, so only this warning tells. Templates are
 * made by React's string renderer, so this is also where the two renderers would part.
 */
const TEMPLATE_REFUSED = /^\[page templates\] .*: a template did not give the rendered page/

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
  const refusals = consoleWarn.mock.calls.filter(
    (call) => typeof call[0] === 'string' && TEMPLATE_REFUSED.test(call[0]),
  )
  consoleWarn.mockRestore()
  expect(refusals, 'a page template was refused').toEqual([])
  // Tests that expect an error call `expectConsoleError()` below, which clears the record.
  expect(calls, 'console.error was called unexpectedly').toEqual([])
})

/** Mark the console.error calls so far as expected (returns them for assertions). */
export function expectConsoleError() {
  const calls = [...consoleError.mock.calls]
  consoleError.mockClear()
  return calls
}
