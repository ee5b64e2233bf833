// Every Markdown field, read from the code: the exported zod schemas of `app/domain/**/*.schema.ts`
// walked down to the fields that carry `markdownField` (found in its `markdownFields` registry). A
// Markdown field added tomorrow is tested the day it is added.
import { readdirSync } from 'node:fs'
import path from 'node:path'

import type { z } from 'zod'

import { type MarkdownContent, markdownFields } from '#app/utils/schemas'

export type MarkdownFieldFound = {
  /** `<module>.<export>.<field>`, e.g. `comments.schema.commentFormSchema.body`. */
  name: string
  content: MarkdownContent
  schema: z.core.$ZodType
}

const DOMAIN_DIR = path.resolve('app/domain')

/** The schema modules, as paths under app/domain. */
function schemaModules() {
  return readdirSync(DOMAIN_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.schema.ts'))
    .sort()
}

/** The schemas inside a schema: object fields, union options, and what wrappers and pipes hold. */
function children(schema: z.core.$ZodType): [string, z.core.$ZodType][] {
  const def = schema._zod.def as unknown as Record<string, unknown>
  const inner = (key: string) =>
    def[key] ? [['', def[key] as z.core.$ZodType] as [string, z.core.$ZodType]] : []
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, z.core.$ZodType>).map(([key, child]) => [
        `.${key}`,
        child,
      ])
    case 'union':
      return (def.options as z.core.$ZodType[]).map((option) => ['', option])
    case 'intersection':
      return [...inner('left'), ...inner('right')]
    case 'pipe':
      return [...inner('in'), ...inner('out')]
    case 'array':
      return inner('element').map(([, child]) => ['[]', child])
    default:
      return inner('innerType')
  }
}

function walk(
  schema: z.core.$ZodType,
  name: string,
  found: Map<string, MarkdownFieldFound>,
  seen: Set<z.core.$ZodType>,
) {
  if (seen.has(schema)) return
  seen.add(schema)
  const meta = markdownFields.get(schema)
  if (meta && !found.has(name)) found.set(name, { name, content: meta.content, schema })
  for (const [step, child] of children(schema)) walk(child, `${name}${step}`, found, seen)
}

function isSchema(value: unknown): value is z.core.$ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value
}

/** Every Markdown field of every exported schema, by name. */
export async function findMarkdownFields(): Promise<MarkdownFieldFound[]> {
  const found = new Map<string, MarkdownFieldFound>()
  for (const file of schemaModules()) {
    const module = (await import(path.join(DOMAIN_DIR, file))) as Record<string, unknown>
    for (const [exportName, value] of Object.entries(module)) {
      if (isSchema(value))
        walk(value, `${path.basename(file, '.ts')}.${exportName}`, found, new Set())
    }
  }
  return [...found.values()]
}
