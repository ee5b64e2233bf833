import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'

import { Changes } from '#app/components/ideas/changes'
import {
  CommentThread,
  type IdeaFormResult,
  ideaPageForms,
  RefusalNotAtItsForm,
} from '#app/components/ideas/comment-thread'
import { FollowButton } from '#app/components/ideas/follow-button'
import { ReportForm } from '#app/components/ideas/report-form'
import { StatusBadge } from '#app/components/ideas/status-badge'
import { VoteControl } from '#app/components/ideas/vote-control'
import { ByPerson } from '#app/components/ui/person-name'
import { commentFormSchema } from '#app/domain/comments/comments.schema'
import { deleteComment, editComment, postComment } from '#app/domain/comments/comments.server'
import { ideaPath, parseIdeaRef } from '#app/domain/ideas/ideas.rules'
import { getIdeaPath } from '#app/domain/ideas/ideas.server'
import { answerFeedbackSchema } from '#app/domain/insights/feedback.schema'
import { giveFeedback } from '#app/domain/insights/feedback.server'
import { reportFormSchema } from '#app/domain/moderation/reports.schema'
import { reportContent } from '#app/domain/moderation/reports.server'
import { getIdeaPage } from '#app/domain/pages/idea-page.server'
import { publicBaseUrl } from '#app/utils/env.server'
import { carriesForm, publicValues, readForm, validate } from '#app/utils/forms.server'
import { dispatchIntent } from '#app/utils/http/intents.server'
import {
  type CurrentUser,
  getOptionalUser,
  requireUser,
  signInPath,
} from '#app/utils/http/permissions.server'
import type { Refusal } from '#app/utils/http/refusal'
import { commentRefusals, reportRefusals } from '#app/utils/http/refusals'
import { formatDate, inLocale, localName, useTranslation } from '#app/utils/i18n/i18n'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? [
        { title: pageTitle(matches, data.idea.title) },
        { name: 'description', content: data.summary },
        { property: 'og:type', content: 'article' },
        { property: 'og:title', content: data.idea.title },
        { property: 'og:description', content: data.summary },
        { property: 'og:url', content: data.shareUrl },
        { name: 'twitter:card', content: 'summary' },
        { name: 'twitter:title', content: data.idea.title },
        { name: 'twitter:description', content: data.summary },
      ]
    : // No data: the page's error shows, named by pageTitle.
      [{ title: pageTitle(matches) }]

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const viewer = await getOptionalUser(request)
  const url = new URL(request.url)
  // A form refused here (see the action) stays on the address it was sent to, with its errors and text.
  const result = await getIdeaPage({
    ideaRef: params.ideaRef,
    viewer,
    anyAddress: carriesForm(request),
  })
  if (!result.ok && result.reason === 'moved') throw redirect(`${result.path}${url.search}`, 301)
  // The link in the email about a held or hidden idea, opened signed out: sign in, then back here.
  if (!result.ok && result.reason === 'signIn') throw redirect(signInPath(request))
  if (!result.ok) throw new Response('Not found', { status: 404 })
  // How long this answer holds if nothing is written (a page answered again, decision 040).
  context.unchangedUntil = result.unchangedUntil
  const { path, ...page } = result.page
  return {
    ...page,
    justPosted: url.searchParams.get('posted') === '1' && page.isAuthor,
    shareUrl: `${publicBaseUrl()}${path}`,
    // After a report: thanks, or (a repeat of one already made) that it was already reported.
    reported: url.searchParams.has('reported')
      ? url.searchParams.has('again')
        ? ('already' as const)
        : ('thanks' as const)
      : null,
    feedbackGiven: Number(url.searchParams.get('feedback')) || null,
    submissionKey: crypto.randomUUID(),
  }
}

/**
 * Comments (post, reply, edit, delete), reports and feedback on an answer post here, so that a
 * refusal renders this page with the errors next to the form and the text kept, with or without
 * JavaScript. Any address of the idea takes them (a bare id, an old slug); what was done is then
 * shown at the current one. Each intent is one domain command; an unknown intent answers 400.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const ideaId = parseIdeaRef(params.ideaRef)
  const here = ideaId ? await getIdeaPath({ id: ideaId }) : null
  if (!ideaId || !here) throw new Response('Not found', { status: 404 })
  const values = await readForm(request)
  return dispatchIntent(values.intent, intents, { user, ideaId, here, values })
}

type IntentArgs = {
  user: CurrentUser
  ideaId: number
  here: string
  values: Record<string, string>
}

/** A refusal shown at the form it came from, with the text kept. */
const refused = (form: string, refusal: Refusal, values: Record<string, string>) =>
  data<IdeaFormResult>(
    { form, fieldErrors: {}, formError: refusal.message, values: publicValues(values) },
    { status: refusal.status },
  )

