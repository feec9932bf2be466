// The playground: reads the form, runs one or two methods on the same problem through the streaming
// endpoint, and draws what comes back (the loss curve live, then the landscape and the maths).

import { ApiError, landscape, optimizeStream } from "./api.js";
import { drawContour, frameAround } from "./contour.js";
import { equationMath, formatMilliseconds, formatNumber, mathEl, mathFromMarkup, nameMath, valueHtml } from "./format.js";
import { drawLossChart } from "./loss-chart.js";
import { compactJson, methodDefaults, presets } from "./presets.js";

const $ = (selector, root = document) => root.querySelector(selector);

const RUN_LABELS = { a: "A", b: "B" };
const METHOD_NAMES = { gd: "gradient descent", momentum: "momentum", nesterov: "Nesterov", adam: "Adam" };
const STOP_REASONS = {
  tolerance: "converged: the gradient's norm fell below the tolerance",
  maxIterations: "stopped: the iteration budget ran out",
  diverged: "diverged: the loss stopped being finite or grew without bound",
  timeLimit: "stopped: the server's time limit was reached",
};

const form = $("#problem");
const fields = {
  preset: $("#preset"),
  loss: $("#loss"),
  initial: $("#initial"),
  constants: $("#constants"),
  variables: $("#variables"),
  maxIterations: $("#maxIterations"),
  tolerance: $("#tolerance"),
  compare: $("#compare"),
};
const methods = { a: buildMethod("a"), b: buildMethod("b") };
let current = null;
const idle = { runs: [], landscape: null, axes: null };

// ---- the form ------------------------------------------------------------------------------------

function buildMethod(key) {
  const fieldset = $("#method-template").content.firstElementChild.cloneNode(true);
  fieldset.id = `method-${key}`;
  fieldset.classList.add(`method--${key}`);
  $('[data-role="legend"]', fieldset).textContent = `Method ${RUN_LABELS[key]}`;
  for (const label of fieldset.querySelectorAll("label[data-for]")) {
    label.htmlFor = `${key}-${label.dataset.for}`;
  }
  for (const input of fieldset.querySelectorAll("[data-name]")) {
    input.id = `${key}-${input.dataset.name}`;
    input.name = `${key}-${input.dataset.name}`;
  }
  const error = $('[data-role="error"]', fieldset);
  error.id = `${key}-error`;
  $("#methods").appendChild(fieldset);
  const method = $(`#${key}-method`, fieldset);
  method.addEventListener("change", () => showMethodFields(fieldset));
  return fieldset;
}

function showMethodFields(fieldset) {
  const method = $('[data-name="method"]', fieldset).value;
  for (const field of fieldset.querySelectorAll("[data-when]")) {
    field.hidden = !field.dataset.when.split(" ").includes(method);
  }
}

function setMethod(key, settings) {
  const fieldset = methods[key];
  const values = { ...methodDefaults, ...settings };
  for (const input of fieldset.querySelectorAll("[data-name]")) {
    input.value = String(values[input.dataset.name]);
  }
  showMethodFields(fieldset);
}

function applyPreset(name) {
  const preset = presets[name];
  $("#preset-note").textContent = preset?.note ?? "Write your own loss; the fields keep what you typed.";
  if (!preset) {
    return;
  }
  fields.loss.value = preset.loss;
  fields.initial.value = compactJson(preset.initial);
  fields.constants.value = compactJson(preset.constants);
  fields.variables.value = compactJson(preset.variables);
  fields.maxIterations.value = String(preset.maxIterations);
  fields.tolerance.value = String(preset.tolerance);
  setMethod("a", preset.a);
  setMethod("b", preset.b);
  $(`#scale-${preset.chart ?? "loss"}`).checked = true;
  redraw();
  clearErrors();
  showRequest();
}

function showCompare() {
  methods.b.hidden = !fields.compare.checked;
}

function setError(id, message) {
  const element = document.getElementById(id);
  element.textContent = message ?? "";
  element.hidden = !message;
  const owner = document.querySelector(`[aria-describedby~="${id}"]`);
  owner?.setAttribute("aria-invalid", message ? "true" : "false");
}

function clearErrors() {
  for (const id of ["loss-error", "initial-error", "constants-error", "variables-error", "a-error", "b-error"]) {
    setError(id, null);
  }
}

class FormError extends Error {
  constructor(fieldId, errorId, message) {
    super(message);
    this.fieldId = fieldId;
    this.errorId = errorId;
  }
}

