"""Text out of an uploaded directive: .txt (UTF-8 / UTF-16 / Windows-1258), .docx, .pdf with a text layer."""

import io
import re
import unicodedata


class ExtractError(ValueError):
    """The file cannot be read as a directive (Vietnamese message for the user)."""


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    # UTF-16 without BOM: many NUL bytes
    if data and data.count(b"\x00") > len(data) // 4:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                continue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace")


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out += letters
            n -= value
    return out


def _fmt(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return "abcdđeghiklmnopqrstuvxy"[(n - 1) % 23]
    if fmt == "upperLetter":
        return "ABCDĐEGHIKLMNOPQRSTUVXY"[(n - 1) % 23]
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    return str(n)


class _Numbering:
    """Word's automatic list numbers are not in the paragraph text: rebuild "1.", "a)", "-" from numbering.xml."""

    def __init__(self, document):
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        # list numbering set on a paragraph style ("List Number", "List Bullet 2", headings)
        self.style_numpr: dict[str, object] = {}
        try:
            styles = document.styles.element
            by_id = {st.get(f"{_W}styleId"): st for st in styles.findall(f"{_W}style")}
            for sid in by_id:
                st, seen = by_id[sid], set()
                while st is not None and st.get(f"{_W}styleId") not in seen:
                    seen.add(st.get(f"{_W}styleId"))
                    ppr = st.find(f"{_W}pPr")
                    numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
                    if numpr is not None:
                        self.style_numpr[sid] = numpr
                        break
                    based = st.find(f"{_W}basedOn")
                    st = by_id.get(based.get(f"{_W}val")) if based is not None else None
        except Exception:  # styles are optional
            pass
        try:
            root = document.part.numbering_part.element
        except Exception:  # no numbering part
            return
        abstract = {}
        for an in root.findall(f"{_W}abstractNum"):
            levels = {}
            for lvl in an.findall(f"{_W}lvl"):
                ilvl = int(lvl.get(f"{_W}ilvl", "0"))
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                start = lvl.find(f"{_W}start")
                levels[ilvl] = (
                    fmt.get(f"{_W}val") if fmt is not None else "decimal",
                    text.get(f"{_W}val") if text is not None else "%1.",
                    int(start.get(f"{_W}val")) if start is not None else 1,
                )
            abstract[an.get(f"{_W}abstractNumId")] = levels
        for num in root.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is None:
                continue
            for ilvl, spec in abstract.get(ref.get(f"{_W}val"), {}).items():
                self.levels[(num.get(f"{_W}numId"), ilvl)] = spec

    def marker(self, p) -> str:
        ppr = p.find(f"{_W}pPr")
        numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
        if numpr is None and ppr is not None:
            pstyle = ppr.find(f"{_W}pStyle")
            if pstyle is not None:
                numpr = self.style_numpr.get(pstyle.get(f"{_W}val"))
        if numpr is None:
            return ""
        num_el, lvl_el = numpr.find(f"{_W}numId"), numpr.find(f"{_W}ilvl")
        num_id = num_el.get(f"{_W}val") if num_el is not None else None
        ilvl = int(lvl_el.get(f"{_W}val")) if lvl_el is not None else 0
        spec = self.levels.get((num_id, ilvl))
        if not spec or num_id in (None, "0"):
            return ""
        fmt, text, start = spec
        if fmt == "bullet" or fmt == "none":
            return {0: "- ", 1: "+ "}.get(ilvl, "++ ")
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        out = text
        for k in range(9):
            if f"%{k + 1}" in out:
                k_fmt = self.levels.get((num_id, k), ("decimal", "", 1))[0]
                out = out.replace(f"%{k + 1}", _fmt(counters[k] or 1, k_fmt))
        return out.strip() + " "


def _docx_text(data: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a broken package
        raise ExtractError(f"Không đọc được tệp DOCX: {exc}") from exc
    lines: list[str] = []
    numbering = _Numbering(document)
    body = document.element.body
    # paragraphs and tables in document order
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            line = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
            marker = numbering.marker(child) if line.strip() else ""
            lines.append(marker + line)
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = []
                    for cell in row.iterchildren():
                        if cell.tag.endswith("}tc"):
                            cells.append(
                                " ".join(
                                    "".join(t.text or "" for t in p.iter() if t.tag.endswith("}t"))
                                    for p in cell.iter()
                                    if p.tag.endswith("}p")
                                ).strip()
                            )
                    lines.append("\t".join(cells))
    return "\n".join(lines)


_MARKER = re.compile(r"\s*(?:[-+•*–]|\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ]\)|[IVX]+\.|Điều\s+\d)")


def _unwrap(page: str) -> str:
    """Join the lines a PDF wrapped at the page width: a long line that does not end a sentence continues
    on the next line unless that one opens a list item."""
    lines = page.splitlines()
    lengths = sorted(len(x.rstrip()) for x in lines if x.strip())
    if len(lengths) < 4:
        return page
    width = lengths[int(len(lengths) * 0.9) - 1]
    out: list[str] = []
    for line in lines:
        if (
            out
            and line.strip()
            and out[-1].strip()
            and len(out[-1].rstrip()) >= 0.75 * width
            and not out[-1].rstrip().endswith((".", ":", ";", "!", "?"))
            and not _MARKER.match(line)
        ):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def _pdf_text(data: bytes) -> str:
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:
        raise ExtractError(f"Không đọc được tệp PDF: {exc}") from exc
    text = "\n".join(_unwrap(page) for page in pages)
    if not text.strip():
        raise ExtractError(
            "Tệp PDF không có lớp văn bản (bản quét): hãy nhận dạng chữ (OCR) trước khi tải lên."
        )
    return text


def extract_text(data: bytes, filename: str) -> str:
    """The document's text, NFC-normalised, with \\n line ends."""
    name = (filename or "").lower()
    if name.endswith(".docx") or data[:2] == b"PK" and b"word/" in data[:4000]:
        text = _docx_text(data)
    elif name.endswith(".pdf") or data[:5] == b"%PDF-":
        text = _pdf_text(data)
    elif name.endswith(".doc"):
        raise ExtractError("Định dạng .doc cũ không được hỗ trợ: hãy lưu lại thành .docx hoặc .pdf.")
    else:
        text = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\ufeff", "")
    return unicodedata.normalize("NFC", text)
