// The update editor with real Requests: Publish and Schedule send what is on screen (saved, then
// published, in one command), and scheduling reads and shows the site's time zone.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { ideas, updates } from '#app/db/schema'
import { createTestIdea, createTestUser } from '#app/demo/factories.server'
import { mayChangeStatus, type Role } from '#app/domain/accounts/accounts.rules'
import { startSession } from '#app/domain/accounts/sessions.server'
import { saveSettings } from '#app/domain/settings/settings.server'
import { loader as listLoader } from '#app/routes/admin.updates._index'
import { action, loader } from '#app/routes/admin.updates.$updateId'
import { cookieFrom, makeContext, makeRequest, settle } from '#tests/setup/request'

import { updateRoles } from './updates.rules'
import { saveUpdate, setLinkedIdea } from './updates.server'

async function editor(role: Role = 'marketer') {
  const marketer = await createTestUser({ role, password: null })
  const cookie = cookieFrom((await startSession(marketer.id)).cookie)
  const draft = await saveUpdate({
    actor: marketer,
    title: 'Saved title of the draft',
    summary: '',
    body: 'The saved words.',
  })
  if (!draft.ok) throw new Error('no draft')
  const path = `/admin/updates/${draft.id}`
  const post = async (form: Record<string, string>, locale = 'en') =>
    (await settle(() =>
      action({
        request: makeRequest({
          path,
          method: 'POST',
          form,
          cookie: `${cookie}; ideabox_lang=${locale}`,
        }),
        params: { updateId: String(draft.id) },
        context: makeContext(),
      }),
    )) as Response | { data: { fieldErrors: Record<string, string[]> }; init: { status?: number } }
  const load = (locale = 'en') =>
    loader({
      request: makeRequest({ path, cookie: `${cookie}; ideabox_lang=${locale}` }),
      params: { updateId: String(draft.id) },
      context: makeContext(),
    })
  const row = async () => (await db().select().from(updates).where(eq(updates.id, draft.id)))[0]!
  return { marketer, cookie, post, load, row }
}

describe('the update editor', () => {
  it('publishes the text on screen, not the last saved text', async () => {
    const { post, row } = await editor()
    const response = await post({
      intent: 'publish',
      title: 'Oat milk is here',
      summary: 'In every store',
      body: 'The words on screen, never saved.',
    })
    expect((response as Response).status).toBe(303)
    expect(await row()).toMatchObject({
      status: 'published',
      title: 'Oat milk is here',
      summary: 'In every store',
      body: 'The words on screen, never saved.',
    })
  })

  it('does not publish an empty text: the error shows beside the field and nothing changes', async () => {
    const { post, row } = await editor()
    const response = await post({
      intent: 'publish',
      title: 'Oat milk is here',
      summary: '',
      body: '  ',
    })
    expect((response as { init: { status?: number } }).init.status).toBe(400)
    expect(
      (response as { data: { fieldErrors: Record<string, string[]> } }).data.fieldErrors.body,
    ).toEqual(['validation.required'])
    expect(await row()).toMatchObject({ status: 'draft', body: 'The saved words.' })
  })

  it('previews what is on screen and gives it back as typed (without JavaScript the page keeps the text); nothing is saved', async () => {
    const { post, row } = await editor()
    const typed = {
      intent: 'preview',
      title: 'A title being written',
      summary: 'A summary being written',
      body: 'Words **not yet** saved.',
    }
    const response = (await post(typed)) as unknown as {
      data: { values: Record<string, string>; previewHtml: string }
    }
    expect(response.data.values).toMatchObject({
      title: typed.title,
      summary: typed.summary,
      body: typed.body,
    })
    expect(response.data.previewHtml).toContain('<strong>not yet</strong>')
    expect(await row()).toMatchObject({
      title: 'Saved title of the draft',
      body: 'The saved words.',
    })
  })

  it('schedules in the site’s time zone, with the text on screen, and says when it goes out', async () => {
    const admin = await createTestUser({ role: 'admin', password: null })
    await saveSettings({ actor: admin, values: { timeZone: 'Europe/Amsterdam' } })
    const { post, row, load, cookie } = await editor()
    const response = await post({
      intent: 'schedule',
      publishAt: '2037-12-08T09:00',
      title: 'Winter menu',
      summary: '',
      body: 'Scheduled words on screen.',
    })
    expect((response as Response).status).toBe(303)
    const scheduled = await row()
    expect(scheduled).toMatchObject({
      status: 'scheduled',
      title: 'Winter menu',
      body: 'Scheduled words on screen.',
    })
    expect(scheduled.publishAt!.toISOString()).toBe('2037-12-08T08:00:00.000Z')

    const english = await load('en')
    expect(english.goesOut).toBe('Goes out on Tuesday, 8 December 2037 at 09:00 (Europe/Amsterdam)')
    expect(english.publishAtInput).toBe('2037-12-08T09:00')
    expect((await load('nl')).goesOut).toBe(
      'Gaat uit op dinsdag 8 december 2037 om 09:00 (Europe/Amsterdam)',
    )

    // The list of updates says it in the same zone, named (not in UTC).
    const list = await listLoader({
      request: makeRequest({ path: '/admin/updates', cookie: `${cookie}; ideabox_lang=en` }),
      params: {},
      context: makeContext(),
    })
    expect(list.timeZone).toBe('Europe/Amsterdam')
    expect(
      list.updates.find((update) => update.title === 'Winter menu' && update.status === 'scheduled')
        ?.goesOut,
    ).toBe('Goes out on Tuesday, 8 December 2037 at 09:00 (Europe/Amsterdam)')
  })
})

