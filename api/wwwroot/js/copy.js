// The two Copy buttons: the link to this run (share.js writes it), and the loss in LaTeX (the API's,
// from the last run of this loss, else asked of /api/matrix-gradient, which answers it for any loss).
// What was copied is also shown in a box under the buttons, to select by hand where the clipboard is
// refused (a page served over plain http from another machine has none).

import { ApiError, matrixGradient } from "./api.js";
import { $ } from "./dom.js";
import { FormError, readForm, readState, setError, showProblem } from "./form.js";
import { lastResultFor } from "./run.js";
import { linkFor } from "./share.js";

export async function copyLink() {
  await show("link", linkFor(readState()));
}

export async function copyLatex() {
  let problem;
  try {
    problem = readForm().problem;
  } catch (error) {
    if (error instanceof FormError) {
      setError(error.errorId, error.message);
      return;
    }
    throw error;
  }
  let latex = lastResultFor(problem.loss)?.lossLatex;
  if (!latex) {
    try {
      const answer = await matrixGradient({
        expression: problem.loss,
        variables: problem.variables,
        wrt: Object.keys(problem.initial),
        at: { ...(problem.constants ?? {}), ...problem.initial },
      });
      latex = answer.expressionLatex;
    } catch (error) {
      if (error instanceof ApiError) {
        showProblem(error);
      }
      $("#copied-note").textContent = `No LaTeX: ${error.message}`;
      return;
    }
  }
  await show("LaTeX of the loss", latex);
}

async function show(what, text) {
  const box = $("#copied");
  box.value = text;
  box.hidden = false;
  box.dataset.what = what === "link" ? "link" : "latex";
  let copied = false;
  try {
    await navigator.clipboard.writeText(text);
    copied = true;
  } catch {
    // no clipboard here: the box below is selected instead
  }
  $("#copied-note").textContent = copied ? `Copied the ${what}.` : `The ${what} is below, selected: copy it with Ctrl+C.`;
  if (!copied) {
    box.focus();
    box.select();
  }
}
