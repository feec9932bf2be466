// The DOM shorthands the modules of the page use.

export const $ = (selector, root = document) => root.querySelector(selector);

/** A new element with its class and, where given, its text (set as text, never parsed as markup). */
export function element(tag, className, text) {
  const created = document.createElement(tag);
  created.className = className;
  if (text !== undefined) {
    created.textContent = text;
  }
  return created;
}
