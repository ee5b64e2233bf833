import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useId, useState } from 'react'

import { SimilarIdeas } from '#app/components/ideas/similar-ideas'
import { Field, FormError, Honeypot, SelectField, TextareaField } from '#app/components/ui/field'
import {
  DESCRIPTION_MAX,
  type IdeaKind,
  ideaKinds,
  postedIdeaPath,
  type SimilarIdea,
  TITLE_MAX,
} from '#app/domain/ideas/ideas.rules'
import { listCategories } from '#app/domain/ideas/ideas.server'
import { similarIdeasShownFor } from '#app/domain/ideas/similar-shown.rules'
import {
  getNewIdeaPage,
  otherButtonRefusal,
  postCommand,
  previewCommand,
  submitNewIdeaForm,
} from '#app/domain/ideas/submit-idea.server'
import { type FieldErrors, publicValues, readForm, refusedForm } from '#app/utils/forms.server'
import { dispatchIntent } from '#app/utils/http/intents.server'
import { getOptionalUser } from '#app/utils/http/permissions.server'
import { postRefusals } from '#app/utils/http/refusals'
import { localName, useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'
import { useHydrated } from '#app/utils/use-hydrated'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const draftId = new URL(request.url).searchParams.get('draft')
  const [viewer, page] = await Promise.all([getOptionalUser(request), getNewIdeaPage({ draftId })])
  return {
    title: getTranslator(request).t('ideas.new.title'),
    signedIn: Boolean(viewer),
    ...page,
    submissionKey: crypto.randomUUID(),
  }
}

type ActionResult = {
  fieldErrors: FieldErrors
  formError?: string
  values: Record<string, string>
  previewHtml?: string
  similar?: SimilarIdea[]
}

/** Preview and Post each read the form their own way (`intents`); then the one domain call. */
export async function action({ request, context }: ActionFunctionArgs) {
  const values = await readForm(request)
  const keep = publicValues(values)
  // A post with a button the form does not have (or none) is refused on the form.
  const command = await dispatchIntent(
    values.intent,
    intents,
    { values, categories: await listCategories() },
    () => otherButtonRefusal(values),
  )
  // Refused already when the HTTP layer submitted it (new-idea-endpoint.server.ts): shown, not sent again.
  const result =
    context.newIdeaRefusal ??
    (command.ok
      ? await submitNewIdeaForm({
          viewer: await getOptionalUser(request),
          command: command.command,
        })
      : command)
  if (result.ok) return redirect(postedIdeaPath(result.idea), 303)
  switch (result.reason) {
    case 'invalid':
      return data<ActionResult>(
        { fieldErrors: result.fieldErrors, formError: result.formError, values: keep },
        { status: 400 },
      )
    // The preview showed the ideas like the title: Post after it posts the same title (no
    // similar-ideas step again); a title changed since is shown its own first.
    case 'preview':
      return data<ActionResult>({
        fieldErrors: result.fieldErrors,
        values: { ...keep, similarShownFor: keep.title ?? '' },
        previewHtml: result.previewHtml,
        similar: result.similar,
      })
    case 'similar':
      return data<ActionResult>({
        fieldErrors: {},
        values: { ...keep, similarShownFor: keep.title ?? '' },
        similar: result.similar,
      })
    case 'signIn':
      throw redirect(
        `/signup?${new URLSearchParams({ redirectTo: `/ideas/new?${new URLSearchParams({ draft: result.draftId })}`, reason: 'idea' })}`,
      )
    case 'rateLimited':
    case 'suspended':
    case 'categoryRequired':
    case 'categoryOfOtherKind':
      return refusedForm<ActionResult>(postRefusals[result.reason], values)
  }
}

/** The form and the categories it offered: a category of another kind than the one chosen is said beside it. */
type IntentArgs = { values: Record<string, string>; categories: { id: number; kind: string }[] }

const intents = {
  preview: ({ values, categories }: IntentArgs) => previewCommand(values, categories),
  post: ({ values, categories }: IntentArgs) => postCommand(values, categories),
}

