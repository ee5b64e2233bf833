// Where the browser build put each language's dictionary chunk, so the page can ask for its own in
// <head> (modulepreload) while the framework downloads, rather than after the entry has run.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { isLocale, type Locale } from './i18n'

const DICTIONARY_SOURCE = /(^|\/)app\/utils\/i18n\/(en|nl)\.ts$/

let chunks: Partial<Record<Locale, string>> | undefined

function readChunks(): Partial<Record<Locale, string>> {
  const found: Partial<Record<Locale, string>> = {}
  try {
    // Remix writes the browser build's esbuild metafile beside the server build (build/).
    const metafile = JSON.parse(readFileSync(path.resolve('build/metafile.js.json'), 'utf8')) as {
      outputs: Record<string, { inputs: Record<string, unknown> }>
    }
    for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
      if (!output.endsWith('.js')) continue
      for (const input of Object.keys(inputs)) {
        const locale = DICTIONARY_SOURCE.exec(input)?.[2]
        if (isLocale(locale)) found[locale] = `/${path.posix.relative('public', output)}`
      }
    }
  } catch {
    // No build (tests, `remix dev` before its first build): the browser still imports the chunk itself.
  }
  return found
}

/** The URL of a language's dictionary chunk in the current build, if known. */
export function dictionaryChunk(locale: Locale): string | null {
  chunks ??= readChunks()
  return chunks[locale] ?? null
}
