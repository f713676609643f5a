"""Offset-preserving text helpers for the directive parser.

`sfold(text)` returns a string of the SAME length as `text`: lower-case, diacritics dropped
(đ → d), so every regex written on plain ASCII-ish Vietnamese ("truoc ngay") can run on the
folded text and its match offsets are valid offsets into the original text.
"""

import re
import unicodedata

_SPECIAL = {"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"}
_DASHES = {"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"}
_QUOTES = {"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"}


def _fold_char(ch: str) -> str:
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    if ch in _DASHES:
        return _DASHES[ch]
    if ch in _QUOTES:
        return _QUOTES[ch]
    if ch.isascii():
        return ch.lower()
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    if len(base) == 1:
        low = base.lower()
        return low if len(low) == 1 else base
    low = ch.lower()
    return low if len(low) == 1 else ch


_CACHE: dict[str, str] = {}


def sfold(text: str) -> str:
    """Same-length fold: lower-case, no diacritics, đ→d, unified dashes and quotes."""
    out = []
    for ch in text:
        f = _CACHE.get(ch)
        if f is None:
            f = _fold_char(ch)
            if len(_CACHE) < 20000:
                _CACHE[ch] = f
        out.append(f)
    return "".join(out)


_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    """Collapse whitespace (for summaries and names shown to people)."""
    return _WS.sub(" ", text).strip()


def strip_span(text: str, start: int, end: int, chars: str = " \t\r\n") -> tuple[int, int]:
    """Shrink [start, end) so it neither starts nor ends with `chars`."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def lower_vi(text: str) -> str:
    """Lower-case with the older accent placement unified (uỷ → ủy, hoà → hòa), same length."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    # whole syllables only: "hoàn thành" keeps its "oà" (a new-style accent already)
    return _OLD_ACCENT.sub(lambda m: _NEW_ACCENT[m.group(0)], low)


_NEW_ACCENT = {"uỷ": "ủy", "hoà": "hòa", "thoả": "thỏa", "khoá": "khóa"}
_OLD_ACCENT = re.compile(r"(?:uỷ|hoà|thoả|khoá)(?![^\W\d_])")
