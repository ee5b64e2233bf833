import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'

import { Mailbox } from '#app/components/admin/mailbox'
import { Field } from '#app/components/ui/field'
import { queueTestEmail } from '#app/domain/accounts/tokens.server'
import { testEmailSchema } from '#app/domain/mail/mail.schema'
import { getMail, listMail, mailHealth, retryFailed } from '#app/domain/mail/outbox.server'
import { decodePage } from '#app/utils/cursors'
import { env } from '#app/utils/env.server'
import { badRequestForm, type FormFailure, readForm, validate } from '#app/utils/forms.server'
import { dispatchIntent } from '#app/utils/http/intents.server'
import { requireRole } from '#app/utils/http/permissions.server'
import { formatDateTime, useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { withNotice } from '#app/utils/notices'
import { pageTitle } from '#app/utils/page-title'
import { idField } from '#app/utils/schemas'
import { useSiteTimeZone } from '#app/utils/site-time-zone'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

/** Email health and the mailbox (admins): what is queued, what failed and why, every message. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'admin')
  const url = new URL(request.url)
  const id = idField().safeParse(url.searchParams.get('id')).data
  const at = decodePage(
    { cursor: url.searchParams.get('cursor'), before: url.searchParams.get('before') },
    'timestamptz',
  )
  const [health, page, selected] = await Promise.all([
    mailHealth(),
    listMail(at),
    id ? getMail({ id }) : undefined,
  ])
  return {
    title: getTranslator(request).t('admin.mail.title'),
    adminEmail: user.email,
    transport: env().SMTP_URL ? 'smtp' : 'mailbox',
    health,
    ...page,
    selected: selected
      ? {
          subject: selected.subject,
          toAddress: selected.toAddress,
          textBody: selected.textBody,
          replyTo: selected.headers?.['Reply-To'] ?? null,
        }
      : null,
  }
}

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, 'admin')
  const values = await readForm(request)
  return dispatchIntent(values.intent, intents, { request, values }, () => badRequestForm(values))
}

type IntentArgs = { request: Request; values: Record<string, string> }

const intents = {
  async retry() {
    await retryFailed()
    return redirect('/admin/mail', 303)
  },
  async test({ request, values }: IntentArgs) {
    const parsed = validate(testEmailSchema, values)
    if (!parsed.ok) return data<FormFailure>(parsed.failure, { status: 400 })
    await queueTestEmail({ to: parsed.data.to, locale: getTranslator(request).locale })
    return redirect(withNotice('/admin/mail', 'admin.mail.testQueued'), 303)
  },
}

export default function MailPage() {
  const {
    adminEmail,
    transport,
    health,
    messages,
    nextCursor,
    previousCursor,
    isFirstPage,
    selected,
  } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t, locale } = useTranslation()
  const siteZone = useSiteTimeZone()
  return (
    <>
      <header className="page-header">
        <h1>{t('admin.mail.title')}</h1>
        <p className="lead">
          {transport === 'smtp' ? t('admin.mail.viaSmtp') : t('admin.mail.viaMailbox')}
        </p>
      </header>
      <dl className="stat-grid">
        <div className="stat">
          <dt>{t('admin.mail.queued')}</dt>
          <dd>{health.queued}</dd>
        </div>
        <div className="stat">
          <dt>{t('admin.mail.retrying')}</dt>
          <dd>{health.retrying}</dd>
        </div>
        <div className="stat">
          <dt>{t('admin.mail.failed')}</dt>
          <dd>{health.failed}</dd>
        </div>
        <div className="stat">
          <dt>{t('admin.mail.lastSent')}</dt>
          <dd className="stat__small">
            {health.lastSent ? formatDateTime(locale, health.lastSent, siteZone) : '—'}
          </dd>
        </div>
      </dl>
      <div className="report-queue__actions">
        <Form method="post" className="report-queue__hide mail-test" noValidate>
          <input type="hidden" name="intent" value="test" />
          <Field
            label={t('admin.mail.testTo')}
            name="to"
            type="email"
            defaultValue={result?.values.to ?? adminEmail}
            errors={result?.fieldErrors.to}
          />
          <button type="submit" className="button button--small">
            {t('admin.mail.sendTest')}
          </button>
        </Form>
        {health.failed ? (
          <Form method="post">
            <button
              type="submit"
              name="intent"
              value="retry"
              className="button button--small button--secondary"
            >
              {t('admin.mail.retryFailed')}
            </button>
          </Form>
        ) : null}
      </div>
      <section className="admin-section" aria-labelledby="mailbox-title">
        <h2 id="mailbox-title">{t('admin.mail.messages')}</h2>
        <Mailbox
          messages={messages}
          selected={selected}
          basePath="/admin/mail"
          nextCursor={nextCursor}
          previousCursor={previousCursor}
          isFirstPage={isFirstPage}
        />
      </section>
    </>
  )
}
