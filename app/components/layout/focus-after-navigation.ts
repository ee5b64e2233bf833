// Where the keyboard focus goes when a page changes without loading (JavaScript on): a form's answer
// or a link followed. The button pressed is disabled while its form is sent, or gone with the page
// it was on, and the browser drops the focus on the document: the next Tab starts at the top, on the
// "Skip to content" link, far from what just happened (found in review). A page that focuses
// something itself (a confirmation, a question, a field in error) keeps it; otherwise the focus
// goes to the first field in error, else the page's notice, else its main heading.
import { useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'

/** What on the page says what just happened, best first, inside `main`. */
const TARGETS = ['[aria-invalid="true"]', '[role="alert"]', '.notice[role="status"]', 'h1']

/** Rendered once, in the root layout. */
export function FocusAfterNavigation() {
  const { state } = useNavigation()
  const before = useRef(state)
  useEffect(() => {
    const was = before.current
    before.current = state
    if (state !== 'idle' || was === 'idle') return
    // After the page's own effects (which may focus what they show) have run.
    const frame = requestAnimationFrame(() => {
      const active = document.activeElement
      if (active && active !== document.body && active.isConnected) return
      const main = document.getElementById('main')
      const target = TARGETS.map((selector) => main?.querySelector<HTMLElement>(selector)).find(
        Boolean,
      )
      if (!target) return
      // A heading or notice takes the focus without joining the Tab order.
      if (!target.matches('input, select, textarea, button, a[href], [tabindex]'))
        target.setAttribute('tabindex', '-1')
      target.focus()
    })
    return () => cancelAnimationFrame(frame)
  }, [state])
  return null
}
