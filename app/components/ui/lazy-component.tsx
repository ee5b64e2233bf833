import type { ComponentType } from 'react'

/**
 * A component whose code the browser fetches (a chunk of its own) the first time it is needed: for
 * a panel that opens after a click. The server has it before any request, so a page rendered with
 * the panel open (a link without JavaScript, a refused form) never waits; in the browser it
 * suspends until loaded, so render it inside <Suspense>, and call `load` first where a click can
 * wait for it (OnDemandDisclosure's `prepare`), so it appears at once, focus and all.
 */
export function lazyComponent<Props extends object>(importer: () => Promise<ComponentType<Props>>) {
  let loaded: ComponentType<Props> | undefined
  let loading: Promise<void> | undefined
  const load = () =>
    (loading ??= importer().then(
      (component) => {
        loaded = component
      },
      (error: unknown) => {
        loading = undefined
        throw error
      },
    ))
  if (typeof document === 'undefined') void load()
  function Lazy(props: Props) {
    if (!loaded) throw load()
    const Component = loaded
    return <Component {...props} />
  }
  return { Component: Lazy, load }
}