/** The comment forms: post (or reply), edit and delete, each one command. */
async function commentIntent({ user, ideaId, here, values }: IntentArgs) {
  const form =
    values.intent === 'post'
      ? values.parentId
        ? `reply-${values.parentId}`
        : 'comment'
      : `${values.intent}-${values.commentId}`
  const parsed = validate(commentFormSchema, values)
  if (!parsed.ok) return data<IdeaFormResult>({ form, ...parsed.failure }, { status: 400 })
  const input = parsed.data
  const result =
    input.intent === 'post'
      ? await postComment({
          actor: user,
          ideaId,
          body: input.body,
          parentId: input.parentId,
          submissionKey: input.submissionKey,
        })
      : input.intent === 'edit'
        ? await editComment({ actor: user, ideaId, commentId: input.commentId, body: input.body })
        : await deleteComment({ actor: user, ideaId, commentId: input.commentId })
  if (!result.ok) return refused(form, commentRefusals[result.reason], values)
  return redirect(`${here}#comment-${result.commentId}`, 303)
}

const intents = {
  post: commentIntent,
  edit: commentIntent,
  delete: commentIntent,

  async report({ user, ideaId, here, values }: IntentArgs) {
    const form = `report-${values.commentId || 'idea'}`
    const parsed = validate(reportFormSchema, values)
    if (!parsed.ok) return data<IdeaFormResult>({ form, ...parsed.failure }, { status: 400 })
    const result = await reportContent({ actor: user, ideaId, ...parsed.data })
    if (!result.ok) return refused(form, reportRefusals[result.reason], values)
    const target = parsed.data.commentId ? `comment-${parsed.data.commentId}` : 'idea'
    return redirect(
      `${here}?reported=${target}${result.alreadyReported ? '&again=1' : ''}#${target}`,
      303,
    )
  },

  async feedback({ user, here, values }: IntentArgs) {
    const parsed = answerFeedbackSchema.safeParse(values)
    if (!parsed.success) throw new Response('Bad request', { status: 400 })
    const { responseId, helpful } = parsed.data
    await giveFeedback({
      kind: 'response',
      subjectId: responseId,
      userId: user.id,
      helpful: helpful === 'yes',
    })
    return redirect(`${here}?feedback=${responseId}#response-${responseId}`, 303)
  },
}

