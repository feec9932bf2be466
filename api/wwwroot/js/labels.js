// What the page calls things: the two runs, the methods, why a run stopped, and the rules of a derivation
// (scalar, and matrix by the method of differentials).

export const RUN_LABELS = { a: "A", b: "B" };
const METHOD_NAMES = { gd: "gradient descent", momentum: "momentum", nesterov: "Nesterov", adam: "Adam", lbfgs: "L-BFGS", newton: "Newton" };
export const STOP_REASONS = {
  tolerance: "converged: the gradient's norm fell below the tolerance",
  maxIterations: "stopped: the iteration budget ran out",
  diverged: "diverged: the loss stopped being finite or grew without bound",
  timeLimit: "stopped: the server's time limit was reached",
  outsideDomain: "stopped: a step left the loss's domain; the last point where it was defined is kept",
};

/** "A · gradient descent, η = 0.01", with ", Armijo" when the step is searched for. */
export function runLabel(run) {
  const settings = run.optimizer;
  if (settings.method === "lbfgs") {
    return `${RUN_LABELS[run.key]} · L-BFGS, memory ${settings.memory}, Wolfe search`;
  }
  if (settings.method === "newton") {
    return `${RUN_LABELS[run.key]} · Newton, Hessian steps, Armijo-damped`;
  }
  const step = settings.lineSearch === "armijo" ? ", Armijo" : "";
  return `${RUN_LABELS[run.key]} · ${METHOD_NAMES[settings.method] ?? settings.method}, η = ${settings.learningRate}${step}`;
}

const RULE_LABELS = {
  start: "Start",
  constant: "Constant rule",
  variable: "Variable rule",
  sum: "Sum rule",
  constantFactor: "Constant factor rule",
  product: "Product rule",
  quotient: "Quotient rule",
  power: "Power rule",
  exponential: "Exponential rule",
  generalPower: "General power rule",
  logarithm: "Logarithm rule",
  trigonometric: "Trigonometric rule",
  inverseTrigonometric: "Inverse trigonometric rule",
  hyperbolic: "Hyperbolic rule",
  absoluteValue: "Absolute value rule",
  special: "Special function rule",
  chain: "Chain rule",
  simplify: "Simplified",
  // The matrix rules (the method of differentials); product, chain, simplify and start are shared above.
  linearity: "Linearity",
  transpose: "Transpose rule",
  trace: "Trace rule",
  traceCyclic: "Cyclic property of the trace",
  determinant: "Determinant rule",
  logdet: "Log-determinant rule",
  inverse: "Inverse rule",
  elementwise: "Element-wise rule",
  identify: "Identify the gradient",
  symmetrize: "Symmetrise",
  layout: "Layout",
};

/**
 * A derivation line's rule as a person names it: "chain" → "Chain rule". The contract may add rule codes,
 * so an unknown one is spelled out from its camel case ("someNewRule" → "Some new rule") rather than hidden.
 */
export function ruleLabel(code) {
  if (RULE_LABELS[code]) {
    return RULE_LABELS[code];
  }
  const words = String(code ?? "").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
