// The address rule against generated addresses. The ranges are written out here from the IANA
// special-purpose registries (as the issue lists them), not imported, and Node's own BlockList is
// the second opinion for addresses outside them: the rule may not drift from either.
import { BlockList } from 'node:net'

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { isPrivateAddress, refusedAddressReason } from './webhooks.rules'

const ipv4Ranges = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.88.99.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
  '255.255.255.255/32',
]
const ipv6Ranges = [
  '::/128',
  '::1/128',
  '64:ff9b:1::/48',
  '100::/64',
  '2001::/23',
  '2001:db8::/32',
  'fc00::/7',
  'fe80::/10',
  'ff00::/8',
]
/** IPv6 blocks that carry an IPv4 address, and how to write one inside. */
const carriers: Record<string, (ipv4: number) => string> = {
  'IPv4-mapped': (ipv4) => `::ffff:${formatIpv4(ipv4)}`,
  'IPv4-mapped (hex)': (ipv4) => `::ffff:${hexPair(ipv4)}`,
  NAT64: (ipv4) => `64:ff9b::${hexPair(ipv4)}`,
  'NAT64 (dotted)': (ipv4) => `64:ff9b::${formatIpv4(ipv4)}`,
  '6to4': (ipv4) => `2002:${hexPair(ipv4)}::1`,
}

const formatIpv4 = (value: number) =>
  [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.')
const hexPair = (value: number) => `${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`
const parseIpv4 = (text: string) =>
  text.split('.').reduce((value, part) => value * 256 + Number(part), 0)

function formatIpv6(value: bigint, compressed: boolean) {
  const full = Array.from({ length: 8 }, (_, index) =>
    ((value >> BigInt(112 - 16 * index)) & 0xffffn).toString(16),
  ).join(':')
  // The URL parser writes the canonical compressed form (RFC 5952), as resolvers usually answer.
  return compressed ? new URL(`http://[${full}]/`).hostname.slice(1, -1) : full
}
function parseIpv6Network(text: string) {
  const [head = '', tail = ''] = text.split('::')
  const groups = (part: string) => (part ? part.split(':') : [])
  const all = [
    ...groups(head),
    ...Array<string>(8 - groups(head).length - groups(tail).length).fill('0'),
    ...groups(tail),
  ]
  return all.reduce((value, group) => (value << 16n) + BigInt(`0x${group}`), 0n)
}

/** Any address inside `cidr` (IPv4). */
const ipv4In = (cidr: string) => {
  const [network, prefix] = cidr.split('/') as [string, string]
  const size = 2 ** (32 - Number(prefix))
  return fc
    .integer({ min: 0, max: size - 1 })
    .map((offset) => formatIpv4(parseIpv4(network) + offset))
}
/** Any address inside `cidr` (IPv6), compressed or written out. */
const ipv6In = (cidr: string) => {
  const [network, prefix] = cidr.split('/') as [string, string]
  const hostBits = 128n - BigInt(prefix)
  return fc
    .tuple(fc.bigInt({ min: 0n, max: (1n << hostBits) - 1n }), fc.boolean())
    .map(([offset, compressed]) => formatIpv6(parseIpv6Network(network) + offset, compressed))
}
const privateIpv4 = fc.constantFrom(...ipv4Ranges).chain(ipv4In)

const blockList = new BlockList()
for (const cidr of ipv4Ranges)
  blockList.addSubnet(cidr.split('/')[0]!, Number(cidr.split('/')[1]), 'ipv4')

describe('isPrivateAddress', () => {
  it.each(ipv4Ranges)('refuses any IPv4 address in %s', (cidr) => {
    fc.assert(fc.property(ipv4In(cidr), (address) => isPrivateAddress(address)))
  })

  it.each(ipv6Ranges)('refuses any IPv6 address in %s', (cidr) => {
    fc.assert(fc.property(ipv6In(cidr), (address) => isPrivateAddress(address)))
  })

  it.each(Object.keys(carriers))(
    'refuses a private IPv4 address carried as %s, and judges a public one by itself',
    (carrier) => {
      const encode = carriers[carrier]!
      fc.assert(fc.property(privateIpv4, (address) => isPrivateAddress(encode(parseIpv4(address)))))
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (ipv4) => {
          expect(isPrivateAddress(encode(ipv4)), encode(ipv4)).toBe(
            blockList.check(formatIpv4(ipv4), 'ipv4'),
          )
        }),
      )
    },
  )

  it('agrees with Node’s BlockList on every IPv4 address', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (value) => {
        const address = formatIpv4(value)
        expect(isPrivateAddress(address), address).toBe(blockList.check(address, 'ipv4'))
      }),
      { numRuns: 5_000 },
    )
  })

  it('agrees with Node’s BlockList at the edges of every IPv4 range (first, last, and one outside each)', () => {
    for (const cidr of ipv4Ranges) {
      const [network, prefix] = cidr.split('/') as [string, string]
      const first = parseIpv4(network)
      const last = first + 2 ** (32 - Number(prefix)) - 1
      for (const value of [first - 1, first, last, last + 1].filter(
        (candidate) => candidate >= 0 && candidate < 2 ** 32,
      )) {
        const address = formatIpv4(value)
        expect(isPrivateAddress(address), `${address} (${cidr})`).toBe(
          blockList.check(address, 'ipv4'),
        )
      }
    }
  })

  it('lets public addresses through', () => {
    for (const address of [
      '8.8.8.8',
      '1.1.1.1',
      '93.184.216.34',
      '100.63.255.255',
      '100.128.0.0',
      '172.15.255.255',
      '172.32.0.0',
      '192.0.1.1',
      '198.17.255.255',
      '198.20.0.0',
      '223.255.255.255',
      '2606:4700:4700::1111',
      '2001:4860:4860::8888',
      '2a00:1450:4001:80b::200e',
      '2001:200::1',
      '::ffff:8.8.8.8',
      '64:ff9b::808:808',
      '2002:808:808::1',
    ]) {
      expect(refusedAddressReason(address), address).toBeNull()
    }
  })

  it('refuses what is not an IP address, and names the block of what it refuses', () => {
    for (const text of ['localhost', 'example.com', '', '1.2.3', '::ffff:1.2.3.999', '12345::'])
      expect(isPrivateAddress(text), text).toBe(true)
    expect(refusedAddressReason('169.254.169.254')).toBe('169.254.0.0/16 link-local')
    expect(refusedAddressReason('::ffff:127.0.0.1')).toMatch(
      /IPv4-mapped 127\.0\.0\.1: 127\.0\.0\.0\/8 loopback/,
    )
    expect(refusedAddressReason('fe80::1%eth0')).toBe('fe80::/10 link-local')
  })
})
