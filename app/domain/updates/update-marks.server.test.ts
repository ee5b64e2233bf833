// "Built!" only when it is true (issue 16): an idea's page says Built! iff the idea is launched and a
// published update links it, whatever other updates (drafts, scheduled) link it; the editor links
// only ideas that are planned, in progress or launched, and says why it refuses the others.
import { eq } from 'drizzle-orm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { ideas, updateIdeas, updates, type UpdateStatus } from '#app/db/schema'
import { startSession } from '#app/domain/accounts/sessions.server'
import { action as editorAction, loader as editorLoader } from '#app/routes/admin.updates.$updateId'
import { loader as ideaPageLoader } from '#app/routes/ideas.$ideaRef'
import { ideaPath } from '#app/utils/idea-path'
import { createTestIdea, createTestUser, unique } from '#tests/factories'
import { cookieFrom, makeContext, makeRequest, settle } from '#tests/setup/request'

import { saveUpdate, setLinkedIdea } from './updates.server'

const statusSlugs = [
  'new',
  'under-review',
  'planned',
  'in-progress',
  'implemented',
  'declined',
  'duplicate',
] as const
const updateStatuses = [
  'draft',
  'scheduled',
  'published',
] as const satisfies readonly UpdateStatus[]
const linkable = new Set(['planned', 'in-progress', 'implemented'])

async function updateOf(status: UpdateStatus) {
  const [row] = await db()
    .insert(updates)
    .values({
      slug: unique('update'),
      title: `Update ${unique('t')}`,
      body: 'What we did.',
      status,
      publishedAt: status === 'published' ? new Date() : null,
      publishAt: status === 'scheduled' ? new Date(Date.now() + 86_400_000) : null,
    })
    .returning({ id: updates.id })
  return row!.id
}

async function ideaPage(idea: { id: number; slug: string }) {
  const path = ideaPath(idea)
  return (await ideaPageLoader({
    request: makeRequest({ path }),
    params: { ideaRef: path.slice('/ideas/'.length) },
    context: makeContext(),
  })) as Awaited<ReturnType<typeof ideaPageLoader>>
}

describe('the mark an idea’s page shows for the updates that link it', () => {
  it('is “Built!” iff the idea is launched and linked to a published update; “Mentioned” when linked but not launched', async () => {
    // Links are written straight into the table: data from before the rule, or an idea whose
    // status changed after it was linked, must still be shown truthfully.
    const plan = fc.array(
      fc.record({
        status: fc.constantFrom(...statusSlugs),
        links: fc.array(fc.constantFrom(...updateStatuses), { maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 4 },
    )
    await fc.assert(
      fc.asyncProperty(plan, async (cases) => {
        for (const { status, links } of cases) {
          const idea = await createTestIdea({ statusSlug: status })
          for (const updateStatus of links)
            await db()
              .insert(updateIdeas)
              .values({ updateId: await updateOf(updateStatus), ideaId: idea.id })
          const page = await ideaPage(idea)
          const published = links.includes('published')
          const label = `${status} linked to [${links.join(', ')}]`
          expect(page.builtIn?.mark === 'built', label).toBe(status === 'implemented' && published)
          expect(page.builtIn?.mark === 'mentioned', label).toBe(
            status !== 'implemented' && published,
          )
          expect(page.builtIn === null, label).toBe(!published)
        }
      }),
      { numRuns: 10 },
    )
  })
})

describe('which ideas an update may link', () => {
  it('only planned, in-progress and launched ideas, and not a withdrawn one', async () => {
    const marketer = await createTestUser({ role: 'marketer', password: null })
    const draft = await saveUpdate({
      actor: marketer,
      title: 'What we built this month',
      summary: '',
      body: 'News.',
    })
    if (!draft.ok) throw new Error('no draft')
    for (const status of statusSlugs) {
      const idea = await createTestIdea({ statusSlug: status })
      const result = await setLinkedIdea({
        actor: marketer,
        updateId: draft.id,
        ideaId: idea.id,
        linked: true,
      })
      expect(result, status).toEqual(
        linkable.has(status) ? { ok: true } : { ok: false, reason: 'notLinkable' },
      )
    }
    const withdrawn = await createTestIdea({ statusSlug: 'implemented' })
    await db().update(ideas).set({ withdrawnAt: new Date() }).where(eq(ideas.id, withdrawn.id))
    expect(
      await setLinkedIdea({
        actor: marketer,
        updateId: draft.id,
        ideaId: withdrawn.id,
        linked: true,
      }),
    ).toEqual({ ok: false, reason: 'notLinkable' })
  })

  it('the editor’s picker offers Link only for those, and a forged link answers 400 with the reason beside the picker', async () => {
    const marketer = await createTestUser({ role: 'marketer', password: null })
    const cookie = cookieFrom((await startSession(marketer.id)).cookie)
    const draft = await saveUpdate({
      actor: marketer,
      title: 'What we built this week',
      summary: '',
      body: 'News.',
    })
    if (!draft.ok) throw new Error('no draft')
    const params = { updateId: String(draft.id) }
    const fresh = await createTestIdea({ statusSlug: 'new' })
    const planned = await createTestIdea({ statusSlug: 'planned' })
    for (const [idea, offered] of [
      [fresh, false],
      [planned, true],
    ] as const) {
      const page = (await editorLoader({
        request: makeRequest({ path: `/admin/updates/${draft.id}?find=%23${idea.id}`, cookie }),
        params,
        context: makeContext(),
      })) as Awaited<ReturnType<typeof editorLoader>>
      expect(page.found.map((found) => [found.id, found.linkable])).toEqual([[idea.id, offered]])
    }
    const refused = (await settle(() =>
      editorAction({
        request: makeRequest({
          path: `/admin/updates/${draft.id}`,
          method: 'POST',
          form: { link: String(fresh.id) },
          cookie,
        }),
        params,
        context: makeContext(),
      }),
    )) as { data: { fieldErrors: Record<string, string[]> }; init: { status?: number } }
    expect(refused.init.status).toBe(400)
    expect(refused.data.fieldErrors.ideaId).toEqual(['updates.form.notLinkable'])
    expect(
      await db().select().from(updateIdeas).where(eq(updateIdeas.updateId, draft.id)),
    ).toHaveLength(0)
  })
})
