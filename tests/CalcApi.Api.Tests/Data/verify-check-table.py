#!/usr/bin/env python3
"""
Checks every row of check-table.json independently of the engine, so that the table's expected verdicts
are mathematically right before they judge the endpoint:

  python3 tests/CalcApi.Api.Tests/Data/verify-check-table.py [--sympy]

The contract's language is read by a small evaluator of its own (real domain as section 5 says: sqrt of a
negative, log of a non-positive, division by zero, a singular inv are undefined; x^(p/q) with q odd is the
real root), in 40-digit arithmetic (mpmath). The true derivative is mpmath's numerical derivative of the
task's function; a gradient with respect to a vector or matrix is taken entry by entry, and symmetrized for
a variable declared symmetric. A row's verdict is then recomputed:
  differentiate / gradient / matrix-gradient: `invalid` if the answer does not read or has the wrong shape
    (sizes of symbolic dimensions are chosen all different, so a transposed answer is a shape error);
    `equivalent` if it agrees with the derivative at every sampled point where the function is defined;
  equivalent: `notEquivalent` if the two sides differ where both are defined, or if exactly one side is
    defined somewhere (the sampled points include the integers and halves in [-3, 3]) - that is domainDiffers.
With --sympy, each scalar row is also decided symbolically by SymPy where it can (simplify of the difference).
Needs python3-mpmath (and python3-sympy for --sympy), nothing else.
"""
import itertools, json, os, random, re, sys
import mpmath as mp

mp.mp.dps = 40


class Invalid(Exception):
    pass


class Undefined(Exception):
    pass


# ------------------------------------------------------------------ the language: tokens and parser

TOKEN = re.compile(r"\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(\.\*|\./|\.\^|[-+*/^(),']|\u2212))")
SCALAR_FUNCTIONS = {"sin", "cos", "tan", "sec", "csc", "cot", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh",
                    "exp", "log", "ln", "log1p", "sqrt", "abs", "sigmoid", "softplus", "erf"}
MATRIX_FUNCTIONS = {"tr", "det", "logdet", "inv", "sum", "norm", "diag", "transpose", "ones", "zeros"}


def tokenize(text):
    tokens, i = [], 0
    text = text.rstrip()
    while i < len(text):
        m = TOKEN.match(text, i)
        if not m or m.end() == i:
            raise Invalid(f"unexpected character at {i}: {text[i:]!r}")
        kind = "num" if m.group(1) else "name" if m.group(2) else "op"
        value = m.group(1) or m.group(2) or m.group(3)
        tokens.append((kind, "-" if value == "\u2212" else value))
        i = m.end()
    if not tokens:
        raise Invalid("empty")
    return tokens


class Parser:
    """Builds a tree of tuples: ('num', mpf) ('name', s) ('call', f, [args]) ('neg', a) ('bin', op, a, b) ('T', a)."""

    def __init__(self, text):
        self.t = tokenize(text)
        self.i = 0

    def peek(self, k=0):
        return self.t[self.i + k] if self.i + k < len(self.t) else (None, None)

    def take(self, value=None):
        tok = self.peek()
        if tok[0] is None or (value is not None and tok[1] != value):
            raise Invalid(f"expected {value} at token {self.i}")
        self.i += 1
        return tok

    def parse(self):
        e = self.sum()
        if self.i != len(self.t):
            raise Invalid(f"trailing input at token {self.i}: {self.peek()}")
        return e

    def sum(self):
        e = self.term()
        while self.peek()[1] in ("+", "-"):
            op = self.take()[1]
            e = ("bin", op, e, self.term())
        return e

    def term(self):
        e, implicit_ok = self.unary()
        while True:
            kind, value = self.peek()
            if value in ("*", "/", ".*", "./"):
                self.take()
                f, implicit_ok = self.unary()
                e = ("bin", value, e, f)
            elif implicit_ok and (kind in ("num", "name") or value == "("):
                f, implicit_ok = self.unary()
                e = ("bin", "*", e, f)
            else:
                return e

    def unary(self):
        if self.peek()[1] in ("-", "+"):
            op = self.take()[1]
            e, ok = self.unary()
            return (("neg", e) if op == "-" else e), ok
        return self.power()

    def power(self):
        base, ok = self.postfix()
        if self.peek()[1] in ("^", ".^"):
            op = self.take()[1]
            if self.peek() == ("name", "T") and self.peek(1)[1] not in ("(",):
                self.take()
                return self.more_postfix(("T", base)), False
            exponent, ok = self.unary()
            return ("bin", op, base, exponent), ok
        return base, ok

    def more_postfix(self, e):
        while self.peek()[1] == "'":
            self.take()
            e = ("T", e)
        return e

    def postfix(self):
        kind, value = self.peek()
        if kind == "num":
            self.take()
            e, ok = ("num", mp.mpf(value)), True
        elif kind == "name":
            self.take()
            if self.peek()[1] == "(":
                self.take("(")
                args = [self.sum()]
                while self.peek()[1] == ",":
                    self.take()
                    args.append(self.sum())
                self.take(")")
                e, ok = ("call", value, args), True
            else:
                e, ok = ("name", value), False
        elif value == "(":
            self.take()
            e = self.sum()
            self.take(")")
            ok = True
        else:
            raise Invalid(f"unexpected {value!r}")
        if self.peek()[1] == "'":
            e, ok = self.more_postfix(e), False
        return e, ok


