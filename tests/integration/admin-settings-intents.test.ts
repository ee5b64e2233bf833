// /admin/settings: each intent is its own command; one it does not know answers 400 on the page, and a
// command's refusal is mapped by taxonomyRefusals (app/utils/http/refusals.ts).
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { categories, statuses } from '#app/db/schema'
import { createTestUser } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { getSettings } from '#app/domain/settings/settings.server'
import * as settingsPage from '#app/routes/admin.settings'
import { resetEnvCache } from '#app/utils/env.server'
import { type Locale, translator } from '#app/utils/i18n/i18n'
import { appBuild, pageReader, pageText } from '#tests/setup/app-build'
import { readingIn } from '#tests/setup/language'
import { cookieFrom, makeContext, makeRequest, settle, statusOf } from '#tests/setup/request'

const { action } = settingsPage

let cookie = ''

beforeAll(async () => {
  const admin = await createTestUser({ role: 'admin', password: null })
  cookie = cookieFrom((await startSession(admin.id)).cookie)
})

const post = (form: Record<string, string>) =>
  settle(() =>
    action({
      request: makeRequest({ path: '/admin/settings', method: 'POST', form, cookie }),
      params: {},
      context: makeContext(),
    } as never),
  )
const statusNamed = async (nameEn: string) =>
  (await db().select().from(statuses).where(eq(statuses.nameEn, nameEn)))[0]
const locationOf = (answer: unknown) => (answer as Response).headers.get('location')

const siteForm = {
  intent: 'site',
  siteName: '',
  logoText: '',
  accentColor: '',
  defaultLocale: 'en',
  premoderation: 'off',
}

describe('the settings action', () => {
  const unknownIntents: Record<string, string>[] = [
    {},
    { intent: 'status-move' },
    { intent: 'hasOwnProperty' },
    { intent: 'constructor', id: '1' },
  ]
  it.each(unknownIntents)('answers 400 to the intent in %o', async (form) => {
    const answer = await post(form)
    expect(statusOf(answer)).toBe(400)
    expect(answer).toMatchObject({ data: { formError: 'error.badRequestText' } })
  })

  it('adds a status, moves it up and down, and deletes it, each by its own intent', async () => {
    expect(
      statusOf(
        await post({
          intent: 'status',
          nameEn: 'Intent status',
          nameNl: 'Intentiestatus',
          color: '#123456',
          category: 'active',
        }),
      ),
    ).toBe(303)
    const added = (await statusNamed('Intent status'))!
    const up = await post({ intent: 'status-up', id: String(added.id) })
    expect(locationOf(up)).toBe('/admin/settings#statuses')
    expect((await statusNamed('Intent status'))!.position).toBeLessThan(added.position)
    expect(statusOf(await post({ intent: 'status-down', id: String(added.id) }))).toBe(303)
    expect((await statusNamed('Intent status'))!.position).toBe(added.position)
    expect(statusOf(await post({ intent: 'status-retire', id: String(added.id) }))).toBe(303)
    expect((await statusNamed('Intent status'))!.retired).toBe(true)
    expect(statusOf(await post({ intent: 'status-restore', id: String(added.id) }))).toBe(303)
    expect((await statusNamed('Intent status'))!.retired).toBe(false)
    expect(statusOf(await post({ intent: 'status-delete', id: String(added.id) }))).toBe(303)
    expect(await statusNamed('Intent status')).toBeUndefined()
  })

  it('refuses to delete a core status, above its row', async () => {
    const [core] = await db().select().from(statuses).where(eq(statuses.slug, 'new'))
    const answer = await post({ intent: 'status-delete', id: String(core!.id) })
    expect(statusOf(answer)).toBe(409)
    expect(answer).toMatchObject({
      data: { form: `status-delete-${core!.id}`, formError: 'admin.settings.error.core' },
    })
  })

  it('answers a row button without a row at its form, and one for a missing row as not found', async () => {
    const answer = await post({ intent: 'category-retire', id: 'x' })
    expect(statusOf(answer)).toBe(400)
    expect(answer).toMatchObject({
      data: { form: 'category-retire-x', fieldErrors: { id: expect.any(Array) } },
    })
    const missing = await post({ intent: 'status-up', id: '999999' })
    expect(statusOf(missing)).toBe(409)
    expect(missing).toMatchObject({ data: { formError: 'admin.settings.error.notFound' } })
  })

  it('retires and restores a category, and keeps a refused new one at its kind’s form', async () => {
    expect(
      statusOf(
        await post({
          intent: 'category',
          kind: 'product',
          nameEn: 'Intent category',
          nameNl: 'Intentiecategorie',
        }),
      ),
    ).toBe(303)
    const [added] = await db()
      .select()
      .from(categories)
      .where(eq(categories.nameEn, 'Intent category'))
    const retired = await post({ intent: 'category-retire', id: String(added!.id) })
    expect(locationOf(retired)).toBe('/admin/settings#categories')
    expect(
      (await db().select().from(categories).where(eq(categories.id, added!.id)))[0]!.retired,
    ).toBe(true)
    expect(statusOf(await post({ intent: 'category-restore', id: String(added!.id) }))).toBe(303)
    expect(
      (await db().select().from(categories).where(eq(categories.id, added!.id)))[0]!.retired,
    ).toBe(false)
    const refused = await post({ intent: 'category', kind: 'product', nameEn: '', nameNl: '' })
    expect(statusOf(refused)).toBe(400)
    expect(refused).toMatchObject({
      data: { form: 'category-product', fieldErrors: { nameEn: ['validation.required'] } },
    })
  })

  it('saves the site settings and goes back to the top of the page', async () => {
    const answer = await post({
      intent: 'site',
      siteName: 'Intent site',
      logoText: 'IS',
      accentColor: '',
      defaultLocale: 'en',
      premoderation: 'off',
    })
    expect(locationOf(answer)).toBe('/admin/settings')
    expect(await getSettings()).toMatchObject({ siteName: 'Intent site', logoText: 'IS' })
  })

  it('saves the support address people are told to write to, and empties it', async () => {
    expect(statusOf(await post({ ...siteForm, supportEmail: ' Care@Shop.example ' }))).toBe(303)
    expect((await getSettings()).supportEmail).toBe('care@shop.example')
    expect(statusOf(await post({ ...siteForm, supportEmail: '' }))).toBe(303)
    expect((await getSettings()).supportEmail).toBe('')
  })

  it('refuses a support address that is not one, beside the field, keeping what was typed', async () => {
    const answer = await post({ ...siteForm, supportEmail: 'care at shop' })
    expect(statusOf(answer)).toBe(400)
    expect(answer).toMatchObject({
      data: {
        form: 'site-new',
        fieldErrors: { supportEmail: ['admin.settings.supportEmailInvalid'] },
        values: { supportEmail: 'care at shop' },
      },
    })
  })
})

