// An idea's voters as CSV, in the language of the person who downloads it, as the insights CSV is:
// its header as the voters table on the idea's page heads its columns, each vote's direction and
// channel by the words the page shows for them, never the codes they are stored as. The columns
// keep their order in every language (a team's tools may read them by position).
import { describe, expect, it } from 'vitest'

import { createTestIdea, createTestUser, TEST_PASSWORD } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { type Channel, channels } from '#app/domain/channels/channels'
import { deleteAccount } from '#app/domain/privacy/personal-data.server'
import { type VoteDirection, voteDirections } from '#app/domain/votes/votes.rules'
import { castVote } from '#app/domain/votes/votes.server'
import { loader as csvLoader } from '#app/routes/admin.ideas.$ideaId.voters[.]csv'
import { type Locale, supportedLocales, translator } from '#app/utils/i18n/i18n'
import { parseCsv, spreadsheetSeparator } from '#tests/setup/csv'
import { cookieFrom, makeContext, makeRequest } from '#tests/setup/request'

/** The idea's voters CSV as a moderator reading in `locale` downloads it, as rows of cell values. */
async function downloadCsv(ideaId: number, locale: Locale) {
  const moderator = await createTestUser({ role: 'moderator', password: null })
  const cookie = cookieFrom((await startSession(moderator.id)).cookie)
  const response = await csvLoader({
    request: makeRequest({
      path: `/admin/ideas/${ideaId}/voters.csv`,
      cookie,
      headers: { 'Accept-Language': locale },
    }),
    params: { ideaId: String(ideaId) },
    context: makeContext(),
  } as never)
  expect(response.status).toBe(200)
  // Split as the reader's spreadsheet splits it: `,` in English, `;` in Dutch.
  return parseCsv(await response.text(), spreadsheetSeparator[locale]).map((row) =>
    row.map((cell) => cell.value),
  )
}

const column = { name: 0, vote: 1, channel: 2, votedAt: 3 }

describe('the voters CSV export in the downloader’s language', () => {
  it('heads its columns in the reader’s language, in a fixed order', async () => {
    const idea = await createTestIdea()
    const [english] = await downloadCsv(idea.id, 'en')
    const [dutch] = await downloadCsv(idea.id, 'nl')
    // The date's column names the site's time zone (the default here), in which it is written.
    expect(english).toEqual(['Name', 'Vote', 'Channel', 'Voted on (Europe/Amsterdam)'])
    expect(dutch).toEqual(['Naam', 'Stem', 'Kanaal', 'Gestemd op (Europe/Amsterdam)'])
  })

  // Every channel and every direction the code knows, so a new one cannot be forgotten: the CSV
  // shows the word the page shows for it, in the reader's language, never the stored code.
  it.each(supportedLocales)(
    'writes every vote direction and channel by the word the page shows, in %s',
    async (locale) => {
      const t = translator(locale)
      // A vote is stored up or down; `none` takes a vote back, so its voter is not listed.
      const word: Record<Exclude<VoteDirection, 'none'>, string> = {
        up: t('admin.voters.up'),
        down: t('admin.voters.down'),
      }
      const idea = await createTestIdea()
      const cases: { name: string; direction: VoteDirection; channel: Channel }[] = []
      for (const [index, channel] of channels.entries()) {
        const direction = voteDirections[index % voteDirections.length]!
        const voter = await createTestUser({
          password: null,
          displayName: `Voter by ${channel} ${locale}`,
        })
        // `none` takes a vote back: there is one to take back first.
        if (direction === 'none')
          expect((await castVote({ actor: voter, ideaId: idea.id, direction: 'up' })).ok).toBe(true)
        const cast = await castVote({ actor: voter, ideaId: idea.id, direction, channel })
        expect(cast.ok, `${direction} by ${channel}`).toBe(true)
        cases.push({ name: voter.displayName, direction, channel })
      }
      expect(new Set(cases.map((row) => row.direction))).toEqual(new Set(voteDirections))

      const rows = await downloadCsv(idea.id, locale)
      for (const { name, direction, channel } of cases) {
        const row = rows.find((cells) => cells[column.name] === name)
        if (direction === 'none') {
          expect(row, `${name} took the vote back`).toBeUndefined()
          continue
        }
        expect(row, name).toBeDefined()
        expect(row![column.vote]).toBe(word[direction])
        expect(row![column.vote]).not.toBe(direction)
        expect(row![column.channel]).toBe(t(`channel.${channel}`))
        expect(row![column.channel]).not.toBe(channel)
        expect(row![column.votedAt]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
      }
    },
  )

  // A deleted account's vote stays; the page calls its voter "a former member", and so does the CSV.
  it.each(supportedLocales)(
    'names a deleted account’s voter as the page does, in %s',
    async (locale) => {
      const t = translator(locale)
      const idea = await createTestIdea()
      const voter = await createTestUser()
      expect((await castVote({ actor: voter, ideaId: idea.id, direction: 'up' })).ok).toBe(true)
      const deleted = await deleteAccount({
        userId: voter.id,
        input: { currentPassword: TEST_PASSWORD, removeContent: false },
      })
      expect(deleted.ok).toBe(true)
      const rows = await downloadCsv(idea.id, locale)
      // The header, the author's own vote, the deleted voter's (the newest, so first).
      expect(rows).toHaveLength(3)
      expect(rows[1]![column.name]).toBe(t('people.formerMember'))
      expect(rows[1]![column.vote]).toBe(t('admin.voters.up'))
    },
  )
})
