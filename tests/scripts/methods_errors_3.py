try:
    r = str.upper()
    print('str.upper()', '=>', repr(r))
except Exception as e:
    print('str.upper()', '!!', type(e).__name__ + ':', e)
try:
    r = str.upper(1)
    print('str.upper(1)', '=>', repr(r))
except Exception as e:
    print('str.upper(1)', '!!', type(e).__name__ + ':', e)
try:
    r = str.upper("ab")
    print('str.upper("ab")', '=>', repr(r))
except Exception as e:
    print('str.upper("ab")', '!!', type(e).__name__ + ':', e)
try:
    r = list.append([], 1)
    print('list.append([], 1)', '=>', repr(r))
except Exception as e:
    print('list.append([], 1)', '!!', type(e).__name__ + ':', e)
try:
    r = dict.fromkeys("ab", 0)
    print('dict.fromkeys("ab", 0)', '=>', repr(r))
except Exception as e:
    print('dict.fromkeys("ab", 0)', '!!', type(e).__name__ + ':', e)
try:
    r = range(3).index(5)
    print('range(3).index(5)', '=>', repr(r))
except Exception as e:
    print('range(3).index(5)', '!!', type(e).__name__ + ':', e)
try:
    r = range(3).count(1)
    print('range(3).count(1)', '=>', repr(r))
except Exception as e:
    print('range(3).count(1)', '!!', type(e).__name__ + ':', e)
try:
    r = range(3).index()
    print('range(3).index()', '=>', repr(r))
except Exception as e:
    print('range(3).index()', '!!', type(e).__name__ + ':', e)
try:
    r = "{!}".format(1)
    print('"{!}".format(1)', '=>', repr(r))
