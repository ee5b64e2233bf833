// One home for each fact (docs: CONVENTIONS.md rule 11): a second copy of any of these, written in
// a new file, fails here with the file that holds it, so it is moved to its home before it drifts.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

const sources = readdirSync('app', { recursive: true, encoding: 'utf8' })
  .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
  .map((file) => ({
    file: path.join('app', file),
    text: readFileSync(path.join('app', file), 'utf8'),
  }))

const filesMatching = (pattern: RegExp) =>
  sources
    .filter(({ text }) => pattern.test(text))
    .map(({ file }) => file)
    .sort()

describe('each fact has one home', () => {
  it('which language is Dutch: inLocale, localName and intlTag in i18n.ts', () => {
    expect(filesMatching(/locale\s*===\s*'nl'|'nl'\s*===\s*locale|locale\s*!==\s*'en'/)).toEqual([
      path.join('app', 'utils', 'i18n', 'i18n.ts'),
    ])
  })

  it('what vote buttons are told: votingContext, not a loader of its own', () => {
    expect(filesMatching(/downVotesEnabled:\s*settings\.downVotesEnabled/)).toEqual([])
  })

  it('the columns a status badge shows: statusDisplayColumns', () => {
    expect(filesMatching(/statusNameEn:\s*statuses\.nameEn/)).toEqual([
      path.join('app', 'domain', 'ideas', 'status-display.server.ts'),
    ])
  })

  it('the similar-ideas item: SimilarIdea in ideas.rules.ts', () => {
    expect(filesMatching(/type SimilarIdea\w*\s*=/)).toEqual([
      path.join('app', 'domain', 'ideas', 'ideas.rules.ts'),
    ])
  })

  it('how text becomes URL words (idea slugs, handles): slugWords', () => {
    expect(filesMatching(/normalize\('NFKD'\)/)).toEqual([path.join('app', 'utils', 'slugs.ts')])
  })

  it('the reasons a report may give: reports.rules.ts', () => {
    expect(filesMatching(/'personal-data'/)).toEqual([
      path.join('app', 'domain', 'moderation', 'reports.rules.ts'),
    ])
  })

  it('the site-name fallback (the back office’s name, else SITE_NAME): brandingOf in settings.server.ts', () => {
    expect(filesMatching(/siteName\s*(\|\||\?\?)|env\(\)\.SITE_NAME/)).toEqual([
      path.join('app', 'domain', 'settings', 'settings.server.ts'),
    ])
  })
})
