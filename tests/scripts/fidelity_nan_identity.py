# NaN is not equal to itself, so containment, index and count find it only by identity:
# two float('nan') calls make two objects; one object found in a container is found.
nan = float("nan")
other = float("nan")
print(nan == nan, nan is nan, nan is other, float("nan") is float("nan"))
print(float("nan") in [float("nan")], nan in [nan], nan in [other], nan in (other, nan))
print([nan, other, nan].count(nan), [other, nan].index(nan), [nan] == [nan], [nan] == [other])
print(nan in {nan}, other in {nan}, float("nan") in {float("nan")}, {nan: 1}.get(nan), {nan: 1}.get(other))
print(len({float("nan"), float("nan")}), len({nan, nan}), float("-nan"), nan, repr(other))
try:
    [other].index(nan)
except ValueError as e:
    print(type(e).__name__, e)
