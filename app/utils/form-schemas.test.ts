/// <reference types="vite/client" />
// Every form schema, found in the code (the zod schemas exported from app/domain/*/*.schema.ts and
// the field builders of app/utils/schemas.ts), answers a bad submission with at most one message
// per field: the first check that fails, the one a person can act on.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'

import { signUpSchema } from '#app/domain/accounts/accounts.schema'
import { ideaContentSchema } from '#app/domain/ideas/ideas.schema'

import { validate } from './forms.server'

const domainModules = import.meta.glob<Record<string, unknown>>('/app/domain/*/*.schema.ts', {
  eager: true,
})
const utilModule = import.meta.glob<Record<string, unknown>>('/app/utils/schemas.ts', {
  eager: true,
})

/**
 * A field builder of utils/schemas.ts as a one-field form: called with no arguments, or, when it
 * needs one (a maximum length), with 20.
 */
function built(builder: unknown) {
  if (typeof builder !== 'function') return undefined
  for (const args of [[], [20]]) {
    try {
      const field: unknown = (builder as (...args: unknown[]) => unknown)(...args)
      if (!(field instanceof z.ZodType)) return undefined
      for (const probe of ['', 'x', '-1']) void field.safeParse(probe).error?.message
      return z.object({ value: field })
    } catch {
      // Needs the next set of arguments.
    }
  }
  return undefined
}

const schemas: [string, z.ZodType][] = [
  ...Object.entries(domainModules).flatMap(([file, exports]) =>
    Object.entries(exports)
      .filter((entry): entry is [string, z.ZodType] => entry[1] instanceof z.ZodType)
      .map(([name, schema]): [string, z.ZodType] => [`${file}#${name}`, schema]),
  ),
  ...Object.entries(utilModule).flatMap(([file, exports]) =>
    Object.entries(exports).flatMap(([name, value]): [string, z.ZodType][] => {
      const schema = built(value)
      return schema ? [[`${file}#${name}()`, schema]] : []
    }),
  ),
]

/** The field names a schema reads (objects, objects inside unions and pipes), plus one stray. */
function fieldNames(schema: z.ZodType): string[] {
  const def = (schema as unknown as { def: Record<string, unknown> }).def
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape)
  if (Array.isArray(def.options))
    return [...new Set((def.options as z.ZodType[]).flatMap(fieldNames))]
  for (const inner of [def.in, def.innerType, def.schema])
    if (inner instanceof z.ZodType) return fieldNames(inner)
  return []
}

const awkwardText = fc.oneof(
  fc.constant(''),
  fc.constant(' '),
  fc.constant('-1'),
  fc.constant('1.5'),
  fc.constant('a'),
  fc.constant('ann@example.com'),
  fc.constant('x'.repeat(300)),
  fc.string({ maxLength: 20 }),
)

describe('form schemas', () => {
  it('are found in the code', () => {
    expect(schemas.length).toBeGreaterThan(30)
    expect(schemas.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('#signUpSchema'),
        expect.stringContaining('#idField()'),
      ]),
    )
  })

  it.each(schemas)(
    '%s: an empty or bad submission gets at most one message per field',
    (_name, schema) => {
      const names = [...fieldNames(schema), 'intent']
      const submission = fc.dictionary(fc.constantFrom(...names), awkwardText, {
        maxKeys: names.length,
      })
      fc.assert(
        fc.property(submission, (values) => {
          const result = validate(schema, { ...values })
          if (result.ok) return
          for (const messages of Object.values(result.failure.fieldErrors))
            expect(messages?.length).toBe(1)
        }),
        { numRuns: 60 },
      )
      const empty = validate(schema, Object.fromEntries(names.map((name) => [name, ''])))
      if (!empty.ok)
        for (const messages of Object.values(empty.failure.fieldErrors))
          expect(messages?.length).toBe(1)
    },
  )

  it('says what is missing on an empty sign-up, never that the password contains the email', () => {
    const result = validate(signUpSchema, { email: '', displayName: '', password: '' })
    expect(result.ok ? null : result.failure.fieldErrors).toEqual({
      email: ['validation.required'],
      displayName: ['validation.required'],
      password: ['validation.required'],
    })
    const typed = validate(signUpSchema, {
      email: 'annabelle@example.com',
      displayName: 'Ann',
      password: '',
    })
    expect(typed.ok ? null : typed.failure.fieldErrors).toEqual({
      password: ['validation.required'],
    })
  })

  it('shows one message for an empty title: that it is required', () => {
    const result = validate(ideaContentSchema, { title: '', description: '' })
    expect(result.ok ? null : result.failure.fieldErrors).toEqual({
      title: ['validation.required'],
      description: ['validation.required'],
    })
  })
})
