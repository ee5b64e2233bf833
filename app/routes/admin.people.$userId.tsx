import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'

import { describedBy, FormError } from '#app/components/ui/field'
import { shownName } from '#app/components/ui/person-name'
import {
  backOfficeRoles,
  canParticipate,
  holdsAnAccount,
  mayActOnPerson,
  personActions,
  roles,
} from '#app/domain/accounts/accounts.rules'
import { roleChangeSchema } from '#app/domain/accounts/accounts.schema'
import {
  changeRole,
  getPerson,
  getPersonHistory,
  liftSuspension,
  suspendPerson,
} from '#app/domain/accounts/people.server'
import { channelIcons } from '#app/domain/channels/channels'
import { ideaPath } from '#app/domain/ideas/ideas.rules'
import { listSsoIdentities } from '#app/domain/sso/sso.server'
import { findSsoProvider } from '#app/domain/sso/sso-flow.server'
import { suspendSchema } from '#app/domain/triage/triage.schema'
import { type FormFailure, publicValues, readForm, validate } from '#app/utils/forms.server'
import { dispatchIntent } from '#app/utils/http/intents.server'
import { type CurrentUser, foundOr404, requireRole } from '#app/utils/http/permissions.server'
import { personRefusals, refusalErrors } from '#app/utils/http/refusals'
import { formatDate, isMessageKey, useTranslation } from '#app/utils/i18n/i18n'
import { markdownToText } from '#app/utils/markdown.server'
import { type NoticeKey, withNotice } from '#app/utils/notices'
import { pageTitle } from '#app/utils/page-title'
import { idField } from '#app/utils/schemas'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.person.displayName) },
]

async function loadPerson(request: Request, userId: string | undefined) {
  const actor = await requireRole(request, backOfficeRoles)
  const id = idField().safeParse(userId).data
  return { actor, person: foundOr404(id ? await getPerson({ id }) : undefined) }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, person } = await loadPerson(request, params.userId)
  const [history, ssoLinks] = await Promise.all([
    getPersonHistory({ id: person.id }),
    listSsoIdentities({ userId: person.id }),
  ])
  const providerLabel = (id: string) => findSsoProvider(id)?.label ?? id
  return {
    // The forms this actor may use here (the domain checks again when they are sent).
    may: Object.fromEntries(
      personActions.map((action) => [action, mayActOnPerson({ actor, target: person, action }).ok]),
    ) as Record<(typeof personActions)[number], boolean>,
    // A suspension is told by email to an account's holder (not a captured customer, not a deleted account).
    person: { ...person, active: canParticipate(person), toldByEmail: holdsAnAccount(person) },
    ideas: history.ideas,
    comments: history.comments.map(({ body, ...comment }) => ({
      ...comment,
      excerpt: markdownToText(body, 160),
    })),
    // One timeline across channels: what the person did, or staff did for them.
    timeline: [
      ...history.ideas.map((idea) => ({
        key: `i${idea.id}`,
        kind: 'idea' as const,
        at: idea.createdAt,
        channel: idea.channel,
        ideaId: idea.id,
        ideaSlug: idea.slug,
        ideaTitle: idea.title,
      })),
      ...history.comments.map((comment) => ({
        key: `c${comment.id}`,
        kind: 'comment' as const,
        at: comment.createdAt,
        channel: comment.channel,
        ideaId: comment.ideaId,
        ideaSlug: comment.ideaSlug,
        ideaTitle: comment.ideaTitle,
      })),
      ...history.votes.map((vote) => ({
        key: `v${vote.ideaId}`,
        kind: vote.value > 0 ? ('voteUp' as const) : ('voteDown' as const),
        at: vote.createdAt,
        channel: vote.channel,
        ideaId: vote.ideaId,
        ideaSlug: vote.ideaSlug,
        ideaTitle: vote.ideaTitle,
      })),
      // Single sign-on: when the account came from (or was linked with) a provider, and its latest sign-in.
      ...ssoLinks.flatMap((link) => [
        {
          key: `s${link.providerId}`,
          kind: (
            { created: 'ssoCreated', linked: 'ssoLinked', takenOver: 'ssoTakenOver' } as const
          )[link.origin],
          at: link.createdAt,
          channel: 'sso',
          provider: providerLabel(link.providerId),
        },
        ...(link.lastSignInAt.getTime() - link.createdAt.getTime() > 1000
          ? [
              {
                key: `l${link.providerId}`,
                kind: 'ssoSignIn' as const,
                at: link.lastSignInAt,
                channel: 'sso',
                provider: providerLabel(link.providerId),
              },
            ]
          : []),
      ]),
    ].sort((a, b) => b.at.getTime() - a.at.getTime()),
  }
}

