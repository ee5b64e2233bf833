import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'

import { SimilarIdeas } from '#app/components/ideas/similar-ideas'
import { StatusBadge } from '#app/components/ideas/status-badge'
import { Field, FormError, SelectField, TextareaField } from '#app/components/ui/field'
import { intakeRoles, type Locale, locales } from '#app/domain/accounts/accounts.rules'
import { capturedChannels, socialNetworks } from '#app/domain/channels/channels'
import { type IdeaKind, ideaKinds, ideaPath, mayViewIdea } from '#app/domain/ideas/ideas.rules'
import { getIdea, listCategories } from '#app/domain/ideas/ideas.server'
import {
  intakeAutomaticLanguage,
  intakeIntent,
  intakeSearchText,
} from '#app/domain/intake/intake.rules'
import { captureIdeaSchema, captureVoteSchema } from '#app/domain/intake/intake.schema'
import {
  captureIdea,
  captureVote,
  checkCapturedIdea,
  findIdeasToVoteOn,
  type IdeaForCustomer,
} from '#app/domain/intake/intake.server'
import {
  badRequestForm,
  type FieldErrors,
  publicValues,
  readForm,
  refusedForm,
  validate,
} from '#app/utils/forms.server'
import { dispatchIntent } from '#app/utils/http/intents.server'
import { type CurrentUser, requireRole } from '#app/utils/http/permissions.server'
import { intakeRefusals } from '#app/utils/http/refusals'
import { inLocale, isMessageKey, localName, useTranslation } from '#app/utils/i18n/i18n'
import { getLocale, getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'
import { idField } from '#app/utils/schemas'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, intakeRoles)
  const url = new URL(request.url)
  const doneId = idField().safeParse(url.searchParams.get('idea')).data
  const done = doneId ? await getIdea({ id: doneId }) : undefined
  // The idea a capture went to is named only when the viewer may see it: the address is anyone's
  // to write, and an agent is not shown a hidden idea's title, or one held for approval
  // (fresh-eyes review). The notice still says what was done.
  const named = done && mayViewIdea(done, viewer) ? done : null
  const [categories, searched] = await Promise.all([
    listCategories(),
    searchIdeasToVoteOn(url.searchParams.get('q')),
  ])
  return {
    ...searched,
    title: getTranslator(request).t('intake.title'),
    categories: categories.map(({ id, kind, nameEn, nameNl }) => ({ id, kind, nameEn, nameNl })),
    done: done ? { idea: named && { id: named.id, slug: named.slug, title: named.title } } : null,
    // One per capture: filing sends it, so a double submit files once (the form is new after each save).
    submissionKey: crypto.randomUUID(),
  }
}

/** The agent's search for ideas to add the customer's vote to (`q`), and the ideas it found (closed ones too). */
async function searchIdeasToVoteOn(text: string | null | undefined) {
  const search = intakeSearchText(text)
  return { search, voteCandidates: search ? await findIdeasToVoteOn({ query: search }) : null }
}

type Result = {
  fieldErrors: FieldErrors
  formError?: string
  values: Record<string, string>
  similar?: IdeaForCustomer[]
  checked?: boolean
  search?: string
  voteCandidates?: IdeaForCustomer[] | null
  /** The closed idea a vote was refused for, named where the page does not list it. */
  closedIdea?: IdeaForCustomer
}

