// The playground: reads the form, runs one or two methods on the same problem through the streaming
// endpoint, and draws what comes back (the loss curve live, then the landscape and the maths).
// This module only wires the page together: the form is form.js, a run is run.js, what it shows is
// results.js.

import { $ } from "./dom.js";
import { applyPreset, fields, form, markCustom, showCompare, showRequest } from "./form.js";
import { redraw, run, stop } from "./run.js";

function choosePreset(name) {
  if (applyPreset(name)) {
    redraw();
  }
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

choosePreset(fields.preset.value);
showCompare();
redraw();
document.body.dataset.ready = "true";
