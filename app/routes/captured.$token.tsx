import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'

import { Form } from '#app/components/ui/form'
import {
  type CapturedClaimRefusal,
  confirmCapturedClaim,
  getCapturedClaim,
} from '#app/domain/intake/intake.server'
import { requireUser } from '#app/utils/http/permissions.server'
import { useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { withNotice } from '#app/utils/notices'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

const refusalStatus: Record<CapturedClaimRefusal, number> = {
  invalid: 404,
  notYours: 403,
  staff: 403,
  claimed: 410,
}

// The link in "… captured this for you — is it yours?": it works only for the signed-in account it was sent to.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const claim = await getCapturedClaim({
    token: (params.token ?? '').slice(0, 300),
    userId: user.id,
  })
  const title = getTranslator(request).t('captured.title')
  if (!claim.ok)
    return data(
      { title, refusal: claim.reason, ideas: [], votes: [] },
      { status: refusalStatus[claim.reason] },
    )
  return { title, refusal: null, ideas: claim.ideas, votes: claim.votes }
}

/** Confirming moves what was captured for the address to the account. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const result = await confirmCapturedClaim({
    token: (params.token ?? '').slice(0, 300),
    userId: user.id,
  })
  if (!result.ok)
    return data({ done: false, refusal: result.reason }, { status: refusalStatus[result.reason] })
  // Post/redirect/get: this page would now say "already added" (410) for the link just used.
  return redirect(withNotice('/my/ideas', 'captured.done'), 303)
}

export default function CapturedClaimPage() {
  const loaded = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t } = useTranslation()
  const refusal = result?.refusal ?? loaded.refusal
  return (
    <div className="container narrow">
      <header className="page-header">
        <h1>{t('captured.title')}</h1>
      </header>
      {refusal ? (
        <p className="notice" role="status">
          {t(`captured.${refusal}`)}
        </p>
      ) : (
        <Form method="post" className="card form">
          <p>{t('captured.intro')}</p>
          {loaded.ideas.length ? (
            <CapturedList heading={t('captured.ideas')} ideas={loaded.ideas} />
          ) : null}
          {loaded.votes.length ? (
            <CapturedList heading={t('captured.votes')} ideas={loaded.votes} />
          ) : null}
          {loaded.ideas.length + loaded.votes.length === 0 ? <p>{t('captured.nothing')}</p> : null}
          <div className="form__actions">
            <button type="submit" className="button">
              {t('captured.confirm')}
            </button>
            <Link to="/">{t('captured.notMine')}</Link>
          </div>
        </Form>
      )}
    </div>
  )
}

function CapturedList({
  heading,
  ideas,
}: {
  heading: string
  ideas: { id: number; title: string }[]
}) {
  return (
    <section>
      <h2>{heading}</h2>
      <ul>
        {ideas.map((idea) => (
          // Plain titles: a draft filed from an email is not public until the team approves it.
          <li key={idea.id}>{idea.title}</li>
        ))}
      </ul>
    </section>
  )
}
