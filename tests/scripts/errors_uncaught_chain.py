# An exception raised while handling another: both appear, chained, and the script exits 1.
def parse(text):
    try:
        return int(text)
    except ValueError:
        raise RuntimeError("could not parse " + repr(text))

print(parse("12"))
print(parse("twelve"))
