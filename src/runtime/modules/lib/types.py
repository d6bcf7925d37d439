# `types`, as CPython's types.py: the type objects are read off objects of each kind, and
# SimpleNamespace is a class.

import sys


def _f():
    pass


def _cell():
    value = None

    def inner():
        return value

    return inner.__closure__[0]


class _C:
    def _m(self):
        pass


def _g():
    yield 1


async def _c():
    pass


_c = _c()


FunctionType = type(_f)
LambdaType = type(lambda: None)
CodeType = type(_f.__code__)
CellType = type(_cell())
MethodType = type(_C()._m)
BuiltinFunctionType = type(len)
BuiltinMethodType = type([].append)
ModuleType = type(sys)
GeneratorType = type(_g())
CoroutineType = type(_c)
_c.close()  # it was never meant to be awaited: no "never awaited" warning


class SimpleNamespace:
    def __init__(self, /, **kwargs):
        self.__dict__.update(kwargs)

    def __repr__(self):
        items = (f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"namespace({', '.join(items)})"

    def __eq__(self, other):
        if isinstance(self, SimpleNamespace) and isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented


del sys, _f, _cell, _C, _g, _c