/**
 * Separate steps: `check` only looks for similar ideas (it never files), `create` files the idea
 * (the agent's confirmed step), `vote` adds the customer's vote to an existing idea with just
 * their contact details and channel, `find` searches for ideas to vote on; Enter in a field is one
 * of `find` and `check` (`intakeIntent`). "Add the customer's vote" buttons (beside the similar ideas,
 * and beside the ideas found by the search) and the search itself belong to the one form with the
 * customer's details, and the vote buttons carry the idea in `voteFor`: without JavaScript nothing
 * the agent typed is lost by searching, and every answer that shows the form again shows the ideas
 * its search (`q`) found beside it.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, intakeRoles)
  const values = await readForm(request)
  const answer = await dispatchIntent(
    intakeIntent(values),
    intents,
    { request, user, values },
    () => badRequestForm<Result>(values),
  )
  if (!('data' in answer)) return answer
  const searched = await searchIdeasToVoteOn(values.q)
  return data<Result>({ ...answer.data, ...searched }, answer.init ?? undefined)
}

type IntentArgs = { request: Request; user: CurrentUser; values: Record<string, string> }

const intents = {
  /** The form as typed comes back (the action adds the ideas its search found). */
  async find({ values }: IntentArgs) {
    return data<Result>({ fieldErrors: {}, values: publicValues(values) })
  },
  async check({ values }: IntentArgs) {
    const parsed = validate(captureIdeaSchema, values)
    if (!parsed.ok) return data<Result>(parsed.failure, { status: 400 })
    const checked = await checkCapturedIdea({ idea: parsed.data })
    if (!checked.ok) return refusedForm<Result>(intakeRefusals[checked.reason], values)
    return data<Result>({
      fieldErrors: {},
      values: publicValues(values),
      similar: checked.similar,
      checked: true,
    })
  },
  /** The agent's confirmed step: the idea is filed for the customer's captured person. */
  async create({ request, user, values }: IntentArgs) {
    const parsed = validate(captureIdeaSchema, values)
    if (!parsed.ok) return data<Result>(parsed.failure, { status: 400 })
    const { kind, categoryId, title, description, submissionKey, ...customer } = parsed.data
    const result = await captureIdea({
      actor: user,
      customer,
      idea: { kind, categoryId, title, description },
      submissionKey,
      pageLocale: getLocale(request),
    })
    if (!result.ok) return refusedForm<Result>(intakeRefusals[result.reason], values)
    return redirect(
      `/admin/intake?${new URLSearchParams({ idea: String(result.ideaId), done: 'idea', customer: String(result.customerId) })}`,
      303,
    )
  },
  async vote({ request, user, values }: IntentArgs) {
    const parsed = validate(captureVoteSchema, { ...values, ideaId: values.voteFor ?? '' })
    if (!parsed.ok) return data<Result>(parsed.failure, { status: 400 })
    const result = await captureVote({
      actor: user,
      customer: parsed.data,
      ideaId: parsed.data.ideaId,
      pageLocale: getLocale(request),
    })
    if (!result.ok) {
      const refused = refusedForm<Result>(intakeRefusals[result.reason], values)
      if (result.reason !== 'closed') return refused
      const [closedIdea] = await findIdeasToVoteOn({ query: `#${parsed.data.ideaId}` })
      return data<Result>({ ...refused.data, closedIdea }, refused.init ?? undefined)
    }
    return redirect(
      `/admin/intake?${new URLSearchParams({ idea: String(result.ideaId), done: result.alreadyVoted ? 'alreadyVoted' : 'vote', customer: String(result.customerId) })}`,
      303,
    )
  },
}

/** The one form with the customer's details: filing an idea and adding a vote both send it. */
const CAPTURE_FORM = 'intake-capture'