describe('finding and linking ideas, without JavaScript', () => {
  const typed = {
    title: 'A title being written',
    summary: 'A summary being written',
    body: 'Words typed before searching.',
  }

  it('keeps a draft’s text: searching, linking and unlinking save it, and the page comes back with the results', async () => {
    const { post, row, load } = await editor()
    const idea = await createTestIdea({ title: `Honey syrup ${Date.now()}`, statusSlug: 'planned' })
    const found = (await post({ ...typed, intent: 'find', find: idea.title })) as unknown as {
      data: { values: Record<string, string>; find: string; found: { id: number }[] }
    }
    expect(found.data.values).toMatchObject(typed)
    expect(found.data.find).toBe(idea.title)
    expect(found.data.found.map((match) => match.id)).toContain(idea.id)
    // Leaving the page now (or reloading it) loses nothing: the draft holds what was typed.
    expect(await row()).toMatchObject(typed)

    const linkedText = { ...typed, body: 'Words typed before linking.' }
    await post({ ...linkedText, link: String(idea.id) })
    expect(await row()).toMatchObject(linkedText)
    expect((await load()).linked.map((linked) => linked.id)).toEqual([idea.id])

    const unlinkedText = { ...typed, summary: 'Typed before unlinking.' }
    await post({ ...unlinkedText, unlink: String(idea.id) })
    expect(await row()).toMatchObject(unlinkedText)
  })

  it('keeps a draft’s text even while its body is still empty (a new draft has none)', async () => {
    const { post, row } = await editor()
    await post({
      title: 'A new draft, named',
      summary: 'Only a summary so far',
      body: '',
      intent: 'find',
      find: 'oat',
    })
    expect(await row()).toMatchObject({
      title: 'A new draft, named',
      summary: 'Only a summary so far',
      body: '',
    })
  })

  it('does not save a published update’s text (a save is live at once): it comes back as typed, unsaved', async () => {
    const { post, row } = await editor()
    await post({ intent: 'publish', title: 'Oat milk is here', summary: '', body: 'Live words.' })
    const response = (await post({ ...typed, intent: 'find', find: 'oat' })) as unknown as {
      data: { values: Record<string, string> }
    }
    expect(response.data.values).toMatchObject(typed)
    expect(await row()).toMatchObject({ title: 'Oat milk is here', body: 'Live words.' })
  })
})

describe('finding ideas to link, when they are linked already', () => {
  it('lists a matching idea that is linked already as such (no second link offered), beside the others', async () => {
    const { marketer, post, row } = await editor()
    const word = `Kombucha${Date.now()}`
    const [linked, other] = [
      await createTestIdea({ title: `${word} on tap`, statusSlug: 'planned' }),
      await createTestIdea({ title: `${word} in bottles`, statusSlug: 'planned' }),
    ]
    await setLinkedIdea({
      actor: marketer,
      updateId: (await row()).id,
      ideaId: linked.id,
      linked: true,
    })
    const response = (await post({
      intent: 'find',
      find: word,
      title: 'Saved title of the draft',
      summary: '',
      body: 'The saved words.',
    })) as unknown as { data: { found: { id: number; linked: boolean }[] } }
    const found = new Map(response.data.found.map((idea) => [idea.id, idea.linked]))
    expect(found.get(linked.id)).toBe(true)
    expect(found.get(other.id)).toBe(false)
  })
})

describe('editing a published update', () => {
  it('says the update is live, keeps each previous text as a revision shown rendered, and can copy one back into the editor', async () => {
    const { post, load, row } = await editor()
    expect(
      (await post({
        intent: 'publish',
        title: 'Oat milk is here',
        summary: 'In every store',
        body: 'The **first** words.',
      })) as Response,
    ).toMatchObject({ status: 303 })
    const live = await load()
    expect(live.live).toBe(true)
    expect(
      (await post({
        intent: 'save',
        title: 'Oat milk is here, now',
        summary: 'In every store',
        body: 'The second words.',
      })) as Response,
    ).toMatchObject({ status: 303 })
    const page = await load()
    const [revision] = page.revisions
    expect(revision).toMatchObject({ title: 'Oat milk is here', summary: 'In every store' })
    expect(revision!.bodyHtml).toContain('<strong>first</strong>')
    const restored = (await post({
      intent: 'restore',
      revisionId: String(revision!.id),
    })) as unknown as { data: { form: string; values: Record<string, string> } }
    expect(restored.data.values).toMatchObject({
      title: 'Oat milk is here',
      summary: 'In every store',
      body: 'The **first** words.',
    })
    // Copied into the editor, not saved: the live text is still the second one.
    expect(await row()).toMatchObject({ title: 'Oat milk is here, now', body: 'The second words.' })
  })
})

describe('marking linked ideas as launched from the editor', () => {
  it('is offered exactly to the roles that may change statuses, of those who write updates', async () => {
    for (const role of updateRoles) {
      const { load } = await editor(role)
      expect((await load()).mayMarkLaunched, role).toBe(mayChangeStatus(role))
    }
  })

  it('is refused to a marketer who posts the field by hand: no status changes, nothing is published', async () => {
    const { marketer, post, row } = await editor('marketer')
    const idea = await createTestIdea({ statusSlug: 'planned' })
    await setLinkedIdea({
      actor: marketer,
      updateId: (await row()).id,
      ideaId: idea.id,
      linked: true,
    })
    const response = (await post({
      intent: 'publish',
      implement: String(idea.id),
      title: 'Oat milk is here',
      summary: 'In every store',
      body: 'Words.',
    })) as { data: { formError?: string }; init: { status?: number } }
    expect(response.init.status).toBe(403)
    expect(response.data.formError).toBe('admin.updates.markLaunchedForbidden')
    expect((await row()).status).toBe('draft')
    const [after] = await db().select().from(ideas).where(eq(ideas.id, idea.id))
    expect(after!.statusId).toBe(idea.statusId)
  })
})
