// Which messages a page's JavaScript can show, read from the browser build: the chunks of a route
// (its module and every chunk it imports) name their keys as string literals, or by a prefix
// (`ideas.kind.${kind}`). A page's HTML carries those messages in its language (page-messages.tsx),
// so the browser starts without a dictionary; shipping a whole language cost every page ~23 KB
// gzipped. A message a page did not bring makes the browser load the whole dictionary (i18n.ts).
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { serverDictionaries } from './dictionaries.server'
import type { Locale, MessageKey, Messages } from './i18n'

type Metafile = {
  outputs: Record<
    string,
    {
      entryPoint?: string
      imports: { path: string; kind: string }[]
      inputs?: Record<string, unknown>
    }
  >
}

/** The dictionaries' own chunks: the browser loads one only when a page lacks a message (i18n.ts). */
const DICTIONARY_SOURCE = /(^|\/)app\/utils\/i18n\/(en|nl)\.ts$/

const allKeys = Object.keys(serverDictionaries.en) as MessageKey[]
const knownKeys = new Set<string>(allKeys)

/** The keys a piece of built JavaScript can show: quoted keys, and every key under a `prefix.${…}`. */
export function messageKeysIn(javascript: string): Set<MessageKey> {
  const found = new Set<MessageKey>()
  for (const [, , key] of javascript.matchAll(/(["'`])([a-z][\w-]*(?:\.[\w:-]+)+)\1/g)) {
    if (knownKeys.has(key!)) found.add(key as MessageKey)
  }
  for (const [, prefix] of javascript.matchAll(/`([a-z][\w-]*\.[\w.:-]*)\$\{/g)) {
    for (const key of allKeys) if (key.startsWith(prefix!)) found.add(key)
  }
  return found
}

/** Route id (`root`, `routes/ideas.$ideaRef`) from a route module's entry point in the metafile. */
function routeIdOf(entryPoint: string | undefined) {
  const module = /^browser-route-module:(.+)\.[jt]sx?\?browser$/.exec(entryPoint ?? '')?.[1]
  return module
}

/**
 * Every route's keys, and the entry's (under ''), from a browser build in `root` (build/ and
 * public/). Null when there is no build (tests, `remix dev` before its first build).
 */
export function readRouteMessageKeys(root = process.cwd()): Map<string, Set<MessageKey>> | null {
  let metafile: Metafile
  try {
    // Remix writes the browser build's esbuild metafile beside the server build (build/).
    metafile = JSON.parse(
      readFileSync(path.join(root, 'build/metafile.js.json'), 'utf8'),
    ) as Metafile
  } catch {
    return null
  }
  const keysOfChunk = new Map<string, Set<MessageKey>>()
  const chunkKeys = (output: string) => {
    let keys = keysOfChunk.get(output)
    if (!keys) {
      keys = messageKeysIn(readFileSync(path.join(root, output), 'utf8'))
      keysOfChunk.set(output, keys)
    }
    return keys
  }
  const byRoute = new Map<string, Set<MessageKey>>()
  for (const [output, { entryPoint }] of Object.entries(metafile.outputs)) {
    if (!output.endsWith('.js')) continue
    const routeId = entryPoint?.endsWith('entry.client.tsx') ? '' : routeIdOf(entryPoint)
    if (routeId === undefined) continue
    const keys = new Set<MessageKey>()
    // The chunks a route loads with it and those it loads on demand (a panel opened by a click),
    // all the way down; never a dictionary's.
    const seen = new Set<string>()
    const visit = (chunk: string) => {
      if (seen.has(chunk)) return
      seen.add(chunk)
      if (
        Object.keys(metafile.outputs[chunk]?.inputs ?? {}).some((input) =>
          DICTIONARY_SOURCE.test(input),
        )
      )
        return
      for (const key of chunkKeys(chunk)) keys.add(key)
      for (const next of metafile.outputs[chunk]?.imports ?? [])
        if (next.kind === 'import-statement' || next.kind === 'dynamic-import') visit(next.path)
    }
    visit(output)
    byRoute.set(routeId, keys)
  }
  return byRoute
}

let routeKeys: ReturnType<typeof readRouteMessageKeys> | undefined

/** Adds every message key among the strings of a route's data (errors and labels the server chose). */
function addKeysInData(value: unknown, keys: Set<MessageKey>, depth = 0) {
  if (typeof value === 'string') {
    if (knownKeys.has(value)) keys.add(value as MessageKey)
  } else if (value && typeof value === 'object' && depth < 12) {
    for (const item of Array.isArray(value) ? value : Object.values(value))
      addKeysInData(item, keys, depth + 1)
  }
}

/**
 * The messages a page needs in its language: those its routes' JavaScript can show, and keys in
 * their data. Without a build, every message.
 */
export function pageMessages(
  locale: Locale,
  matches: { id: string; data?: unknown }[],
  keysByRoute = (routeKeys ??= readRouteMessageKeys()),
): Messages {
  const dictionary = serverDictionaries[locale]
  if (!keysByRoute) return dictionary
  const keys = new Set<MessageKey>(keysByRoute.get(''))
  for (const match of matches) {
    for (const key of keysByRoute.get(match.id) ?? allKeys) keys.add(key)
    addKeysInData(match.data, keys)
  }
  const messages: Messages = {}
  for (const key of [...keys].sort()) messages[key] = dictionary[key]
  return messages
}

/** The page's messages as JSON that is safe inside a <script> element. */
export function pageMessagesJson(locale: Locale, matches: { id: string; data?: unknown }[]) {
  return JSON.stringify({ locale, messages: pageMessages(locale, matches) }).replace(
    /</g,
    '\\u003c',
  )
}
