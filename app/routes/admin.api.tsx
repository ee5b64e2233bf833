import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'

import { Field, FormError } from '#app/components/ui/field'
import { apiScopes } from '#app/db/schema'
import { apiTokenFormSchema } from '#app/domain/api/api.schema'
import { createApiToken, listApiTokens, revokeApiToken } from '#app/domain/api/api.server'
import {
  badRequestForm,
  type FormFailure,
  readFormLists,
  refusedForm,
  validate,
} from '#app/utils/forms.server'
import { dispatchIntent } from '#app/utils/http/intents.server'
import { type CurrentUser, requireRole } from '#app/utils/http/permissions.server'
import { apiTokenRefusals } from '#app/utils/http/refusals'
import { formatDateTime, useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'
import { idField } from '#app/utils/schemas'
import { useSiteTimeZone } from '#app/utils/site-time-zone'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

/** Admins: tokens for the intake API, each shown once, scoped and revocable. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'admin')
  return { title: getTranslator(request).t('admin.api.title'), tokens: await listApiTokens() }
}

type Result = FormFailure & { created?: string }

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, 'admin')
  const { values, lists } = await readFormLists(request)
  return dispatchIntent(values.intent, intents, { user, values, lists }, () =>
    badRequestForm<Result>(values),
  )
}

type IntentArgs = {
  user: CurrentUser
  values: Record<string, string>
  lists: Record<string, string[]>
}

const intents = {
  async create({ user, values, lists }: IntentArgs) {
    const parsed = validate(apiTokenFormSchema, values, { scope: lists.scope ?? [] })
    if (!parsed.ok) return data<Result>(parsed.failure, { status: 400 })
    const created = await createApiToken({
      actor: user,
      name: parsed.data.name,
      scopes: parsed.data.scope,
    })
    if (!created.ok) return refusedForm<Result>(apiTokenRefusals[created.reason], values)
    // Shown this once; only its hash is kept.
    return data<Result>({ fieldErrors: {}, values: {}, created: created.token })
  },
  async revoke({ user, values }: IntentArgs) {
    const id = idField().safeParse(values.id).data
    if (id) await revokeApiToken({ actor: user, id })
    return data<Result>({ fieldErrors: {}, values: {} })
  },
}

export default function ApiTokensPage() {
  const { tokens } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t, locale } = useTranslation()
  const siteZone = useSiteTimeZone()
  return (
    <>
      <header className="page-header">
        <h1>{t('admin.api.title')}</h1>
        <p className="lead">
          {t('admin.api.intro')} <a href="/api/v1/openapi.json">OpenAPI</a>
        </p>
      </header>
      {result?.created ? (
        <div className="notice notice--success" role="status">
          <p>{t('admin.api.createdOnce')}</p>
          <p>
            <code className="token-once">{result.created}</code>
          </p>
        </div>
      ) : null}
      <Form method="post" className="card form" noValidate aria-labelledby="new-token">
        <h2 id="new-token">{t('admin.api.new')}</h2>
        <input type="hidden" name="intent" value="create" />
        <FormError message={result?.formError} />
        <Field
          label={t('admin.api.name')}
          hint={t('admin.api.nameHint')}
          name="name"
          maxLength={60}
          defaultValue={result?.values.name}
          errors={result?.fieldErrors.name}
        />
        <fieldset className="plain-fieldset">
          <legend>{t('admin.api.scopes')}</legend>
          {apiScopes.map((scope) => (
            <label key={scope} className="check">
              <input type="checkbox" name="scope" value={scope} />{' '}
              <span>
                <code>{scope}</code> — {t(`admin.api.scope.${scope}`)}
              </span>
            </label>
          ))}
          {result?.fieldErrors.scope ? (
            <p className="field__errors">{t('admin.api.scopeRequired')}</p>
          ) : null}
        </fieldset>
        <button type="submit" className="button">
          {t('admin.api.create')}
        </button>
      </Form>
      {tokens.length ? (
        <div className="table-scroll admin-section">
          <table className="table">
            <caption className="visually-hidden">{t('admin.api.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.api.name')}</th>
                <th scope="col">{t('admin.api.scopes')}</th>
                <th scope="col">{t('admin.api.lastUsed')}</th>
                <th scope="col">{t('admin.status')}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <th scope="row">
                    {token.name} <code className="muted">{token.prefix}…</code>
                  </th>
                  <td>{token.scopes.join(', ')}</td>
                  <td>
                    {token.lastUsedAt ? formatDateTime(locale, token.lastUsedAt, siteZone) : '—'}
                  </td>
                  <td>
                    {token.revokedAt ? (
                      t('admin.api.revoked')
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="id" value={token.id} />
                        <button
                          type="submit"
                          name="intent"
                          value="revoke"
                          className="button button--small button--secondary"
                          aria-label={t('admin.api.revokeNamed', { name: token.name })}
                        >
                          {t('admin.api.revoke')}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  )
}
