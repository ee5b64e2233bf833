// /admin/insights in Dutch: the most-voted open ideas show their statuses by their Dutch names, and
// the weeks are dates as the app writes them elsewhere, not ISO dates. The CSV export is in the
// language of the person who downloads it: its header, and each idea's kind, category, status and
// channel by the names the app shows for them.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { ideas } from '#app/db/schema'
import { createTestIdea, createTestUser } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { type Channel, channels } from '#app/domain/channels/channels'
import { type IdeaKind, ideaKinds } from '#app/domain/ideas/ideas.rules'
import { listCategories } from '#app/domain/ideas/ideas.server'
import { loader } from '#app/routes/admin.insights'
import { loader as csvLoader } from '#app/routes/admin.insights[.]csv'
import {
  formatDate,
  type Locale,
  localName,
  supportedLocales,
  translator,
} from '#app/utils/i18n/i18n'
import { parseCsv, spreadsheetSeparator } from '#tests/setup/csv'
import { cookieFrom, makeContext, makeRequest } from '#tests/setup/request'

describe('the insights page in Dutch', () => {
  it('names the statuses in Dutch and writes the weeks as Dutch dates', async () => {
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const cookie = cookieFrom((await startSession(moderator.id)).cookie)
    for (const statusSlug of ['new', 'under-review', 'planned', 'in-progress'])
      await createTestIdea({ statusSlug, title: `Open idea, ${statusSlug}` })
    const page = await loader({
      request: makeRequest({
        path: '/admin/insights',
        cookie,
        headers: { 'Accept-Language': 'nl' },
      }),
      params: {},
      context: makeContext(),
    } as never)
    const statuses = page.topOpen.map((idea) => idea.status)
    expect(statuses.length).toBeGreaterThanOrEqual(4)
    for (const english of ['New', 'Under review', 'Planned', 'In progress'])
      expect(statuses).not.toContain(english)
    expect(statuses).toContain('Gepland')
    for (const week of page.weekly) {
      expect(week.week).not.toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(week.week).toMatch(/\d{4}$/)
    }
    const monday = new Date()
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7))
    expect(page.weekly.at(-1)!.week).toBe(formatDate('nl', monday.toISOString().slice(0, 10)))
  })
})

/** The export as a moderator reading in `locale` downloads it, as rows of cell values. */
async function downloadCsv(locale: Locale) {
  const moderator = await createTestUser({ role: 'moderator', password: null })
  const cookie = cookieFrom((await startSession(moderator.id)).cookie)
  const response = await csvLoader({
    request: makeRequest({
      path: '/admin/insights.csv',
      cookie,
      headers: { 'Accept-Language': locale },
    }),
    params: {},
    context: makeContext(),
  } as never)
  // Split as the reader's spreadsheet splits it: `,` in English, `;` in Dutch.
  return parseCsv(await response.text(), spreadsheetSeparator[locale]).map((row) =>
    row.map((cell) => cell.value),
  )
}

// The columns keep their places in every language (a team's tools may read them by position).
const column = { title: 1, kind: 2, category: 3, status: 4, channel: 5 }

