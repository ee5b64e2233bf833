import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'

import { Field, FormError } from '#app/components/ui/field'
import { backOfficeRoles } from '#app/domain/accounts/accounts.rules'
import { listTags } from '#app/domain/ideas/tags.server'
import { tagSchema } from '#app/domain/triage/triage.schema'
import { createTag } from '#app/domain/triage/triage.server'
import { type FormFailure, readForm, validate } from '#app/utils/forms.server'
import { requireRole } from '#app/utils/http/permissions.server'
import { useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, backOfficeRoles)
  return { title: getTranslator(request).t('admin.tags.title'), tags: await listTags() }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, backOfficeRoles)
  const values = await readForm(request)
  if (values.intent !== 'create')
    return data<FormFailure>(
      { fieldErrors: {}, formError: 'error.badRequestText', values },
      { status: 400 },
    )
  const parsed = validate(tagSchema, values)
  if (!parsed.ok) return data<FormFailure>(parsed.failure, { status: 400 })
  const result = await createTag({ actor: user, ...parsed.data })
  if (!result.ok)
    return data<FormFailure>(
      { fieldErrors: { nameEn: ['admin.tags.taken'] }, values },
      { status: 409 },
    )
  return redirect('/admin/tags', 303)
}

export default function TagsPage() {
  const { tags } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <>
      <header className="page-header">
        <h1>{t('admin.tags.title')}</h1>
        <p className="lead">{t('admin.tags.intro')}</p>
      </header>
      {tags.length ? (
        <table className="table">
          <caption className="visually-hidden">{t('admin.tags.title')}</caption>
          <thead>
            <tr>
              <th scope="col">English</th>
              <th scope="col">Nederlands</th>
              <th scope="col">{t('admin.tags.visibility')}</th>
            </tr>
          </thead>
          <tbody>
            {tags.map((tag) => (
              <tr key={tag.id}>
                <th scope="row">
                  <a href={`/admin/ideas?tag=${tag.id}`}>{tag.nameEn}</a>
                </th>
                <td lang="nl">{tag.nameNl}</td>
                <td>{tag.isPublic ? t('admin.public') : t('admin.private')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty-state">{t('admin.tags.empty')}</p>
      )}
      <Form method="post" className="card form" noValidate>
        <h2>{t('admin.tags.new')}</h2>
        <input type="hidden" name="intent" value="create" />
        <FormError message={result?.formError} />
        <Field
          label={t('admin.nameEn')}
          name="nameEn"
          maxLength={40}
          defaultValue={result?.values.nameEn}
          errors={result?.fieldErrors.nameEn}
        />
        <Field
          label={t('admin.nameNl')}
          name="nameNl"
          maxLength={40}
          defaultValue={result?.values.nameNl}
          errors={result?.fieldErrors.nameNl}
          lang="nl"
        />
        <label className="check">
          <input
            type="checkbox"
            name="isPublic"
            defaultChecked={result?.values.isPublic === 'on'}
          />{' '}
          {t('admin.tags.publicLabel')}
        </label>
        <button type="submit" className="button">
          {t('admin.tags.create')}
        </button>
      </Form>
    </>
  )
}
