try:
    r = [].append()
    print('[].append()', '=>', repr(r))
except Exception as e:
    print('[].append()', '!!', type(e).__name__ + ':', e)
try:
    r = [].append(1,2)
    print('[].append(1,2)', '=>', repr(r))
except Exception as e:
    print('[].append(1,2)', '!!', type(e).__name__ + ':', e)
try:
    r = [].append(x=1)
    print('[].append(x=1)', '=>', repr(r))
except Exception as e:
    print('[].append(x=1)', '!!', type(e).__name__ + ':', e)
try:
    r = [].pop(1,2)
    print('[].pop(1,2)', '=>', repr(r))
except Exception as e:
    print('[].pop(1,2)', '!!', type(e).__name__ + ':', e)
try:
    r = [].pop()
    print('[].pop()', '=>', repr(r))
except Exception as e:
    print('[].pop()', '!!', type(e).__name__ + ':', e)
try:
    r = [1].pop(5)
    print('[1].pop(5)', '=>', repr(r))
except Exception as e:
    print('[1].pop(5)', '!!', type(e).__name__ + ':', e)
try:
    r = [1].pop('a')
    print("[1].pop('a')", '=>', repr(r))
except Exception as e:
    print("[1].pop('a')", '!!', type(e).__name__ + ':', e)
try:
    r = [1].remove(2)
    print('[1].remove(2)', '=>', repr(r))
except Exception as e:
    print('[1].remove(2)', '!!', type(e).__name__ + ':', e)
try:
    r = [1].index(2)
    print('[1].index(2)', '=>', repr(r))
except Exception as e:
    print('[1].index(2)', '!!', type(e).__name__ + ':', e)
try:
    r = [1].index(2, 0, 1)
    print('[1].index(2, 0, 1)', '=>', repr(r))
except Exception as e:
    print('[1].index(2, 0, 1)', '!!', type(e).__name__ + ':', e)
try:
    r = [1].index()
    print('[1].index()', '=>', repr(r))
except Exception as e:
    print('[1].index()', '!!', type(e).__name__ + ':', e)
try:
    r = [1].index(1, 'a')
    print("[1].index(1, 'a')", '=>', repr(r))
except Exception as e:
    print("[1].index(1, 'a')", '!!', type(e).__name__ + ':', e)
try:
    r = [].insert(1)
    print('[].insert(1)', '=>', repr(r))
except Exception as e:
    print('[].insert(1)', '!!', type(e).__name__ + ':', e)
try:
    r = [].insert('a', 1)
    print("[].insert('a', 1)", '=>', repr(r))
except Exception as e:
    print("[].insert('a', 1)", '!!', type(e).__name__ + ':', e)
try:
    r = [].extend()
    print('[].extend()', '=>', repr(r))
except Exception as e:
    print('[].extend()', '!!', type(e).__name__ + ':', e)
try:
    r = [].extend(1)
    print('[].extend(1)', '=>', repr(r))
except Exception as e:
    print('[].extend(1)', '!!', type(e).__name__ + ':', e)
try:
    r = [].sort(1)
    print('[].sort(1)', '=>', repr(r))
except Exception as e:
    print('[].sort(1)', '!!', type(e).__name__ + ':', e)
try:
    r = [].sort(foo=1)
    print('[].sort(foo=1)', '=>', repr(r))
except Exception as e:
    print('[].sort(foo=1)', '!!', type(e).__name__ + ':', e)
try:
    r = [3,'a'].sort()
    print("[3,'a'].sort()", '=>', repr(r))
except Exception as e:
    print("[3,'a'].sort()", '!!', type(e).__name__ + ':', e)
try:
    r = [].count()
    print('[].count()', '=>', repr(r))
except Exception as e:
    print('[].count()', '!!', type(e).__name__ + ':', e)
try:
    r = [].reverse(1)
    print('[].reverse(1)', '=>', repr(r))
except Exception as e:
    print('[].reverse(1)', '!!', type(e).__name__ + ':', e)
try:
    r = [].copy(1)
    print('[].copy(1)', '=>', repr(r))
except Exception as e:
    print('[].copy(1)', '!!', type(e).__name__ + ':', e)
try:
    r = [].clear(1)
    print('[].clear(1)', '=>', repr(r))
except Exception as e:
    print('[].clear(1)', '!!', type(e).__name__ + ':', e)
