import { useLocation } from '@remix-run/react'
import { useEffect, useRef } from 'react'

/**
 * A `<details>` menu that closes when the page changes (the header's account menu, the back
 * office's menu on a phone). Without JavaScript every page arrives with it closed; with it, the
 * layout stays mounted across a client-side navigation and the menu stayed open over the new page.
 */
export function useClosedOnNavigation() {
  const menu = useRef<HTMLDetailsElement>(null)
  const { key } = useLocation()
  const shownFor = useRef(key)
  useEffect(() => {
    // Not on the first render: a menu opened while the page was starting stays open.
    if (shownFor.current === key) return
    shownFor.current = key
    if (menu.current) menu.current.open = false
  }, [key])
  return menu
}
