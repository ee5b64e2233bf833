// Every page's <title> carries the site's name as set in the back office. The route list is read
// from app/routes, so a new page is covered the day it is added; the root match is the real root
// loader's answer after an admin renamed the site.
import { readdirSync } from 'node:fs'
import path from 'node:path'

import type { MetaDescriptor, MetaFunction } from '@remix-run/node'
import { beforeAll, describe, expect, it } from 'vitest'

import { updateSetting } from '#app/domain/settings/settings.server'
import { loader as rootLoader } from '#app/root'
import { makeContext, makeRequest } from '#tests/setup/request'

const ROUTES_DIR = path.resolve('app/routes')
const pages = readdirSync(ROUTES_DIR)
  .filter((file) => file.endsWith('.tsx'))
  .sort()

/** Stands in for any loader's data: every property is itself, and it reads as "Page" in text. */
function anyData(): unknown {
  const target = () => undefined
  const proxy: unknown = new Proxy(target, {
    get: (_target, key) =>
      key === Symbol.toPrimitive ? () => 'Page' : key === 'then' ? undefined : proxy,
  })
  return proxy
}

let matches: Parameters<MetaFunction>[0]['matches']
beforeAll(async () => {
  await updateSetting({ key: 'siteName', value: 'Brew & Co', actorId: null })
  const root = (await rootLoader({
    request: makeRequest({ path: '/' }),
    params: {},
    context: makeContext(),
  })) as { data: unknown }
  matches = [
    { id: 'root', pathname: '/', params: {}, data: root.data, handle: undefined, meta: [] },
  ] as never
})

describe('page titles', () => {
  it('are checked for every page', () => {
    expect(pages).toEqual(
      expect.arrayContaining(['_index.tsx', 'ideas.$ideaRef.tsx', 'admin.settings.tsx']),
    )
  })

  it.each(pages)('%s names the site as set in the back office', async (file) => {
    const module = (await import(/* @vite-ignore */ path.join(ROUTES_DIR, file))) as {
      meta?: MetaFunction
    }
    if (!module.meta) return
    const descriptors = module.meta({
      data: anyData(),
      matches,
      params: {},
      location: { pathname: '/', search: '', hash: '', state: null, key: 'test' },
      error: undefined,
    } as never) as MetaDescriptor[]
    const title = descriptors.find(
      (descriptor) => 'title' in descriptor && !('tagName' in descriptor),
    )
    expect(String((title as { title: unknown } | undefined)?.title)).toMatch(/Brew & Co$/)
  })

  it('is the site name alone on the home page', async () => {
    const { meta } = await import('#app/routes/_index')
    const descriptors = meta({ data: anyData(), matches } as never) as MetaDescriptor[]
    expect(descriptors[0]).toEqual({ title: 'Brew & Co' })
  })
})
