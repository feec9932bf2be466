// The loss over two unknowns as a contour plot (marching squares on the API's grid, in the log of the
// loss above its minimum, where the levels are evenly spaced, joined into one line per level), with
// each run's path on top, the gradient where a stepped run stands, and a read-out under the pointer.
// Both axes share one scale, so the gradient meets the contours at right angles on screen as on paper.

import { attachHover, clearChart, niceTicks, pathData, scale, svgEl, tickLabel } from "./svg.js";
import { formatNumber } from "./format.js";

const MARGIN = { top: 12, right: 16, bottom: 44, left: 58 };
const LEVELS = 14;

/** A position that can be drawn: [x, y], both finite. */
const isPlanePoint = (p) => Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1]);

/**
 * A square window around every point of every path, with a margin: { x: [min, max], y: [min, max] }.
 * `minimumHalf` keeps it from closing in on a path of a step or two, where the contours would be
 * straight lines.
 */
export function frameAround(points, minimumHalf = 0) {
  const finite = points.filter(isPlanePoint);
  if (finite.length === 0) {
    return null;
  }
  const xs = finite.map((p) => p[0]);
  const ys = finite.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const centre = [(x0 + x1) / 2, (y0 + y1) / 2];
  const size = Math.max(x1 - x0, y1 - y0);
  const half = Math.max(minimumHalf, size > 0 ? size * 0.65 : Math.max(1, Math.abs(centre[0]), Math.abs(centre[1])) * 0.5);
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
 * The field the contours are traced in: log(loss − min + soft). The levels are spaced evenly in this
 * log, and interpolating along a cell's edge in it (not in the loss itself) puts each crossing where
 * the loss really crosses: on a steep wall (Rosenbrock's valley) the loss grows a hundredfold across
 * one cell, and straight-line interpolation of the raw values pushed every level to the cell's far
 * corner, which drew the wall as a staircase of short marks.
 */
export function logField(values, min, max) {
  const soft = Math.max((max - min) * 1e-5, Number.MIN_VALUE);
  const t = (v) => Math.log(v - min + soft);
  return {
    values: values.map((row) => row.map((v) => (v === null || !Number.isFinite(v) ? null : t(v)))),
    level: t,
  };
}

/**
 * Marching squares: the segments where the field crosses `level`, each as { a, b, from, to } with a and b
 * the points [x, y] in the grid's units, linearly interpolated along the cell's edges, and from/to the
 * keys of those edges (shared by the two cells either side, so segments can be joined into lines).
 * values[j][i] is the field at (xs[i], ys[j]); cells touching a missing (null) value are skipped.
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
        bottom: () => ({ point: [xs[i] + (xs[i + 1] - xs[i]) * at(v00, v10), ys[j]], key: `h${i},${j}` }),
        right: () => ({ point: [xs[i + 1], ys[j] + (ys[j + 1] - ys[j]) * at(v10, v11)], key: `v${i + 1},${j}` }),
        top: () => ({ point: [xs[i] + (xs[i + 1] - xs[i]) * at(v01, v11), ys[j + 1]], key: `h${i},${j + 1}` }),
        left: () => ({ point: [xs[i], ys[j] + (ys[j + 1] - ys[j]) * at(v00, v01)], key: `v${i},${j}` }),
      };
      const centreAbove = (v00 + v10 + v11 + v01) / 4 > level;
      for (const [a, b] of CASES[code](centreAbove)) {
        const from = edge[a]();
        const to = edge[b]();
        segments.push({ a: from.point, b: to.point, from: from.key, to: to.key });
      }
    }
  }
  return segments;
}

/**
 * Joins marching-squares segments that meet on a cell edge into polylines (lists of points), so each
 * contour is drawn as one stroke with proper joins instead of a dust of separate two-point dashes.
 */
export function stitch(segments) {
  const byKey = new Map();
  const link = (key, index) => {
    const list = byKey.get(key);
    if (list) {
      list.push(index);
    } else {
      byKey.set(key, [index]);
    }
  };
  segments.forEach((s, index) => {
    link(s.from, index);
    link(s.to, index);
  });
  const used = new Uint8Array(segments.length);
  const lines = [];
  // Walks from a segment's end key through unused neighbours, appending their far ends.
  const extend = (line, key) => {
    for (;;) {
      const next = (byKey.get(key) ?? []).find((n) => !used[n]);
      if (next === undefined) {
        return;
      }
      used[next] = 1;
      const s = segments[next];
      const forward = s.from === key;
      line.push(forward ? s.b : s.a);
      key = forward ? s.to : s.from;
    }
  };
  segments.forEach((s, index) => {
    if (used[index]) {
      return;
    }
    used[index] = 1;
    const ahead = [s.a, s.b];
    extend(ahead, s.to);
    const behind = [];
    extend(behind, s.from);
    lines.push([...behind.reverse(), ...ahead]);
  });
  return lines;
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

/** Bilinear interpolation of the grid at (px, py); null outside it or next to a missing value. */
export function valueAt(landscape, px, py) {
  const { xs, ys, values } = landscape;
  const fi = ((px - xs[0]) / (xs[xs.length - 1] - xs[0])) * (xs.length - 1);
  const fj = ((py - ys[0]) / (ys[ys.length - 1] - ys[0])) * (ys.length - 1);
  if (!(fi >= 0 && fi <= xs.length - 1 && fj >= 0 && fj <= ys.length - 1)) {
    return null;
  }
  const i = Math.min(xs.length - 2, Math.floor(fi));
  const j = Math.min(ys.length - 2, Math.floor(fj));
  const u = fi - i;
  const v = fj - j;
  const corners = [values[j][i], values[j][i + 1], values[j + 1][i], values[j + 1][i + 1]];
  if (corners.some((c) => c === null || !Number.isFinite(c))) {
    return null;
  }
  return (corners[0] * (1 - u) + corners[1] * u) * (1 - v) + (corners[2] * (1 - u) + corners[3] * u) * v;
}

// Low loss deep, high loss pale: a calm green-grey ramp that leaves the paths' colours the strongest.
const RAMP = [
  [0, [150, 196, 176]],
  [0.45, [208, 229, 216]],
  [1, [248, 249, 245]],
];

function rampRgb(t) {
  const u = Math.min(1, Math.max(0, t));
  for (let k = 1; k < RAMP.length; k++) {
    const [t1, c1] = RAMP[k];
    const [t0, c0] = RAMP[k - 1];
    if (u <= t1) {
      const f = (u - t0) / (t1 - t0);
      return c0.map((v, n) => Math.round(v + (c1[n] - v) * f));
    }
  }
  return RAMP[RAMP.length - 1][1];
}

/**
 * The shading under the contours as one smoothly scaled image (a pixel per grid point, stretched by the
 * browser with bilinear filtering), where a rectangle per grid point drew a blocky staircase along
 * steep walls. Null where the page cannot make a canvas.
 */
function shadingImage(landscape, shade) {
  const { xs, ys, values } = landscape;
  const canvas = document.createElement("canvas");
  canvas.width = xs.length;
  canvas.height = ys.length;
  const context = canvas.getContext("2d");
  if (!context) {
    return null;
  }
  const image = context.createImageData(xs.length, ys.length);
  for (let j = 0; j < ys.length; j++) {
    for (let i = 0; i < xs.length; i++) {
      const v = values[j][i];
      const at = ((ys.length - 1 - j) * xs.length + i) * 4;
      if (v === null || !Number.isFinite(v)) {
        continue;
      }
      const [r, g, b] = rampRgb(shade(v));
      image.data.set([r, g, b, 255], at);
    }
  }
  context.putImageData(image, 0, 0);
  return canvas.toDataURL("image/png");
}

/**
 * Draws the frame ({ x: [..], y: [..] }), the landscape when there is one ({ xs, ys, values, min, max },
 * the API's answer), and runs = [{ key, label, points: [{ position: [x, y] }], gradient?: [gx, gy] }], with
 * axes named `axes`. A run's gradient, where given, is drawn at its last point as an arrow along −∇L.
 * Hovering (or touching) the plot shows the coordinates there and the loss, interpolated from the grid.
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
  const [xName, yName] = axes ?? ["x", "y"];

  const clipId = `${svg.id}-clip`;
  const defs = svgEl("defs", {}, svg);
  const clip = svgEl("clipPath", { id: clipId }, defs);
  svgEl("rect", { x: left, y: top, width: SIDE, height: SIDE }, clip);
  const marker = svgEl("marker", { id: `${svg.id}-arrow`, viewBox: "0 0 10 10", refX: 8, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" }, defs);
  svgEl("path", { d: "M0 0L10 5L0 10z", class: "gradient-head" }, marker);
  svgEl("rect", { x: left, y: top, width: SIDE, height: SIDE, class: "contour__ground" }, svg);

  const plot = svgEl("g", { "clip-path": `url(#${clipId})` }, svg);
  let levelCount = 0;
  const grid = landscape && landscape.xs?.length > 1 && landscape.ys?.length > 1 ? landscape : null;
  if (grid) {
    const { xs, ys, values } = grid;
    const finite = values.flat().filter((v) => v !== null && Number.isFinite(v));
    const min = grid.min ?? Math.min(...finite);
    const max = grid.max ?? Math.max(...finite);
    const soft = Math.max((max - min) * 1e-3, Number.MIN_VALUE);
    const shade = (v) => Math.log1p((v - min) / soft) / Math.log1p((max - min) / soft || 1);

    const dx = (xs[xs.length - 1] - xs[0]) / (xs.length - 1);
    const dy = (ys[ys.length - 1] - ys[0]) / (ys.length - 1);
    const href = shadingImage(grid, shade);
    if (href) {
      const x0 = x(xs[0] - dx / 2);
      const y0 = y(ys[ys.length - 1] + dy / 2);
      svgEl("image", {
        href, x: x0.toFixed(1), y: y0.toFixed(1), width: (x(xs[xs.length - 1] + dx / 2) - x0).toFixed(1),
        height: (y(ys[0] - dy / 2) - y0).toFixed(1), preserveAspectRatio: "none", class: "contour__heat",
      }, plot);
    }

    const lines = svgEl("g", { class: "contour__lines" }, plot);
    const field = logField(values, min, max);
    for (const level of contourLevels(min, max)) {
      const polylines = stitch(isolines(xs, ys, field.values, field.level(level)));
      if (polylines.length === 0) {
        continue;
      }
      levelCount++;
      const d = polylines.map((line) => pathData(line.map(([px, py]) => [x(px), y(py)]))).join("");
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
    for (const [px, py] of run.stepping ? screen : []) {
      svgEl("circle", { cx: px.toFixed(1), cy: py.toFixed(1), r: 2.5, class: `path-point path-end--${run.key}` }, plot);
    }
    const [sx, sy] = screen[0];
    const [ex, ey] = screen[screen.length - 1];
    svgEl("circle", { cx: sx, cy: sy, r: 4.5, class: `path-start path-start--${run.key}` }, plot);
    svgEl("circle", { cx: ex, cy: ey, r: 4, class: `path-end path-end--${run.key}` }, plot);
    const last = positions[positions.length - 1];
    sentences.push(`${run.label} goes from (${positions[0].map((v) => formatNumber(v)).join(", ")}) to (${last.map((v) => formatNumber(v)).join(", ")}).`);
    const g = run.gradient;
    const norm = g ? Math.hypot(g[0], g[1]) : 0;
    if (norm > 0 && Number.isFinite(norm)) {
      // The arrow's direction is −∇L on screen (both axes share a scale); its length is fixed, since
      // ‖∇L‖ ranges over many decades and is given in words instead.
      const length = SIDE * 0.16;
      const [ux, uy] = [-g[0] / norm, g[1] / norm];
      const arrow = svgEl("line", {
        x1: ex.toFixed(1), y1: ey.toFixed(1), x2: (ex + ux * length).toFixed(1), y2: (ey + uy * length).toFixed(1),
        class: `gradient gradient--${run.key}`, "marker-end": `url(#${svg.id}-arrow)`, "data-run": run.key,
      }, plot);
      const sentence = `−∇L at (${last.map((v) => formatNumber(v)).join(", ")}) is (${g.map((v) => formatNumber(-v)).join(", ")}), ‖∇L‖ = ${formatNumber(norm)}.`;
      svgEl("title", {}, arrow, sentence);
      sentences.push(sentence);
    }
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
  svgEl("text", { x: left + SIDE / 2, y: HEIGHT - 6, "text-anchor": "middle", class: "chart__label chart__label--math" }, frameAxes, xName);
  svgEl("text", { x: 14, y: top + SIDE / 2, "text-anchor": "middle", class: "chart__label chart__label--math", transform: `rotate(-90 14 ${top + SIDE / 2})` }, frameAxes, yName);

  attachHover(svg, { left, top, width: SIDE, height: SIDE }, (sx, sy) => {
    const px = frame.x[0] + ((sx - left) / SIDE) * (frame.x[1] - frame.x[0]);
    const py = frame.y[0] + ((top + SIDE - sy) / SIDE) * (frame.y[1] - frame.y[0]);
    const f = grid ? valueAt(grid, px, py) : null;
    return {
      at: [sx, sy],
      lines: [`${xName} = ${formatNumber(px)}, ${yName} = ${formatNumber(py)}`, f === null ? "f: contours not drawn yet" : `f ≈ ${formatNumber(f)}`],
    };
  });

  const contours = levelCount > 0 ? `${levelCount} contour lines of the loss over ${xName} and ${yName}.` : `The paths over ${xName} and ${yName}; contours follow when the runs end.`;
  return `${contours} ${sentences.join(" ")}`;
}
