// Where mail goes: an SMTP server through nodemailer when SMTP_URL is set; otherwise the local
// mailbox (the message stays in the outbox, readable at /admin/mail), so every flow works offline.
import nodemailer from 'nodemailer'

import { env } from '#app/utils/env.server'

export type OutgoingMessage = {
  to: string
  subject: string
  text: string
  html: string
  headers?: Record<string, string>
}

export type Transport = {
  name: 'smtp' | 'mailbox'
  send: (message: OutgoingMessage) => Promise<void>
}

let cached: Transport | null = null

export function smtpTransport(url: string, from = env().MAIL_FROM): Transport {
  // Fail fast: a slow mail server must not hold the worker; the outbox retries later.
  const mailer = nodemailer.createTransport(
    `${url}${url.includes('?') ? '&' : '?'}connectionTimeout=10000&greetingTimeout=10000&socketTimeout=20000`,
    { from },
  )
  return {
    name: 'smtp',
    send: async ({ headers = {}, ...message }) => {
      // nodemailer writes Reply-To from its own option (and would otherwise add a second one).
      const { 'Reply-To': replyTo, ...others } = headers
      await mailer.sendMail({ from, ...message, headers: others, ...(replyTo ? { replyTo } : {}) })
    },
  }
}

export const mailboxTransport: Transport = { name: 'mailbox', send: async () => {} }

/** The transport this process uses (from SMTP_URL). Tests pass their own to the worker. */
export function defaultTransport(): Transport {
  if (cached) return cached
  const url = env().SMTP_URL
  cached = url ? smtpTransport(url) : mailboxTransport
  return cached
}
