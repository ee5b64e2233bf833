// Hostile input: sign-in limits. Only failures count; they are keyed by account and address (or by
// known device), slow down with growing delays instead of locking the account, and never stop the
// person signing in from a device that signed in before or from another address.
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { createTestUser, TEST_PASSWORD, unique } from '#app/demo/factories.server'
import { KNOWN_DEVICE_COOKIE } from '#app/domain/accounts/known-devices.server'
import { signInDelayRules } from '#app/domain/rate-limits/failure-delays.rules'
import { action as loginAction } from '#app/routes/login'
import { cookieFrom, makeContext, makeRequest, settle } from '#tests/setup/request'

type Failure = {
  type: 'DataWithResponseInit'
  data: {
    fieldErrors: Record<string, string[]>
    formError?: string
    values: Record<string, string>
    retryAfterSeconds?: number
  }
  init: { status?: number; headers?: Record<string, string> } | null
}
type Answer = {
  status: number
  retryAfter: string | null
  failure?: Failure['data']
  deviceCookie?: string
}

let addressCount = 0
/** An address of its own for each test, so tests in this file share no per-address counters. */
const freshAddress = () => `10.66.${process.pid % 250}.${++addressCount}`

async function attempt({
  email,
  password,
  address,
  deviceCookie,
}: {
  email: string
  password: string
  address: string
  deviceCookie?: string
}): Promise<Answer> {
  const request = makeRequest({
    path: '/login',
    method: 'POST',
    form: { email, password, redirectTo: '/ideas' },
    cookie: deviceCookie,
  })
  const answer = (await settle(() =>
    loginAction({ request, params: {}, context: makeContext({ clientIp: address }) } as never),
  )) as Response | Failure
  if (answer instanceof Response) {
    const device = answer.headers
      .getSetCookie()
      .find((cookie) => cookie.startsWith(`${KNOWN_DEVICE_COOKIE}=`))
    return {
      status: answer.status,
      retryAfter: answer.headers.get('Retry-After'),
      deviceCookie: device ? cookieFrom(device) : undefined,
    }
  }
  return {
    status: answer.init?.status ?? 200,
    retryAfter: new Headers(answer.init?.headers).get('Retry-After'),
    failure: answer.data,
  }
}

/** Lets the wait run out (as if the seconds had passed) for every counter of this account. */
async function letTheDelayPass(email: string) {
  await db().execute(
    sql`update failure_delays set blocked_until = now() - interval '1 second' where key like ${`%${email}%`}`,
  )
}