# ------------------------------------------------------------------ values: mpf scalars, mp.matrix, and the sized identity I

class Identity:
    def __init__(self, k=1):
        self.k = k


def is_mat(v):
    return isinstance(v, mp.matrix)


def sized(v, like):
    if isinstance(v, Identity):
        if not is_mat(like) or like.rows != like.cols:
            raise Invalid("I without a square partner")
        return v.k * mp.eye(like.rows)
    return v


def collapse(v):
    if is_mat(v) and v.rows == 1 and v.cols == 1:
        return v[0, 0]
    return v


def elementwise(f, v):
    if is_mat(v):
        out = mp.matrix(v.rows, v.cols)
        for i in range(v.rows):
            for j in range(v.cols):
                out[i, j] = f(v[i, j])
        return out
    return f(v)


def ew2(f, a, b):
    if is_mat(a) and is_mat(b):
        if (a.rows, a.cols) != (b.rows, b.cols):
            raise Invalid("element-wise sizes differ")
        out = mp.matrix(a.rows, a.cols)
        for i in range(a.rows):
            for j in range(a.cols):
                out[i, j] = f(a[i, j], b[i, j])
        return out
    if is_mat(a):
        return elementwise(lambda t: f(t, b), a)
    if is_mat(b):
        return elementwise(lambda t: f(a, t), b)
    return f(a, b)


def real_power(x, y):
    if x > 0:
        return mp.power(x, y)
    if x == 0:
        if y > 0:
            return mp.mpf(0)
        raise Undefined("0 to a non-positive power")
    if mp.isint(y) or abs(y - mp.nint(y)) < mp.mpf(10) ** -30:
        return mp.power(x, int(mp.nint(y)))
    for q in (3, 5, 7, 9, 11):
        p = y * q
        if abs(p - mp.nint(p)) < mp.mpf(10) ** -30:
            p = int(mp.nint(p))
            root = -mp.root(-x, q)
            return mp.power(root, p)
    raise Undefined("negative base to a non-integer power")


def div(a, b):
    if b == 0:
        raise Undefined("division by zero")
    return a / b


def check(cond, what):
    if not cond:
        raise Undefined(what)


