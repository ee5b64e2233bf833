import { RemixBrowser } from '@remix-run/react'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { isLocale } from '#app/utils/i18n/i18n'
import { loadDictionary } from '#app/utils/i18n/load-dictionary'

// The page's language is on <html lang>; its dictionary must be there before React renders (the
// server rendered with it). The page works meanwhile: links and forms need no JavaScript.
const pageLocale = document.documentElement.lang
void loadDictionary(isLocale(pageLocale) ? pageLocale : 'en').then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    )
  })
})