describe('sign-in limits', () => {
  it('counts no successful sign-in: 35 from one office address all get in', async () => {
    const office = freshAddress()
    const people = await Promise.all(Array.from({ length: 7 }, () => createTestUser()))
    for (let round = 0; round < 5; round++) {
      for (const person of people)
        expect(
          (await attempt({ email: person.email, password: TEST_PASSWORD, address: office })).status,
        ).toBe(302)
    }
  })

  it('failures for an account from one address stop neither its known device nor another address', async () => {
    const person = await createTestUser()
    const home = await attempt({
      email: person.email,
      password: TEST_PASSWORD,
      address: freshAddress(),
    })
    expect(home.deviceCookie, 'a known-device cookie at sign-in').toBeTruthy()
    const attacker = freshAddress()
    const answers = []
    for (let index = 0; index < 12; index++)
      answers.push(
        (await attempt({ email: person.email, password: `guess ${index}`, address: attacker }))
          .status,
      )
    expect(
      answers.filter((status) => status === 429).length,
      `statuses ${answers.join(',')}`,
    ).toBeGreaterThan(0)
    // The person's browser, even on the attacker's network, and the person from an unknown device elsewhere.
    expect(
      (
        await attempt({
          email: person.email,
          password: TEST_PASSWORD,
          address: attacker,
          deviceCookie: home.deviceCookie,
        })
      ).status,
    ).toBe(302)
    expect(
      (await attempt({ email: person.email, password: TEST_PASSWORD, address: freshAddress() }))
        .status,
    ).toBe(302)
  })

  it('a known device still gets in while failures from many addresses slow the account down for unknown ones', async () => {
    const person = await createTestUser()
    const home = await attempt({
      email: person.email,
      password: TEST_PASSWORD,
      address: freshAddress(),
    })
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        attempt({ email: person.email, password: `guess ${index}`, address: freshAddress() }),
      ),
    )
    expect(
      (await attempt({ email: person.email, password: TEST_PASSWORD, address: freshAddress() }))
        .status,
    ).toBe(429)
    expect(
      (
        await attempt({
          email: person.email,
          password: TEST_PASSWORD,
          address: freshAddress(),
          deviceCookie: home.deviceCookie,
        })
      ).status,
    ).toBe(302)
  })

  it('a forged or foreign known-device cookie counts for nothing', async () => {
    const [person, other] = [await createTestUser(), await createTestUser()]
    const othersDevice = (
      await attempt({ email: other.email, password: TEST_PASSWORD, address: freshAddress() })
    ).deviceCookie!
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        attempt({ email: person.email, password: `guess ${index}`, address: freshAddress() }),
      ),
    )
    for (const deviceCookie of [
      othersDevice,
      `${KNOWN_DEVICE_COOKIE}=${Buffer.from(`known-device|x|anything`).toString('base64url')}.forged`,
    ]) {
      expect(
        (
          await attempt({
            email: person.email,
            password: TEST_PASSWORD,
            address: freshAddress(),
            deviceCookie,
          })
        ).status,
      ).toBe(429)
    }
  })

  it('slows failures down with growing delays: 429, Retry-After and the wait beside the password, the email kept', async () => {
    const person = await createTestUser()
    const address = freshAddress()
    const { freeFailures, firstDelaySeconds } = signInDelayRules.accountFromAddress
    for (let index = 0; index < freeFailures; index++)
      expect((await attempt({ email: person.email, password: 'wrong', address })).status).toBe(400)
    const waits: number[] = []
    for (let round = 0; round < 3; round++) {
      const refused = await attempt({ email: person.email, password: TEST_PASSWORD, address })
      expect(refused.status).toBe(429)
      expect(refused.failure?.fieldErrors.password).toEqual(['auth.tryAgainIn'])
      expect(refused.failure?.values).toEqual({ email: person.email, redirectTo: '/ideas' })
      expect(Number(refused.retryAfter)).toBe(refused.failure?.retryAfterSeconds)
      waits.push(Number(refused.retryAfter))
      await letTheDelayPass(person.email)
      expect(
        (await attempt({ email: person.email, password: 'wrong again', address })).status,
      ).toBe(400)
    }
    expect(waits).toEqual([firstDelaySeconds, firstDelaySeconds * 2, firstDelaySeconds * 4])
    // Once the delay has passed, the right password gets in and the count starts again.
    await letTheDelayPass(person.email)
    expect((await attempt({ email: person.email, password: TEST_PASSWORD, address })).status).toBe(
      302,
    )
    expect((await attempt({ email: person.email, password: 'wrong', address })).status).toBe(400)
  })

  it("evaluates at most the account's free failures when 40 wrong passwords arrive at once from 40 addresses", async () => {
    const person = await createTestUser()
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        attempt({
          email: index % 2 ? person.email.toUpperCase() : person.email,
          password: `guess ${index}`,
          address: freshAddress(),
        }),
      ),
    )
    const statuses = answers.map((answer) => answer.status)
    expect({
      evaluated: statuses.filter((status) => status === 400).length,
      refused: statuses.filter((status) => status === 429).length,
    }).toEqual({
      evaluated: signInDelayRules.account.freeFailures,
      refused: 40 - signInDelayRules.account.freeFailures,
    })
  })

  it('limits a flood of failures across many accounts from one address', async () => {
    const address = freshAddress()
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        attempt({ email: `${unique(`flood${index}`)}@example.test`, password: 'guess', address }),
      ),
    )
    const statuses = answers.map((answer) => answer.status)
    expect({
      evaluated: statuses.filter((status) => status === 400).length,
      refused: statuses.filter((status) => status === 429).length,
    }).toEqual({
      evaluated: signInDelayRules.address.freeFailures,
      refused: 40 - signInDelayRules.address.freeFailures,
    })
    // The right password of a real account from that address waits too (no known device).
    const person = await createTestUser()
    expect((await attempt({ email: person.email, password: TEST_PASSWORD, address })).status).toBe(
      429,
    )
  })
})
