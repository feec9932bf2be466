// A run's whole state in the page's address, so a teacher can send a link: the problem's fields, each
// method's settings and the comparison switch, in the fragment (#loss=…&initial=…), which never reaches
// the server and has no length limit worth worrying about. A link to an unchanged preset carries its
// name as well, so the preset picker and its note come back too.

import { compactJson } from "./presets.js";

const PROBLEM_FIELDS = ["loss", "initial", "constants", "variables", "maxIterations", "tolerance"];
const METHOD_FIELDS = ["method", "learningRate", "momentum", "beta1", "beta2", "epsilon", "memory", "lineSearch"];

/**
 * The fragment for a form state: { preset, loss, initial, …, compare, a: { method, … }, b: { … } }.
 * JSON fields are written compactly, so the link stays short and readable.
 */
export function encodeState(state) {
  const params = new URLSearchParams();
  if (state.preset && state.preset !== "custom") {
    params.set("preset", state.preset);
  }
  for (const name of PROBLEM_FIELDS) {
    const text = String(state[name] ?? "").trim();
    if (text !== "") {
      params.set(name, isJsonField(name) ? compactText(text) : text);
    }
  }
  if (state.compare) {
    params.set("compare", "1");
  }
  for (const key of state.compare ? ["a", "b"] : ["a"]) {
    for (const name of METHOD_FIELDS) {
      const value = String(state[key]?.[name] ?? "").trim();
      if (value !== "") {
        params.set(`${key}.${name}`, value);
      }
    }
  }
  return params.toString();
}

/** The state a fragment carries, or null when it carries no loss (an ordinary visit to the page). */
export function decodeState(fragment) {
  const params = new URLSearchParams(fragment.replace(/^#/, ""));
  if (!params.has("loss")) {
    return null;
  }
  const state = { preset: params.get("preset") ?? "custom", compare: params.get("compare") === "1", a: {}, b: {} };
  for (const name of PROBLEM_FIELDS) {
    state[name] = params.get(name) ?? "";
  }
  for (const key of ["a", "b"]) {
    for (const name of METHOD_FIELDS) {
      if (params.has(`${key}.${name}`)) {
        state[key][name] = params.get(`${key}.${name}`);
      }
    }
  }
  return state;
}

/** The page's address with this state, for the "Copy link" button and the address bar. */
export function linkFor(state) {
  const url = new URL(window.location.href);
  url.hash = encodeState(state);
  return url.toString();
}

function isJsonField(name) {
  return name === "initial" || name === "constants" || name === "variables";
}

/** Valid JSON rewritten compactly; anything else (a half-written field) kept as typed. */
function compactText(text) {
  try {
    return compactJson(JSON.parse(text)).replace(/^\{ /, "{").replace(/ \}$/, "}").replace(/, /g, ",").replace(/": /g, "\":");
  } catch {
    return text;
  }
}
