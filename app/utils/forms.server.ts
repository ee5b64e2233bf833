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

/** Reads the body once; a body that cannot be read answers 400 instead of 500. */
async function formDataOf(request: Request) {
  try {
    return await request.formData()
  } catch {
    throw data(
      { fieldErrors: {}, formError: 'error.badRequestText', values: {} } satisfies FormFailure,
      { status: 400 },
    )
  }
}

/** PostgreSQL text cannot hold NUL (it answers 22021, a 500): no form value carries one further. */
const withoutNul = (text: string) => (text.includes('\u0000') ? text.replace(/\u0000/g, '') : text)

/**
 * The text fields of a form: `values` keeps the first value of each field, `lists` every value of
 * repeated fields (checkboxes named alike, e.g. the selected ideas of a bulk action). Both have no
 * prototype: a field named `__proto__`, `constructor` or `toString` is just a field.
 */
function textFields(entries: Iterable<[string, unknown]>) {
  const values: Record<string, string> = Object.create(null) as Record<string, string>
  const lists: Record<string, string[]> = Object.create(null) as Record<string, string[]>
  for (const [rawKey, value] of entries) {
    if (typeof value !== 'string') continue
    const key = withoutNul(rawKey)
    const text = withoutNul(value.slice(0, MAX_FIELD_LENGTH))
    if (!(key in values)) values[key] = text
    const list = (lists[key] ??= [])
    if (list.length < 500) list.push(text)
  }
  return { values, lists }
}

/**
 * Whether this request came with a form. Remix renders a page after its action with the POST's
 * headers on a GET request: a loader that redirects (to a canonical address, say) can leave the
 * action's answer (its errors, the text typed) on the page this way instead of dropping it.
 */
export function carriesForm(request: Request) {
  const type = request.headers.get('Content-Type') ?? ''
  return (
    type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')
  )
}

/** The form body as plain strings (the first value of each field; files are ignored). */
export async function readForm(request: Request) {
  return textFields((await formDataOf(request)).entries()).values
}

/** A urlencoded body read by the HTTP layer itself, by the same rules as `readForm`. */
export function readUrlEncodedForm(body: string) {
  return textFields(new URLSearchParams(body)).values
}

/** The form's fields with every value of repeated fields. */
export async function readFormLists(request: Request) {
  return textFields((await formDataOf(request)).entries())
}

/** A form that may carry one file (multipart): its text fields, and the bytes of `fileField` if sent. */
export async function readFormWithFile(request: Request, fileField: string) {
  const formData = await formDataOf(request)
  const upload = formData.get(fileField)
  const file =
    upload && typeof upload !== 'string' && upload.size > 0
      ? new Uint8Array(await upload.arrayBuffer())
      : null
  return { ...textFields(formData.entries()), file }
}

export function publicValues(values: Record<string, string>) {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !secretFields.has(key)))
}

/**
 * One message per field: the first failing check (a schema lists its checks from the most basic,
 * "required", on). Two messages for one empty field ("required" and "too short") say the same
 * thing twice, and a later check may not even apply to what was typed.
 */
export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {}
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : '_form'
    fieldErrors[key] ??= [issue.message]
  }
  return fieldErrors
}

/**
 * Validate `values` with `schema`: the parsed data, or a 400 response body with field errors.
 * `lists` are the repeated fields (checkboxes) the schema reads as arrays (see `readFormLists`).
 */
export function validate<Schema extends z.ZodType>(
  schema: Schema,
  values: Record<string, string>,
  lists?: Record<string, string[]>,
) {
  const result = schema.safeParse(lists ? { ...values, ...lists } : values)
  if (result.success) return { ok: true as const, data: result.data as z.infer<Schema> }
  return {
    ok: false as const,
    failure: {
      fieldErrors: fieldErrorsFrom(result.error),
      values: publicValues(values),
    } satisfies FormFailure,
  }
}

export function badRequest(failure: FormFailure, init?: { headers?: HeadersInit }) {
  return data(failure, { status: 400, ...init })
}

/** A refused command's form answer: beside `retryAfterSeconds` when the command said how long to wait. */
/** A suspended person's own sign-in: until when (null: without end) and why (accounts.rules `Suspension`). */
type SuspensionShown = { until: string | null; reason: string | null }

type RefusedForm = FormFailure & { retryAfterSeconds?: number; suspension?: SuspensionShown }

/**
 * A post none of the page's forms sends (an intent it does not have): 400, with a message above the
 * form and the input kept. `Result` is the page's answer type, as for `refusedForm`.
 */
export function badRequestForm<Result extends FormFailure = FormFailure>(
  values: Record<string, string>,
) {
  const failure: FormFailure = {
    fieldErrors: {},
    formError: 'error.badRequestText',
    values: publicValues(values),
  }
  return data(failure as Result, { status: 400 })
}

/**
 * A refused command as a form answer: the message beside its field (or above the form), the input
 * kept. `Result` is the page's answer type when its successes carry more (a token shown once). Given
 * the command's result, a refusal that says how long to wait (`retryAfterSeconds`, a rate limit)
 * passes it on, in the answer for the message and in `Retry-After`.
 */
export function refusedForm<Result extends FormFailure = FormFailure>(
  refusal: { status: number; field: string | null; message: string },
  values: Record<string, string>,
  refused?: { reason: string; retryAfterSeconds?: number; suspension?: SuspensionShown },
) {
  const retryAfterSeconds = refused?.retryAfterSeconds
  const shown: RefusedForm = refusal.field
    ? { fieldErrors: { [refusal.field]: [refusal.message] }, values: publicValues(values) }
    : { fieldErrors: {}, formError: refusal.message, values: publicValues(values) }
  const failure = refused?.suspension ? { ...shown, suspension: refused.suspension } : shown
  if (retryAfterSeconds === undefined) return data(failure as Result, { status: refusal.status })
  return data({ ...failure, retryAfterSeconds } as unknown as Result, {
    status: refusal.status,
    headers: { 'Retry-After': String(retryAfterSeconds) },
  })
}