export default function IntakePage() {
  const loaded = useLoaderData<typeof loader>()
  const { categories, done, submissionKey } = loaded
  const result = useActionData<typeof action>()
  // The search is a button of the capture form: its answer (or any other that shows the form again)
  // brings the ideas found; a link to the page with `?q=` searches too.
  const search = result?.search ?? loaded.search
  const voteCandidates = result ? result.voteCandidates : loaded.voteCandidates
  // Enter in the search field searches at once (without JavaScript the server tells, `intakeIntent`).
  const findButton = useRef<HTMLButtonElement>(null)
  const [params] = useSearchParams()
  const busy = useNavigation().state === 'submitting'
  const { t, locale } = useTranslation()
  const values = result?.values ?? {}
  const errors = result?.fieldErrors ?? {}
  const [kind, setKind] = useState<IdeaKind | ''>((values.kind as IdeaKind) ?? '')
  const [categoryId, setCategoryId] = useState(values.categoryId ?? '')
  // The idea's words as typed: "Their language" on Automatic names the language they are in.
  const [ideaText, setIdeaText] = useState({
    title: values.title ?? '',
    description: values.description ?? '',
  })
  // A vote for an idea the search found that was refused is said beside the search's ideas; one
  // refused for a closed idea (`voteFor`) beside the idea, in the search's list or else the check's.
  const inSearch = Boolean(voteCandidates?.some((idea) => isVotedFor(idea, values.voteFor)))
  const inSimilar =
    !inSearch && Boolean(result?.similar?.some((idea) => isVotedFor(idea, values.voteFor)))
  const voteRefusal = inSearch ? result?.formError : undefined
  const closedRefusal = errors.voteFor?.[0]
  const banner = voteRefusal
    ? undefined
    : (result?.formError ?? (inSearch || inSimilar ? undefined : closedRefusal))
  // A vote refused for a closed idea not listed here: the banner names it and its status.
  const closedIdea = banner && banner === closedRefusal ? result?.closedIdea : undefined
  // What was just saved (from the address the save redirected to). With JavaScript the page is not
  // reloaded, so the forms are started afresh by their key: the text just filed would invite a duplicate.
  const saved = params.get('done')
    ? `${params.get('done')}:${params.get('idea')}:${params.get('customer')}`
    : ''
  useEffect(() => {
    if (!saved) return
    setKind('')
    setCategoryId('')
    setIdeaText({ title: '', description: '' })
  }, [saved])
  return (
    <>
      <header className="page-header">
        <h1 id="intake-title">{t('intake.title')}</h1>
        <p className="lead">{t('intake.intro')}</p>
      </header>
      {done ? (
        <p className="notice notice--success" role="status">
          {params.get('done') === 'vote'
            ? t('intake.votedDone')
            : params.get('done') === 'alreadyVoted'
              ? t('intake.alreadyVoted')
              : t('intake.ideaDone')}{' '}
          {done.idea ? <Link to={ideaPath(done.idea)}>{done.idea.title}</Link> : null}
        </p>
      ) : null}
      <Form
        key={saved}
        id={CAPTURE_FORM}
        method="post"
        className="card form intake-form"
        noValidate
        aria-labelledby="intake-title"
        onChange={(event) => {
          const field = event.target as HTMLInputElement
          if (field.name === 'title' || field.name === 'description')
            setIdeaText((typed) => ({ ...typed, [field.name]: field.value }))
        }}
      >
        {/* Enter in a field presses the form's first submit button: let that be "enter", never the
            vote for the first similar idea listed above the visible buttons. It runs the search when
            the search field holds words not yet searched for (`searched`), else the check. */}
        <button
          type="submit"
          name="intent"
          value="enter"
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          disabled={busy}
        >
          {t('intake.check')}
        </button>
        <FormError
          message={closedIdea ? 'intake.error.closedIdea' : banner}
          values={
            closedIdea && {
              idea: `#${closedIdea.id} ${closedIdea.title}`,
              status: inLocale(locale, closedIdea.statusNameEn, closedIdea.statusNameNl),
            }
          }
        />
        {/* The key the form was opened with, kept through the check: the loader makes a new one each time. */}
        <input type="hidden" name="submissionKey" value={values.submissionKey ?? submissionKey} />
        {/* What the ideas found below were found for: Enter runs a search typed since. */}
        <input type="hidden" name="searched" value={search} />
        <CustomerFields
          values={values}
          errors={errors}
          automaticLanguage={intakeAutomaticLanguage(ideaText, locale)}
        />
        <fieldset className="plain-fieldset intake-form__group">
          <legend>{t('intake.theIdea')}</legend>
          <SelectField
            label={t('ideas.filterKind')}
            name="kind"
            value={kind}
            onChange={(event) => setKind(event.currentTarget.value as IdeaKind)}
            errors={errors.kind}
          >
            <option value="">{t('intake.chooseKind')}</option>
            {ideaKinds.map((option) => (
              <option key={option} value={option}>
                {t(`ideas.kind.${option}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('ideas.form.category')}
            name="categoryId"
            value={categoryId}
            onChange={(event) => setCategoryId(event.currentTarget.value)}
            errors={errors.categoryId}
          >
            <option value="">{t('ideas.form.chooseCategory')}</option>
            {/* The kind's categories, and the one chosen even if it is another kind's: the check says so. */}
            {categories
              .filter(
                (category) => !kind || category.kind === kind || String(category.id) === categoryId,
              )
              .map((category) => (
                <option key={category.id} value={category.id}>
                  {t(`ideas.kind.${category.kind}`)}: {localName(locale, category)}
                </option>
              ))}
          </SelectField>
          <Field
            label={t('ideas.form.titleLabel')}
            name="title"
            maxLength={120}
            defaultValue={values.title}
            errors={errors.title}
          />
          <TextareaField
            label={t('ideas.form.descriptionLabel')}
            hint={t('intake.descriptionHint')}
            name="description"
            rows={5}
            defaultValue={values.description}
            errors={errors.description}
          />
        </fieldset>
        {result?.similar?.length ? (
          <section className="card similar-step" aria-labelledby="intake-similar">
            <SimilarIdeas
              ideas={result.similar}
              id="intake-similar"
              title={t('intake.similar.title')}
              intro={t('intake.similar.intro')}
            >
              <ul className="plain-list">
                {result.similar.map((idea) => (
                  <IdeaForCustomerChoice
                    key={idea.id}
                    idea={idea}
                    name={(shown) => shown.title}
                    refusal={inSimilar ? closedRefusal : undefined}
                    voteFor={values.voteFor}
                    busy={busy}
                  />
                ))}
              </ul>
            </SimilarIdeas>
          </section>
        ) : null}
        {result?.checked && !result.similar?.length ? (
          <p className="notice" role="status">
            {t('intake.noSimilar')}
          </p>
        ) : null}
        <div className="form__actions">
          <button
            type="submit"
            name="intent"
            value="check"
            className={result?.checked ? 'button button--secondary' : 'button'}
            disabled={busy}
          >
            {t('intake.check')}
          </button>
          {result?.checked ? (
            <button type="submit" name="intent" value="create" className="button" disabled={busy}>
              {result.similar?.length ? t('intake.fileAnyway') : t('intake.fileNew')}
            </button>
          ) : null}
        </div>
      </Form>

      <section className="card form intake-form" aria-labelledby="intake-vote-heading">
        <h2 id="intake-vote-heading">{t('intake.voteTitle')}</h2>
        <p className="muted">{t('intake.voteIntro')}</p>
        {/* Part of the capture form, so searching keeps the customer and the idea typed above. */}
        <div role="search" className="intake-search">
          <Field
            key={saved}
            label={t('intake.voteSearch')}
            hint={t('intake.voteSearchHint')}
            name="q"
            type="search"
            form={CAPTURE_FORM}
            defaultValue={search}
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return
              event.preventDefault()
              findButton.current?.click()
            }}
          />
          <button
            ref={findButton}
            type="submit"
            name="intent"
            value="find"
            form={CAPTURE_FORM}
            className="button button--secondary"
            disabled={busy}
          >
            {t('intake.voteSearchSubmit')}
          </button>
        </div>
        {voteCandidates ? (
          voteCandidates.length ? (
            <>
              <FormError message={voteRefusal} />
              <ul className="plain-list">
                {voteCandidates.map((idea) => (
                  <IdeaForCustomerChoice
                    key={idea.id}
                    idea={idea}
                    name={(shown) => `#${shown.id} ${shown.title}`}
                    refusal={inSearch ? closedRefusal : undefined}
                    voteFor={values.voteFor}
                    busy={busy}
                  />
                ))}
              </ul>
            </>
          ) : (
            <p className="empty-state">{t('intake.voteNothingFound')}</p>
          )
        ) : null}
      </section>
    </>
  )
}

