// ECharts with only what the console draws (its modular build: docs/console.md, README's dependency list)
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { formatYuanGrouped } from '../../../server/core/money/index.ts';

use([LineChart, PieChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = ComposeOption<
  | LineSeriesOption
  | PieSeriesOption
  | BarSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

const live = new Set<ECharts>();
let resizing = false;
window.addEventListener('resize', () => {
  if (resizing) return;
  resizing = true;
  requestAnimationFrame(() => {
    resizing = false;
    for (const c of live) c.resize();
  });
});

/** Draws (or redraws) a chart into `el`; the chart is disposed when `el` leaves the page. */
function chart(el: HTMLElement, option: Option): ECharts {
  const existing = [...live].find((c) => c.getDom() === el);
  const c = existing ?? init(el, undefined, { renderer: 'canvas' });
  if (!existing) live.add(c);
  for (const other of [...live]) if (!other.getDom().isConnected) (other.dispose(), live.delete(other));
  c.setOption(option, true);
  return c;
}

const yuan = (fen: unknown) => formatYuanGrouped(Number(fen));

/** Sales per local hour: one line per day compared (today, yesterday, last week). */
export function hourlyChart(el: HTMLElement, series: Array<{ name: string; fen: number[] }>): void {
  chart(el, {
    animation: false,
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: yuan },
    xAxis: { type: 'category', data: Array.from({ length: 24 }, (_, h) => `${h}`) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `¥${Math.round(v / 100)}` } },
    series: series.map((s, i) => ({
      name: s.name,
      type: 'line',
      data: s.fen,
      symbol: 'none',
      lineStyle: { width: i === 0 ? 3 : 1.5, type: i === 0 ? 'solid' : 'dashed' },
    })),
  });
}

/** Channel mix: a ring of what each tender kind took. */
export function mixChart(el: HTMLElement, slices: Array<{ name: string; fen: number }>): void {
  chart(el, {
    animation: false,
    tooltip: { trigger: 'item', valueFormatter: yuan },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        center: ['50%', '44%'],
        label: { formatter: '{b} {d}%' },
        data: slices.map((s) => ({ name: s.name, value: s.fen })),
      },
    ],
  });
}

/** Amount per key as horizontal bars (a report's breakdown). */
export function barsChart(el: HTMLElement, bars: Array<{ name: string; fen: number }>): void {
  chart(el, {
    animation: false,
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: yuan },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => `¥${Math.round(v / 100)}` } },
    yAxis: { type: 'category', data: bars.map((b) => b.name), inverse: true },
    series: [{ type: 'bar', data: bars.map((b) => b.fen) }],
  });
}