type Failure = FormFailure & { form: string }

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, person } = await loadPerson(request, params.userId)
  const values = await readForm(request)
  const fail = (failure: Omit<Failure, 'form' | 'values'>, status = 400) =>
    data<Failure>(
      { form: values.intent ?? '', values: publicValues(values), ...failure },
      { status },
    )
  const result = await dispatchIntent(
    values.intent,
    intents,
    { actor, person, values },
    () => badRequest,
  )
  if ('fieldErrors' in result) return fail(result)
  const notice = 'notice' in result ? result.notice : undefined
  return result.ok
    ? redirect(withNotice(`/admin/people/${person.id}`, notice), 303)
    : fail(refusalErrors(personRefusals[result.reason]), personRefusals[result.reason].status)
}

/** What the page says after a suspension, a ban or lifting one: what happened, and whether the person was told by email. */
const doneNotice = (done: 'suspend' | 'ban' | 'lift', { toldByEmail }: { toldByEmail: boolean }) =>
  `admin.people.done.${done}${toldByEmail ? 'Told' : ''}` as const satisfies NoticeKey

/** A form the page does not have, or a role it does not offer: nothing a person could correct. */
const badRequest = { fieldErrors: {}, formError: 'error.badRequestText' }

type IntentArgs = {
  actor: CurrentUser
  person: { id: number }
  values: Record<string, string>
}

const intents = {
  async role({ actor, person, values }: IntentArgs) {
    const parsed = validate(roleChangeSchema, values)
    if (!parsed.ok) return badRequest
    const { role } = parsed.data
    const result = await changeRole({ actor, userId: person.id, role })
    if (!result.ok) return result
    const notice: NoticeKey = result.changed
      ? `admin.people.done.role.${role}`
      : 'admin.people.done.roleUnchanged'
    return { ...result, notice }
  },
  async suspend({ actor, person, values }: IntentArgs) {
    const parsed = validate(suspendSchema, values)
    if (!parsed.ok) return parsed.failure
    const { days, reason } = parsed.data
    const result = await suspendPerson({ actor, userId: person.id, days, reason })
    return result.ok
      ? { ...result, notice: doneNotice(days === null ? 'ban' : 'suspend', result) }
      : result
  },
  async lift({ actor, person }: IntentArgs) {
    const result = await liftSuspension({ actor, userId: person.id })
    return result.ok ? { ...result, notice: doneNotice('lift', result) } : result
  },
}

