// The mailbox view: messages the outbox holds, with their state, and one message read in full.
import { Link } from '@remix-run/react'

import { Pager } from '#app/components/ui/pager'
import { mailFailureLabel } from '#app/domain/mail/failures.rules'
import { deliveredViaLabel } from '#app/domain/mail/mail.rules'
import { isOutboxKind } from '#app/domain/outbox/outbox.rules'
import { formatDateTime, useTranslation } from '#app/utils/i18n/i18n'
import { listPageHref } from '#app/utils/page-href'
import { useSiteTimeZone } from '#app/utils/site-time-zone'

export type MailboxMessage = {
  id: number
  kind: string
  toAddress: string | null
  subject: string | null
  state: string
  attempts: number
  lastError: string | null
  lastErrorCode: string | null
  deliveredVia: string | null
  createdAt: string | Date
  /** Not sent before then (a comment's email waits for its edit window); null when due. */
  dueAt?: string | Date | null
}

export function Mailbox({
  messages,
  selected,
  basePath,
  nextCursor,
  previousCursor,
  isFirstPage,
}: {
  messages: MailboxMessage[]
  selected: {
    subject: string | null
    toAddress: string | null
    textBody: string | null
    replyTo?: string | null
  } | null
  basePath: string
  /** The page's links (readKeysetPage): on to older messages, back to newer ones. */
  nextCursor: string | null
  previousCursor: string | null
  isFirstPage: boolean
}) {
  const { t, locale } = useTranslation()
  const siteZone = useSiteTimeZone()
  const deliveredVia = (via: string) => {
    const label = deliveredViaLabel(via)
    return label ? t(label) : via
  }
  return (
    <>
      {selected ? (
        <section className="card admin-panel" aria-labelledby="mail-view-title">
          <h2 id="mail-view-title">{selected.subject}</h2>
          <p className="muted">{t('admin.mail.to', { to: selected.toAddress ?? '—' })}</p>
          {selected.replyTo ? (
            <p className="muted mail-reply-to">
              {t('admin.mail.replyTo', { address: selected.replyTo })}
            </p>
          ) : null}
          <div className="mail-view">{selected.textBody}</div>
        </section>
      ) : null}
      {messages.length ? (
        <div className="table-scroll">
          <table className="table table--cards">
            <caption className="visually-hidden">{t('admin.mail.messages')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.mail.subject')}</th>
                <th scope="col">{t('admin.mail.recipient')}</th>
                <th scope="col">{t('admin.mail.state')}</th>
                <th scope="col">{t('admin.audit.when')}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((message) => (
                <tr key={message.id}>
                  <th scope="row">
                    {message.subject ? (
                      <Link to={`${basePath}?id=${message.id}`}>{message.subject}</Link>
                    ) : (
                      <span className="muted">
                        {t('admin.mail.notRendered', {
                          kind: t(
                            isOutboxKind(message.kind)
                              ? `admin.mail.kind.${message.kind}`
                              : 'admin.mail.kind.other',
                          ),
                        })}
                      </span>
                    )}
                  </th>
                  <td data-label={t('admin.mail.recipient')}>{message.toAddress ?? '—'}</td>
                  <td data-label={t('admin.mail.state')}>
                    {t(`admin.mail.state.${message.state as 'sent'}`)}
                    {message.dueAt
                      ? ` · ${t('admin.mail.dueAt', { time: formatDateTime(locale, message.dueAt, siteZone) })}`
                      : ''}
                    {message.deliveredVia ? ` (${deliveredVia(message.deliveredVia)})` : ''}
                    {message.attempts > 1
                      ? ` · ${t('admin.mail.attempts', { count: message.attempts })}`
                      : ''}
                    {message.lastError ? (
                      <MailFailure code={message.lastErrorCode} detail={message.lastError} />
                    ) : null}
                  </td>
                  <td data-label={t('admin.audit.when')}>
                    {formatDateTime(locale, message.createdAt, siteZone)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty-state">{t('admin.mail.empty')}</p>
      )}
      <Pager
        pageHref={(cursor, direction) => listPageHref(basePath, {}, cursor, direction)}
        previousCursor={previousCursor}
        isFirstPage={isFirstPage}
        nextCursor={nextCursor}
        labels={{
          navigation: t('admin.mail.pages'),
          next: t('admin.mail.older'),
          previous: t('admin.mail.newer'),
          first: t('admin.mail.newest'),
        }}
      />
    </>
  )
}

/**
 * A failed attempt: what kind of failure, in the reader's language (older rows without a code read
 * as "another failure"); the mail server's own text, in English, behind a disclosure.
 */
function MailFailure({ code, detail }: { code: string | null; detail: string }) {
  const { t } = useTranslation()
  return (
    <span className="mail-failure">
      {' · '}
      <strong>{t(mailFailureLabel(code) ?? 'admin.mail.failure.other')}</strong>
      <details className="disclosure mail-failure__detail">
        <summary>{t('admin.mail.failure.detail')}</summary>
        <span lang="en">{detail}</span>
      </details>
    </span>
  )
}
