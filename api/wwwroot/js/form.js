// The problem form: the two method fieldsets built from their template, presets filling the fields,
// reading the fields into a request (or a FormError naming the field at fault), and the errors shown
// by the fields, the API's included.

import { $ } from "./dom.js";
import { RUN_LABELS } from "./labels.js";
import { compactJson, methodDefaults, presets } from "./presets.js";

export const form = $("#problem");
export const fields = {
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

/**
 * Fills the form from a preset (and picks its chart scale); false for "custom", which keeps the fields.
 * The charts are the caller's to redraw.
 */
export function applyPreset(name) {
  const preset = presets[name];
  $("#preset-note").textContent = preset?.note ?? "Write your own loss; the fields keep what you typed.";
  if (!preset) {
    return false;
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
  clearErrors();
  showRequest();
  return true;
}

/** Everything a link carries: the fields as typed, each method's settings and the comparison switch. */
export function readState() {
  const state = { preset: fields.preset.value, compare: fields.compare.checked };
  for (const name of ["loss", "initial", "constants", "variables", "maxIterations", "tolerance"]) {
    state[name] = fields[name].value;
  }
  for (const key of ["a", "b"]) {
    state[key] = {};
    for (const input of methods[key].querySelectorAll("[data-name]")) {
      state[key][input.dataset.name] = input.value;
    }
  }
  return state;
}

/**
 * Fills the form from a link's state: its preset's note and chart scale when it names one, then every
 * field as the link has it (a method setting the link leaves out takes its default).
 */
export function applyState(state) {
  const preset = presets[state.preset] ? state.preset : "custom";
  fields.preset.value = preset;
  applyPreset(preset);
  for (const name of ["loss", "initial", "constants", "variables", "maxIterations", "tolerance"]) {
    fields[name].value = state[name] ?? "";
  }
  for (const name of ["initial", "constants", "variables"]) {
    try {
      fields[name].value = compactJson(JSON.parse(fields[name].value));
    } catch {
      // not JSON (or empty): kept as the link has it, and the run will say what is wrong
    }
  }
  fields.compare.checked = Boolean(state.compare);
  for (const key of ["a", "b"]) {
    setMethod(key, Object.keys(state[key] ?? {}).length > 0 ? state[key] : presets[preset]?.[key]);
  }
  showCompare();
  clearErrors();
  showRequest();
}

/**
 * A problem of the person's own from elsewhere on the page (the Derive view's "Minimise this"): its loss
 * and initial values, no constants or kinds (every free name is an unknown), the methods as they were.
 * It is not run: the person looks it over and presses Run.
 */
export function takeProblem(loss, initial) {
  fields.preset.value = "custom";
  $("#preset-note").textContent = "Your own problem: the fields keep what you typed.";
  fields.loss.value = loss;
  fields.initial.value = compactJson(initial);
  fields.constants.value = "";
  fields.variables.value = "";
  clearErrors();
  showRequest();
}

/** Typing in a problem field makes the problem the person's own. */
export function markCustom() {
  if (fields.preset.value !== "custom") {
    fields.preset.value = "custom";
    $("#preset-note").textContent = "Your own problem: the fields keep what you typed.";
  }
}

export function showCompare() {
  methods.b.hidden = !fields.compare.checked;
}

export function setError(id, message) {
  const element = document.getElementById(id);
  element.textContent = message ?? "";
  element.hidden = !message;
  const owner = document.querySelector(`[aria-describedby~="${id}"]`);
  owner?.setAttribute("aria-invalid", message ? "true" : "false");
}

export function clearErrors() {
  for (const id of ["loss-error", "initial-error", "constants-error", "variables-error", "a-error", "b-error"]) {
    setError(id, null);
  }
}

export class FormError extends Error {
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
  // L-BFGS and Newton choose each step by their own line searches: they take no learning rate or step-size rule.
  const searches = method === "lbfgs" || method === "newton";
  const optimizer = searches ? { method } : { method, learningRate: readNumber(get("learningRate"), "The learning rate", `${key}-error`) };
  if (method === "momentum" || method === "nesterov") {
    optimizer.momentum = readNumber(get("momentum"), "The momentum", `${key}-error`, { positive: false });
  }
  if (method === "adam") {
    optimizer.beta1 = readNumber(get("beta1"), "β₁", `${key}-error`, { positive: false });
    optimizer.beta2 = readNumber(get("beta2"), "β₂", `${key}-error`, { positive: false });
    optimizer.epsilon = readNumber(get("epsilon"), "ε", `${key}-error`);
  }
  if (method === "lbfgs") {
    optimizer.memory = readNumber(get("memory"), "The memory", `${key}-error`, { integer: true });
  }
  if (!searches) {
    optimizer.lineSearch = get("lineSearch").value;
  }
  return optimizer;
}

/** The problem shared by every run, and each run's method. */
export function readForm() {
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

export function showRequest() {
  try {
    const { problem, runs } = readForm();
    $("#request-body").textContent = JSON.stringify({ ...problem, optimizer: runs[0].optimizer }, null, 2);
  } catch {
    // the form is half-written: keep the last good body
  }
}

/** A problem from the API, by the loss field; where it names a position in the loss, that character is selected. */
export function showProblem(error) {
  setError("loss-error", error.message);
  const position = error.problem?.position;
  const loss = fields.loss;
  if (Number.isInteger(position) && error.problem?.expression === loss.value.trim() && document.activeElement !== loss) {
    const offset = loss.value.indexOf(loss.value.trim());
    loss.focus();
    loss.setSelectionRange(offset + position, Math.min(loss.value.length, offset + position + 1));
  }
}
