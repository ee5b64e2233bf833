import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'

import { Field, FormError, SelectField } from '#app/components/ui/field'
import { channels } from '#app/domain/channels/channels'
import { promiseText } from '#app/domain/promises/promises.rules'
import {
  calendarSchema,
  channelPromiseSchema,
  holidaySchema,
  promiseSchema,
} from '#app/domain/promises/promises.schema'
import {
  addChannelPromise,
  listHolidays,
  listPromises,
  savePromise,
  setHoliday,
} from '#app/domain/promises/promises.server'
import { getSettings, saveSettings } from '#app/domain/settings/settings.server'
import { type FormFailure, publicValues, readFormLists, validate } from '#app/utils/forms.server'
import { dispatchIntent } from '#app/utils/http/intents.server'
import { type CurrentUser, requireRole } from '#app/utils/http/permissions.server'
import { formatDate, useTranslation } from '#app/utils/i18n/i18n'
import { getTranslator } from '#app/utils/i18n/i18n.server'
import { pageTitle } from '#app/utils/page-title'

export { ErrorBoundary } from '#app/components/errors/error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
]

/** Admins: the promises' wording and targets, and the working calendar they are counted in. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'admin')
  const [promises, holidays, settings] = await Promise.all([
    listPromises(),
    listHolidays(),
    getSettings(),
  ])
  return {
    title: getTranslator(request).t('admin.promises.title'),
    promises,
    holidays: holidays.map((holiday) => ({
      day: String(holiday.day).slice(0, 10),
      name: holiday.name,
    })),
    calendar: {
      timeZone: settings.timeZone,
      workingDays: settings.workingDays,
      dayStart: settings.dayStart,
      dayEnd: settings.dayEnd,
    },
  }
}

type Result = FormFailure & { form: string }

/** Each form posts its intent; each intent is one command, an unknown one answers 400. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, 'admin')
  const { values, lists } = await readFormLists(request)
  const form = `${values.intent ?? ''}-${values.id ?? values.day ?? ''}`
  const fail = (failure: Omit<Result, 'form' | 'values'>, status = 400) =>
    data<Result>({ form, values: publicValues(values), ...failure }, { status })
  return dispatchIntent(values.intent, intents, { user, values, lists, fail }, () =>
    fail({ fieldErrors: {}, formError: 'error.badRequestText' }),
  )
}

type IntentArgs = {
  user: CurrentUser
  values: Record<string, string>
  lists: Record<string, string[]>
  fail: (
    failure: Omit<Result, 'form' | 'values'>,
    status?: number,
  ) => ReturnType<typeof data<Result>>
}

/** Adding and removing a holiday: one command, told which. */
async function holiday({ user, values, fail }: IntentArgs) {
  const parsed = validate(holidaySchema, values)
  if (!parsed.ok) return fail(parsed.failure)
  await setHoliday({
    actor: user,
    day: parsed.data.day,
    name: parsed.data.name || parsed.data.day,
    on: values.intent === 'holiday-add',
  })
  return redirect('/admin/promises#holidays', 303)
}

const intents = {
  async promise({ user, values, fail }: IntentArgs) {
    const parsed = validate(promiseSchema, values)
    if (!parsed.ok) return fail(parsed.failure)
    const saved = await savePromise({ actor: user, ...parsed.data })
    if (!saved.ok && saved.reason === 'daysRequired')
      return fail({ fieldErrors: { targetDays: ['admin.promises.daysInvalid'] } })
    return redirect('/admin/promises', 303)
  },
  async 'promise-add'({ user, values, fail }: IntentArgs) {
    const parsed = validate(channelPromiseSchema, values)
    if (!parsed.ok) return fail(parsed.failure)
    const result = await addChannelPromise({ actor: user, ...parsed.data })
    if (!result.ok) return fail({ fieldErrors: { channel: ['admin.promises.channelTaken'] } }, 409)
    return redirect('/admin/promises', 303)
  },
  async calendar({ user, values, lists, fail }: IntentArgs) {
    const parsed = validate(calendarSchema, values)
    if (!parsed.ok) return fail(parsed.failure)
    const workingDays = (lists.workingDay ?? []).map(Number).filter((day) => day >= 1 && day <= 7)
    if (workingDays.length === 0)
      return fail({ fieldErrors: { workingDay: ['admin.promises.daysRequired'] } })
    await saveSettings({ actor: user, values: { ...parsed.data, workingDays } })
    return redirect('/admin/promises', 303)
  },
  'holiday-add': holiday,
  'holiday-remove': holiday,
}

const weekdays = [1, 2, 3, 4, 5, 6, 7] as const

