// What the page calls things: the two runs, the methods, and why a run stopped.

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
