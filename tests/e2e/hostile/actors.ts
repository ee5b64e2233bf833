// The people and rows the hostile tests act as and on: fresh accounts (each from a loopback address
// of its own), promoted to staff roles by the demo admin, and ideas and an update of their own.
import { type BrowserContext, expect } from '@playwright/test'

import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '#app/demo/demo-seed.server'

import { HostileClient } from './http-client'
import { uniqueMarker } from './submissions'

export type Role = 'customer' | 'agent' | 'marketer' | 'moderator' | 'admin'

export type Actor = {
  client: HostileClient
  email: string
  password: string
  displayName: string
  id: number
  handle: string
}

/** Signs a fresh person up through the form (from an address of their own) and follows the emailed link, which signs them in. */
export async function signUpFresh(
  baseURL: string,
  label: string,
): Promise<Omit<Actor, 'id' | 'handle'>> {
  const client = new HostileClient(baseURL)
  const marker = uniqueMarker()
  const email = `hostile-${label}-${marker}@example.test`
  const password = `a sturdy passphrase ${marker}`
  const displayName = `Hostile ${label} ${marker}`
  const response = await client.postForm('/signup', { displayName, email, password })
  expect(response.status, `sign-up of ${email}: ${response.body.slice(0, 200)}`).toBe(302)
  // Opening the link shows a button; its form (a POST) confirms the address.
  const confirmed = await client.postForm(await verificationPath(baseURL, email), {})
  expect(confirmed.status, `confirming ${email}`).toBeLessThan(400)
  expect(client.cookies.has('ideabox_session'), `signed in after confirming ${email}`).toBe(true)
  return { client, email, password, displayName }
}

// One demo admin per worker and site reads the mailbox for every sign-up.
const mailReaders = new Map<string, Promise<HostileClient>>()

/** The path of the newest confirmation link mailed to `email`, read from the mailbox (/admin/mail) as the demo admin. */
export async function verificationPath(baseURL: string, email: string) {
  if (!mailReaders.has(baseURL)) mailReaders.set(baseURL, demoAdmin(baseURL))
  const admin = await mailReaders.get(baseURL)!
  const escaped = email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  // The mail is queued with the account, in the same transaction: it is listed at once.
  const list = await admin.get('/admin/mail')
  const id = new RegExp(
    `href="/admin/mail\\?id=(\\d+)"[^>]*>[^<]*</a></th><td[^>]*>${escaped}</td>`,
  ).exec(list.body)?.[1]
  expect(id, `a message to ${email} in /admin/mail`).toBeTruthy()
  const mail = await admin.get(`/admin/mail?id=${id}`)
  const path = /\/verify-email\/[\w-]+/.exec(mail.body)?.[0]
  expect(path, `a confirmation link in the mail to ${email}`).toBeTruthy()
  return path!
}

/** Signs in through the form from an address of its own. */
async function signIn(baseURL: string, email: string, password: string) {
  const client = new HostileClient(baseURL)
  const response = await client.postForm('/login', { email, password })
  expect(response.status, `sign-in of ${email}: ${response.body.slice(0, 200)}`).toBe(302)
  return client
}

/** The demo admin, signed in once, from an address of its own (only to promote fresh accounts). */
export async function demoAdmin(baseURL: string) {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === 'admin')!
  return signIn(baseURL, account.email, DEMO_PASSWORD)
}

/** Finds a person's id and handle in the back office by email. */
async function findPerson(admin: HostileClient, email: string) {
  const page = await admin.get(`/admin/people?${new URLSearchParams({ q: email })}`)
  const id = Number(/href="\/admin\/people\/(\d+)"/.exec(page.body)?.[1])
  expect(id, `${email} in /admin/people`).toBeGreaterThan(0)
  const person = await admin.get(`/admin/people/${id}`)
  const handle = /href="\/u\/([^"]+)"/.exec(person.body)?.[1] ?? ''
  return { id, handle }
}

/** A fresh account with `role`: signed up, then promoted by the demo admin. */
export async function freshActor(
  baseURL: string,
  role: Role,
  admin: HostileClient,
): Promise<Actor> {
  const person = await signUpFresh(baseURL, role)
  const { id, handle } = await findPerson(admin, person.email)
  if (role !== 'customer') {
    const promoted = await admin.postForm(`/admin/people/${id}`, { intent: 'role', role })
    expect(
      promoted.status,
      `promoting ${person.email} to ${role}: ${promoted.body.slice(0, 200)}`,
    ).toBe(303)
  }
  return { ...person, id, handle }
}

/** Posts an idea as `author` and returns its id and address. */
export async function postOwnIdea(
  author: HostileClient,
  {
    title,
    description,
    kind = 'product',
    categoryId = '1',
  }: { title: string; description: string; kind?: string; categoryId?: string },
) {
  const response = await author.postForm('/ideas/new', {
    intent: 'post',
    kind,
    categoryId,
    title,
    description,
    similarShownFor: title,
  })
  expect(response.status, `posting "${title}": ${response.body.slice(0, 300)}`).toBe(303)
  const path = response.location!.replace(/\?.*$/, '')
  const id = Number(/^\/ideas\/(\d+)/.exec(path)?.[1])
  return { id, path }
}

/** Gives a browser context the session of a client (so pages render as that person). */
export async function shareSession(context: BrowserContext, client: HostileClient) {
  const url = new URL(client.origin)
  await context.addCookies(
    [...client.cookies].map(([name, value]) => ({
      name,
      value,
      domain: url.hostname,
      path: '/',
      httpOnly: true,
      sameSite: 'Lax' as const,
      secure: true,
    })),
  )
}

/** Bodies of responses never show internals. */
export function leaksInternals(body: string) {
  return /\bat [\w.<>$]+ \(?(file:\/\/|\/)[^)]*\.(js|ts|mjs):\d+|node_modules\/|PostgresError|PGlite|syntax error at or near/i.test(
    body,
  )
}

export { uniqueMarker }
