"""Print golden set-iteration orders from CPython 3.11 for cellar's runtime::settable tests.

Run as:  python3 tests/gen/set_cases.py > tests/golden/set_cases.txt

Keys are Python ints that fit in an i64 (their hash is hash_i64).  Each scenario is a
'case <name>' line followed by operations on named set variables; after every operation the
generator prints '= <var> <elements in iteration order>' for the set it changed (or
'= pop <value>' / '= pop empty' for pop), which the Rust test replays and compares.

Operations:
  new A                 A = set()
  add A k...            A.add(k) for each k in order
  from A k...           A = set([k...])            (generic iterable path)
  fromdict A k...       A = set(dict.fromkeys([k...]))  (presized dict path)
  discard A k...        A.discard(k) for each k
  pop A                 A.pop()
  clear A               A.clear()
  copy R A              R = A.copy()
  union R A B           R = A | B
  inter R A B           R = A & B
  diff R A B            R = A - B
  symdiff R A B         R = A ^ B
  ior A B / iand A B / isub A B / ixor A B     A |= B etc.
  updatelist A k...     A.update([k...])
  interlist R A k...    R = A.intersection([k...])
  difflist R A k...     R = A.difference([k...])
  symdifflist R A k...  R = A.symmetric_difference([k...])
  iandlist A k...       A.intersection_update([k...])
  isublist A k...       A.difference_update([k...])
  ixorlist A k...       A.symmetric_difference_update([k...])
  ixordict A k...       A.symmetric_difference_update(dict.fromkeys([k...]))
  fromrange A a b c     A = set(range(a, b, c))   (also addrange, discardrange)
  literal A k...        A = {k, ...} as CPython 3.11 compiles a display of constants
                        (frozenset constant + SET_UPDATE when there are 3 or more)
"""
import random
import sys

assert sys.version_info[:2] == (3, 11), sys.version

env = {}


def show(var):
    s = env[var]
    if len(s) > 300:
        # Big sets: length and a position-weighted checksum of the order, mod 2**64.
        digest = sum((i + 1) * k for i, k in enumerate(s)) % 2**64
        print("=#", var, len(s), digest)
    else:
        print("=", var, " ".join(map(str, s)))


def run(name, ops):
    env.clear()
    print("case", name)
    for op in ops:
        print(op)
        w = op.split()
        kind, args = w[0], w[1:]
        ks = lambda ws: [int(x) for x in ws]
        if kind == "new":
            env[args[0]] = set(); show(args[0])
        elif kind == "add":
            for k in ks(args[1:]):
                env.setdefault(args[0], set()).add(k)
            show(args[0])
        elif kind == "from":
            env[args[0]] = set(ks(args[1:])); show(args[0])
        elif kind == "fromdict":
            env[args[0]] = set(dict.fromkeys(ks(args[1:]))); show(args[0])
        elif kind == "literal":
            src = "{" + ", ".join(args[1:]) + "}" if len(args) > 1 else "set()"
            env[args[0]] = eval(src); show(args[0])
        elif kind == "fromrange":
            env[args[0]] = set(range(*ks(args[1:]))); show(args[0])
        elif kind == "addrange":
            for k in range(*ks(args[1:])):
                env.setdefault(args[0], set()).add(k)
            show(args[0])
        elif kind == "discardrange":
            for k in range(*ks(args[1:])):
                env[args[0]].discard(k)
            show(args[0])
        elif kind == "discard":
            for k in ks(args[1:]):
                env[args[0]].discard(k)
            show(args[0])
        elif kind == "pop":
            try:
                print("= pop", env[args[0]].pop())
            except KeyError:
                print("= pop empty")
        elif kind == "clear":
            env[args[0]].clear(); show(args[0])
        elif kind == "copy":
            env[args[0]] = env[args[1]].copy(); show(args[0])
        elif kind in ("union", "inter", "diff", "symdiff"):
            a, b = env[args[1]], env[args[2]]
            env[args[0]] = {"union": a | b, "inter": a & b, "diff": a - b, "symdiff": a ^ b}[kind]
            show(args[0])
        elif kind in ("ior", "iand", "isub", "ixor"):
            a, b = env[args[0]], env[args[1]]
            if kind == "ior": a |= b
            elif kind == "iand": a &= b
            elif kind == "isub": a -= b
            else: a ^= b
            show(args[0])
        elif kind == "updatelist":
            env[args[0]].update(ks(args[1:])); show(args[0])
        elif kind == "interlist":
            env[args[0]] = env[args[1]].intersection(ks(args[2:])); show(args[0])
        elif kind == "difflist":
            env[args[0]] = env[args[1]].difference(ks(args[2:])); show(args[0])
        elif kind == "symdifflist":
            env[args[0]] = env[args[1]].symmetric_difference(ks(args[2:])); show(args[0])
        elif kind == "iandlist":
            env[args[0]].intersection_update(ks(args[1:])); show(args[0])
        elif kind == "isublist":
            env[args[0]].difference_update(ks(args[1:])); show(args[0])
        elif kind == "ixorlist":
            env[args[0]].symmetric_difference_update(ks(args[1:])); show(args[0])
        elif kind == "ixordict":
            env[args[0]].symmetric_difference_update(dict.fromkeys(ks(args[1:]))); show(args[0])
        else:
            raise ValueError(op)


def j(*xs):
    return " ".join(map(str, xs))


R = lambda *a: list(range(*a))

