// Numbers as people read them, and MathML: the API's (checked before it enters the page) and our own
// for the values of a solution.

const MATHML = "http://www.w3.org/1998/Math/MathML";

const SUPERSCRIPT = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };

/** 0.000012 → "1.2 × 10⁻⁵"; 3.14159 → "3.142". */
export function formatNumber(value, digits = 4) {
  if (value === null || value === undefined) {
    return "—";
  }
  if (!Number.isFinite(value)) {
    return Number.isNaN(value) ? "NaN" : value > 0 ? "∞" : "−∞";
  }
  if (value === 0) {
    return "0";
  }
  const abs = Math.abs(value);
  if (abs >= 1e-3 && abs < 1e5) {
    return String(Number(value.toPrecision(digits))).replace("-", "−");
  }
  const [mantissa, exponent] = value.toExponential(digits - 1).split("e");
  const m = String(Number(mantissa)).replace("-", "−");
  const e = String(Number(exponent)).replace(/[-0-9]/g, (c) => SUPERSCRIPT[c]);
  return `${m} × 10${e}`;
}

/** A duration in milliseconds, briefly. */
export function formatMilliseconds(ms) {
  if (ms === null || ms === undefined) {
    return "—";
  }
  return ms < 10 ? `${ms.toFixed(2)} ms` : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

const ELEMENTS = new Set([
  "math", "mi", "mn", "mo", "ms", "mtext", "mspace", "mrow", "mfrac", "msqrt", "mroot", "mstyle", "merror",
  "mpadded", "mphantom", "msub", "msup", "msubsup", "munder", "mover", "munderover", "mtable", "mtr", "mtd",
  "menclose", "semantics", "annotation", "mfenced",
]);
const ATTRIBUTES = new Set([
  "display", "mathvariant", "stretchy", "fence", "separator", "form", "lspace", "rspace", "largeop",
  "movablelimits", "symmetric", "minsize", "maxsize", "accent", "accentunder", "linethickness", "columnalign",
  "rowalign", "columnspacing", "rowspacing", "displaystyle", "scriptlevel", "width", "height", "depth",
  "notation", "open", "close", "separators", "encoding", "columnlines", "rowlines", "frame",
]);

/**
 * The API's MathML as a node of this document, keeping only MathML elements and presentation attributes
 * (nothing that runs or links); null when the markup is not a well-formed <math> element.
 */
export function mathFromMarkup(markup) {
  if (typeof markup !== "string" || markup.trim() === "") {
    return null;
  }
  const parsed = new DOMParser().parseFromString(markup, "application/xml");
  const root = parsed.documentElement;
  if (!root || root.localName !== "math" || parsed.getElementsByTagName("parsererror").length > 0) {
    return null;
  }
  return cleanCopy(root);
}

function cleanCopy(node) {
  if (node.nodeType === Node.TEXT_NODE) {
    return document.createTextNode(node.nodeValue);
  }
  if (node.nodeType !== Node.ELEMENT_NODE || !ELEMENTS.has(node.localName)) {
    return null;
  }
  const copy = document.createElementNS(MATHML, node.localName);
  for (const attribute of node.attributes) {
    if (ATTRIBUTES.has(attribute.name)) {
      copy.setAttribute(attribute.name, attribute.value);
    }
  }
  for (const child of node.childNodes) {
    const clean = cleanCopy(child);
    if (clean) {
      copy.appendChild(clean);
    }
  }
  return typeset(copy);
}

// Two touches of typesetting: a minus sign, not a hyphen; and the transpose's T upright (in this
// language a superscript T is always a transpose).
function typeset(element) {
  if (element.localName === "mo" && element.textContent === "-") {
    element.textContent = "−";
  }
  if (element.localName === "msup" && element.children[1]?.localName === "mi" && element.children[1].textContent === "T") {
    element.children[1].setAttribute("mathvariant", "normal");
  }
  return element;
}

/** Builds a MathML element: mathEl("mi", {}, "x"), or with child elements. */
export function mathEl(name, attributes = {}, ...children) {
  const element = document.createElementNS(MATHML, name);
  for (const [key, value] of Object.entries(attributes)) {
    element.setAttribute(key, value);
  }
  for (const child of children) {
    element.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return element;
}

/** A variable's name as MathML: W_1 → W with subscript 1. */
export function nameMath(name) {
  const [base, ...rest] = name.split("_");
  const identifier = mathEl("mi", base.length > 1 ? { mathvariant: "normal" } : {}, base);
  return rest.length > 0 ? mathEl("msub", {}, identifier, mathEl("mi", {}, rest.join("_"))) : identifier;
}

/**
 * A number, a vector (as a column) or a matrix (rows) as HTML: brackets drawn with CSS stretch with the
 * rows in every browser, where MathML's stretchy fences depend on the fonts installed.
 */
export function valueHtml(value) {
  if (!Array.isArray(value)) {
    const number = document.createElement("span");
    number.className = "number";
    number.textContent = formatNumber(value, 5);
    return number;
  }
  const rows = value.map((row) => (Array.isArray(row) ? row : [row]));
  const matrix = document.createElement("span");
  matrix.className = "matrix";
  matrix.style.setProperty("--columns", String(Math.max(1, ...rows.map((row) => row.length))));
  matrix.setAttribute("role", "img");
  matrix.setAttribute("aria-label", `[${rows.map((row) => row.map((v) => formatNumber(v, 5)).join(", ")).join("; ")}]`);
  for (const row of rows) {
    for (const v of row) {
      const cell = document.createElement("span");
      cell.textContent = formatNumber(v, 5);
      matrix.appendChild(cell);
    }
  }
  return matrix;
}

/** `left = right` as one display <math> element; right may be a whole <math> (its children are moved in). */
export function equationMath(left, right) {
  const rhs = right.localName === "math" ? mathEl("mrow", {}, ...right.childNodes) : right;
  return mathEl("math", { display: "block" }, mathEl("mrow", {}, left, mathEl("mo", {}, "="), rhs));
}