SCALAR = {
    "sin": mp.sin, "cos": mp.cos,
    "tan": lambda t: (check(abs(mp.cos(t)) > 1e-30, "tan"), mp.tan(t))[1],
    "sec": lambda t: div(1, mp.cos(t)), "csc": lambda t: div(1, mp.sin(t)), "cot": lambda t: div(mp.cos(t), mp.sin(t)),
    "asin": lambda t: (check(-1 <= t <= 1, "asin"), mp.asin(t))[1],
    "acos": lambda t: (check(-1 <= t <= 1, "acos"), mp.acos(t))[1],
    "atan": mp.atan, "sinh": mp.sinh, "cosh": mp.cosh, "tanh": mp.tanh, "asinh": mp.asinh,
    "acosh": lambda t: (check(t >= 1, "acosh"), mp.acosh(t))[1],
    "atanh": lambda t: (check(-1 < t < 1, "atanh"), mp.atanh(t))[1],
    "exp": mp.exp,
    "log": lambda t: (check(t > 0, "log"), mp.log(t))[1],
    "log1p": lambda t: (check(t > -1, "log1p"), mp.log(1 + t))[1],
    "sqrt": lambda t: (check(t >= 0, "sqrt"), mp.sqrt(t))[1],
    "abs": abs, "sigmoid": lambda t: 1 / (1 + mp.exp(-t)), "softplus": lambda t: mp.log(1 + mp.exp(t)), "erf": mp.erf,
}
SCALAR["ln"] = SCALAR["log"]


def evaluate(node, env):
    kind = node[0]
    if kind == "num":
        return node[1]
    if kind == "name":
        name = node[1]
        if name in env:
            return env[name]
        if name == "pi":
            return +mp.pi
        if name == "e":
            return mp.e + 0
        if name == "I":
            return Identity()
        raise Invalid(f"unknown name {name}")
    if kind == "neg":
        v = evaluate(node[1], env)
        return Identity(-v.k) if isinstance(v, Identity) else -v
    if kind == "T":
        v = evaluate(node[1], env)
        return v.T if is_mat(v) else v
    if kind == "call":
        f, args = node[1], node[2]
        if f in SCALAR_FUNCTIONS:
            if len(args) != 1:
                raise Invalid(f"{f} takes one argument")
            return elementwise(SCALAR[f], evaluate(args[0], env))
        if f in ("ones", "zeros"):
            r, c = (int(evaluate(a, env)) for a in args)
            return mp.ones(r, c) if f == "ones" else mp.zeros(r, c)
        if f not in MATRIX_FUNCTIONS or len(args) != 1:
            raise Invalid(f"unknown function {f}")
        v = evaluate(args[0], env)
        if f == "transpose":
            return v.T if is_mat(v) else v
        if f == "sum":
            return mp.fsum(v[i, j] for i in range(v.rows) for j in range(v.cols)) if is_mat(v) else v
        if f == "norm":
            return mp.sqrt(mp.fsum(v[i, j] ** 2 for i in range(v.rows) for j in range(v.cols))) if is_mat(v) else abs(v)
        if f == "diag":
            if not is_mat(v):
                return v
            if v.cols == 1:
                return mp.diag([v[i, 0] for i in range(v.rows)])
            return mp.matrix([[v[i, i]] for i in range(min(v.rows, v.cols))])
        if not is_mat(v):
            if f in ("tr", "det"):
                return v
            if f == "inv":
                return div(1, v)
            return SCALAR["log"](v)
        if v.rows != v.cols:
            raise Invalid(f"{f} of a non-square matrix")
        if f == "tr":
            return mp.fsum(v[i, i] for i in range(v.rows))
        if f == "det":
            return mp.det(v)
        if f == "logdet":
            d = mp.det(v)
            check(d > 0, "logdet")
            return mp.log(d)
        d = mp.det(v)
        check(abs(d) > mp.mpf(10) ** -30, "singular")
        return v ** -1
    # binary
    op, a, b = node[1], evaluate(node[2], env), evaluate(node[3], env)
    if isinstance(a, Identity) and isinstance(b, Identity):
        raise Invalid("I op I")
    if isinstance(a, Identity):
        a = sized(a, b) if is_mat(b) or op != "*" else a
    if isinstance(b, Identity):
        b = sized(b, a) if is_mat(a) or op != "*" else b
    if isinstance(a, Identity):
        return Identity(a.k * b)
    if isinstance(b, Identity):
        return Identity(b.k * a)
    if op in ("+", "-"):
        if is_mat(a) != is_mat(b):      # a scalar added to a vector or matrix is added to each entry
            return ew2(lambda s, t: s + t if op == "+" else s - t, a, b)
        if is_mat(a) and (a.rows, a.cols) != (b.rows, b.cols):
            raise Invalid("sizes of a sum differ")
        return a + b if op == "+" else a - b
    if op == "*":
        if is_mat(a) and is_mat(b):
            if a.cols != b.rows:
                raise Invalid("product not conformable")
            return collapse(a * b)
        return a * b
    if op == "/":
        if is_mat(b):
            raise Invalid("division by a matrix")
        check(b != 0, "division by zero")
        return a / b
    if op == ".*":
        return ew2(lambda s, t: s * t, a, b)
    if op == "./":
        return ew2(div, a, b)
    if op == ".^":
        return ew2(real_power, a, b)
    if op == "^":
        if is_mat(a):
            if is_mat(b) or not mp.isint(b):
                raise Invalid("matrix power")
            check(abs(mp.det(a)) > mp.mpf(10) ** -30 or b >= 0, "singular")
            return a ** int(b)
        if is_mat(b):
            raise Invalid("scalar to a matrix power")
        return real_power(a, b)
    raise Invalid(op)


