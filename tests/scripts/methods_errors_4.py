try:
    r = (1,2).index(3)
    print('(1,2).index(3)', '=>', repr(r))
except Exception as e:
    print('(1,2).index(3)', '!!', type(e).__name__ + ':', e)
try:
    r = (1,2).index(1, 'a')
    print("(1,2).index(1, 'a')", '=>', repr(r))
except Exception as e:
    print("(1,2).index(1, 'a')", '!!', type(e).__name__ + ':', e)
try:
    r = (1,2).index()
    print('(1,2).index()', '=>', repr(r))
except Exception as e:
    print('(1,2).index()', '!!', type(e).__name__ + ':', e)
try:
    r = (1,2).index(1,2,3,4)
    print('(1,2).index(1,2,3,4)', '=>', repr(r))
except Exception as e:
    print('(1,2).index(1,2,3,4)', '!!', type(e).__name__ + ':', e)
try:
    r = [].index(1,2,3,4)
    print('[].index(1,2,3,4)', '=>', repr(r))
except Exception as e:
    print('[].index(1,2,3,4)', '!!', type(e).__name__ + ':', e)
try:
    r = (1,2).count(1, 2)
    print('(1,2).count(1, 2)', '=>', repr(r))
except Exception as e:
    print('(1,2).count(1, 2)', '!!', type(e).__name__ + ':', e)
try:
    r = [1,2].count(1, 2)
    print('[1,2].count(1, 2)', '=>', repr(r))
except Exception as e:
    print('[1,2].count(1, 2)', '!!', type(e).__name__ + ':', e)
try:
    r = [1,2].index(2, -100, 100)
    print('[1,2].index(2, -100, 100)', '=>', repr(r))
except Exception as e:
    print('[1,2].index(2, -100, 100)', '!!', type(e).__name__ + ':', e)
try:
    r = [].insert(1,2,3)
    print('[].insert(1,2,3)', '=>', repr(r))
except Exception as e:
    print('[].insert(1,2,3)', '!!', type(e).__name__ + ':', e)
try:
    r = {}.fromkeys(1,2,3)
    print('{}.fromkeys(1,2,3)', '=>', repr(r))
except Exception as e:
    print('{}.fromkeys(1,2,3)', '!!', type(e).__name__ + ':', e)
try:
    r = (1.5).hex(1)
    print('(1.5).hex(1)', '=>', repr(r))
except Exception as e:
    print('(1.5).hex(1)', '!!', type(e).__name__ + ':', e)
try:
    r = (1).bit_count(1)
    print('(1).bit_count(1)', '=>', repr(r))
except Exception as e:
    print('(1).bit_count(1)', '!!', type(e).__name__ + ':', e)
try:
    r = [3,1,2].sort(key=None)
    print('[3,1,2].sort(key=None)', '=>', repr(r))
