// The one DOM shorthand every module of the page uses.

export const $ = (selector, root = document) => root.querySelector(selector);
