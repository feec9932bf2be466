// The Derive view: an expression differentiated with its steps (POST /api/differentiate, "steps": true),
// shown as the answer in MathML and an ordered list of lines, each with its rule, the line itself and the
// sentence that says why; and "Minimise this", which hands the expression to the optimisation form.
// Where the Variables field declares a vector or a matrix, the derivation is the lecture's method of
// differentials instead (POST /api/matrix-gradient, "steps": true): lines of df, then ∂f/∂X read off them.

import { ApiError, differentiate, gradient, matrixGradient } from "./api.js";
import { $, element } from "./dom.js";
import { equationMath, formatMilliseconds, mathEl, mathFromMarkup, nameMath } from "./format.js";
import { ruleLabel } from "./labels.js";

export const deriveForm = $("#derive-form");
const inputs = {
  expression: $("#derive-expression"),
  variables: $("#derive-variables"),
  variable: $("#derive-variable"),
  order: $("#derive-order"),
  brief: $("#derive-brief"),
};
/** The error line under each input, by the name the API gives the field in a problem's `field`. */
const ERROR_IDS = {
  expression: "derive-expression-error",
  variables: "derive-variables-error",
  variable: "derive-variable-error",
  order: "derive-order-error",
  detail: "derive-brief-error",
};
/** Fields the API names otherwise than the form: /api/matrix-gradient's `wrt` is the Variable field. */
const FIELD_ALIASES = { wrt: "variable" };
/** What "Minimise this" says under a scalar derivation (the page's own text), kept to put back after a matrix one. */
const MINIMISE_HINT = $("#minimise-hint").textContent;
const MINIMISE_MATRIX_HINT =
  "Minimise this takes scalar derivations only: the optimisation form needs every vector's and matrix's size and " +
  "starting values, and which names are data, and kinds alone do not say. The Optimise view's lecture preset " +
  "minimises (a'*W*b - c)^2 over a 2×3 matrix W.";

let current = null;
let answered = null;

function setStatus(text) {
  $("#derive-status").textContent = text;
}

function setError(field, message) {
  const shown = document.getElementById(ERROR_IDS[field]);
  shown.textContent = message ?? "";
  shown.hidden = !message;
  document.querySelector(`[aria-describedby~="${ERROR_IDS[field]}"]`)?.setAttribute("aria-invalid", message ? "true" : "false");
}

function clearErrors() {
  Object.keys(ERROR_IDS).forEach((field) => setError(field, null));
  $("#minimise-error").hidden = true;
}

/**
 * The request the fields make, as `{ matrix, request }` (matrix: whether it goes to /api/matrix-gradient),
 * or null with the reason shown by the field at fault. Kinds that are all scalar change nothing: the
 * request is today's /api/differentiate one, which takes no kinds.
 */
function readRequest() {
  const expression = inputs.expression.value.trim();
  if (expression === "") {
    return refuse("expression", "Write the expression to differentiate, e.g. exp(cos(x^2)).");
  }
  const kinds = parseKinds(inputs.variables.value);
  if (typeof kinds === "string") {
    return refuse("variables", kinds);
  }
  const order = Number(inputs.order.value.trim() || "1");
  if (!Number.isInteger(order) || order < 1) {
    return refuse("order", "The order must be a whole number, 1 or more.");
  }
  const variable = inputs.variable.value.trim();
  const matrix = Object.values(kinds).some((kind) => kind !== "scalar");
  if (matrix && order !== 1) {
    return refuse("order", "With a vector or a matrix the order must be 1: the method of differentials gives the gradient ∂f/∂X, a first derivative.");
  }
  const request = matrix ? { expression, variables: kinds, steps: true } : { expression, order, steps: true };
  if (variable !== "") {
    request[matrix ? "wrt" : "variable"] = variable;
  }
  if (inputs.brief.checked) {
    request.detail = "brief";
  }
  return { matrix, request };

  function refuse(field, message) {
    setError(field, message);
    inputs[field].focus();
    setStatus(`Not derived: ${message}`);
    return null;
  }
}

/**
 * The Variables field as the API's `variables`: "a: vector, W: matrix" → { a: "vector", W: "matrix" }
 * (commas, semicolons or new lines between them), "S: symmetric matrix" → { kind: "matrix", symmetric: true };
 * {} when it is empty. A kind is passed on as written (in lower case), so the API judges it and a wrong one
 * is refused by this field; what is not `name: kind` at all comes back as the sentence that says so.
 */