export default function PromisesAdminPage() {
  const { promises, holidays, calendar } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t, locale } = useTranslation()
  const mine = (form: string) => (result && result.form === form ? result : undefined)
  return (
    <>
      <header className="page-header">
        <h1>{t('admin.promises.title')}</h1>
        <p className="lead">{t('admin.promises.intro')}</p>
      </header>
      <ul className="settings-rows">
        {promises.map((promise) => {
          const form = `promise-${promise.id}`
          return (
            <li key={promise.id} className="settings-row">
              <Form
                method="post"
                className="settings-row__form"
                noValidate
                aria-label={promiseText(promise, t)}
              >
                <input type="hidden" name="intent" value="promise" />
                <input type="hidden" name="id" value={promise.id} />
                <FormError message={mine(form)?.formError} />
                <p>
                  <span className="muted">{t('admin.promises.preview')}:</span>{' '}
                  {promiseText(promise, t)}
                </p>
                {promise.kind !== 'declined-reason' ? (
                  <Field
                    label={
                      promise.kind === 'first-response'
                        ? t('admin.promises.workingDays')
                        : t('admin.promises.days')
                    }
                    name="targetDays"
                    inputMode="numeric"
                    defaultValue={
                      mine(form)?.values.targetDays ??
                      (promise.targetDays === null ? '' : String(promise.targetDays))
                    }
                    errors={mine(form)?.fieldErrors.targetDays}
                  />
                ) : (
                  <input type="hidden" name="targetDays" value="" />
                )}
                <label className="check">
                  <input type="checkbox" name="active" defaultChecked={promise.active} />{' '}
                  {t('admin.promises.active')}
                </label>
                <button type="submit" className="button button--small">
                  {t('admin.settings.saveRow')}
                </button>
              </Form>
            </li>
          )
        })}
      </ul>
      <Form
        method="post"
        className="card form admin-section"
        noValidate
        aria-labelledby="channel-promise-title"
      >
        <h2 id="channel-promise-title">{t('admin.promises.addChannel')}</h2>
        <p className="muted">{t('admin.promises.addChannelHint')}</p>
        <input type="hidden" name="intent" value="promise-add" />
        <SelectField
          label={t('admin.channel')}
          name="channel"
          defaultValue={mine('promise-add-')?.values.channel}
          errors={mine('promise-add-')?.fieldErrors.channel}
        >
          <option value="">{t('intake.chooseChannel')}</option>
          {channels.map((channel) => (
            <option key={channel} value={channel}>
              {t(`channel.${channel}`)}
            </option>
          ))}
        </SelectField>
        <Field
          label={t('admin.promises.workingDays')}
          name="targetDays"
          inputMode="numeric"
          defaultValue={mine('promise-add-')?.values.targetDays}
          errors={mine('promise-add-')?.fieldErrors.targetDays}
        />
        <button type="submit" className="button button--secondary">
          {t('admin.promises.addChannelSubmit')}
        </button>
      </Form>
      <Form
        method="post"
        className="card form admin-section"
        noValidate
        aria-labelledby="calendar-title"
      >
        <h2 id="calendar-title">{t('admin.promises.calendar')}</h2>
        <input type="hidden" name="intent" value="calendar" />
        <Field
          label={t('admin.promises.timeZone')}
          hint={t('admin.promises.timeZoneHint')}
          name="timeZone"
          defaultValue={mine('calendar-')?.values.timeZone ?? calendar.timeZone}
          errors={mine('calendar-')?.fieldErrors.timeZone}
        />
        <fieldset className="plain-fieldset">
          <legend>{t('admin.promises.workingWeek')}</legend>
          {weekdays.map((day) => (
            <label key={day} className="check">
              <input
                type="checkbox"
                name="workingDay"
                value={day}
                defaultChecked={calendar.workingDays.includes(day)}
              />{' '}
              {t(`admin.promises.weekday.${day}`)}
            </label>
          ))}
          {mine('calendar-')?.fieldErrors.workingDay ? (
            <p className="field__errors">{t('admin.promises.daysRequired')}</p>
          ) : null}
        </fieldset>
        <Field
          label={t('admin.promises.dayStart')}
          name="dayStart"
          type="time"
          defaultValue={mine('calendar-')?.values.dayStart ?? calendar.dayStart}
          errors={mine('calendar-')?.fieldErrors.dayStart}
        />
        <Field
          label={t('admin.promises.dayEnd')}
          name="dayEnd"
          type="time"
          defaultValue={mine('calendar-')?.values.dayEnd ?? calendar.dayEnd}
          errors={mine('calendar-')?.fieldErrors.dayEnd}
        />
        <button type="submit" className="button">
          {t('admin.settings.save')}
        </button>
      </Form>
      <section
        className="card admin-panel admin-section"
        aria-labelledby="holidays-title"
        id="holidays"
      >
        <h2 id="holidays-title">{t('admin.promises.holidays')}</h2>
        {holidays.length ? (
          <ul className="plain-list">
            {holidays.map((holiday) => (
              <li key={holiday.day}>
                {formatDate(locale, holiday.day)} · {holiday.name}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="day" value={holiday.day} />
                  <button
                    type="submit"
                    name="intent"
                    value="holiday-remove"
                    className="link-button"
                    aria-label={t('admin.promises.removeHoliday', { name: holiday.name })}
                  >
                    {t('admin.updates.unlink')}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('admin.promises.noHolidays')}</p>
        )}
        <Form method="post" className="report-queue__hide" noValidate>
          <Field
            label={t('admin.promises.date')}
            name="day"
            type="date"
            errors={mine('holiday-add-')?.fieldErrors.day}
          />
          <Field label={t('admin.promises.holidayName')} name="name" maxLength={60} />
          <button
            type="submit"
            name="intent"
            value="holiday-add"
            className="button button--small button--secondary"
          >
            {t('admin.promises.addHoliday')}
          </button>
        </Form>
      </section>
    </>
  )
}
