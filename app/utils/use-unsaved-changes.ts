// A form whose text has not been saved warns before the page is left (with JavaScript): closing the
// tab or reloading asks the browser's own question (beforeunload), following a link inside the app
// asks ours. Submitting the form counts as saving, except a submit button listed in `keepsUnsaved`
// by its value or its name (a preview writes nothing).
import { useBlocker } from '@remix-run/react'
import { type FormEvent, useCallback, useEffect, useRef } from 'react'

export function useUnsavedChangesWarning(
  message: string,
  { keepsUnsaved = [] }: { keepsUnsaved?: string[] } = {},
) {
  const dirty = useRef(false)
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty.current && currentLocation.pathname !== nextLocation.pathname,
  )

  useEffect(() => {
    if (blocker.state !== 'blocked') return
    if (window.confirm(message)) {
      dirty.current = false
      blocker.proceed()
    } else blocker.reset()
  }, [blocker, message])

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (!dirty.current) return
      event.preventDefault()
      // Older browsers show the dialog only when returnValue is set.
      event.returnValue = message
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [message])

  const changed = useCallback(() => {
    dirty.current = true
  }, [])
  const submitted = useCallback(
    (event: FormEvent<HTMLFormElement>) => {
      const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null
      // A button is known by its value (name="intent") or, for one that carries a value of its own, its name.
      if (
        !submitter ||
        ![submitter.value, submitter.name].some((key) => keepsUnsaved.includes(key))
      )
        dirty.current = false
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a list literal per render; its content is what counts
    [keepsUnsaved.join('\n')],
  )
  return { changed, submitted }
}
