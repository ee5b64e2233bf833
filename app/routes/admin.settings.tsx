import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'

import { Field, FormError } from '#app/components/ui/field'
import { ideaKinds, statusCategories } from '#app/domain/ideas/ideas.rules'
import { listStatuses } from '#app/domain/ideas/ideas.server'
import {
  coreStatusSlugs,
  deleteStatus,
  listAllCategories,
  moveStatus,
  saveCategory,
  saveStatus,
  setCategoryRetired,
  setStatusRetired,
  type TaxonomyResult,
} from '#app/domain/ideas/taxonomy.server'
import {
  categoryFormSchema,
  rowActionSchema,
  siteSettingsSchema,
  statusFormSchema,
} from '#app/domain/settings/settings.schema'
import { getSettings, saveSettings, supportContactOf } from '#app/domain/settings/settings.server'
import { premoderationModes } from '#app/domain/spam/spam.rules'
import { type FormFailure, publicValues, readForm, validate } from '#app/utils/forms.server'
import { dispatchIntent } from '#app/utils/http/intents.server'
import { type CurrentUser, requireRole } from '#app/utils/http/permissions.server'
import { refusalErrors, taxonomyRefusals } from '#app/utils/http/refusals'
import { isMessageKey, useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'admin')
  const [settings, statuses, categories] = await Promise.all([
    getSettings(),
    listStatuses(),
    listAllCategories(),
  ])
  return {
    title: getTranslator(request).t('admin.settings.title'),
    settings,
    // The address people are given while the field is empty (the server's configuration), or none.
    supportFallback: settings.supportEmail ? null : supportContactOf(settings),
    statuses,
    categories,
    core: [...coreStatusSlugs] as string[],
  }
}

type Failure = FormFailure & { form: string }

/** Every form of the page posts here with its intent; each intent is one domain command, an unknown one answers 400. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, 'admin')
  const values = await readForm(request)
  const intent = values.intent ?? ''
  // Which form failed: a row by id, a new category by its kind, otherwise the single new-item form.
  const form = `${intent}-${values.id ?? (intent === 'category' ? values.kind : undefined) ?? 'new'}`
  const fail = (failure: Omit<Failure, 'form' | 'values'>, status = 400) =>
    data<Failure>({ form, values: publicValues(values), ...failure }, { status })
  const result = await dispatchIntent(intent, intents, { user, values }, () => ({
    fieldErrors: {},
    formError: 'error.badRequestText',
  }))
  if ('fieldErrors' in result) return fail(result)
  if (!result.ok)
    return fail(
      refusalErrors(taxonomyRefusals[result.reason]),
      taxonomyRefusals[result.reason].status,
    )
  return redirect(
    `/admin/settings${intent.startsWith('category') ? '#categories' : intent.startsWith('status') ? '#statuses' : ''}`,
    303,
  )
}

type IntentArgs = { user: CurrentUser; values: Record<string, string> }

/**
 * A row's button: the row's id, then one command on it. A function the intents call, not one called
 * at module scope: a call there would keep the action's code (and zod) in the browser's bundle.
 */
async function onRow(
  { user, values }: IntentArgs,
  command: (args: { actor: CurrentUser; id: number }) => Promise<TaxonomyResult>,
) {
  const parsed = validate(rowActionSchema, values)
  return parsed.ok ? command({ actor: user, id: parsed.data.id }) : parsed.failure
}

