# math: constants, every function cellar provides, exact last bits where CPython is exact
# (fsum, hypot, dist), big ints, and CPython's error messages.
import math
from math import sqrt, pi

print(sqrt(2), pi, math.e, math.tau, math.inf, -math.inf, math.nan)
print(math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.5), math.floor(10**30), math.ceil(1e20), math.floor(True))
print(math.sqrt(0.0), math.sqrt(-0.0), math.sqrt(1e308), math.sqrt(10**40), math.cbrt(27), math.cbrt(-8), math.cbrt(2))
print(math.exp(1), math.exp(-1000), math.exp2(10), math.expm1(1e-10), math.log1p(1e-10))
print(math.log(100, 10), math.log(2 ** 1000), math.log(10 ** 400), math.log2(2 ** 2000), math.log10(10 ** 500), math.log(0.5, 0.25))
print(math.sin(1), math.cos(1), math.tan(1), math.asin(0.5), math.acos(0.5), math.atan(1), math.atan2(1, -1), math.atan2(-0.0, -1))
print(math.sinh(1), math.cosh(1), math.tanh(1), math.asinh(1), math.acosh(2), math.atanh(0.5))
print(math.degrees(1), math.radians(1), math.degrees(1e308), math.fabs(-0.0), math.copysign(1, -math.nan))
print(math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, math.inf), math.remainder(7, 2), math.remainder(5, 2), math.remainder(-5, 2))
print(math.modf(3.25), math.modf(-3.25), math.modf(math.inf), math.frexp(8), math.frexp(0.1), math.frexp(0), math.ldexp(0.5, 4), math.ldexp(1, -1075))
print(math.hypot(), math.hypot(-3), math.hypot(1, 1), math.hypot(3, 4, 12), math.hypot(1e200, 1e200), math.hypot(5e-324, 5e-324), math.hypot(math.inf, math.nan))
print(math.dist([1, 2, 3], (4, 6, 3)), math.dist(range(3), [0.1, 0.2, 0.3]), math.dist((), ()))
print(math.fsum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]), math.fsum([]), math.fsum(iter([1, 2.5])), math.fsum([math.inf, 1]))
print(math.prod([2, 3.5]), math.prod(['ab'], start=1), math.prod(range(1, 21)), math.prod([], start='x'))
print(math.isfinite(math.nan), math.isinf(1e308 * 10), math.isnan(float('nan')), math.isclose(1, 1 + 1e-10), math.isclose(-math.inf, math.inf))
print(math.gcd(2 ** 100, 6 ** 50), math.gcd(-4), math.lcm(), math.lcm(0, 5), math.lcm(-4, 6), math.lcm(2, 3, 4))
print(math.factorial(30), math.comb(50, 25), math.comb(3, 5), math.perm(5), math.perm(5, 0), math.perm(3, 4), math.isqrt(10 ** 40 + 1), math.isqrt(0))
print(math.ulp(1.0), math.ulp(0.0), math.ulp(math.inf), math.nextafter(1, 2), math.nextafter(0, -1), math.nextafter(3, 3))
print(type(math.floor(2.0)).__name__, type(math.fsum([1])).__name__, type(math.prod([1, 2])).__name__, type(math).__name__)
attempts = [
    ('math.sqrt(-0.5)', lambda: math.sqrt(-0.5)),
    ('math.log(-1)', lambda: math.log(-1)),
    ('math.log(1, 1)', lambda: math.log(1, 1)),
    ('math.log(0)', lambda: math.log(0)),
    ('math.log(10 ** 400 * -1)', lambda: math.log(10 ** 400 * -1)),
    ('math.exp(1000)', lambda: math.exp(1000)),
    ('math.sin(math.inf)', lambda: math.sin(math.inf)),
    ('math.acos(2)', lambda: math.acos(2)),
    ('math.atanh(1)', lambda: math.atanh(1)),
    ('math.pow(0, -1)', lambda: math.pow(0, -1)),
    ('math.pow(-8, 1/3)', lambda: math.pow(-8, 1/3)),
    ('math.pow(10, 400)', lambda: math.pow(10, 400)),
    ('math.fmod(1, 0)', lambda: math.fmod(1, 0)),
    ('math.remainder(math.inf, 1)', lambda: math.remainder(math.inf, 1)),
    ('math.ldexp(1, 5000)', lambda: math.ldexp(1, 5000)),
    ('math.ldexp(1, 1.5)', lambda: math.ldexp(1, 1.5)),
    ('math.factorial(-3)', lambda: math.factorial(-3)),
    ('math.factorial(1.0)', lambda: math.factorial(1.0)),
    ('math.comb(-1, 2)', lambda: math.comb(-1, 2)),
    ('math.comb(5, -2)', lambda: math.comb(5, -2)),
    ('math.perm(2.5)', lambda: math.perm(2.5)),
    ('math.isqrt(-1)', lambda: math.isqrt(-1)),
    ('math.gcd(2, 3.0)', lambda: math.gcd(2, 3.0)),
    ("math.floor('1')", lambda: math.floor('1')),
    ("math.trunc('x')", lambda: math.trunc('x')),
    ('math.ceil(math.nan)', lambda: math.ceil(math.nan)),
    ('math.dist([1], [1, 2])', lambda: math.dist([1], [1, 2])),
    ('math.fsum([math.inf, -math.inf])', lambda: math.fsum([math.inf, -math.inf])),
    ('math.fsum([1e308, 1e308])', lambda: math.fsum([1e308, 1e308])),
    ('math.isclose(1, 2, rel_tol=-1)', lambda: math.isclose(1, 2, rel_tol=-1)),
    ('math.isclose(1)', lambda: math.isclose(1)),
    ('math.sqrt()', lambda: math.sqrt()),
    ("math.hypot('a')", lambda: math.hypot('a')),
    ('math.prod()', lambda: math.prod()),
    ('math.prod([1], begin=2)', lambda: math.prod([1], begin=2)),
    ('math.sqrt(10 ** 400)', lambda: math.sqrt(10 ** 400)),
    ('math.nosuch', lambda: math.nosuch),
]
for text, attempt in attempts:
    try:
        print(text, '->', attempt())
    except Exception as e:
        print(text, '->', type(e).__name__, e)
