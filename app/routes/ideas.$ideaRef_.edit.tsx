import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'

import {
  Field,
  FormError,
  SelectField,
  TextareaField,
  useFocusWhenFirstInError,
} from '#app/components/ui/field'
import { Form } from '#app/components/ui/form'
import { editIdea, getAuthorActions, withdrawIdea } from '#app/domain/ideas/editing.server'
import { IDEA_EDIT_MINUTES, ideaPath, parseIdeaRef } from '#app/domain/ideas/ideas.rules'
import { DESCRIPTION_MAX, TITLE_MAX } from '#app/domain/ideas/ideas.rules'
import { ideaEditSchema } from '#app/domain/ideas/ideas.schema'
import { getIdea } from '#app/domain/ideas/ideas.server'
import { type FieldErrors, publicValues, readForm, validate } from '#app/utils/forms.server'
import { requireUser } from '#app/utils/http/permissions.server'
import { useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { withNotice } from '#app/utils/notices'
import { pageTitle } from '#app/utils/page-title'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

/** The idea, if the signed-in person wrote it; anyone else gets a 404 (nothing to see here). */
async function loadOwnIdea(request: Request, ideaRef: string | undefined) {
  const user = await requireUser(request)
  const id = parseIdeaRef(ideaRef)
  const idea = id ? await getIdea({ id }) : undefined
  if (!idea || idea.authorId !== user.id) throw new Response('Not found', { status: 404 })
  return { user, idea }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, idea } = await loadOwnIdea(request, params.ideaRef)
  const actions = await getAuthorActions({ idea, viewerId: user.id })
  return {
    title: getTranslator(request).t('ideas.edit.title'),
    idea: {
      id: idea.id,
      slug: idea.slug,
      title: idea.title,
      description: idea.description,
      language: idea.language,
    },
    actions,
  }
}

type ActionResult = { fieldErrors: FieldErrors; formError?: string; values: Record<string, string> }

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, idea } = await loadOwnIdea(request, params.ideaRef)
  const values = await readForm(request)
  const keep = publicValues(values)
  if (values.intent === 'withdraw') {
    if (values.confirm !== 'yes') {
      return data<ActionResult>(
        { fieldErrors: { confirm: ['ideas.withdraw.confirmRequired'] }, values: keep },
        { status: 400 },
      )
    }
    const result = await withdrawIdea({ actor: user, ideaId: idea.id })
    if (!result.ok)
      return data<ActionResult>(
        { fieldErrors: {}, formError: 'ideas.withdraw.notAllowed', values: keep },
        { status: 409 },
      )
    // The idea page itself says it is withdrawn (one banner, not a notice stacked on it).
    return redirect(ideaPath(idea), 303)
  }
  if (values.intent !== 'edit')
    return data<ActionResult>(
      { fieldErrors: {}, formError: 'error.badRequestText', values: keep },
      { status: 400 },
    )
  const parsed = validate(ideaEditSchema, values)
  if (!parsed.ok) return data<ActionResult>(parsed.failure, { status: 400 })
  const result = await editIdea({ actor: user, ideaId: idea.id, ...parsed.data })
  if (!result.ok) {
    const reason =
      result.actions && !result.actions.edit.allowed ? result.actions.edit.reason : 'notAuthor'
    return data<ActionResult>(
      { fieldErrors: {}, formError: `ideas.edit.closed.${reason}`, values: keep },
      { status: 409 },
    )
  }
  return redirect(withNotice(ideaPath(result.idea), 'ideas.edit.saved'), 303)
}

export default function EditIdeaPage() {
  const { idea, actions } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const values = actionData?.values ?? {}
  const errors = actionData?.fieldErrors ?? {}
  // The withdraw checkbox is not a Field: it takes the focus after a refused submit the same way.
  useFocusWhenFirstInError('withdraw-confirm', errors.confirm)
  const busy = navigation.state === 'submitting'
  return (
    <div className="container narrow">
      <header className="page-header">
        <p className="muted">
          <Link to={ideaPath(idea)}>← {idea.title}</Link>
        </p>
        <h1>{t('ideas.edit.title')}</h1>
        <p className="lead">{t('ideas.edit.intro', { minutes: IDEA_EDIT_MINUTES })}</p>
      </header>
      <FormError message={actionData?.formError} />
      {actions.edit.allowed ? (
        <Form method="post" className="card form" noValidate>
          <input type="hidden" name="intent" value="edit" />
          <Field
            label={t('ideas.form.titleLabel')}
            name="title"
            defaultValue={values.title ?? idea.title}
            maxLength={TITLE_MAX}
            required
            errors={errors.title}
          />
          <TextareaField
            label={t('ideas.form.descriptionLabel')}
            name="description"
            hint={t('ideas.form.descriptionHint')}
            defaultValue={values.description ?? idea.description}
            maxLength={DESCRIPTION_MAX}
            rows={10}
            required
            errors={errors.description}
          />
          <SelectField
            label={t('ideas.form.languageLabel')}
            name="language"
            hint={t('ideas.form.languageHint')}
            defaultValue={values.language ?? idea.language ?? ''}
            errors={errors.language}
          >
            <option value="">{t('ideas.form.languageDetect')}</option>
            <option value="en">{t('language.en')}</option>
            <option value="nl">{t('language.nl')}</option>
          </SelectField>
          <div className="form__actions">
            <button type="submit" className="button" disabled={busy}>
              {t('ideas.edit.save')}
            </button>
            <Link to={ideaPath(idea)} className="button button--secondary">
              {t('ideas.edit.cancel')}
            </Link>
          </div>
        </Form>
      ) : (
        <p className="notice">
          {t(`ideas.edit.closed.${actions.edit.reason}`, { minutes: IDEA_EDIT_MINUTES })}
        </p>
      )}
      {actions.withdraw ? (
        <section className="card form danger-zone" aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">{t('ideas.withdraw.title')}</h2>
          <p>{t('ideas.withdraw.explain')}</p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="withdraw" />
            <div className={`field field--check${errors.confirm?.length ? ' field--invalid' : ''}`}>
              <input
                type="checkbox"
                id="withdraw-confirm"
                name="confirm"
                value="yes"
                aria-invalid={errors.confirm?.length ? true : undefined}
                aria-describedby={errors.confirm?.length ? 'withdraw-confirm-error' : undefined}
                autoFocus={errors.confirm?.length ? true : undefined}
              />
              <label htmlFor="withdraw-confirm">{t('ideas.withdraw.confirm')}</label>
              {errors.confirm?.length ? (
                <p id="withdraw-confirm-error" className="field__errors">
                  {t('ideas.withdraw.confirmRequired')}
                </p>
              ) : null}
            </div>
            <button type="submit" className="button button--danger" disabled={busy}>
              {t('ideas.withdraw.submit')}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  )
}
