// The one ECharts action every panel uses: init on mount, merge option updates in place
// (series matched by id, so nothing is rebuilt), follow the element's size, and dispose
// on destroy so a wall that runs for weeks does not leak charts.
import type { Action } from 'svelte/action';
import * as echarts from 'echarts/core';
import { HeatmapChart, LineChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([
  LineChart,
  HeatmapChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  MarkLineComponent,
  MarkAreaComponent,
  MarkPointComponent,
  DataZoomComponent,
  CanvasRenderer,
]);

export type ChartOption = EChartsCoreOption;

export interface ChartParams {
  option: ChartOption;
  /** Components replaced (not merged) on update, so removed topics disappear. */
  replace?: string[];
  /** A click on a drawn item (a heat cell, a point): its series id and data. */
  onitem?: (item: { seriesId: string; data: unknown }) => void;
  /** A click anywhere inside the first grid: the axis values under the pointer. */
  ongrid?: (value: [number, number]) => void;
}

export const chart: Action<HTMLElement, ChartParams> = (node, params) => {
  const instance = echarts.init(node, null, { renderer: 'canvas' });
  let current = params;
  instance.setOption(current.option, { replaceMerge: current.replace ?? ['series'] });

  // Resize on the next frame: ResizeObserver callbacks that resize synchronously can loop.
  let frame = 0;
  const observer = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => instance.resize());
  });
  observer.observe(node);

  // End-to-end tests find a point's pixel through the instance (to click a volume spike).
  Object.defineProperty(node, 'echartsInstance', { value: instance, configurable: true });

  // Drill-down: the handlers read `current`, so an update may change them.
  instance.on('click', (p) => {
    const e = p as { seriesId?: string; data?: unknown };
    current.onitem?.({ seriesId: e.seriesId ?? '', data: e.data });
  });
  instance.getZr().on('click', (e) => {
    if (!current.ongrid) return;
    const px = [e.offsetX, e.offsetY];
    if (!instance.containPixel({ gridIndex: 0 }, px)) return;
    const v = instance.convertFromPixel({ gridIndex: 0 }, px) as number[];
    if (Array.isArray(v) && v.length >= 2) current.ongrid([v[0]!, v[1]!]);
  });

  return {
    update(next) {
      if (next === current) return;
      current = next;
      instance.setOption(next.option, { replaceMerge: next.replace ?? ['series'], lazyUpdate: true });
    },
    destroy() {
      cancelAnimationFrame(frame);
      observer.disconnect();
      instance.dispose();
    },
  };
};