export function parseKinds(text) {
  const kinds = {};
  for (const entry of text.split(/[,;\n]/).map((part) => part.trim()).filter((part) => part !== "")) {
    const colon = entry.indexOf(":");
    if (colon < 0) {
      return `Write each variable as name: kind, e.g. W: matrix; '${entry}' has no colon.`;
    }
    const name = entry.slice(0, colon).trim();
    const kind = entry.slice(colon + 1).trim().toLowerCase().replace(/\s+/g, " ");
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
      return `'${name}' is not a name: a name is letters, digits and _, starting with a letter.`;
    }
    if (kind === "") {
      return `Give ${name} a kind: scalar, vector or matrix.`;
    }
    if (Object.hasOwn(kinds, name)) {
      return `${name} is declared twice; give each name one kind.`;
    }
    kinds[name] = kind === "symmetric matrix" ? { kind: "matrix", symmetric: true } : kind;
  }
  return kinds;
}

/**
 * Which field a problem document is about: its `field` where it names one (the API's `wrt` is the
 * Variable field); a limit on the order by the order; the kinds, the variable or the order where the title
 * says so ("Invalid variables", "Variable required", "Unknown variable", "Invalid order"), since those
 * problems carry no `field`; anything else (a syntax error with its position, an unknown function, a shape
 * that does not fit) by the expression.
 */
function fieldOf(problem) {
  const field = FIELD_ALIASES[problem?.field] ?? problem?.field;
  if (field && ERROR_IDS[field]) {
    return field;
  }
  if (problem?.limit === "maxOrder" || /\border\b/i.test(problem?.title ?? "")) {
    return "order";
  }
  if (/\b(variables|kinds?)\b/i.test(problem?.title ?? "")) {
    return "variables";
  }
  if (/\b(variable|wrt)\b/i.test(problem?.title ?? "")) {
    return "variable";
  }
  return "expression";
}

/** The problem by its field; the last answer goes, so neither it nor "Minimise this" passes for this expression's. */
function showProblem(error) {
  const field = error instanceof ApiError ? fieldOf(error.problem) : "expression";
  setError(field, error.message);
  setStatus(`Not derived: ${error.message}`);
  answered = null;
  $("#derive-answer-panel").hidden = true;
  const note = element("p", "hint", "No derivation: the reason is by the field it is about.");
  $("#derive-steps").replaceChildren(note);
  const position = error.problem?.position;
  const input = inputs.expression;
  if (field === "expression" && Number.isInteger(position) && error.problem?.expression === input.value.trim()) {
    const offset = input.value.indexOf(input.value.trim());
    input.focus();
    input.setSelectionRange(offset + position, Math.min(input.value.length, offset + position + 1));
  }
}

export async function derive() {
  clearErrors();
  const read = readRequest();
  if (!read) {
    return;
  }
  const { matrix, request } = read;
  current?.abort();
  const controller = new AbortController();
  current = controller;
  $("#derive").disabled = true;
  setStatus("Deriving…");
  const started = performance.now();
  try {
    const answer = await (matrix ? matrixGradient : differentiate)(request, controller.signal);
    if (controller !== current) {
      return;
    }
    answered = { matrix, request, answer };
    let lines;
    if (matrix) {
      const gradients = gradientsOf(answer);
      renderGradients(answer, gradients);
      renderMatrixSteps(gradients);
      lines = gradients.reduce((sum, g) => sum + (g.steps?.length ?? 0), 0);
    } else {
      renderAnswer(answer);
      renderSteps(answer.steps ?? []);
      lines = answer.steps?.length ?? 0;
    }
    showMinimise(matrix);
    const how = matrix ? `, by the method of differentials${gradientCount(answer)}` : "";
    setStatus(`${lines} line${lines === 1 ? "" : "s"}${how}${request.detail ? " (brief)" : ""}, in ${formatMilliseconds(performance.now() - started)}.`);
  } catch (error) {
    if (error.name !== "AbortError" && controller === current) {
      showProblem(error);
    }
  } finally {
    if (controller === current) {
      $("#derive").disabled = false;
    }
  }
}

