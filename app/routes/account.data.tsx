import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Link, useActionData } from '@remix-run/react'

import { Field, FormError } from '#app/components/ui/field'
import { Form } from '#app/components/ui/form'
import { deleteAccountSchema } from '#app/domain/accounts/accounts.schema'
import { blankSessionCookie } from '#app/domain/accounts/sessions.server'
import { deleteAccount } from '#app/domain/privacy/personal-data.server'
import { badRequest, readForm, refusedForm, validate } from '#app/utils/forms.server'
import { requireUser } from '#app/utils/http/permissions.server'
import { accountRefusals } from '#app/utils/http/refusals'
import { useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { withNotice } from '#app/utils/notices'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request)
  return { title: getTranslator(request).t('account.nav.data') }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const values = await readForm(request)
  if (values.intent !== 'delete') throw new Response('Unknown intent', { status: 400 })
  const parsed = validate(deleteAccountSchema, values)
  if (!parsed.ok) return badRequest(parsed.failure)
  const result = await deleteAccount({ userId: user.id, input: parsed.data })
  if (!result.ok) return refusedForm(accountRefusals[result.reason], values)
  return redirect(withNotice('/', 'account.deleted'), {
    status: 303,
    headers: { 'Set-Cookie': blankSessionCookie() },
  })
}

export default function AccountDataPage() {
  const failure = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <>
      <section aria-labelledby="account-download">
        <h2 id="account-download">{t('account.data.downloadTitle')}</h2>
        <p>{t('account.data.downloadIntro')}</p>
        {/* A file comes back, not a page: a resource route answers, the browser downloads it. */}
        <Form method="post" action="/account/data/download" reloadDocument>
          <button type="submit" name="intent" value="download" className="button button--secondary">
            {t('account.data.download')}
          </button>
        </Form>
      </section>
      <section className="card form danger-zone" aria-labelledby="account-delete">
        <h2 id="account-delete">{t('account.data.deleteTitle')}</h2>
        <p>{t('account.data.deleteIntro')}</p>
        <p>{t('account.data.deleteKeeps')}</p>
        <Form method="post" noValidate>
          <FormError message={failure?.formError} />
          <div className="field field--check">
            <input
              type="checkbox"
              id="delete-remove-content"
              name="removeContent"
              defaultChecked={failure?.values.removeContent === 'on'}
            />
            <label htmlFor="delete-remove-content">{t('account.data.removeContent')}</label>
          </div>
          <Field
            label={t('account.data.deletePassword')}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            errors={failure?.fieldErrors.currentPassword}
          />
          <button type="submit" name="intent" value="delete" className="button button--danger">
            {t('account.data.delete')}
          </button>
        </Form>
      </section>
      <p className="account-links">
        <Link to="/privacy">{t('account.data.privacy')}</Link>
      </p>
    </>
  )
}
