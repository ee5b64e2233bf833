// The new-idea form's commands: a preview (the rendered text and ideas like it), and a submit that
// shows similar ideas once, keeps a visitor's idea as a draft while they sign up, or posts it.
import { validate } from '#app/utils/forms.server'
import { renderMarkdown } from '#app/utils/markdown.server'

import { categoryFit, DESCRIPTION_MAX, type SimilarIdea } from './ideas.rules'
import { type NewIdeaInput, newIdeaSchema } from './ideas.schema'
import { listCategories } from './ideas.server'
import {
  deleteDraft,
  findSimilarIdeas,
  loadDraft,
  postIdea,
  type PostRefusal,
  saveDraft,
} from './posting.server'
import { similarIdeasShownFor } from './similar-shown.rules'

/** The new-idea page: the categories to choose from, and the visitor's draft when they come back to it. */
export async function getNewIdeaPage({ draftId }: { draftId: string | null }) {
  const [categories, draft] = await Promise.all([
    listCategories(),
    draftId ? loadDraft({ id: draftId }) : undefined,
  ])
  return {
    categories: categories.map(({ id, kind, nameEn, nameNl }) => ({ id, kind, nameEn, nameNl })),
    draft: draft
      ? {
          id: draft.id,
          kind: draft.kind,
          categoryId: draft.categoryId,
          title: draft.title,
          description: draft.description,
        }
      : null,
  }
}

/** What the new-idea form asks for: a preview of what was typed (valid or not yet), or to post a valid idea. */
export type NewIdeaCommand =
  | {
      intent: 'preview'
      title: string
      description: string
      fieldErrors: Partial<Record<string, string[]>>
    }
  | { intent: 'post'; input: NewIdeaInput; similarChecked: boolean; draftId?: string }

export type NewIdeaFormResult =
  | SubmitIdeaResult
  | {
      ok: false
      reason: 'preview'
      previewHtml: string
      similar: SimilarIdea[]
      fieldErrors: Partial<Record<string, string[]>>
    }

/** The new-idea form read as no command: why, with the messages for its fields or above it. */
type InvalidForm = {
  ok: false
  reason: 'invalid'
  fieldErrors: Partial<Record<string, string[]>>
  formError?: string
}

const invalid = (
  fieldErrors: Partial<Record<string, string[]>>,
  formError?: string,
): InvalidForm => ({ ok: false, reason: 'invalid', fieldErrors, formError })

/** Bots fill the hidden field: answered like a validation failure, whichever button, so they learn nothing. */
const honeypotFilled = (values: Record<string, string>) =>
  values.website ? invalid({}, 'auth.formHasErrors') : undefined

/** The categories the form offers (getNewIdeaPage): each with its kind. */
type Categories = readonly { id: number; kind: string }[]

const categoryOfOtherKind = 'ideas.form.categoryOtherKind'

/**
 * The form's field errors, with a category of another kind than the one chosen refused beside the
 * category (`categoryFit`), as Post and Preview both say whatever else is wrong.
 */
function withCategoryOfItsKind(
  fieldErrors: Partial<Record<string, string[]>>,
  values: Record<string, string>,
  categories: Categories,
) {
  if (fieldErrors.categoryId?.length) return fieldErrors
  if (categoryFit({ kind: values.kind, categoryId: values.categoryId, categories }) !== 'otherKind')
    return fieldErrors
  return { ...fieldErrors, categoryId: [categoryOfOtherKind] }
}

/**
 * The Preview button: what was typed, valid or not yet (its field errors go beside the preview),
 * a category of another kind than the one chosen included when the `categories` are given.
 */
export function previewCommand(values: Record<string, string>, categories: Categories = []) {
  const filled = honeypotFilled(values)
  if (filled) return filled
  const parsed = validate(newIdeaSchema, values)
  return {
    ok: true as const,
    command: {
      intent: 'preview' as const,
      title: values.title ?? '',
      description: values.description ?? '',
      fieldErrors: withCategoryOfItsKind(
        parsed.ok ? {} : parsed.failure.fieldErrors,
        values,
        categories,
      ),
    },
  }
}

/**
 * The Post button: a valid idea to post, or why it is not one (a category of another kind than the
 * one chosen included when the `categories` are given; `submitIdea` checks it again). `similarChecked`:
 * the similar ideas were shown for the title posted (`similarShownFor`, `similarIdeasShownFor`), not
 * for a title changed since.
 */
