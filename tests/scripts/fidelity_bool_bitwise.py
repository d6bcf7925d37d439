for a in (True, False):
    for b in (True, False, 1, 0):
        print(repr(a & b), repr(a | b), repr(a ^ b), repr(b & a), repr(b | a), repr(b ^ a))
x = True
x &= False
print(repr(x))
x = False
x |= True
print(repr(x))
x = True
x ^= True
print(repr(x))
x = True
x ^= 1
print(repr(x))
print(repr(~True), repr(True + True), repr(True << 1), repr(True >> 0))
