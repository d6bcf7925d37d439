# Lesson 2 - Late binding: the classic loop bug, and both fixes.
#
# A closure captures the *variable*, not its value at the time. All the lambdas made in a
# loop hold the same cell for i, and read it when they are called, after the loop ended.


def make_funcs():
    funcs = []
    for i in range(5):
        funcs.append(lambda: i)  # every lambda closes over the same cell 'i'
    return funcs


funcs = make_funcs()
print([f() for f in funcs])  # [4, 4, 4, 4, 4] - not [0, 1, 2, 3, 4]
# One cell, shared by all five:
print(all(f.__closure__[0] is funcs[0].__closure__[0] for f in funcs))  # True
print(funcs[0].__closure__[0].cell_contents)  # 4

# Fix 1: a default argument is evaluated when the lambda is made, so each keeps its value.
funcs = []
for i in range(5):
    funcs.append(lambda i=i: i)
print([f() for f in funcs])  # [0, 1, 2, 3, 4]
print(funcs[3].__defaults__, funcs[3].__closure__)  # (3,) None: no cell at all


# Fix 2: a factory function - every call has a new scope, so every lambda gets a new cell.
def make_func(n):
    return lambda: n


funcs = [make_func(i) for i in range(5)]
print([f() for f in funcs])  # [0, 1, 2, 3, 4]
print(len({id(f.__closure__[0]) for f in funcs}))  # 5 different cells
