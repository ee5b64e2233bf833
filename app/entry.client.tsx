import { RemixBrowser } from '@remix-run/react'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'

import { readPageMessages } from '#app/utils/i18n/page-messages'

// The messages the server rendered with are in the page (page-messages.tsx): hydration needs no
// dictionary download. A message the page did not bring waits for its language's whole dictionary.
readPageMessages()
startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  )
})