export default function NewIdeaPage() {
  const { categories, draft, signedIn, submissionKey } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t, locale } = useTranslation()
  const values = actionData?.values ?? {}
  const initialKind = (values.kind ?? draft?.kind ?? '') as IdeaKind | ''
  const [kind, setKind] = useState<IdeaKind | ''>(initialKind)
  const [title, setTitle] = useState(values.title ?? draft?.title ?? '')
  const live = useLiveSimilarIdeas(title)
  // What the server showed: its similar-ideas step or the preview (and, kept through a form with
  // errors, the title they were for). A restored draft went through the step before it was saved.
  const fromServer =
    values.similarShownFor === undefined
      ? undefined
      : { shownFor: values.similarShownFor, ideas: actionData?.similar ?? [] }
  const fromDraft = draft ? { shownFor: draft.title, ideas: [] } : undefined
  const shown = similarIdeasOnThePage({ title, live, fromServer, fromDraft })
  const shownSimilar = shown?.ideas ?? []
  const kindErrorId = useId()
  // Every kind's categories, grouped by kind: without JavaScript nothing could widen a list narrowed
  // to the kind sent, and the person may switch kinds. With it, the list follows the kind chosen.
  const hydrated = useHydrated()
  const categoryKinds = hydrated && kind ? [kind] : ideaKinds
  const busy = navigation.state === 'submitting'
  const errors = actionData?.fieldErrors ?? {}

  return (
    <div className="container new-idea">
      <header className="page-header">
        <h1>{t('ideas.new.title')}</h1>
        <p className="lead">{t('ideas.new.intro')}</p>
      </header>
      {draft ? (
        <p className="notice" role="status">
          {t('ideas.new.draftRestored')}
        </p>
      ) : null}
      <div className="new-idea__layout">
        <Form method="post" className="card form" noValidate>
          <FormError message={actionData?.formError} />
          <input type="hidden" name="submissionKey" value={values.submissionKey ?? submissionKey} />
          {/* The title the ideas on the page were found for: a title changed since is shown its own first. */}
          <input type="hidden" name="similarShownFor" value={shown?.shownFor ?? ''} />
          {draft ? <input type="hidden" name="draftId" value={draft.id} /> : null}
          <fieldset
            className="kind-picker"
            aria-describedby={errors.kind?.length ? kindErrorId : undefined}
          >
            <legend>{t('ideas.form.kind')}</legend>
            <div className="kind-picker__options">
              {ideaKinds.map((option) => (
                <label key={option} className="kind-option">
                  <input
                    type="radio"
                    name="kind"
                    value={option}
                    defaultChecked={initialKind === option}
                    onChange={() => setKind(option)}
                  />
                  <span className="kind-option__name">{t(`ideas.kind.${option}`)}</span>
                  <span className="kind-option__hint">{t(`ideas.kindHint.${option}`)}</span>
                </label>
              ))}
            </div>
            {errors.kind?.length ? (
              <p id={kindErrorId} className="field__errors">
                {t('ideas.form.kindRequired')}
              </p>
            ) : null}
          </fieldset>
          <SelectField
            label={t('ideas.form.category')}
            name="categoryId"
            defaultValue={values.categoryId ?? (draft?.categoryId ? String(draft.categoryId) : '')}
            errors={errors.categoryId}
          >
            <option value="">{t('ideas.form.chooseCategory')}</option>
            {categoryKinds.map((option) => (
              <optgroup key={option} label={t(`ideas.kind.${option}`)}>
                {categories
                  .filter((category) => category.kind === option)
                  .map((category) => (
                    <option key={category.id} value={category.id}>
                      {localName(locale, category)}
                    </option>
                  ))}
              </optgroup>
            ))}
          </SelectField>
          <Field
            label={t('ideas.form.titleLabel')}
            hint={t('ideas.form.titleHint')}
            name="title"
            required
            maxLength={TITLE_MAX}
            autoComplete="off"
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            errors={errors.title}
          />
          <TextareaField
            label={t('ideas.form.descriptionLabel')}
            hint={t('ideas.form.descriptionHint')}
            name="description"
            required
            rows={8}
            maxLength={DESCRIPTION_MAX}
            defaultValue={values.description ?? draft?.description ?? ''}
            errors={errors.description}
          />
          <Honeypot />
          {!signedIn ? <p className="muted">{t('ideas.new.signInAtSubmit')}</p> : null}
          <div className="form-actions">
            <button
              type="submit"
              name="intent"
              value="preview"
              className="button button--secondary"
              disabled={busy}
            >
              {t('ideas.form.preview')}
            </button>
            <button type="submit" name="intent" value="post" className="button" disabled={busy}>
              {fromServer?.ideas.length &&
              similarIdeasShownFor({ shownFor: fromServer.shownFor, title })
                ? t('ideas.form.postAnyway')
                : t('ideas.form.post')}
            </button>
          </div>
        </Form>
        <div className="new-idea__side">
          <SimilarIdeas ideas={shownSimilar} />
          {actionData?.previewHtml !== undefined ? (
            <section className="card preview" aria-labelledby="preview-title">
              <h2 id="preview-title">{t('ideas.form.previewTitle')}</h2>
              {actionData.previewHtml ? (
                <div
                  className="prose"
                  dangerouslySetInnerHTML={{ __html: actionData.previewHtml }}
                />
              ) : (
                <p className="muted">{t('ideas.form.previewEmpty')}</p>
              )}
            </section>
          ) : null}
        </div>
      </div>
    </div>
  )
}

type ShownSimilar = { shownFor: string; ideas: SimilarIdea[] }

/**
 * The similar ideas on the page, and the title they were found for: those found for the title as
 * it is now (while typing, by the server's step or preview, or for a restored draft), else the
 * latest found while typing until the title being typed answers (with JavaScript the list follows
 * the title), else none.
 */
function similarIdeasOnThePage({
  title,
  live,
  fromServer,
  fromDraft,
}: {
  title: string
  live: ShownSimilar | undefined
  fromServer: ShownSimilar | undefined
  fromDraft: ShownSimilar | undefined
}) {
  const forThisTitle = [live, fromServer, fromDraft].find(
    (found) => found && similarIdeasShownFor({ shownFor: found.shownFor, title }),
  )
  return forThisTitle ?? live
}

/**
 * Similar ideas for the title being typed, fetched after a short pause (JavaScript only). A plain
 * fetch, not a Remix fetcher: a fetcher's load in flight when the form is submitted (Preview) is
 * aborted by the router's revalidation, which logged an AbortError in the console.
 */
function useLiveSimilarIdeas(title: string) {
  const [found, setFound] = useState<ShownSimilar | undefined>(undefined)
  useEffect(() => {
    const query = title.trim()
    if (query.length < 4) return
    const controller = new AbortController()
    const timer = setTimeout(() => {
      fetch(`/ideas/similar?${new URLSearchParams({ q: query })}`, {
        signal: controller.signal,
        headers: { Accept: 'application/json' },
      })
        .then((response) =>
          response.ok ? (response.json() as Promise<{ ideas: SimilarIdea[] }>) : null,
        )
        .then((body) => {
          if (body) setFound({ shownFor: query, ideas: body.ideas })
        })
        // A newer title took over, or the network is away: the suggestions stay as they were.
        .catch(() => {})
    }, 300)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [title])
  // The ideas found for the latest title that answered (until the title being typed answers).
  return title.trim().length >= 4 ? found : undefined
}
