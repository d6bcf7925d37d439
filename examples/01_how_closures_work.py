# Lesson 1 - How closures work, and what __closure__ holds.
#
# A closure is a function that remembers variables of the scope it was defined in, even
# after that scope has finished. Python keeps each remembered variable in a *cell*: a small
# box that the inner function holds on to. __closure__ is the tuple of those cells.


def make_multiplier(factor):
    # 'factor' is a local of make_multiplier; because multiply uses it, Python stores it in
    # a cell instead of an ordinary local slot.
    def multiply(number):
        return number * factor  # 'factor' is read from the cell, at call time
    return multiply  # the inner function, not its result


double = make_multiplier(2)  # factor=2 lives in a cell that double holds
triple = make_multiplier(3)  # a second call makes a second, separate cell
print(double(5))  # 10
print(triple(5))  # 15
print(double(7))  # 14

# The cells themselves. Addresses differ from run to run.
print(double.__closure__)  # (<cell at 0x...: int object at 0x...>,)
print(double.__closure__[0].cell_contents)  # 2

# Each call to make_multiplier created a NEW cell.
print(double.__closure__[0].cell_contents == triple.__closure__[0].cell_contents)  # False
print(double.__closure__[0] is triple.__closure__[0])  # False

# The code object says which names are free (come from cells) and which are cells.
print(double.__code__.co_freevars)  # ('factor',)
print(make_multiplier.__code__.co_cellvars)  # ('factor',)
print(double.__qualname__)  # make_multiplier.<locals>.multiply

# The same idea is how a dependency factory works: get_db runs once, the closure it returns
# runs on every call and still sees db_url.
def get_db(db_url: str):
    def dependency():
        return {"url": db_url, "connected": True}
    return dependency


dep = get_db("sqlite:///app.db")
print(dep(), dep.__code__.co_freevars)
