// The loss over two unknowns as a contour plot (marching squares on the API's grid, levels spaced
// logarithmically above the minimum), with each run's path on top. Both axes share one scale, so the
// gradient meets the contours at right angles on screen as it does on paper.

import { clearChart, niceTicks, pathData, scale, svgEl, tickLabel } from "./svg.js";
import { formatNumber } from "./format.js";

const MARGIN = { top: 12, right: 16, bottom: 44, left: 58 };
const LEVELS = 14;

/** A position that can be drawn: [x, y], both finite. */
const isPlanePoint = (p) => Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1]);

/** A square window around every point of every path, with a margin: { x: [min, max], y: [min, max] }. */
export function frameAround(points) {
  const finite = points.filter(isPlanePoint);
  if (finite.length === 0) {
    return null;
  }
  const xs = finite.map((p) => p[0]);
  const ys = finite.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const centre = [(x0 + x1) / 2, (y0 + y1) / 2];
  const size = Math.max(x1 - x0, y1 - y0);
  const half = size > 0 ? size * 0.65 : Math.max(1, Math.abs(centre[0]), Math.abs(centre[1])) * 0.5;
  return { x: [centre[0] - half, centre[0] + half], y: [centre[1] - half, centre[1] + half] };
}

/** Contour levels above the grid's minimum, spaced evenly in log(loss − min). */
export function contourLevels(min, max, count = LEVELS) {
  const range = max - min;
  if (!(range > 0)) {
    return [];
  }
  const low = range * 2e-4;
  const high = range * 0.9;
  const ratio = (high / low) ** (1 / (count - 1));
  return Array.from({ length: count }, (_, k) => min + low * ratio ** k);
}

/**
 * Marching squares: the segments where the loss crosses `level`, as [x1, y1, x2, y2] in the grid's units.
 * values[j][i] is the loss at (xs[i], ys[j]); cells touching a missing (null) value are skipped.
 * Saddles are resolved by the value at the cell's centre.
 */
export function isolines(xs, ys, values, level) {
  const segments = [];
  for (let j = 0; j + 1 < ys.length; j++) {
    for (let i = 0; i + 1 < xs.length; i++) {
      const v00 = values[j][i];
      const v10 = values[j][i + 1];
      const v11 = values[j + 1][i + 1];
      const v01 = values[j + 1][i];
      if (v00 === null || v10 === null || v11 === null || v01 === null) {
        continue;
      }
      const code = (v00 > level ? 1 : 0) | (v10 > level ? 2 : 0) | (v11 > level ? 4 : 0) | (v01 > level ? 8 : 0);
      if (code === 0 || code === 15) {
        continue;
      }
      const at = (a, b) => (level - a) / (b - a);
      const edge = {
        bottom: () => [xs[i] + (xs[i + 1] - xs[i]) * at(v00, v10), ys[j]],
        right: () => [xs[i + 1], ys[j] + (ys[j + 1] - ys[j]) * at(v10, v11)],
        top: () => [xs[i] + (xs[i + 1] - xs[i]) * at(v01, v11), ys[j + 1]],
        left: () => [xs[i], ys[j] + (ys[j + 1] - ys[j]) * at(v00, v01)],
      };
      const centreAbove = (v00 + v10 + v11 + v01) / 4 > level;
      for (const [a, b] of CASES[code](centreAbove)) {
        segments.push([...edge[a](), ...edge[b]()]);
      }
    }
  }
  return segments;
}

// Corner bits: 1 = (i, j), 2 = (i+1, j), 4 = (i+1, j+1), 8 = (i, j+1); a set bit is above the level.
const CASES = [
  () => [],
  () => [["left", "bottom"]],
  () => [["bottom", "right"]],
  () => [["left", "right"]],
  () => [["right", "top"]],
  (c) => (c ? [["bottom", "right"], ["left", "top"]] : [["left", "bottom"], ["right", "top"]]),
  () => [["bottom", "top"]],
  () => [["left", "top"]],
  () => [["left", "top"]],
  () => [["bottom", "top"]],
  (c) => (c ? [["left", "bottom"], ["right", "top"]] : [["bottom", "right"], ["left", "top"]]),
  () => [["right", "top"]],
  () => [["left", "right"]],
  () => [["bottom", "right"]],
  () => [["left", "bottom"]],
  () => [],
];

// Low loss deep, high loss pale: a calm green-grey ramp that leaves the paths' colours the strongest.
const RAMP = [
  [0, [150, 196, 176]],
  [0.45, [208, 229, 216]],
  [1, [248, 249, 245]],
];

function rampColour(t) {
  const u = Math.min(1, Math.max(0, t));
  for (let k = 1; k < RAMP.length; k++) {
    const [t1, c1] = RAMP[k];
    const [t0, c0] = RAMP[k - 1];
    if (u <= t1) {
      const f = (u - t0) / (t1 - t0);
      const c = c0.map((v, n) => Math.round(v + (c1[n] - v) * f));
      return `rgb(${c[0]} ${c[1]} ${c[2]})`;
    }
  }
  return "rgb(248 249 245)";
}

/**
 * Draws the frame ({ x: [..], y: [..] }), the landscape when there is one ({ xs, ys, values, min, max },
 * the API's answer), and runs = [{ key, label, points: [{ position: [x, y] }] }], with axes named `axes`.
 * Returns a sentence describing the plot.
 */
