// Running: one or two methods on the same problem, each streamed from the API (its curve drawn as the
// iterations arrive), then the landscape around their paths for the contours; or the same run one
// iteration at a time (Step), with the gradient at the current point drawn on the contours. Holds the
// current run, so a new run cancels the last, Stop ends it and keeps what it reached, and the status
// line and busy state go with it.

import { ApiError, landscape, matrixGradient, optimize, optimizeStream } from "./api.js";
import { frameAround } from "./contour.js";
import { $ } from "./dom.js";
import { clearErrors, FormError, readForm, setError, showProblem, showRequest } from "./form.js";
import { formatNumber } from "./format.js";
import { RUN_LABELS, runLabel, STOP_REASONS } from "./labels.js";
import { clearCards, clearMaths, drawCharts, positionsOf, renderCard, renderLegends, renderMaths, showContourError } from "./results.js";

let current = null;
const idle = { runs: [], landscape: null, axes: null };

function setStatus(text) {
  $("#status").textContent = text;
}

/** Draws the last run's charts again (after a resize, or a change of scale). */
export function redraw() {
  scheduleDraw(current ?? idle);
}

/** The current run's answer for this loss, when there is one: its LaTeX saves asking the API again. */
export function lastResultFor(loss) {
  return current?.request.problem.loss === loss ? current.runs.find((r) => r.result)?.result ?? null : null;
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
      state.runs.filter((run) => !run.result && !run.error && !run.stopped).forEach(renderCard);
    }
  });
}

/** The form as a request, or null with the error shown by its field. */
function readOrExplain() {
  clearErrors();
  try {
    return readForm();
  } catch (error) {
    if (error instanceof FormError) {
      setError(error.errorId, error.message);
      document.getElementById(error.fieldId)?.focus();
      setStatus(`Not run: ${error.message}`);
      return null;
    }
    throw error;
  }
}

/**
 * A fresh run of `request` that replaces the current one (whose requests are cancelled). Two signals:
 * `controller` for the optimisation itself, which Stop aborts, and `drawController` for the landscape,
 * which Stop leaves alone, so a stopped run still gets its contours.
 */
function start(request, mode) {
  current?.controller.abort();
  current?.drawController.abort();
  const state = {
    mode,
    request,
    key: JSON.stringify(request),
    controller: new AbortController(),
    drawController: new AbortController(),
    runs: request.runs.map((r) => ({ ...r, points: [], result: null, error: null, stopped: false, gradient: null, stepping: mode === "step" })),
    landscape: null,
    axes: null,
    drawPending: false,
    steps: 0,
    minimumHalf: mode === "step" ? minimumHalfAround(request.problem.initial) : 0,
  };
  state.runs.forEach((r) => (r.label = runLabel(r)));
  current = state;
  clearCards();
  state.runs.forEach(renderCard);
  renderLegends(state.runs);
  drawCharts(state);
  return state;
}

/** Half the side of the smallest window a stepped path is shown in: enough to see the contours curve. */
function minimumHalfAround(initial) {
  const values = Object.values(initial ?? {}).flat(2).filter(Number.isFinite);
  return 0.5 * Math.max(1, ...values.map(Math.abs));
}

export async function run(event) {
  event?.preventDefault();
  const request = readOrExplain();
  if (!request) {
    return;
  }
  showRequest();
  const state = start(request, "run");
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
      fail(r, error);
    }
    if (state === current) {
      renderCard(r);
    }
  }));
  if (state !== current) {
    return;
  }
  await finish(state);
  if (state !== current) {
    return;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  setStatus(`${state.runs.map(summary).join(" ")} ${seconds} s.`);
}

/**
 * One more iteration of each method: the run from the initial point again with one iteration more
 * (so momentum and Adam carry their state exactly as in a whole run), its path, and the gradient
 * where it now stands. A change to the form starts the stepping over from iteration 0.
 */
export async function step() {
  const request = readOrExplain();
  if (!request) {
    return;
  }
  let state = current;
  if (!(state && state.mode === "step" && state.key === JSON.stringify(request) && !state.controller.signal.aborted)) {
    state = start(request, "step");
  }
  if (state.runs.every((r) => r.result && r.result.iterations < state.steps)) {
    setStatus(`Every method has stopped: ${state.runs.map(summary).join(" ")}`);
    return;
  }
  if (state.steps >= request.problem.maxIterations) {
    setStatus(`The iteration budget (${request.problem.maxIterations}) is used up.`);
    return;
  }
  showRequest();
  state.steps += 1;
  const steps = state.steps;
  setBusy(true);
  const { problem } = request;
  await Promise.all(state.runs.map(async (r) => {
    try {
      r.result = await optimize({ ...problem, optimizer: r.optimizer, maxIterations: steps, historyPoints: Math.min(2000, steps + 1) }, state.controller.signal);
      r.points = r.result.history ?? [];
      state.axes ??= r.result.pathAxes ?? null;
      r.gradient = await gradientInPlane(problem, r.result, state.controller.signal);
      r.error = null;
    } catch (error) {
      r.result = null;
      fail(r, error);
    }
    if (state === current) {
      renderCard(r);
    }
  }));
  if (state !== current) {
    return;
  }
  const inside = state.landscape && positionsOf(state.runs).every(([px, py]) => within(state.landscape.xRange, px) && within(state.landscape.yRange, py));
  await finish(state, { landscape: !inside });
  if (state !== current) {
    return;
  }
  setStatus(`Step ${steps}. ${state.runs.map(summary).join(" ")} Step again, or Run for the whole run.`);
}

