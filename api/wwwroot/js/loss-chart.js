// The loss against the iteration, on a log scale, one curve per run.

import { attachHover, clearChart, niceTicks, pathData, powerOfTenLabel, scale, svgEl, tickLabel } from "./svg.js";
import { formatNumber } from "./format.js";

const MARGIN = { top: 14, right: 18, bottom: 42, left: 62 };

/**
 * Draws runs = [{ key, label, points: [{ iteration, loss }] }] on a log scale: the loss itself, or with
 * `gap` the gap to the lowest loss seen, the f(x_k) − f* of the textbooks, which shows how fast a run
 * converges when the minimum is not 0. A loss that goes below 0 (x'Mx + a'x does) is always shown as
 * the gap. The drawing is sized to the element, so its text stays legible on a phone. Returns a
 * sentence describing the chart, for assistive technology.
 */
export function drawLossChart(svg, runs, { gap: gapWanted = false } = {}) {
  clearChart(svg);
  const WIDTH = Math.round(Math.min(760, Math.max(300, svg.getBoundingClientRect().width || 640)));
  const HEIGHT = Math.round(Math.min(320, Math.max(230, WIDTH * 0.46)));
  svg.setAttribute("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
  const finite = runs.flatMap((run) => run.points.map((p) => p.loss)).filter((v) => Number.isFinite(v));
  if (finite.length === 0) {
    svgEl("text", { x: WIDTH / 2, y: HEIGHT / 2, "text-anchor": "middle", class: "chart__empty" }, svg, "No run yet.");
    return "No run yet.";
  }

  const lowest = Math.min(...finite);
  const gap = gapWanted || lowest < 0;
  const shown = (loss) => (gap ? loss - lowest : loss);
  const positive = finite.map(shown).filter((v) => v > 0);
  let yMin = positive.length > 0 ? Math.floor(Math.log10(Math.min(...positive))) : -1;
  let yMax = positive.length > 0 ? Math.ceil(Math.log10(Math.max(...positive))) : 0;
  if (yMax <= yMin) {
    yMax = yMin + 1;
  }
  const lastIteration = Math.max(1, ...runs.flatMap((run) => run.points.map((p) => p.iteration)));

  const left = MARGIN.left;
  const right = WIDTH - MARGIN.right;
  const top = MARGIN.top;
  const bottom = HEIGHT - MARGIN.bottom;
  const x = scale(0, lastIteration, left, right);
  const y = scale(yMin, yMax, bottom, top);
  const yOf = (loss) => {
    const v = shown(loss);
    return v > 0 ? y(Math.log10(v)) : bottom;
  };

  const grid = svgEl("g", { class: "chart__grid" }, svg);
  const axes = svgEl("g", { class: "chart__axes" }, svg);

  const decades = yMax - yMin;
  const every = Math.max(1, Math.ceil(decades / (HEIGHT < 280 ? 5 : 7)));
  for (let k = yMin; k <= yMax; k += every) {
    svgEl("line", { x1: left, x2: right, y1: y(k), y2: y(k) }, grid);
    powerOfTenLabel(axes, k, { x: left - 8, y: y(k) + 4, "text-anchor": "end" });
  }
  for (const t of niceTicks(0, lastIteration, WIDTH < 480 ? 4 : 6).filter((t) => Number.isInteger(t))) {
    svgEl("line", { x1: x(t), x2: x(t), y1: top, y2: bottom }, grid);
    svgEl("text", { x: x(t), y: bottom + 18, "text-anchor": "middle" }, axes, tickLabel(t));
  }
  svgEl("line", { x1: left, x2: right, y1: bottom, y2: bottom, class: "chart__axis" }, axes);
  svgEl("line", { x1: left, x2: left, y1: top, y2: bottom, class: "chart__axis" }, axes);
  svgEl("text", { x: (left + right) / 2, y: HEIGHT - 6, "text-anchor": "middle", class: "chart__label" }, axes, "iteration");
  svgEl("text", { x: 14, y: (top + bottom) / 2, "text-anchor": "middle", class: "chart__label", transform: `rotate(-90 14 ${(top + bottom) / 2})` },
    axes, gap ? `loss − lowest seen (${formatNumber(lowest)})` : "loss");

  const sentences = [];
  for (const run of runs) {
    const points = run.points
      .filter((p) => Number.isFinite(p.loss))
      .map((p) => [x(p.iteration), yOf(p.loss)]);
    if (points.length === 0) {
      continue;
    }
    svgEl("path", { d: pathData(points), class: `series series--${run.key}`, "data-run": run.key }, svg);
    const [lx, ly] = points[points.length - 1];
    svgEl("circle", { cx: lx, cy: ly, r: 3.5, class: `series-end series-end--${run.key}` }, svg);
    const first = run.points.find((p) => Number.isFinite(p.loss));
    const last = run.points.findLast((p) => Number.isFinite(p.loss));
    sentences.push(`${run.label}: from ${formatNumber(first.loss)} to ${formatNumber(last.loss)} by iteration ${last.iteration}.`);
  }
  attachHover(svg, { left, top, width: right - left, height: bottom - top }, (sx) => {
    const iteration = ((sx - left) / (right - left)) * lastIteration;
    const lines = [];
    const marks = [];
    for (const run of runs) {
      const nearest = nearestPoint(run.points, iteration);
      if (!nearest) {
        continue;
      }
      const label = runs.length > 1 ? `${run.label.split(" ")[0]}: ` : "";
      lines.push(`${label}iteration ${nearest.iteration}, loss ${formatNumber(nearest.loss)}`);
      marks.push([x(nearest.iteration), yOf(nearest.loss), `hover__mark--${run.key}`]);
    }
    return lines.length === 0 ? null : { at: marks[0].slice(0, 2), lines, marks };
  });
  return `${gap ? "Loss minus the lowest loss seen" : "Loss"}, log scale, against iteration. ${sentences.join(" ")}`;
}

/** The recorded point whose iteration is closest to `iteration` (the history is downsampled, so not every one is there). */
function nearestPoint(points, iteration) {
  let best = null;
  for (const p of points) {
    if (Number.isFinite(p.loss) && (best === null || Math.abs(p.iteration - iteration) < Math.abs(best.iteration - iteration))) {
      best = p;
    }
  }
  return best;
}
