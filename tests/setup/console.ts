// A test that logs an error it did not expect fails: silent failures show up as console.error.
import { afterEach, beforeEach, expect, type MockInstance, vi } from 'vitest'

let consoleError: MockInstance<typeof console.error>

beforeEach(() => {
  consoleError = vi.spyOn(console, 'error')
})

afterEach(() => {
  const calls = consoleError.mock.calls
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
