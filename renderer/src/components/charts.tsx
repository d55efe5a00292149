import { count } from '../lib/format';

export interface Bar {
  key: string;
  label: string;
  value: number;
  color?: string | null;
  /** A note after the value, e.g. "3 won · $4.2K". */
  extra?: string;
}

/** Horizontal bars with the value at the end; a funnel when the bars are stages. */
export function HBars({
  bars,
  format = count,
  testId,
}: {
  bars: Bar[];
  format?: (n: number) => string;
  testId?: string;
}) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const extra = bars.some((b) => b.extra);
  return (
    <div className={`hbars${extra ? ' with-extra' : ''}`} data-testid={testId}>
      {bars.map((b) => (
        <div key={b.key} className="hbar" data-key={b.key} data-value={b.value}>
          <span className="hbar-label" title={b.label}>
            {b.label}
          </span>
          <span className="hbar-track">
            <span
              className="hbar-fill"
              style={{ width: `${(b.value / max) * 100}%`, background: b.color ?? 'var(--accent)' }}
            />
          </span>
          <span className="hbar-value num">{format(b.value)}</span>
          {extra && <span className="hbar-extra muted small">{b.extra ?? ''}</span>}
        </div>
      ))}
    </div>
  );
}

/** Columns over time with a light grid; hovering a column shows its exact numbers. */
export function Columns({
  points,
  format = count,
  height = 190,
  integer,
}: {
  points: Array<{ label: string; value: number; title: string }>;
  format?: (n: number) => string;
  height?: number;
  integer?: boolean;
}) {
  const w = 500;
  const pad = { l: 40, r: 8, t: 10, b: 22 };
  const max = Math.max(1, ...points.map((p) => p.value));
  const niceMax = integer ? Math.max(4, Math.ceil(niceCeil(max) / 2) * 2) : niceCeil(max);
  const innerW = w - pad.l - pad.r;
  const innerH = height - pad.t - pad.b;
  const step = innerW / Math.max(1, points.length);
  const barW = Math.max(4, Math.min(36, step * 0.62));
  const ticks = [0, 0.5, 1].map((f) => f * niceMax);
  const labelEvery = Math.ceil(points.length / 7);
  return (
    <svg className="chart" viewBox={`0 0 ${w} ${height}`} role="img" aria-label="Conversions by week">
      {ticks.map((t) => {
        const y = pad.t + innerH - (t / niceMax) * innerH;
        return (
          <g key={t}>
            <line x1={pad.l} x2={w - pad.r} y1={y} y2={y} className="grid" />
            <text x={pad.l - 6} y={y + 4} textAnchor="end" className="axis">
              {format(t)}
            </text>
          </g>
        );
      })}
      {points.map((p, i) => {
        const h = (p.value / niceMax) * innerH;
        const x = pad.l + i * step + (step - barW) / 2;
        return (
          <g key={p.label}>
            <rect
              x={x}
              y={pad.t + innerH - h}
              width={barW}
              height={Math.max(h, p.value > 0 ? 1 : 0)}
              rx={2}
              className="bar"
            >
              <title>{p.title}</title>
            </rect>
            {i % labelEvery === 0 && (
              <text x={x + barW / 2} y={height - 6} textAnchor="middle" className="axis">
                {p.label}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

function niceCeil(n: number): number {
  const mag = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * mag >= n) return m * mag;
  return 10 * mag;
}