except Exception as e:
    print('[3,1,2].sort(key=None)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".format_map({}, {})
    print('"a".format_map({}, {})', '=>', repr(r))
except Exception as e:
    print('"a".format_map({}, {})', '!!', type(e).__name__ + ':', e)
try:
    r = "a".translate()
    print('"a".translate()', '=>', repr(r))
except Exception as e:
    print('"a".translate()', '!!', type(e).__name__ + ':', e)
try:
    r = "a".translate({97: 1.5})
    print('"a".translate({97: 1.5})', '=>', repr(r))
except Exception as e:
    print('"a".translate({97: 1.5})', '!!', type(e).__name__ + ':', e)
try:
    r = "a".translate({97: 0x110000})
    print('"a".translate({97: 0x110000})', '=>', repr(r))
except Exception as e:
    print('"a".translate({97: 0x110000})', '!!', type(e).__name__ + ':', e)
try:
    r = str.maketrans()
    print('str.maketrans()', '=>', repr(r))
except Exception as e:
    print('str.maketrans()', '!!', type(e).__name__ + ':', e)
try:
    r = str.maketrans("a", "bc")
    print('str.maketrans("a", "bc")', '=>', repr(r))
except Exception as e:
    print('str.maketrans("a", "bc")', '!!', type(e).__name__ + ':', e)
try:
    r = str.maketrans(1)
    print('str.maketrans(1)', '=>', repr(r))
except Exception as e:
    print('str.maketrans(1)', '!!', type(e).__name__ + ':', e)
try:
    r = str.maketrans({'ab': 1})
    print("str.maketrans({'ab': 1})", '=>', repr(r))
except Exception as e:
    print("str.maketrans({'ab': 1})", '!!', type(e).__name__ + ':', e)
try:
    r = {}.update(1, a=2)
    print('{}.update(1, a=2)', '=>', repr(r))
except Exception as e:
    print('{}.update(1, a=2)', '!!', type(e).__name__ + ':', e)
try:
    r = {}.update([(1, 2)], a=2)
    print('{}.update([(1, 2)], a=2)', '=>', repr(r))
except Exception as e:
    print('{}.update([(1, 2)], a=2)', '!!', type(e).__name__ + ':', e)
try:
    r = {}.update(["ab"])
    print('{}.update(["ab"])', '=>', repr(r))
except Exception as e:
    print('{}.update(["ab"])', '!!', type(e).__name__ + ':', e)
try:
    r = {}.update([[1]])
    print('{}.update([[1]])', '=>', repr(r))
except Exception as e:
    print('{}.update([[1]])', '!!', type(e).__name__ + ':', e)
try:
    r = {}.setdefault([], 1)
    print('{}.setdefault([], 1)', '=>', repr(r))
except Exception as e:
    print('{}.setdefault([], 1)', '!!', type(e).__name__ + ':', e)
try:
    r = {}.pop([], 1)
    print('{}.pop([], 1)', '=>', repr(r))
except Exception as e:
    print('{}.pop([], 1)', '!!', type(e).__name__ + ':', e)
try:
    r = set().symmetric_difference()
    print('set().symmetric_difference()', '=>', repr(r))
except Exception as e:
    print('set().symmetric_difference()', '!!', type(e).__name__ + ':', e)
try:
    r = set().symmetric_difference(1, 2)
    print('set().symmetric_difference(1, 2)', '=>', repr(r))
except Exception as e:
    print('set().symmetric_difference(1, 2)', '!!', type(e).__name__ + ':', e)
try:
    r = set().intersection(1)
    print('set().intersection(1)', '=>', repr(r))
except Exception as e:
    print('set().intersection(1)', '!!', type(e).__name__ + ':', e)
try:
    r = set().difference(1)
    print('set().difference(1)', '=>', repr(r))
except Exception as e:
    print('set().difference(1)', '!!', type(e).__name__ + ':', e)
try:
    r = set().isdisjoint(1)
    print('set().isdisjoint(1)', '=>', repr(r))
except Exception as e:
    print('set().isdisjoint(1)', '!!', type(e).__name__ + ':', e)
try:
    r = set().issuperset(1)
    print('set().issuperset(1)', '=>', repr(r))
except Exception as e:
    print('set().issuperset(1)', '!!', type(e).__name__ + ':', e)
try:
    r = set().issuperset([[]])
    print('set().issuperset([[]])', '=>', repr(r))
except Exception as e:
    print('set().issuperset([[]])', '!!', type(e).__name__ + ':', e)
try:
    r = {1}.issubset([[]])
    print('{1}.issubset([[]])', '=>', repr(r))
except Exception as e:
    print('{1}.issubset([[]])', '!!', type(e).__name__ + ':', e)
try:
    r = set().issubset([[]])
    print('set().issubset([[]])', '=>', repr(r))
except Exception as e:
    print('set().issubset([[]])', '!!', type(e).__name__ + ':', e)
try:
    r = frozenset({1}).union([2])
    print('frozenset({1}).union([2])', '=>', repr(r))
except Exception as e:
    print('frozenset({1}).union([2])', '!!', type(e).__name__ + ':', e)
try:
    r = frozenset({1}).copy()
    print('frozenset({1}).copy()', '=>', repr(r))
except Exception as e:
    print('frozenset({1}).copy()', '!!', type(e).__name__ + ':', e)
try:
    r = {1,2}.pop()
    print('{1,2}.pop()', '=>', repr(r))
except Exception as e:
    print('{1,2}.pop()', '!!', type(e).__name__ + ':', e)
try:
    r = set().union([[]])
    print('set().union([[]])', '=>', repr(r))
except Exception as e:
    print('set().union([[]])', '!!', type(e).__name__ + ':', e)