def read(text):
    return Parser(text).parse()


def value(tree, env):
    try:
        v = evaluate(tree, env)
    except (Undefined, ZeroDivisionError, ValueError):
        return None
    if isinstance(v, Identity):
        raise Invalid("a bare I")
    if is_mat(v):
        if any(not mp.isfinite(v[i, j]) or isinstance(v[i, j], mp.mpc) for i in range(v.rows) for j in range(v.cols)):
            return None
        return v
    if isinstance(v, mp.mpc) or not mp.isfinite(v):
        return None
    return v


def close(a, b, rel=mp.mpf(10) ** -12):
    if is_mat(a) or is_mat(b):
        if not (is_mat(a) and is_mat(b)) or (a.rows, a.cols) != (b.rows, b.cols):
            return False
        return all(close(a[i, j], b[i, j], rel) for i in range(a.rows) for j in range(a.cols))
    return abs(a - b) <= rel * max(1, abs(a), abs(b))


# ------------------------------------------------------------------ points

rng = random.Random(12)


def scalar_points(names, count=60):
    """Random points, plus every combination of a few exact ones (integers, halves) so point-sized domain gaps show."""
    exact = [mp.mpf(k) / 2 for k in range(-6, 7)]
    points = []
    for _ in range(count):
        points.append({n: mp.mpf(rng.uniform(-3, 3)) for n in names})
    for _ in range(count):
        points.append({n: mp.mpf(rng.uniform(0.05, 1.5)) for n in names})
    if len(names) <= 2:
        for combo in itertools.product(exact, repeat=len(names)):
            points.append(dict(zip(names, combo)))
    else:
        for _ in range(100):
            points.append({n: rng.choice(exact) for n in names})
    return points


def free_names(tree, out=None):
    out = [] if out is None else out
    if tree[0] == "name" and tree[1] not in ("pi", "e", "I") and tree[1] not in out:
        out.append(tree[1])
    for child in tree[1:]:
        if isinstance(child, tuple):
            free_names(child, out)
        elif isinstance(child, list):
            for c in child:
                free_names(c, out)
    return out


def derivative(tree, env, var, order):
    """The order-th derivative of the task's function at env, or None where it is not (cleanly) differentiable."""
    def f(t):
        v = value(tree, {**env, var: t})
        if v is None or is_mat(v):
            raise Undefined("f undefined near the point")
        return v
    x0 = env[var]
    try:
        for s in (mp.mpf("-1e-3"), mp.mpf("1e-3")):   # defined around the point: not at a boundary or kink
            f(x0 + s)
        return mp.diff(f, x0, order)
    except (Undefined, ZeroDivisionError, ValueError):
        return None


# ------------------------------------------------------------------ verdicts

