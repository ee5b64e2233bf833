import type { DiffPart } from '#app/domain/ideas/revisions.rules'

/** Plain text with what changed marked: added words in `<ins>`, removed ones in `<del>`. */
export function Changes({ parts }: { parts: DiffPart[] }) {
  return (
    <>
      {parts.map((part, index) =>
        part.kind === 'added' ? (
          <ins key={index}>{part.text}</ins>
        ) : part.kind === 'removed' ? (
          <del key={index} className="diff-removed">
            {part.text}
          </del>
        ) : (
          part.text
        ),
      )}
    </>
  )
}