const intents = {
  async site({ user, values }: IntentArgs) {
    const parsed = validate(siteSettingsSchema, values)
    return parsed.ok ? saveSettings({ actor: user, values: parsed.data }) : parsed.failure
  },
  async status({ user, values }: IntentArgs) {
    const parsed = validate(statusFormSchema, values)
    return parsed.ok ? saveStatus({ actor: user, ...parsed.data }) : parsed.failure
  },
  async category({ user, values }: IntentArgs) {
    const parsed = validate(categoryFormSchema, values)
    return parsed.ok ? saveCategory({ actor: user, ...parsed.data }) : parsed.failure
  },
  'status-up': (args: IntentArgs) =>
    onRow(args, ({ actor, id }) => moveStatus({ actor, id, direction: 'up' })),
  'status-down': (args: IntentArgs) =>
    onRow(args, ({ actor, id }) => moveStatus({ actor, id, direction: 'down' })),
  'status-retire': (args: IntentArgs) =>
    onRow(args, ({ actor, id }) => setStatusRetired({ actor, id, retired: true })),
  'status-restore': (args: IntentArgs) =>
    onRow(args, ({ actor, id }) => setStatusRetired({ actor, id, retired: false })),
  'status-delete': (args: IntentArgs) => onRow(args, deleteStatus),
  'category-retire': (args: IntentArgs) =>
    onRow(args, ({ actor, id }) => setCategoryRetired({ actor, id, retired: true })),
  'category-restore': (args: IntentArgs) =>
    onRow(args, ({ actor, id }) => setCategoryRetired({ actor, id, retired: false })),
}