function readJson(name, { required }) {
  const text = fields[name].value.trim();
  if (text === "") {
    if (required) {
      throw new FormError(name, `${name}-error`, "Give at least one unknown with its starting value, e.g. { \"x\": [0, 0] }.");
    }
    return undefined;
  }
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FormError(name, `${name}-error`, `This is not JSON: ${error.message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new FormError(name, `${name}-error`, "Write an object of names: { \"name\": value, … }.");
  }
  return Object.keys(value).length > 0 ? value : undefined;
}

function readNumber(input, what, errorId, { integer = false, positive = true } = {}) {
  const text = input.value.trim();
  const value = Number(text);
  if (text === "" || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || (positive && value <= 0)) {
    throw new FormError(input.id, errorId, `${what} must be a ${positive ? "positive " : ""}${integer ? "whole number" : "number"}.`);
  }
  return value;
}

function readOptimizer(key) {
  const fieldset = methods[key];
  const get = (name) => $(`[data-name="${name}"]`, fieldset);
  const method = get("method").value;
  const optimizer = { method, learningRate: readNumber(get("learningRate"), "The learning rate", `${key}-error`) };
  if (method === "momentum" || method === "nesterov") {
    optimizer.momentum = readNumber(get("momentum"), "The momentum", `${key}-error`, { positive: false });
  }
  if (method === "adam") {
    optimizer.beta1 = readNumber(get("beta1"), "β₁", `${key}-error`, { positive: false });
    optimizer.beta2 = readNumber(get("beta2"), "β₂", `${key}-error`, { positive: false });
    optimizer.epsilon = readNumber(get("epsilon"), "ε", `${key}-error`);
  }
  optimizer.lineSearch = get("lineSearch").value;
  return optimizer;
}

/** The problem shared by every run, and each run's method. */
function readForm() {
  const loss = fields.loss.value.trim();
  if (loss === "") {
    throw new FormError("loss", "loss-error", "Write the loss to minimise, e.g. (1 - x)^2 + 100*(y - x^2)^2.");
  }
  const problem = {
    loss,
    variables: readJson("variables", { required: false }),
    constants: readJson("constants", { required: false }),
    initial: readJson("initial", { required: true }),
    maxIterations: readNumber(fields.maxIterations, "Max iterations", "loss-error", { integer: true }),
    tolerance: readNumber(fields.tolerance, "The tolerance", "loss-error"),
    historyPoints: 200,
  };
  const keys = fields.compare.checked ? ["a", "b"] : ["a"];
  return { problem, runs: keys.map((key) => ({ key, optimizer: readOptimizer(key) })) };
}

function showRequest() {
  try {
    const { problem, runs } = readForm();
    $("#request-body").textContent = JSON.stringify({ ...problem, optimizer: runs[0].optimizer }, null, 2);
  } catch {
    // the form is half-written: keep the last good body
  }
}

// ---- a run ---------------------------------------------------------------------------------------

function runLabel(run) {
  const settings = run.optimizer;
  const step = settings.lineSearch === "armijo" ? ", Armijo" : "";
  return `${RUN_LABELS[run.key]} · ${METHOD_NAMES[settings.method] ?? settings.method}, η = ${settings.learningRate}${step}`;
}

function renderLegends(runs) {
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

function renderCard(run) {
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
  if (run.error) {
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
    stop.textContent = STOP_REASONS[result.stopReason] ?? result.stopReason;
    body.append(list, stop);

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

function renderMaths(result) {
  const rows = [];
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

/** A problem from the API, by the loss field; where it names a position in the loss, that character is selected. */
function showProblem(error) {
  setError("loss-error", error.message);
  const position = error.problem?.position;
  const loss = fields.loss;
  if (Number.isInteger(position) && error.problem?.expression === loss.value.trim() && document.activeElement !== loss) {
    const offset = loss.value.indexOf(loss.value.trim());
    loss.focus();
    loss.setSelectionRange(offset + position, Math.min(loss.value.length, offset + position + 1));
  }
}

function setStatus(text) {
  $("#status").textContent = text;
}

function drawCharts(state) {
  const gap = $("#scale-gap").checked;
  $("#loss-chart-desc").textContent = drawLossChart($("#loss-chart"), state.runs, { gap });
  const positions = state.runs.flatMap((run) => run.points.map((p) => p.position).filter(Boolean));
  const svg = $("#contour");
  if (positions.length === 0) {
    svg.toggleAttribute("hidden", true);
    $("#contour-note").hidden = false;
    return;
  }
  const frame = state.landscape ? { x: state.landscape.xRange, y: state.landscape.yRange } : frameAround(positions);
  svg.toggleAttribute("hidden", false);
  $("#contour-note").hidden = true;
  $("#contour-desc").textContent = drawContour(svg, { frame, landscape: state.landscape, runs: state.runs, axes: state.axes });
}

/** Draws the last run's charts again (after a resize, or a change of scale). */
function redraw() {
  scheduleDraw(current ?? idle);
}

function scheduleDraw(state) {
  if (state.drawPending) {
    return;
  }
  state.drawPending = true;
  requestAnimationFrame(() => {
    state.drawPending = false;
    if (state === (current ?? idle)) {
      drawCharts(state);
      state.runs.filter((run) => !run.result && !run.error).forEach(renderCard);
    }
  });
}

async function run(event) {
  event?.preventDefault();
  clearErrors();
  let request;
  try {
    request = readForm();
  } catch (error) {
    if (error instanceof FormError) {
      setError(error.errorId, error.message);
      document.getElementById(error.fieldId)?.focus();
      setStatus(`Not run: ${error.message}`);
      return;
    }
    throw error;
  }
  showRequest();

  current?.controller.abort();
  const state = {
    controller: new AbortController(),
    runs: request.runs.map((r) => ({ ...r, points: [], result: null, error: null })),
    landscape: null,
    axes: null,
    drawPending: false,
  };
  state.runs.forEach((r) => (r.label = runLabel(r)));
  current = state;

  $("#run-cards").replaceChildren();
  state.runs.forEach(renderCard);
  renderLegends(state.runs);
  drawCharts(state);
  setBusy(true);
  setStatus(state.runs.length > 1 ? "Running both methods…" : "Running…");

  const started = performance.now();
  await Promise.all(state.runs.map(async (r) => {
    try {
      r.result = await optimizeStream({ ...request.problem, optimizer: r.optimizer }, {
        signal: state.controller.signal,
        onIteration: (point) => {
          r.points.push(point);
          scheduleDraw(state);
        },
      });
      r.points = r.result.history ?? r.points;
      state.axes ??= r.result.pathAxes ?? null;
    } catch (error) {
      r.error = error.name === "AbortError" ? "Stopped." : error.message;
      if (error instanceof ApiError) {
        showProblem(error);
      }
    }
    if (state === current) {
      renderCard(r);
    }
  }));
  if (state !== current) {
    return;
  }

  const done = state.runs.filter((r) => r.result);
  if (done.length > 0) {
    renderMaths(done[0].result);
  }
  drawCharts(state);
  await drawLandscape(state, request.problem);
  if (state !== current) {
    return;
  }
  setBusy(false);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  setStatus(state.runs.map((r) => (r.result
    ? `${RUN_LABELS[r.key]}: final loss ${formatNumber(r.result.loss)} after ${r.result.iterations} iterations (${STOP_REASONS[r.result.stopReason]?.split(":")[0] ?? r.result.stopReason}).`
    : `${RUN_LABELS[r.key]}: ${r.error}`)).join(" ") + ` ${seconds} s.`);
}

async function drawLandscape(state, problem) {
  const positions = state.runs.flatMap((r) => r.points.map((p) => p.position).filter(Boolean));
  const frame = frameAround(positions);
  if (!frame) {
    return;
  }
  try {
    const grid = await landscape({
      loss: problem.loss,
      variables: problem.variables,
      constants: problem.constants,
      initial: problem.initial,
      xRange: frame.x,
      yRange: frame.y,
      resolution: 60,
    }, state.controller.signal);
    state.landscape = { ...grid, xRange: frame.x, yRange: frame.y };
    state.axes = grid.axes ?? state.axes;
  } catch (error) {
    if (error.name !== "AbortError") {
      $("#contour-note").hidden = false;
      $("#contour-note").textContent = `The contours could not be drawn: ${error.message}`;
    }
    return;
  }
  if (state === current) {
    drawCharts(state);
  }
}

function setBusy(busy) {
  $("#run").disabled = busy;
  $("#stop").hidden = !busy;
  document.body.classList.toggle("busy", busy);
}

function stop() {
  current?.controller.abort();
  setBusy(false);
  setStatus("Stopped.");
}

// ---- wiring --------------------------------------------------------------------------------------

fields.preset.addEventListener("change", () => applyPreset(fields.preset.value));
fields.compare.addEventListener("change", () => {
  showCompare();
  showRequest();
});
for (const name of ["loss", "initial", "constants", "variables"]) {
  fields[name].addEventListener("input", () => {
    if (fields.preset.value !== "custom") {
      fields.preset.value = "custom";
      $("#preset-note").textContent = "Your own problem: the fields keep what you typed.";
    }
  });
}
form.addEventListener("input", showRequest);
form.addEventListener("submit", run);
form.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    form.requestSubmit();
  }
});
$("#stop").addEventListener("click", stop);

for (const radio of document.querySelectorAll('input[name="scale"]')) {
  radio.addEventListener("change", redraw);
}
let drawnWidth = 0;
new ResizeObserver(([entry]) => {
  const width = Math.round(entry.contentRect.width);
  if (width !== drawnWidth) {
    drawnWidth = width;
    redraw();
  }
}).observe($(".results"));

applyPreset(fields.preset.value);
showCompare();
redraw();
document.body.dataset.ready = "true";
