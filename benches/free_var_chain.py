# Free variables read through several enclosing scopes.
def level1(a):
    def level2(b):
        def level3(c):
            def level4(d):
                total = 0
                for i in range(d):
                    total += a + b + c + i
                return total
            return level4
        return level3
    return level2

f = level1(1)(2)(3)
print(sum(f(1000) for _ in range(12000)))
