# types: the type objects, building cells, functions and methods, SimpleNamespace.
import types


def make_adder(n):
    def add(x):
        return x + n
    return add


add2 = make_adder(2)
print(types.FunctionType, types.LambdaType, types.CellType, types.MethodType, types.BuiltinFunctionType,
      types.ModuleType, types.CodeType, types.SimpleNamespace)
print(isinstance(add2, types.FunctionType), isinstance(len, types.BuiltinFunctionType),
      isinstance(types, types.ModuleType), type(add2.__closure__[0]) is types.CellType)
cell = types.CellType(40)
add40 = types.FunctionType(add2.__code__, globals(), "add40", None, (cell,))
print(add40(2), add40.__name__, add40.__qualname__, types.CellType(None).cell_contents)
cell.cell_contents = 1
print(add40(2))
m = types.MethodType(make_adder, 10)
print(m()(5), m.__self__, m.__func__ is make_adder)

ns = types.SimpleNamespace(x=1, y=[2])
ns.z = 3
print(ns, ns == types.SimpleNamespace(x=1, y=[2], z=3), ns != types.SimpleNamespace(), vars(ns))

for attempt in [lambda: types.FunctionType(add2.__code__, {}, "f", None, ()),
                lambda: types.FunctionType(make_adder.__code__, {}, "f", None, (cell,)),
                lambda: types.MethodType(1, 2), lambda: types.MethodType(len, None),
                lambda: types.CellType(1, 2), lambda: types.Nope]:
    try:
        attempt()
    except (AttributeError, TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