def scalar_verdict(expr, answers, variables, orders):
    """answers: {variable: answer text}. Returns (verdict, notes)."""
    f = read(expr)
    trees = {}
    for v, a in answers.items():
        try:
            trees[v] = read(a)
        except Invalid as e:
            return "invalid", [str(e)]
    names = free_names(f)
    for t in trees.values():
        for n in free_names(t):
            if n not in names:
                if n in variables:
                    names.append(n)
                else:
                    return "invalid", [f"answer names {n}, which the task does not"]
    for v in variables:
        if v not in names:
            names.append(v)
    agree = differ = narrower = 0
    witness = None
    for point in scalar_points(names):
        if value(f, point) is None:
            continue
        for v, t in trees.items():
            try:
                d = derivative(f, point, v, orders[v])
            except Invalid as e:
                return "invalid", [str(e)]
            if d is None:
                continue
            try:
                a = value(t, point)
            except Invalid as e:
                return "invalid", [str(e)]
            if a is None:
                narrower += 1
                continue
            if is_mat(a):
                return "invalid", ["matrix answer"]
            if close(d, a, mp.mpf(10) ** -15):
                agree += 1
            else:
                differ += 1
                witness = witness or (point, v, d, a)
    notes = []
    if narrower:
        notes.append(f"answer undefined at {narrower} points where the derivative is defined")
    if differ:
        return "notEquivalent", notes + [f"differs at {fmt(witness[0])}: d/d{witness[1]} = {mp.nstr(witness[2], 8)}, answer {mp.nstr(witness[3], 8)}"]
    if agree < 20:
        return "undecided", notes + [f"only {agree} agreeing points"]
    return "equivalent", notes


def fmt(point):
    return "{" + ", ".join(f"{k}: {mp.nstr(v, 6)}" for k, v in point.items()) + "}"


def equivalent_verdict(expected, answer):
    e = read(expected)
    try:
        a = read(answer)
    except Invalid as ex:
        return "invalid", [str(ex)], False
    names = free_names(e)
    for n in free_names(a):
        if n not in names:
            names.append(n)
    only_one = differ = both = 0
    witness = None
    for point in scalar_points(names):
        ve, va = value(e, point), value(a, point)
        if (ve is None) != (va is None):
            only_one += 1
            witness = witness or ("domain", point, ve, va)
        elif ve is not None:
            both += 1
            if not close(ve, va):
                differ += 1
                witness = ("values", point, ve, va) if witness is None or witness[0] == "domain" else witness
    domain_differs = only_one > 0
    if differ or only_one:
        w = witness
        return "notEquivalent", [f"{w[0]} at {fmt(w[1])}: expected {w[2] if w[2] is None else mp.nstr(w[2], 8)}, answer {w[3] if w[3] is None else mp.nstr(w[3], 8)}"], domain_differs
    if both < 20:
        return "undecided", [f"only {both} points"], False
    return "equivalent", [], False


# matrix-gradient: declarations to concrete sizes

def shapes_for(variables, attempt):
    """Concrete shapes: declared sizes as given, symbolic ones from a list of all-different sizes (rotated per attempt)."""
    sizes = [2, 3, 4, 5, 6, 7, 8]
    out, k = {}, attempt
    for name, decl in variables.items():
        if decl == "scalar":
            out[name] = None
        elif decl == "vector":
            out[name] = (sizes[k % 7], 1); k += 1
        elif decl == "matrix":
            out[name] = (sizes[k % 7], sizes[(k + 1) % 7]); k += 2
        elif "shape" in decl:
            s = decl["shape"]
            out[name] = (s[0], s[1] if len(s) > 1 else 1)
        elif decl.get("symmetric"):
            out[name] = (sizes[k % 7], sizes[k % 7]); k += 1
        else:
            out[name] = (sizes[k % 7], sizes[(k + 1) % 7] if decl.get("kind") == "matrix" else 1); k += 2
    return out


