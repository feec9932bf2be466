// The playground: reads the form, runs one or two methods on the same problem through the streaming
// endpoint (or one iteration at a time), and draws what comes back (the loss curve live, then the
// landscape and the maths). This module only wires the page together: the form is form.js, a run is
// run.js, what it shows is results.js, links and copying are share.js and copy.js; the Derive view is
// derive.js, and the tabs between the two views are views.js.

import { copyLatex, copyLink } from "./copy.js";
import { derive, deriveForm, minimiseThis } from "./derive.js";
import { $ } from "./dom.js";
import { applyPreset, applyState, fields, form, markCustom, readState, showCompare, showRequest, takeProblem } from "./form.js";
import { redraw, run, step, stop } from "./run.js";
import { decodeState, encodeState } from "./share.js";
import { showView, wireViews } from "./views.js";

function choosePreset(name) {
  if (applyPreset(name)) {
    redraw();
  }
}

/** The address bar follows what was last run or stepped, so copying it from there shares that too. */
function rememberInAddress() {
  history.replaceState(null, "", `#${encodeState(readState())}`);
}

fields.preset.addEventListener("change", () => choosePreset(fields.preset.value));
fields.compare.addEventListener("change", () => {
  showCompare();
  showRequest();
});
for (const name of ["loss", "initial", "constants", "variables"]) {
  fields[name].addEventListener("input", markCustom);
}
form.addEventListener("input", showRequest);
form.addEventListener("submit", (event) => {
  event.preventDefault();
  rememberInAddress();
  run();
});
for (const each of [form, deriveForm]) {
  each.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      each.requestSubmit();
    }
  });
}
deriveForm.addEventListener("submit", (event) => {
  event.preventDefault();
  derive();
});
// The derived expression becomes the optimisation's loss, but is not run: the person presses Run.
$("#minimise-this").addEventListener("click", () => minimiseThis((loss, initial) => {
  takeProblem(loss, initial);
  showView("optimise");
  $("#status").textContent = `The loss ${loss} is in the form, every unknown at 0.5: choose a method, then Run.`;
  fields.loss.focus();
  redraw();
}));
// Charts are drawn at their panel's width, which is 0 while the view is hidden.
wireViews((name) => {
  if (name === "optimise") {
    redraw();
  }
});
$("#step").addEventListener("click", () => {
  rememberInAddress();
  step();
});
$("#stop").addEventListener("click", stop);
$("#copy-link").addEventListener("click", copyLink);
$("#copy-latex").addEventListener("click", copyLatex);

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

// A link pasted into this tab's address bar changes only the fragment, which does not reload the page.
window.addEventListener("hashchange", () => {
  const state = decodeState(window.location.hash);
  if (state) {
    showView("optimise");
    applyState(state);
    run();
  }
});

// A shared link fills the form and runs it at once: whoever opens it sees what the sender saw.
const shared = decodeState(window.location.hash);
if (shared) {
  applyState(shared);
} else {
  choosePreset(fields.preset.value);
}
showCompare();
redraw();
document.body.dataset.ready = "true";
if (shared) {
  run();
}