/** Whether a vote was posted (`voteFor`) for this listed idea, or for the original it was merged into. */
function isVotedFor(idea: IdeaForCustomer, voteFor: string | undefined) {
  return voteFor !== undefined && [idea.id, idea.mergedInto?.id].map(String).includes(voteFor)
}

/**
 * One idea found for the customer: a link to its page and its status, then the button that adds
 * their vote, or for a closed idea that the vote can't be added, and for a duplicate the idea it was merged into (with the button, when
 * that one takes the vote). Whether the vote can be added is the server's answer (`voteRefusal`).
 * A vote refused for this idea (`voteFor`) is said beside it.
 */
function IdeaForCustomerChoice({
  idea,
  name,
  refusal,
  voteFor,
  busy,
}: {
  idea: IdeaForCustomer
  /** How a button names an idea. */
  name: (idea: { id: number; title: string }) => string
  refusal: string | undefined
  voteFor: string | undefined
  busy: boolean
}) {
  const { t } = useTranslation()
  const { mergedInto } = idea
  const refused = refusal && isVotedFor(idea, voteFor)
  const errorId = `intake-vote-${idea.id}-error`
  const voteButton = (target: { id: number; title: string }) => (
    <button
      type="submit"
      form={CAPTURE_FORM}
      name="voteFor"
      value={target.id}
      className="button button--small button--secondary"
      disabled={busy}
      aria-describedby={refused ? errorId : undefined}
    >
      {t('intake.voteInstead', { title: name(target) })}
    </button>
  )
  return (
    <li>
      <Link to={ideaPath(idea)} target="_blank" rel="noopener">
        {name(idea)} <span className="visually-hidden">{t('ideas.similar.opensNewTab')}</span>
      </Link>{' '}
      <StatusBadge status={idea} />{' '}
      {idea.voteRefusal === null ? (
        voteButton(idea)
      ) : (
        <>
          <span className="muted">{t('intake.closed.noVote')}</span>
          {mergedInto ? (
            <p>
              {t('intake.closed.mergedInto')}{' '}
              <Link to={ideaPath(mergedInto)} target="_blank" rel="noopener">
                {name(mergedInto)}{' '}
                <span className="visually-hidden">{t('ideas.similar.opensNewTab')}</span>
              </Link>
              {mergedInto.voteRefusal === null ? <> {voteButton(mergedInto)}</> : null}
            </p>
          ) : null}
        </>
      )}
      {refused ? (
        <p id={errorId} className="field__errors" role="alert">
          {isMessageKey(refusal) ? t(refusal) : t('validation.invalid')}
        </p>
      ) : null}
    </li>
  )
}

