# A scope error is found before anything runs: the first print never happens.
print("never printed")

def outer():
    def inner():
        nonlocal missing
        missing = 1
    return inner
