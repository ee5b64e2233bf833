import { useSearchParams } from '@remix-run/react'
import { type ReactNode, useEffect, useRef, useState } from 'react'

/**
 * A disclosure whose panel (a form) is only in the page once someone opens it: with JavaScript a
 * click opens it in place and moves focus into it; without, its link loads the same page with
 * `?open=<name>`, which renders it open. A discussion with a reply and a report form for every
 * comment sends the one form a person opens, not all of them (60 comments: 147 KB of HTML and 24 ms
 * of rendering per signed-in view before, docs/performance.md).
 */
export function OnDemandDisclosure({
  name,
  label,
  anchor,
  open = false,
  prepare,
  children,
}: {
  /** Unique on the page: the value of `?open=` that renders this one open. */
  name: string
  label: string
  /** The element id the page scrolls back to when opened without JavaScript. */
  anchor?: string
  /** Open whatever was clicked, e.g. to show a refused form's errors. */
  open?: boolean
  /** Loads what the panel needs (its code) before it opens, so it opens whole and focus can move into it. */
  prepare?: () => Promise<unknown>
  children: () => ReactNode
}) {
  const [searchParams] = useSearchParams()
  const [opened, setOpened] = useState(false)
  const panel = useRef<HTMLDetailsElement>(null)
  useEffect(() => {
    if (!opened) return
    panel.current
      ?.querySelector<HTMLElement>('textarea, select, input:not([type="hidden"])')
      ?.focus()
  }, [opened])
  if (open || opened || searchParams.get('open') === name) {
    return (
      <details className="disclosure" open ref={panel}>
        <summary>{label}</summary>
        {children()}
      </details>
    )
  }
  const target = new URLSearchParams(searchParams)
  target.set('open', name)
  return (
    <a
      className="disclosure__opener"
      href={`?${target}${anchor ? `#${anchor}` : ''}`}
      onClick={(event) => {
        const open = () => setOpened(true)
        event.preventDefault()
        // Opened even if loading failed: the panel then waits for its code itself.
        if (prepare) void prepare().then(open, open)
        else open()
      }}
    >
      {label}
    </a>
  )
}
