// Every Markdown field, found in the schemas, refuses nesting no person writes with a field message,
// and takes what people write.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'

import { issueExample, MARKDOWN_SEED, pathologicalMarkdown } from '#tests/hostile-markdown'
import { findMarkdownFields, type MarkdownFieldFound } from '#tests/markdown-fields'

import { MARKDOWN_MAX_DEPTH, MARKDOWN_MAX_LENGTH, markdownNestingDepth } from './markdown.rules'
import type { MarkdownContent } from './schemas'

let fields: MarkdownFieldFound[] = []

beforeAll(async () => {
  fields = await findMarkdownFields()
})

const parse = (field: MarkdownFieldFound, value: string) => {
  const result = (
    field.schema as unknown as {
      safeParse: (value: unknown) => {
        success: boolean
        error?: { issues: { message: string; path: PropertyKey[] }[] }
      }
    }
  ).safeParse(value)
  return { ok: result.success, messages: result.error?.issues.map((issue) => issue.message) ?? [] }
}

describe('Markdown fields', () => {
  it('are found in the schemas: every form and API field that takes Markdown', () => {
    const names = fields.map((field) => field.name)
    expect(names).toEqual(
      expect.arrayContaining([
        'ideas.schema.newIdeaSchema.description',
        'ideas.schema.ideaContentSchema.description',
        'intake.schema.captureIdeaSchema.description',
        'triage.schema.correctionSchema.description',
        'api.schema.apiCreateIdeaSchema.description',
        'comments.schema.commentFormSchema.body',
        'triage.schema.statusChangeSchema.response',
        'triage.schema.officialResponseSchema.response',
        'triage.schema.mergeSchema.response',
        'triage.schema.noteSchema.body',
        'updates.schema.updateFormSchema.body',
      ]),
    )
    const contents: Record<MarkdownContent, true> = {
      ideaDescription: true,
      comment: true,
      response: true,
      note: true,
      updateBody: true,
    }
    expect(new Set(fields.map((field) => field.content))).toEqual(new Set(Object.keys(contents)))
  })

  it('refuse the issue’s 3,500 quote markers at the field, with the nesting message', () => {
    for (const field of fields) {
      const { ok, messages } = parse(field, issueExample)
      expect(ok, field.name).toBe(false)
      expect(messages.join(' '), field.name).toMatch(
        field.name.startsWith('api.') ? /nest at most 20 levels/ : /^validation\.markdownTooDeep$/,
      )
    }
  })

  it('take quotes, lists and emphasis nested as deep as the limit', () => {
    const deepest = `${'> '.repeat(MARKDOWN_MAX_DEPTH)}quoted\n\n${Array.from({ length: MARKDOWN_MAX_DEPTH }, (_, level) => `${'  '.repeat(level)}- item`).join('\n')}`
    for (const field of fields)
      expect(parse(field, deepest), field.name).toEqual({ ok: true, messages: [] })
  })

  it('take nothing longer than the renderer renders', () => {
    for (const field of fields)
      expect(parse(field, 'a'.repeat(MARKDOWN_MAX_LENGTH + 1)).ok, field.name).toBe(false)
  })

  it('take no pathological Markdown that nests deeper than the limit', () => {
    fc.assert(
      fc.property(pathologicalMarkdown({ maxLength: 4_000 }), (text) => {
        for (const field of fields) {
          if (parse(field, text).ok)
            expect(markdownNestingDepth(text.trim()), field.name).toBeLessThanOrEqual(
              MARKDOWN_MAX_DEPTH,
            )
        }
      }),
      { seed: MARKDOWN_SEED, numRuns: 60 },
    )
  })
})
