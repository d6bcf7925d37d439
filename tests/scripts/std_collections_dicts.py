# defaultdict, Counter, OrderedDict and ChainMap: real dict subclasses (ChainMap a mapping),
# with CPython's reprs, module names and errors.
import collections
from collections import defaultdict, Counter, OrderedDict, ChainMap

print(defaultdict, Counter, OrderedDict, ChainMap, Counter.__qualname__, Counter.__module__)
print(isinstance(defaultdict(), dict), isinstance(Counter(), dict), isinstance(OrderedDict(), dict))

d = defaultdict(list, a=[1])
d["b"].append(2)
print(d, d.default_factory, d.copy(), type(d.copy()).__name__, defaultdict(), defaultdict(None, {1: 2}))
nested = defaultdict(lambda: defaultdict(int))
nested["x"]["y"] += 1
print(dict(nested["x"]), nested.get("zz"), "zz" in nested)

c = Counter("abracadabra")
print(c, c.most_common(1), c.total(), Counter(), Counter(a=2) | Counter(a=1, b=1), Counter(a=2, b=1) & Counter(a=1))
del c["zz"]
c.subtract(a=5)
print(c["a"], sorted(c.elements()), Counter({"x": 2}) + Counter({"x": -2}))

od = OrderedDict.fromkeys("abc", 0)
od.move_to_end("a", last=False)
od.move_to_end("b")
print(od, OrderedDict(), od == OrderedDict([("a", 0), ("c", 0), ("b", 0)]), od != OrderedDict.fromkeys("abc", 0))

base = {"colour": "red", "size": 1}
cm = ChainMap({"size": 2}, base)
child = cm.new_child({"shape": "round"})
print(cm, cm["colour"], cm["size"], len(cm), list(cm), "shape" in child, child.parents, cm.get("nope", "-"))
cm["colour"] = "blue"
print(cm.maps, base)

for attempt in [lambda: defaultdict(5), lambda: defaultdict()["k"], lambda: OrderedDict().popitem(),
                lambda: OrderedDict().move_to_end("x"), lambda: ChainMap({}, {"a": 1})["b"],
                lambda: ChainMap({}, {"a": 1}).pop("a"), lambda: collections.Missing]:
    try:
        attempt()
    except (AttributeError, KeyError, TypeError) as e:
        print(type(e).__name__ + ":", e)
try:
    from collections import Missing
except ImportError as e:
    print("ImportError:", str(e).split(" (")[0])
