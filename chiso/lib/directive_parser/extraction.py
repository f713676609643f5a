"""The text layer: what PDF and DOCX extraction leaves in a document, read away without moving a character.

`clean_text(text)` returns a string of the SAME length as `text` in which extraction artefacts are blanked
(replaced by spaces, line breaks kept) and the line breaks that only wrap a sentence are turned into spaces, so
every later layer reads the document as a person reads the printed page, and every offset (hence every quote
taken from the original text) stays valid:

- page numbers and running headers on a line of their own ("2", "- 2 -", "Trang 2/3");
- footnotes: the marker glued to a word ("Bộ Nội vụ1,", "dưới 80%2.") and the footnote line ("1 Kế hoạch số …")
  printed at the foot of the page, in the middle of an item;
- a digital-signature stamp printed before the header ("Ký bởi: …", "Thời gian ký: …");
- bold markers left by a Markdown conversion ("**1. Sở Nội vụ**");
- a sentence cut by a page break (its end after the footnotes and the page number) or by a hard line break
  every ~90 characters (a PDF copied line by line).
"""

import re

from .structure import _NEEDS_NUMBER, classify_line
from .tables import is_table_line

_PAGE_LINE = re.compile(r"[-–—]\s*\d{1,3}\s*[-–—]|(?:trang|Trang|TRANG)\s+\d{1,3}(?:\s*/\s*\d{1,3})?")
_BARE_NUMBER = re.compile(r"(?P<n>\d{1,3})(?:\s*/\s*\d{1,3})?")  # "2", "2/3"
# the footnote text at the foot of a page: its number, a space, then a sentence
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_FOOTNOTE_LINE = re.compile(
    r"(?:(?P<n>\d{1,2})\s+|\[(?P<b>\d{1,2})\]\s*|(?P<s>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})\s*)(?=[A-ZĐÀ-Ỹ0-9\"“(])"
)
# a footnote marker: digits glued to the end of a word or a per cent sign, then punctuation or a space
_MARKER = re.compile(
    r"(?:(?<=[^\W\d_]{2})|(?<=[%)\"”]))(?P<n>\d{1,2})(?=[\s,.;:!?)]|$)"
    r"|(?<=\S)\[(?P<b>\d{1,2})\]|(?<=\S)(?P<s>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})"
)


def _note_number(m: re.Match) -> str:
    return (m.group("n") or m.group("b") or m.group("s")).translate(_SUPERSCRIPT)


