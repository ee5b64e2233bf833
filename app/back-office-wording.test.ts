// The back office speaks to the team, not to customers: a staff page never shows a message that
// invites its reader to post an idea (found in review: the update editor's search said "or post it
// as a new idea" of an idea that was linked already). Every message key written in a back-office
// route or component is read from the source, so a page added tomorrow is checked too.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { en, type MessageKey } from '#app/utils/i18n/en'
import { nl } from '#app/utils/i18n/nl'

const APP_DIR = import.meta.dirname
const backOfficeFiles = [
  ...readdirSync(path.join(APP_DIR, 'routes'))
    .filter((file) => /^admin[.[]/.test(file) && /\.tsx?$/.test(file))
    .map((file) => path.join('routes', file)),
  ...readdirSync(path.join(APP_DIR, 'components/admin'))
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\./.test(file))
    .map((file) => path.join('components/admin', file)),
].sort()

/** Every dictionary key quoted in the file (`t('…')`, a key in a table, a key passed on). */
function keysIn(file: string) {
  const text = readFileSync(path.join(APP_DIR, file), 'utf8')
  return [...text.matchAll(/['"`]([a-z][\w-]*(?:\.[\w-]+)+)['"`]/g)]
    .map((match) => match[1]!)
    .filter((key): key is MessageKey => key in en)
}

/** What a message says to a customer, in either language: post (plaats) your idea as a new one. */
const invitesToPost = [/\bpost it as a new idea\b/i, /\bplaats het als nieuw idee\b/i]

describe('back-office wording', () => {
  it('finds the back office’s files and their messages', () => {
    expect(backOfficeFiles.length).toBeGreaterThan(10)
    expect(backOfficeFiles.flatMap(keysIn).length).toBeGreaterThan(100)
  })

  for (const file of backOfficeFiles) {
    it(`${file} shows no message that invites its reader to post an idea`, () => {
      const customerWording = keysIn(file).filter((key) =>
        [en[key], nl[key]].some((text) => invitesToPost.some((pattern) => pattern.test(text))),
      )
      expect(customerWording).toEqual([])
    })
  }
})
