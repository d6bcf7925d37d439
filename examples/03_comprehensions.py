# Lesson 3 - Comprehensions have their own scope, so the same bug hides in them.
#
# In Python 3.11 a list comprehension runs as a small function of its own. Lambdas made
# inside it close over the comprehension's single variable i.

adders_wrong = [lambda x: x + i for i in range(3)]  # all add 2 (the final i)
adders_right = [lambda x, i=i: x + i for i in range(3)]  # add 0, 1, 2
print([add(10) for add in adders_wrong])  # [12, 12, 12]
print([add(10) for add in adders_right])  # [10, 11, 12]

# The wrong ones share one cell; its owner is the comprehension, hence the qualname.
print(adders_wrong[0].__qualname__)  # <listcomp>.<lambda>
print(adders_wrong[0].__closure__[0] is adders_wrong[2].__closure__[0])  # True

# Common mistake 1 from the chapter, exactly as printed there:
ops = [lambda x: x + i for i in [1, 2, 3]]
print(ops[0](10))  # 13 - not 11! All share final i=3
ops = [lambda x, i=i: x + i for i in [1, 2, 3]]
print(ops[0](10))  # 11

# The loop variable of a comprehension does not leak out of it.
x = "outer"
squares = [x * x for x in range(4)]
print(squares, x)  # [0, 1, 4, 9] outer
