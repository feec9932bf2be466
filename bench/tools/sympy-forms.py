#!/usr/bin/python3
"""SymPy's simplified derivatives of the corpus cases, written once as data for the forms report (issue 10).

For every case of bench/data/scalar-corpus.jsonl (order 1) and bench/data/high-order-corpus.jsonl (its
"order"): read the expression into SymPy (^ is **, log is natural, e is E, our sigmoid, softplus and log1p
spelled out, every name a real symbol), differentiate it `order` times, simplify() the result and print it
back in CalcApi's language, so that both sides are measured by the same OperationCount over the same parser.
Writes bench/data/sympy-forms.jsonl, one line per case, in corpus order:

    {"id", "order", "sympy": version, "simplified": text in our language or null, "seconds", "status"}

status is "ok", "timeout" (differentiating and simplifying took longer than --timeout seconds, or a smaller n
of the same scaling family did, so this one was not run; the case is then left out of the comparison) "unprintable" (the form needs a function our language lacks, such as DiracDelta; SymPy's own text is kept in
"sympy_text") or "error" (the child process died).

Run with Debian's SymPy (apt-get install -y python3-sympy), from the repository root:

    nice /usr/bin/python3 bench/tools/sympy-forms.py [--timeout 60] [--case ID[,ID]]

Each case runs in a forked child process, so a case that runs past its time is killed cleanly and SymPy's
cache starts empty for every case. With --case, only those rows are recomputed and the others are kept.
"""

import argparse
import json
import multiprocessing
import os
import re
import sys
import time

import sympy as sp
from sympy.parsing.sympy_parser import (
    convert_xor,
    implicit_multiplication,
    parse_expr,
    rationalize,
    standard_transformations,
)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPORA = [os.path.join(ROOT, "bench", "data", "scalar-corpus.jsonl"), os.path.join(ROOT, "bench", "data", "high-order-corpus.jsonl")]
OUTPUT = os.path.join(ROOT, "bench", "data", "sympy-forms.jsonl")

# Our functions in SymPy's terms: the ones SymPy lacks are written out by their definitions.
FUNCTIONS = {
    "sin": sp.sin, "cos": sp.cos, "tan": sp.tan, "sec": sp.sec, "csc": sp.csc, "cot": sp.cot,
    "asin": sp.asin, "acos": sp.acos, "atan": sp.atan,
    "sinh": sp.sinh, "cosh": sp.cosh, "tanh": sp.tanh, "asinh": sp.asinh, "acosh": sp.acosh, "atanh": sp.atanh,
    "exp": sp.exp, "log": sp.log, "ln": sp.log, "sqrt": sp.sqrt, "abs": sp.Abs, "erf": sp.erf,
    "log1p": lambda u: sp.log(1 + u),
    "sigmoid": lambda u: 1 / (1 + sp.exp(-u)),
    "softplus": lambda u: sp.log(1 + sp.exp(u)),
}
CONSTANTS = {"e": sp.E, "pi": sp.pi}
TRANSFORMATIONS = standard_transformations + (implicit_multiplication, convert_xor, rationalize)

# Names SymPy prints that our language reads, and what it spells them as.
OUR_NAMES = {"E": "e", "Abs": "abs"}
OUR_FUNCTIONS = set(FUNCTIONS) - {"ln"}


def read(text):
    """The expression in SymPy, with every free name a real symbol (so d/dx abs(x) is sign(x), as ours)."""
    names = set(re.findall(r"[A-Za-z_][A-Za-z_0-9]*", text)) - set(FUNCTIONS) - set(CONSTANTS)
    local = {**FUNCTIONS, **CONSTANTS, **{n: sp.Symbol(n, real=True) for n in names}}
    return parse_expr(text, local_dict=local, global_dict={"Integer": sp.Integer, "Rational": sp.Rational, "Float": sp.Float, "Symbol": sp.Symbol}, transformations=TRANSFORMATIONS)


