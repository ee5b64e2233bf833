import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import { SERVER_NODE_ARGS } from './production-build'

describe('the production server’s Node flags', () => {
  it('are the ones `npm run serve` starts Node with', () => {
    const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as {
      scripts: Record<string, string>
    }
    expect(scripts.serve).toContain(`node ${SERVER_NODE_ARGS.join(' ')} build/server.js`)
  })
})