/** Who the customer is and where they spoke to us: the same fields for filing an idea and for a vote. */
function CustomerFields({
  values,
  errors,
  automaticLanguage,
}: {
  values: Record<string, string>
  errors: FieldErrors
  /** The language Automatic stands for now (the idea's as typed, else this page's). */
  automaticLanguage: Locale
}) {
  const { t } = useTranslation()
  const [channel, setChannel] = useState(values.channel ?? '')
  return (
    <>
      <fieldset className="plain-fieldset intake-form__group">
        <legend>{t('intake.customer')}</legend>
        <Field
          label={t('intake.email')}
          name="email"
          type="email"
          autoComplete="off"
          defaultValue={values.email}
          errors={errors.email}
        />
        <Field
          label={t('intake.name')}
          hint={t('intake.nameHint')}
          name="name"
          autoComplete="off"
          defaultValue={values.name}
          errors={errors.name}
        />
        <Field
          label={t('intake.phone')}
          name="phone"
          type="tel"
          autoComplete="off"
          defaultValue={values.phone}
          errors={errors.phone}
        />
        <SelectField
          label={t('intake.language')}
          hint={t('intake.languageHint')}
          name="language"
          defaultValue={values.language ?? ''}
          errors={errors.language}
        >
          <option value="">
            {t('intake.languageAutomatic', { language: t(`language.${automaticLanguage}`) })}
          </option>
          {locales.map((option) => (
            <option key={option} value={option}>
              {t(`language.${option}`)}
            </option>
          ))}
        </SelectField>
      </fieldset>
      <fieldset className="plain-fieldset intake-form__group">
        <legend>{t('intake.where')}</legend>
        <SelectField
          label={t('admin.channel')}
          name="channel"
          value={channel}
          onChange={(event) => setChannel(event.currentTarget.value)}
          errors={errors.channel}
        >
          <option value="">{t('intake.chooseChannel')}</option>
          {capturedChannels.map((option) => (
            <option key={option} value={option}>
              {t(`channel.${option}`)}
            </option>
          ))}
        </SelectField>
        {channel === 'social' || values.network ? (
          <SelectField label={t('intake.network')} name="network" defaultValue={values.network}>
            {socialNetworks.map((network) => (
              <option key={network} value={network}>
                {t(`intake.network.${network}`)}
              </option>
            ))}
          </SelectField>
        ) : null}
        <Field
          label={t('intake.reference')}
          hint={t('intake.referenceHint')}
          name="externalRef"
          maxLength={300}
          defaultValue={values.externalRef}
          errors={errors.externalRef}
        />
      </fieldset>
    </>
  )
}
