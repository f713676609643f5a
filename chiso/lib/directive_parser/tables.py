"""Text tables: lines of cells separated by tabs or pipes, a header row naming the columns.

"STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian | Kết quả/sản phẩm" (an appendix of tasks),
"STT | Chỉ tiêu | Kết quả năm 2026 | Cam kết năm 2027" (targets beside last year's results),
"STT<TAB>Thời gian<TAB>Đơn vị được kiểm tra<TAB>Đoàn kiểm tra" (a schedule). Group rows
("I | CẢI CÁCH THỂ CHẾ | | |") only title the rows below them.
"""

import re
from dataclasses import dataclass, field

from .agencies import looks_like_agency
from .structure import Block, classify_line
from .textutil import sfold, squash

_ROMAN_OR_LETTER = re.compile(r"(?:[IVXLC]{1,6}|[A-ZĐ])[.)]?")
_NUMBER_CELL = re.compile(r"[\d.,/%\s]+|[\d.,]+\s*(?:%|diem|ho so|bac|ngay|lan|luot)")


@dataclass
class Row:
    start: int
    end: int
    cells: list[tuple[int, int]]  # absolute spans, one per header column (empty spans when missing)
    group: bool = False
    more: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # wrapped cell lines, per column


@dataclass
class Table:
    header: tuple[int, int]
    names: list[str]  # folded header cells
    rows: list[Row] = field(default_factory=list)
    roles: dict[str, int] = field(default_factory=dict)
    blocks: list[int] = field(default_factory=list)  # ids of the blocks it covers
    dashed: bool = False  # cells separated by spaced em/en dashes; group titles are plain lines
    columns: list[int] = field(default_factory=list)  # fixed-width text: where each header cell starts

    def cell(self, text: str, row: Row, role: str) -> str:
        i = self.roles.get(role)
        if i is None or i >= len(row.cells):
            return ""
        s, e = row.cells[i]
        parts = [text[s:e]] + [text[a:b] for a, b in row.more.get(i, [])]
        return " ".join(p for p in parts if p)


# "1. Rà soát … — Sở Tư pháp — Quý II/2027": spaced em or en dashes as column separators
_DASH_SEP = re.compile(r"\s[—–]\s")


def _dash_line(line: str) -> bool:
    return "|" not in line and "\t" not in line.strip() and len(_DASH_SEP.findall(line)) >= 2