describe('the ideas CSV export in the requester’s language', () => {
  it.each(supportedLocales)(
    'names statuses and categories in %s, as the page does',
    async (locale) => {
      // A category whose names differ between the languages.
      const category = (await listCategories()).find((row) => row.nameEn !== row.nameNl)!
      const idea = await createTestIdea({
        statusSlug: 'planned',
        categorySlug: category.slug,
        title: `Exported idea in ${locale}`,
      })
      const rows = await downloadCsv(locale)
      const row = rows.find((cells) => cells[0] === String(idea.id))!
      expect(row[column.status]).toBe(locale === 'nl' ? 'Gepland' : 'Planned')
      expect(row[column.category]).toBe(localName(locale, category))
    },
  )

  // Found in review (2026-12-06): the export listed hidden spam and withdrawn ideas among the public
  // ones with nothing to tell them apart. The last column (so the others keep their places) says
  // who can see each idea.
  it.each(supportedLocales)(
    'says in %s whether each idea is public, and why not',
    async (locale) => {
      const moment = new Date()
      const made = {
        public: await createTestIdea({ title: 'Seen by all' }),
        hidden: await createTestIdea({ title: 'Hidden by a moderator' }),
        withdrawn: await createTestIdea({ title: 'Withdrawn by its author' }),
        held: await createTestIdea({ title: 'Waiting for approval' }),
      }
      await db().update(ideas).set({ hiddenAt: moment }).where(eq(ideas.id, made.hidden.id))
      await db().update(ideas).set({ withdrawnAt: moment }).where(eq(ideas.id, made.withdrawn.id))
      await db().update(ideas).set({ heldAt: moment }).where(eq(ideas.id, made.held.id))
      const rows = await downloadCsv(locale)
      const visibility = (id: number) => rows.find((cells) => cells[0] === String(id))!.at(-1)
      const words = {
        en: {
          public: 'Public',
          hidden: 'Hidden',
          withdrawn: 'Withdrawn',
          held: 'Waiting for approval',
        },
        nl: {
          public: 'Openbaar',
          hidden: 'Verborgen',
          withdrawn: 'Ingetrokken',
          held: 'Wacht op goedkeuring',
        },
      }[locale]
      for (const [state, idea] of Object.entries(made))
        expect(visibility(idea.id), state).toBe(words[state as keyof typeof words])
    },
  )

  // The times' columns name the site's time zone (the default here), in which they are written.
  it('heads its columns in the reader’s language', async () => {
    const [english] = await downloadCsv('en')
    const [dutch] = await downloadCsv('nl')
    expect(english).toEqual([
      'ID',
      'Title',
      'Kind',
      'Category',
      'Status',
      'Channel',
      'Created at (Europe/Amsterdam)',
      'Up votes',
      'Down votes',
      'Score',
      'Comments',
      'First response due (Europe/Amsterdam)',
      'Answered at (Europe/Amsterdam)',
      'Link',
      'Visibility',
    ])
    expect(dutch).toEqual([
      'Nummer',
      'Titel',
      'Soort',
      'Categorie',
      'Status',
      'Kanaal',
      'Ingediend op (Europe/Amsterdam)',
      'Stemmen voor',
      'Stemmen tegen',
      'Score',
      'Reacties',
      'Eerste antwoord uiterlijk (Europe/Amsterdam)',
      'Beantwoord op (Europe/Amsterdam)',
      'Link',
      'Zichtbaarheid',
    ])
  })

  // Every kind and every channel the code knows, so a new one cannot be forgotten: the CSV shows the
  // word the app shows for it, in the reader's language, never the code it is stored as.
  it.each(supportedLocales)(
    'writes every kind and channel by the name the app shows for it, in %s',
    async (locale) => {
      const t = translator(locale)
      const cases: { id: number; kind: IdeaKind; channel: Channel }[] = []
      for (const [index, channel] of channels.entries()) {
        const kind = ideaKinds[index % ideaKinds.length]!
        const idea = await createTestIdea({ kind, title: `Came in by ${channel}` })
        await db().update(ideas).set({ channel }).where(eq(ideas.id, idea.id))
        cases.push({ id: idea.id, kind, channel })
      }
      expect(new Set(cases.map((row) => row.kind))).toEqual(new Set(ideaKinds))
      const rows = await downloadCsv(locale)
      for (const { id, kind, channel } of cases) {
        const row = rows.find((cells) => cells[0] === String(id))!
        expect(row[column.kind]).toBe(t(`ideas.kind.${kind}`))
        expect(row[column.kind]).not.toBe(kind)
        expect(row[column.channel]).toBe(t(`channel.${channel}`))
        expect(row[column.channel]).not.toBe(channel)
      }
    },
  )
})
