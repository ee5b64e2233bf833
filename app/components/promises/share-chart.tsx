// A small server-rendered bar chart (SVG) of "answered within the promise" per row, with the same
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
  const barHeight = 28
  const gap = 12
  const labelWidth = 130
  const width = 560
  const track = width - labelWidth - 60
  const height = rows.length * (barHeight + gap)
  return (
    <figure className="share-chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={title}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        {rows.map((row, index) => {
          const y = index * (barHeight + gap)
          const share = row.share ?? 0
          return (
            <g key={row.label}>
              <text x="0" y={y + barHeight * 0.68} fontSize="14" fill="currentColor">
                {row.label}
              </text>
              <rect x={labelWidth} y={y} width={track} height={barHeight} rx="4" fill="#e2e8f0" />
              {row.share !== null ? (
                <rect
                  x={labelWidth}
                  y={y}
                  width={Math.max(2, Math.round(track * share))}
                  height={barHeight}
                  rx="4"
                  fill="var(--accent)"
                />
              ) : null}
              <text
                x={width - 52}
                y={y + barHeight * 0.68}
                fontSize="14"
                fontWeight="700"
                fill="currentColor"
              >
                {row.share === null ? '—' : `${Math.round(share * 100)}%`}
              </text>
            </g>
          )
        })}
      </svg>
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
              <td>{row.share === null ? '—' : `${Math.round(row.share * 100)}%`}</td>
              <td>{row.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}
