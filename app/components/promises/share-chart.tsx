// A small server-rendered bar chart (HTML bars) of "answered within the promise" per row, with the same
// numbers as a table for screen readers and anyone who prefers reading them.
export type ChartRow = { label: string; share: number | null; detail: string }

export function ShareChart({
  rows,
  title,
  tableCaption,
  headers,
}: {
  rows: ChartRow[]
  title: string
  tableCaption: string
  headers: [string, string, string]
}) {
  const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`)
  return (
    <figure className="share-chart">
      {/* Bars in HTML, not a scaled SVG: its labels were drawn at 9 px on a phone. The text is the
          page's own, at the body's size; the table below reads the same numbers out. */}
      <div className="share-chart__bars" role="img" aria-label={title}>
        {rows.map((row) => (
          <div key={row.label} className="share-chart__row">
            <span className="share-chart__label">{row.label}</span>
            <span className="share-chart__track">
              {row.share !== null ? (
                <span
                  className="share-chart__bar"
                  style={{ width: `${Math.max(1, Math.round(row.share * 100))}%` }}
                />
              ) : null}
            </span>
            <span className="share-chart__value">{percent(row.share)}</span>
          </div>
        ))}
      </div>
      <table className="table">
        <caption>{tableCaption}</caption>
        <thead>
          <tr>
            {headers.map((header) => (
              <th key={header} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td>{percent(row.share)}</td>
              <td>{row.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}
