// The page's messages travel in its HTML, as JSON the server writes once (page-messages.server.ts)
// and the browser reads before it hydrates (entry.client.tsx): no dictionary download to start.
import { useMatches } from '@remix-run/react'

import { useNonce } from '#app/utils/nonce'

import { isLocale, type Locale, type Messages, provideMessages } from './i18n'
// eslint-disable-next-line no-restricted-imports -- deliberate: only the server computes them; the browser reads what it wrote
import { pageMessagesJson } from './page-messages.server'

const ELEMENT_ID = 'page-messages'

// In the browser: what the server wrote, kept so every render of the root writes the same.
let written: string | undefined

/** The element carrying the page's messages, in <head>. */
export function PageMessages({ locale }: { locale: Locale }) {
  const matches = useMatches()
  const nonce = useNonce()
  const json =
    typeof document === 'undefined'
      ? pageMessagesJson(locale, matches)
      : (written ??= document.getElementById(ELEMENT_ID)?.textContent ?? '{}')
  // JSON is no script the browser runs (the type says so), and the server escaped every `<` in it.
  // It carries the nonce all the same: every <script> of a page does, so none stands out to a check.
  return (
    <script
      type="application/json"
      id={ELEMENT_ID}
      nonce={nonce}
      dangerouslySetInnerHTML={{ __html: json }}
    />
  )
}

/** Gives i18n the messages the server wrote into the page; before hydration. */
export function readPageMessages() {
  written = document.getElementById(ELEMENT_ID)?.textContent ?? undefined
  if (!written) return
  const { locale, messages } = JSON.parse(written) as { locale?: unknown; messages?: Messages }
  if (isLocale(locale) && messages) provideMessages(locale, messages)
}
