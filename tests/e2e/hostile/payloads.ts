// Hostile values: fast-check arbitraries for form fields and JSON, the XSS corpus every Markdown
// field must render inert, and redirect targets that try to leave the site.
import fc from 'fast-check'

/** The fixed seed of every generator here: a failure reproduces with the same run. */
const HOSTILE_SEED = 20_260_007

/** A stable per-endpoint seed, so adding an endpoint does not reshuffle the others. */
export function seedFor(key: string) {
  let hash = HOSTILE_SEED
  for (const char of key) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0
  return hash
}

/**
 * The XSS corpus. Each payload calls `__xss(n)` if it ever runs; the page under test installs a
 * trap under that name. Script tags, event handlers, `javascript:` and `data:` links in Markdown
 * and HTML, entity and case tricks, broken tags, mutation-XSS shapes and Markdown autolinks.
 */
export const xssCorpus: string[] = [
  '<script>__xss(1)</script>',
  '<img src=x onerror=__xss(2)>',
  '<svg onload=__xss(3)>',
  '<svg><script>__xss(4)</script></svg>',
  '[click me](javascript:__xss(5))',
  '[click me](JaVaScRiPt:__xss(6))',
  '[click me](javascript&#58;__xss(7))',
  '[click me](&#106;avascript:__xss(8))',
  '[click me](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3MoOSk8L3NjcmlwdD4=)',
  '<a href="javascript:__xss(10)">click me</a>',
  '<iframe src="javascript:__xss(11)"></iframe>',
  '<iframe srcdoc="<script>parent.__xss(12)</script>"></iframe>',
  '<div style="background:url(javascript:__xss(13))">styled</div>',
  '<p style="width:expression(__xss(14))">expression</p>',
  '<ScRiPt>__xss(15)</sCrIpT>',
  '<img src=x onerror="__xss(16)"',
  '<<script>__xss(17)//<</script>',
  '<javascript:__xss(18)>',
  '![pic](x" onerror="__xss(19))',
  '<details open ontoggle=__xss(20)>open</details>',
  '<body onload=__xss(21)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=__xss(22)>',
  '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;__xss(23)">entities</a>',
  '[vb](vbscript:__xss(24))',
  '<object data="javascript:__xss(25)"></object>',
  '<embed src="javascript:__xss(26)">',
  '<form action="javascript:__xss(27)"><button>go</button></form>',
  '<input autofocus onfocus=__xss(28)>',
  '<video><source onerror=__xss(29)></video>',
  '[spaced](  javascript:__xss(30)  )',
  '<noscript><p title="</noscript><img src=x onerror=__xss(31)>">',
  '`<img src=x onerror=__xss(32)>` in code',
  '<a href="https://example.com" onclick="__xss(33)" onmouseover="__xss(33)">handler on a fine link</a>',
  '<meta http-equiv="refresh" content="0;url=javascript:__xss(34)">',
  '<base href="javascript:__xss(35)//">',
  '<style>@import "javascript:__xss(36)";</style>',
  '[encoded](javascript:__xss%2837%29)',
  '[newline](java\nscript:__xss(38))',
  '<a href="jav&#x09;ascript:__xss(39)">tab entity</a>',
  '[ref link][r]\n\n[r]: javascript:__xss(40)',
  '<svg><a xlink:href="javascript:__xss(41)"><text y="20">svg link</text></a></svg>',
  '<img src="x` `<script>__xss(42)</script>"` `>',
]

/** Redirect targets that try to leave the site (or run script) through `redirectTo`. */
export const redirectPayloads: string[] = [
  '//evil.example',
  '//evil.example/%2F..',
  'https://evil.example',
  'http://evil.example/login',
  '/\\evil.example',
  '\\/\\/evil.example',
  '\\\\evil.example',
  '%2F%2Fevil.example',
  '/%2F%2Fevil.example',
  '/%5Cevil.example',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '/%09/evil.example',
  '/\t/evil.example',
  ' //evil.example',
  '\n//evil.example',
  '/\r\n/evil.example',
  '///evil.example',
  '/./\\evil.example',
  'https:evil.example',
  '/@evil.example',
  'http://localhost@evil.example',
  '/ideas/../../\\evil.example',
  '\u3002evil.example',
  '／／evil.example',
]