def all_shape_assignments(variables):
    """Every assignment of sizes 2..4 to the symbolic dimensions, most distinct sizes first."""
    dims = []
    for name, decl in variables.items():
        if decl == "vector":
            dims.append((name, 1))
        elif decl == "matrix":
            dims.append((name, 2))
        elif isinstance(decl, dict) and decl.get("symmetric"):
            dims.append((name, "sq"))
    slots = sum(1 if d in (1, "sq") else 2 for _, d in dims)
    assignments = list(itertools.product([2, 3, 4, 5], repeat=slots))
    assignments.sort(key=lambda s: -len(set(s)))
    for sizes in assignments:
        it = iter(sizes)
        out = {}
        for name, decl in variables.items():
            if decl == "scalar":
                out[name] = None
            elif decl == "vector":
                out[name] = (next(it), 1)
            elif decl == "matrix":
                out[name] = (next(it), next(it))
            elif decl.get("symmetric"):
                n = next(it)
                out[name] = (n, n)
            else:
                s = decl["shape"]
                out[name] = (s[0], s[1] if len(s) > 1 else 1)
        yield out


def random_value(shape, symmetric=False):
    if shape is None:
        return mp.mpf(rng.uniform(-1.5, 1.5))
    r, c = shape
    m = mp.matrix(r, c)
    for i in range(r):
        for j in range(c):
            m[i, j] = mp.mpf(rng.uniform(-1, 1))
    if r == c and c > 1:
        m = m + 2 * mp.eye(r)      # det > 0 for logdet, well away from singular
    if symmetric:
        m = (m + m.T) / 2
    return m


def matrix_verdict(expr, variables, wrt, answer):
    f = read(expr)
    try:
        a = read(answer)
    except Invalid as e:
        return "invalid", [str(e)]
    # the most generic sizes under which the task itself is well-shaped
    shapes = None
    for candidate in all_shape_assignments(variables):
        env = {n: random_value(s) for n, s in candidate.items()}
        try:
            v = evaluate(f, env)
        except Invalid:
            continue
        except Undefined:
            pass
        shapes = candidate
        break
    if shapes is None:
        return "undecided", ["no sizes make the task well-shaped"]
    symmetric = {n for n, d in variables.items() if isinstance(d, dict) and d.get("symmetric")}
    agree = differ = 0
    witness = None
    for _ in range(6):
        env = {n: random_value(s, n in symmetric) for n, s in shapes.items()}
        if value(f, env) is None:
            continue
        try:
            got = value(a, env)
        except Invalid as e:
            return "invalid", [str(e)]
        shape = shapes[wrt]
        if got is None:
            continue
        got_shape = (got.rows, got.cols) if is_mat(got) else None
        if got_shape != shape:
            return "invalid", [f"answer shape {got_shape}, variable shape {shape}"]
        grad = gradient(f, env, wrt, shape, wrt in symmetric)
        if close(grad, got, mp.mpf(10) ** -15):
            agree += 1
        else:
            differ += 1
            witness = witness or (grad, got)
    if differ:
        return "notEquivalent", [f"gradient {mp.nstr(witness[0], 6)} vs answer {mp.nstr(witness[1], 6)}".replace("\n", " ")]
    if agree < 3:
        return "undecided", [f"only {agree} points"]
    return "equivalent", []


def gradient(f, env, wrt, shape, symmetric):
    if shape is None:
        return derivative(f, env, wrt, 1)
    r, c = shape
    g = mp.matrix(r, c)
    for i in range(r):
        for j in range(c):
            def fe(t, i=i, j=j):
                m = env[wrt].copy()
                m[i, j] = t
                return evaluate(f, {**env, wrt: m})
            g[i, j] = mp.diff(fe, env[wrt][i, j])
    if symmetric:
        g = (g + g.T) / 2
    return g


# ------------------------------------------------------------------ SymPy, for the scalar rows

