import { Form, useLocation } from '@remix-run/react'

import { supportedLocales, useTranslation } from '#app/utils/i18n/i18n'

/** Two buttons in a form: works without JavaScript, remembered in a cookie by /language. */
export function LanguageSwitcher() {
  const { locale, t } = useTranslation()
  const location = useLocation()
  return (
    <Form
      method="post"
      action="/language"
      className="language-switcher"
      aria-label={t('language.switch')}
    >
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      {supportedLocales.map((code) => (
        <button
          key={code}
          type="submit"
          name="locale"
          value={code}
          lang={code}
          aria-pressed={code === locale}
          title={t(`language.${code}`)}
        >
          {/* The name starts with what is shown (WCAG 2.5.3, label in name): "EN English". */}
          {code.toUpperCase()}
          <span className="visually-hidden"> {t(`language.${code}`)}</span>
        </button>
      ))}
    </Form>
  )
}
