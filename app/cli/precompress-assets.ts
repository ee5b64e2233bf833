// The last step of `npm run build`: writes a brotli (quality 11) and a gzip (zopfli) copy beside
// each script and stylesheet of the browser build, which the server sends instead of compressing
// the file for each request (app/server/precompressed.server.ts). Both settings are too slow to use
// per request and cost nothing at run time here. zopfli writes ordinary gzip that every browser
// reads, ~4 % smaller than zlib's best; node's zlib has no zopfli, hence @gfx/zopfli (WASM).
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { brotliCompressSync, constants } from 'node:zlib'

import { gzipAsync } from '@gfx/zopfli'

import { precompresses } from '#app/server/precompressed.server'

/** Below this a file fits in a packet or two whatever its compression: not worth two more files. */
const MIN_BYTES = 1024

/**
 * Compressed copies by content: zopfli takes ~12 s for a whole build here, and most files (the
 * framework's chunk above all) are the same from one build to the next.
 */
const CACHE_DIR = path.resolve('node_modules/.cache/ideabox-precompressed')

async function compressed(content: Buffer) {
  const key = createHash('sha256').update(content).digest('hex')
  const cached = { br: path.join(CACHE_DIR, `${key}.br`), gz: path.join(CACHE_DIR, `${key}.gz`) }
  if (existsSync(cached.br) && existsSync(cached.gz))
    return { br: readFileSync(cached.br), gz: readFileSync(cached.gz) }
  const br = brotliCompressSync(content, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
    },
  })
  // Five iterations: as small as fifteen on these files (16 bytes apart on 91 KB), and faster.
  const gz = Buffer.from(await gzipAsync(content, { numiterations: 5 }))
  mkdirSync(CACHE_DIR, { recursive: true })
  writeFileSync(cached.br, br)
  writeFileSync(cached.gz, gz)
  return { br, gz }
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name)
    return entry.isDirectory() ? filesUnder(full) : [full]
  })
}

export async function precompressAssets(root = path.resolve('public/build')) {
  const files = filesUnder(root).filter(
    (file) => precompresses(file) && statSync(file).size >= MIN_BYTES,
  )
  let plain = 0
  let brotli = 0
  let gzip = 0
  for (const file of files) {
    const content = readFileSync(file)
    const { br, gz } = await compressed(content)
    writeFileSync(`${file}.br`, br)
    writeFileSync(`${file}.gz`, gz)
    plain += content.length
    brotli += br.length
    gzip += gz.length
  }
  return { files: files.length, plain, brotli, gzip }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now()
  const { files, plain, brotli, gzip } = await precompressAssets()
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`
  console.log(
    `Precompressed ${files} files (${kb(plain)}): brotli ${kb(brotli)}, gzip ${kb(gzip)}, in ${Date.now() - started} ms`,
  )
}
