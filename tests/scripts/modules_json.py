# json: loads over valid and broken documents (JSONDecodeError with msg, pos, lineno, colno),
# dumps with every option that shapes the text, key rules, default=, and the errors.
import json
docs = ['', ' ', '[1,', '{1:2}', '{"a" 1}', '[1 2]', '"abc', '"a\\x"', '[1]x', '"\\u12"', '"\\u12zz"', '"\t"', 'NaN', '-Infinity', '1e400', '01', '-', '[-]',
        '[1,]', '{"a":1,}', '{"a":1 "b"}', '{"a":}', '{ }', '[ ]', ' [1 , 2 ] ', '"\\ud83d\\ude00"', '1.', '1.5e', '-0', '-0.0', '1E+2', '{"a": {"b": [1, {"c": null}]}}',
        '\n\n  [1,\n 2,\n x]', 'tru', 'nul', '"\\/\\b\\f\\n\\r\\t"', '123456789012345678901234567890', '{"x":1,"x":2}', '[]]', '{"a":1}}', '"a\nb"', '{"a":1, "b"}']
for d in docs:
    try:
        print(repr(d), "->", repr(json.loads(d)))
    except json.JSONDecodeError as e:
        print(repr(d), "->", type(e).__name__, e, e.pos, e.lineno, e.colno, repr(e.msg))
data = {"k": [1, 2.5, "é☃😀", None, True, {"z": [], "a": {}}], "n": -0.0, "big": 10 ** 30, 3: "int", 1.5: "f", None: 0, False: 1}
for kw in [{}, {"indent": 2}, {"indent": 0}, {"indent": "\t"}, {"ensure_ascii": False}, {"separators": (",", ":")}, {"indent": 1, "separators": (";", "=")}, {"sort_keys": False, "indent": None}]:
    print(json.dumps(data, **kw))
print(json.dumps([float("nan"), float("inf"), -float("inf")]), json.dumps({"a": 1, "b": [2]}, sort_keys=True, indent=3))
a = []
a.append(a)
for attempt in [lambda: json.dumps(a), lambda: json.dumps({1: 1, "a": 2}, sort_keys=True), lambda: json.dumps({(1,): 1}), lambda: json.dumps({(1,): 1, "k": 2}, skipkeys=True),
                lambda: json.dumps(float("nan"), allow_nan=False), lambda: json.dumps(set()), lambda: json.dumps({1, 2}, default=sorted), lambda: json.dumps(print, default=repr),
                lambda: json.loads(5), lambda: json.dumps(), lambda: json.dumps([1], separators=("-",)), lambda: json.dumps(1, bogus=1)]:
    try:
        print(attempt())
    except Exception as e:
        print(type(e).__name__, e)
