import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { giveFeedback, readFeedbackToken } from '#app/domain/insights/feedback.server'
import { readForm } from '#app/utils/forms.server'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { useTranslation } from '#app/utils/i18n/i18n'
import { pageTitle } from '#app/utils/page-title'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, data?.title) }]

/**
 * "Did this answer help you?" from an email: the signed link names the person and the answer, so no
 * sign-in is needed. Opening the link only shows the question; the click on the page records it
 * (mail scanners open links, people press buttons).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const token = (url.searchParams.get('token') ?? '').slice(0, 500)
  const answer = url.searchParams.get('answer')
  return { title: getTranslator(request).t('feedback.title'), token, valid: Boolean(await readFeedbackToken(token)), preset: answer === 'no' ? 'no' : answer === 'yes' ? 'yes' : null }
}

export async function action({ request }: ActionFunctionArgs) {
  const values = await readForm(request)
  const target = await readFeedbackToken((values.token ?? '').slice(0, 500))
  if (!target || (values.helpful !== 'yes' && values.helpful !== 'no')) return data({ saved: false }, { status: 400 })
  await giveFeedback({ ...target, helpful: values.helpful === 'yes', comment: (values.comment ?? '').trim() })
  return { saved: true }
}

export default function FeedbackPage() {
  const { token, valid, preset } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="container narrow">
      <h1>{t('feedback.title')}</h1>
      {result?.saved ? (
        <p className="notice notice--success" role="status">
          {t('feedback.thanks')}
        </p>
      ) : valid ? (
        <Form method="post" className="card form">
          <input type="hidden" name="token" value={token} />
          <p>{t('feedback.question')}</p>
          <div className="field">
            <label htmlFor="feedback-comment">{t('feedback.comment')}</label>
            <textarea id="feedback-comment" name="comment" rows={3} maxLength={1000} />
          </div>
          <div className="form__actions">
            <button type="submit" name="helpful" value="yes" className={preset === 'no' ? 'button button--secondary' : 'button'}>
              {t('feedback.yes')}
            </button>
            <button type="submit" name="helpful" value="no" className={preset === 'no' ? 'button' : 'button button--secondary'}>
              {t('feedback.no')}
            </button>
          </div>
        </Form>
      ) : (
        <p className="notice">{t('feedback.invalid')}</p>
      )}
    </div>
  )
}
