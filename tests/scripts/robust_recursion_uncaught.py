# Runaway recursion that nothing catches: RecursionError ends the script with status 1.
def countdown(n):
    return countdown(n - 1)

print("start")
countdown(10)