def sympy_decide(row):
    import sympy as sp
    from sympy.parsing.sympy_parser import parse_expr, standard_transformations, implicit_multiplication
    names = {"ln": sp.log, "log": sp.log, "abs": sp.Abs, "sigmoid": lambda t: 1 / (1 + sp.exp(-t)),
             "softplus": lambda t: sp.log(1 + sp.exp(t)), "e": sp.E, "pi": sp.pi, "sec": sp.sec, "csc": sp.csc, "cot": sp.cot}

    def sym(text, real_names):
        text = text.replace("^", "**")
        local = dict(names)
        for n in real_names:
            local[n] = sp.Symbol(n, real=True)
        return parse_expr(text, local_dict=local, transformations=standard_transformations + (implicit_multiplication,))

    req = row["request"]
    task = req["task"]
    if task == "differentiate":
        var = req["variable"]
        real = [var] + [n for n in re.findall(r"[A-Za-z_]\w*", req["expression"] + " " + req["answer"]) if n not in names and n not in SCALAR]
        f = sym(req["expression"], real if var != "e" else real)
        if var == "e":
            f = sym(req["expression"].replace("e", "E_"), ["E_"])
            a = sym(req["answer"].replace("e", "E_"), ["E_"])
            d = sp.diff(f, sp.Symbol("E_", real=True))
        else:
            a = sym(req["answer"], real)
            d = sp.diff(f, sp.Symbol(var, real=True), req.get("order", 1))
        diffs = [d - a]
    elif task == "gradient":
        real = req["variables"]
        f = sym(req["expression"], real)
        diffs = [sp.diff(f, sp.Symbol(v, real=True)) - sym(req["answer"][v], real) for v in req["variables"]]
    elif task == "equivalent":
        real = [n for n in re.findall(r"[A-Za-z_]\w*", req["expected"] + " " + req["answer"]) if n not in names and n not in SCALAR]
        diffs = [sym(req["expected"], real) - sym(req["answer"], real)]
    else:
        return None
    zero = all(sp.simplify(sp.expand_trig(sp.simplify(d))) == 0 for d in diffs)
    return "zero" if zero else "nonzero"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    rows = json.load(open(os.path.join(here, "check-table.json")))
    use_sympy = "--sympy" in sys.argv
    problems = 0
    sympy_proved = sympy_checked = 0
    for row in rows:
        req = row["request"]
        task = req["task"]
        notes, domain_differs = [], False
        try:
            if task == "differentiate":
                verdict, notes = scalar_verdict(req["expression"], {req["variable"]: req["answer"]}, [req["variable"]], {req["variable"]: req.get("order", 1)})
            elif task == "gradient":
                verdict, notes = scalar_verdict(req["expression"], req["answer"], req["variables"], {v: 1 for v in req["variables"]})
            elif task == "equivalent":
                verdict, notes, domain_differs = equivalent_verdict(req["expected"], req["answer"])
            else:
                verdict, notes = matrix_verdict(req["expression"], req["variables"], req["wrt"], req["answer"])
        except Invalid as e:
            verdict, notes = "task-invalid", [str(e)]
        diagnosis = row["diagnosis"]
        codes = diagnosis if isinstance(diagnosis, list) else [diagnosis] if diagnosis else []
        bad = verdict != row["verdict"]
        if task == "equivalent" and "domainDiffers" in codes and not domain_differs:
            bad = True
            notes.append("domainDiffers expected, but the domains agree at every sampled point")
        sym_note = ""
        if use_sympy and task != "matrix-gradient" and row["verdict"] != "invalid":
            try:
                decided = sympy_decide(row)
                wanted = "zero" if row["verdict"] == "equivalent" else "nonzero"
                if task == "equivalent" and domain_differs:
                    raise LookupError("SymPy sees values, not real domains")
                sympy_checked += 1
                if decided == wanted:
                    sympy_proved += 1
                    sym_note = "sympy agrees"
                else:
                    sym_note = f"SYMPY: {decided}"
            except Exception as e:  # noqa: BLE001 - a row SymPy cannot read is just not confirmed by it
                sym_note = f"sympy could not decide ({type(e).__name__})"
        flag = "WRONG" if bad else "ok"
        if bad:
            problems += 1
        if bad or "-v" in sys.argv or notes and any("undefined" in n for n in notes) or sym_note.startswith("SYMPY"):
            print(f"{flag:5} {row['id']:6} {row['verdict']:13} got {verdict:13} {'; '.join(notes)} {sym_note}")
    print(f"{len(rows)} rows, {problems} whose verdict the independent evaluation does not confirm")
    if use_sympy:
        print(f"SymPy: {sympy_checked} scalar rows tried, {sympy_proved} decided the same way symbolically")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