function within([low, high], v) {
  return v >= low && v <= high;
}

/** The gradient at the run's last point as [∂L/∂x, ∂L/∂y] in the plane of its path; null off a plane. */
async function gradientInPlane(problem, result, signal) {
  const axes = result.pathAxes;
  if (!axes || result.stopReason === "diverged") {
    return null;
  }
  const unknowns = Object.keys(problem.initial);
  const answer = await matrixGradient({
    expression: problem.loss,
    variables: problem.variables,
    wrt: unknowns,
    at: { ...(problem.constants ?? {}), ...result.solution },
  }, signal);
  const values = unknowns.length === 2
    ? unknowns.map((name) => answer.gradients?.[name]?.value)
    : [answer.gradients?.[unknowns[0]]?.value].flat(2);
  return values.length === 2 && values.every(Number.isFinite) ? values : null;
}

/** A run that did not finish: stopped by the person (its points are kept), or failed (said on its card and by the loss). */
function fail(r, error) {
  if (error.name === "AbortError") {
    r.stopped = true;
    return;
  }
  r.error = error.message;
  if (error instanceof ApiError) {
    showProblem(error);
  }
}

/** After the runs: the maths of the first that finished (or the note, when none did), the charts and the contours. */
async function finish(state, { landscape: fetchLandscape = true } = {}) {
  const done = state.runs.filter((r) => r.result);
  if (done.length > 0) {
    renderMaths(done[0].result, state.request.problem.loss);
  } else {
    clearMaths(state.runs.some((r) => r.stopped)
      ? "Stopped before the API's answer arrived: the gradient appears after a run that ends."
      : "No gradient: the run failed (the reason is by the loss and on the run's card).");
  }
  drawCharts(state);
  if (fetchLandscape) {
    await drawLandscape(state);
  }
  if (state === current) {
    setBusy(false);
  }
}

function summary(r) {
  if (r.result && r.stepping && r.result.stopReason === "maxIterations") {
    return `${RUN_LABELS[r.key]}: loss ${formatNumber(r.result.loss)} at iteration ${r.result.iterations}, ‖∇L‖ ${formatNumber(r.result.gradientNorm, 3)}.`;
  }
  if (r.result) {
    return `${RUN_LABELS[r.key]}: loss ${formatNumber(r.result.loss)} after ${r.result.iterations} iteration${r.result.iterations === 1 ? "" : "s"} (${STOP_REASONS[r.result.stopReason]?.split(":")[0] ?? r.result.stopReason}).`;
  }
  if (r.stopped) {
    const last = r.points[r.points.length - 1];
    return `${RUN_LABELS[r.key]}: stopped by you${last ? ` at iteration ${last.iteration}, loss ${formatNumber(last.loss)}` : ""}.`;
  }
  return `${RUN_LABELS[r.key]}: ${r.error}`;
}

async function drawLandscape(state) {
  const frame = frameAround(positionsOf(state.runs), state.minimumHalf);
  if (!frame) {
    return;
  }
  const { problem } = state.request;
  try {
    const grid = await coarserWhenSlow((resolution) => whenServerFree(() => landscape({
      loss: problem.loss,
      variables: problem.variables,
      constants: problem.constants,
      initial: problem.initial,
      xRange: frame.x,
      yRange: frame.y,
      resolution,
    }, state.drawController.signal), state.drawController.signal));
    state.landscape = { ...grid, xRange: frame.x, yRange: frame.y };
    state.axes = grid.axes ?? state.axes;
  } catch (error) {
    if (error.name !== "AbortError") {
      showContourError(error.message);
    }
    return;
  }
  if (state === current) {
    drawCharts(state);
  }
}

/**
 * The landscape at 100 × 100 points, or at 50 and then 25 where the server runs out of its time budget
 * at that (a loss over many data points, or a server busy winding down a stopped run), as it suggests.
 */
async function coarserWhenSlow(request) {
  for (const resolution of [100, 50, 25]) {
    try {
      return await request(resolution);
    } catch (error) {
      if (!(error instanceof ApiError && error.problem?.limit === "requestTimeout") || resolution === 25) {
        throw error;
      }
    }
  }
  throw new Error("unreachable");
}

/**
 * Calls `request`, again after a second while the server answers 503 (busy) for up to ten tries: just
 * after Stop the server may still be winding down the stopped run, which holds its calculation slot
 * until it notices the client has gone.
 */
async function whenServerFree(request, signal) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 503) || attempt >= 10 || signal.aborted) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

function setBusy(busy) {
  $("#run").disabled = busy;
  $("#step").disabled = busy;
  $("#stop").hidden = !busy;
  document.body.classList.toggle("busy", busy);
}

/** Ends the current run where it is: its points so far stay on the charts and its card. */
export function stop() {
  if (current && !current.controller.signal.aborted) {
    current.controller.abort();
    setStatus("Stopping…");
  }
}
