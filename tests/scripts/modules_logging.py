# logging as a logging decorator uses it: loggers by dotted name, inherited levels, the last
# resort handler before any configuration, basicConfig (once, then force=True), msg % args.
# The log lines go to stderr; tests/cli.rs compares the whole of it with CPython's.
import logging
import functools

log = logging.getLogger("app")
print(log, logging.getLogger(), logging.root, logging.getLogger("root") is logging.root)
print(log is logging.getLogger("app"), log.name, log.level, log.getEffectiveLevel())
log.warning("no config: %s and %d", "x", 3)
log.info("not shown")
child = logging.getLogger("app.db")
print(child.parent is log, child.getEffectiveLevel())
log.setLevel(logging.DEBUG)
print(child.getEffectiveLevel(), child, log.isEnabledFor(logging.DEBUG), child.isEnabledFor(5))
child.debug("lastresort drops debug")
child.error("but shows %s", "errors")
logging.basicConfig(level=logging.INFO, format="%(levelname)s|%(name)s|%(levelno)d|%(message)s|%(module)s|%(filename)s")
logging.basicConfig(level=logging.DEBUG)
print(logging.getLogger().level)
child.debug("debug via app level %(a)s", {"a": 1})
logging.info("root info")
logging.debug("root debug hidden")
child.propagate = False
child.critical("no propagation -> last resort")
child.propagate = True
logging.log(25, "level 25 %s", [1])
child.log(logging.WARN, "warn %r", "q")
print(logging.getLevelName(25), logging.getLevelName("ERROR"), logging.getLevelName(10), logging.getLevelName(10.0))
logging.basicConfig(force=True, format="%(message)s!", level="WARNING")
logging.warning("forced %s", 1)
logging.info("hidden")

def timed(fn):
    @functools.wraps(fn)
    def wrapper(*args):
        log.info("calling %s%r", fn.__name__, args)
        r = fn(*args)
        log.info("%s returned %r", fn.__name__, r)
        return r
    return wrapper

@timed
def add(a, b):
    return a + b
print(add(2, 3))
print(logging.DEBUG, logging.INFO, logging.WARNING, logging.WARN, logging.ERROR, logging.CRITICAL, logging.FATAL, logging.NOTSET)
for f in [lambda: logging.getLogger("a").info(), lambda: logging.info(), lambda: logging.getLogger("a").log(),
          lambda: logging.log(1.5, "x"), lambda: logging.getLogger("a").setLevel("FOO"),
          lambda: logging.getLogger("a").setLevel(1.5), lambda: logging.getLogger(3),
          lambda: logging.warning("x", foo=1), lambda: logging.Handlerx, lambda: logging.basicConfig(1),
          lambda: logging.getLogger("a").isEnabledFor()]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)

# The stream, once configured anew: sys.stdout interleaves with print.
import sys
logging.basicConfig(force=True, stream=sys.stdout, format="%(name)s says %(message)s", level=logging.DEBUG)
print("before")
logging.getLogger("app.db").debug("to stdout")
print("after")
# Validation happens only when configuring, as in CPython.
for kw in [{"style": "x"}, {"format": "abc"}, {"level": "info"}, {"foo": 1, "bar": 2}]:
    try:
        logging.basicConfig(force=True, **kw)
    except Exception as e:
        print(type(e).__name__, e)
logging.basicConfig(style="x")
print(logging.root.level)
