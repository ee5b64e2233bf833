// A translated sentence with an element inside it ("by <a>Ann</a>", "door <a>Ann</a>"): the word
// order stays the translation's, the element keeps its markup.
import { Fragment, type ReactNode } from 'react'

/** Pass this as the parameter value where the element goes. */
export const SLOT = '\u0000'

export function Interpolated({ text, slot }: { text: string; slot: ReactNode }) {
  const parts = text.split(SLOT)
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {part}
          {index < parts.length - 1 ? slot : null}
        </Fragment>
      ))}
    </>
  )
}
