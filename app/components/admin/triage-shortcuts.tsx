// Keyboard shortcuts for the triage list: j/k move between rows, x selects, s opens the row's status
// form (Escape closes it), a assigns, / searches, ? lists them. They never fire while someone types in a field, and
// everything they do is also reachable with Tab (they only move focus and open what Tab reaches).
import { type RefObject, useEffect } from 'react'

import { type MessageKey, useTranslation } from '#app/utils/i18n/i18n'
import { useHydrated } from '#app/utils/use-hydrated'

const DIALOG_ID = 'triage-shortcuts'

const TRIAGE_SHORTCUTS: { key: string; description: MessageKey }[] = [
  { key: 'j', description: 'admin.shortcuts.next' },
  { key: 'k', description: 'admin.shortcuts.previous' },
  { key: 'x', description: 'admin.shortcuts.select' },
  { key: 's', description: 'admin.shortcuts.status' },
  { key: 'Esc', description: 'admin.shortcuts.closeStatus' },
  { key: 'a', description: 'admin.shortcuts.assign' },
  { key: '/', description: 'admin.shortcuts.search' },
  { key: '?', description: 'admin.shortcuts.help' },
]

/** Typing in a field (or using a modifier for the browser's own shortcuts) is never a shortcut. */
function isTyping(event: KeyboardEvent) {
  if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return true
  const target = event.target as HTMLElement | null
  if (!target) return false
  // A checkbox or a button takes no text: shortcuts work from there (Tab lands on a row's checkbox).
  const typedInput =
    target instanceof HTMLInputElement &&
    !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type)
  return (
    target.isContentEditable ||
    typedInput ||
    ['TEXTAREA', 'SELECT'].includes(target.tagName) ||
    Boolean(target.closest('dialog[open]'))
  )
}

export function useTriageShortcuts(table: RefObject<HTMLTableElement | null>) {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      // Escape closes the row's open status form from anywhere in it (its fields too) and gives
      // focus back to the row, where j/k work again.
      if (event.key === 'Escape' && !event.defaultPrevented) {
        const active = document.activeElement
        const form = active?.closest<HTMLDetailsElement>('tr[data-idea-row] details[open]')
        if (form && table.current?.contains(form)) {
          event.preventDefault()
          form.open = false
          form.closest('tr')?.querySelector<HTMLElement>('th a')?.focus()
        }
        return
      }
      if (isTyping(event)) return
      const rows = [
        ...(table.current?.querySelectorAll<HTMLTableRowElement>('tr[data-idea-row]') ?? []),
      ]
      const current = rows.findIndex((row) => row.contains(document.activeElement))
      const row = rows[current]
      const act = (run: () => void) => {
        event.preventDefault()
        run()
      }
      switch (event.key) {
        case 'j':
        case 'k': {
          if (!rows.length) return
          const next =
            event.key === 'j' ? Math.min(current + 1, rows.length - 1) : Math.max(current - 1, 0)
          return act(() => rows[next]!.querySelector<HTMLElement>('th a')?.focus())
        }
        case 'x':
          if (!row) return
          return act(() => row.querySelector<HTMLInputElement>('input[name="ideaId"]')?.click())
        case 's':
          if (!row) return
          return act(() => {
            const details = row.querySelector('details')
            if (!details) return
            details.open = true
            details.querySelector('select')?.focus()
          })
        case 'a':
          return act(() => {
            const box = row?.querySelector<HTMLInputElement>('input[name="ideaId"]')
            if (box && !box.checked) box.click()
            document.getElementById('bulk-assignee')?.focus()
          })
        case '/':
          return act(() => {
            const search = document.getElementById('q')
            const panel = search?.closest('details')
            if (panel) panel.open = true
            search?.focus()
          })
        case '?':
          return act(() =>
            (document.getElementById(DIALOG_ID) as HTMLDialogElement | null)?.showModal(),
          )
      }
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [table])
}

/** The list of shortcuts, opened with `?` or its button (the button only appears with JavaScript, which the shortcuts need). */
export function ShortcutsDialog() {
  const { t } = useTranslation()
  const hydrated = useHydrated()
  if (!hydrated) return null
  const dialog = () => document.getElementById(DIALOG_ID) as HTMLDialogElement | null
  return (
    <>
      <p>
        <button
          type="button"
          className="link-button"
          onClick={() => dialog()?.showModal()}
          aria-keyshortcuts="?"
        >
          {t('admin.shortcuts.title')}
        </button>
      </p>
      <dialog
        id={DIALOG_ID}
        className="card shortcuts-dialog"
        aria-labelledby={`${DIALOG_ID}-title`}
      >
        <h2 id={`${DIALOG_ID}-title`}>{t('admin.shortcuts.title')}</h2>
        <dl className="shortcuts-dialog__list">
          {TRIAGE_SHORTCUTS.map((shortcut) => (
            <div key={shortcut.key}>
              <dt>
                <kbd>{shortcut.key}</kbd>
              </dt>
              <dd>{t(shortcut.description)}</dd>
            </div>
          ))}
        </dl>
        <p className="muted">{t('admin.shortcuts.notInFields')}</p>
        <form method="dialog">
          <button type="submit" className="button button--small">
            {t('admin.shortcuts.close')}
          </button>
        </form>
      </dialog>
    </>
  )
}
