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
  return copy;
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

function numberMath(value) {
  const text = formatNumber(value, 5);
  const times = text.indexOf(" × 10");
  if (times < 0) {
    return text.startsWith("−") ? mathEl("mrow", {}, mathEl("mo", {}, "−"), mathEl("mn", {}, text.slice(1))) : mathEl("mn", {}, text);
  }
  const exponent = text.slice(times + 5).replace(/[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]/g, (c) => "-0123456789"["⁻⁰¹²³⁴⁵⁶⁷⁸⁹".indexOf(c)]);
  return mathEl("mrow", {},
    numberMath(Number(text.slice(0, times).replace("−", "-"))),
    mathEl("mo", {}, "×"),
    mathEl("msup", {}, mathEl("mn", {}, "10"), mathEl("mn", {}, exponent.replace("-", "−"))));
}

/** A number, a vector (as a column) or a matrix (rows of numbers) as MathML. */
export function valueMath(value) {
  if (!Array.isArray(value)) {
    return numberMath(value);
  }
  const rows = value.map((row) => (Array.isArray(row) ? row : [row]));
  const table = mathEl("mtable", {}, ...rows.map((row) => mathEl("mtr", {}, ...row.map((v) => mathEl("mtd", {}, numberMath(v))))));
  return mathEl("mrow", {}, mathEl("mo", { fence: "true" }, "["), table, mathEl("mo", { fence: "true" }, "]"));
}

/** `name = value` as a display <math> element. */
export function equationMath(left, right) {
  return mathEl("math", { display: "block" }, mathEl("mrow", {}, left, mathEl("mo", {}, "="), right));
}
