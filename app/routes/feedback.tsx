import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'

import {
  getFeedbackSubject,
  giveFeedback,
  readFeedbackToken,
} from '#app/domain/insights/feedback.server'
import { feedbackWording } from '#app/domain/mail/mail.rules'
import { readForm } from '#app/utils/forms.server'
import { useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

/**
 * "Did this answer help you?" from an email: the signed link names the person and the answer, so no
 * sign-in is needed. Opening the link only shows the question, with the idea and the answer it is
 * about and the person's rating so far; the click on the page records it (mail scanners open links,
 * people press buttons), and can change it later.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const token = (url.searchParams.get('token') ?? '').slice(0, 500)
  const answer = url.searchParams.get('answer')
  const target = await readFeedbackToken(token)
  const subject = target ? await getFeedbackSubject(target) : null
  return {
    title: getTranslator(request).t('feedback.title'),
    token,
    valid: Boolean(target),
    subject,
    wording: feedbackWording(subject?.kind ?? 'response'),
    saved: url.searchParams.get('saved') === '1',
    preset: answer === 'no' ? 'no' : answer === 'yes' ? 'yes' : null,
  }
}

/** Records the rating, then redirects (after POST: a reload cannot send it again) to the page saying so. */
export async function action({ request }: ActionFunctionArgs) {
  const values = await readForm(request)
  const token = (values.token ?? '').slice(0, 500)
  const target = await readFeedbackToken(token)
  if (!target || (values.helpful !== 'yes' && values.helpful !== 'no'))
    return data({ saved: false }, { status: 400 })
  await giveFeedback({
    ...target,
    helpful: values.helpful === 'yes',
    comment: (values.comment ?? '').trim(),
  })
  return redirect(`/feedback?${new URLSearchParams({ token, saved: '1' })}`, 303)
}

export default function FeedbackPage() {
  const { token, valid, subject, wording, saved, preset } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const rating = subject?.rating ?? null
  // The button in front: the one the person chose before, else the one they clicked in the email.
  const leaning = rating ? (rating.helpful ? 'yes' : 'no') : preset
  return (
    <div className="container narrow">
      <h1>{t('feedback.title')}</h1>
      {saved ? (
        <p className="notice notice--success" role="status">
          {t('feedback.thanks')}
        </p>
      ) : null}
      {valid ? (
        <>
          {subject ? (
            <section className="card" aria-labelledby="feedback-about">
              <h2 id="feedback-about" className="card__title">
                {subject.kind === 'update' ? t('feedback.aboutUpdate') : t('feedback.aboutIdea')}{' '}
                {subject.href ? (
                  <Link to={subject.href}>{subject.title}</Link>
                ) : (
                  (subject.title ?? t('feedback.ideaNotPublic'))
                )}
              </h2>
              {subject.answer ? (
                <blockquote className="feedback-answer">{subject.answer}</blockquote>
              ) : null}
            </section>
          ) : null}
          <Form method="post" className="card form">
            <input type="hidden" name="token" value={token} />
            {rating ? <p>{t(rating.helpful ? wording.ratedYes : wording.ratedNo)}</p> : null}
            <p>{t(wording.question)}</p>
            <div className="field">
              <label htmlFor="feedback-comment">{t('feedback.comment')}</label>
              <textarea
                id="feedback-comment"
                name="comment"
                rows={3}
                maxLength={1000}
                defaultValue={rating?.comment ?? ''}
              />
            </div>
            <div className="form__actions">
              <button
                type="submit"
                name="helpful"
                value="yes"
                className={leaning === 'no' ? 'button button--secondary' : 'button'}
                aria-pressed={rating ? rating.helpful : undefined}
              >
                {t('feedback.yes')}
              </button>
              <button
                type="submit"
                name="helpful"
                value="no"
                className={leaning === 'no' ? 'button' : 'button button--secondary'}
                aria-pressed={rating ? !rating.helpful : undefined}
              >
                {t('feedback.no')}
              </button>
            </div>
          </Form>
        </>
      ) : (
        <p className="notice">{t('feedback.invalid')}</p>
      )}
    </div>
  )
}
