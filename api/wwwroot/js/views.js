// The page's two views as tabs: optimisation (the default, what a shared link opens) and Derive. Only one
// is shown at a time, so each keeps the whole width and its own results.

import { $ } from "./dom.js";

const tabs = [...document.querySelectorAll('.views [role="tab"]')];

/** Shows the view `name` ("optimise" or "derive") and marks its tab; `focus` moves the keyboard to the tab. */
export function showView(name, { focus = false } = {}) {
  for (const tab of tabs) {
    const selected = tab.id === `tab-${name}`;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    $(`#${tab.getAttribute("aria-controls")}`).hidden = !selected;
    if (selected && focus) {
      tab.focus();
    }
  }
  document.body.dataset.view = name;
}

/** Clicks choose a view; Left and Right move between the tabs, as the ARIA tabs pattern has it. */
export function wireViews(onShow) {
  tabs.forEach((tab, index) => {
    const name = tab.id.replace(/^tab-/, "");
    tab.addEventListener("click", () => {
      showView(name);
      onShow?.(name);
    });
    tab.addEventListener("keydown", (event) => {
      const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
      if (step !== 0) {
        event.preventDefault();
        const next = tabs[(index + step + tabs.length) % tabs.length];
        const nextName = next.id.replace(/^tab-/, "");
        showView(nextName, { focus: true });
        onShow?.(nextName);
      }
    });
  });
}
