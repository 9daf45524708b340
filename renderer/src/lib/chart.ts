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
  MarkLineComponent,
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
  DataZoomComponent,
  CanvasRenderer,
]);

export type ChartOption = EChartsCoreOption;

export interface ChartParams {
  option: ChartOption;
  /** Components replaced (not merged) on update, so removed topics disappear. */
  replace?: string[];
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