def ours(expr):
    """SymPy's expression printed in our language, or None when it needs a function we lack."""
    # A piece on a single point (simplify writes d/dx abs(u) as 0 where u = 0, else …) is where the derivative
    # does not exist: the general piece is the answer, as ours is.
    expr = expr.replace(lambda e: isinstance(e, sp.Piecewise) and e.args[-1].cond == sp.true
                        and all(isinstance(c.cond, sp.Eq) for c in e.args[:-1]), lambda e: e.args[-1].expr)
    # sign(u) = u/abs(u) where it is defined, which is where both derivatives are.
    expr = expr.replace(sp.sign, lambda u: u / sp.Abs(u))
    text = sp.sstr(expr)
    allowed = set(OUR_NAMES) | OUR_FUNCTIONS | {"pi"} | {s.name for s in expr.free_symbols}
    if any(name not in allowed for name in re.findall(r"[A-Za-z_][A-Za-z_0-9]*", text)):
        return None
    text = re.sub(r"\b(E|Abs)\b", lambda m: OUR_NAMES[m.group(1)], text)
    return text.replace("**", "^")


def work(case, queue):
    """In the child: differentiate, simplify, print; sends (status, text, seconds)."""
    sp.core.cache.clear_cache()
    started = time.perf_counter()
    f = read(case["expression"])
    derivative = sp.diff(f, sp.Symbol(case["variable"], real=True), case.get("order", 1))
    simplified = sp.simplify(derivative)
    seconds = time.perf_counter() - started
    text = ours(simplified)
    queue.put(("ok", text, seconds) if text is not None else ("unprintable", sp.sstr(simplified), seconds))


def run(case, timeout):
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=work, args=(case, queue))
    started = time.perf_counter()
    child.start()
    try:
        status, text, seconds = queue.get(timeout=timeout)
    except Exception:  # queue.Empty: past the time, or the child died
        status, text, seconds = ("timeout" if child.is_alive() else "error"), None, time.perf_counter() - started
    if child.is_alive():
        child.kill()
    child.join()
    return status, text, seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--case", default="", help="comma-separated ids to recompute; the other rows are kept")
    args = parser.parse_args()
    only = {c for c in args.case.split(",") if c}

    cases = [json.loads(line) for path in CORPORA for line in open(path, encoding="utf-8") if line.strip()]
    kept = {}
    if only and os.path.exists(OUTPUT):
        kept = {r["id"]: r for r in (json.loads(l) for l in open(OUTPUT, encoding="utf-8") if l.strip())}

    rows = []
    timed_out = {}  # scaling family -> the n that timed out; larger n of it are not run (as the bench report does)
    for i, case in enumerate(cases):
        if only and case["id"] not in only and case["id"] in kept:
            rows.append(kept[case["id"]])
            continue
        if case["group"] == "scaling" and case["size"] > timed_out.get(case["family"], case["size"]):
            status, text, seconds = "timeout", None, 0.0
        else:
            status, text, seconds = run(case, args.timeout)
        if status == "timeout" and case["group"] == "scaling":
            timed_out.setdefault(case["family"], case["size"])
        row = {"id": case["id"], "order": case.get("order", 1), "sympy": sp.__version__, "simplified": text if status == "ok" else None,
               "seconds": round(seconds, 3), "status": status}
        if status == "unprintable":
            row["sympy_text"] = text
        rows.append(row)
        print(f"[{i + 1:3}/{len(cases)}] {case['id']:28} {status:11} {seconds:7.2f} s  {(text or '')[:70]}", file=sys.stderr, flush=True)
        # Written as it goes, so an interrupted run keeps what it measured.
        with open(OUTPUT + ".partial", "w", encoding="utf-8") as out:
            out.writelines(json.dumps(r) + "\n" for r in rows)

    os.replace(OUTPUT + ".partial", OUTPUT)


if __name__ == "__main__":
    multiprocessing.set_start_method("fork")
    main()
