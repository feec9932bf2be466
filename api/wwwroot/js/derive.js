// The Derive view: an expression differentiated with its steps (POST /api/differentiate, "steps": true),
// shown as the answer in MathML and an ordered list of lines, each with its rule, the line itself and the
// sentence that says why; and "Minimise this", which hands the expression to the optimisation form.

import { ApiError, differentiate, gradient } from "./api.js";
import { $ } from "./dom.js";
import { equationMath, formatMilliseconds, mathEl, mathFromMarkup, nameMath } from "./format.js";
import { ruleLabel } from "./labels.js";

export const deriveForm = $("#derive-form");
const inputs = {
  expression: $("#derive-expression"),
  variable: $("#derive-variable"),
  order: $("#derive-order"),
  brief: $("#derive-brief"),
};
/** The error line under each input, by the name the API gives the field in a problem's `field`. */
const ERROR_IDS = {
  expression: "derive-expression-error",
  variable: "derive-variable-error",
  order: "derive-order-error",
  detail: "derive-brief-error",
};

let current = null;
let answered = null;

function setStatus(text) {
  $("#derive-status").textContent = text;
}

function setError(field, message) {
  const element = document.getElementById(ERROR_IDS[field]);
  element.textContent = message ?? "";
  element.hidden = !message;
  document.querySelector(`[aria-describedby~="${ERROR_IDS[field]}"]`)?.setAttribute("aria-invalid", message ? "true" : "false");
}

function clearErrors() {
  Object.keys(ERROR_IDS).forEach((field) => setError(field, null));
  $("#minimise-error").hidden = true;
}

/** The request the fields make, or null with the reason shown by the field at fault. */
function readRequest() {
  const expression = inputs.expression.value.trim();
  if (expression === "") {
    return refuse("expression", "Write the expression to differentiate, e.g. exp(cos(x^2)).");
  }
  const order = Number(inputs.order.value.trim() || "1");
  if (!Number.isInteger(order) || order < 1) {
    return refuse("order", "The order must be a whole number, 1 or more.");
  }
  const request = { expression, order, steps: true };
  const variable = inputs.variable.value.trim();
  if (variable !== "") {
    request.variable = variable;
  }
  if (inputs.brief.checked) {
    request.detail = "brief";
  }
  return request;

  function refuse(field, message) {
    setError(field, message);
    inputs[field].focus();
    setStatus(`Not derived: ${message}`);
    return null;
  }
}

/**
 * Which field a problem document is about: its `field` where it names one; a limit on the order by the
 * order; the variable or the order where the title says so ("Variable required", "Invalid order"), since
 * those problems carry no `field`; anything else (a syntax error with its position, an unknown function)
 * by the expression.
 */
function fieldOf(problem) {
  if (problem?.field && ERROR_IDS[problem.field]) {
    return problem.field;
  }
  if (problem?.limit === "maxOrder" || /\border\b/i.test(problem?.title ?? "")) {
    return "order";
  }
  if (/\bvariable\b/i.test(problem?.title ?? "")) {
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
  const note = document.createElement("p");
  note.className = "hint";
  note.textContent = "No derivation: the reason is by the field it is about.";
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
  const request = readRequest();
  if (!request) {
    return;
  }
  current?.abort();
  const controller = new AbortController();
  current = controller;
  $("#derive").disabled = true;
  setStatus("Deriving…");
  const started = performance.now();
  try {
    const answer = await differentiate(request, controller.signal);
    if (controller !== current) {
      return;
    }
    answered = { request, answer };
    renderAnswer(answer);
    renderSteps(answer.steps ?? []);
    const lines = answer.steps?.length ?? 0;
    setStatus(`${lines} line${lines === 1 ? "" : "s"}${request.detail ? " (brief)" : ""}, in ${formatMilliseconds(performance.now() - started)}.`);
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

/** d/dx, or dᵏ/dxᵏ for a higher order, as MathML. */
function operatorMath(variable, order) {
  const power = (base) => (order > 1 ? mathEl("msup", {}, base, mathEl("mn", {}, String(order))) : base);
  return mathEl("mfrac", {}, power(mathEl("mi", {}, "d")), mathEl("mrow", {}, mathEl("mi", {}, "d"), power(nameMath(variable))));
}

function renderAnswer(answer) {
  const expression = mathFromMarkup(answer.expressionMathml);
  const operand = expression ? mathEl("mrow", {}, mathEl("mo", {}, "("), mathEl("mrow", {}, ...expression.childNodes), mathEl("mo", {}, ")")) : mathEl("mtext", {}, answer.expression);
  const left = mathEl("mrow", {}, operatorMath(answer.variable, answer.order ?? 1), operand);
  const row = document.createElement("div");
  row.className = "maths__row";
  const math = mathFromMarkup(answer.mathml) ?? mathEl("mtext", {}, answer.derivative);
  row.appendChild(equationMath(left, math));
  const text = document.createElement("code");
  text.className = "maths__text";
  text.id = "derive-answer-text";
  text.textContent = answer.derivative;
  row.appendChild(text);
  const parts = [row];
  if ((answer.conditions ?? []).length > 0) {
    const where = document.createElement("p");
    where.className = "hint";
    where.textContent = `Where ${answer.conditions.map((c) => c.text).join(" and ")}.`;
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
      const heading = document.createElement("h4");
      heading.className = "derivation__order";
      heading.textContent = `Order ${order}`;
      parts.push(heading);
    }
    const list = document.createElement("ol");
    list.className = "derivation__lines";
    list.start = number;
    list.append(...lines.map(lineItem));
    parts.push(list);
    number += lines.length;
  }
  $("#derive-steps").replaceChildren(...parts);
}

function lineItem(step) {
  const item = document.createElement("li");
  item.className = "step";
  item.dataset.rule = step.rule;
  const rule = document.createElement("p");
  rule.className = "step__rule";
  rule.textContent = ruleLabel(step.rule);
  const line = document.createElement("div");
  line.className = "step__math";
  const math = mathFromMarkup(step.mathml) ?? mathEl("math", {}, mathEl("mtext", {}, step.expression));
  math.setAttribute("display", "block");
  line.appendChild(math);
  const text = document.createElement("code");
  text.className = "step__text";
  text.textContent = step.expression;
  const why = document.createElement("p");
  why.className = "step__why";
  why.textContent = step.explanation;
  item.append(rule, line, text, why);
  return item;
}

/**
 * The derived expression as a loss with 0.5 for each free scalar name (the gradient's names, in order of
 * first appearance; the variable alone where the expression has none), handed to `take`; not run.
 */
export async function minimiseThis(take) {
  if (!answered) {
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
    const element = $("#minimise-error");
    element.textContent = `Could not read the expression's names: ${error.message}`;
    element.hidden = false;
  } finally {
    button.disabled = false;
  }
}
