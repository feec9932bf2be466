// Small helpers for drawing charts as SVG by hand: elements, scales and tick marks.

const SVG = "http://www.w3.org/2000/svg";

/** Creates an SVG element with attributes (and text), appended to parent when given. */
export function svgEl(name, attributes = {}, parent = null, text = null) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) {
      element.setAttribute(key, String(value));
    }
  }
  if (text !== null) {
    element.textContent = text;
  }
  parent?.appendChild(element);
  return element;
}

/** Removes everything but the accessible <title> and <desc>. */
export function clearChart(svg) {
  for (const child of [...svg.children]) {
    if (child.localName !== "title" && child.localName !== "desc") {
      child.remove();
    }
  }
}

/** Maps [d0, d1] onto [r0, r1]. */
export function scale(d0, d1, r0, r1) {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/** Round-number ticks covering [min, max], about `count` of them. */
export function niceTicks(min, max, count = 5) {
  if (!(max > min)) {
    return [min];
  }
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks = [];
  for (let v = Math.ceil(min / step - 1e-9) * step; v <= max + step * 1e-9; v += step) {
    ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  }
  return ticks;
}

/** A tick label: short, without floating-point noise. */
export function tickLabel(v) {
  if (v === 0) {
    return "0";
  }
  const abs = Math.abs(v);
  if (abs >= 1e5 || abs < 1e-3) {
    return v.toExponential(1).replace("e+", "e");
  }
  return String(Number(v.toPrecision(6)));
}

/** "10" with a superscript exponent, as an SVG <text>. */
export function powerOfTenLabel(parent, exponent, attributes) {
  const text = svgEl("text", attributes, parent);
  svgEl("tspan", {}, text, "10");
  svgEl("tspan", { dy: "-0.55em", "font-size": "0.72em" }, text, String(exponent).replace("-", "−"));
  return text;
}

/** Draws an "M x y L x y …" path through points, breaking it where a point is missing. */
export function pathData(points) {
  let d = "";
  let pen = false;
  for (const p of points) {
    if (!p) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${p[0].toFixed(1)} ${p[1].toFixed(1)}`;
    pen = true;
  }
  return d;
}

/**
 * Shows a value read-out where the pointer is over the plot area `box` ({ left, top, width, height } in
 * the viewBox's units): read(x, y) gives { at: [x, y], lines: [text, …], marks: [[x, y, class], …] } or
 * null. Touching the plot shows it too, so a phone has it. The listeners are properties, not added
 * listeners, so a redraw replaces them rather than stacking more.
 */
export function attachHover(svg, box, read) {
  const layer = svgEl("g", { class: "hover", "pointer-events": "none" }, svg);
  const hide = () => layer.replaceChildren();
  const show = (event) => {
    const matrix = svg.getScreenCTM();
    if (!matrix) {
      return;
    }
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    const inside = point.x >= box.left && point.x <= box.left + box.width && point.y >= box.top && point.y <= box.top + box.height;
    const reading = inside ? read(point.x, point.y) : null;
    hide();
    if (!reading) {
      return;
    }
    for (const [mx, my, className] of reading.marks ?? []) {
      svgEl("circle", { cx: mx.toFixed(1), cy: my.toFixed(1), r: 5, class: `hover__mark ${className ?? ""}` }, layer);
    }
    const [ax, ay] = reading.at;
    svgEl("circle", { cx: ax.toFixed(1), cy: ay.toFixed(1), r: 2.5, class: "hover__dot" }, layer);
    const tip = svgEl("g", { class: "hover__tip" }, layer);
    const background = svgEl("rect", { rx: 5 }, tip);
    const text = svgEl("text", { class: "hover__text" }, tip);
    reading.lines.forEach((line, k) => svgEl("tspan", { x: 8, dy: k === 0 ? "1.15em" : "1.3em" }, text, line));
    const size = text.getBBox();
    const width = size.width + 16;
    const height = size.height + 10;
    // Beside the pointer, flipped to the other side near the plot's right or bottom edge.
    const tx = ax + 12 + width > box.left + box.width ? ax - 12 - width : ax + 12;
    const ty = ay + 12 + height > box.top + box.height ? ay - 12 - height : ay + 12;
    background.setAttribute("width", width.toFixed(1));
    background.setAttribute("height", height.toFixed(1));
    tip.setAttribute("transform", `translate(${Math.max(0, tx).toFixed(1)} ${Math.max(0, ty).toFixed(1)})`);
  };
  svg.onpointermove = show;
  svg.onpointerdown = show;
  svg.onpointerleave = hide;
}
