// Where the keyboard focus goes when a page changes without loading (JavaScript on): a form's answer
// or a link followed. The button pressed is disabled while its form is sent, or gone with the page
// it was on, and the browser drops the focus on the document: the next Tab starts at the top, on the
// "Skip to content" link, far from what just happened (found in review). A page that focuses
// something itself (a confirmation, a question, a field in error) keeps it; otherwise the focus
// goes to the first field in error, else the element the address names (`#comment-12`: the comment
// just saved, where the page would have scrolled to without JavaScript), else the page's notice,
// else its main heading. Kept small: it is in every page's first-visit JavaScript.
import { useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'

/** What on the page says what just happened, best first, inside `main` (`#` is the address's anchor). */
const TARGETS = ['[aria-invalid="true"]', '[role="alert"]', '#', '.notice[role="status"]', 'h1']

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
      if (document.activeElement !== document.body) return
      for (const selector of TARGETS) {
        const target =
          selector === '#' ? anchored() : document.querySelector<HTMLElement>(`main ${selector}`)
        if (!target) continue
        // A heading or notice takes the focus without joining the Tab order.
        if (target.tabIndex < 0) target.tabIndex = -1
        return target.focus()
      }
    })
    return () => cancelAnimationFrame(frame)
  }, [state])
  return null
}

/** The element in `main` the address's anchor names, if any. */
function anchored() {
  let id = ''
  try {
    id = decodeURIComponent(location.hash.slice(1))
  } catch {
    return null // A malformed anchor names nothing.
  }
  const target = id ? document.getElementById(id) : null
  return target?.closest('main') ? target : null
}
