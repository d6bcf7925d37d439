# Everyday list, dict and string work around closures.
def word_stats(words):
    counts = {}
    def bump(w):
        counts[w] = counts.get(w, 0) + 1
    for w in words:
        bump(w.lower())
    return counts

words = ("the Quick brown fox jumps over the lazy dog " * 260000).split()
stats = word_stats(words)
ranked = sorted(stats.items(), key=lambda kv: (-kv[1], kv[0]))
squares = [n * n for n in range(2_600_000) if n % 3]
text = "-".join(str(n) for n in squares[:50_000])
print(ranked[:3], len(squares), len(text), sum(squares) % 1_000_007)
