// Text with search matches marked. The server wraps matches in private-use characters (never HTML),
// so nothing a person typed can become markup here.
import { HIGHLIGHT_END as END, HIGHLIGHT_START as START } from '#app/utils/highlight-marks'

export function Highlighted({ text }: { text: string }) {
  const parts: { text: string; match: boolean }[] = []
  let rest = text
  while (rest.length) {
    const start = rest.indexOf(START)
    if (start === -1) {
      parts.push({ text: rest, match: false })
      break
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), match: false })
    const end = rest.indexOf(END, start)
    const stop = end === -1 ? rest.length : end
    parts.push({ text: rest.slice(start + 1, stop), match: true })
    rest = rest.slice(stop + 1)
  }
  return (
    <>
      {parts.map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : part.text))}
    </>
  )
}