export default function SettingsPage() {
  const { settings, supportFallback, statuses, categories, core } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t } = useTranslation()
  const mine = (form: string) => (result && result.form === form ? result : undefined)
  const kept = (form: string, field: string, fallback: string) =>
    mine(form)?.values[field] ?? fallback
  const errorsOf = (form: string, field: string) => mine(form)?.fieldErrors[field]
  const formError = (form: string) => {
    const key = mine(form)?.formError
    return key ? <FormError message={isMessageKey(key) ? key : 'admin.actionFailed'} /> : null
  }

  return (
    <>
      <header className="page-header">
        <h1>{t('admin.settings.title')}</h1>
        <p className="lead">{t('admin.settings.intro')}</p>
      </header>

      <Form method="post" className="card form" noValidate aria-labelledby="site-title">
        <h2 id="site-title">{t('admin.settings.site')}</h2>
        <input type="hidden" name="intent" value="site" />
        {formError('site-new')}
        <Field
          label={t('admin.settings.siteName')}
          hint={t('admin.settings.siteNameHint')}
          name="siteName"
          maxLength={60}
          defaultValue={kept('site-new', 'siteName', settings.siteName)}
          errors={errorsOf('site-new', 'siteName')}
        />
        <Field
          label={t('admin.settings.logoText')}
          hint={t('admin.settings.logoTextHint')}
          name="logoText"
          maxLength={2}
          defaultValue={kept('site-new', 'logoText', settings.logoText)}
          errors={errorsOf('site-new', 'logoText')}
        />
        <Field
          label={t('admin.settings.accentColor')}
          hint={t('admin.settings.accentColorHint')}
          name="accentColor"
          placeholder="#0f766e"
          defaultValue={kept('site-new', 'accentColor', settings.accentColor)}
          errors={errorsOf('site-new', 'accentColor')}
        />
        <Field
          label={t('admin.settings.supportEmail')}
          // While it is empty, the hint says which address people are given instead, if any.
          hint={[
            t('admin.settings.supportEmailHint'),
            settings.supportEmail
              ? t('admin.settings.supportEmailEmpty')
              : supportFallback
                ? t('admin.settings.supportEmailFallback', supportFallback)
                : t('admin.settings.supportEmailNone'),
          ].join(' ')}
          name="supportEmail"
          type="email"
          autoComplete="off"
          maxLength={254}
          placeholder="support@example.com"
          defaultValue={kept('site-new', 'supportEmail', settings.supportEmail)}
          errors={errorsOf('site-new', 'supportEmail')}
        />
        <div className="field">
          <label htmlFor="default-locale">{t('admin.settings.defaultLocale')}</label>
          <select id="default-locale" name="defaultLocale" defaultValue={settings.defaultLocale}>
            <option value="en">English</option>
            <option value="nl" lang="nl">
              Nederlands
            </option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="premoderation">{t('admin.settings.premoderation')}</label>
          <select id="premoderation" name="premoderation" defaultValue={settings.premoderation}>
            {premoderationModes.map((mode) => (
              <option key={mode} value={mode}>
                {t(`admin.settings.premoderation.${mode}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="check">
          <input
            type="checkbox"
            name="downVotesEnabled"
            defaultChecked={settings.downVotesEnabled}
          />{' '}
          {t('admin.settings.downVotes')}
        </label>
        <button type="submit" className="button">
          {t('admin.settings.save')}
        </button>
      </Form>

      <section className="card admin-panel" aria-labelledby="statuses-title" id="statuses">
        <h2 id="statuses-title">{t('admin.settings.statuses')}</h2>
        <p className="muted">{t('admin.settings.statusesHint')}</p>
        <ul className="settings-rows">
          {statuses.map((status, index) => {
            const form = `status-${status.id}`
            return (
              <li
                key={status.id}
                className={status.retired ? 'settings-row settings-row--retired' : 'settings-row'}
              >
                <Form
                  method="post"
                  className="settings-row__form"
                  noValidate
                  aria-label={status.nameEn}
                >
                  <input type="hidden" name="intent" value="status" />
                  <input type="hidden" name="id" value={status.id} />
                  {formError(form)}
                  <Field
                    label={t('admin.nameEn')}
                    name="nameEn"
                    defaultValue={kept(form, 'nameEn', status.nameEn)}
                    errors={errorsOf(form, 'nameEn')}
                    maxLength={40}
                  />
                  <Field
                    label={t('admin.nameNl')}
                    name="nameNl"
                    lang="nl"
                    defaultValue={kept(form, 'nameNl', status.nameNl)}
                    errors={errorsOf(form, 'nameNl')}
                    maxLength={40}
                  />
                  <Field
                    label={t('admin.settings.color')}
                    name="color"
                    type="color"
                    defaultValue={kept(form, 'color', status.color)}
                    errors={errorsOf(form, 'color')}
                  />
                  <div className="field">
                    <label htmlFor={`${form}-category`}>{t('admin.settings.category')}</label>
                    <select
                      id={`${form}-category`}
                      name="category"
                      defaultValue={status.category}
                      disabled={core.includes(status.slug)}
                    >
                      {statusCategories.map((category) => (
                        <option key={category} value={category}>
                          {t(`admin.settings.category.${category}`)}
                        </option>
                      ))}
                    </select>
                    {core.includes(status.slug) ? (
                      <input type="hidden" name="category" value={status.category} />
                    ) : null}
                  </div>
                  <label className="check">
                    <input type="checkbox" name="onRoadmap" defaultChecked={status.onRoadmap} />{' '}
                    {t('admin.settings.onRoadmap')}
                  </label>
                  <button type="submit" className="button button--small">
                    {t('admin.settings.saveRow')}
                  </button>
                </Form>
                <Form method="post" className="settings-row__tools">
                  <input type="hidden" name="id" value={status.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="status-up"
                    className="button button--small button--secondary"
                    disabled={index === 0}
                    aria-label={t('admin.settings.moveUp', { name: status.nameEn })}
                  >
                    ↑
                  </button>
                  <button
                    type="submit"
                    name="intent"
                    value="status-down"
                    className="button button--small button--secondary"
                    disabled={index === statuses.length - 1}
                    aria-label={t('admin.settings.moveDown', { name: status.nameEn })}
                  >
                    ↓
                  </button>
                  {!core.includes(status.slug) ? (
                    <>
                      <button
                        type="submit"
                        name="intent"
                        value={status.retired ? 'status-restore' : 'status-retire'}
                        className="button button--small button--secondary"
                      >
                        {status.retired ? t('admin.settings.restore') : t('admin.settings.retire')}
                      </button>
                      <button
                        type="submit"
                        name="intent"
                        value="status-delete"
                        className="button button--small button--secondary"
                      >
                        {t('admin.settings.delete')}
                      </button>
                    </>
                  ) : null}
                </Form>
              </li>
            )
          })}
        </ul>
        <Form
          method="post"
          className="form settings-new"
          noValidate
          aria-labelledby="new-status-title"
        >
          <h3 id="new-status-title">{t('admin.settings.newStatus')}</h3>
          <input type="hidden" name="intent" value="status" />
          {formError('status-new')}
          <Field
            label={t('admin.nameEn')}
            name="nameEn"
            maxLength={40}
            defaultValue={kept('status-new', 'nameEn', '')}
            errors={errorsOf('status-new', 'nameEn')}
          />
          <Field
            label={t('admin.nameNl')}
            name="nameNl"
            lang="nl"
            maxLength={40}
            defaultValue={kept('status-new', 'nameNl', '')}
            errors={errorsOf('status-new', 'nameNl')}
          />
          <Field
            label={t('admin.settings.color')}
            name="color"
            type="color"
            defaultValue={kept('status-new', 'color', '#64748b')}
            errors={errorsOf('status-new', 'color')}
          />
          <div className="field">
            <label htmlFor="new-status-category">{t('admin.settings.category')}</label>
            <select id="new-status-category" name="category" defaultValue="active">
              {statusCategories.map((category) => (
                <option key={category} value={category}>
                  {t(`admin.settings.category.${category}`)}
                </option>
              ))}
            </select>
          </div>
          <label className="check">
            <input type="checkbox" name="onRoadmap" /> {t('admin.settings.onRoadmap')}
          </label>
          <button type="submit" className="button button--secondary">
            {t('admin.settings.addStatus')}
          </button>
        </Form>
      </section>

      <section className="card admin-panel" aria-labelledby="categories-title" id="categories">
        <h2 id="categories-title">{t('admin.settings.categories')}</h2>
        {ideaKinds.map((kind) => (
          <div key={kind} className="settings-kind">
            <h3>{t(`ideas.kind.${kind}`)}</h3>
            <ul className="settings-rows">
              {categories
                .filter((category) => category.kind === kind)
                .map((category) => {
                  const form = `category-${category.id}`
                  return (
                    <li
                      key={category.id}
                      className={
                        category.retired ? 'settings-row settings-row--retired' : 'settings-row'
                      }
                    >
                      <Form
                        method="post"
                        className="settings-row__form"
                        noValidate
                        aria-label={category.nameEn}
                      >
                        <input type="hidden" name="intent" value="category" />
                        <input type="hidden" name="id" value={category.id} />
                        <input type="hidden" name="kind" value={kind} />
                        {formError(form)}
                        <Field
                          label={t('admin.nameEn')}
                          name="nameEn"
                          maxLength={40}
                          defaultValue={kept(form, 'nameEn', category.nameEn)}
                          errors={errorsOf(form, 'nameEn')}
                        />
                        <Field
                          label={t('admin.nameNl')}
                          name="nameNl"
                          lang="nl"
                          maxLength={40}
                          defaultValue={kept(form, 'nameNl', category.nameNl)}
                          errors={errorsOf(form, 'nameNl')}
                        />
                        <button type="submit" className="button button--small">
                          {t('admin.settings.saveRow')}
                        </button>
                      </Form>
                      <Form method="post" className="settings-row__tools">
                        <input type="hidden" name="id" value={category.id} />
                        <button
                          type="submit"
                          name="intent"
                          value={category.retired ? 'category-restore' : 'category-retire'}
                          className="button button--small button--secondary"
                        >
                          {category.retired
                            ? t('admin.settings.restore')
                            : t('admin.settings.retire')}
                        </button>
                      </Form>
                    </li>
                  )
                })}
            </ul>
            <Form
              method="post"
              className="form settings-new"
              noValidate
              aria-label={t('admin.settings.newCategoryFor', { kind: t(`ideas.kind.${kind}`) })}
            >
              <input type="hidden" name="intent" value="category" />
              <input type="hidden" name="kind" value={kind} />
              {formError(`category-${kind}`)}
              <Field
                label={t('admin.nameEn')}
                name="nameEn"
                maxLength={40}
                defaultValue={kept(`category-${kind}`, 'nameEn', '')}
                errors={errorsOf(`category-${kind}`, 'nameEn')}
              />
              <Field
                label={t('admin.nameNl')}
                name="nameNl"
                lang="nl"
                maxLength={40}
                defaultValue={kept(`category-${kind}`, 'nameNl', '')}
                errors={errorsOf(`category-${kind}`, 'nameNl')}
              />
              <button type="submit" className="button button--small button--secondary">
                {t('admin.settings.addCategory')}
              </button>
            </Form>
          </div>
        ))}
      </section>
    </>
  )
}
