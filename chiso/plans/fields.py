"""A target's field wording ("lĩnh vực đất đai", "Đất đai", "đất đai và xây dựng") → the procedure
fields of the dossiers catalogue (code, name). Plain Python: the caller passes the known fields.

Rules, accent- and case-insensitive (`vntext.fold_key`), after dropping the lead words
("trong", "thuộc", "các", "lĩnh vực", "ngành") from the wording and from the names:
1. the wording equals a field's name or code → every field with that name (or that code);
2. otherwise every field whose name holds the wording as whole words ("hộ tịch" → "Tư pháp – Hộ tịch"),
   or whose name the wording holds as whole words ("đất đai và xây dựng" → Đất đai + Xây dựng);
3. nothing matches → [] (the caller says so; it never falls back to the whole unit).

`survey_choices` maps the same procedure fields to the choices of a survey's field question (the
surveys use their own codes: "dat_dai" for the catalogue's "Đất đai")."""

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


def _holds_phrase(haystack: str, needle: str) -> bool:
    """`needle` of two words or more, as whole words of `haystack` (one syllable names nothing)."""
    return " " in needle and _holds(haystack, needle)


def survey_choices(found: list[tuple[str, str]], choices: list[tuple[str, str]]) -> list[str]:
    """The choices (name, label) of a survey's field question that answer for the procedure fields
    `found` (code, name): the choice's label, or its name read as words ("dat_dai" → "dat dai"), is a
    field's name or one holds the other as whole words, two at least ("Tư pháp – Hộ tịch" answers for
    "Hộ tịch"; a choice coded "dat" does not answer for "Đất đai"), or
    the choice's name is a field's code; accent-, case- and punctuation-insensitive, lead words dropped.
    The choice names, in the survey's order; [] when none (the caller says so: never a guess)."""
    names = {field_key(n) for _, n in found} - {""}
    codes = {fold_key(c) for c, _ in found} - {""}
    out = []
    for name, text in choices:
        keys = {field_key(text), field_key(str(name).replace("_", " "))} - {""}
        by_name = any(k == w or _holds_phrase(k, w) or _holds_phrase(w, k) for k in keys for w in names)
        if by_name or fold_key(str(name)) in codes:
            out.append(name)
    return out


def label(found: list[tuple[str, str]]) -> str:
    """ "Đất đai (DD)", "Đất đai (DD1, DD2)", "Đất đai (DD); Xây dựng (XD)"."""
    by_name: dict[str, list[str]] = {}
    for code, name in found:
        by_name.setdefault(name, []).append(code)
    return "; ".join(f"{name} ({', '.join(codes)})" for name, codes in by_name.items())