/** "Minimise this" works on scalar derivations; after a matrix one it is off, and its hint says why. */
function showMinimise(matrix) {
  $("#minimise-this").disabled = matrix;
  $("#minimise-hint").textContent = matrix ? MINIMISE_MATRIX_HINT : MINIMISE_HINT;
}

/** d/dx, or dᵏ/dxᵏ for a higher order, as MathML. */
function operatorMath(variable, order) {
  const power = (base) => (order > 1 ? mathEl("msup", {}, base, mathEl("mn", {}, String(order))) : base);
  return mathEl("mfrac", {}, power(mathEl("mi", {}, "d")), mathEl("mrow", {}, mathEl("mi", {}, "d"), power(nameMath(variable))));
}

function renderAnswer(answer) {
  const expression = mathFromMarkup(answer.expressionMathml);
  const operand = expression ? mathEl("mrow", {}, mathEl("mo", {}, "("), mathEl("mrow", {}, ...expression.childNodes), mathEl("mo", {}, ")")) : mathEl("mtext", {}, answer.expression);
  const left = mathEl("mrow", {}, operatorMath(answer.variable, answer.order ?? 1), operand);
  const row = element("div", "maths__row");
  const math = mathFromMarkup(answer.mathml) ?? mathEl("mtext", {}, answer.derivative);
  row.appendChild(equationMath(left, math));
  const text = element("code", "maths__text");
  text.id = "derive-answer-text";
  text.textContent = answer.derivative;
  row.appendChild(text);
  const parts = [row];
  if ((answer.conditions ?? []).length > 0) {
    const where = element("p", "hint", `Where ${answer.conditions.map((c) => c.text).join(" and ")}.`);
    parts.push(where);
  }
  $("#derive-answer").replaceChildren(...parts);
  $("#derive-answer-panel").hidden = false;
}

/** The lines as one ordered list, or, for a higher order, one list per order under "Order k", numbered on. */
function renderSteps(steps) {
  const orders = [...new Set(steps.map((s) => s.order ?? 1))];
  const parts = [];
  let number = 1;
  for (const order of orders) {
    const lines = steps.filter((s) => (s.order ?? 1) === order);
    if (orders.length > 1) {
      const heading = element("h4", "derivation__order", `Order ${order}`);
      parts.push(heading);
    }
    const list = element("ol", "derivation__lines");
    list.start = number;
    list.append(...lines.map((step) => lineItem(step)));
    parts.push(list);
    number += lines.length;
  }
  $("#derive-steps").replaceChildren(...parts);
}

/**
 * One line: its rule (with, for a matrix line, its form and the Matrix Cookbook's equation where the API
 * names it), the line in MathML, its text, and why. `left`, where given, is what the line equals
 * (df, ∂f/∂W), set before it as "left = line", so a differential and the gradient read apart at a glance.
 */
function lineItem(step, left = null) {
  const item = element("li", step.form ? `step step--${step.form}` : "step");
  item.dataset.rule = step.rule;
  const head = element("div", "step__head");
  const rule = element("p", "step__rule", ruleLabel(step.rule));
  head.appendChild(rule);
  if (step.form) {
    item.dataset.form = step.form;
    const form = element("span", "step__form", step.form);
    head.appendChild(form);
  }
  if (step.reference) {
    const reference = element("span", "step__reference", step.reference);
    head.appendChild(reference);
  }
  const line = element("div", "step__math");
  const given = mathFromMarkup(step.mathml) ?? mathEl("math", {}, mathEl("mtext", {}, step.expression));
  const math = left ? equationMath(left, given) : given;
  math.setAttribute("display", "block");
  line.appendChild(math);
  const text = element("code", "step__text", step.expression);
  const why = element("p", "step__why", step.explanation);
  item.append(head, line, text, why);
  return item;
}

/** The answer's gradients in the order of its `wrt`, each with its variable's name. */
function gradientsOf(answer) {
  const names = answer.wrt ?? Object.keys(answer.gradients ?? {});
  return names.filter((name) => answer.gradients?.[name]).map((name) => ({ name, ...answer.gradients[name] }));
}

function gradientCount(answer) {
  const count = gradientsOf(answer).length;
  return count > 1 ? `, ${count} gradients` : "";
}

