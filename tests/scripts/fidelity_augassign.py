# Augmented assignment with the target on both sides, and the TypeError it raises naming the
# augmented operator, for every kind of target.

def param(z):
    z -= z
    return z

def param_twice(z):
    z += z * 2
    return z

def local_list():
    lst = [1, 2]
    lst += lst
    return lst

def local_str():
    s = "ab"
    s *= len(s)
    s += s
    return s

def cell():
    z = 5
    def inner():
        nonlocal z
        z -= z
        z += 7
        z *= z
        return z
    return inner(), z

g = 6
def glob():
    global g
    g //= g
    g += g * 2
    return g

def item():
    lst = [3, [1]]
    lst[0] += lst[0]
    lst[1] += lst[1]
    d = {"k": 4}
    d["k"] **= d["k"]
    return lst, d

def attribute():
    def f():
        pass
    f.n = 3
    f.n += f.n
    f.items = [1]
    f.items += f.items
    return f.n, f.items

def walrus_reads_first():
    z = 1
    z += (z := 5)
    return z

print(param(3), param(2.5), param_twice(3), param_twice("x"))
print(local_list(), local_str())
print(cell(), glob(), g)
print(item(), attribute(), walrus_reads_first())

z = 10
z -= z
print(z)
w = [0]
w += w
print(w)


def report(f):
    try:
        f()
    except TypeError as e:
        print("TypeError:", e)


def param_both_sides(x):
    x -= x

def local():
    count = None
    count += 1

def local_str_minus():
    s = "a"
    s -= 1

def local_float_matmul():
    x = 1.5
    x @= 2

def local_int_matmul():
    x = 2
    x @= 3

def local_bool_shift():
    x = True
    x <<= "a"

def local_set_or():
    s = {1}
    s |= [2]

def local_dict_or():
    d = {}
    d |= 1

def local_list_mul():
    lst = [1]
    lst *= "a"

def local_list_mul_float():
    lst = [1]
    lst *= 2.0

def local_list_add():
    lst = [1]
    lst += 1

def local_tuple_add():
    t = (1,)
    t += 1

def local_str_add():
    s = "a"
    s += 1

def local_div():
    x = "a"
    x /= 2

def local_mod():
    x = [1]
    x %= 2

def local_pow():
    x = None
    x **= 2

def local_floordiv():
    x = {}
    x //= 2

def local_rshift():
    x = 1.0
    x >>= 1

def local_and():
    x = "a"
    x &= "b"

def local_xor():
    x = [1]
    x ^= [2]

def local_sub():
    x = {1}
    x -= [1]

def cell_none():
    count = None
    def inc():
        nonlocal count
        count += 1
    inc()

def cell_minus():
    count = "a"
    def dec():
        nonlocal count
        count -= 1
    dec()

gn = None
def global_none():
    global gn
    gn *= 2

def item_none():
    a = [None]
    a[0] //= 1

def dict_item_none():
    d = {"k": None}
    d["k"] <<= 1

def attribute_none():
    def f():
        pass
    f.x = None
    f.x |= 1

def attribute_pow():
    def f():
        pass
    f.x = "s"
    f.x **= 2


for f in [lambda: param_both_sides("a"), local, local_str_minus, local_float_matmul, local_int_matmul, local_bool_shift,
          local_set_or, local_dict_or, local_list_mul, local_list_mul_float, local_list_add,
          local_tuple_add, local_str_add, local_div, local_mod, local_pow, local_floordiv,
          local_rshift, local_and, local_xor, local_sub, cell_none, cell_minus, global_none,
          item_none, dict_item_none, attribute_none, attribute_pow]:
    report(f)

# A failed operator leaves the target as it was.
def unchanged():
    x = "a"
    try:
        x -= 1
    except TypeError:
        pass
    return x
print(unchanged())

gm = None
try:
    gm -= 1
except TypeError as e:
    print("TypeError:", e)
print(gm)

# Repeating a list in place checks the count as `*` does.
def repeat_in_place():
    lst = [1, 2]
    alias = lst
    lst *= 2
    lst *= True
    print(lst, alias is lst)
    lst *= -1
    print(lst)
    for count in ["a", [2], 2.0, None]:
        try:
            alias *= count
        except TypeError as e:
            print("TypeError:", e)
    for left, right in [([1], [2]), ("a", "b"), ((1,), (2,)), (None, [1]), (2.5, "a")]:
        try:
            left * right
        except TypeError as e:
            print("TypeError:", e)
repeat_in_place()
