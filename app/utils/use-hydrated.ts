import { useEffect, useState } from 'react'

// True until the first component's effect has run in the browser: the page is being hydrated.
let hydrating = true

/**
 * False during server rendering and hydration; true once JavaScript runs in the browser. A
 * component mounted later (after a client-side navigation) is true from its first render: a
 * click in the moment before an effect would run must not fall back to the no-JavaScript path.
 */
export function useHydrated() {
  const [hydrated, setHydrated] = useState(() => !hydrating)
  useEffect(() => {
    hydrating = false
    setHydrated(true)
  }, [])
  return hydrated
}
