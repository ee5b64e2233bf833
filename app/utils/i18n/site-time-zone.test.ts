// Every time the back office shows is in the site's time zone (settings), never the server's UTC:
// each formatDateTime call in /admin pages and their components passes a time zone, and the admin
// layout names the zone once on every page.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

const backOfficeFiles = [
  ...readdirSync(path.resolve('app/routes'))
    .filter((name) => /^admin[.]?.*\.tsx$/.test(name))
    .map((name) => path.join('app/routes', name)),
  ...readdirSync(path.resolve('app/components/admin'))
    .filter((name) => name.endsWith('.tsx'))
    .map((name) => path.join('app/components/admin', name)),
]

describe('back-office times are in the site’s time zone', () => {
  it('finds the back-office files', () => expect(backOfficeFiles.length).toBeGreaterThan(20))

  it.each(backOfficeFiles)('%s: every formatDateTime passes a time zone', (file) => {
    const text = readFileSync(path.resolve(file), 'utf8')
    for (const call of text.matchAll(/formatDateTime\(([^()]*(?:\([^()]*\)[^()]*)*)\)/g)) {
      expect(call[1]!.split(',').length, `${file}: ${call[0]}`).toBeGreaterThanOrEqual(3)
    }
  })

  it('the admin layout names the zone', () => {
    expect(readFileSync(path.resolve('app/routes/admin.tsx'), 'utf8')).toContain(
      "t('admin.timesIn'",
    )
  })
})
