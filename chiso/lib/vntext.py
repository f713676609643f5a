"""Vietnamese text helpers for accent- and case-insensitive matching.

`fold("Hà Nội") == fold("HA NOI") == fold("ha noi") == "ha noi"`. The folded form is what
we store in `*_search` columns, so the same comparison runs on SQLite and PostgreSQL.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Characters that NFD does not decompose into base + combining mark.
_SPECIAL = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ƀ": "b", "ł": "l", "Ł": "l"})
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str | None) -> str:
    """Lower-case, strip diacritics (đ → d), collapse whitespace."""
    if not text:
        return ""
    text = unicodedata.normalize("NFD", str(text).translate(_SPECIAL))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_SPECIAL).translate(_DASHES).casefold()
    return _SPACES.sub(" ", text).strip()


_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


def fold_key(text: str | None) -> str:
    """A stricter key for matching names: folded, punctuation dropped ("Bà Rịa - Vũng Tàu" == "ba ria vung tau")."""
    return _SPACES.sub(" ", _PUNCT.sub(" ", fold(text))).strip()


_PROVINCE_PREFIXES = ("thanh pho ", "tp. ", "tp ", "tinh ")


def province_key(name: str | None) -> str:
    """Key for matching province names from any source: drops "Tỉnh", "Thành phố", "TP."."""
    key = fold(name)
    changed = True
    while changed:
        changed = False
        for prefix in _PROVINCE_PREFIXES:
            if key.startswith(prefix):
                key = key[len(prefix) :]
                changed = True
    return fold_key(key)


def contains(haystack: str | None, needle: str | None) -> bool:
    return fold(needle) in fold(haystack)
