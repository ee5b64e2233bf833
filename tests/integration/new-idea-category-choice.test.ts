// The new-idea form as a browser without JavaScript gets it back after Preview or a refused Post:
// the category list lets the person pick a category of any kind they may switch to (the page is not
// narrowed to the kind they had: without JavaScript nothing widens it again), what they typed is
// kept, and a category of another kind than the one chosen is refused beside the category, by
// Preview as by Post. Generated over every kind and every category of the other kinds.
import { describe, expect, it } from 'vitest'

import { startSession } from '#app/domain/accounts/sessions.server'
import { ideaKinds } from '#app/domain/ideas/ideas.rules'
import { listCategories } from '#app/domain/ideas/ideas.server'
import * as newIdea from '#app/routes/ideas.new'
import { translator } from '#app/utils/i18n/i18n'
import { createTestUser } from '#tests/factories'
import { appBuild, crawler, pageReader } from '#tests/setup/app-build'
import { makeContext, makeRequest } from '#tests/setup/request'

const reader = pageReader(
  appBuild([{ id: 'routes/ideas.new', path: 'ideas/new', module: newIdea }]),
)

/** The category select's options: value, whether selected, and the group (kind) they are in. */
function categoryOptions(html: string) {
  const select = /<select[^>]*name="categoryId"[^>]*>(.*?)<\/select>/s.exec(html)?.[1] ?? ''
  return [...select.matchAll(/<option([^>]*)>/g)].map(([, attributes]) => ({
    value: /value="([^"]*)"/.exec(attributes!)?.[1] ?? '',
    selected: /\sselected=""/.test(attributes!),
  }))
}

/** The messages beside the category select. */
function categoryErrors(html: string) {
  const field =
    /<select[^>]*name="categoryId"[^>]*>.*?<\/select>(.*?)<\/div>/s.exec(html)?.[1] ?? ''
  return [...field.matchAll(/<li>(.*?)<\/li>/g)].map(([, text]) => text!)
}

describe('the new-idea form sent back without JavaScript', () => {
  for (const locale of ['en', 'nl'] as const)
    it(`offers every category, keeps the choice and the text, and names a category of another kind (${locale})`, async () => {
      const person = await createTestUser({ password: null, locale })
      const cookie = `${(await startSession(person.id)).cookie.split(';')[0]!}; ideabox_lang=${locale}`
      const categories = await listCategories()
      expect(new Set(categories.map((category) => category.kind))).toEqual(new Set(ideaKinds))
      const t = translator(locale)
      const problems: string[] = []
      for (const kind of ideaKinds)
        for (const category of categories.filter((other) => other.kind !== kind))
          for (const intent of ['preview', 'post'] as const) {
            const response = await reader.handle(
              makeRequest({
                path: '/ideas/new',
                method: 'POST',
                cookie,
                headers: crawler,
                form: {
                  intent,
                  kind,
                  categoryId: String(category.id),
                  title: 'Hi',
                  description: 'Something I would like.',
                  similarShownFor: 'Hi',
                },
              }),
              makeContext(),
            )
            const html = await response.text()
            const what = `${intent} ${kind} with ${category.slug}`
            const options = categoryOptions(html)
            const offered = new Set(options.map((option) => option.value))
            const missing = categories.filter((each) => !offered.has(String(each.id)))
            if (missing.length)
              problems.push(`${what}: no ${missing.map((each) => each.slug).join(', ')}`)
            const selected = options.filter((option) => option.selected).map((o) => o.value)
            if (selected.join() !== String(category.id))
              problems.push(`${what}: selected ${selected.join() || 'nothing'}`)
            if (!/<input[^>]*name="title"[^>]*value="Hi"/.test(html))
              problems.push(`${what}: the title was not kept`)
            if (!categoryErrors(html).includes(t('ideas.form.categoryOtherKind')))
              problems.push(`${what}: said ${JSON.stringify(categoryErrors(html))}`)
          }
      expect(problems).toEqual([])
    })

  it('refuses a valid idea with a category of another kind beside the category (Post)', async () => {
    const person = await createTestUser({ password: null })
    const cookie = (await startSession(person.id)).cookie.split(';')[0]!
    const [service] = (await listCategories()).filter((category) => category.kind !== 'product')
    const response = await reader.handle(
      makeRequest({
        path: '/ideas/new',
        method: 'POST',
        cookie,
        headers: crawler,
        form: {
          intent: 'post',
          kind: 'product',
          categoryId: String(service!.id),
          title: 'A long enough title for an idea',
          description: 'Something I would like.',
          similarShownFor: 'A long enough title for an idea',
        },
      }),
      makeContext(),
    )
    expect(response.status).toBe(400)
    expect(categoryErrors(await response.text())).toEqual([
      translator('en')('ideas.form.categoryOtherKind'),
    ])
  })
})
