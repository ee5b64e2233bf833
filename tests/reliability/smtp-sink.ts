// Owns the mail side of the run: a real SMTP listener per app instance (each instance's SMTP_URL
// points at its own), recording every accepted message by the outbox id the app puts in its
// X-Ideabox-Message header. A listener can also hold the next message in the middle of its SMTP
// transaction (the body is in, the "250 OK" is not sent), so the runner can kill the instance while
// its worker is sending: a held message was never accepted, and must arrive again later, once.
import { SMTPServer } from 'smtp-server'

export type Delivery = { outboxId: number; listener: string; at: number }

type Hold = { listener: string; caught: (outboxId: number | null) => void }

const OUTBOX_HEADER = /^X-Ideabox-Message:\s*(\d+)\s*$/im

function outboxIdOf(raw: string) {
  const headers = raw.split(/\r?\n\r?\n/, 1)[0] ?? ''
  const match = OUTBOX_HEADER.exec(headers)
  return match ? Number(match[1]) : null
}

export class MailSink {
  readonly deliveries: Delivery[] = []
  /** Messages the listener received but never accepted (held while their sender was killed). */
  readonly abandoned: { outboxId: number | null; listener: string }[] = []
  /** Messages without the outbox header (should not exist). */
  readonly unidentified: string[] = []
  private readonly servers = new Map<string, { server: SMTPServer; port: number }>()
  private hold: Hold | null = null
  private readonly pendingReleases: (() => void)[] = []

  /** Starts a listener on a free port for the named instance; returns the SMTP_URL to give it. */
  async listen(listener: string) {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // Keep connections short-lived: nodemailer opens one per message anyway.
      socketTimeout: 30_000,
      onData: (stream, _session, callback) => {
        let raw = ''
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString()))
        stream.on('end', () => this.receive({ listener, raw, accept: callback }))
      },
    })
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () =>
        resolve((server.server.address() as { port: number }).port),
      )
    })
    // A client killed mid-transaction resets its socket: that is expected here, not a failure.
    server.on('error', () => {})
    this.servers.set(listener, { server, port })
    return `smtp://127.0.0.1:${port}?ignoreTLS=true`
  }

  private receive({
    listener,
    raw,
    accept,
  }: {
    listener: string
    raw: string
    accept: (error?: Error | null) => void
  }) {
    const outboxId = outboxIdOf(raw)
    if (this.hold && this.hold.listener === listener) {
      const { caught } = this.hold
      this.hold = null
      // Never answered: the sender dies waiting. Refuse it afterwards in case the socket is still open.
      this.abandoned.push({ outboxId, listener })
      this.pendingReleases.push(() =>
        accept(Object.assign(new Error('Try again later'), { responseCode: 451 })),
      )
      caught(outboxId)
      return
    }
    if (outboxId === null) this.unidentified.push(raw.slice(0, 500))
    else this.deliveries.push({ outboxId, listener, at: Date.now() })
    accept()
  }

  /**
   * Holds the next message that reaches `listener` without answering it. Resolves with its outbox
   * id as soon as one is held, or null if none arrives within `timeoutMs` (the hold is then lifted).
   */
  holdNextMessage(listener: string, { timeoutMs }: { timeoutMs: number }) {
    return new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        if (this.hold?.listener === listener) this.hold = null
        resolve(null)
      }, timeoutMs)
      this.hold = {
        listener,
        caught: (outboxId) => {
          clearTimeout(timer)
          resolve(outboxId)
        },
      }
    })
  }

  /** Answers held transactions (with a temporary refusal), e.g. once their sender is dead. */
  releaseHeld() {
    for (const release of this.pendingReleases.splice(0)) release()
  }

  /** How many times each outbox id arrived. */
  countsByOutboxId() {
    const counts = new Map<number, number>()
    for (const { outboxId } of this.deliveries)
      counts.set(outboxId, (counts.get(outboxId) ?? 0) + 1)
    return counts
  }

  async close() {
    this.releaseHeld()
    await Promise.all(
      [...this.servers.values()].map(
        ({ server }) => new Promise<void>((resolve) => server.close(() => resolve())),
      ),
    )
  }
}
