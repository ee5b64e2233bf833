// The roadmap as a reader sees it: each column's cards go down by the number each card shows. It
// ordered by score (up-votes less down-votes) while its cards said the up-votes ("11 votes" under
// "9 votes"). fast-check writes up- and down-vote counters that disagree with each other (ties, down
// votes above up votes, 9/10/99/100/10,000), then the page is rendered in each language and read.
import { sql } from 'drizzle-orm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { queryRows } from '#app/db/sql.server'
import { createTestIdea, createTestUser } from '#app/demo/factories.server'
import { listStatuses } from '#app/domain/ideas/ideas.server'
import * as roadmap from '#app/routes/roadmap'
import { supportedLocales } from '#app/utils/i18n/i18n'
import { appBuild, pageReader, pageText } from '#tests/setup/app-build'

const reader = pageReader(appBuild([{ id: 'routes/roadmap', path: 'roadmap', module: roadmap }]))

const countArb = fc.oneof(fc.constantFrom(0, 9, 10, 99, 100, 10_000), fc.nat({ max: 12 }))

/** Each column's name and the number each of its cards shows, top to bottom. */
function columnsShown(html: string) {
  return [...html.matchAll(/<section[^>]*class="roadmap__column"[^>]*>(.*?)<\/section>/gs)].map(
    ([, column]) => ({
      column: pageText(/<h2[^>]*>(.*?)<\/h2>/s.exec(column!)![1]!),
      numbers: [...column!.matchAll(/<li class="roadmap__card">(.*?)<\/li>/gs)].map(([, card]) => {
        const line = pageText(/<p class="muted">(.*?)<\/p>/s.exec(card!)![1]!)
        // "Product · Score 1.234" / "Score −3": the one number on the line, in either language.
        const number = /[-−]?\d[\d.,\u00a0\u202f]*/.exec(line)![0]
        return Number(number.replace('−', '-').replace(/[.,\u00a0\u202f]/g, ''))
      }),
    }),
  )
}

describe('the roadmap', () => {
  it('shows each column’s cards in the order of the number they show, in every language', async () => {
    const author = await createTestUser({ password: null })
    const onRoadmap = (await listStatuses()).filter((status) => status.onRoadmap)
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            status: fc.nat({ max: onRoadmap.length - 1 }),
            up: countArb,
            down: countArb,
          }),
          { minLength: 2, maxLength: 10 },
        ),
        async (drawn) => {
          // Each run reads its own ideas alone: the last run's leave the roadmap.
          await db().execute(
            sql`update ideas set status_id = (select id from statuses where slug = 'new') where author_id = ${author.id}`,
          )
          for (const { status, up, down } of drawn) {
            const idea = await createTestIdea({
              authorId: author.id,
              statusSlug: onRoadmap[status]!.slug,
              statusChangedAt: new Date(),
            })
            await db().execute(
              sql`update ideas set up_votes = ${up}, down_votes = ${down}, score = ${up - down} where id = ${idea.id}`,
            )
          }
          for (const locale of supportedLocales) {
            const { status, html } = await reader.page('/roadmap', `ideabox_lang=${locale}`)
            expect(status).toBe(200)
            const columns = columnsShown(html)
            expect(columns.length).toBe(onRoadmap.length)
            expect(columns.flatMap(({ numbers }) => numbers).length).toBe(drawn.length)
            for (const { column, numbers } of columns) {
              expect(numbers, `${locale}: ${column}`).toEqual([...numbers].sort((a, b) => b - a))
            }
          }
        },
      ),
      { numRuns: 8 },
    )
  }, 60_000)

  it('ignores a filter its form does not offer, as the form then shows "All"', async () => {
    const [retired] = await queryRows<{ id: number }>(
      db(),
      sql`insert into categories (kind, slug, name_en, name_nl, retired) values ('product', ${`retired-${Date.now()}`}, 'Old', 'Oud', true) returning id`,
    )
    const whole = columnsShown((await reader.page('/roadmap')).html)
    expect(whole.flatMap(({ numbers }) => numbers).length).toBeGreaterThan(0)
    for (const query of [
      'category=99999999',
      `category=${retired!.id}`,
      'category=abc',
      'kind=foo',
    ]) {
      const { status, html } = await reader.page(`/roadmap?${query}`)
      expect(status, query).toBe(200)
      expect(columnsShown(html), query).toEqual(whole)
      expect(html, query).not.toContain('>Show everything</a>')
    }
  })
})