/** SQL fragments: quoting, comments, stacked queries, LIKE wildcards, casts and dollar quoting. */
const sqlFragments = [
  "'; drop table ideas; --",
  "Robert'); DROP TABLE users;--",
  "' OR '1'='1",
  '1 OR 1=1',
  "1' UNION SELECT email, password_hash FROM users --",
  '%',
  '_',
  '\\',
  '$$; select pg_sleep(10); $$',
  "'::int",
  "E'\\x00'",
  '/* comment */',
  'NULL',
]

/** Numbers and ids in every wrong shape: text, overflow, negative, exponent, unicode digits. */
export const wrongNumbers = [
  'abc',
  '',
  ' ',
  '-1',
  '0',
  '1.5',
  '1e309',
  '-1e309',
  '1e99',
  'NaN',
  'Infinity',
  '0x10',
  '2147483648',
  '9223372036854775808',
  '99999999999999999999999',
  '١٢٣',
  '1;2',
  '[1]',
  '{"id":1}',
  'null',
  'true',
]

const controlCharacters = fc
  .array(fc.integer({ min: 0, max: 0x1f }), { minLength: 1, maxLength: 12 })
  .map((codes) => `ctl${String.fromCharCode(...codes)}end`)

const awkwardText = [
  '\u0000',
  'before\u0000after',
  '\u0000'.repeat(64),
  '\ud800',
  'lone \udc00 low surrogate',
  '\udbff\udfff\ud800',
  '\u202eevil\u202c',
  '\u200b\u200b\u200b\u200b\u200b\u200b',
  '\ufeffbom',
  '\r\n\r\nX-Injected: header',
  '\u2028\u2029',
  'ﷺ'.repeat(40),
  '🧨'.repeat(500),
  'e\u0301'.repeat(300),
  '../../../../etc/passwd',
  '{{7*7}} ${7*7} <%= 7*7 %>',
  '%s%s%n%x',
  '__proto__',
  'constructor',
  'toString',
  '   ',
  '',
]

/** One hostile text value for a field. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...xssCorpus) },
  { weight: 3, arbitrary: fc.constantFrom(...sqlFragments) },
  { weight: 3, arbitrary: fc.constantFrom(...awkwardText) },
  { weight: 2, arbitrary: fc.constantFrom(...wrongNumbers) },
  { weight: 2, arbitrary: controlCharacters },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }) },
  { weight: 1, arbitrary: fc.constantFrom(...redirectPayloads) },
  // Long, but under the 2 MiB body limit: what lengths do the fields cap, and how?
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('a', 'é', '🧨', '<b>', "'"),
        fc.constantFrom(121, 501, 2_001, 10_001, 100_001, 400_000),
      )
      .map(([unit, count]) => unit.repeat(count)),
  },
)

/** A hostile value for a date, time or colour field. */
export const hostileFormatted = fc.constantFrom(
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '9999-99-99',
  '99999-01-01',
  '-0001-01-01',
  '2026-01-01T25:61',
  '24:00',
  '99:99',
  '#zzzzzz',
  '#12345',
  'red',
  'now()',
  '1970-01-01; drop table ideas',
)

/** Raw bytes that are not UTF-8, percent-encoded into a field or sent raw. */
export const invalidUtf8 = fc.constantFrom(
  Buffer.from([0xff, 0xfe, 0xfd]),
  Buffer.from([0xc3]),
  Buffer.from([0xe2, 0x82]),
  Buffer.from([0xed, 0xa0, 0x80]), // an encoded surrogate half
  Buffer.from([0xc0, 0xaf]), // overlong "/"
  Buffer.from([0xf4, 0x90, 0x80, 0x80]), // above U+10FFFF
  Buffer.from('abc\u0000def', 'utf8'),
  Buffer.concat([Buffer.from('ok '), Buffer.from([0x80, 0x81, 0x82]), Buffer.from(' ok')]),
)

/** Values that are not valid ids, or ids no row has (the largest integer ids): never a real row. */
export const bogusIds = [
  '2147483647',
  '2147483000',
  '2147483648',
  '0',
  '-1',
  '1e309',
  '99999999999',
  'abc',
  '1.5',
  '',
  '١',
]

/** JSON values of every type, for wrong-type substitutions. */
export const jsonWrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    1e308,
    -0,
    2_147_483_648,
    Number.MAX_SAFE_INTEGER + 2,
    '',
    '1',
    'null',
    [],
    {},
    [1, 2],
    { $gt: '' },
    { __proto__: { polluted: true } },
  ),
  hostileText,
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
)
