"""Turning what people type, and what shops write, into comparable words.

Both sides go through `normalise`, so `syar'i` and `syari`, or `kopi-gayo` and `kopi gayo`, are the
same words to every search backend.
"""

import re
import unicodedata

# Apostrophes join the letters around them (syar'i -> syari); any other non-letter, non-digit splits.
_APOSTROPHES = re.compile(r"['\u2019\u2018`\u00b4\u02bc]")
_SEPARATORS = re.compile(r"[\W_]+")

MAX_QUERY_WORDS = 8
MAX_WORD_LENGTH = 40
# Typo tolerance: one slip for words of 4 to 7 letters, two from 8 letters (shorter words must match).
TYPO_MIN_LENGTH = 4
TWO_TYPOS_MIN_LENGTH = 8


def normalise(text: str) -> str:
    """Lower-case words separated by single spaces: accents folded, apostrophes dropped, punctuation gone."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text.lower())
    return _SEPARATORS.sub(" ", text).strip()


def query_words(text: str) -> list[str]:
    """The distinct words of a query, in order, at most `MAX_QUERY_WORDS`, each cut to a sane length."""
    words: list[str] = []
    for word in normalise(text).split():
        word = word[:MAX_WORD_LENGTH]
        if word not in words:
            words.append(word)
    return words[:MAX_QUERY_WORDS]


def typos_allowed(word: str) -> int:
    """How many slips a query word may contain and still find its product (numbers never)."""
    if not word.isalpha() or len(word) < TYPO_MIN_LENGTH:
        return 0
    return 2 if len(word) >= TWO_TYPOS_MIN_LENGTH else 1


def typo_distance(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`; `limit + 1` once over.

    The swap counts as one slip because it is the commonest typo on a phone (`kpoi` for `kopi`).
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def document_words(text: str) -> set[str]:
    """The words of a document worth correcting a typo towards (letters only, three or more)."""
    return {w for w in normalise(text).split() if w.isalpha() and 3 <= len(w) <= MAX_WORD_LENGTH}
