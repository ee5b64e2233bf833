// The new-idea form's commands: a preview (the rendered text and ideas like it), and a submit that
// shows similar ideas once, keeps a visitor's idea as a draft while they sign up, or posts it.
import { renderMarkdown } from '#app/utils/markdown.server'
import { DESCRIPTION_MAX, type SimilarIdea } from './ideas.rules'
import type { NewIdeaInput } from './ideas.schema'
import { deleteDraft, findSimilarIdeas, postIdea, saveDraft } from './posting.server'

/** What the form shows before posting: the description as it will read, and ideas like the title. */
export async function previewIdea({ title, description }: { title: string; description: string }) {
  const similar = await findSimilarIdeas({ text: title })
  return { previewHtml: renderMarkdown(description.slice(0, DESCRIPTION_MAX)), similar }
}

export type SubmitIdeaResult =
  | { ok: true; idea: { id: number; slug: string } }
  /** Ideas like this one, shown once before the idea is filed (`similarChecked` on the next submit). */
  | { ok: false; reason: 'similar'; similar: SimilarIdea[] }
  /** A visitor: the idea is kept as a draft (`draftId`) until they have signed up or in. */
  | { ok: false; reason: 'signIn'; draftId: string }
  | { ok: false; reason: 'refused'; fieldErrors: Partial<Record<string, string[]>>; formError?: string }

/**
 * Files a valid idea: first the similar ideas, once (the step people without JavaScript see; with
 * JavaScript they saw them while typing), then a draft for a visitor, or the idea for a member,
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
  if (!similarChecked) {
    const similar = await findSimilarIdeas({ text: input.title })
    if (similar.length) return { ok: false, reason: 'similar', similar }
  }
  if (!viewer) {
    const { kind, categoryId, title, description } = input
    return { ok: false, reason: 'signIn', draftId: await saveDraft({ draft: { kind, categoryId, title, description } }) }
  }
  const result = await postIdea({ actor: viewer, input })
  if (!result.ok) return { ok: false, reason: 'refused', fieldErrors: result.fieldErrors ?? {}, formError: result.formError }
  if (draftId) await deleteDraft({ id: draftId })
  return { ok: true, idea: result.idea }
}
