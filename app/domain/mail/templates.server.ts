// Email bodies: plain text and HTML from the same parts, in the person's language, branded with the
// site's name and colour. Everything a person typed is escaped, except `content`: Markdown already
// rendered and sanitised by utils/markdown.server.ts.
import type { Locale } from '#app/utils/i18n/i18n'
import { translator } from '#app/utils/i18n/i18n'

export type EmailParts = {
  locale: Locale
  siteName: string
  accentColor: string
  subject: string
  heading: string
  paragraphs: string[]
  /** The event's own content (an answer, a comment, a note): sanitised HTML and its plain text. */
  content?: { html: string; text: string }
  action?: { label: string; url: string }
  /** "Did this answer help you?" with one-click yes/no links. */
  feedback?: {
    question: string
    yes: { label: string; url: string }
    no: { label: string; url: string }
  }
  /** Shown small at the bottom: why they got this and how to stop it (or where their settings are). */
  unsubscribe?: { url: string; label: string }
  /** Why the person got this email (shown in the footer); defaults to where it comes from. */
  why?: string
}

export type RenderedEmail = { subject: string; text: string; html: string }

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  )

export function renderEmail(parts: EmailParts): RenderedEmail {
  const t = translator(parts.locale)
  const footer = parts.why ?? t('email.footer', { site: parts.siteName })
  const text = [
    parts.heading,
    '',
    ...(parts.content ? [parts.content.text, ''] : []),
    ...parts.paragraphs.flatMap((paragraph) => [paragraph, '']),
    ...(parts.action ? [`${parts.action.label}: ${parts.action.url}`, ''] : []),
    ...(parts.feedback
      ? [
          parts.feedback.question,
          `${parts.feedback.yes.label}: ${parts.feedback.yes.url}`,
          `${parts.feedback.no.label}: ${parts.feedback.no.url}`,
          '',
        ]
      : []),
    '—',
    parts.siteName,
    footer,
    ...(parts.unsubscribe ? [`${parts.unsubscribe.label}: ${parts.unsubscribe.url}`] : []),
  ].join('\n')
  const color = /^#[0-9a-fA-F]{6}$/.test(parts.accentColor) ? parts.accentColor : '#0f766e'
  const html = `<!doctype html>
<html lang="${parts.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(parts.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f8fafc;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#0f172a">
<table role="presentation" width="100%" style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:12px">
<tr><td style="padding:20px 24px;border-bottom:4px solid ${color};font-weight:700;font-size:18px">${escapeHtml(parts.siteName)}</td></tr>
<tr><td style="padding:24px">
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(parts.heading)}</h1>
${parts.content ? `<blockquote style="margin:0 0 16px;padding:4px 16px;border-left:4px solid ${color};line-height:1.5">${parts.content.html}</blockquote>` : ''}
${parts.paragraphs.map((paragraph) => `<p style="margin:0 0 12px;line-height:1.5">${escapeHtml(paragraph)}</p>`).join('\n')}
${parts.feedback ? `<p style="margin:16px 0 0;color:#475569">${escapeHtml(parts.feedback.question)} <a href="${escapeHtml(parts.feedback.yes.url)}">${escapeHtml(parts.feedback.yes.label)}</a> · <a href="${escapeHtml(parts.feedback.no.url)}">${escapeHtml(parts.feedback.no.label)}</a></p>` : ''}
${parts.action ? `<p style="margin:24px 0"><a href="${escapeHtml(parts.action.url)}" style="background:${color};color:#ffffff;padding:12px 18px;border-radius:8px;text-decoration:none;font-weight:600">${escapeHtml(parts.action.label)}</a></p>` : ''}
</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid #e2e8f0;font-size:13px;color:#475569">${escapeHtml(footer)}${parts.unsubscribe ? ` <a href="${escapeHtml(parts.unsubscribe.url)}" style="color:#475569">${escapeHtml(parts.unsubscribe.label)}</a>` : ''}</td></tr>
</table>
</body>
</html>`
  return { subject: parts.subject, text, html }
}
