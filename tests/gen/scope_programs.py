#!/usr/bin/env python3
"""scope_programs.py -- differential testing of cellar against CPython on random scope programs.

Usage:
  python3 tests/gen/scope_programs.py CELLAR [--count N] [--seed S] [--keep DIR] [--python PY]
  python3 tests/gen/scope_programs.py --show SEED      print the program made from one seed

Each program is made from its own seed (S, S+1, ...), so a failure is reproduced by its seed
alone. A program nests functions up to three deep and mixes what decides a name's scope:
assignment, `nonlocal` and `global`, parameters, late binding in loops and comprehensions,
augmented assignment on every kind of target (local, parameter, cell, global, item,
attribute; the target on both sides too), `del`, the walrus operator and calls through the
closures made. Top-level calls are wrapped so that an exception prints its type and message
and the run goes on; some programs are SyntaxErrors on purpose, which both must report alike.

Each program runs under CPython and under cellar; stdout, the exit status and the last line
of stderr must be the same. Mismatches are printed with their seed (and written to --keep);
the exit status is 1 when any program differs.
"""
import os
import random
import re
import subprocess
import sys

NAMES = ["a", "b", "c", "n", "total"]
AUG_OPS = ["+=", "-=", "*=", "//=", "%=", "|=", "^=", "<<="]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.lines = []
        self.counter = 0

    def fresh(self, prefix):
        self.counter += 1
        return f"{prefix}{self.counter}"

    def emit(self, depth, text):
        self.lines.append("    " * depth + text)

    def name(self):
        return self.r.choice(NAMES)

    def atom(self, names):
        r = self.r.random()
        if r < 0.45 and names:
            return self.r.choice(names)
        if r < 0.55:
            return self.name()
        return str(self.r.randint(-3, 9))

    def expr(self, names, depth=0):
        r = self.r.random()
        if depth > 1 or r < 0.4:
            return self.atom(names)
        if r < 0.7:
            op = self.r.choice(["+", "-", "*", "%", "//"])
            return f"({self.expr(names, depth + 1)} {op} {self.expr(names, depth + 1)})"
        if r < 0.8:
            v = self.r.choice(names) if names else "a"
            return f"({v} := {self.expr(names, depth + 1)})"
        if r < 0.9:
            v = self.fresh("k")
            return f"sum([{v} + {self.atom(names)} for {v} in range(3)])"
        return f"len([{self.atom(names)} for _ in range(2)])"

    def target(self, names):
        return self.r.choice(names) if names and self.r.random() < 0.7 else self.name()

    def statement(self, depth, names, in_func, outer_names):
        r = self.r.random()
        t = self.target(names)
        if r < 0.22:
            self.emit(depth, f"{t} = {self.expr(names)}")
            if t not in names:
                names.append(t)
        elif r < 0.40:
            op = self.r.choice(AUG_OPS)
            rhs = t if self.r.random() < 0.4 else self.expr(names)
            if op == "<<=":
                rhs = str(self.r.randint(0, 3))
            if op in ("//=", "%="):
                rhs = str(self.r.choice([1, 2, 3, -2]))
            self.emit(depth, f"{t} {op} {rhs}")
        elif r < 0.48:
            self.emit(depth, f"print({self.r.choice(['', repr(t) + ', '])}{self.expr(names)})")
        elif r < 0.53:
            self.emit(depth, f"del {t}")
        elif r < 0.60:
            self.emit(depth, f"box[{self.r.randint(0, 2)}] {self.r.choice(AUG_OPS[:3])} {self.expr(names)}")
        elif r < 0.65:
            k = self.r.choice(["'x'", "'y'"])
            self.emit(depth, f"reg[{k}] = reg.get({k}, 0) + {self.atom(names)}")
        elif r < 0.70:
            self.emit(depth, f"ns.v {self.r.choice(['+=', '-=', '*='])} {self.r.choice(['ns.v', self.atom(names)])}")
        elif r < 0.78:
            v = self.fresh("i")
            fs = self.fresh("fs")
            self.emit(depth, f"{fs} = []")
            self.emit(depth, f"for {v} in range({self.r.randint(1, 4)}):")
            self.emit(depth + 1, f"{fs}.append(lambda: {v} + {self.atom(names)})")
            if self.r.random() < 0.5:
                self.emit(depth + 1, f"{v} += 10")
            self.emit(depth, f"print([f() for f in {fs}])")
        elif r < 0.84:
            v = self.fresh("j")
            self.emit(depth, f"print([(lambda: {v} * 2)() for {v} in range({self.r.randint(1, 3)})], "
                             f"[{self.r.choice(names) if names else 'a'} for _ in range(2)])")
        elif r < 0.90:
            self.emit(depth, f"if {self.expr(names)} > {self.r.randint(-2, 5)}:")
            self.statement(depth + 1, names, in_func, outer_names)
            self.emit(depth, "else:")
            self.statement(depth + 1, names, in_func, outer_names)
        elif r < 0.95:
            self.emit(depth, f"while {t} if isinstance({t}, int) and {t} < 5 else False:")
            self.emit(depth + 1, f"{t} += 2")
        else:
            self.emit(depth, f"print({self.expr(names)}, {self.expr(names)})")

    def function(self, depth, outer_names, level):
        fname = self.fresh("f")
        params = self.r.sample(NAMES, self.r.randint(0, 2))
        required = len(params)
        if self.r.random() < 0.2:
            params.append(f"{self.fresh('d')}={self.r.randint(0, 4)}")
        self.emit(depth, f"def {fname}({', '.join(params)}):")
        names = [p.split("=")[0] for p in params]
        body = depth + 1
        # A declaration before any use, as CPython requires; a few come after a use, to make
        # the SyntaxError that both must report.
        decl_late = self.r.random() < 0.03
        decl = None
        if self.r.random() < 0.45:
            candidates = [n for n in outer_names if n not in names]
            if level > 0 and candidates and self.r.random() < 0.7:
                decl = ("nonlocal", self.r.sample(candidates, self.r.randint(1, min(2, len(candidates)))))
            elif self.r.random() < 0.9:
                decl = ("global", self.r.sample([n for n in NAMES if n not in names] or ["total"], 1))
            else:
                decl = ("nonlocal", [self.name()])
        if decl and not decl_late:
            self.emit(body, f"{decl[0]} {', '.join(decl[1])}")
            names.extend(n for n in decl[1] if n not in names)
        for _ in range(self.r.randint(1, 4)):
            self.statement(body, names, True, outer_names)
        if decl and decl_late:
            self.emit(body, f"{decl[0]} {', '.join(decl[1])}")
        inner = None
        if level < 2 and self.r.random() < 0.7:
            inner, inner_required, _ = self.function(body, list(dict.fromkeys(names + outer_names)), level + 1)
            for _ in range(self.r.randint(0, 2)):
                self.statement(body, names, True, outer_names)
        ret = self.r.random()
        returned = None
        if inner and ret < 0.5:
            self.emit(body, f"return {inner}")
            returned = inner_required
        elif inner and ret < 0.75:
            self.emit(body, f"return {inner}({self.args(inner_required)}), {self.expr(names)}")
        else:
            self.emit(body, f"return {self.expr(names)}")
        return fname, required, returned

    def args(self, required):
        """Arguments for a call: mostly as many as the function needs, sometimes one off."""
        n = required if self.r.random() < 0.85 else max(0, required + self.r.choice([-1, 1]))
        return ", ".join(str(self.r.randint(0, 5)) for _ in range(n))

    def program(self):
        self.emit(0, "box = [1, 2, 3]")
        self.emit(0, "reg = {}")
        self.emit(0, "def ns(): pass")
        self.emit(0, "ns.v = 1")
        for n in self.r.sample(NAMES, self.r.randint(1, len(NAMES))):
            self.emit(0, f"{n} = {self.r.randint(-2, 6)}")
        for _ in range(self.r.randint(1, 3)):
            fname, required, returned = self.function(0, [], 0)
            for _ in range(self.r.randint(1, 3)):
                self.emit(0, "try:")
                self.emit(1, f"r = {fname}({self.args(required)})")
                self.emit(1, f"print(r({self.args(returned or 0)}) if callable(r) else r)")
                self.emit(1, "if callable(r) and r.__closure__:")
                self.emit(2, "print(r.__code__.co_freevars, [c.cell_contents for c in r.__closure__])")
                self.emit(0, "except Exception as e:")
                self.emit(1, "print(type(e).__name__, e)")
        self.emit(0, "print(box, reg, ns.v, [globals().get(k) for k in " + repr(NAMES) + "])")
        return "\n".join(self.lines) + "\n"