run("small", ["add a 3 1 2", "add a -1 5", "from b 3 1 2", "literal c 3 1 2", "literal d -1 5 3"])
run("mod3", ["from a " + j(*[x % 3 for x in range(10)]), "add b " + j(*[x % 3 for x in range(10)])])
run("negatives", ["add a -1 -2 -3 -8 -9 7 8", "from b -5 -4 -3 -2 -1 0 1 2 3 4 5"])
run("large", ["add a " + j(2**61 - 1, 2**61, 2**62, -(2**62), 2**63 - 1, -(2**63), 1 << 40, 12345678901234)])
run("collide", ["add a 0 8 16", "discard a 0 16", "add a 24", "add a 32 40 48", "discard a 8 32", "add a 56 0"])
run("range100_removals", ["from a " + j(*R(100)), "discard a " + j(*R(0, 100, 3)),
                          "add a 200 300 -7 150", "discard a " + j(*R(1, 100, 2)), "add a 1000 2000"])
run("grow_by_add", ["add a " + j(*R(0, 40, 3)), "add a " + j(*R(100, 200, 7))])
run("grow_list_vs_add", ["from a " + j(*R(50)), "add b " + j(*R(50)), "fromdict c " + j(*R(50)),
                         "fromdict d 5 3 9 100 -4"])
run("pops", ["from a " + j(*R(20)), "pop a", "pop a", "pop a", "add a 0 1", "pop a", "pop a",
             "discard a 10", "pop a", "clear a", "add a 0 1 2", "pop a", "pop a", "pop a", "pop a", "pop a"])
run("pop_wrap", ["add a 7 6 5", "pop a", "pop a", "add a 0 15", "pop a", "pop a", "pop a"])
run("union", ["from a 1 2 3", "from b 3 4 5 6 7 8 9 10", "union c a b", "union d b a",
              "from e " + j(*R(0, 64, 8)), "union f a e", "union g e a", "copy h e", "union i e h"])
run("union_copy_layout", ["add a " + j(*R(0, 40, 5)), "discard a 0 5", "copy b a", "union c a a",
                          "new d", "ior d a", "add d 1000", "from e 9 17 25", "ior e a"])
run("inter", ["from a " + j(*R(30)), "from b " + j(*R(10, 50, 2)), "inter c a b", "inter d b a",
              "from e 29 3 7", "inter f a e", "inter g e a", "interlist h a 5 99 4 3 2 1 0 -1",
              "interlist i e 3 3 7 29 100", "iand a b", "iandlist b 40 10 12 11"])
run("diff", ["from a " + j(*R(40)), "from b 1 2 3", "diff c a b", "diff d b a",
             "from e " + j(*R(0, 40, 4)), "diff f a e", "difflist g a 1 2 3 4 5", "isub a e",
             "from h 1 2", "from i " + j(*R(100)), "isub h i", "isublist i " + j(*R(0, 100, 2))])
run("symdiff", ["from a " + j(*R(10)), "from b " + j(*R(5, 20)), "symdiff c a b", "symdiff d b a",
                "symdifflist e a 3 4 100 101 3", "ixor a b", "ixorlist b 1 2 3 19 18",
                "ixordict b 7 8 9 50 51"])
run("copy_after_dummies", ["from a " + j(*R(16)), "discard a " + j(*R(0, 16, 2)), "copy b a", "add b 100"])
run("clear_reuse", ["from a " + j(*R(100)), "clear a", "add a 9 1 17", "copy b a"])
run("literals", ["literal a 5 3 100 37 21", "add b 5 3 100 37 21", "literal c " + j(*R(0, 90, 9)),
                 "literal d 1 2"])

run("huge", ["fromrange a 0 70000 1", "addrange b -3 210000 3", "discardrange a 0 70000 2",
             "isub b a", "copy c b", "fromrange d 0 1000 7", "ior d a", "discardrange a 0 60000 1",
             "iand b a", "fromrange e 1000000 1040000 1", "union f e d", "ixor e d"])
run("pow2_strides", ["fromrange a 0 4096 64", "fromrange b 0 65536 512", "union c a b",
                     "fromrange d 5 5000000 100000", "symdiff e a d", "addrange f 0 1048576 1024"])

rng = random.Random(311)
for n in range(40):
    ops = []
    names = ["a", "b", "c"]
    for v in names:
        k = rng.choice([3, 8, 20, 60, 200])
        span = rng.choice([10, 50, 1000, 2**40])
        keys = [rng.randrange(-span, span) for _ in range(k)]
        ops.append(rng.choice(["from ", "add ", "fromdict "]) + v + " " + j(*keys))
    for _ in range(12):
        a, b = rng.choice(names), rng.choice(names)
        span = rng.choice([10, 50, 1000])
        keys = [rng.randrange(-span, span) for _ in range(rng.choice([1, 3, 10, 40]))]
        kind = rng.choice(["add", "discard", "pop", "union", "inter", "diff", "symdiff", "ior",
                           "iand", "isub", "ixor", "updatelist", "interlist", "difflist",
                           "symdifflist", "iandlist", "isublist", "ixorlist", "copy", "clear"])
        if kind in ("add", "discard", "updatelist", "iandlist", "isublist", "ixorlist"):
            ops.append(j(kind, a, *keys))
        elif kind in ("pop", "clear"):
            ops.append(j(kind, a))
        elif kind in ("union", "inter", "diff", "symdiff"):
            ops.append(j(kind, rng.choice(names), a, b))
        elif kind in ("ior", "iand", "isub", "ixor"):
            ops.append(j(kind, a, b))
        elif kind == "copy":
            ops.append(j(kind, a, b))
        else:
            ops.append(j(kind, rng.choice(names), a, *keys))
    run("random%d" % n, ops)
