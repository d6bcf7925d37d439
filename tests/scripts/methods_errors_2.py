try:
    r = [].pop(x=1)
    print('[].pop(x=1)', '=>', repr(r))
except Exception as e:
    print('[].pop(x=1)', '!!', type(e).__name__ + ':', e)
try:
    r = [].insert(1, 2, x=1)
    print('[].insert(1, 2, x=1)', '=>', repr(r))
except Exception as e:
    print('[].insert(1, 2, x=1)', '!!', type(e).__name__ + ':', e)
try:
    r = [].index(1, x=2)
    print('[].index(1, x=2)', '=>', repr(r))
except Exception as e:
    print('[].index(1, x=2)', '!!', type(e).__name__ + ':', e)
try:
    r = {}.get(1, x=2)
    print('{}.get(1, x=2)', '=>', repr(r))
except Exception as e:
    print('{}.get(1, x=2)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".find("a", x=1)
    print('"a".find("a", x=1)', '=>', repr(r))
except Exception as e:
    print('"a".find("a", x=1)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".startswith("a", x=1)
    print('"a".startswith("a", x=1)', '=>', repr(r))
except Exception as e:
    print('"a".startswith("a", x=1)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".startswith("a", 1, 2, 3)
    print('"a".startswith("a", 1, 2, 3)', '=>', repr(r))
except Exception as e:
    print('"a".startswith("a", 1, 2, 3)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".find("a", 1, 2, 3)
    print('"a".find("a", 1, 2, 3)', '=>', repr(r))
except Exception as e:
    print('"a".find("a", 1, 2, 3)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".replace("a", "b", 1, 2)
    print('"a".replace("a", "b", 1, 2)', '=>', repr(r))
except Exception as e:
    print('"a".replace("a", "b", 1, 2)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".replace("a", "b", count=1)
    print('"a".replace("a", "b", count=1)', '=>', repr(r))
except Exception as e:
    print('"a".replace("a", "b", count=1)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".center(1, 'a', 3)
    print('"a".center(1, \'a\', 3)', '=>', repr(r))
except Exception as e:
    print('"a".center(1, \'a\', 3)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".split(sep=None, maxsplit=1)
    print('"a".split(sep=None, maxsplit=1)', '=>', repr(r))
except Exception as e:
    print('"a".split(sep=None, maxsplit=1)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".splitlines(keepends=True)
    print('"a".splitlines(keepends=True)', '=>', repr(r))
except Exception as e:
    print('"a".splitlines(keepends=True)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".splitlines(foo=True)
    print('"a".splitlines(foo=True)', '=>', repr(r))
except Exception as e:
    print('"a".splitlines(foo=True)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".expandtabs(tabsize=4)
    print('"a".expandtabs(tabsize=4)', '=>', repr(r))
except Exception as e:
    print('"a".expandtabs(tabsize=4)', '!!', type(e).__name__ + ':', e)
try:
    r = [].sort(key=None, reverse=1, x=2)
    print('[].sort(key=None, reverse=1, x=2)', '=>', repr(r))
except Exception as e:
    print('[].sort(key=None, reverse=1, x=2)', '!!', type(e).__name__ + ':', e)
try:
    r = [1,2].sort(reverse=None)
    print('[1,2].sort(reverse=None)', '=>', repr(r))
except Exception as e:
    print('[1,2].sort(reverse=None)', '!!', type(e).__name__ + ':', e)
try:
    r = [1,2].sort(reverse='a')
    print("[1,2].sort(reverse='a')", '=>', repr(r))
except Exception as e:
    print("[1,2].sort(reverse='a')", '!!', type(e).__name__ + ':', e)
try:
    r = {}.pop(1, 2, 3)
    print('{}.pop(1, 2, 3)', '=>', repr(r))
except Exception as e:
    print('{}.pop(1, 2, 3)', '!!', type(e).__name__ + ':', e)
try:
    r = {}.setdefault(1, 2, 3)
    print('{}.setdefault(1, 2, 3)', '=>', repr(r))
except Exception as e:
    print('{}.setdefault(1, 2, 3)', '!!', type(e).__name__ + ':', e)
try:
    r = {}.update(a=1)
    print('{}.update(a=1)', '=>', repr(r))
except Exception as e:
    print('{}.update(a=1)', '!!', type(e).__name__ + ':', e)
try:
    r = dict.fromkeys(1, 2, 3)
    print('dict.fromkeys(1, 2, 3)', '=>', repr(r))
except Exception as e:
    print('dict.fromkeys(1, 2, 3)', '!!', type(e).__name__ + ':', e)
try:
    r = {}.copy(1)
    print('{}.copy(1)', '=>', repr(r))
except Exception as e:
    print('{}.copy(1)', '!!', type(e).__name__ + ':', e)
try:
    r = set().union()
    print('set().union()', '=>', repr(r))
except Exception as e:
    print('set().union()', '!!', type(e).__name__ + ':', e)
try:
    r = set().union([1], [2])
    print('set().union([1], [2])', '=>', repr(r))
except Exception as e:
    print('set().union([1], [2])', '!!', type(e).__name__ + ':', e)
try:
    r = set().difference_update(1)
    print('set().difference_update(1)', '=>', repr(r))
except Exception as e:
    print('set().difference_update(1)', '!!', type(e).__name__ + ':', e)
try:
    r = set().isdisjoint()
    print('set().isdisjoint()', '=>', repr(r))
except Exception as e:
    print('set().isdisjoint()', '!!', type(e).__name__ + ':', e)
try:
    r = set().issubset()
    print('set().issubset()', '=>', repr(r))
except Exception as e:
    print('set().issubset()', '!!', type(e).__name__ + ':', e)
try:
    r = set().add(1, 2)
    print('set().add(1, 2)', '=>', repr(r))
except Exception as e:
    print('set().add(1, 2)', '!!', type(e).__name__ + ':', e)
try:
    r = set().remove()
    print('set().remove()', '=>', repr(r))
except Exception as e:
    print('set().remove()', '!!', type(e).__name__ + ':', e)
try:
    r = set().discard()
    print('set().discard()', '=>', repr(r))
except Exception as e:
    print('set().discard()', '!!', type(e).__name__ + ':', e)
try:
    r = set().pop(1)
    print('set().pop(1)', '=>', repr(r))
except Exception as e:
    print('set().pop(1)', '!!', type(e).__name__ + ':', e)
try:
    r = set().copy(1)
    print('set().copy(1)', '=>', repr(r))
except Exception as e:
    print('set().copy(1)', '!!', type(e).__name__ + ':', e)
try:
    r = set().add(x=1)
    print('set().add(x=1)', '=>', repr(r))
except Exception as e:
    print('set().add(x=1)', '!!', type(e).__name__ + ':', e)
try:
    r = set().union(x=1)
    print('set().union(x=1)', '=>', repr(r))
except Exception as e:
    print('set().union(x=1)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".strip(1,2)
    print('"a".strip(1,2)', '=>', repr(r))
except Exception as e:
    print('"a".strip(1,2)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".strip(x=1)
    print('"a".strip(x=1)', '=>', repr(r))
except Exception as e:
    print('"a".strip(x=1)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".join()
    print('"a".join()', '=>', repr(r))
except Exception as e:
    print('"a".join()', '!!', type(e).__name__ + ':', e)
try:
    r = "a".join([], [])
    print('"a".join([], [])', '=>', repr(r))
except Exception as e:
    print('"a".join([], [])', '!!', type(e).__name__ + ':', e)
try:
    r = "a".ljust()
    print('"a".ljust()', '=>', repr(r))
except Exception as e:
    print('"a".ljust()', '!!', type(e).__name__ + ':', e)
try:
    r = "a".rjust(1,2,3)
    print('"a".rjust(1,2,3)', '=>', repr(r))
except Exception as e:
    print('"a".rjust(1,2,3)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".zfill(1,2)
    print('"a".zfill(1,2)', '=>', repr(r))
except Exception as e:
    print('"a".zfill(1,2)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".format(1, x=2)
    print('"a".format(1, x=2)', '=>', repr(r))
except Exception as e:
    print('"a".format(1, x=2)', '!!', type(e).__name__ + ':', e)
try:
    r = "{x}".format(x=2)
    print('"{x}".format(x=2)', '=>', repr(r))
except Exception as e:
    print('"{x}".format(x=2)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".count("a", 1, 2, 3)
    print('"a".count("a", 1, 2, 3)', '=>', repr(r))
except Exception as e:
    print('"a".count("a", 1, 2, 3)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".endswith(("a", 1))
    print('"a".endswith(("a", 1))', '=>', repr(r))
except Exception as e:
    print('"a".endswith(("a", 1))', '!!', type(e).__name__ + ':', e)
try:
    r = "a".rfind(1)
    print('"a".rfind(1)', '=>', repr(r))
except Exception as e:
    print('"a".rfind(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".removesuffix()
    print('"a".removesuffix()', '=>', repr(r))
except Exception as e:
    print('"a".removesuffix()', '!!', type(e).__name__ + ':', e)
try:
    r = "a".partition()
    print('"a".partition()', '=>', repr(r))
except Exception as e:
    print('"a".partition()', '!!', type(e).__name__ + ':', e)
try:
    r = "a".rsplit("a", 1, 2)
    print('"a".rsplit("a", 1, 2)', '=>', repr(r))
except Exception as e:
    print('"a".rsplit("a", 1, 2)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".rsplit(x=1)
    print('"a".rsplit(x=1)', '=>', repr(r))
except Exception as e:
    print('"a".rsplit(x=1)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".capitalize(1)
    print('"a".capitalize(1)', '=>', repr(r))
except Exception as e:
    print('"a".capitalize(1)', '!!', type(e).__name__ + ':', e)
try:
    r = (1).conjugate(1)
    print('(1).conjugate(1)', '=>', repr(r))
except Exception as e:
    print('(1).conjugate(1)', '!!', type(e).__name__ + ':', e)
try:
    r = (1.5).as_integer_ratio()
    print('(1.5).as_integer_ratio()', '=>', repr(r))
except Exception as e:
    print('(1.5).as_integer_ratio()', '!!', type(e).__name__ + ':', e)
try:
    r = (1.5).hex()
    print('(1.5).hex()', '=>', repr(r))
except Exception as e:
    print('(1.5).hex()', '!!', type(e).__name__ + ':', e)
try:
    r = (1.0).as_integer_ratio()
    print('(1.0).as_integer_ratio()', '=>', repr(r))
except Exception as e:
    print('(1.0).as_integer_ratio()', '!!', type(e).__name__ + ':', e)
try:
    r = float('inf').as_integer_ratio()
    print("float('inf').as_integer_ratio()", '=>', repr(r))
except Exception as e:
    print("float('inf').as_integer_ratio()", '!!', type(e).__name__ + ':', e)
try:
    r = float('nan').as_integer_ratio()
    print("float('nan').as_integer_ratio()", '=>', repr(r))
except Exception as e:
    print("float('nan').as_integer_ratio()", '!!', type(e).__name__ + ':', e)
try:
    r = (1.5).conjugate()
    print('(1.5).conjugate()', '=>', repr(r))
except Exception as e:
    print('(1.5).conjugate()', '!!', type(e).__name__ + ':', e)
try:
    r = (255).bit_length()
    print('(255).bit_length()', '=>', repr(r))
except Exception as e:
    print('(255).bit_length()', '!!', type(e).__name__ + ':', e)
try:
    r = (-255).bit_length()
    print('(-255).bit_length()', '=>', repr(r))
except Exception as e:
    print('(-255).bit_length()', '!!', type(e).__name__ + ':', e)
try:
    r = (5).bit_count()
    print('(5).bit_count()', '=>', repr(r))
except Exception as e:
    print('(5).bit_count()', '!!', type(e).__name__ + ':', e)
try:
    r = (5).as_integer_ratio()
    print('(5).as_integer_ratio()', '=>', repr(r))
except Exception as e:
    print('(5).as_integer_ratio()', '!!', type(e).__name__ + ':', e)
try:
    r = True.bit_length()
    print('True.bit_length()', '=>', repr(r))
except Exception as e:
    print('True.bit_length()', '!!', type(e).__name__ + ':', e)
try:
    r = (1).is_integer()
    print('(1).is_integer()', '=>', repr(r))
except Exception as e:
    print('(1).is_integer()', '!!', type(e).__name__ + ':', e)
try:
    r = (1.0).is_integer()
    print('(1.0).is_integer()', '=>', repr(r))
except Exception as e:
    print('(1.0).is_integer()', '!!', type(e).__name__ + ':', e)
try:
    r = float('inf').is_integer()
    print("float('inf').is_integer()", '=>', repr(r))
except Exception as e:
    print("float('inf').is_integer()", '!!', type(e).__name__ + ':', e)
try:
    r = "ab".index("b", 0, 1)
    print('"ab".index("b", 0, 1)', '=>', repr(r))
except Exception as e:
    print('"ab".index("b", 0, 1)', '!!', type(e).__name__ + ':', e)
try:
    r = [1,2,3].index(3, -1)
    print('[1,2,3].index(3, -1)', '=>', repr(r))
except Exception as e:
    print('[1,2,3].index(3, -1)', '!!', type(e).__name__ + ':', e)
try:
    r = [1,2,3].index(3, 0, -1)
    print('[1,2,3].index(3, 0, -1)', '=>', repr(r))
except Exception as e:
    print('[1,2,3].index(3, 0, -1)', '!!', type(e).__name__ + ':', e)
try:
    r = "a\tb".expandtabs()
    print('"a\\tb".expandtabs()', '=>', repr(r))
except Exception as e:
    print('"a\\tb".expandtabs()', '!!', type(e).__name__ + ':', e)
try:
    r = "a\tbc\td".expandtabs(3)
    print('"a\\tbc\\td".expandtabs(3)', '=>', repr(r))
except Exception as e:
    print('"a\\tbc\\td".expandtabs(3)', '!!', type(e).__name__ + ':', e)
