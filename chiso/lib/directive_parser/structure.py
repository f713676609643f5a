"""Blocks and their nesting: "I.", "1.", "1.1.", "a)", "-", "+", "++" and plain paragraphs."""

import re
from dataclasses import dataclass, field

from .agencies import looks_like_agency, subject_end

_ROMAN_RE = re.compile(r"(?P<m>(?:X{0,3})(?:IX|IV|V?I{0,3})[.)])\s+(?=\S)")
_PART_RE = re.compile(r"(?P<m>[A-H][.)])\s+(?=[A-ZĐÀ-Ỹ]{2})")  # "A. MỤC ĐÍCH, YÊU CẦU"
# "1/ Giải quyết …": a form's items numbered with a slash, like "1." (a date "15/7" has a digit after the slash)
_NUM_RE = re.compile(r"(?P<m>\d{1,2}(?:\.\d{1,2}){0,3}(?:\.|\)|/)?)\s+(?=[^\W\d_])")
_LETTER_RE = re.compile(r"(?P<m>[a-zđ][)])\s+")
_RULE_RE = re.compile(r"[-–—_=*.·\s]+")
# Word's symbol-font bullets come out of a DOCX/PDF as private-use (U+F0B7, U+F0A7, U+F076, U+F0D8, U+F0FC)
# or Latin-1 characters ("§", "Ø", "ü")
_BULLET_RE = re.compile(
    r"(?P<m>\+\+|\+|-|–|•|\*|·|●|○|▪|►|[\uf0b7\uf0a7\uf076\uf0d8§Ø➢❖◆♦■]|[\uf0fcü✓✔◦□])\s*(?=\S)"
)


@dataclass
class Block:
    start: int
    end: int
    kind: str  # roman, article, num, titled, letter, bullet, para
    marker: str
    body_start: int
    rank: float
    parent: "Block | None" = None
    children: list["Block"] = field(default_factory=list)
    leaf_only: bool = False
    agency: str | None = None  # set when the block is an agency heading
    agency_span: tuple[int, int] | None = None
    zone: str = "body"
    request: bool = False  # a request for a report whose contents are listed below it
    trail: list[tuple[int, int]] = field(default_factory=list)  # field lines after it ("Đơn vị thực hiện: …")
    is_trail: bool = False  # a field line that belongs to the items above it
    fact: bool = False  # an item of a list of findings (missing evidence, shortcomings): no task, no rule
    closing: bool = False  # the closing paragraph ("… ./."): no task, but it may set a reporting rule

    def body(self, text: str) -> str:
        return text[self.body_start : self.end]


_ARTICLE_RE = re.compile(r"(?P<m>(?:Điều|ĐIỀU)\s+\d{1,3}\s*[.:])\s*")
# a titled item: "Giải pháp 1. …", "Bước 2. …", "Nhiệm vụ 3: …" — a heading over the lines below it
_TITLED_RE = re.compile(
    r"(?P<m>(?:giải pháp|bước|nhiệm vụ|hoạt động|nội dung|giai đoạn|đợt|nhóm (?:giải pháp|nhiệm vụ))"
    r"\s+(?:\d{1,2}|[IVX]{1,4})\s*[.:)])\s+(?=\S)",
    re.IGNORECASE,
)


# a chapter of a rule or a regulation: "Chương II. TRÁCH NHIỆM CỦA CÁC BÊN" heads its articles
_CHAPTER_RE = re.compile(r"(?P<m>(?:Chương|CHƯƠNG)\s+(?:[IVXLC]{1,6}|\d{1,2})\s*[.:]?)\s+(?=[A-ZĐÀ-Ỹ]{2})")


def _classify(text: str, start: int, end: int) -> tuple[str, str, int, float]:
    line = text[start:end]
    m = _ARTICLE_RE.match(line)
    if m:
        return "article", m.group("m"), start + m.end(), 0.5
    m = _TITLED_RE.match(line)
    if m:
        return "titled", m.group("m"), start + m.end(), 3.5
    m = _CHAPTER_RE.match(line)
    if m:
        return "roman", m.group("m"), start + m.end(), 0.0
    m = _ROMAN_RE.match(line)
    if m and m.group("m")[:-1]:
        return "roman", m.group("m"), start + m.end(), 0.0
    m = _PART_RE.match(line)
    if m:
        return "roman", m.group("m"), start + m.end(), 0.0
    m = _NUM_RE.match(line)
    if m:
        marker = m.group("m")
        digits = marker.rstrip(".)/")
        depth = digits.count(".") + 1
        # "2020 ..." or a date is not a heading
        if all(len(p) <= 2 for p in digits.split(".")) and (marker.endswith((".", ")", "/")) or depth > 1):
            return "num", marker, start + m.end(), float(depth)
    m = _LETTER_RE.match(line)
    if m:
        return "letter", m.group("m"), start + m.end(), 4.0
    m = _BULLET_RE.match(line)
    if m:
        marker = m.group("m")
        rank = {"++": 7.0, "+": 6.0}.get(marker, 5.0)
        if marker in "•●▪►\uf0b7\uf0a7\uf076\uf0d8§Ø➢❖◆♦■":
            rank = 5.5
        if marker in "○·*\uf0fcü✓✔◦□":
            rank = 6.5
        return "bullet", marker, start + m.end(), rank
    return "para", "", start, 4.6


