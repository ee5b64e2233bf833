// /admin/updates/:id: each form of the editor posts its intent, and each intent is its own command;
// one it does not know answers 400 on the page.
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { updateIdeas, updates } from '#app/db/schema'
import { createTestIdea, createTestUser } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { saveUpdate } from '#app/domain/updates/updates.server'
import { action } from '#app/routes/admin.updates.$updateId'
import { cookieFrom, makeContext, makeRequest, settle, statusOf } from '#tests/setup/request'

async function editor() {
  const marketer = await createTestUser({ role: 'marketer', password: null })
  const cookie = cookieFrom((await startSession(marketer.id)).cookie)
  const draft = await saveUpdate({
    actor: marketer,
    title: 'Intents of the editor',
    summary: '',
    body: 'The saved words.',
  })
  if (!draft.ok) throw new Error('no draft')
  const path = `/admin/updates/${draft.id}`
  const post = (form: Record<string, string>) =>
    settle(() =>
      action({
        request: makeRequest({ path, method: 'POST', form, cookie }),
        params: { updateId: String(draft.id) },
        context: makeContext(),
      } as never),
    )
  const row = async () => (await db().select().from(updates).where(eq(updates.id, draft.id)))[0]!
  const linked = async (ideaId: number) =>
    (
      await db()
        .select()
        .from(updateIdeas)
        .where(and(eq(updateIdeas.updateId, draft.id), eq(updateIdeas.ideaId, ideaId)))
    ).length > 0
  return { id: draft.id, path, post, row, linked }
}

describe('the update editor’s action', () => {
  const unknownIntents: Record<string, string>[] = [
    {},
    { intent: 'delete' },
    { intent: 'hasOwnProperty' },
    { intent: 'constructor' },
  ]
  it.each(unknownIntents)('answers 400 to the intent in %o and changes nothing', async (form) => {
    const { post, row } = await editor()
    const answer = await post(form)
    expect(statusOf(answer)).toBe(400)
    expect(answer).toMatchObject({ data: { formError: 'error.badRequestText' } })
    expect(await row()).toMatchObject({ status: 'draft', title: 'Intents of the editor' })
  })

  it('saves, publishes and unpublishes, each by its own intent', async () => {
    const { path, post, row } = await editor()
    const saved = await post({
      intent: 'save',
      title: 'Saved by its intent',
      summary: '',
      body: 'Saved words.',
    })
    expect((saved as Response).headers.get('location')).toBe(`${path}?saved=1`)
    expect(await row()).toMatchObject({ status: 'draft', title: 'Saved by its intent' })
    const published = await post({
      intent: 'publish',
      title: 'Saved by its intent',
      summary: '',
      body: 'Saved words.',
    })
    expect((published as Response).headers.get('location')).toBe(`${path}?published=1`)
    expect((await row()).status).toBe('published')
    const unpublished = await post({ intent: 'unpublish' })
    expect((unpublished as Response).headers.get('location')).toBe(path)
    expect((await row()).status).not.toBe('published')
  })

  it('links and unlinks an idea, and refuses one that cannot be linked beside the field', async () => {
    const { post, linked } = await editor()
    const planned = await createTestIdea({ statusSlug: 'planned' })
    expect(statusOf(await post({ link: String(planned.id) }))).toBe(200)
    expect(await linked(planned.id)).toBe(true)
    expect(statusOf(await post({ unlink: String(planned.id) }))).toBe(200)
    expect(await linked(planned.id)).toBe(false)
    const fresh = await createTestIdea({ statusSlug: 'new' })
    const refused = await post({ link: String(fresh.id), summary: 'Typed before Link' })
    expect(statusOf(refused)).toBe(400)
    expect(refused).toMatchObject({
      data: {
        form: 'link',
        fieldErrors: { ideaId: ['updates.form.notLinkable'] },
        values: { summary: 'Typed before Link' },
      },
    })
    const missing = await post({ unlink: '999999' })
    expect(statusOf(missing)).toBe(404)
    expect(missing).toMatchObject({
      data: { form: 'unlink', fieldErrors: { ideaId: ['updates.form.ideaNotFound'] } },
    })
  })

  it('asks for an image when the cover form comes without one, and answers an unknown revision with 404', async () => {
    const { post } = await editor()
    const cover = await post({ intent: 'cover' })
    expect(statusOf(cover)).toBe(400)
    expect(cover).toMatchObject({
      data: { form: 'cover', fieldErrors: { cover: ['updates.form.imageRequired'] } },
    })
    const restore = await post({ intent: 'restore', revisionId: '999999' })
    expect(statusOf(restore)).toBe(404)
    expect(restore).toMatchObject({ data: { form: 'restore', formError: 'error.badRequestText' } })
  })

  it('finds ideas to link and gives the fields back as typed', async () => {
    const { post } = await editor()
    const planned = await createTestIdea({ statusSlug: 'planned' })
    const answer = (await post({
      intent: 'find',
      find: `#${planned.id}`,
      title: 'Typed, not saved',
    })) as { data: { form: string; values: Record<string, string>; found: { id: number }[] } }
    expect(answer.data.form).toBe('find')
    expect(answer.data.values.title).toBe('Typed, not saved')
    expect(answer.data.found.map((idea) => idea.id)).toEqual([planned.id])
  })

  // Link and Unlink are buttons of the editor's form (one per idea: the button's name is the intent,
  // its value the idea): without JavaScript the page comes back with the fields as typed, not saved
  // (on a published update a save is live at once), and with the search as it was.
  it('links an idea and gives the fields and the search back as typed, with the draft’s text saved', async () => {
    const { post, row, linked } = await editor()
    const planned = await createTestIdea({ statusSlug: 'planned' })
    const typed = {
      title: 'Intents of the editor',
      summary: 'A summary typed, not saved.',
      body: 'A body typed, not saved.',
      find: `#${planned.id}`,
    }
    const answer = (await post({ ...typed, link: String(planned.id) })) as {
      data: {
        form: string
        values: Record<string, string>
        find: string
        found: { id: number; linkable: boolean; linked: boolean }[]
      }
    }
    expect(statusOf(answer)).toBe(200)
    expect(await linked(planned.id)).toBe(true)
    expect(answer.data.form).toBe('link')
    expect(answer.data.values).toMatchObject(typed)
    expect(answer.data.find).toBe(`#${planned.id}`)
    // A linked idea is found as linked, not offered again; unlinked, it is offered again.
    expect(answer.data.found.map((idea) => [idea.id, idea.linked])).toEqual([[planned.id, true]])
    // A draft's text is saved along (nothing typed is lost when the page is left).
    expect(await row()).toMatchObject({ summary: typed.summary, body: typed.body })
    const unlinked = (await post({ ...typed, unlink: String(planned.id) })) as typeof answer
    expect(await linked(planned.id)).toBe(false)
    expect(unlinked.data.values).toMatchObject(typed)
    expect(unlinked.data.found.map((idea) => [idea.id, idea.linked])).toEqual([[planned.id, false]])
  })
})
