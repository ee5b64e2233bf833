// Password hashing with argon2id (OWASP parameters).
import { hash, verify } from '@node-rs/argon2'

const options = { memoryCost: 19_456, timeCost: 2, outputLen: 32, parallelism: 1 } as const

export function hashPassword(password: string) {
  return hash(password, options)
}

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

// Verifying against this when no account matches keeps sign-in timing the same either way.
let dummyHash: Promise<string> | undefined
export async function spendVerificationTime(password: string) {
  dummyHash ??= hashPassword('ideabox-timing-equaliser')
  await verifyPassword(await dummyHash, password)
}
