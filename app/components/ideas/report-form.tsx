import { useActionData } from '@remix-run/react'
import { Suspense } from 'react'

import { lazyComponent } from '#app/components/ui/lazy-component'
import { OnDemandDisclosure } from '#app/components/ui/on-demand-disclosure'
import { useTranslation } from '#app/utils/i18n/i18n'

import type { IdeaFormResult } from './comment-thread'

// The form itself loads when someone opens it: most visits report nothing.
const panel = lazyComponent(async () => (await import('./report-panel')).ReportPanel)

/**
 * A disclosure with the report form, rendered once opened (OnDemandDisclosure): works without
 * JavaScript (a link, then a plain POST to the idea page). A refused report opens again with its
 * errors and what was typed.
 */
export function ReportForm({
  action,
  commentId,
  label,
  anchor,
  alreadyReported = false,
}: {
  action: string
  commentId?: number
  label: string
  anchor?: string
  /** The viewer reported it before: one report per person, so a note instead of the form. */
  alreadyReported?: boolean
}) {
  const { t } = useTranslation()
  const result = useActionData<IdeaFormResult>()
  if (alreadyReported) return <span className="muted report-done">{t('reports.youReported')}</span>
  const mine = result?.form === `report-${commentId ?? 'idea'}` ? result : undefined
  return (
    <OnDemandDisclosure
      name={`report-${commentId ?? 'idea'}`}
      label={t('reports.report')}
      anchor={anchor}
      open={Boolean(mine)}
      prepare={panel.load}
    >
      {() => (
        <Suspense fallback={null}>
          <panel.Component action={action} commentId={commentId} label={label} mine={mine} />
        </Suspense>
      )}
    </OnDemandDisclosure>
  )
}
