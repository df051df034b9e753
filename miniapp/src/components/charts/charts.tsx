import { Axis, Chart, Interval, Line, LineGuide, Point, jsx as f2jsx } from '@antv/f2';
import { F2Canvas } from './f2-canvas';

/** F2's classic element factory; its generic component types do not survive being called by hand. */
const jsx = f2jsx as unknown as (type: unknown, props: Record<string, unknown> | null, ...children: unknown[]) => unknown;

/** Colours of the house style: green for 达标, red for 未达标, grey for the rest (the text says it too). */
export const CHART_COLORS = { MET: '#0b7a4b', NOT_MET: '#b42318', OTHER: '#5c6370', TARGET: '#b54708' } as const;

export type TrendDatum = { month: string; value: number | null };

/** A monthly line with the target as a dashed line; months without data leave a gap. */
export function TrendChart({ id, data, target, max, label, unit }: { id: string; data: TrendDatum[]; target: number; max?: number; label: string; unit: string }) {
  const version = JSON.stringify([data, target, max]);
  const values = data.map((d) => d.value).filter((v): v is number => v !== null);
  const top = max ?? Math.max(target, ...values, 1) * 1.1;
  return (
    <F2Canvas
      id={id}
      height={220}
      label={label}
      version={version}
      draw={() =>
        jsx(
          Chart,
          { data, scale: { value: { min: 0, max: top, nice: true, formatter: (v: number) => `${v}${unit === '%' ? '%' : ''}` }, month: { type: 'cat' } } },
          jsx(Axis, { field: 'month', style: { label: { fontSize: 10 } } }),
          jsx(Axis, { field: 'value', style: { label: { fontSize: 10 } } }),
          jsx(LineGuide, {
            records: [
              { month: data[0]?.month, value: target },
              { month: data[data.length - 1]?.month, value: target },
            ],
            style: { stroke: CHART_COLORS.TARGET, lineWidth: 1, lineDash: [4, 4] },
          }),
          jsx(Line, { x: 'month', y: 'value', color: CHART_COLORS.MET, connectNulls: false }),
          jsx(Point, { x: 'month', y: 'value', color: CHART_COLORS.MET, size: 3 }),
        )
      }
    />
  );
}

export type BarDatum = { label: string; value: number; met: boolean };

/** Horizontal bars, best first at the top; each bar green (达标) or red (未达标). */
export function RankingChart({ id, data, label, unit }: { id: string; data: BarDatum[]; label: string; unit: string }) {
  // Bars are drawn bottom-up in a transposed chart: reverse so the first place is at the top.
  const rows = [...data].reverse();
  const version = JSON.stringify(data);
  return (
    <F2Canvas
      id={id}
      height={Math.max(120, 28 * data.length + 40)}
      label={label}
      version={version}
      draw={() =>
        jsx(
          Chart,
          { data: rows, coord: { transposed: true }, scale: { value: { min: 0, nice: true, formatter: (v: number) => `${v}${unit === '%' ? '%' : ''}` }, label: { type: 'cat' } } },
          jsx(Axis, { field: 'label', style: { label: { fontSize: 10 } } }),
          jsx(Axis, { field: 'value', style: { label: { fontSize: 10 } } }),
          jsx(Interval, { x: 'label', y: 'value', color: { field: 'met', callback: (met: boolean) => (met ? CHART_COLORS.MET : CHART_COLORS.NOT_MET) } }),
        )
      }
    />
  );
}
