// The problems the playground offers to start from. Each fills the form: the loss, the values that
// are held fixed, the unknowns' starting point, and a method for each side of the comparison.

const X = [[1, 2], [2, 0.5], [-1, -1.5], [-1.5, 0.5], [0.5, -1], [-1, -0.5]];

export const presets = {
  lecture: {
    note: "The lecture's example: the 2×3 matrix W is the unknown; a, b and c are data.",
    loss: "(a'*W*b - c)^2",
    variables: { a: "vector", b: "vector", W: "matrix", c: "scalar" },
    constants: { a: [1, 2], b: [3, -1, 0.5], c: 1.5 },
    initial: { W: [[0, 0, 0], [0, 0, 0]] },
    maxIterations: 1000,
    tolerance: 1e-8,
    a: { method: "gd", learningRate: 0.01 },
    b: { method: "momentum", learningRate: 0.01, momentum: 0.5 },
  },
  quadratic: {
    note: "A convex quadratic in a 2-vector: one minimum, elliptic contours.",
    loss: "x'*M*x + a'*x",
    variables: null,
    constants: { M: [[3, 0.5], [0.5, 2]], a: [1, -2] },
    initial: { x: [0, 0] },
    maxIterations: 1000,
    tolerance: 1e-8,
    a: { method: "gd", learningRate: 0.1 },
    b: { method: "momentum", learningRate: 0.05, momentum: 0.6 },
    chart: "gap",
  },
  rosenbrock: {
    note: "Rosenbrock's function: a curved, flat-bottomed valley with its minimum at (1, 1).",
    loss: "(1 - x)^2 + 100*(y - x^2)^2",
    variables: null,
    constants: {},
    initial: { x: -1.2, y: 1 },
    maxIterations: 5000,
    tolerance: 1e-6,
    a: { method: "adam", learningRate: 0.02 },
    b: { method: "gd", learningRate: 0.01, lineSearch: "armijo" },
  },
  leastsquares: {
    note: "Fitting a line b ≈ w₁ + w₂t through five points: A's columns are 1 and t.",
    loss: "norm(A*w - b)^2",
    variables: null,
    constants: {
      A: [[1, 0.5], [1, 1.5], [1, 2.5], [1, 3.5], [1, 4.5]],
      b: [1.1, 1.9, 3.2, 3.9, 5.1],
    },
    initial: { w: [0, 0] },
    maxIterations: 2000,
    tolerance: 1e-8,
    a: { method: "gd", learningRate: 0.01 },
    b: { method: "nesterov", learningRate: 0.01, momentum: 0.8 },
    chart: "gap",
  },
  logistic: {
    note: "Six labelled points (y = ±1) that no line through the origin separates, so the minimum is finite.",
    loss: "sum(log(1 + exp(-y .* (X*w))))",
    variables: null,
    constants: { X, y: [1, 1, -1, -1, 1, 1] },
    initial: { w: [0, 0] },
    maxIterations: 2000,
    tolerance: 1e-8,
    a: { method: "gd", learningRate: 0.1 },
    b: { method: "adam", learningRate: 0.1 },
    chart: "gap",
  },
};

/** The parameters a method starts from when a preset does not name them. */
export const methodDefaults = {
  method: "gd",
  learningRate: 0.01,
  momentum: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  lineSearch: "none",
  memory: 10,
};

/** Writes a JSON value compactly, keeping each row of a matrix on one line. */
export function compactJson(value) {
  if (value === null || value === undefined) {
    return "";
  }
  const inner = (v) => (Array.isArray(v) ? `[${v.map(inner).join(", ")}]` : JSON.stringify(v));
  const entries = Object.entries(value);
  if (entries.length === 0) {
    return "{}";
  }
  return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inner(v)}`).join(", ")} }`;
}