def run(cmd, path):
    p = subprocess.run(cmd + [path], capture_output=True, stdin=subprocess.DEVNULL, timeout=30,
                       env=dict(os.environ, NO_COLOR="1", PYTHONHASHSEED="0"))
    err = p.stderr.decode("utf-8", "replace").strip().splitlines()
    # Functions returned by the inner levels print with their addresses, which differ.
    out = re.sub(r"0x[0-9a-f]+", "0xADDR", p.stdout.decode("utf-8", "replace"))
    return out, p.returncode, err[-1] if err else ""


def main():
    args = sys.argv[1:]
    if args[:1] == ["--show"]:
        sys.stdout.write(Gen(int(args[1])).program())
        return 0
    cellar = os.path.abspath(args[0])
    opts = dict(zip(args[1::2], args[2::2]))
    count = int(opts.get("--count", 1000))
    seed = int(opts.get("--seed", 1))
    keep = opts.get("--keep")
    python = opts.get("--python", "python3")
    tmp = keep or os.path.join(os.environ.get("TMPDIR", "/tmp"), f"cellar-scope-{os.getpid()}")
    os.makedirs(tmp, exist_ok=True)
    failed = 0
    for s in range(seed, seed + count):
        path = os.path.join(tmp, f"scope_{s}.py")
        with open(path, "w") as f:
            f.write(Gen(s).program())
        want = run([python], path)
        got = run([cellar], path)
        if want == got:
            if not keep:
                os.remove(path)
            continue
        failed += 1
        print(f"seed {s}: differs ({path})")
        for label, w, g in zip(("stdout", "status", "stderr"), want, got):
            if w != g:
                print(f"  {label}: python {w!r}\n  {label}: cellar {g!r}")
    if not keep and not os.listdir(tmp):
        os.rmdir(tmp)
    print(f"{count - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