/** ∂f/∂W, or ∂/∂W when `operand` is given (∂/∂W (…)), as MathML. */
function partialMath(name, operand = null) {
  const partial = () => mathEl("mi", {}, "∂");
  const top = operand ? partial() : mathEl("mrow", {}, partial(), mathEl("mi", {}, "f"));
  const fraction = mathEl("mfrac", {}, top, mathEl("mrow", {}, partial(), nameMath(name)));
  return operand ? mathEl("mrow", {}, fraction, operand) : fraction;
}

/** What a matrix line equals: df for a differential, ∂f/∂X for the gradient; nothing for a form not known here. */
function formLeft(form, name) {
  if (form === "differential") {
    return mathEl("mrow", {}, mathEl("mi", {}, "d"), mathEl("mi", {}, "f"));
  }
  return form === "gradient" ? partialMath(name) : null;
}

/** Each gradient as ∂/∂X (f) = G, with its conditions, then the layout the API used. */
function renderGradients(answer, gradients) {
  const parts = [];
  for (const g of gradients) {
    const expression = mathFromMarkup(answer.expressionMathml);
    const operand = expression ? mathEl("mrow", {}, mathEl("mo", {}, "("), mathEl("mrow", {}, ...expression.childNodes), mathEl("mo", {}, ")")) : mathEl("mtext", {}, answer.expression);
    const row = element("div", "maths__row");
    row.dataset.wrt = g.name;
    row.appendChild(equationMath(partialMath(g.name, operand), mathFromMarkup(g.mathml) ?? mathEl("mtext", {}, g.expression)));
    const text = element("code", "maths__text", g.expression);
    row.appendChild(text);
    parts.push(row);
    if ((g.conditions ?? []).length > 0) {
      const where = element("p", "hint", `Where ${g.conditions.map((c) => c.text).join(" and ")}.`);
      parts.push(where);
    }
  }
  if (answer.layoutNote) {
    const layout = element("p", "hint", answer.layoutNote);
    parts.push(layout);
  }
  $("#derive-answer").replaceChildren(...parts);
  $("#derive-answer-panel").hidden = false;
}

/** Each gradient's lines as one ordered list, under "∂f/∂X" when there are several, numbered on. */
function renderMatrixSteps(gradients) {
  const parts = [];
  let number = 1;
  for (const g of gradients) {
    const steps = g.steps ?? [];
    if (gradients.length > 1) {
      const heading = element("h4", "derivation__order", `∂f/∂${g.name}`);
      parts.push(heading);
    }
    const list = element("ol", "derivation__lines");
    list.start = number;
    list.append(...steps.map((step) => lineItem(step, formLeft(step.form, g.name))));
    parts.push(list);
    number += steps.length;
  }
  $("#derive-steps").replaceChildren(...parts);
}

/** An example fills the form with a lecture's matrix derivation and derives it, as pressing Derive would. */
for (const example of document.querySelectorAll(".derive__examples [data-expression]")) {
  example.addEventListener("click", () => {
    inputs.expression.value = example.dataset.expression;
    inputs.variables.value = example.dataset.variables ?? "";
    inputs.variable.value = example.dataset.variable ?? "";
    inputs.order.value = "1";
    deriveForm.requestSubmit();
  });
}

/**
 * The derived expression as a loss with 0.5 for each free scalar name (the gradient's names, in order of
 * first appearance; the variable alone where the expression has none), handed to `take`; not run.
 */
export async function minimiseThis(take) {
  if (!answered || answered.matrix) {
    return;
  }
  const { request, answer } = answered;
  const button = $("#minimise-this");
  button.disabled = true;
  $("#minimise-error").hidden = true;
  try {
    let names;
    try {
      names = Object.keys((await gradient({ expression: request.expression })).gradient ?? {});
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 422)) {
        throw error;
      }
      names = [];
    }
    if (names.length === 0) {
      names = [answer.variable];
    }
    take(request.expression, Object.fromEntries(names.map((name) => [name, 0.5])));
  } catch (error) {
    const shown = $("#minimise-error");
    shown.textContent = `Could not read the expression's names: ${error.message}`;
    shown.hidden = false;
  } finally {
    button.disabled = false;
  }
}
