// How to reach the team, as a sentence with the address as a mailto: link (settings/contact.rules.ts
// words it; the root's data has the address). Nothing at all when the site has no address to give.
import { useRouteLoaderData } from '@remix-run/react'

import { type ContactPurpose, howToReachUs } from '#app/domain/settings/contact.rules'
import type { RootLoaderData } from '#app/root'
import { useTranslation } from '#app/utils/i18n/i18n'

export function ContactUs({
  purpose,
  as: Element = 'span',
}: {
  purpose: ContactPurpose
  /** A paragraph of its own, or a sentence inside another (the default). */
  as?: 'p' | 'span'
}) {
  // Read as useTranslation reads the language: forms everywhere show this, and none imports the root.
  const data = useRouteLoaderData('root') as RootLoaderData | undefined
  const { locale } = useTranslation()
  const reach = howToReachUs({
    locale,
    address: data?.site.supportEmail ?? null,
    site: data?.site.name ?? 'Ideabox',
    purpose,
  })
  if (!reach) return null
  return (
    <Element className="contact-us">
      {reach.before}
      <a href={reach.href}>{reach.address}</a>
      {reach.after}
    </Element>
  )
}
