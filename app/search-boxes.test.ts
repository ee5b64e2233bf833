// Every search box whose query travels in the address (a GET form) and has a length limit says when
// a longer query (from a link, or typed into the address) was cut to it: the search is made with
// the first characters (searchTextField cuts, never drops) and the page says so beside the box. The
// boxes are found in the source, so one added later is held to it the day it is added.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

const APP_DIR = import.meta.dirname

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.tsx$/.test(entry.name) && !/\.test\.tsx$/.test(entry.name) ? [full] : []
  })
}

/** Each `<input … type="search" …>` with a name and a maxLength: its name and limit. */
const searchBoxes = sourceFiles(APP_DIR).flatMap((file) => {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(/<input\b([^>]*?)\/>/gs)]
    .map(([, attributes]) => attributes!)
    .filter((attributes) => /type="search"/.test(attributes))
    .flatMap((attributes) => {
      const name = /name="([^"]+)"/.exec(attributes)?.[1]
      const max = /maxLength=\{(\d+)\}/.exec(attributes)?.[1]
      return name && max ? [{ file: path.relative(APP_DIR, file), name, max, text }] : []
    })
})

describe('search boxes with a length limit', () => {
  it('are found', () => {
    expect(searchBoxes.map((box) => `${box.file} ${box.name}`)).toEqual(
      expect.arrayContaining(['routes/ideas._index.tsx q', 'components/admin/triage-list.tsx q']),
    )
  })

  it.each(searchBoxes)('$file: “$name” says when a longer query was cut to $max', (box) => {
    expect(box.text).toMatch(
      new RegExp(`useSearchShortened\\(\\s*'${box.name}',\\s*${box.max}\\s*\\)`),
    )
    expect(box.text).toMatch(/<SearchShortenedNote\b/)
  })
})