_STAMP_LINE = re.compile(r"(?:ký bởi|người ký|ngày ký|thời gian ký|cơ quan|email|e-mail)\s*:", re.IGNORECASE)
_FLAT_TABLE_HEAD = re.compile(r"^[ \t]*(?:STT|TT|Số TT)[ \t]*$", re.MULTILINE | re.IGNORECASE)
_BOLD = re.compile(r"\*\*")
# what a Markdown conversion leaves: "## I. MỤC TIÊU", "1\\. Sở Nội vụ", "*(Kèm theo …)*"
_HTML_TAG = re.compile(r"</?(?:br|b|i|u|strong|em|p|span|sup|sub)\b[^<>\n]{0,40}>", re.IGNORECASE)
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "nbsp": " ", "#39": "'"}
_HTML_ENTITY = re.compile(r"&(amp|lt|gt|quot|nbsp|#39);", re.IGNORECASE)
_MD_HEADING = re.compile(r"^[ \t]*#{1,6}(?=[ \t])", re.MULTILINE)
_MD_ESCAPE = re.compile(r"\\(?=[.\-*_#()\[\]+!|>])")
_MD_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=[^\s*_])[^*_\n]*?[^\s*_\\]\1(?![\w*])")
# characters extraction leaves that are no text: page breaks and odd line separators read as line breaks,
# zero-width and non-breaking spaces and soft hyphens as spaces
_AS_NEWLINE = "\f\v\x1c\x1d\x1e\x85\u2028\u2029"
_AS_SPACE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u00a0\u202f"
_INVISIBLE_RE = re.compile(f"[{_AS_NEWLINE}{_AS_SPACE}]")
_INVISIBLE = str.maketrans(_AS_NEWLINE + _AS_SPACE, "\n" * len(_AS_NEWLINE) + " " * len(_AS_SPACE))
_SENTENCE_END = (".", ":", ";", "!", "?")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each physical line, without its line break."""
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        out.append((pos, pos + len(body)))
        pos += len(line)
    return out


def _blank(chars: list[str], s: int, e: int) -> None:
    for i in range(s, e):
        if chars[i] not in "\r\n":
            chars[i] = " "


def _content(chars: list[str], s: int, e: int) -> str:
    return "".join(chars[s:e]).strip()


def _neighbours(lines: list[tuple[int, int]], chars: list[str], i: int) -> tuple[int | None, int | None]:
    """Indexes of the nearest lines before and after line i that still hold text (None at either end)."""
    prev = next((j for j in range(i - 1, -1, -1) if _content(chars, *lines[j])), None)
    nxt = next((j for j in range(i + 1, len(lines)) if _content(chars, *lines[j])), None)
    return prev, nxt


def _stamp(text: str, lines: list[tuple[int, int]], chars: list[str]) -> None:
    """A digital-signature stamp printed above the header: its field lines before the first other line."""
    for s, e in lines:
        line = text[s:e].strip()
        if not line:
            continue
        if not _STAMP_LINE.match(line):
            return
        _blank(chars, s, e)


def _footnotes(text: str, lines: list[tuple[int, int]], chars: list[str]) -> set[int]:
    """Blank footnote lines and their markers: a line "N Text" counts only when the marker N is glued to a word
    before it, and the marker counts only when its footnote line exists. Returns the blanked line indexes."""
    if not any(_FOOTNOTE_LINE.match(text[s:e].lstrip()) for s, e in lines):
        return set()  # no footnote text anywhere: no marker to look for
    markers: dict[str, list[tuple[int, int]]] = {}
    for m in _MARKER.finditer(text):
        if m.group("n") and text[m.start() - 1].isupper():
            continue  # "COVID19", "H2": a code, not a marker
        markers.setdefault(_note_number(m), []).append((m.start(), m.end()))
    if not markers:
        return set()
    found = set()
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        m = _FOOTNOTE_LINE.match(line.lstrip())
        if not m or "\t" in line.strip() or line.count("|") >= 2:
            continue
        glued = [(a, b) for a, b in markers.get(_note_number(m), []) if b <= s]
        if not glued:
            continue
        found.add(i)
        _blank(chars, s, e)
        a, b = glued[-1]  # the marker closest before its footnote
        _blank(chars, a, b)
    return found


def _row_number(text: str, lines: list[tuple[int, int]], i: int, n: int) -> bool:
    """A bare number with its neighbour (n - 1 or n + 1) a few lines away on a line of its own: the row numbers of
    a table flattened to one cell per line, not a page number."""
    for j in range(max(0, i - 12), min(len(lines), i + 13)):
        if j != i and text[lines[j][0] : lines[j][1]].strip() in (str(n - 1), str(n + 1)):
            return True
    return False


def _footnote_tails(
    lines: list[tuple[int, int]], chars: list[str], footnotes: set[int], pages: set[int]
) -> set[int]:
    """A footnote over several lines: the lines after a footnote that does not end its sentence, up to the next
    footnote or the page number, belong to it (not to the item the page break cut)."""
    found = set()
    for i in sorted(footnotes):
        run = []
        j = i + 1
        while j < len(lines) and j not in footnotes and j not in pages:
            line = _content(chars, *lines[j])
            if not line or classify_line(line) != "para":
                break
            run.append(j)
            j += 1
        if run and (j in footnotes or j in pages):
            for k in run:
                _blank(chars, *lines[k])
            found.update(run)
    return found


def _cut_clause(line: str) -> bool:
    """A long line that stops in the middle of a clause (on a word or a comma): cut by a page break."""
    return len(line) >= 60 and (line[-1].islower() or line[-1] == ",") and not line.isupper()


def _page_lines(
    text: str, lines: list[tuple[int, int]], chars: list[str], footnotes: set[int], flat: bool
) -> set[int]:
    """Blank page numbers and running headers; a bare number counts when a sentence continues after it (in lower
    case, or after a clause cut in the middle) or when footnotes stand right above it."""
    found = set()
    for i, (s, e) in enumerate(lines):
        line = text[s:e].strip()
        if not line:
            continue
        if _PAGE_LINE.fullmatch(line):
            found.add(i)
            _blank(chars, s, e)
            continue
        bare = _BARE_NUMBER.fullmatch(line)
        if not bare:
            continue
        prev, nxt = _neighbours(lines, chars, i)
        if prev is None or nxt is None:
            continue
        prev_text = _content(chars, *lines[prev])
        if _NEEDS_NUMBER.search(prev_text):
            continue  # "trước ngày / 15 / của tháng cuối quý": a wrapped number, not a page
        if _row_number(text, lines, i, int(bare.group("n"))):
            continue
        after_footnotes = (i - 1) in footnotes
        after = _content(chars, *lines[nxt])
        cut = _cut_clause(prev_text) and classify_line(after) == "para" and not flat
        if after_footnotes or after[:1].islower() or cut:
            found.add(i)
            _blank(chars, s, e)
    return found


def _running_headers(text: str, lines: list[tuple[int, int]], chars: list[str], pages: set[int]) -> set[int]:
    """A running header or footer ("Kế hoạch số 36/KH-UBND", "CÔNG BÁO"): a line printed again on every page,
    standing next to a page number or inside a sentence cut by the page break. Its first occurrence in the header
    of the document is not touched."""
    seen: dict[str, list[int]] = {}
    for i, (s, e) in enumerate(lines):
        line = _content(chars, s, e)
        if line and len(line) <= 90 and not is_table_line(line) and classify_line(line) == "para":
            seen.setdefault(line, []).append(i)
    found = set()
    for line, where in seen.items():
        if len(where) < 2 or line.endswith(_SENTENCE_END):
            continue
        for i in where:
            prev, nxt = _neighbours(lines, chars, i)
            by_page = prev in pages or nxt in pages
            cut = (
                prev is not None
                and nxt is not None
                and not _content(chars, *lines[prev]).endswith(_SENTENCE_END)
                and _content(chars, *lines[nxt])[:1].islower()
            )
            if by_page or cut:
                found.add(i)
    for i in found:
        _blank(chars, *lines[i])
    return found


def _join_page_breaks(lines: list[tuple[int, int]], chars: list[str], artefacts: set[int]) -> None:
    """A sentence cut by a page break: when artefact lines stand between a line that does not end a sentence and
    a line that goes on with it, the breaks between them become spaces (one line, as printed)."""
    for i in sorted(artefacts):
        prev, nxt = _neighbours(lines, chars, i)
        if prev is None or nxt is None:
            continue
        before, after = _content(chars, *lines[prev]), _content(chars, *lines[nxt])
        if before.endswith(_SENTENCE_END) or classify_line(after) != "para" or is_table_line(before):
            continue
        # the next page may go on with a name ("phối hợp với / - 2 - / Sở Tài chính …") when the line before
        # was cut in the middle of a clause: a long line ending in a word or a comma
        if not (after[:1].islower() or _cut_clause(before)):
            continue
        for k in range(lines[prev][1], lines[nxt][0]):
            if chars[k] in "\r\n":
                chars[k] = " "


def _wrap_width(lines: list[tuple[int, int]], chars: list[str]) -> int | None:
    """The width a document was hard-wrapped at, or None: most long lines end close to one width."""
    if any(e - s > 140 and not is_table_line(_content(chars, s, e)) for s, e in lines):
        return None  # a paragraph longer than any wrap width: the document is not hard-wrapped
    lengths = [len(c) for c in (_content(chars, s, e) for s, e in lines) if not is_table_line(c)]
    long_ = [n for n in lengths if n >= 30]
    if len(long_) < 8:
        return None
    width = max(long_)
    if width > 130:
        return None
    near = [n for n in long_ if n >= width - 15]
    return width if len(near) >= 0.5 * len(long_) else None


def _join_wraps(lines: list[tuple[int, int]], chars: list[str], flat: bool) -> None:
    """A hard line break inside a sentence: the line is full (its next word would not have fitted), does not end a
    sentence, and the next line starts no item or heading."""
    width = _wrap_width(lines, chars)
    if width is None or flat:
        return  # a table flattened to one cell per line: its cells are lines of their own, not wrapped text
    for (s, e), (s2, e2) in zip(lines, lines[1:], strict=False):
        line, nxt = _content(chars, s, e), _content(chars, s2, e2)
        if not line or not nxt or line.endswith(_SENTENCE_END) or line.isupper() or nxt.isupper():
            continue
        if is_table_line(line) or is_table_line(nxt):
            continue  # rows of a table end where they end
        first_word = nxt.split()[0]
        if len(line) + 1 + len(first_word) <= width:
            continue  # the next word would have fitted: a real line break
        if classify_line(nxt) != "para":
            continue
        for k in range(e, s2):
            if chars[k] in "\r\n":
                chars[k] = " "


def _shift_in(chars: list[str], start: int, end: int, replacement: str) -> None:
    """Write `replacement` (shorter than the span) so that it ends at `end`, the word before the span moved up to
    it and the room left at the front blanked: "KH&amp;ĐT" reads "KH&ĐT", every other offset unchanged."""
    room = (end - start) - len(replacement)
    q = start
    while q > 0 and not chars[q - 1].isspace():
        q -= 1
    word = chars[q:start]
    chars[q:end] = [" "] * room + word + list(replacement)


def _html(text: str, chars: list[str]) -> None:
    """HTML left by a conversion: line breaks and tags inside table cells, character entities."""
    for m in _HTML_TAG.finditer(text):
        _blank(chars, m.start(), m.end())
    for m in _HTML_ENTITY.finditer(text):
        _shift_in(chars, m.start(), m.end(), _ENTITIES[m.group(1).lower()])


def _markdown(chars: list[str]) -> None:
    text = "".join(chars)  # after the HTML step, which may have moved a word
    for m in _BOLD.finditer(text):
        _blank(chars, m.start(), m.end())
    for m in _MD_HEADING.finditer(text):
        _blank(chars, m.start(), m.end())
    for m in _MD_ESCAPE.finditer(text):
        _shift_in(chars, m.start(), m.end(), "")  # "1\\." reads "1.": the marker stays whole
    for m in _MD_EMPHASIS.finditer(text):
        _blank(chars, m.start(), m.start() + 1)
        _blank(chars, m.end() - 1, m.end())


def clean_text(text: str) -> str:
    """The document with extraction artefacts blanked and wrapped sentences joined; same length as `text`."""
    if _INVISIBLE_RE.search(text):
        text = text.translate(_INVISIBLE)
    chars = list(text)
    lines = _lines(text)
    _stamp(text, lines, chars)
    _html(text, chars)
    _markdown(chars)
    footnotes = _footnotes(text, lines, chars)
    # a table flattened to one cell per line: bare numbers and short values are its cells, not pages or wraps
    flat = bool(_FLAT_TABLE_HEAD.search("".join(chars)))  # read after the Markdown step ("**STT**")
    pages = _page_lines(text, lines, chars, footnotes, flat)
    footnotes |= _footnote_tails(lines, chars, footnotes, pages)
    pages |= _running_headers(text, lines, chars, pages)
    _join_page_breaks(lines, chars, footnotes | pages)
    _join_wraps(lines, chars, flat)
    out = "".join(chars)
    assert len(out) == len(text)
    return out


def restore_quotes(result, original: str) -> None:
    """Every quote is re-cut from the original text at its offsets (the parse ran on the cleaned text)."""
    if isinstance(result, dict):
        if isinstance(result.get("quote"), str) and isinstance(result.get("start"), int) and "end" in result:
            result["quote"] = original[result["start"] : result["end"]]
        for v in result.values():
            restore_quotes(v, original)
    elif isinstance(result, list):
        for v in result:
            restore_quotes(v, original)
