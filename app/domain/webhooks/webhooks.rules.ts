// Pure rules for webhooks: signatures receivers can check, and addresses we refuse to call.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { isIP } from 'node:net'

/** The signature header value: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export function signPayload(
  secret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
) {
  const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')
  return `t=${timestamp},v1=${digest}`
}

/** What a receiver does to check a delivery (documented for integrators, used by the tests). */
export function verifySignature(
  secret: string,
  body: string,
  header: string,
  toleranceSeconds = 300,
  now = Math.floor(Date.now() / 1000),
) {
  const parts = Object.fromEntries(
    header.split(',').map((part) => part.split('=') as [string, string]),
  )
  const timestamp = Number(parts.t)
  if (!timestamp || !parts.v1 || Math.abs(now - timestamp) > toleranceSeconds) return false
  const expected = Buffer.from(
    createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex'),
  )
  const given = Buffer.from(parts.v1)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

// Addresses a webhook may never call: everything in the IANA special-purpose registries that is not
// globally reachable (RFC 6890 and its updates), plus the deprecated and reserved blocks. An IPv6
// address that only carries an IPv4 one (IPv4-mapped, NAT64, 6to4) is judged by the IPv4 inside.
const refusedIpv4 = [
  ['0.0.0.0/8', 'this network'],
  ['10.0.0.0/8', 'private use'],
  ['100.64.0.0/10', 'shared address space (CGNAT)'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private use'],
  ['192.0.0.0/24', 'IETF protocol assignments'],
  ['192.0.2.0/24', 'documentation (TEST-NET-1)'],
  ['192.88.99.0/24', '6to4 relay anycast'],
  ['192.168.0.0/16', 'private use'],
  ['198.18.0.0/15', 'benchmarking'],
  ['198.51.100.0/24', 'documentation (TEST-NET-2)'],
  ['203.0.113.0/24', 'documentation (TEST-NET-3)'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved (incl. broadcast 255.255.255.255)'],
] as const

const refusedIpv6 = [
  // ::/96 holds the unspecified address ::, loopback ::1 and the deprecated IPv4-compatible ::a.b.c.d.
  ['::/96', 'unspecified, loopback or IPv4-compatible'],
  ['64:ff9b:1::/48', 'local-use NAT64'],
  ['100::/64', 'discard-only'],
  ['2001::/23', 'IETF protocol assignments (incl. Teredo)'],
  ['2001:db8::/32', 'documentation'],
  ['3fff::/20', 'documentation'],
  ['5f00::/16', 'segment routing (SRv6) SIDs'],
  ['fc00::/7', 'unique local'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'site-local (deprecated)'],
  ['ff00::/8', 'multicast'],
] as const

/** IPv6 blocks that carry an IPv4 address: where it sits (bits counted from the right). */
const ipv4CarryingIpv6 = [
  ['::ffff:0:0/96', 'IPv4-mapped', 0n],
  ['64:ff9b::/96', 'NAT64', 0n],
  ['2002::/16', '6to4', 80n],
] as const

const IPV6_BITS = 128n

function ipv4ToNumber(text: string) {
  if (isIP(text) !== 4) return null
  return text.split('.').reduce((value, part) => value * 256 + Number(part), 0)
}

/** The address as a 128-bit number (zone id dropped), or null when it is not IPv6. */
function ipv6ToBigInt(text: string) {
  const address = text.split('%')[0]!.toLowerCase()
  if (isIP(address) !== 6) return null
  let groupsText = address
  const lastColon = address.lastIndexOf(':')
  if (address.includes('.')) {
    const embedded = ipv4ToNumber(address.slice(lastColon + 1))
    if (embedded === null) return null
    groupsText = `${address.slice(0, lastColon + 1)}${Math.floor(embedded / 65536).toString(16)}:${(embedded % 65536).toString(16)}`
  }
  const [head = '', tail] = groupsText.split('::')
  const headGroups = head ? head.split(':') : []
  const tailGroups = tail ? tail.split(':') : []
  const groups =
    tail === undefined
      ? headGroups
      : [
          ...headGroups,
          ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'),
          ...tailGroups,
        ]
  return groups.reduce((value, group) => (value << 16n) + BigInt(`0x${group}`), 0n)
}

type Block = { first: bigint; bits: bigint; label: string }

function block(
  cidr: string,
  label: string,
  parse: (text: string) => bigint | null,
  width: bigint,
): Block {
  const [network, prefix] = cidr.split('/') as [string, string]
  const bits = width - BigInt(prefix)
  return { first: (parse(network)! >> bits) << bits, bits, label: `${cidr} ${label}` }
}

const ipv4ToBigInt = (text: string) => {
  const value = ipv4ToNumber(text)
  return value === null ? null : BigInt(value)
}
const ipv4Blocks = refusedIpv4.map(([cidr, label]) => block(cidr, label, ipv4ToBigInt, 32n))
const ipv6Blocks = refusedIpv6.map(([cidr, label]) => block(cidr, label, ipv6ToBigInt, IPV6_BITS))
const carryingBlocks = ipv4CarryingIpv6.map(([cidr, label, shift]) => ({
  ...block(cidr, label, ipv6ToBigInt, IPV6_BITS),
  shift,
}))

const within = (value: bigint, candidate: Block) =>
  value >> candidate.bits === candidate.first >> candidate.bits

function formatIpv4(value: bigint) {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.')
}

/**
 * Why a webhook may not call this address (the special-purpose block it falls in), or null when it
 * is a public address. Anything that is not an IP address is refused too.
 */
export function refusedAddressReason(address: string): string | null {
  const ipv4 = ipv4ToBigInt(address)
  if (ipv4 !== null) return ipv4Blocks.find((candidate) => within(ipv4, candidate))?.label ?? null
  const ipv6 = ipv6ToBigInt(address)
  if (ipv6 === null) return 'not an IP address'
  const carrier = carryingBlocks.find((candidate) => within(ipv6, candidate))
  if (carrier) {
    const inner = formatIpv4((ipv6 >> carrier.shift) & 0xffffffffn)
    const reason = refusedAddressReason(inner)
    return reason && `${carrier.label} ${inner}: ${reason}`
  }
  return ipv6Blocks.find((candidate) => within(ipv6, candidate))?.label ?? null
}

/** Loopback, private, link-local and every other special-purpose address (IPv4 and IPv6). */
export function isPrivateAddress(address: string) {
  return refusedAddressReason(address) !== null
}
