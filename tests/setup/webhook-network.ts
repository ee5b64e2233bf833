// Test-only webhook networks: the explicit seam that lets a delivery reach a receiver this test
// started on loopback, or ask a resolver the test controls. Production code never passes one.
import {
  publicInternet,
  type ResolvedAddress,
  type WebhookNetwork,
} from '#app/domain/webhooks/webhooks.server'

/** The system resolver, and every address allowed (the receiver listens on 127.0.0.1). */
export const loopbackReceiverNetwork: WebhookNetwork = {
  resolve: publicInternet.resolve,
  refusal: () => null,
}

/**
 * A resolver that gives the n-th lookup the n-th answer (the last one ever after) and records
 * the names asked for, with the production address rule except for the addresses in `allowed`.
 */
export function scriptedNetwork({
  answers,
  allowed = [],
}: {
  answers: string[][]
  allowed?: string[]
}) {
  const asked: string[] = []
  const network: WebhookNetwork = {
    resolve: (hostname) => {
      asked.push(hostname)
      const answer = answers[Math.min(asked.length, answers.length) - 1] ?? []
      return Promise.resolve(
        answer.map((address): ResolvedAddress => ({
          address,
          family: address.includes(':') ? 6 : 4,
        })),
      )
    },
    refusal: (address) => (allowed.includes(address) ? null : publicInternet.refusal(address)),
  }
  return { network, asked }
}
