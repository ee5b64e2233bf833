import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'

import { Field, FormError } from '#app/components/ui/field'
import { getSettings } from '#app/domain/settings/settings.server'
import { goesOutText, updateRoles } from '#app/domain/updates/updates.rules'
import { updateFormSchema } from '#app/domain/updates/updates.schema'
import { listAllUpdates, saveUpdate } from '#app/domain/updates/updates.server'
import { type FormFailure, readForm, validate } from '#app/utils/forms.server'
import { requireRole } from '#app/utils/http/permissions.server'
import { formatDateTime, useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

/** Times are shown in the site's time zone, named, as the editor schedules them. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, updateRoles)
  const { locale, t } = getTranslator(request)
  const [updates, { timeZone }] = await Promise.all([listAllUpdates(), getSettings()])
  return {
    title: t('admin.updates.title'),
    timeZone,
    updates: updates.map((update) => ({
      ...update,
      goesOut:
        update.status === 'scheduled' && update.publishAt
          ? goesOutText(new Date(update.publishAt), timeZone, locale, t)
          : null,
    })),
  }
}

/** Starts a draft with a title; the rest is written on the update's own page. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, updateRoles)
  const values = await readForm(request)
  if (values.intent !== 'create')
    return data<FormFailure>(
      { fieldErrors: {}, formError: 'error.badRequestText', values },
      { status: 400 },
    )
  const parsed = validate(updateFormSchema.pick({ title: true }), values)
  if (!parsed.ok) return data<FormFailure>(parsed.failure, { status: 400 })
  const result = await saveUpdate({ actor: user, title: parsed.data.title, summary: '', body: '' })
  if (!result.ok)
    return data<FormFailure>(
      { fieldErrors: {}, formError: 'admin.actionFailed', values },
      { status: 403 },
    )
  return redirect(`/admin/updates/${result.id}`, 303)
}

export default function AdminUpdatesPage() {
  const { updates, timeZone } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t, locale } = useTranslation()
  return (
    <>
      <header className="page-header">
        <h1>{t('admin.updates.title')}</h1>
        <p className="lead">{t('admin.updates.intro')}</p>
      </header>
      <Form method="post" className="card form" noValidate aria-labelledby="new-update-title">
        <h2 id="new-update-title">{t('admin.updates.new')}</h2>
        <input type="hidden" name="intent" value="create" />
        <FormError message={result?.formError} />
        <Field
          label={t('ideas.form.titleLabel')}
          name="title"
          maxLength={120}
          defaultValue={result?.values.title}
          errors={result?.fieldErrors.title}
        />
        <button type="submit" className="button">
          {t('admin.updates.createDraft')}
        </button>
      </Form>
      {updates.length ? (
        <div className="table-scroll admin-section">
          <table className="table table--cards">
            <caption className="visually-hidden">{t('admin.updates.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ideas.form.titleLabel')}</th>
                <th scope="col">{t('admin.status')}</th>
                <th scope="col" className="numeric">
                  {t('admin.updates.ideas')}
                </th>
                <th scope="col">{t('admin.updates.changedIn', { zone: timeZone })}</th>
              </tr>
            </thead>
            <tbody>
              {updates.map((update) => (
                <tr key={update.id}>
                  <th scope="row">
                    <Link to={`/admin/updates/${update.id}`}>{update.title}</Link>
                  </th>
                  <td data-label={t('admin.status')}>
                    {t(`admin.updates.status.${update.status}`)}
                    {update.goesOut ? ` · ${update.goesOut}` : ''}
                  </td>
                  <td className="numeric" data-label={t('admin.updates.ideas')}>
                    {update.ideaCount}
                  </td>
                  <td data-label={t('admin.updates.changedIn', { zone: timeZone })}>
                    {formatDateTime(locale, update.updatedAt, timeZone)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty-state">{t('admin.updates.empty')}</p>
      )}
    </>
  )
}
