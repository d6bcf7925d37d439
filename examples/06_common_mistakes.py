# Lesson 6 - The chapter's three common mistakes, each in a form that runs.

# Mistake 1 - late binding in a comprehension (see lesson 3).
ops = [lambda x: x + i for i in [1, 2, 3]]
print(ops[0](10))  # 13, not 11
ops = [lambda x, i=i: x + i for i in [1, 2, 3]]
print(ops[0](10))  # 11


# Mistake 2 - forgetting nonlocal. `count += 1` assigns, so count is local to inc, and
# reading it first fails.
def counter():
    count = 0

    def inc():
        count += 1  # UnboundLocalError
        return count

    return inc


try:
    counter()()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
print(counter().__code__.co_varnames)  # ('count',): a local, not a free variable


def counter_fixed():
    count = 0

    def inc():
        nonlocal count
        count += 1  # modifies the enclosed 'count'
        return count

    return inc


inc = counter_fixed()
print(inc(), inc(), inc())  # 1 2 3

# Mistake 3 - closures capture references, not copies.
items = [1, 2, 3]
f = lambda: items  # captures the variable items, which refers to the list
items.append(4)
print(f())  # [1, 2, 3, 4] - the list was mutated

items = [1, 2, 3]
snapshot = items.copy()
f = lambda: snapshot  # snapshot is independent of later changes to items
items.append(4)
print(f(), items)  # [1, 2, 3] [1, 2, 3, 4]
