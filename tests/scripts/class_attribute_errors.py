# AttributeError and TypeError messages around classes, then an uncaught typo with a suggestion.
class Account:
    bank = "Savings"
    def __init__(self, owner):
        self.owner = owner
    def deposit(self, amount):
        return amount

class Bare:
    pass

acct = Account("ann")
for attempt in [lambda: acct.ballance, lambda: Account.owner, lambda: acct.deposit(), lambda: acct.deposit(1, 2),
                lambda: Account.deposit(5), lambda: Account(), lambda: Bare(1), lambda: acct(), lambda: Bare.nope]:
    try:
        attempt()
    except (AttributeError, TypeError) as e:
        print(type(e).__name__ + ":", e)
try:
    acct.ownr
except AttributeError as e:
    print(repr(e), e.name, e.obj is acct)
acct.depositt(5)
