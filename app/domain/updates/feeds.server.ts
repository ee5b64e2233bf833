// RSS 2.0 and Atom feeds of published updates. Text is escaped for XML; bodies go out as sanitised
// HTML inside the escaped content element.
import { publicBaseUrl } from '#app/utils/env.server'
import { renderMarkdown } from '#app/utils/markdown.server'

import { listPublishedUpdates } from './updates.server'

function escapeXml(value: string) {
  return value
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(
      /[&<>"']/g,
      (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[char]!,
    )
}

type FeedInput = { siteName: string; description: string }

async function feedItems() {
  const { updates } = await listPublishedUpdates({ limit: 30 })
  const base = publicBaseUrl()
  return updates.map((update) => ({
    ...update,
    url: `${base}/updates/${update.slug}`,
    html: renderMarkdown(update.body),
    publishedAt: update.publishedAt ?? update.updatedAt,
  }))
}

export async function rssFeed({ siteName, description }: FeedInput) {
  const base = publicBaseUrl()
  const items = await feedItems()
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${escapeXml(siteName)}</title>
<link>${escapeXml(`${base}/updates`)}</link>
<description>${escapeXml(description)}</description>
<atom:link href="${escapeXml(`${base}/updates.rss`)}" rel="self" type="application/rss+xml"/>
${items[0] ? `<lastBuildDate>${items[0].publishedAt.toUTCString()}</lastBuildDate>` : ''}
${items
  .map(
    (item) => `<item>
<title>${escapeXml(item.title)}</title>
<link>${escapeXml(item.url)}</link>
<guid isPermaLink="true">${escapeXml(item.url)}</guid>
<pubDate>${item.publishedAt.toUTCString()}</pubDate>
<description>${escapeXml(item.summary || item.title)}</description>
</item>`,
  )
  .join('\n')}
</channel>
</rss>
`
}

export async function atomFeed({ siteName, description }: FeedInput) {
  const base = publicBaseUrl()
  const items = await feedItems()
  const updated = (items[0]?.updatedAt ?? new Date(0)).toISOString()
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>${escapeXml(siteName)}</title>
<subtitle>${escapeXml(description)}</subtitle>
<id>${escapeXml(`${base}/updates`)}</id>
<link href="${escapeXml(`${base}/updates.atom`)}" rel="self" type="application/atom+xml"/>
<link href="${escapeXml(`${base}/updates`)}" rel="alternate" type="text/html"/>
<updated>${updated}</updated>
${items
  .map(
    (item) => `<entry>
<title>${escapeXml(item.title)}</title>
<id>${escapeXml(item.url)}</id>
<link href="${escapeXml(item.url)}" rel="alternate" type="text/html"/>
<published>${item.publishedAt.toISOString()}</published>
<updated>${item.updatedAt.toISOString()}</updated>
<author><name>${escapeXml(item.authorName ?? siteName)}</name></author>
<summary>${escapeXml(item.summary || item.title)}</summary>
<content type="html">${escapeXml(item.html)}</content>
</entry>`,
  )
  .join('\n')}
</feed>
`
}