def classify_line(line: str) -> str:
    """The kind of block a line would open: roman, article, titled, num, letter, bullet or para."""
    return _classify(line, 0, len(line))[0]


_NEEDS_NUMBER = re.compile(r"(?:\s|^)(?:ngày|trước|tháng|năm|đến|từ|số|đạt|quý)$", re.IGNORECASE)


def split_blocks(text: str) -> list[Block]:
    """One block per non-empty line; a line starting in lower case continues the previous block
    (page breaks in the middle of a sentence)."""
    blocks: list[Block] = []
    pos = 0
    n = len(text)
    for line in text.splitlines(keepends=True):
        s, e = pos, pos + len(line)
        pos = e
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s >= e:
            continue
        if e - s >= 3 and _RULE_RE.fullmatch(text, s, e):
            continue  # a rule under the header ("-------", "___"), not a bullet
        first = text[s]
        # "… trước ngày / 05 của tháng cuối quý": a number wrapped after the word that needs it
        wrapped_number = bool(
            blocks
            and first.isdigit()
            and "\t" not in text[s:e]
            and re.match(r"\d{1,4}(?:/\d{1,4})*(?: (?=[a-zđà-ỹ])|/|[.;]?$)", text[s:e]) is not None
            and _NEEDS_NUMBER.search(text[blocks[-1].start : blocks[-1].end])
        )
        if (
            blocks
            and ((first.islower() and not _LETTER_RE.match(text[s:e])) or wrapped_number)
            and blocks[-1].kind != "roman"
        ):
            prev = blocks[-1]
            if not text[prev.start : prev.end].rstrip().endswith((".", ":", ";", "./.")):
                prev.end = e
                continue
        kind, marker, body_start, rank = _classify(text, s, e)
        blocks.append(Block(s, e, kind, marker, body_start, rank))
    assert pos == n or pos >= 0
    return blocks


# what may follow the agency on a heading line: its duty in general ("có trách nhiệm:", "thực hiện các nội dung
# sau:"), never a sentence of its own ("Sở Y tế báo cáo kết quả như sau:")
_HEADING_DUTY = re.compile(
    r"(?:(?:có|chịu)\s+trách\s+nhiệm|thực\s+hiện|triển\s+khai)?"
    r"(?:\s+(?:các|những)\s+(?:nhiệm\s+vụ|nội\s+dung|việc)(?:\s+(?:sau|cụ\s+thể))?(?:\s+đây)?)?\s*",
    re.IGNORECASE,
)


def _agency_line(line: str) -> bool:
    """ "Sở Nội vụ:", "Giám đốc các sở, … có trách nhiệm:": a line that names an agency and its duty, nothing else."""
    head = line.rstrip().rstrip(":").strip()
    if not looks_like_agency(head):
        return False
    end = subject_end(head)
    return end < 0 or bool(_HEADING_DUTY.fullmatch(head[end:]))


def _indent(text: str, b: Block) -> int:
    """Columns before the block's marker (a tab counts four)."""
    ls = text.rfind("\n", 0, b.start) + 1
    return len(text[ls : b.start].expandtabs(4))


def build_tree(text: str, blocks: list[Block]) -> list[Block]:
    """Attach each block to its parent. A plain paragraph ending with ":" introduces the bullets
    after it; any other plain paragraph never has children."""
    root: list[Block] = []
    stack: list[Block] = []
    for b in blocks:
        if b.kind == "para":
            body = text[b.start : b.end].rstrip()
            b.leaf_only = not body.endswith(":")
            if not b.leaf_only and len(body) <= 200 and _agency_line(body):
                # "Sở Nội vụ:" on a plain line (list numbering lost in a DOCX export): a heading over the
                # plain lines below it, until the next such heading
                b.rank = 4.5
        while stack and (stack[-1].rank >= b.rank or (stack[-1].leaf_only and b.kind != "para")):
            top = stack[-1]
            if b.kind != "para" and top.rank == b.rank and _indent(text, b) >= _indent(text, top) + 2:
                break  # "- Sở Nội vụ:" / "    - Tổ chức …": the same marker indented deeper is a sub-item
            stack.pop()
        if stack and stack[-1].leaf_only and b.kind == "para":
            stack.pop()
        if stack:
            b.parent = stack[-1]
            stack[-1].children.append(b)
        else:
            root.append(b)
        stack.append(b)
    return root