export function postCommand(values: Record<string, string>, categories: Categories = []) {
  const filled = honeypotFilled(values)
  if (filled) return filled
  const parsed = validate(newIdeaSchema, values)
  const fieldErrors = withCategoryOfItsKind(
    parsed.ok ? {} : parsed.failure.fieldErrors,
    values,
    categories,
  )
  if (!parsed.ok || fieldErrors.categoryId) return invalid(fieldErrors)
  return {
    ok: true as const,
    command: {
      intent: 'post' as const,
      input: parsed.data,
      similarChecked: similarIdeasShownFor({
        shownFor: values.similarShownFor,
        title: parsed.data.title,
      }),
      draftId: values.draftId,
    },
  }
}

/** A post of the new-idea form with a button it does not have (or none): refused on the form. */
export function otherButtonRefusal(values: Record<string, string>) {
  return honeypotFilled(values) ?? invalid({}, 'error.badRequestText')
}

/**
 * Reads the new-idea form into a command by its button (`intent`: `previewCommand`,
 * `postCommand`, or `otherButtonRefusal`). The HTTP layer's own answer to a posted idea
 * (app/server/new-idea-endpoint.server.ts) reads the form with it; the route hands each button to
 * its reader through `dispatchIntent` (app/routes/ideas.new.tsx).
 */
export function newIdeaCommand(values: Record<string, string>) {
  if (values.intent === 'preview') return previewCommand(values)
  if (values.intent === 'post') return postCommand(values)
  return otherButtonRefusal(values)
}

/** The new-idea form's one command: the preview or the submit (see `submitIdea`). */
export async function submitNewIdeaForm({
  viewer,
  command,
}: {
  viewer: { id: number } | null | undefined
  command: NewIdeaCommand
}): Promise<NewIdeaFormResult> {
  if (command.intent === 'post') return submitIdea({ viewer, ...command })
  const preview = await previewIdea(command)
  return { ok: false, reason: 'preview', fieldErrors: command.fieldErrors, ...preview }
}

/** What the form shows before posting: the description as it will read, and ideas like the title. */
export async function previewIdea({ title, description }: { title: string; description: string }) {
  const similar = await findSimilarIdeas({ text: title })
  return { previewHtml: renderMarkdown(description.slice(0, DESCRIPTION_MAX)), similar }
}

/** The new-idea form's post refused: why, and what the form shows with it. */
export type NewIdeaRefusal = Exclude<NewIdeaFormResult, { ok: true }>

export type SubmitIdeaResult =
  | { ok: true; idea: { id: number; slug: string } }
  /** Ideas like this one, shown before the idea is filed (`similarChecked` on the next submit of this title). */
  | { ok: false; reason: 'similar'; similar: SimilarIdea[] }
  /** A visitor: the idea is kept as a draft (`draftId`) until they have signed up or in. */
  | { ok: false; reason: 'signIn'; draftId: string }
  /** One of another kind's categories (the form offers every kind's): said beside the category. */
  | { ok: false; reason: 'categoryOfOtherKind' }
  | { ok: false; reason: PostRefusal }

/**
 * Files a valid idea: a category of another kind than the idea's is refused first, then the ideas
 * like its title, unless they were shown for this title (the
 * step people without JavaScript see; with JavaScript they saw them while typing), then a draft for a visitor, or the idea for a member,
 * whose restored draft is then removed.
 */
export async function submitIdea({
  viewer,
  input,
  similarChecked,
  draftId,
}: {
  viewer: { id: number } | null | undefined
  input: NewIdeaInput
  similarChecked: boolean
  draftId?: string
}): Promise<SubmitIdeaResult> {
  const fit = categoryFit({ ...input, categories: await listCategories() })
  if (fit === 'otherKind') return { ok: false, reason: 'categoryOfOtherKind' }
  if (!similarChecked) {
    const similar = await findSimilarIdeas({ text: input.title })
    if (similar.length) return { ok: false, reason: 'similar', similar }
  }
  if (!viewer) {
    const { kind, categoryId, title, description } = input
    return {
      ok: false,
      reason: 'signIn',
      draftId: await saveDraft({ draft: { kind, categoryId, title, description } }),
    }
  }
  const result = await postIdea({ actor: viewer, input })
  if (!result.ok) return result
  if (draftId) await deleteDraft({ id: draftId })
  return { ok: true, idea: result.idea }
}
