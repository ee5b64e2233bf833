// An audit entry's before → after as a short definition list (the values are already words).
/** A readable before → after, one field a line. */
export function AuditChanges({
  changes,
}: {
  changes: { label: string; before: string | null; after: string | null }[]
}) {
  if (!changes.length) return null
  return (
    <dl className="audit-changes">
      {changes.map((change) => (
        <div key={change.label}>
          <dt>{change.label}</dt>
          <dd>
            {change.before !== null ? <del>{change.before}</del> : null}
            {change.before !== null && change.after !== null ? ' → ' : null}
            {change.after !== null ? <ins>{change.after}</ins> : null}
          </dd>
        </div>
      ))}
    </dl>
  )
}
