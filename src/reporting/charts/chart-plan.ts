/**
 * What the renderer needs to draw one chart: the Vega-Lite spec of its shape (the same for
 * every chart of that shape, so it is compiled once) and the values that change from chart to
 * chart — datasets and signals — plus what the SVG says about itself to assistive technology.
 */
export interface ChartPlan {
  /** Charts with equal keys have equal specs: the renderer compiles a key once and reuses its view. */
  shapeKey: string;
  /** The Vega-Lite spec of the shape; called only when the key is new. */
  spec: () => Record<string, unknown>;
  datasets: Record<string, readonly object[]>;
  signals: Record<string, unknown>;
  title: string;
  description: string;
  /** Prefix of the SVG's own ids. */
  id: string;
}
