import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { CanvassError } from '../../errors/canvass-error.js';
import { accessibleSvg } from './accessible-svg.js';
import { planBarChart } from './bar-chart-plan.js';
import { planBenchmarkChart } from './benchmark-chart-plan.js';
import type { BarChartInput, BenchmarkChartInput } from './chart-model.js';
import type { ChartPlan } from './chart-plan.js';
import { useArialMetrics } from './text-layout.js';

/** A compiled chart shape: its Vega view, and the render queued last on it. */
interface Shape {
  view: vega.View;
  queue: Promise<unknown>;
}

/**
 * Renders charts to SVG strings in Node, with no browser and no canvas. Compiling a Vega-Lite
 * spec and parsing it into a Vega view is most of the cost of a first chart, so each chart
 * shape is compiled once and its view kept: the next chart of that shape only swaps the
 * data and signals and re-runs the dataflow. Renders on one view are queued, as a view holds
 * one chart's data at a time; charts of different shapes render independently.
 */
export class ChartRenderer {
  readonly #shapes = new Map<string, Shape>();

  constructor() {
    useArialMetrics();
  }

  /** Horizontal bars of percentages; see {@link BarChartInput}. */
  async barChart(input: BarChartInput): Promise<string> {
    return this.render(planBarChart(input));
  }

  /** An organisation's figures against the sector's median and middle half; see {@link BenchmarkChartInput}. */
  async benchmarkChart(input: BenchmarkChartInput): Promise<string> {
    return this.render(planBenchmarkChart(input));
  }

  /** How many chart shapes have been compiled (each once). */
  get compiledShapes(): number {
    return this.#shapes.size;
  }

  /** Lets go of every compiled view. */
  clear(): void {
    for (const shape of this.#shapes.values()) shape.view.finalize();
    this.#shapes.clear();
  }

  /** Any chart plan; {@link barChart} and {@link benchmarkChart} make the plans of the charts reports use. */
  async render(plan: ChartPlan): Promise<string> {
    const shape = this.#shape(plan);
    const rendered = shape.queue.then(() => draw(shape.view, plan));
    shape.queue = rendered.catch(() => undefined);
    return rendered;
  }

  #shape(plan: ChartPlan): Shape {
    let shape = this.#shapes.get(plan.shapeKey);
    if (!shape) {
      const vegaSpec = compile(plan.spec() as unknown as TopLevelSpec, { logger: strictLogger }).spec as unknown as Record<string, unknown>;
      const view = new vega.View(vega.parse(vegaSpec as vega.Spec), { renderer: 'none', logLevel: vega.Error });
      shape = { view, queue: Promise.resolve() };
      this.#shapes.set(plan.shapeKey, shape);
    }
    return shape;
  }
}

/**
 * Vega-Lite warns, and carries on, when a spec asks for something it then ignores (a row
 * height it drops, a channel a mark cannot use): here that is a mistake in a chart's spec,
 * found the first time the shape is drawn instead of as a subtly wrong chart.
 */
const strictLogger: vega.LoggerInterface = {
  level(this: vega.LoggerInterface, level?: number) {
    return level === undefined ? vega.Warn : this;
  },
  error(...args: readonly unknown[]) {
    throw new CanvassError('internal', `Vega-Lite could not compile a chart: ${args.join(' ')}`);
  },
  warn(...args: readonly unknown[]) {
    throw new CanvassError('internal', `Vega-Lite warned about a chart spec: ${args.join(' ')}`);
  },
  info() {
    return strictLogger;
  },
  debug() {
    return strictLogger;
  },
} as vega.LoggerInterface;

async function draw(view: vega.View, plan: ChartPlan): Promise<string> {
  for (const [name, value] of Object.entries(plan.signals)) view.signal(name, value as vega.SignalValue);
  // Vega marks the tuples it ingests, so it gets copies: a caller's objects stay as they were.
  for (const [name, rows] of Object.entries(plan.datasets)) view.data(name, rows.map((row) => ({ ...row })));
  // Autosizing only grows a view unless asked again: without this a chart would keep the
  // margins of a wider one drawn before it on the same view, and differ from a fresh render.
  view.resize();
  const svg = await view.toSVG();
  return accessibleSvg(svg, plan);
}

const sharedRenderer = new ChartRenderer();

/** A bar chart as an accessible SVG string, on a renderer shared by the process. */
export function renderBarChart(input: BarChartInput): Promise<string> {
  return sharedRenderer.barChart(input);
}

/** A benchmark overview chart as an accessible SVG string, on a renderer shared by the process. */
export function renderBenchmarkChart(input: BenchmarkChartInput): Promise<string> {
  return sharedRenderer.benchmarkChart(input);
}
