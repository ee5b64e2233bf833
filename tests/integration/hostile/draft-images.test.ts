// Cover images of update posts: a draft's cover is seen only by those who write updates (marketers,
// admins), at an address nobody can count their way to; once published, by everyone.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { images } from '#app/db/schema'
import { createTestUser } from '#app/demo/factories.server'
import { type Role, roles } from '#app/domain/accounts/accounts.rules'
import { startSession } from '#app/domain/accounts/sessions.server'
import { mayPublishUpdates } from '#app/domain/updates/updates.rules'
import {
  getUpdate,
  publishUpdate,
  saveUpdate,
  setCoverImage,
} from '#app/domain/updates/updates.server'
import { loader } from '#app/routes/images.$imageToken'
import { makeContext, makeRequest, settle } from '#tests/setup/request'

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])

async function draftWithCover() {
  const marketer = await createTestUser({ role: 'marketer', password: null })
  const saved = await saveUpdate({
    actor: marketer,
    title: `Secret launch ${Math.random()}`,
    summary: 'Not yet',
    body: 'Embargoed.',
  })
  if (!saved.ok) throw new Error('could not save')
  expect(await setCoverImage({ actor: marketer, updateId: saved.id, bytes: PNG })).toEqual({
    ok: true,
  })
  const update = await getUpdate({ id: saved.id, publishedOnly: false })
  const [image] = await db()
    .select({ id: images.id })
    .from(images)
    .where(eq(images.token, update!.coverImageToken!))
  return { marketer, updateId: saved.id, token: update!.coverImageToken!, imageId: image!.id }
}

async function fetchImage(address: string, cookie?: string) {
  const result = await settle(() =>
    loader({
      request: makeRequest({ path: `/images/${address}`, cookie }),
      params: { imageToken: address },
      context: makeContext(),
    }),
  )
  return result as Response
}

const viewers = ['visitor', ...roles] as const
async function cookieOf(viewer: (typeof viewers)[number]) {
  if (viewer === 'visitor') return undefined
  const user = await createTestUser({ role: viewer, password: null })
  return (await startSession(user.id)).cookie.split(';')[0]
}

describe('cover images of draft updates', () => {
  it('are served only to marketers and admins, and not cached by anyone else', async () => {
    const { token } = await draftWithCover()
    for (const viewer of viewers) {
      const response = await fetchImage(token, await cookieOf(viewer))
      const writesUpdates = viewer !== 'visitor' && mayPublishUpdates(viewer as Role)
      expect(response.status, viewer).toBe(writesUpdates ? 200 : 404)
      if (writesUpdates)
        expect(response.headers.get('Cache-Control'), viewer).toBe('private, no-store')
    }
  })

  it('are public once the update is published', async () => {
    const { marketer, updateId, token } = await draftWithCover()
    expect(await publishUpdate({ actor: marketer, id: updateId, markImplemented: [] })).toEqual({
      ok: true,
    })
    const response = await fetchImage(token)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('image/png')
    expect(response.headers.get('Cache-Control')).toContain('public')
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(PNG)
  })

  it('live at random 128-bit addresses; the old numeric ones answer 404, for admins too', async () => {
    const first = await draftWithCover()
    const second = await draftWithCover()
    for (const { token } of [first, second])
      expect(Buffer.from(token, 'base64url')).toHaveLength(16)
    expect(first.token).not.toBe(second.token)
    const admin = await cookieOf('admin')
    for (const { imageId, marketer, updateId } of [first, second]) {
      await publishUpdate({ actor: marketer, id: updateId, markImplemented: [] })
      expect((await fetchImage(String(imageId), admin)).status).toBe(404)
      expect((await fetchImage(String(imageId))).status).toBe(404)
    }
  })
})