except Exception as e:
    print('"{!}".format(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "{0!}".format(1)
    print('"{0!}".format(1)', '=>', repr(r))
except Exception as e:
    print('"{0!}".format(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "{0!rr}".format(1)
    print('"{0!rr}".format(1)', '=>', repr(r))
except Exception as e:
    print('"{0!rr}".format(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "{0!r".format(1)
    print('"{0!r".format(1)', '=>', repr(r))
except Exception as e:
    print('"{0!r".format(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "{0".format(1)
    print('"{0".format(1)', '=>', repr(r))
except Exception as e:
    print('"{0".format(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "{0:".format(1)
    print('"{0:".format(1)', '=>', repr(r))
except Exception as e:
    print('"{0:".format(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "{0[}".format(1)
    print('"{0[}".format(1)', '=>', repr(r))
except Exception as e:
    print('"{0[}".format(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "{0[0}".format([1])
    print('"{0[0}".format([1])', '=>', repr(r))
except Exception as e:
    print('"{0[0}".format([1])', '!!', type(e).__name__ + ':', e)
try:
    r = "{0]}".format(1)
    print('"{0]}".format(1)', '=>', repr(r))
except Exception as e:
    print('"{0]}".format(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "{0.}".format(1)
    print('"{0.}".format(1)', '=>', repr(r))
except Exception as e:
    print('"{0.}".format(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "{0[0]x}".format([1])
    print('"{0[0]x}".format([1])', '=>', repr(r))
except Exception as e:
    print('"{0[0]x}".format([1])', '!!', type(e).__name__ + ':', e)
try:
    r = "{0[a]}".format({'a': 5})
    print('"{0[a]}".format({\'a\': 5})', '=>', repr(r))
except Exception as e:
    print('"{0[a]}".format({\'a\': 5})', '!!', type(e).__name__ + ':', e)
try:
    r = "{0[-1]}".format({'-1': 5})
    print('"{0[-1]}".format({\'-1\': 5})', '=>', repr(r))
except Exception as e:
    print('"{0[-1]}".format({\'-1\': 5})', '!!', type(e).__name__ + ':', e)
try:
    r = "{a{}".format(1)
    print('"{a{}".format(1)', '=>', repr(r))
except Exception as e:
    print('"{a{}".format(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "{:{:{}}}".format(1, 2, 3)
    print('"{:{:{}}}".format(1, 2, 3)', '=>', repr(r))
except Exception as e:
    print('"{:{:{}}}".format(1, 2, 3)', '!!', type(e).__name__ + ':', e)
try:
    r = "{:{}}".format(1, 5)
    print('"{:{}}".format(1, 5)', '=>', repr(r))
except Exception as e:
    print('"{:{}}".format(1, 5)', '!!', type(e).__name__ + ':', e)
try:
    r = "{0:{1}{2}}".format(1, '>', 5)
    print('"{0:{1}{2}}".format(1, \'>\', 5)', '=>', repr(r))
except Exception as e:
    print('"{0:{1}{2}}".format(1, \'>\', 5)', '!!', type(e).__name__ + ':', e)
try:
    r = "{x!r:^10}".format(x='a')
    print('"{x!r:^10}".format(x=\'a\')', '=>', repr(r))
except Exception as e:
    print('"{x!r:^10}".format(x=\'a\')', '!!', type(e).__name__ + ':', e)
try:
    r = "{{}}".format()
    print('"{{}}".format()', '=>', repr(r))
except Exception as e:
    print('"{{}}".format()', '!!', type(e).__name__ + ':', e)
try:
    r = "}}{{".format()
    print('"}}{{".format()', '=>', repr(r))
except Exception as e:
    print('"}}{{".format()', '!!', type(e).__name__ + ':', e)
try:
    r = "a{0}b{1}c".format(1, 2)
    print('"a{0}b{1}c".format(1, 2)', '=>', repr(r))
except Exception as e:
    print('"a{0}b{1}c".format(1, 2)', '!!', type(e).__name__ + ':', e)
try:
    r = "{0}{0}".format(1)
    print('"{0}{0}".format(1)', '=>', repr(r))
except Exception as e:
    print('"{0}{0}".format(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "{ }".format(1)
    print('"{ }".format(1)', '=>', repr(r))
except Exception as e:
    print('"{ }".format(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "{0 }".format(1)
    print('"{0 }".format(1)', '=>', repr(r))
except Exception as e:
    print('"{0 }".format(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "{-1}".format(1)
    print('"{-1}".format(1)', '=>', repr(r))
except Exception as e:
    print('"{-1}".format(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "{00}".format(1)
    print('"{00}".format(1)', '=>', repr(r))
except Exception as e:
    print('"{00}".format(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "{0:}".format(1)
    print('"{0:}".format(1)', '=>', repr(r))
except Exception as e:
    print('"{0:}".format(1)', '!!', type(e).__name__ + ':', e)
try:
    r = "{!r}".format(None)
    print('"{!r}".format(None)', '=>', repr(r))
except Exception as e:
    print('"{!r}".format(None)', '!!', type(e).__name__ + ':', e)
try:
    r = "{!a}".format('é')
    print('"{!a}".format(\'é\')', '=>', repr(r))
except Exception as e:
    print('"{!a}".format(\'é\')', '!!', type(e).__name__ + ':', e)
try:
    r = "{0}".format(*[])
    print('"{0}".format(*[])', '=>', repr(r))
except Exception as e:
    print('"{0}".format(*[])', '!!', type(e).__name__ + ':', e)
try:
    r = "{:%}".format(0.5)
    print('"{:%}".format(0.5)', '=>', repr(r))
except Exception as e:
    print('"{:%}".format(0.5)', '!!', type(e).__name__ + ':', e)
try:
    r = "{0:x}{0:o}".format(255)
    print('"{0:x}{0:o}".format(255)', '=>', repr(r))
except Exception as e:
    print('"{0:x}{0:o}".format(255)', '!!', type(e).__name__ + ':', e)
try:
    r = "{:,}".format(12345678)
    print('"{:,}".format(12345678)', '=>', repr(r))
except Exception as e:
    print('"{:,}".format(12345678)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".splitlines(keepends='a')
    print('"a".splitlines(keepends=\'a\')', '=>', repr(r))
except Exception as e:
    print('"a".splitlines(keepends=\'a\')', '!!', type(e).__name__ + ':', e)
try:
    r = "a\nb\r\nc\rd".splitlines(True)
    print('"a\\nb\\r\\nc\\rd".splitlines(True)', '=>', repr(r))
except Exception as e:
    print('"a\\nb\\r\\nc\\rd".splitlines(True)', '!!', type(e).__name__ + ':', e)
try:
    r = "x\x1cy\x85z\u2028w".splitlines()
    print('"x\\x1cy\\x85z\\u2028w".splitlines()', '=>', repr(r))
except Exception as e:
    print('"x\\x1cy\\x85z\\u2028w".splitlines()', '!!', type(e).__name__ + ':', e)
try:
    r = "".splitlines()
    print('"".splitlines()', '=>', repr(r))
except Exception as e:
    print('"".splitlines()', '!!', type(e).__name__ + ':', e)
try:
    r = "a\n".splitlines()
    print('"a\\n".splitlines()', '=>', repr(r))
except Exception as e:
    print('"a\\n".splitlines()', '!!', type(e).__name__ + ':', e)
try:
    r = "  a  b ".split()
    print('"  a  b ".split()', '=>', repr(r))
except Exception as e:
    print('"  a  b ".split()', '!!', type(e).__name__ + ':', e)
try:
    r = "  a  b ".split(None, 1)
    print('"  a  b ".split(None, 1)', '=>', repr(r))
except Exception as e:
    print('"  a  b ".split(None, 1)', '!!', type(e).__name__ + ':', e)
try:
    r = "  a  b ".rsplit(None, 1)
    print('"  a  b ".rsplit(None, 1)', '=>', repr(r))
except Exception as e:
    print('"  a  b ".rsplit(None, 1)', '!!', type(e).__name__ + ':', e)
try:
    r = " a b c ".rsplit(maxsplit=1)
    print('" a b c ".rsplit(maxsplit=1)', '=>', repr(r))
except Exception as e:
    print('" a b c ".rsplit(maxsplit=1)', '!!', type(e).__name__ + ':', e)
try:
    r = "a,b,,c".split(",")
    print('"a,b,,c".split(",")', '=>', repr(r))
except Exception as e:
    print('"a,b,,c".split(",")', '!!', type(e).__name__ + ':', e)
try:
    r = "a,b,,c".rsplit(",", 2)
    print('"a,b,,c".rsplit(",", 2)', '=>', repr(r))
except Exception as e:
    print('"a,b,,c".rsplit(",", 2)', '!!', type(e).__name__ + ':', e)
try:
    r = "abc".center(8, '*')
    print('"abc".center(8, \'*\')', '=>', repr(r))
except Exception as e:
    print('"abc".center(8, \'*\')', '!!', type(e).__name__ + ':', e)
try:
    r = "abc".center(7, '*')
    print('"abc".center(7, \'*\')', '=>', repr(r))
except Exception as e:
    print('"abc".center(7, \'*\')', '!!', type(e).__name__ + ':', e)
try:
    r = "ab".center(7, '*')
    print('"ab".center(7, \'*\')', '=>', repr(r))
except Exception as e:
    print('"ab".center(7, \'*\')', '!!', type(e).__name__ + ':', e)
try:
    r = "ab".center(8, '*')
    print('"ab".center(8, \'*\')', '=>', repr(r))
except Exception as e:
    print('"ab".center(8, \'*\')', '!!', type(e).__name__ + ':', e)
try:
    r = "-42".zfill(6)
    print('"-42".zfill(6)', '=>', repr(r))
except Exception as e:
    print('"-42".zfill(6)', '!!', type(e).__name__ + ':', e)
try:
    r = "+a".zfill(4)
    print('"+a".zfill(4)', '=>', repr(r))
except Exception as e:
    print('"+a".zfill(4)', '!!', type(e).__name__ + ':', e)
try:
    r = "".zfill(3)
    print('"".zfill(3)', '=>', repr(r))
except Exception as e:
    print('"".zfill(3)', '!!', type(e).__name__ + ':', e)
try:
    r = "hello world foo".title()
    print('"hello world foo".title()', '=>', repr(r))
except Exception as e:
    print('"hello world foo".title()', '!!', type(e).__name__ + ':', e)
try:
    r = "they're bill's".title()
    print('"they\'re bill\'s".title()', '=>', repr(r))
except Exception as e:
    print('"they\'re bill\'s".title()', '!!', type(e).__name__ + ':', e)
try:
    r = "ǆa".title()
    print('"ǆa".title()', '=>', repr(r))
except Exception as e:
    print('"ǆa".title()', '!!', type(e).__name__ + ':', e)
try:
    r = "HELLO wORLD".swapcase()
    print('"HELLO wORLD".swapcase()', '=>', repr(r))
except Exception as e:
    print('"HELLO wORLD".swapcase()', '!!', type(e).__name__ + ':', e)
try:
    r = "ß".upper()
    print('"ß".upper()', '=>', repr(r))
except Exception as e:
    print('"ß".upper()', '!!', type(e).__name__ + ':', e)
try:
    r = "ΑΣ".lower()
    print('"ΑΣ".lower()', '=>', repr(r))
except Exception as e:
    print('"ΑΣ".lower()', '!!', type(e).__name__ + ':', e)
try:
    r = "ß".casefold()
    print('"ß".casefold()', '=>', repr(r))
except Exception as e:
    print('"ß".casefold()', '!!', type(e).__name__ + ':', e)
try:
    r = "abc".startswith("", 3)
    print('"abc".startswith("", 3)', '=>', repr(r))
except Exception as e:
    print('"abc".startswith("", 3)', '!!', type(e).__name__ + ':', e)
try:
    r = "abc".startswith("", 4)
    print('"abc".startswith("", 4)', '=>', repr(r))
except Exception as e:
    print('"abc".startswith("", 4)', '!!', type(e).__name__ + ':', e)
try:
    r = "abc".endswith("c", 0, 3)
    print('"abc".endswith("c", 0, 3)', '=>', repr(r))
except Exception as e:
    print('"abc".endswith("c", 0, 3)', '!!', type(e).__name__ + ':', e)
try:
    r = "abc".endswith("b", 0, -1)
    print('"abc".endswith("b", 0, -1)', '=>', repr(r))
except Exception as e:
    print('"abc".endswith("b", 0, -1)', '!!', type(e).__name__ + ':', e)
try:
    r = "abc".startswith(("x", "a"))
    print('"abc".startswith(("x", "a"))', '=>', repr(r))
except Exception as e:
    print('"abc".startswith(("x", "a"))', '!!', type(e).__name__ + ':', e)
try:
    r = "abc".find("", 3)
    print('"abc".find("", 3)', '=>', repr(r))
except Exception as e:
    print('"abc".find("", 3)', '!!', type(e).__name__ + ':', e)
try:
    r = "abc".find("", 4)
    print('"abc".find("", 4)', '=>', repr(r))
except Exception as e:
    print('"abc".find("", 4)', '!!', type(e).__name__ + ':', e)
try:
    r = "abc".rfind("")
    print('"abc".rfind("")', '=>', repr(r))
except Exception as e:
    print('"abc".rfind("")', '!!', type(e).__name__ + ':', e)
try:
    r = "abc".count("")
    print('"abc".count("")', '=>', repr(r))
except Exception as e:
    print('"abc".count("")', '!!', type(e).__name__ + ':', e)
try:
    r = "abc".count("", 3)
    print('"abc".count("", 3)', '=>', repr(r))
except Exception as e:
    print('"abc".count("", 3)', '!!', type(e).__name__ + ':', e)
try:
    r = "abc".count("", 4)
    print('"abc".count("", 4)', '=>', repr(r))
except Exception as e:
    print('"abc".count("", 4)', '!!', type(e).__name__ + ':', e)
try:
    r = "abcabc".rfind("b", 0, 4)
    print('"abcabc".rfind("b", 0, 4)', '=>', repr(r))
except Exception as e:
    print('"abcabc".rfind("b", 0, 4)', '!!', type(e).__name__ + ':', e)
try:
    r = "héllo".find("l")
    print('"héllo".find("l")', '=>', repr(r))
except Exception as e:
    print('"héllo".find("l")', '!!', type(e).__name__ + ':', e)
try:
    r = "héllo".rindex("l", 1, -1)
    print('"héllo".rindex("l", 1, -1)', '=>', repr(r))
except Exception as e:
    print('"héllo".rindex("l", 1, -1)', '!!', type(e).__name__ + ':', e)
try:
    r = "aaa".count("aa")
    print('"aaa".count("aa")', '=>', repr(r))
except Exception as e:
    print('"aaa".count("aa")', '!!', type(e).__name__ + ':', e)
try:
    r = "abc".replace("", "-")
    print('"abc".replace("", "-")', '=>', repr(r))
except Exception as e:
    print('"abc".replace("", "-")', '!!', type(e).__name__ + ':', e)
try:
    r = "abc".replace("", "-", 2)
    print('"abc".replace("", "-", 2)', '=>', repr(r))
except Exception as e:
    print('"abc".replace("", "-", 2)', '!!', type(e).__name__ + ':', e)
try:
    r = "aaa".replace("a", "b", 2)
    print('"aaa".replace("a", "b", 2)', '=>', repr(r))
except Exception as e:
    print('"aaa".replace("a", "b", 2)', '!!', type(e).__name__ + ':', e)
try:
    r = "aaa".replace("a", "b", -1)
    print('"aaa".replace("a", "b", -1)', '=>', repr(r))
except Exception as e:
    print('"aaa".replace("a", "b", -1)', '!!', type(e).__name__ + ':', e)
try:
    r = "aaa".replace("a", "b", 0)
    print('"aaa".replace("a", "b", 0)', '=>', repr(r))
except Exception as e:
    print('"aaa".replace("a", "b", 0)', '!!', type(e).__name__ + ':', e)
try:
    r = "xxhixx".strip("x")
    print('"xxhixx".strip("x")', '=>', repr(r))
except Exception as e:
    print('"xxhixx".strip("x")', '!!', type(e).__name__ + ':', e)
try:
    r = "  hi ".lstrip()
    print('"  hi ".lstrip()', '=>', repr(r))
except Exception as e:
    print('"  hi ".lstrip()', '!!', type(e).__name__ + ':', e)
try:
    r = "xyhi".lstrip("yx")
    print('"xyhi".lstrip("yx")', '=>', repr(r))
except Exception as e:
    print('"xyhi".lstrip("yx")', '!!', type(e).__name__ + ':', e)
try:
    r = "\x1c a \x1f".strip()
    print('"\\x1c a \\x1f".strip()', '=>', repr(r))
except Exception as e:
    print('"\\x1c a \\x1f".strip()', '!!', type(e).__name__ + ':', e)
try:
    r = "a\tb\nc\td".expandtabs(4)
    print('"a\\tb\\nc\\td".expandtabs(4)', '=>', repr(r))
except Exception as e:
    print('"a\\tb\\nc\\td".expandtabs(4)', '!!', type(e).__name__ + ':', e)
try:
    r = "a\tb".expandtabs(0)
    print('"a\\tb".expandtabs(0)', '=>', repr(r))
except Exception as e:
    print('"a\\tb".expandtabs(0)', '!!', type(e).__name__ + ':', e)
try:
    r = "a\tb".expandtabs(-1)
    print('"a\\tb".expandtabs(-1)', '=>', repr(r))
except Exception as e:
    print('"a\\tb".expandtabs(-1)', '!!', type(e).__name__ + ':', e)
try:
    r = "a".partition("b")
    print('"a".partition("b")', '=>', repr(r))
except Exception as e:
    print('"a".partition("b")', '!!', type(e).__name__ + ':', e)
try:
    r = "a".rpartition("b")
    print('"a".rpartition("b")', '=>', repr(r))
except Exception as e:
    print('"a".rpartition("b")', '!!', type(e).__name__ + ':', e)
try:
    r = "a=b=c".partition("=")
    print('"a=b=c".partition("=")', '=>', repr(r))
except Exception as e:
    print('"a=b=c".partition("=")', '!!', type(e).__name__ + ':', e)
try:
    r = "a=b=c".rpartition("=")
    print('"a=b=c".rpartition("=")', '=>', repr(r))
except Exception as e:
    print('"a=b=c".rpartition("=")', '!!', type(e).__name__ + ':', e)
try:
    r = "abc".removeprefix("ab")
    print('"abc".removeprefix("ab")', '=>', repr(r))
except Exception as e:
    print('"abc".removeprefix("ab")', '!!', type(e).__name__ + ':', e)
try:
    r = "abc".removesuffix("bc")
    print('"abc".removesuffix("bc")', '=>', repr(r))
except Exception as e:
    print('"abc".removesuffix("bc")', '!!', type(e).__name__ + ':', e)
try:
    r = "abc".removesuffix("")
    print('"abc".removesuffix("")', '=>', repr(r))
except Exception as e:
    print('"abc".removesuffix("")', '!!', type(e).__name__ + ':', e)
try:
    r = "_a1".isidentifier()
    print('"_a1".isidentifier()', '=>', repr(r))
except Exception as e:
    print('"_a1".isidentifier()', '!!', type(e).__name__ + ':', e)
try:
    r = "1a".isidentifier()
    print('"1a".isidentifier()', '=>', repr(r))
except Exception as e:
    print('"1a".isidentifier()', '!!', type(e).__name__ + ':', e)
try:
    r = "".isidentifier()
    print('"".isidentifier()', '=>', repr(r))
except Exception as e:
    print('"".isidentifier()', '!!', type(e).__name__ + ':', e)
try:
    r = "Hello World".istitle()
    print('"Hello World".istitle()', '=>', repr(r))
except Exception as e:
    print('"Hello World".istitle()', '!!', type(e).__name__ + ':', e)
try:
    r = "Hello world".istitle()
    print('"Hello world".istitle()', '=>', repr(r))
except Exception as e:
    print('"Hello world".istitle()', '!!', type(e).__name__ + ':', e)
try:
    r = "".isupper()
    print('"".isupper()', '=>', repr(r))
except Exception as e:
    print('"".isupper()', '!!', type(e).__name__ + ':', e)
try:
    r = "A1".isupper()
    print('"A1".isupper()', '=>', repr(r))
except Exception as e:
    print('"A1".isupper()', '!!', type(e).__name__ + ':', e)
try:
    r = "a1".islower()
    print('"a1".islower()', '=>', repr(r))
except Exception as e:
    print('"a1".islower()', '!!', type(e).__name__ + ':', e)
try:
    r = "12".isdigit()
    print('"12".isdigit()', '=>', repr(r))
except Exception as e:
    print('"12".isdigit()', '!!', type(e).__name__ + ':', e)
try:
    r = "²".isdigit()
    print('"²".isdigit()', '=>', repr(r))
except Exception as e:
    print('"²".isdigit()', '!!', type(e).__name__ + ':', e)
try:
    r = "²".isdecimal()
    print('"²".isdecimal()', '=>', repr(r))
except Exception as e:
    print('"²".isdecimal()', '!!', type(e).__name__ + ':', e)
try:
    r = "½".isnumeric()
    print('"½".isnumeric()', '=>', repr(r))
except Exception as e:
    print('"½".isnumeric()', '!!', type(e).__name__ + ':', e)
try:
    r = "一".isnumeric()
    print('"一".isnumeric()', '=>', repr(r))
except Exception as e:
    print('"一".isnumeric()', '!!', type(e).__name__ + ':', e)
try:
    r = " \t".isspace()
    print('" \\t".isspace()', '=>', repr(r))
except Exception as e:
    print('" \\t".isspace()', '!!', type(e).__name__ + ':', e)
try:
    r = "".isspace()
    print('"".isspace()', '=>', repr(r))
except Exception as e:
    print('"".isspace()', '!!', type(e).__name__ + ':', e)
try:
    r = "ab1".isalnum()
    print('"ab1".isalnum()', '=>', repr(r))
except Exception as e:
    print('"ab1".isalnum()', '!!', type(e).__name__ + ':', e)
try:
    r = "ab".isalpha()
    print('"ab".isalpha()', '=>', repr(r))
except Exception as e:
    print('"ab".isalpha()', '!!', type(e).__name__ + ':', e)
try:
    r = "é".isascii()
    print('"é".isascii()', '=>', repr(r))
except Exception as e:
    print('"é".isascii()', '!!', type(e).__name__ + ':', e)
try:
    r = "\t".isprintable()
    print('"\\t".isprintable()', '=>', repr(r))
except Exception as e:
    print('"\\t".isprintable()', '!!', type(e).__name__ + ':', e)
try:
    r = "".isprintable()
    print('"".isprintable()', '=>', repr(r))
except Exception as e:
    print('"".isprintable()', '!!', type(e).__name__ + ':', e)
try:
    r = "hello".capitalize()
    print('"hello".capitalize()', '=>', repr(r))
except Exception as e:
    print('"hello".capitalize()', '!!', type(e).__name__ + ':', e)
try:
    r = "HELLO".capitalize()
    print('"HELLO".capitalize()', '=>', repr(r))
except Exception as e:
    print('"HELLO".capitalize()', '!!', type(e).__name__ + ':', e)
try:
    r = "hello".translate({ord('l'): 'L', ord('o'): None})
    print('"hello".translate({ord(\'l\'): \'L\', ord(\'o\'): None})', '=>', repr(r))
except Exception as e:
    print('"hello".translate({ord(\'l\'): \'L\', ord(\'o\'): None})', '!!', type(e).__name__ + ':', e)
try:
    r = str.maketrans("ab", "xy")
    print('str.maketrans("ab", "xy")', '=>', repr(r))
except Exception as e:
    print('str.maketrans("ab", "xy")', '!!', type(e).__name__ + ':', e)
try:
    r = str.maketrans({'a': 1})
    print("str.maketrans({'a': 1})", '=>', repr(r))
except Exception as e:
    print("str.maketrans({'a': 1})", '!!', type(e).__name__ + ':', e)
try:
    r = str.maketrans("ab", "xy", "c")
    print('str.maketrans("ab", "xy", "c")', '=>', repr(r))
except Exception as e:
    print('str.maketrans("ab", "xy", "c")', '!!', type(e).__name__ + ':', e)
try:
    r = "abc".translate(str.maketrans("ab", "xy", "c"))
    print('"abc".translate(str.maketrans("ab", "xy", "c"))', '=>', repr(r))
except Exception as e:
    print('"abc".translate(str.maketrans("ab", "xy", "c"))', '!!', type(e).__name__ + ':', e)
try:
    r = "a".isalpha()
    print('"a".isalpha()', '=>', repr(r))
except Exception as e:
    print('"a".isalpha()', '!!', type(e).__name__ + ':', e)
try:
    r = "Ⅷ".isalpha()
    print('"Ⅷ".isalpha()', '=>', repr(r))
except Exception as e:
    print('"Ⅷ".isalpha()', '!!', type(e).__name__ + ':', e)
try:
    r = "Ⅷ".isnumeric()
    print('"Ⅷ".isnumeric()', '=>', repr(r))
except Exception as e:
    print('"Ⅷ".isnumeric()', '!!', type(e).__name__ + ':', e)
try:
    r = '{0:>{width}}'.format('x', width=4)
    print("'{0:>{width}}'.format('x', width=4)", '=>', repr(r))
except Exception as e:
    print("'{0:>{width}}'.format('x', width=4)", '!!', type(e).__name__ + ':', e)
try:
    r = '{}'.format_map({'a': 1})
    print("'{}'.format_map({'a': 1})", '=>', repr(r))
except Exception as e:
    print("'{}'.format_map({'a': 1})", '!!', type(e).__name__ + ':', e)
try:
    r = '{a}'.format_map({'a': 1})
    print("'{a}'.format_map({'a': 1})", '=>', repr(r))
except Exception as e:
    print("'{a}'.format_map({'a': 1})", '!!', type(e).__name__ + ':', e)
try:
    r = 'a'.join('xyz')
    print("'a'.join('xyz')", '=>', repr(r))
except Exception as e:
    print("'a'.join('xyz')", '!!', type(e).__name__ + ':', e)
try:
    r = ', '.join(['a'])
    print("', '.join(['a'])", '=>', repr(r))
except Exception as e:
    print("', '.join(['a'])", '!!', type(e).__name__ + ':', e)
try:
    r = ''.join([])
    print("''.join([])", '=>', repr(r))
except Exception as e:
    print("''.join([])", '!!', type(e).__name__ + ':', e)
try:
    r = 'x'.join(('a', 'b'))
    print("'x'.join(('a', 'b'))", '=>', repr(r))
except Exception as e:
    print("'x'.join(('a', 'b'))", '!!', type(e).__name__ + ':', e)
try:
    r = 'x'.join({'a': 1, 'b': 2})
    print("'x'.join({'a': 1, 'b': 2})", '=>', repr(r))
except Exception as e:
    print("'x'.join({'a': 1, 'b': 2})", '!!', type(e).__name__ + ':', e)
try:
    r = 'x'.join(x for x in 'ab')
    print("'x'.join(x for x in 'ab')", '=>', repr(r))
except Exception as e:
    print("'x'.join(x for x in 'ab')", '!!', type(e).__name__ + ':', e)