export default function PersonPage() {
  const { person, ideas, comments, timeline, may } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t, locale } = useTranslation()
  const mine = (form: string) => (result && result.form === form ? result : undefined)
  const fieldError = (form: string, field: string) => {
    const key = mine(form)?.fieldErrors[field]?.[0]
    return key ? (
      <p className="field__errors" id={`${form}-${field}-error`}>
        {isMessageKey(key) ? t(key) : t('validation.invalid')}
      </p>
    ) : null
  }
  return (
    <>
      <header className="page-header">
        <p className="muted">
          <Link to="/admin/people">← {t('admin.people.title')}</Link>
        </p>
        <h1>{shownName(t, person.displayName)}</h1>
        <p className="muted">
          @{person.handle} · {person.email} · {t(`role.${person.role}`)} ·{' '}
          {t('profile.memberSince', { date: formatDate(locale, person.createdAt) })}
        </p>
        <p>
          {t('admin.people.counts', {
            ideas: person.ideas,
            comments: person.comments,
            votes: person.votes,
          })}{' '}
          · <Link to={`/u/${person.handle}`}>{t('admin.people.publicProfile')}</Link>
        </p>
        {!person.active ? (
          <p className="notice">
            {person.bannedAt
              ? t('admin.people.bannedBecause', { reason: person.suspensionReason ?? '' })
              : t('admin.people.suspendedUntil', {
                  date: formatDate(locale, person.suspendedUntil!),
                  reason: person.suspensionReason ?? '',
                })}
          </p>
        ) : null}
      </header>
      <div className="admin-idea">
        <div className="admin-idea__main">
          <section className="card admin-panel" aria-labelledby="person-timeline">
            <h2 id="person-timeline">{t('admin.people.timeline')}</h2>
            {timeline.length ? (
              <ol className="plain-list person-timeline">
                {timeline.map((entry) =>
                  'provider' in entry ? (
                    <li key={entry.key}>
                      <span className="channel-mark">
                        <span aria-hidden="true">🔑</span>{' '}
                        <span className="muted">{t('sso.channel')}</span>
                      </span>{' '}
                      {t(`admin.people.event.${entry.kind}`, { provider: entry.provider })}{' '}
                      <span className="muted">· {formatDate(locale, entry.at)}</span>
                    </li>
                  ) : (
                    <li key={entry.key}>
                      <span className="channel-mark" title={t(`channel.${entry.channel as 'web'}`)}>
                        <span aria-hidden="true">{channelIcons[entry.channel] ?? '•'}</span>{' '}
                        <span className="muted">{t(`channel.${entry.channel as 'web'}`)}</span>
                      </span>{' '}
                      {t(`admin.people.event.${entry.kind}`)}{' '}
                      <Link to={ideaPath({ id: entry.ideaId, slug: entry.ideaSlug })}>
                        {entry.ideaTitle}
                      </Link>{' '}
                      <span className="muted">· {formatDate(locale, entry.at)}</span>
                    </li>
                  ),
                )}
              </ol>
            ) : (
              <p className="muted">{t('admin.people.noActivity')}</p>
            )}
          </section>
          <section className="card admin-panel" aria-labelledby="person-ideas">
            <h2 id="person-ideas">{t('profile.ideas')}</h2>
            {ideas.length ? (
              <ul className="plain-list">
                {ideas.map((idea) => (
                  <li key={idea.id}>
                    <Link to={`/admin/ideas/${idea.id}`}>{idea.title}</Link>{' '}
                    <span className="muted">· {formatDate(locale, idea.createdAt)}</span>
                    {idea.hiddenAt ? (
                      <span className="tag tag--muted">{t('admin.hidden')}</span>
                    ) : null}
                    {idea.heldAt ? <span className="tag tag--muted">{t('admin.held')}</span> : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('profile.noIdeas')}</p>
            )}
          </section>
          <section className="card admin-panel" aria-labelledby="person-comments">
            <h2 id="person-comments">{t('profile.comments')}</h2>
            {comments.length ? (
              <ul className="plain-list">
                {comments.map((comment) => (
                  <li key={comment.id}>
                    <Link
                      to={`${ideaPath({ id: comment.ideaId, slug: comment.ideaSlug })}#comment-${comment.id}`}
                    >
                      {comment.ideaTitle}
                    </Link>
                    : {comment.excerpt}
                    {comment.hiddenAt ? (
                      <span className="tag tag--muted">{t('admin.hidden')}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('profile.noComments')}</p>
            )}
          </section>
        </div>
        <aside className="admin-idea__side">
          {may.role ? (
            <section className="card admin-panel" aria-labelledby="role-title">
              <h2 id="role-title">{t('account.role')}</h2>
              <Form method="post" className="form form--compact">
                <input type="hidden" name="intent" value="role" />
                <FormError message={mine('role')?.formError} />
                <div className="field">
                  <label htmlFor="role">{t('admin.people.newRole')}</label>
                  <select id="role" name="role" defaultValue={person.role}>
                    {roles.map((role) => (
                      <option key={role} value={role}>
                        {t(`role.${role}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="submit" className="button button--small button--secondary">
                  {t('admin.people.changeRole')}
                </button>
              </Form>
            </section>
          ) : null}
          {(person.active ? may.suspend : may.lift) ? (
            <section className="card admin-panel" aria-labelledby="suspend-title">
              <h2 id="suspend-title">{t('admin.people.suspend')}</h2>
              {person.active ? (
                <Form method="post" className="form form--compact" noValidate>
                  <input type="hidden" name="intent" value="suspend" />
                  <FormError message={mine('suspend')?.formError} />
                  <div className="field">
                    <label htmlFor="days">{t('admin.people.duration')}</label>
                    <select id="days" name="days" defaultValue="7">
                      {['1', '7', '30', '365'].map((days) => (
                        <option key={days} value={days}>
                          {t('admin.days', { count: Number(days) })}
                        </option>
                      ))}
                      <option value="ban">{t('admin.people.ban')}</option>
                    </select>
                  </div>
                  <div
                    className={`field${mine('suspend')?.fieldErrors.reason ? ' field--invalid' : ''}`}
                  >
                    <label htmlFor="suspend-reason">{t('admin.reason')}</label>
                    <input
                      id="suspend-reason"
                      name="reason"
                      maxLength={500}
                      defaultValue={mine('suspend')?.values.reason ?? ''}
                      aria-invalid={mine('suspend')?.fieldErrors.reason ? true : undefined}
                      aria-describedby={describedBy(
                        person.toldByEmail && 'suspend-reason-hint',
                        mine('suspend')?.fieldErrors.reason && 'suspend-reason-error',
                      )}
                    />
                    {person.toldByEmail ? (
                      <p className="field__hint" id="suspend-reason-hint">
                        {t('admin.people.suspendToldByEmail')}
                      </p>
                    ) : null}
                    {fieldError('suspend', 'reason')}
                  </div>
                  <button type="submit" className="button button--small button--danger">
                    {t('admin.people.suspendSubmit')}
                  </button>
                </Form>
              ) : (
                <Form method="post">
                  <input type="hidden" name="intent" value="lift" />
                  <FormError message={mine('lift')?.formError} />
                  {person.toldByEmail ? (
                    <p className="field__hint" id="lift-hint">
                      {t('admin.people.liftToldByEmail')}
                    </p>
                  ) : null}
                  <button
                    type="submit"
                    className="button button--small"
                    aria-describedby={person.toldByEmail ? 'lift-hint' : undefined}
                  >
                    {t('admin.people.lift')}
                  </button>
                </Form>
              )}
            </section>
          ) : null}
        </aside>
      </div>
    </>
  )
}
