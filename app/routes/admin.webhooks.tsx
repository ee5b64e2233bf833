import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'

import { Field, FormError } from '#app/components/ui/field'
import { Form } from '#app/components/ui/form'
import { webhookEvents } from '#app/db/schema'
import { webhookFailureLabel } from '#app/domain/webhooks/failures.rules'
import { webhookFormSchema } from '#app/domain/webhooks/webhooks.schema'
import {
  createWebhook,
  deleteWebhook,
  listDeliveries,
  listWebhooks,
  sendTestDelivery,
  setWebhookActive,
} from '#app/domain/webhooks/webhooks.server'
import {
  badRequestForm,
  type FormFailure,
  publicValues,
  readFormLists,
  refusedForm,
  validate,
} from '#app/utils/forms.server'
import { dispatchIntent } from '#app/utils/http/intents.server'
import { type CurrentUser, requireRole } from '#app/utils/http/permissions.server'
import { refusalErrors, webhookCommandRefusals, webhookRefusals } from '#app/utils/http/refusals'
import { formatDateTime, useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { type NoticeKey, withNotice } from '#app/utils/notices'
import { pageTitle } from '#app/utils/page-title'
import { idField } from '#app/utils/schemas'
import { useSiteTimeZone } from '#app/utils/site-time-zone'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

/** Admins: outgoing webhooks and the log of their deliveries. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'admin')
  const [hooks, deliveries] = await Promise.all([listWebhooks(), listDeliveries()])
  return { title: getTranslator(request).t('admin.webhooks.title'), hooks, deliveries }
}

/** `form` names the saved webhook's form a refusal belongs on (`delete-3`); none: the new webhook's form. */
type Result = FormFailure & { secret?: string; form?: string }

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

/** Pausing and resuming a webhook: one command, told which. */
async function setActive({ user, values }: IntentArgs) {
  const id = idField().safeParse(values.id).data
  if (id) await setWebhookActive({ actor: user, id, active: values.intent === 'enable' })
  return data<Result>({ fieldErrors: {}, values: {} })
}

/**
 * A command on one saved webhook: back to the page with `notice`, or its refusal on the form it came
 * from (`<intent>-<id>`). Called by the intents, not at module scope, so zod stays out of the browser.
 */
async function onHook(
  { user, values }: IntentArgs,
  command: (args: {
    actor: CurrentUser
    id: number
  }) => Promise<{ ok: true } | { ok: false; reason: keyof typeof webhookCommandRefusals }>,
  notice: NoticeKey,
) {
  const id = idField().safeParse(values.id).data
  if (!id) return badRequestForm<Result>(values)
  const result = await command({ actor: user, id })
  if (result.ok) return redirect(withNotice('/admin/webhooks', notice), 303)
  const refusal = webhookCommandRefusals[result.reason]
  const form = `${values.intent}-${id}`
  return data<Result>(
    { ...refusalErrors(refusal), form, values: publicValues(values) },
    { status: refusal.status },
  )
}

const intents = {
  async create({ user, values, lists }: IntentArgs) {
    const parsed = validate(webhookFormSchema, values, { event: lists.event ?? [] })
    if (!parsed.ok) return data<Result>(parsed.failure, { status: 400 })
    const created = await createWebhook({
      actor: user,
      url: parsed.data.url,
      events: parsed.data.event,
    })
    if (!created.ok) return refusedForm<Result>(webhookRefusals[created.reason], values)
    return data<Result>({ fieldErrors: {}, values: {}, secret: created.secret })
  },
  enable: setActive,
  disable: setActive,
  delete: (args: IntentArgs) => onHook(args, deleteWebhook, 'admin.webhooks.deleted'),
  test: (args: IntentArgs) => onHook(args, sendTestDelivery, 'admin.webhooks.testSent'),
}

export default function WebhooksPage() {
  const { hooks, deliveries } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t, locale } = useTranslation()
  const siteZone = useSiteTimeZone()
  const mine = (form: string) => (result?.form === form ? result : undefined)
  const created = result?.form ? undefined : result
  return (
    <>
      <header className="page-header">
        <h1>{t('admin.webhooks.title')}</h1>
        <p className="lead">{t('admin.webhooks.intro')}</p>
      </header>
      {result?.secret ? (
        <div className="notice notice--success" role="status">
          <p>{t('admin.webhooks.secretOnce')}</p>
          <p>
            <code className="token-once">{result.secret}</code>
          </p>
        </div>
      ) : null}
      <Form method="post" className="card form" noValidate aria-labelledby="new-hook">
        <h2 id="new-hook">{t('admin.webhooks.new')}</h2>
        <input type="hidden" name="intent" value="create" />
        <FormError message={created?.formError} />
        <Field
          label={t('admin.webhooks.url')}
          name="url"
          type="url"
          placeholder="https://example.com/ideabox"
          defaultValue={created?.values.url}
          errors={created?.fieldErrors.url}
        />
        <fieldset className="plain-fieldset">
          <legend>{t('admin.webhooks.events')}</legend>
          {webhookEvents.map((event) => (
            <label key={event} className="check">
              <input type="checkbox" name="event" value={event} /> <code>{event}</code>
            </label>
          ))}
          {created?.fieldErrors.event ? (
            <p className="field__errors">{t('admin.webhooks.eventRequired')}</p>
          ) : null}
        </fieldset>
        <button type="submit" className="button">
          {t('admin.webhooks.create')}
        </button>
      </Form>
      {hooks.length ? (
        <ul className="plain-list admin-section">
          {hooks.map((hook) => (
            <li key={hook.id}>
              <code>{hook.url}</code> · {hook.events.join(', ')} ·{' '}
              {hook.active ? t('admin.webhooks.active') : t('admin.webhooks.paused')}
              <Form method="post" className="inline-form">
                <input type="hidden" name="id" value={hook.id} />
                <button
                  type="submit"
                  name="intent"
                  value={hook.active ? 'disable' : 'enable'}
                  className="button button--small button--secondary"
                >
                  {hook.active ? t('admin.webhooks.pause') : t('admin.webhooks.resume')}
                  {/* Which webhook, for a screen reader's list of buttons; the visible label comes first. */}
                  <span className="visually-hidden">
                    {' '}
                    {t('admin.webhooks.whichHook', { url: hook.url })}
                  </span>
                </button>
                {hook.active ? (
                  <button
                    type="submit"
                    name="intent"
                    value="test"
                    className="button button--small button--secondary"
                    aria-label={t('admin.webhooks.sendTestTo', { url: hook.url })}
                  >
                    {t('admin.webhooks.sendTest')}
                  </button>
                ) : null}
              </Form>
              <FormError message={mine(`test-${hook.id}`)?.formError} />
              <details
                className="disclosure"
                open={Boolean(mine(`delete-${hook.id}`)) || undefined}
              >
                <summary aria-label={t('admin.webhooks.deleteOf', { url: hook.url })}>
                  {t('admin.webhooks.delete')}
                </summary>
                <Form method="post" className="form form--compact">
                  <input type="hidden" name="id" value={hook.id} />
                  <FormError message={mine(`delete-${hook.id}`)?.formError} />
                  <p>{t('admin.webhooks.deleteConfirm', { url: hook.url })}</p>
                  <button
                    type="submit"
                    name="intent"
                    value="delete"
                    className="button button--small button--danger"
                    aria-label={t('admin.webhooks.deleteForGoodOf', { url: hook.url })}
                  >
                    {t('admin.webhooks.deleteForGood')}
                  </button>
                </Form>
              </details>
            </li>
          ))}
        </ul>
      ) : null}
      <section className="admin-section" aria-labelledby="deliveries-title">
        <h2 id="deliveries-title">{t('admin.webhooks.deliveries')}</h2>
        {deliveries.length ? (
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">{t('admin.webhooks.deliveries')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.webhooks.events')}</th>
                  <th scope="col">{t('admin.webhooks.url')}</th>
                  <th scope="col">{t('admin.mail.state')}</th>
                  <th scope="col">{t('admin.audit.when')}</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.map((delivery) => (
                  <tr key={delivery.id}>
                    <th scope="row">
                      <code>{delivery.event}</code>
                    </th>
                    <td>
                      <code>{delivery.url}</code>
                    </td>
                    <td>
                      {t(`admin.mail.state.${delivery.state as 'sent'}`)}{' '}
                      {delivery.deliveredVia ? `(${delivery.deliveredVia})` : ''}
                      {delivery.attempts > 1
                        ? ` · ${t('admin.mail.attempts', { count: delivery.attempts })}`
                        : ''}
                      {delivery.lastError ? (
                        <DeliveryFailure
                          code={delivery.lastErrorCode}
                          detail={delivery.lastError}
                        />
                      ) : null}
                    </td>
                    <td>{formatDateTime(locale, delivery.createdAt, siteZone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t('admin.webhooks.noDeliveries')}</p>
        )}
      </section>
    </>
  )
}

/** A failed attempt: what kind of failure, in the reader's language, then the recorded detail. */
function DeliveryFailure({ code, detail }: { code: string | null; detail: string }) {
  const { t } = useTranslation()
  const label = webhookFailureLabel(code)
  return (
    <span className="muted">
      {' · '}
      {label ? <strong>{t(label)}</strong> : null}
      {label ? ': ' : null}
      <span lang="en">{detail}</span>
    </span>
  )
}