export default function IdeaPage() {
  const {
    idea,
    view,
    isAuthor,
    descriptionHtml,
    comments,
    voting,
    justPosted,
    reported,
    following,
    signedIn,
    submissionKey,
    authorTools,
    revisions,
    related,
    isTeam,
    timeline,
    tags,
    builtIn,
    clock,
    feedbackGiven,
    viewerReportedIdea,
  } = useLoaderData<typeof loader>()
  const statusName = (en: string | null, nl: string | null) => inLocale(locale, en, nl) ?? ''
  const { t, locale } = useTranslation()
  // A refusal for a form this page does not show (or of a field it does not) is said at the top.
  const forms = ideaPageForms({
    comments,
    signedIn,
    discussion: view.discussion,
    reportIdea: view.mayReportIdea && !viewerReportedIdea,
  })
  return (
    <div className="container idea-page">
      <RefusalNotAtItsForm forms={forms} />
      {justPosted ? (
        <p className="notice notice--success" role="status">
          {t('ideas.new.posted')}
        </p>
      ) : null}
      {idea.withdrawnAt ? (
        <p className="notice">{isAuthor ? t('ideas.withdrawnByYou') : t('ideas.withdrawn')}</p>
      ) : null}
      {view.waitingForModerator ? <p className="notice">{t('ideas.held')}</p> : null}
      {idea.hiddenAt ? (
        <p className="notice">
          {t('ideas.hiddenNotice', {
            // The sentence ends the reason itself: “Too vague.” would read “Too vague..”.
            reason: (idea.hiddenReason ?? '').trim().replace(/\.+$/, ''),
          })}
        </p>
      ) : null}
      {idea.mergedInto ? (
        <p className="notice">
          {t('ideas.mergedInto')}{' '}
          <Link to={ideaPath(idea.mergedInto)}>{idea.mergedInto.title}</Link>
        </p>
      ) : null}
      {builtIn ? (
        // "Built!" only for a launched idea (updateMark); a planned one an update mentions says so.
        <p className={builtIn.mark === 'built' ? 'notice notice--success' : 'notice'}>
          {t(builtIn.mark === 'built' ? 'ideas.built' : 'ideas.mentioned')}{' '}
          <Link to={`/updates/${builtIn.slug}`} className="built-link">
            {t('ideas.readUpdate', { title: builtIn.title })}
          </Link>
        </p>
      ) : null}
      {isTeam ? (
        <p className="team-bar">
          <Link to={`/admin/ideas/${idea.id}`}>{t('admin.manageIdea')}</Link>
        </p>
      ) : null}
      {reported ? (
        <p className="notice" role="status">
          {t(reported === 'already' ? 'reports.already' : 'reports.thanks')}
        </p>
      ) : null}
      <article className="idea-page__grid">
        <header className="idea-page__header">
          <p className="idea-card__meta">
            <span className="tag">{t(`ideas.kind.${idea.kind}`)}</span>
            <span className="tag tag--muted">
              {inLocale(locale, idea.categoryNameEn, idea.categoryNameNl)}
            </span>
            {tags.map((tag) => (
              <Link key={tag.id} to={`/ideas?tag=${tag.slug}`} className="tag tag--link">
                {localName(locale, tag)}
              </Link>
            ))}
          </p>
          <h1 lang={idea.language ?? undefined}>{idea.title}</h1>
          <p className="muted">
            <ByPerson displayName={idea.authorName} handle={idea.authorHandle} /> ·{' '}
            {t('ideas.postedOn', { date: formatDate(locale, idea.createdAt) })}
            {idea.editedAt ? <> · {t('ideas.edited')}</> : null}
          </p>
          {authorTools.edit || authorTools.withdraw ? (
            <p className="idea-page__author-tools">
              <Link
                to={`${ideaPath(idea)}/edit`}
                className="button button--secondary button--small"
              >
                {authorTools.edit ? t('ideas.edit.link') : t('ideas.withdraw.link')}
              </Link>
            </p>
          ) : null}
        </header>
        {/* Beside the text on a wide screen, under the title on a phone: where the idea stands. */}
        <aside className="idea-side" aria-label={t('ideas.summary')}>
          <div className="vote-summary card">
            {view.voting ? (
              <VoteControl
                idea={idea}
                myVote={idea.myVote}
                closedReason={idea.statusCategory === 'closed' ? t('votes.closed') : undefined}
                downVotesEnabled={voting.downVotesEnabled}
                signedIn={voting.signedIn}
                size="large"
              />
            ) : (
              <p className="muted">{t('ideas.votes', { count: idea.upVotes })}</p>
            )}
            {signedIn ? (
              <FollowButton idea={idea} following={following} followerCount={idea.followerCount} />
            ) : (
              <p className="muted">{t('follow.followers', { count: idea.followerCount })}</p>
            )}
          </div>
          <div className="card idea-side__card">
            <h2 className="idea-side__title">{t('admin.status')}</h2>
            {view.showStatus ? (
              <StatusBadge status={idea} />
            ) : (
              <span className="tag tag--muted">{t('ideas.withdrawnTag')}</span>
            )}
            {clock ? (
              <p className={clock.overdue ? 'promise-clock overdue' : 'promise-clock'}>
                {clock.answeredInDays !== null
                  ? clock.answeredInDays === 0
                    ? t('ideas.answeredSameDay')
                    : t('ideas.answeredIn', { count: clock.answeredInDays })
                  : clock.overdue
                    ? t('ideas.answerOverdue', { date: formatDate(locale, clock.dueAt!) })
                    : t('ideas.answerExpected', { date: formatDate(locale, clock.dueAt!) })}
              </p>
            ) : null}
          </div>
        </aside>
        <section aria-labelledby="description-title" className="idea-page__body">
          <h2 id="description-title" className="visually-hidden">
            {t('ideas.description')}
          </h2>
          <div
            className="prose"
            lang={idea.language ?? undefined}
            dangerouslySetInnerHTML={{ __html: descriptionHtml }}
          />
          {revisions.length ? (
            <details className="revisions">
              <summary>{t('ideas.revisions', { count: revisions.length })}</summary>
              <ol>
                {revisions.map((revision) => (
                  <li key={revision.id}>
                    <p className="muted">
                      {t('ideas.revisionReplaced', {
                        date: formatDate(locale, revision.replacedAt),
                      })}
                    </p>
                    <p>
                      <strong>
                        <Changes parts={revision.titleChanges} />
                      </strong>
                    </p>
                    <div
                      className="prose revision__text"
                      dangerouslySetInnerHTML={{ __html: revision.html }}
                    />
                  </li>
                ))}
              </ol>
            </details>
          ) : null}
          {view.mayReportIdea ? (
            <div className="idea-page__tools" id="idea">
              <ReportForm
                action={ideaPath(idea)}
                label={t('reports.reportIdea')}
                anchor="idea"
                alreadyReported={viewerReportedIdea}
              />
            </div>
          ) : null}
        </section>
        {timeline.length ? (
          <section aria-labelledby="timeline-title" className="idea-timeline" id="timeline">
            <h2 id="timeline-title">{t('ideas.timeline')}</h2>
            <ol className="timeline">
              {timeline.map((entry) => (
                <li
                  key={entry.id}
                  id={`response-${entry.id}`}
                  className={
                    entry.toSlug ? 'timeline__entry' : 'timeline__entry timeline__entry--response'
                  }
                >
                  <p className="timeline__meta">
                    {entry.toSlug ? (
                      <>
                        {entry.fromNameEn
                          ? t('ideas.statusChanged', {
                              name: entry.authorName ?? t('ideas.theTeam'),
                              from: statusName(entry.fromNameEn, entry.fromNameNl),
                              to: statusName(entry.toNameEn, entry.toNameNl),
                            })
                          : t('ideas.statusSet', {
                              name: entry.authorName ?? t('ideas.theTeam'),
                              to: statusName(entry.toNameEn, entry.toNameNl),
                            })}
                      </>
                    ) : (
                      <>
                        <span className="badge">{t('ideas.officialResponse')}</span>{' '}
                        {t('ideas.responded', { name: entry.authorName ?? t('ideas.theTeam') })}
                      </>
                    )}{' '}
                    · {formatDate(locale, entry.createdAt)}
                  </p>
                  {entry.html ? (
                    <div className="prose" dangerouslySetInnerHTML={{ __html: entry.html }} />
                  ) : null}
                  {signedIn && entry.html ? (
                    feedbackGiven === entry.id ? (
                      <p className="muted" role="status">
                        {t('feedback.recorded')}
                      </p>
                    ) : (
                      <Form method="post" className="feedback-inline" preventScrollReset>
                        <input type="hidden" name="intent" value="feedback" />
                        <input type="hidden" name="responseId" value={entry.id} />
                        <span className="muted">{t('feedback.question')}</span>
                        {/* The two answers wrap together, never one alone on a line. */}
                        <span className="feedback-inline__answers">
                          <button
                            type="submit"
                            name="helpful"
                            value="yes"
                            className="button button--small button--secondary"
                          >
                            {t('feedback.yes')}
                          </button>
                          <button
                            type="submit"
                            name="helpful"
                            value="no"
                            className="button button--small button--secondary"
                          >
                            {t('feedback.no')}
                          </button>
                        </span>
                      </Form>
                    )
                  ) : null}
                </li>
              ))}
            </ol>
          </section>
        ) : null}
        <section aria-labelledby="discussion-title" className="discussion" id="discussion">
          <h2 id="discussion-title">
            {t('ideas.discussion')}{' '}
            <span className="muted">({t('ideas.comments', { count: idea.commentCount })})</span>
          </h2>
          {idea.commentsLockedAt ? <p className="notice">{t('ideas.commentsLocked')}</p> : null}
          <CommentThread
            ideaPathname={ideaPath(idea)}
            comments={comments}
            signedIn={signedIn}
            discussion={view.discussion}
            submissionKey={submissionKey}
          />
        </section>
        {related.length ? (
          <section aria-labelledby="related-title" className="related-ideas">
            <h2 id="related-title">{t('ideas.related')}</h2>
            <ul>
              {related.map((other) => (
                <li key={other.id} className="related-ideas__card">
                  <Link to={ideaPath(other)} lang={other.language ?? undefined}>
                    {other.title}
                  </Link>
                  <span className="muted">{t('ideas.score', { score: other.score })}</span>
                  <StatusBadge status={other} />
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </article>
    </div>
  )
}
