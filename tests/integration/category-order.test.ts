// Categories are listed in one order everywhere: the public form groups them by kind in the order
// of `ideaKinds`, and the back office (intake, filters, the idea page, settings) listed them by the
// kind's text ("experience" first), so an agent and a customer saw different lists. One function
// orders them (categoryOrder in ideas.server.ts); every page's loader is checked against it here.
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { categories } from '#app/db/schema'
import { startSession } from '#app/domain/accounts/sessions.server'
import { ideaKinds } from '#app/domain/ideas/ideas.rules'
import { listCategories } from '#app/domain/ideas/ideas.server'
import { loader as triageLoader } from '#app/routes/admin._index'
import { loader as adminIdeasLoader } from '#app/routes/admin.ideas._index'
import { loader as adminIdeaLoader } from '#app/routes/admin.ideas.$ideaId'
import { loader as intakeLoader } from '#app/routes/admin.intake'
import { loader as settingsLoader } from '#app/routes/admin.settings'
import { loader as ideasLoader } from '#app/routes/ideas._index'
import { loader as newIdeaLoader } from '#app/routes/ideas.new'
import { createTestIdea, createTestUser } from '#tests/factories'
import { makeContext, makeRequest } from '#tests/setup/request'

type Listed = { categories: { id: number; kind: string; retired?: boolean }[] }

describe('the order of categories', () => {
  it('is one order, by kind as the public form groups them, then position, on every page that lists them', async () => {
    // Positions that would interleave kinds if position came first, added in an odd order.
    await db()
      .insert(categories)
      .values([
        {
          kind: 'involvement',
          slug: 'order-involvement',
          nameEn: 'Aa involvement',
          nameNl: 'Aa betrokkenheid',
          position: -5,
        },
        {
          kind: 'product',
          slug: 'order-product-late',
          nameEn: 'Zz product',
          nameNl: 'Zz product',
          position: 99,
        },
        {
          kind: 'experience',
          slug: 'order-experience',
          nameEn: 'Mm experience',
          nameNl: 'Mm ervaring',
          position: -10,
        },
        {
          kind: 'product',
          slug: 'order-product-early',
          nameEn: 'Bb product',
          nameNl: 'Bb product',
          position: -1,
        },
      ])
    const listed = await listCategories()
    const kinds = listed.map((category) => category.kind)
    // Grouped by kind, the groups in ideaKinds order: what the public form's optgroups show.
    expect([...new Set(kinds)]).toEqual(ideaKinds.filter((kind) => kinds.includes(kind)))
    expect(kinds).toEqual([...kinds].sort((a, b) => ideaKinds.indexOf(a) - ideaKinds.indexOf(b)))
    for (const kind of ideaKinds) {
      const positions = listed
        .filter((category) => category.kind === kind)
        .map((category) => category.position)
      expect(positions).toEqual([...positions].sort((a, b) => a - b))
    }
    const order = listed.map((category) => category.id)
    const publicForm = ideaKinds.flatMap((kind) =>
      listed.filter((category) => category.kind === kind).map((category) => category.id),
    )
    expect(publicForm).toEqual(order)

    const admin = await createTestUser({ role: 'admin', password: null })
    const cookie = (await startSession(admin.id)).cookie.split(';')[0]!
    const idea = await createTestIdea({ authorId: admin.id })
    const pages: [string, (args: never) => Promise<unknown>, Record<string, string>][] = [
      ['/ideas/new', newIdeaLoader, {}],
      ['/ideas', ideasLoader, {}],
      ['/admin/intake', intakeLoader, {}],
      ['/admin', triageLoader, {}],
      ['/admin/ideas', adminIdeasLoader, {}],
      [`/admin/ideas/${idea.id}`, adminIdeaLoader, { ideaId: String(idea.id) }],
      ['/admin/settings', settingsLoader, {}],
    ]
    for (const [path, loader, params] of pages) {
      const data = (await loader({
        request: makeRequest({ path, cookie }),
        params,
        context: makeContext(),
      } as never)) as Listed
      const ids = data.categories
        .filter((category) => !category.retired)
        .map((category) => category.id)
      expect(ids, path).toEqual(order)
    }
  })
})
