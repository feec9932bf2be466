// What a run shows: its card (live progress, then the figures and the solution), the legends, the loss
// and its gradient as MathML, and the two charts, the loss curve and the path over the contours.

import { drawContour, frameAround } from "./contour.js";
import { $ } from "./dom.js";
import { equationMath, formatMilliseconds, formatNumber, mathEl, mathFromMarkup, nameMath, valueHtml } from "./format.js";
import { STOP_REASONS } from "./labels.js";
import { drawLossChart } from "./loss-chart.js";

/** Every position the runs have passed through so far, the first run's first. */
export function positionsOf(runs) {
  return runs.flatMap((run) => run.points.map((p) => p.position).filter(Boolean));
}

export function renderLegends(runs) {
  for (const id of ["chart-legend", "contour-legend"]) {
    const legend = document.getElementById(id);
    legend.replaceChildren(...runs.map((run) => {
      const item = document.createElement("li");
      item.className = `legend__item legend__item--${run.key}`;
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.setAttribute("aria-hidden", "true");
      item.append(swatch, run.label);
      return item;
    }));
  }
}

export function clearCards() {
  $("#run-cards").replaceChildren();
}

export function renderCard(run) {
  let card = document.getElementById(`result-${run.key}`);
  if (!card) {
    card = document.createElement("article");
    card.id = `result-${run.key}`;
    card.className = `card card--${run.key}`;
    card.setAttribute("aria-labelledby", `result-${run.key}-title`);
    $("#run-cards").appendChild(card);
  }
  const result = run.result;
  const title = document.createElement("h3");
  title.id = `result-${run.key}-title`;
  title.innerHTML = '<span class="swatch" aria-hidden="true"></span>';
  title.append(run.label);

  const body = document.createElement("div");
  if (run.stopped && !result) {
    // Stopped by the person: what it reached so far stays, on the card as on the charts.
    const last = run.points.findLast((p) => Number.isFinite(p.loss));
    body.innerHTML = '<p class="stop stop--stopped"></p>';
    body.firstChild.textContent = last
      ? `Stopped by you at iteration ${last.iteration}: loss ${formatNumber(last.loss)}, ‖∇L‖ ${formatNumber(last.gradientNorm, 3)}. The path so far is kept.`
      : "Stopped by you before the first iteration arrived.";
    if (last) {
      body.firstChild.dataset.iteration = String(last.iteration);
    }
  } else if (run.error) {
    body.innerHTML = '<p class="error"></p>';
    body.firstChild.textContent = run.error;
  } else if (!result) {
    const last = run.points[run.points.length - 1];
    body.innerHTML = '<p class="muted">Running…</p>';
    if (last) {
      body.firstChild.textContent = `Running… iteration ${last.iteration}, loss ${formatNumber(last.loss)}`;
    }
  } else {
    const list = document.createElement("dl");
    list.className = "facts";
    const add = (term, text, attributes = {}) => {
      const dt = document.createElement("dt");
      dt.textContent = term;
      const dd = document.createElement("dd");
      dd.textContent = text;
      for (const [k, v] of Object.entries(attributes)) {
        dd.setAttribute(k, v);
      }
      list.append(dt, dd);
      return dd;
    };
    add("final loss", formatNumber(result.loss, 5), { class: "final-loss", "data-value": String(result.loss) });
    add("iterations", String(result.iterations), { class: "iterations" });
    add("‖∇L‖", formatNumber(result.gradientNorm, 3), { class: "gradient-norm" });
    add("time", formatMilliseconds(result.elapsedMilliseconds));
    const stop = document.createElement("p");
    stop.className = `stop stop--${result.stopReason}`;
    stop.textContent = run.stepping && result.stopReason === "maxIterations"
      ? `stepping: iteration ${result.iterations} reached; Step again for the next`
      : STOP_REASONS[result.stopReason] ?? result.stopReason;
    body.append(list, stop);
    // What the curvature at the start says about the run (the learning rate against 2/L, κ, convexity).
    const notes = result.diagnostics?.notes ?? [];
    if (notes.length > 0) {
      const diagnostics = document.createElement("ul");
      diagnostics.className = "diagnostics";
      diagnostics.setAttribute("aria-label", "Diagnostics at the initial point");
      diagnostics.replaceChildren(...notes.map((note) => {
        const item = document.createElement("li");
        item.textContent = note;
        return item;
      }));
      body.appendChild(diagnostics);
    }

    const solution = document.createElement("div");
    solution.className = "solution";
    for (const [name, value] of Object.entries(result.solution ?? {})) {
      const line = document.createElement("div");
      line.className = "solution__line";
      line.append(mathEl("math", {}, nameMath(name), mathEl("mo", {}, "=")), valueHtml(value));
      solution.appendChild(line);
    }
    body.appendChild(solution);
  }
  card.replaceChildren(title, body);
}

