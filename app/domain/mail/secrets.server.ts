// Signing keys: APP_SECRET when set, otherwise one random key generated on first use and kept in
// the database, so every instance signs and checks with the same key and nobody has to set one up.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

import { eq } from 'drizzle-orm'

import { db } from '#app/db/db.server'
import { appSecrets } from '#app/db/schema'
import { env } from '#app/utils/env.server'

let cached: string | null = null

async function signingKey() {
  if (cached) return cached
  const configured = env().APP_SECRET
  if (configured) return (cached = configured)
  await db()
    .insert(appSecrets)
    .values({ name: 'signing', value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing()
  const [row] = await db()
    .select({ value: appSecrets.value })
    .from(appSecrets)
    .where(eq(appSecrets.name, 'signing'))
  return (cached = row!.value)
}

/**
 * The raw HMAC of `payload` for one purpose (the purpose is part of what is signed, so a signature
 * made for one kind of link is worth nothing for another): for tokens that need their own shape.
 */
export async function macOf(purpose: string, payload: string) {
  return createHmac('sha256', await signingKey())
    .update(`${purpose}\n${payload}`)
    .digest()
}

/** `payload.signature`, URL-safe. */
export async function sign(payload: string) {
  const signature = createHmac('sha256', await signingKey())
    .update(payload)
    .digest('base64url')
  return `${Buffer.from(payload).toString('base64url')}.${signature}`
}

/** The payload if the token was signed by us, otherwise null. */
export async function verify(token: string) {
  const [encoded, signature] = token.split('.')
  if (!encoded || !signature) return null
  const payload = Buffer.from(encoded, 'base64url').toString()
  const expected = createHmac('sha256', await signingKey())
    .update(payload)
    .digest()
  const given = Buffer.from(signature, 'base64url')
  return given.length === expected.length && timingSafeEqual(given, expected) ? payload : null
}
