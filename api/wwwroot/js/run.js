// Running: one or two methods on the same problem, each streamed from the API (its curve drawn as the
// iterations arrive), then the landscape around their paths for the contours. Holds the current run,
// so a new run or Stop cancels the last, and the status line and busy state that go with it.

import { ApiError, landscape, optimizeStream } from "./api.js";
import { frameAround } from "./contour.js";
import { $ } from "./dom.js";
import { clearErrors, FormError, readForm, setError, showProblem, showRequest } from "./form.js";
import { formatNumber } from "./format.js";
import { RUN_LABELS, runLabel, STOP_REASONS } from "./labels.js";
import { clearCards, drawCharts, positionsOf, renderCard, renderLegends, renderMaths, showContourError } from "./results.js";

let current = null;
const idle = { runs: [], landscape: null, axes: null };

function setStatus(text) {
  $("#status").textContent = text;
}

/** Draws the last run's charts again (after a resize, or a change of scale). */
export function redraw() {
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

export async function run(event) {
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

  clearCards();
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
  const frame = frameAround(positionsOf(state.runs));
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
      showContourError(error.message);
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

export function stop() {
  current?.controller.abort();
  setBusy(false);
  setStatus("Stopped.");
}