/**
 * The loss as typed, then as the API reads it (its normalised form, typeset, with the text the API
 * parses back) and its gradient.
 */
export function renderMaths(result, typed) {
  const rows = [];
  const typedRow = document.createElement("p");
  typedRow.className = "maths__typed";
  typedRow.append("You typed ");
  const typedCode = document.createElement("code");
  typedCode.textContent = typed;
  typedRow.append(typedCode, typed.trim() === result.lossExpression ? "; the API reads it as written:" : "; the API reads it as:");
  rows.push(typedRow);
  const loss = mathFromMarkup(result.lossMathml);
  rows.push(row(mathEl("mi", {}, "L"), loss, result.lossExpression));
  for (const [name, text] of Object.entries(result.gradient ?? {})) {
    const partial = mathEl("mfrac", {}, mathEl("mrow", {}, mathEl("mo", {}, "∂"), mathEl("mi", {}, "L")),
      mathEl("mrow", {}, mathEl("mo", {}, "∂"), nameMath(name)));
    rows.push(row(partial, mathFromMarkup(result.gradientMathml?.[name]), text));
  }
  $("#maths").replaceChildren(...rows);

  // One equation per line, with the text form (what the API parses back) beside it.
  function row(left, math, text) {
    const div = document.createElement("div");
    div.className = "maths__row";
    if (math) {
      div.appendChild(equationMath(left, math));
    } else {
      div.appendChild(equationMath(left, mathEl("mtext", {}, text ?? "")));
    }
    if (text) {
      const code = document.createElement("code");
      code.className = "maths__text";
      code.textContent = text;
      div.appendChild(code);
    }
    return div;
  }
}

/** The gradient panel back to its note, when a run left no gradient to show (it failed, or was stopped). */
export function clearMaths(note) {
  const hint = document.createElement("p");
  hint.className = "hint";
  hint.textContent = note;
  $("#maths").replaceChildren(hint);
}

/** The loss chart, and the contour plot when the runs move through a plane (hidden, with its note, when not). */
export function drawCharts(state) {
  const gap = $("#scale-gap").checked;
  $("#loss-chart-desc").textContent = drawLossChart($("#loss-chart"), state.runs, { gap });
  const positions = positionsOf(state.runs);
  const svg = $("#contour");
  if (positions.length === 0) {
    svg.toggleAttribute("hidden", true);
    $("#contour-note").hidden = false;
    return;
  }
  const frame = state.landscape ? { x: state.landscape.xRange, y: state.landscape.yRange } : frameAround(positions, state.minimumHalf ?? 0);
  svg.toggleAttribute("hidden", false);
  $("#contour-note").hidden = true;
  $("#contour-desc").textContent = drawContour(svg, { frame, landscape: state.landscape, runs: state.runs, axes: state.axes });
}

/** Why the contours are missing, in the contour plot's note. */
export function showContourError(message) {
  $("#contour-note").hidden = false;
  $("#contour-note").textContent = `The contours could not be drawn: ${message}`;
}
