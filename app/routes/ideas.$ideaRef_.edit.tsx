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
import {
  editOwnIdea,
  getIdeaEditPage,
  refuseOwnIdeaChange,
  withdrawOwnIdea,
} from '#app/domain/ideas/editing.server'
import { IDEA_EDIT_MINUTES, ideaPath } from '#app/domain/ideas/ideas.rules'
import { DESCRIPTION_MAX, TITLE_MAX } from '#app/domain/ideas/ideas.rules'
import { type FormFailure, readForm, refusedForm } from '#app/utils/forms.server'
import { dispatchIntent } from '#app/utils/http/intents.server'
import { requireUser } from '#app/utils/http/permissions.server'
import { authorChangeRefusals } from '#app/utils/http/refusals'
import { useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { withNotice } from '#app/utils/notices'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const page = await getIdeaEditPage({ ideaRef: params.ideaRef, viewerId: user.id })
  if (!page.ok) throw new Response('Not found', { status: 404 })
  return {
    title: getTranslator(request).t('ideas.edit.title'),
    idea: page.idea,
    actions: page.actions,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const values = await readForm(request)
  const change = { actor: user, ideaRef: params.ideaRef, form: values }
  // Another intent is refused above the forms, to the author; anyone else gets the 404 below.
  const { result, notice } = await dispatchIntent(values.intent, intents, change, async () => ({
    result: await refuseOwnIdeaChange(change),
    notice: undefined,
  }))
  // Anyone but the author: nothing to see here, whatever they posted.
  if (!result.ok && result.reason === 'notFound') throw new Response('Not found', { status: 404 })
  if (!result.ok && result.reason === 'invalid')
    return data<FormFailure>(result.failure, { status: 400 })
  if (!result.ok) return refusedForm(authorChangeRefusals[result.reason], values)
  return redirect(withNotice(ideaPath(result.idea), notice), 303)
}

type Change = Parameters<typeof editOwnIdea>[0]

/** The page's two forms: new words, and withdrawing the idea; each says what the idea's page notes. */
const intents = {
  edit: async (change: Change) => ({
    result: await editOwnIdea(change),
    notice: 'ideas.edit.saved' as const,
  }),
  // A withdrawn idea's page says so itself (one banner, not a notice stacked on it).
  withdraw: async (change: Change) => ({
    result: await withdrawOwnIdea(change),
    notice: undefined,
  }),
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
      {/* An unknown intent (no form of this page sends one) is refused above the forms. */}
      <FormError message={actionData?.formError ?? errors.intent?.[0]} />
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