try:
    r = (1,).index(2)
    print('(1,).index(2)', '=>', repr(r))
except Exception as e:
    print('(1,).index(2)', '!!', type(e).__name__ + ':', e)
try:
    r = (1,).count()
    print('(1,).count()', '=>', repr(r))
except Exception as e:
    print('(1,).count()', '!!', type(e).__name__ + ':', e)
try:
    r = "a".join([1])
    print('"a".join([1])', '=>', repr(r))
except Exception as e:
    print('"a".join([1])', '!!', type(e).__name__ + ':', e)
try:
    r = "a".join(1)
    print('"a".join(1)', '=>', repr(r))
except Exception as e:
    print('"a".join(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".join(["a", 2])
    print('"a".join(["a", 2])', '=>', repr(r))
except Exception as e:
    print('"a".join(["a", 2])', '!!', type(e).__name__ + ':', e)
try:
    r = "a".startswith(1)
    print('"a".startswith(1)', '=>', repr(r))
except Exception as e:
    print('"a".startswith(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".endswith(1)
    print('"a".endswith(1)', '=>', repr(r))
except Exception as e:
    print('"a".endswith(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".startswith((1,))
    print('"a".startswith((1,))', '=>', repr(r))
except Exception as e:
    print('"a".startswith((1,))', '!!', type(e).__name__ + ':', e)
try:
    r = "a".startswith()
    print('"a".startswith()', '=>', repr(r))
except Exception as e:
    print('"a".startswith()', '!!', type(e).__name__ + ':', e)
try:
    r = "a".index("b")
    print('"a".index("b")', '=>', repr(r))
except Exception as e:
    print('"a".index("b")', '!!', type(e).__name__ + ':', e)
try:
    r = "a".rindex("b")
    print('"a".rindex("b")', '=>', repr(r))
except Exception as e:
    print('"a".rindex("b")', '!!', type(e).__name__ + ':', e)
try:
    r = "a".find(1)
    print('"a".find(1)', '=>', repr(r))
except Exception as e:
    print('"a".find(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".find()
    print('"a".find()', '=>', repr(r))
except Exception as e:
    print('"a".find()', '!!', type(e).__name__ + ':', e)
try:
    r = "a".split(1)
    print('"a".split(1)', '=>', repr(r))
except Exception as e:
    print('"a".split(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".split("")
    print('"a".split("")', '=>', repr(r))
except Exception as e:
    print('"a".split("")', '!!', type(e).__name__ + ':', e)
try:
    r = "a".split(maxsplit='a')
    print('"a".split(maxsplit=\'a\')', '=>', repr(r))
except Exception as e:
    print('"a".split(maxsplit=\'a\')', '!!', type(e).__name__ + ':', e)
try:
    r = "a".split(foo=1)
    print('"a".split(foo=1)', '=>', repr(r))
except Exception as e:
    print('"a".split(foo=1)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".replace(1, 2)
    print('"a".replace(1, 2)', '=>', repr(r))
except Exception as e:
    print('"a".replace(1, 2)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".replace("a")
    print('"a".replace("a")', '=>', repr(r))
except Exception as e:
    print('"a".replace("a")', '!!', type(e).__name__ + ':', e)
try:
    r = "a".strip(1)
    print('"a".strip(1)', '=>', repr(r))
except Exception as e:
    print('"a".strip(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".upper(1)
    print('"a".upper(1)', '=>', repr(r))
except Exception as e:
    print('"a".upper(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".center()
    print('"a".center()', '=>', repr(r))
except Exception as e:
    print('"a".center()', '!!', type(e).__name__ + ':', e)
try:
    r = "a".center(5, "ab")
    print('"a".center(5, "ab")', '=>', repr(r))
except Exception as e:
    print('"a".center(5, "ab")', '!!', type(e).__name__ + ':', e)
try:
    r = "a".center(5, 1)
    print('"a".center(5, 1)', '=>', repr(r))
except Exception as e:
    print('"a".center(5, 1)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".center('a')
    print('"a".center(\'a\')', '=>', repr(r))
except Exception as e:
    print('"a".center(\'a\')', '!!', type(e).__name__ + ':', e)
try:
    r = "a".zfill()
    print('"a".zfill()', '=>', repr(r))
except Exception as e:
    print('"a".zfill()', '!!', type(e).__name__ + ':', e)
try:
    r = "a".count(1)
    print('"a".count(1)', '=>', repr(r))
except Exception as e:
    print('"a".count(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".partition("")
    print('"a".partition("")', '=>', repr(r))
except Exception as e:
    print('"a".partition("")', '!!', type(e).__name__ + ':', e)
try:
    r = "a".partition(1)
    print('"a".partition(1)', '=>', repr(r))
except Exception as e:
    print('"a".partition(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".rpartition("")
    print('"a".rpartition("")', '=>', repr(r))
except Exception as e:
    print('"a".rpartition("")', '!!', type(e).__name__ + ':', e)
try:
    r = "{}".format()
    print('"{}".format()', '=>', repr(r))
except Exception as e:
    print('"{}".format()', '!!', type(e).__name__ + ':', e)
try:
    r = "{0}{}".format(1,2)
    print('"{0}{}".format(1,2)', '=>', repr(r))
except Exception as e:
    print('"{0}{}".format(1,2)', '!!', type(e).__name__ + ':', e)
try:
    r = "{}{0}".format(1,2)
    print('"{}{0}".format(1,2)', '=>', repr(r))
except Exception as e:
    print('"{}{0}".format(1,2)', '!!', type(e).__name__ + ':', e)
try:
    r = "{1}".format(1)
    print('"{1}".format(1)', '=>', repr(r))
except Exception as e:
    print('"{1}".format(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "{a}".format(1)
    print('"{a}".format(1)', '=>', repr(r))
except Exception as e:
    print('"{a}".format(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "{".format(1)
    print('"{".format(1)', '=>', repr(r))
except Exception as e:
    print('"{".format(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "}".format(1)
    print('"}".format(1)', '=>', repr(r))
except Exception as e:
    print('"}".format(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "{!x}".format(1)
    print('"{!x}".format(1)', '=>', repr(r))
except Exception as e:
    print('"{!x}".format(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "{:d}".format("a")
    print('"{:d}".format("a")', '=>', repr(r))
except Exception as e:
    print('"{:d}".format("a")', '!!', type(e).__name__ + ':', e)
try:
    r = "{0!r:>5}".format("a")
    print('"{0!r:>5}".format("a")', '=>', repr(r))
except Exception as e:
    print('"{0!r:>5}".format("a")', '!!', type(e).__name__ + ':', e)
try:
    r = "{!}".format(1)
    print('"{!}".format(1)', '=>', repr(r))
except Exception as e:
    print('"{!}".format(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "{0[0]}".format([1])
    print('"{0[0]}".format([1])', '=>', repr(r))
except Exception as e:
    print('"{0[0]}".format([1])', '!!', type(e).__name__ + ':', e)
try:
    r = "{a.real}".format(a=1)
    print('"{a.real}".format(a=1)', '=>', repr(r))
except Exception as e:
    print('"{a.real}".format(a=1)', '!!', type(e).__name__ + ':', e)
try:
    r = "{0:{1}}".format(3, 5)
    print('"{0:{1}}".format(3, 5)', '=>', repr(r))
except Exception as e:
    print('"{0:{1}}".format(3, 5)', '!!', type(e).__name__ + ':', e)
try:
    r = {}.get()
    print('{}.get()', '=>', repr(r))
except Exception as e:
    print('{}.get()', '!!', type(e).__name__ + ':', e)
try:
    r = {}.get(1,2,3)
    print('{}.get(1,2,3)', '=>', repr(r))
except Exception as e:
    print('{}.get(1,2,3)', '!!', type(e).__name__ + ':', e)
try:
    r = {}.pop()
    print('{}.pop()', '=>', repr(r))
except Exception as e:
    print('{}.pop()', '!!', type(e).__name__ + ':', e)
try:
    r = {}.pop(1)
    print('{}.pop(1)', '=>', repr(r))
except Exception as e:
    print('{}.pop(1)', '!!', type(e).__name__ + ':', e)
try:
    r = {}.popitem()
    print('{}.popitem()', '=>', repr(r))
except Exception as e:
    print('{}.popitem()', '!!', type(e).__name__ + ':', e)
try:
    r = {}.setdefault()
    print('{}.setdefault()', '=>', repr(r))
except Exception as e:
    print('{}.setdefault()', '!!', type(e).__name__ + ':', e)
try:
    r = {}.update(1)
    print('{}.update(1)', '=>', repr(r))
except Exception as e:
    print('{}.update(1)', '!!', type(e).__name__ + ':', e)
try:
    r = {}.update([1])
    print('{}.update([1])', '=>', repr(r))
except Exception as e:
    print('{}.update([1])', '!!', type(e).__name__ + ':', e)
try:
    r = {}.update([(1,2,3)])
    print('{}.update([(1,2,3)])', '=>', repr(r))
except Exception as e:
    print('{}.update([(1,2,3)])', '!!', type(e).__name__ + ':', e)
try:
    r = {}.update({}, {})
    print('{}.update({}, {})', '=>', repr(r))
except Exception as e:
    print('{}.update({}, {})', '!!', type(e).__name__ + ':', e)
try:
    r = {}.keys(1)
    print('{}.keys(1)', '=>', repr(r))
except Exception as e:
    print('{}.keys(1)', '!!', type(e).__name__ + ':', e)
try:
    r = {}.get([])
    print('{}.get([])', '=>', repr(r))
except Exception as e:
    print('{}.get([])', '!!', type(e).__name__ + ':', e)
try:
    r = set().pop()
    print('set().pop()', '=>', repr(r))
except Exception as e:
    print('set().pop()', '!!', type(e).__name__ + ':', e)
try:
    r = set().remove(1)
    print('set().remove(1)', '=>', repr(r))
except Exception as e:
    print('set().remove(1)', '!!', type(e).__name__ + ':', e)
try:
    r = set().remove([])
    print('set().remove([])', '=>', repr(r))
except Exception as e:
    print('set().remove([])', '!!', type(e).__name__ + ':', e)
try:
    r = set().add()
    print('set().add()', '=>', repr(r))
except Exception as e:
    print('set().add()', '!!', type(e).__name__ + ':', e)
try:
    r = set().union(1)
    print('set().union(1)', '=>', repr(r))
except Exception as e:
    print('set().union(1)', '!!', type(e).__name__ + ':', e)
try:
    r = set().issubset(1)
    print('set().issubset(1)', '=>', repr(r))
except Exception as e:
    print('set().issubset(1)', '!!', type(e).__name__ + ':', e)
try:
    r = set().discard([])
    print('set().discard([])', '=>', repr(r))
except Exception as e:
    print('set().discard([])', '!!', type(e).__name__ + ':', e)
try:
    r = frozenset().add(1)
    print('frozenset().add(1)', '=>', repr(r))
except Exception as e:
    print('frozenset().add(1)', '!!', type(e).__name__ + ':', e)
try:
    r = (1).bit_length(1)
    print('(1).bit_length(1)', '=>', repr(r))
except Exception as e:
    print('(1).bit_length(1)', '!!', type(e).__name__ + ':', e)
try:
    r = (1.5).is_integer(1)
    print('(1.5).is_integer(1)', '=>', repr(r))
except Exception as e:
    print('(1.5).is_integer(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".removeprefix(1)
    print('"a".removeprefix(1)', '=>', repr(r))
except Exception as e:
    print('"a".removeprefix(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".expandtabs('a')
    print('"a".expandtabs(\'a\')', '=>', repr(r))
except Exception as e:
    print('"a".expandtabs(\'a\')', '!!', type(e).__name__ + ':', e)
try:
    r = "a".splitlines(1,2)
    print('"a".splitlines(1,2)', '=>', repr(r))
except Exception as e:
    print('"a".splitlines(1,2)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".ljust(3, 'ab')
    print('"a".ljust(3, \'ab\')', '=>', repr(r))
except Exception as e:
    print('"a".ljust(3, \'ab\')', '!!', type(e).__name__ + ':', e)
try:
    r = "abc".index("c", 'a')
    print('"abc".index("c", \'a\')', '=>', repr(r))
except Exception as e:
    print('"abc".index("c", \'a\')', '!!', type(e).__name__ + ':', e)
try:
    r = "a".count()
    print('"a".count()', '=>', repr(r))
except Exception as e:
    print('"a".count()', '!!', type(e).__name__ + ':', e)
try:
    r = "a".rsplit(1)
    print('"a".rsplit(1)', '=>', repr(r))
except Exception as e:
    print('"a".rsplit(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".title(1)
    print('"a".title(1)', '=>', repr(r))
except Exception as e:
    print('"a".title(1)', '!!', type(e).__name__ + ':', e)
try:
    r = [].foo()
    print('[].foo()', '=>', repr(r))
except Exception as e:
    print('[].foo()', '!!', type(e).__name__ + ':', e)
try:
    r = {}.fromkeys()
    print('{}.fromkeys()', '=>', repr(r))
except Exception as e:
    print('{}.fromkeys()', '!!', type(e).__name__ + ':', e)
try:
    r = dict.fromkeys()
    print('dict.fromkeys()', '=>', repr(r))
except Exception as e:
    print('dict.fromkeys()', '!!', type(e).__name__ + ':', e)
try:
    r = dict.fromkeys(1)
    print('dict.fromkeys(1)', '=>', repr(r))
except Exception as e:
    print('dict.fromkeys(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".format_map()
    print('"a".format_map()', '=>', repr(r))
except Exception as e:
    print('"a".format_map()', '!!', type(e).__name__ + ':', e)
try:
    r = [].sort(key=1)
    print('[].sort(key=1)', '=>', repr(r))
except Exception as e:
    print('[].sort(key=1)', '!!', type(e).__name__ + ':', e)
try:
    r = [1,2].sort(key=1)
    print('[1,2].sort(key=1)', '=>', repr(r))
except Exception as e:
    print('[1,2].sort(key=1)', '!!', type(e).__name__ + ':', e)
try:
    r = "abc".find("b", None, None)
    print('"abc".find("b", None, None)', '=>', repr(r))
except Exception as e:
    print('"abc".find("b", None, None)', '!!', type(e).__name__ + ':', e)
try:
    r = "abc".find("b", 1.5)
    print('"abc".find("b", 1.5)', '=>', repr(r))
except Exception as e:
    print('"abc".find("b", 1.5)', '!!', type(e).__name__ + ':', e)
try:
    r = [1].index(1, None)
    print('[1].index(1, None)', '=>', repr(r))
except Exception as e:
    print('[1].index(1, None)', '!!', type(e).__name__ + ':', e)
try:
    r = [1].pop(None)
    print('[1].pop(None)', '=>', repr(r))
except Exception as e:
    print('[1].pop(None)', '!!', type(e).__name__ + ':', e)
try:
    r = "{:>{}}".format("a")
    print('"{:>{}}".format("a")', '=>', repr(r))
except Exception as e:
    print('"{:>{}}".format("a")', '!!', type(e).__name__ + ':', e)
try:
    r = "{0:{a}}".format(1)
    print('"{0:{a}}".format(1)', '=>', repr(r))
except Exception as e:
    print('"{0:{a}}".format(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".isdigit(1)
    print('"a".isdigit(1)', '=>', repr(r))
except Exception as e:
    print('"a".isdigit(1)', '!!', type(e).__name__ + ':', e)
try:
    r = set().update(1)
    print('set().update(1)', '=>', repr(r))
except Exception as e:
    print('set().update(1)', '!!', type(e).__name__ + ':', e)
try:
    r = set().update([[]])
    print('set().update([[]])', '=>', repr(r))
except Exception as e:
    print('set().update([[]])', '!!', type(e).__name__ + ':', e)
try:
    r = {}.items()[0]
    print('{}.items()[0]', '=>', repr(r))
except Exception as e:
    print('{}.items()[0]', '!!', type(e).__name__ + ':', e)
try:
    r = "a".zfill('a')
    print('"a".zfill(\'a\')', '=>', repr(r))
except Exception as e:
    print('"a".zfill(\'a\')', '!!', type(e).__name__ + ':', e)
try:
    r = '{0!r}'.format()
    print("'{0!r}'.format()", '=>', repr(r))
except Exception as e:
    print("'{0!r}'.format()", '!!', type(e).__name__ + ':', e)
try:
    r = '{0.x}'.format(1)
    print("'{0.x}'.format(1)", '=>', repr(r))
except Exception as e:
    print("'{0.x}'.format(1)", '!!', type(e).__name__ + ':', e)
try:
    r = "a".split(None, 1, 2)
    print('"a".split(None, 1, 2)', '=>', repr(r))
except Exception as e:
    print('"a".split(None, 1, 2)', '!!', type(e).__name__ + ':', e)
try:
    r = "ab".split(sep="a", maxsplit=1, x=1)
    print('"ab".split(sep="a", maxsplit=1, x=1)', '=>', repr(r))
except Exception as e:
    print('"ab".split(sep="a", maxsplit=1, x=1)', '!!', type(e).__name__ + ':', e)
