// Reading and validating form posts: one helper so every action answers bad input the same way.
import { data } from '@remix-run/node'
import type { z } from 'zod'

export type FieldErrors = Partial<Record<string, string[]>>

export type FormFailure = {
  fieldErrors: FieldErrors
  formError?: string
  /** What the person typed (secrets removed), so the form can show it again. */
  values: Record<string, string>
}

const secretFields = new Set(['password', 'newPassword', 'currentPassword'])
const MAX_FIELD_LENGTH = 100_000

/** The form body as plain strings; a body that cannot be read answers 400 instead of 500. */
export async function readForm(request: Request) {
  let formData: FormData
  try {
    formData = await request.formData()
  } catch {
    throw data({ fieldErrors: {}, formError: 'error.badRequestText', values: {} } satisfies FormFailure, { status: 400 })
  }
  const values: Record<string, string> = {}
  for (const [key, value] of formData.entries()) {
    // The first value of a field wins; files and duplicates are ignored by text forms.
    if (typeof value === 'string' && !(key in values)) values[key] = value.slice(0, MAX_FIELD_LENGTH)
  }
  return values
}

/** Every value of a repeated field (checkboxes named alike, e.g. the selected ideas of a bulk action). */
export async function readFormLists(request: Request) {
  let formData: FormData
  try {
    formData = await request.formData()
  } catch {
    throw data({ fieldErrors: {}, formError: 'error.badRequestText', values: {} } satisfies FormFailure, { status: 400 })
  }
  const values: Record<string, string> = {}
  const lists: Record<string, string[]> = {}
  for (const [key, value] of formData.entries()) {
    if (typeof value !== 'string') continue
    const text = value.slice(0, MAX_FIELD_LENGTH)
    if (!(key in values)) values[key] = text
    const list = (lists[key] ??= [])
    if (list.length < 500) list.push(text)
  }
  return { values, lists }
}

/** A form that may carry one file (multipart): its text fields, and the bytes of `fileField` if sent. */
export async function readFormWithFile(request: Request, fileField: string) {
  let formData: FormData
  try {
    formData = await request.formData()
  } catch {
    throw data({ fieldErrors: {}, formError: 'error.badRequestText', values: {} } satisfies FormFailure, { status: 400 })
  }
  const values: Record<string, string> = {}
  const lists: Record<string, string[]> = {}
  let file: Uint8Array | null = null
  for (const [key, value] of formData.entries()) {
    if (typeof value === 'string') {
      const text = value.slice(0, MAX_FIELD_LENGTH)
      if (!(key in values)) values[key] = text
      const list = (lists[key] ??= [])
      if (list.length < 500) list.push(text)
    } else if (key === fileField && value.size > 0 && !file) {
      file = new Uint8Array(await value.arrayBuffer())
    }
  }
  return { values, lists, file }
}

export function publicValues(values: Record<string, string>) {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !secretFields.has(key)))
}

export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {}
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : '_form'
    const list = (fieldErrors[key] ??= [])
    if (!list.includes(issue.message)) list.push(issue.message)
  }
  return fieldErrors
}

/** Validate `values` with `schema`: the parsed data, or a 400 response body with field errors. */
export function validate<Schema extends z.ZodType>(schema: Schema, values: Record<string, string>) {
  const result = schema.safeParse(values)
  if (result.success) return { ok: true as const, data: result.data as z.infer<Schema> }
  return {
    ok: false as const,
    failure: { fieldErrors: fieldErrorsFrom(result.error), values: publicValues(values) } satisfies FormFailure,
  }
}

export function badRequest(failure: FormFailure, init?: { headers?: HeadersInit }) {
  return data(failure, { status: 400, ...init })
}
