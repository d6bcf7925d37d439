# inspect.signature: functions, lambdas, methods, classes, callables, partials, wrapped
# functions; Parameter kinds and reprs; bind, bind_partial, BoundArguments.
import inspect
from functools import partial, wraps

def plain(a, b, c=3):
    return a + b + c
def full(pos_only, /, normal, *args, kw_only, kw_default=None, **kwargs):
    pass
def annotated(name: str, count: int = 1, *, sep: str = ", ") -> str:
    return sep.join([name] * count)
def only_pos(a, b=2, /):
    pass
print(inspect.signature(plain), inspect.signature(full), inspect.signature(annotated), inspect.signature(only_pos), sep="\n")
sig = inspect.signature(full)
for name, param in sig.parameters.items():
    print(f"  {name}: {param.kind.name}", "no default" if param.default is param.empty else param.default, repr(param))
print(list(inspect.signature(annotated).parameters), inspect.signature(annotated).return_annotation, repr(inspect.signature(plain)))
print(inspect.signature(lambda x, *, y=2: 0), inspect.signature(lambda: 0), inspect.signature(lambda *a, **k: 0))
print(inspect.Parameter.KEYWORD_ONLY.name, inspect.signature(plain).return_annotation is inspect.Signature.empty)

class Account:
    def __init__(self, owner, balance=0):
        self.owner, self.balance = owner, balance
    def deposit(self, amount, *, note=""):
        pass
    @classmethod
    def open(cls, owner):
        return cls(owner)
    @staticmethod
    def fee(amount, rate=0.01):
        return amount * rate
    def __call__(self, x, factor=2):
        return x * factor
acct = Account("ann")
print(inspect.signature(Account), inspect.signature(Account.deposit), inspect.signature(acct.deposit))
print(inspect.signature(Account.open), inspect.signature(Account.fee), inspect.signature(acct))
print(inspect.signature(partial(plain, 1, c=5)), inspect.signature(partial(plain, b=2)))
def logged(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper
@logged
def decorated(x, y=1):
    return x + y
print(inspect.signature(decorated), inspect.signature(decorated, follow_wrapped=False))
bound = inspect.signature(plain).bind(1, 2)
bound.apply_defaults()
print(bound, bound.arguments, bound.args, bound.kwargs, plain(*bound.args))
b2 = inspect.signature(full).bind(1, 2, 3, 4, kw_only=5, extra=6)
print(b2, b2.args, b2.kwargs)
print(inspect.signature(plain).bind_partial(b=1))
for args, kwargs in [((1,), {}), ((1, 2, 3, 4), {}), ((1, 2), {"a": 1}), ((1, 2), {"z": 1})]:
    try:
        inspect.signature(plain).bind(*args, **kwargs)
    except TypeError as e:
        print("TypeError:", e)
try:
    inspect.signature(3)
except TypeError as e:
    print("TypeError:", e)
