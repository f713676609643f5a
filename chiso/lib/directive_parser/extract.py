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


def _docx_text(data: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a broken package
        raise ExtractError(f"Không đọc được tệp DOCX: {exc}") from exc
    lines: list[str] = []
    body = document.element.body
    # paragraphs and tables in document order
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
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
