"""A target's field wording ("lĩnh vực đất đai", "Đất đai", "đất đai và xây dựng") → the procedure
fields of the dossiers catalogue (code, name). Plain Python: the caller passes the known fields.

Rules, accent- and case-insensitive (`vntext.fold_key`), after dropping the lead words
("trong", "thuộc", "các", "lĩnh vực", "ngành") from the wording and from the names:
1. the wording equals a field's name or code → every field with that name (or that code);
2. otherwise every field whose name holds the wording as whole words ("hộ tịch" → "Tư pháp – Hộ tịch"),
   or whose name the wording holds as whole words ("đất đai và xây dựng" → Đất đai + Xây dựng);
3. nothing matches → [] (the caller says so; it never falls back to the whole unit)."""

import re

from chiso.lib.vntext import fold_key

# lead words, on the folded wording: "trong lĩnh vực", "thuộc các lĩnh vực", "ngành"…
_LEADS = re.compile(r"^(?:(?:trong|thuoc|cac|doi voi|linh vuc|nganh|nhom)(?: |$))+")


def field_key(text: str | None) -> str:
    """The wording without its lead words: "trong lĩnh vực Đất đai" → "dat dai"."""
    return _LEADS.sub("", fold_key(text)).strip()


_LEAD_WORDS = re.compile(r"^\s*(?:(?:trong|thuộc|các|đối với)\s+)*lĩnh\s+vực\s+", re.IGNORECASE)


def wording(text: str | None) -> str:
    """The wording as written, without a leading "(trong) lĩnh vực": for messages."""
    return _LEAD_WORDS.sub("", (text or "").strip())


def _holds(haystack: str, needle: str) -> bool:
    return bool(needle) and f" {needle} " in f" {haystack} "


def resolve(text: str | None, fields: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The fields (code, name) that the wording names, in catalogue order; [] when none."""
    key = field_key(text)
    if not key:
        return []
    named = [(c, n, field_key(n)) for c, n in fields]
    exact = [(c, n) for c, n, k in named if k == key or fold_key(c) == key]
    if exact:
        return exact
    return [(c, n) for c, n, k in named if _holds(k, key) or _holds(key, k)]


def label(found: list[tuple[str, str]]) -> str:
    """ "Đất đai (DD)", "Đất đai (DD1, DD2)", "Đất đai (DD); Xây dựng (XD)"."""
    by_name: dict[str, list[str]] = {}
    for code, name in found:
        by_name.setdefault(name, []).append(code)
    return "; ".join(f"{name} ({', '.join(codes)})" for name, codes in by_name.items())