describe('the settings page', () => {
  const reader = pageReader(
    appBuild([{ id: 'routes/admin.settings', path: 'admin/settings', module: settingsPage }]),
  )
  const configured = { SUPPORT_EMAIL: process.env.SUPPORT_EMAIL, MAIL_FROM: process.env.MAIL_FROM }
  afterAll(() => {
    for (const [name, value] of Object.entries(configured)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
    resetEnvCache()
  })
  const render = async (locale: Locale) => {
    const { status, html } = await reader.page('/admin/settings', await readingIn(cookie, locale))
    expect(status).toBe(200)
    return { html, text: pageText(html) }
  }

  it('has the support address field, and says which address is given while it is empty', async () => {
    await post({ ...siteForm, supportEmail: '' })
    process.env.MAIL_FROM = 'Ideabox <no-reply@ideabox.invalid>'
    process.env.SUPPORT_EMAIL = 'desk@shop.example'
    resetEnvCache()
    for (const locale of ['en', 'nl'] as const) {
      const t = translator(locale)
      const { html, text } = await render(locale)
      expect(html).toMatch(
        /<input[^>]*name="supportEmail"[^>]*type="email"|<input[^>]*type="email"[^>]*name="supportEmail"/,
      )
      expect(text).toContain(t('admin.settings.supportEmail'))
      expect(text).toContain(
        t('admin.settings.supportEmailFallback', {
          address: 'desk@shop.example',
          source: 'SUPPORT_EMAIL',
        }),
      )
    }
    delete process.env.SUPPORT_EMAIL
    resetEnvCache()
    for (const locale of ['en', 'nl'] as const) {
      const { text } = await render(locale)
      expect(text).toContain(translator(locale)('admin.settings.supportEmailNone'))
      expect(text).not.toContain('no-reply@ideabox.invalid')
    }
  })
})