export function drawContour(svg, { frame, landscape, runs, axes }) {
  clearChart(svg);
  // Sized to the element (a square plot of at most 420 px), so the text stays legible on a phone.
  const available = Math.round(svg.getBoundingClientRect().width || 480);
  const SIDE = Math.max(200, Math.min(420, available - MARGIN.left - MARGIN.right));
  const WIDTH = SIDE + MARGIN.left + MARGIN.right;
  const HEIGHT = SIDE + MARGIN.top + MARGIN.bottom;
  svg.setAttribute("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
  const left = MARGIN.left;
  const top = MARGIN.top;
  const x = scale(frame.x[0], frame.x[1], left, left + SIDE);
  const y = scale(frame.y[0], frame.y[1], top + SIDE, top);

  const clipId = `${svg.id}-clip`;
  const defs = svgEl("defs", {}, svg);
  const clip = svgEl("clipPath", { id: clipId }, defs);
  svgEl("rect", { x: left, y: top, width: SIDE, height: SIDE }, clip);
  svgEl("rect", { x: left, y: top, width: SIDE, height: SIDE, class: "contour__ground" }, svg);

  const plot = svgEl("g", { "clip-path": `url(#${clipId})` }, svg);
  let levelCount = 0;
  if (landscape && landscape.xs?.length > 1 && landscape.ys?.length > 1) {
    const { xs, ys, values } = landscape;
    const finite = values.flat().filter((v) => v !== null && Number.isFinite(v));
    const min = landscape.min ?? Math.min(...finite);
    const max = landscape.max ?? Math.max(...finite);
    const soft = Math.max((max - min) * 1e-3, Number.MIN_VALUE);
    const shade = (v) => Math.log1p((v - min) / soft) / Math.log1p((max - min) / soft || 1);

    const heat = svgEl("g", { class: "contour__heat" }, plot);
    const dx = (xs[xs.length - 1] - xs[0]) / (xs.length - 1);
    const dy = (ys[ys.length - 1] - ys[0]) / (ys.length - 1);
    const w = Math.abs(x(dx) - x(0)) + 0.6;
    const h = Math.abs(y(dy) - y(0)) + 0.6;
    for (let j = 0; j < ys.length; j++) {
      for (let i = 0; i < xs.length; i++) {
        const v = values[j][i];
        if (v === null || !Number.isFinite(v)) {
          continue;
        }
        svgEl("rect", { x: (x(xs[i]) - w / 2).toFixed(1), y: (y(ys[j]) - h / 2).toFixed(1), width: w.toFixed(1), height: h.toFixed(1), fill: rampColour(shade(v)) }, heat);
      }
    }

    const lines = svgEl("g", { class: "contour__lines" }, plot);
    for (const level of contourLevels(min, max)) {
      const segments = isolines(xs, ys, values, level);
      if (segments.length === 0) {
        continue;
      }
      levelCount++;
      const d = segments.map(([x1, y1, x2, y2]) => `M${x(x1).toFixed(1)} ${y(y1).toFixed(1)}L${x(x2).toFixed(1)} ${y(y2).toFixed(1)}`).join("");
      svgEl("path", { d, "data-level": level }, lines, null).appendChild(svgEl("title", {}, null, `loss = ${formatNumber(level)}`));
    }
  }

  const sentences = [];
  for (const run of runs) {
    const positions = run.points.map((p) => p.position).filter(isPlanePoint);
    if (positions.length === 0) {
      continue;
    }
    const screen = positions.map((p) => [x(p[0]), y(p[1])]);
    const path = svgEl("path", { d: pathData(screen), class: `path path--${run.key}`, "data-run": run.key }, plot);
    svgEl("title", {}, path, run.label);
    const [sx, sy] = screen[0];
    const [ex, ey] = screen[screen.length - 1];
    svgEl("circle", { cx: sx, cy: sy, r: 4.5, class: `path-start path-start--${run.key}` }, plot);
    svgEl("circle", { cx: ex, cy: ey, r: 4, class: `path-end path-end--${run.key}` }, plot);
    const last = positions[positions.length - 1];
    sentences.push(`${run.label} goes from (${positions[0].map((v) => formatNumber(v)).join(", ")}) to (${last.map((v) => formatNumber(v)).join(", ")}).`);
  }

  const frameAxes = svgEl("g", { class: "chart__axes" }, svg);
  svgEl("rect", { x: left, y: top, width: SIDE, height: SIDE, class: "chart__frame" }, frameAxes);
  for (const t of niceTicks(frame.x[0], frame.x[1], 5)) {
    svgEl("line", { x1: x(t), x2: x(t), y1: top + SIDE, y2: top + SIDE + 5, class: "chart__axis" }, frameAxes);
    svgEl("text", { x: x(t), y: top + SIDE + 18, "text-anchor": "middle" }, frameAxes, tickLabel(t));
  }
  for (const t of niceTicks(frame.y[0], frame.y[1], 5)) {
    svgEl("line", { x1: left - 5, x2: left, y1: y(t), y2: y(t), class: "chart__axis" }, frameAxes);
    svgEl("text", { x: left - 8, y: y(t) + 4, "text-anchor": "end" }, frameAxes, tickLabel(t));
  }
  const [xName, yName] = axes ?? ["x", "y"];
  svgEl("text", { x: left + SIDE / 2, y: HEIGHT - 6, "text-anchor": "middle", class: "chart__label chart__label--math" }, frameAxes, xName);
  svgEl("text", { x: 14, y: top + SIDE / 2, "text-anchor": "middle", class: "chart__label chart__label--math", transform: `rotate(-90 14 ${top + SIDE / 2})` }, frameAxes, yName);

  const contours = levelCount > 0 ? `${levelCount} contour lines of the loss over ${xName} and ${yName}.` : `The paths over ${xName} and ${yName}; contours follow when the runs end.`;
  return `${contours} ${sentences.join(" ")}`;
}