def split_cells(line: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of a tab-, pipe- or dash-separated line, relative to the line, spaces trimmed."""
    if _dash_line(line):
        seps = _DASH_SEP
    else:
        seps = re.compile(re.escape("|" if line.count("|") >= 2 else "\t"))
    spans = []
    pos = 0
    for m in seps.finditer(line):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(line)))
    out = []
    for s, e in spans:
        while s < e and line[s] in " \t":
            s += 1
        while e > s and line[e - 1] in " \t":
            e -= 1
        out.append((s, e))
    if out and out[0][0] == out[0][1] and line.lstrip().startswith("|"):
        out = out[1:]
    if out and out[-1][0] == out[-1][1] and line.rstrip().endswith("|"):
        out = out[:-1]
    return out


def is_table_line(line: str) -> bool:
    return "\t" in line.strip() or line.count("|") >= 2 or _dash_line(line)


_GROUP_LINE = re.compile(r"(?:[IVXLC]{1,6}|[A-ZĐ])[.)]\s+[^|\t]{3,120}")


def _group_line(line: str) -> bool:
    """ "I. CẢI CÁCH THỂ CHẾ": a title in capitals between the rows of a dash-separated table."""
    line = line.strip()
    return bool(_GROUP_LINE.fullmatch(line)) and line == line.upper()


_NUMBERED_HEAD = re.compile(r"(?:s?tt|so tt)[.)]?\s+(?=\S)")


# ---------------------------------------------------------------- column roles

_TIME = re.compile(r"(?:thoi gian|thoi han|tien do|han hoan thanh|moc thoi gian)")
_PARTNER = re.compile(r"phoi hop")
# the inspected / supervised units of a schedule: what the row is about
_OBJECT = re.compile(
    r"(?:don vi|co quan|dia phuong|dia ban)\s+(?:duoc|chiu su)\s+(?P<verb>kiem tra|giam sat|khao sat|thanh tra)"
)
_TASK = re.compile(r"(?:ten\s+)?(?:nhiem vu|noi dung|cong viec|giai phap|bien phap|hoat dong)")
_LEAD = re.compile(
    r"chu tri|trach nhiem|phu trach|^thuc hien$|(?:co quan|don vi|bo phan|nguoi|to chuc)\s+thuc hien"
    r"|(?:doan|to)\s+(?:kiem tra|cong tac|giam sat|khao sat|thanh tra)"
)
_METRIC = re.compile(r"(?:ten\s+)?(?:chi tieu|chi so|tieu chi|noi dung)")
_PRODUCT = re.compile(r"san pham|ket qua (?:dau ra|du kien)|^ket qua$")
_RESULT_WORDS = re.compile(
    r"ket qua|thuc hien|uoc (?:dat|thuc hien)|da dat|dat duoc|hien trang|thuc trang|so lieu|thuc te"
    r"|^(?:ton tai|han che)\b"  # the findings an undertaking answers: facts
)
_GOAL_WORDS = re.compile(r"cam ket|chi tieu|muc tieu|ke hoach|phan dau|du kien|dang ky|giao")


# "Lộ trình thực hiện": the steps towards a row's goal ("Quý II/2027: ≥ 98%"), neither a result nor a time
_ROADMAP = re.compile(r"lo trinh")

# "Nhóm, đơn vị", "Cơ quan, đơn vị", "Tên địa phương": the column naming the units (or groups of units) each row
# is about
_UNIT_NAMED = re.compile(r"(?:ten\s+)?(?:nhom,?\s+)?(?:(?:co quan|nhom),?\s+)?(?:don vi|dia phuong|co quan)")

# checked in this order: "Thời gian thực hiện" is a time, "Nội dung thực hiện" a task, "Đơn vị thực hiện" a lead
_ROLES = [
    ("roadmap", _ROADMAP.match),
    ("time", _TIME.match),
    ("partner", _PARTNER.search),
    ("object", _OBJECT.search),
    ("task", _TASK.match),
    ("lead", _LEAD.search),
    ("product", _PRODUCT.search),
    ("unit", _UNIT_NAMED.fullmatch),
]


def _column_role(name: str, doc_year: int | None) -> str | None:
    for role, test in _ROLES:
        if test(name):
            return role
    years = [int(y) for y in re.findall(r"\b(\d{4})\b", name)]
    past = bool(doc_year and years and max(years) < doc_year)
    if _GOAL_WORDS.search(name) and not past:
        return "goal"
    if _RESULT_WORDS.search(name) or past:
        return "result"  # last year's figures beside the targets
    if _METRIC.match(name):
        return "metric"
    if years:
        return "goal"  # "Năm 2027" beside "Năm 2026": the year planned
    return None


def _roles(names: list[str], doc_year: int | None) -> dict[str, int]:
    roles: dict[str, int] = {}
    for i, name in enumerate(names):
        role = _column_role(name, doc_year)
        if role == "goal" and "metric" not in roles and _METRIC.match(name):
            role = "metric"  # "STT | Chỉ tiêu | … | Cam kết năm 2027": the first names the measure
        if role and role not in roles:
            roles[role] = i
        elif role == "result":
            roles.setdefault("result2", i)
    if "task" not in roles and "object" in roles:
        roles["task"] = roles["object"]
    return roles


def _looks_like_header(line: str, cells: list[tuple[int, int]]) -> bool:
    if len(cells) < 3:
        return False
    texts = [_NUMBERED_HEAD.sub("", sfold(line[s:e]).strip(), count=1) for s, e in cells]
    if any(not t or len(t.split()) > 10 or _NUMBER_CELL.fullmatch(t) for t in texts):
        return False
    return sum(1 for t in texts if _column_role(t, None) or re.fullmatch(r"s?tt|so tt|stt", t)) >= 2


# fixed-width text pasted from a PDF: cells separated by runs of two or more spaces
_GAP = re.compile(r"\S+(?: \S+)*")


def _chunks(line: str) -> list[tuple[int, int]]:
    """(start, end) of the runs of text separated by two or more spaces (or a tab), relative to the line."""
    return [(m.start(), m.end()) for m in _GAP.finditer(line.replace("\t", "  "))]


def _fixed_header(line: str) -> list[int] | None:
    """Column starts of a fixed-width header row ("STT  Nhiệm vụ     Đơn vị chủ trì   Thời gian")."""
    if "|" in line or "\t" in line.strip():
        return None
    chunks = _chunks(line)
    if len(chunks) < 3 or not _looks_like_header(line, chunks):
        return None
    return [s for s, _e in chunks]


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Physical lines (absolute start of the line including its indent, end) of text[start:end]."""
    ls = text.rfind("\n", 0, start) + 1
    out = []
    while ls < end:
        le = text.find("\n", ls)
        le = end if le < 0 or le > end else le
        out.append((ls, le))
        ls = le + 1
    return out


def _column_of(columns: list[int], pos: int) -> int:
    """The column a chunk starting at `pos` belongs to: the nearest header start (a cell may overflow)."""
    best = 0
    for i, c in enumerate(columns):
        if c <= pos + 2:
            best = i
    return best


def _fixed_rows(current: Table, text: str, b: Block) -> bool:
    """Add the lines of block b to a fixed-width table; False when b is not part of it."""
    width = len(current.names)
    lines = _line_spans(text, b.start, b.end)
    for li, (ls, le) in enumerate(lines):
        chunks = _chunks(text[ls:le])
        if not chunks:
            continue
        indented = chunks[0][0] >= max(2, current.columns[1] - 2) if len(current.columns) > 1 else False
        if li == 0 and not indented and len(chunks) < 2:
            return False  # a plain line ("IV. TỔ CHỨC THỰC HIỆN") ends the table
        spans: list[list[tuple[int, int]]] = [[] for _ in range(width)]
        for cs, ce in chunks:
            spans[min(_column_of(current.columns, cs), width - 1)].append((ls + cs, ls + ce))
        if indented and current.rows and not current.rows[-1].group:
            row = current.rows[-1]  # a wrapped line: its cells continue the row above
            for i, sp in enumerate(spans):
                if sp:
                    row.more.setdefault(i, []).append((sp[0][0], sp[-1][1]))
            row.end = ls + chunks[-1][1]
            continue
        cells = [(sp[0][0], sp[-1][1]) if sp else (le, le) for sp in spans]
        filled = [i for i, (s, e) in enumerate(cells) if e > s]
        first = text[cells[0][0] : cells[0][1]]
        group = len(filled) <= 2 and bool(_ROMAN_OR_LETTER.fullmatch(first)) and not first.isdigit()
        current.rows.append(Row(ls + chunks[0][0], ls + chunks[-1][1], cells, group))
    current.blocks.append(id(b))
    return True


def _carry_merged_cells(tables: list[Table]) -> None:
    """A cell merged down several rows keeps its text in the first row only; the rows below show it empty and a
    reader takes the value above. The lead is carried to a row that has none, and the time with it when both are
    empty (one block of rows of one unit); a group row ends the merge."""
    for table in tables:
        lead, time = table.roles.get("lead"), table.roles.get("time")
        if lead is None or "task" not in table.roles:
            continue
        above: Row | None = None
        for row in table.rows:
            if row.group:
                above = None
                continue
            if above is not None and lead < len(row.cells) and row.cells[lead][0] == row.cells[lead][1]:
                if time is not None and time < len(row.cells) and row.cells[time][0] == row.cells[time][1]:
                    row.cells[time] = above.cells[time]
                    row.more[time] = above.more.get(time, [])
                row.cells[lead] = above.cells[lead]
                row.more[lead] = above.more.get(lead, [])
            above = row


_ALIGN_CELL = re.compile(r":?-{3,}:?")
_ROW_NUMBER = re.compile(r"(\d{1,3})[.)]?")
_GROUP_NUMBER = re.compile(r"(?:[IVX]{1,5}|[A-ZĐ])[.)]?")
_SENTENCE_END = (".", ";", ":", "!", "?")


def _name_column(roles: dict[str, int]) -> int:
    """The column that names the row: the task, or the measure of a table of targets."""
    return roles["task"] if "task" in roles else roles["metric"]


_OPTIONAL_ROLES = ("partner", "product", None)  # the cells a flattened row most often leaves out


def _next_row_line(text: str, lines: list[tuple[int, int]], k: int, number: int, width: int) -> int | None:
    """Index of the line holding the next row's number, looked for a little beyond the row's width."""
    for x in range(k, min(len(lines), k + 2 * width)):
        cell = text[lines[x][0] : lines[x][1]]
        m = _ROW_NUMBER.fullmatch(cell)
        if m and int(m.group(1)) == number:
            return x
    return None


def _uneven_row(
    text: str, lines: list[tuple[int, int]], k: int, nxt: int, roles: dict[str, int], width: int
) -> Row | None:
    """A flattened row whose cells are not one line each: an empty cell dropped (the optional columns — partner,
    product — are taken as the missing ones) or a cell written over several lines (the extra lines go to the
    task, the longest text)."""
    filled = [ln for ln in lines[k + 1 : nxt] if ln[1] > ln[0]]
    if not filled:
        return None
    columns = list(range(1, width))
    by_role = {i: r for r, i in roles.items()}
    for optional in _OPTIONAL_ROLES:
        for i in reversed(columns):
            if len(columns) > len(filled) and by_role.get(i) == optional and i != _name_column(roles):
                columns.remove(i)
    if len(columns) > len(filled):
        return None
    cells = [lines[k]] + [(lines[nxt - 1][1], lines[nxt - 1][1])] * (width - 1)
    more: dict[int, list[tuple[int, int]]] = {}
    extra = len(filled) - len(columns)
    pos = 0
    for i in columns:
        cells[i] = filled[pos]
        pos += 1
        if i == _name_column(roles) and extra:
            more[i] = filled[pos : pos + extra]
            pos += extra
    return Row(lines[k][0], filled[-1][1], cells, more=more)


def _header_run(text: str, lines: list[tuple[int, int]], j: int) -> int:
    """End of a run of short lines that can be header cells, from line j."""
    while j < len(lines) and lines[j][1] > lines[j][0]:
        cell = text[lines[j][0] : lines[j][1]]
        if _ROW_NUMBER.fullmatch(cell) or _GROUP_NUMBER.fullmatch(cell) or is_table_line(cell):
            break
        if len(cell.split()) > 8 or cell.endswith(_SENTENCE_END):
            break
        j += 1
    return j


def _unnumbered_vertical(
    text: str, lines: list[tuple[int, int]], i: int, doc_year: int | None
) -> tuple[Table | None, int]:
    """A flattened task table without a number column: every header line names a column ("Nội dung / Đơn vị chủ
    trì / Thời gian"), then rows of as many lines; a row stops the table when its lead is no agency or one of its
    lines opens an item or a heading. Returns the table (or None) and the line after it."""
    s, e = lines[i]
    if _column_role(sfold(text[s:e]).strip(), None) != "task":
        return None, i
    if (
        i
        and _header_run(text, lines, i - 1) > i - 1
        and classify_line(text[lines[i - 1][0] : lines[i - 1][1]]) == "para"
    ):
        return None, i  # the line above could be a header cell too: the run starts higher up
    j = _header_run(text, lines, i)
    names = [sfold(text[a:b]).strip() for a, b in lines[i:j]]
    roles = _roles(names, doc_year)
    width = len(names)
    if width < 3 or "lead" not in roles or any(_column_role(name, doc_year) is None for name in names):
        return None, i
    table = Table(header=(s, lines[j - 1][1]), names=names, roles=roles)
    k = j
    while k + width <= len(lines):
        cells = lines[k : k + width]
        texts = [text[a:b] for a, b in cells]
        lead = texts[roles["lead"]]
        if (
            len(texts[roles["task"]].split()) < 2
            or (lead and not looks_like_agency(lead))
            or any(t and classify_line(t) != "para" for t in texts)
        ):
            break
        table.rows.append(Row(cells[0][0], max(c[1] for c in cells), list(cells)))
        k += width
    return (table, k) if len(table.rows) >= 2 else (None, i)


def _vertical_tables(text: str, doc_year: int | None) -> list[Table]:
    """A table flattened to one cell per line (a DOCX table copied as text): a header run "STT / Nội dung / Đơn
    vị chủ trì / … " of short lines, then each row as its number and one line per cell, an empty cell as an empty
    line. Group rows ("I" then its title) title the rows below."""
    lines = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        s, e = pos, pos + len(body)
        while s < e and text[s] in " \t":
            s += 1
        while e > s and text[e - 1] in " \t":
            e -= 1
        lines.append((s, e))
        pos += len(raw)
    tables = []
    i = 0
    n = len(lines)
    while i < n:
        s, e = lines[i]
        if not re.fullmatch(r"s?tt|so tt", sfold(text[s:e])):
            table, after = _unnumbered_vertical(text, lines, i, doc_year)
            if table is not None:
                tables.append(table)
            i = max(i + 1, after)
            continue
        j = _header_run(text, lines, i + 1)
        names = ["stt"] + [sfold(text[a:b]).strip() for a, b in lines[i + 1 : j]]
        roles = _roles(names, doc_year)
        width = len(names)
        tasks = "task" in roles and bool({"lead", "time"} & set(roles))
        goals = "metric" in roles and "goal" in roles  # "STT / Chỉ tiêu / Kết quả 2026 / Cam kết 2027"
        if width < 3 or not (tasks or goals):
            i += 1
            continue
        table = Table(header=(s, lines[j - 1][1]), names=names, roles=roles)
        expected = 1
        k = j
        while k < n:
            first = text[lines[k][0] : lines[k][1]]
            m = _ROW_NUMBER.fullmatch(first)
            if m and int(m.group(1)) == expected and k + width - 1 < n + 1:
                nxt = _next_row_line(text, lines, k + 1, expected + 1, width)
                row = _uneven_row(text, lines, k, nxt, roles, width) if nxt not in (None, k + width) else None
                if row is None:
                    cells = [lines[k]] + [
                        lines[x] if x < n else (lines[-1][1], lines[-1][1]) for x in range(k + 1, k + width)
                    ]
                    if cells[_name_column(roles)][1] == cells[_name_column(roles)][0]:
                        break
                    row = Row(lines[k][0], max(c[1] for c in cells), cells)
                    nxt = k + width
                table.rows.append(row)
                expected += 1
                k = nxt
                continue
            if _GROUP_NUMBER.fullmatch(first) and k + 1 < n and lines[k + 1][1] > lines[k + 1][0]:
                title = lines[k + 1]
                cells = [lines[k], title] + [(title[1], title[1])] * (width - 2)
                table.rows.append(Row(lines[k][0], title[1], cells, group=True))
                k += 2
                continue
            break
        if sum(1 for r in table.rows if not r.group) >= 2:
            tables.append(table)
            i = k
        else:
            i += 1
    return tables


def find_tables(text: str, blocks: list[Block], doc_year: int | None = None) -> list[Table]:
    """Every header row with the data rows right under it (one block per line), and tables flattened to one
    cell per line."""
    tables: list[Table] = _vertical_tables(text, doc_year) if "\n" in text else []
    for t in tables:
        last = t.rows[-1].end if t.rows else t.header[1]
        t.blocks.extend(id(b) for b in blocks if b.start < last and b.end > t.header[0])
    covered = {bid for t in tables for bid in t.blocks}
    tables += _line_tables(text, [b for b in blocks if id(b) not in covered], doc_year)
    _carry_merged_cells(tables)
    return tables


def _line_tables(text: str, blocks: list[Block], doc_year: int | None) -> list[Table]:
    """Tables written one row per line: tab-, pipe-, dash-separated or fixed-width."""
    tables: list[Table] = []
    current: Table | None = None
    for b in blocks:
        line = text[b.start : b.end]
        if current is not None and current.columns:
            if _fixed_rows(current, text, b):
                continue
            current = None
        if "\n" not in line:
            ls = text.rfind("\n", 0, b.start) + 1
            columns = _fixed_header(text[ls : b.end])
            if columns:
                names = [sfold(text[ls + s : ls + e]).strip() for s, e in _chunks(text[ls : b.end])]
                current = Table(header=(b.start, b.end), names=names, roles=_roles(names, doc_year))
                current.columns = columns
                current.blocks.append(id(b))
                tables.append(current)
                continue
        if not is_table_line(line):
            if current is not None and current.dashed and _group_line(line):
                spans = [(b.start, b.end)] + [(b.end, b.end)] * (len(current.names) - 1)
                current.rows.append(Row(b.start, b.end, spans, True))  # "I. CẢI CÁCH THỂ CHẾ"
                current.blocks.append(id(b))
                continue
            current = None
            continue
        cells = split_cells(line)
        if current is not None and all(_ALIGN_CELL.fullmatch(line[a:b]) for a, b in cells):
            current.blocks.append(id(b))
            continue  # "|:--:|---|": the alignment row of a Markdown table, no row
        if _looks_like_header(line, cells):
            names = [sfold(line[s:e]).strip() for s, e in cells]
            if _dash_line(line):
                names[0] = _NUMBERED_HEAD.sub(
                    "", names[0], count=1
                )  # "STT. Nhiệm vụ": the number and the task
            if tables and tables[-1].names == names and not tables[-1].columns:
                current = tables[-1]  # the header row repeated after a page break: the same table goes on
                current.blocks.append(id(b))
                continue
            current = Table(header=(b.start, b.end), names=names, roles=_roles(names, doc_year))
            current.dashed = _dash_line(line)
            current.blocks.append(id(b))
            tables.append(current)
            continue
        if current is None:
            continue
        width = len(current.names)
        spans = [(b.start + s, b.start + e) for s, e in cells][:width]
        spans += [(b.end, b.end)] * (width - len(spans))
        filled = [i for i, (s, e) in enumerate(spans) if e > s]
        first = text[spans[0][0] : spans[0][1]]
        group = (
            len(filled) <= 2
            and (not filled or filled[0] <= 1)
            and (
                bool(_ROMAN_OR_LETTER.fullmatch(first))
                or (len(filled) == 1 and text[spans[filled[0]][0] : spans[filled[0]][1]].isupper())
                or _numbered_title(text, spans, filled)
            )
        )
        current.rows.append(Row(b.start, b.end, spans, group))
        current.blocks.append(id(b))
    return tables


def _numbered_title(text: str, spans: list[tuple[int, int]], filled: list[int]) -> bool:
    """ "1 | CẢI CÁCH THỂ CHẾ | | |": a plain number and a title in capitals, every other cell empty, is a group
    title over the rows numbered "1.1", "1.2" (a task row names its lead or its time)."""
    if filled != [0, 1]:
        return False
    title = text[spans[1][0] : spans[1][1]]
    return bool(re.fullmatch(r"\s*\d{1,2}\.?\s*", text[spans[0][0] : spans[0][1]])) and title.isupper()


def schedule_summary(table: Table, text: str, row: Row) -> str:
    """ "Kiểm tra Sở Xây dựng; UBND các xã …" for a row of a schedule (the object column holds the units
    inspected); "" for other tables."""
    i = table.roles.get("object")
    if i is None or i != table.roles.get("task"):
        return ""
    body = squash(table.cell(text, row, "task"))
    m = _OBJECT.search(table.names[i])
    verb = {"kiem tra": "Kiểm tra", "giam sat": "Giám sát", "khao sat": "Khảo sát", "thanh tra": "Thanh tra"}
    summary = f"{verb[m.group('verb')]} {body}"
    return summary if len(summary) <= 220 else summary[:219].rsplit(" ", 1)[0] + "…"


# "I | SỞ NỘI VỤ CHỦ TRÌ", "V | ĐỀ NGHỊ ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH", "NHIỆM VỤ DO SỞ Y TẾ THỰC HIỆN":
# a group row that names who leads the rows below it
_GROUP_LEAD = re.compile(
    r"(?:(?:nhom\s+)?nhiem vu\s+(?:do|cua|giao)\s+|de nghi\s+|giao\s+)?(?P<name>.+?)"
    r"(?:\s+(?:chu tri|thuc hien|phu trach|tham muu))?\s*[.:]?"
)


def group_leads(table: Table, text: str) -> dict[int, str]:
    """In a task table with no lead column, the lead each data row takes from the group row above it (index of
    the row → the agency as written); empty when no group row names an agency. A group row that names a topic
    ("II | CẢI CÁCH THỦ TỤC HÀNH CHÍNH") ends the previous group's lead."""
    if "lead" in table.roles or "task" not in table.roles:
        return {}
    out: dict[int, str] = {}
    lead = None
    named = False
    for i, row in enumerate(table.rows):
        if row.group:
            cells = [text[s:e].strip() for s, e in row.cells if e > s]
            title = cells[-1] if cells else ""
            m = _GROUP_LEAD.fullmatch(sfold(title))
            lead = title[m.start("name") : m.end("name")] if m else None
            if lead and not looks_like_agency(lead):
                lead = None
            named = named or lead is not None
        elif lead:
            out[i] = lead
    return out if named else {}
