// The trend charts are drawn by uPlot: small (about 50 KB, no dependencies), offline, fast on ten
// years of months, well kept, and it leaves the page's prototypes alone (the app freezes them, which
// d3-based chart kits such as LayerCake trip over at load). Canvas charts are read by no screen
// reader: every chart has its table beside it.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

import type { Chart } from './series';

const INK = '#1f3b44';
/** Each drawn series' look: the first are bars; lines differ by dash and by point shape, so the
 *  chart reads in black and white on paper, not by colour alone. */
const DASHES: number[][] = [[], [], [6, 4], [2, 3]];
/** The key's picture of each series, matching DASHES. */
export const MARKS = ['▮', '—●', '– –', '···'];

export interface Plot {
  chart: Chart;
  data: (number | null)[][];
  labels: string[];
}

function options(p: Plot, width: number, height: number): uPlot.Options {
  const { chart, labels } = p;
  const first = chart.series[chart.drawn[0]];
  const tick = first.tick ?? first.text;
  return {
    width,
    height,
    legend: { show: false },
    // An opaque sheet under the chart: WebKitGTK prints a canvas's transparent pixels black.
    hooks: {
      drawClear: [
        (u) => {
          u.ctx.fillStyle = '#fff';
          u.ctx.fillRect(0, 0, u.ctx.canvas.width, u.ctx.canvas.height);
        },
      ],
    },
    cursor: { show: false },
    scales: {
      x: { time: false, range: () => [-0.6, Math.max(0, labels.length - 1) + 0.6] },
      y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] },
    },
    axes: [
      {
        stroke: '#222',
        grid: { show: false },
        ticks: { show: false },
        space: 56,
        incrs: [1, 2, 3, 4, 6, 12],
        values: (_u, splits) => splits.map((i) => (Number.isInteger(i) ? (labels[i] ?? '') : '')),
      },
      {
        stroke: '#222',
        grid: { stroke: '#d9d2c5', width: 1 },
        size: 56,
        // Whole steps: a count of people or meetings has no halves.
        incrs: [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6],
        values: (_u, splits) => splits.map((v) => tick(v)),
      },
    ],
    series: [
      {},
      ...chart.drawn.map((_, i): uPlot.Series => ({
        stroke: INK,
        width: i === 0 ? 1 : 2,
        fill: i === 0 ? '#7fb2bb' : undefined,
        dash: DASHES[i],
        paths: i === 0 ? uPlot.paths.bars!({ size: [0.6, 48] }) : undefined,
        points: i === 0 ? { show: false } : { show: true, size: 7, fill: i === 1 ? INK : '#fff', stroke: INK },
        spanGaps: false,
      })),
    ],
  };
}

/** Draws the chart in `node`, at its width, and again when the width or the data change. */
export function plot(node: HTMLElement, p: Plot) {
  let current = p;
  let u: uPlot | null = null;
  const draw = () => {
    u?.destroy();
    const width = Math.max(200, Math.floor(node.clientWidth));
    const height = Math.max(120, Math.floor(node.clientHeight));
    u = new uPlot(options(current, width, height), current.data as uPlot.AlignedData, node);
  };
  let lastWidth = -1;
  const resized = new ResizeObserver(() => {
    if (node.clientWidth !== lastWidth) {
      lastWidth = node.clientWidth;
      draw();
    }
  });
  resized.observe(node);
  draw();
  return {
    update(next: Plot) {
      current = next;
      draw();
    },
    destroy() {
      resized.disconnect();
      u?.destroy();
    },
  };
}
