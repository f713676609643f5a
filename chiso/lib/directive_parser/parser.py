"""Rule-based reading of a Vietnamese directive: metadata, rankings, targets, tasks, reporting rules.

Every regex runs on `sfold(text)` (same length as the text), so each item's (start, end) is a span of
the input and `quote == text[start:end]`.
"""

import re
from datetime import date

from .agencies import agency_case, looks_like_agency, normalise_agency, split_agencies, subject_end
from .dates import cell_deadline, find_deadlines, recurrences
from .extraction import clean_text, restore_quotes
from .structure import Block, build_tree, split_blocks
from .tables import Row, Table, find_tables, group_leads, is_table_line, schedule_summary, split_cells
from .textutil import lower_vi, sfold, squash, strip_span

# ---------------------------------------------------------------- document metadata

KINDS = [
    ("ban cam ket", "Bản cam kết"),
    ("chi thi", "Chỉ thị"),
    ("ke hoach", "Kế hoạch"),
    ("quyet dinh", "Quyết định"),
    ("thong bao", "Thông báo"),
    ("cong van", "Công văn"),
    ("nghi quyet", "Nghị quyết"),
    ("chuong trinh", "Chương trình"),
    ("quy che", "Quy chế"),
    ("quy dinh", "Quy định"),
    ("huong dan", "Hướng dẫn"),
    # an inspection's or a Party committee's conclusion ("KẾT LUẬN KIỂM TRA", "Số 215-KL/TU")
    ("ket luan", "Kết luận"),
    # a report of results ("BÁO CÁO", "Số: 214/BC-UBND"); last, so any other kind named in the head wins
    ("bao cao", "Báo cáo"),
]
NUMBER_KIND = {
    "CT": "Chỉ thị",
    "KH": "Kế hoạch",
    "QĐ": "Quyết định",
    "QD": "Quyết định",
    "TB": "Thông báo",
    "CK": "Bản cam kết",
    "NQ": "Nghị quyết",
    "CTr": "Chương trình",
    "QC": "Quy chế",
    "QCPH": "Quy chế",
    "HD": "Hướng dẫn",
    "KL": "Kết luận",
    "BC": "Báo cáo",
}
# "1187/QĐ-UBND", "57/2024/QĐ-UBND"; a Party document puts its kind before the slash: "18-CT/TU"
_NUMBER = (
    r"(\d{1,6}[a-zA-Z]?\s*/\s*(?:\d{4}/)?[A-ZĐa-zđ&]+(?:[-–][A-ZĐa-zđ0-9&.]+)*"
    r"|\d{1,6}[-–][A-ZĐa-zđ]{1,6}\s*/\s*[A-ZĐa-zđ]{1,8}(?:[-–][A-ZĐa-zđ0-9&.]+)*)"
)
_DOC_NUMBER_RE = re.compile(r"(?:^|\n)\s*(?:so|so hieu)\s*:?\s*" + _NUMBER.lower().replace("đ", "d"))
_DOC_NUMBER_SENT_RE = re.compile(
    r"(?:ban hanh|ky)\s+(?:van ban|cong van|chi thi|ke hoach|quyet dinh|thong bao)?\s*so\s+"
    + _NUMBER.lower().replace("đ", "d")
)
_PLACE_DATE_RE = re.compile(
    r"(?:^|\n| {3})[^\n,]{2,40},\s*ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})"
)
_META_DATE_RE = re.compile(r"ngay ban hanh\s*:?\s*(\d{1,2})/(\d{1,2})/(\d{4})")


def _date(d: str, m: str, y: str) -> str | None:
    import datetime as dt

    try:
        return dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def _kind_from_number(number: str) -> str | None:
    after = number.split("/", 1)[1] if "/" in number else ""
    after = re.sub(r"^\d{4}/", "", after)  # "57/2024/QĐ-UBND"
    code = re.split(r"[-–]", after.strip())[0] if after else ""
    if code in NUMBER_KIND:
        return NUMBER_KIND[code]
    if code.upper() in ("UBND", "SNV", "VP", "BCĐ", "BCD") or code.upper().startswith("UB"):
        return "Công văn"
    return None


def parse_document(text: str, folded: str) -> dict:
    head = folded[:3000]
    number = None
    number_span = None
    m = _DOC_NUMBER_RE.search(head)
    if m:
        number_span = m.span(1)
    else:
        m = _DOC_NUMBER_SENT_RE.search(head)
        if m:
            number_span = m.span(1)
    if number_span:
        number = re.sub(r"\s+", "", text[number_span[0] : number_span[1]])
    kind = None
    # metadata line "Loại văn bản Chỉ thị"
    mk = re.search(r"loai van ban\s*:?\s*([^\n]+)", head)
    if mk:
        val = mk.group(1).strip()
        for key, label in KINDS:
            if val.startswith(key):
                kind = label
                break
    if not kind:
        # a title line in capitals: "CHỈ THỊ", "KẾ HOẠCH …"
        for line_m in re.finditer(r"(?:^|\n)[ \t]*([^\n]{2,200})", text[:3000]):
            line = line_m.group(1).strip()
            if not line or line != line.upper() or not re.search(r"[A-ZĐ]", line):
                continue
            fl = sfold(line)
            for key, label in KINDS:
                if fl.startswith(key):
                    kind = label
                    break
            if kind:
                break
    if not kind and number:
        kind = _kind_from_number(number)
    if not kind and re.search(r"(?:^|\n)\s*v/v\b", head):
        kind = "Công văn"
    if not kind:
        for key, label in KINDS:
            if re.search(r"(?:^|\n)\s*" + key + r"\b", head):
                kind = label
                break
    # date
    date = None
    md = _META_DATE_RE.search(head) or _PLACE_DATE_RE.search(head)
    if md:
        date = _date(md.group(1), md.group(2), md.group(3))
    # issuer
    issuer = _issuer(text, folded)
    return {"kind": kind, "number": number, "date": date, "issuer": issuer}


_LEVELS = r"(?:tinh|thanh pho|quan|huyen|thi xa|phuong|xa|thi tran|dac khu)"


def _proper_name_after(text: str, pos: int) -> str:
    """Capitalised words starting at pos: 'Hải Phòng', 'Phú Hữu'."""
    return _proper_name_span(text, pos)[0]


def _proper_name_span(text: str, pos: int) -> tuple[str, int]:
    words = []
    end = pos
    chunk = text[pos : pos + 60]
    at = 0
    while True:
        m = re.compile(r"[ \t]*([^\s,.;:()]+)").match(chunk, at)
        if not m:
            break
        at = m.end()
        w = m.group(1)
        if sfold(w) in ("nam", "ve", "ban", "yeu", "giai", "ngay") or (w.isdigit() and len(w) > 2):
            break
        if (w[0].isupper() or w.isdigit()) and len(words) < 4:
            words.append(w.title() if w.isupper() and len(w) > 1 else w)
            end = pos + m.end()
        else:
            break
    return " ".join(words), end


_TITLE_YEAR = re.compile(r"(?<!den )(?<!doan )(?<!cho )\bnam\s+(\d{4})\b(?!\s*[-–]\s*\d)")


def _plan_year(text: str, folded: str, doc_year: int | None) -> int | None:
    """The one year the title names ("KẾ HOẠCH / Cải cách hành chính năm 2024", issued in December 2023): a
    table of the plan that writes "Quý I", "Trước 30/9" means that year. The document's year otherwise."""
    for m in re.finditer(r"(?:^|\n)[ \t]*([^\n]{2,60})\n", text[:3000]):
        line = m.group(1).strip()
        if line != line.upper() or not any(sfold(line).startswith(key) for key, _ in KINDS):
            continue
        end = folded.find("\n\n", m.end())
        years = {int(y) for y in _TITLE_YEAR.findall(folded[m.start(1) : end if end > 0 else m.end() + 300])}
        if len(years) == 1 and doc_year and abs(next(iter(years)) - doc_year) <= 1:
            return years.pop()
        break
    return doc_year


def _issuer(text: str, folded: str) -> str | None:
    head = folded[:4000]
    m = re.search(r"co quan ban hanh\s*:?\s*([^\n]+)", head)
    if m:
        val = squash(text[m.start(1) : m.end(1)])
        if re.match(_LEVELS + r"\b", sfold(val)):
            return "Ủy ban nhân dân " + val[0].lower() + val[1:]
        return normalise_agency(val)
    header = _header_issuer(text)
    if header:
        return header
    # a sentence: "UBND tỉnh ban hành", "Ủy ban nhân dân phường Phú Hữu ban hành", "UBND thành phố yêu cầu"
    for strict in (True, False):
        for m in re.finditer(r"(ubnd|uy ban nhan dan)\s+(" + _LEVELS + r")\b", head):
            name, name_end = _proper_name_span(text, m.end())
            after = folded[name_end : name_end + 60]
            acts = re.match(r"\s*(?:ban hanh|yeu cau|chi thi|de nghi|giao|quyet dinh|thong bao)", after)
            if strict and not acts:
                continue
            if not name:
                if not acts:
                    continue
                name = _place_name(text, folded, m.group(2))
            level = text[m.start(2) : m.end(2)].lower()
            return squash(f"Ủy ban nhân dân {level} {name}")
    return None


_HEADER_HEADS = (
    r"(?:uy ban nhan dan|ubnd|so |bo |phong |ban |van phong|trung tam|cong an|thanh tra|hoi dong"
    # Party committees, the Fatherland Front, the post office: issuers of directives, plans and joint rules
    r"|tinh uy|thanh uy|huyen uy|dang uy|uy ban (?:mttq|mat tran)|buu dien)"
)
_PLACED = re.compile(r".*\b(" + _LEVELS + r"\s+\S.*)$")


def _agency_case(name: str) -> str:
    return agency_case(name)


def _header_issuer(text: str) -> str | None:
    """The issuing body from the capitals header: 'ỦY BAN NHÂN DÂN / TỈNH X', 'UBND TỈNH X / SỞ Y TẾ'."""
    lines = []
    for raw in text[:3000].splitlines():
        # a two-column header (issuer, then a tab, then the national motto): the issuer is the left column
        # (or, pasted from a PDF, a run of three or more spaces)
        line = re.split(r"\t| {3,}", raw.strip())[0].strip()
        if not line or set(line) <= set("-–_=* "):
            if lines:
                break
            continue
        fl = sfold(line)
        if lines:
            if line.isupper() and not re.match(r"cong hoa|doc lap|so\s*(?:hieu)?\s*:|so\s+\d", fl):
                lines.append(line)
                continue
            break
        if line.isupper() and re.match(_HEADER_HEADS, fl):
            lines.append(line)
    if not lines:
        return None
    lines = lines[:3]
    # a joint header ("VĂN PHÒNG UBND TỈNH X / CÔNG AN TỈNH X / BƯU ĐIỆN TỈNH X"): the first-named body issues
    # (bodies of the same place; "UBND HUYỆN A / UBND XÃ B" names the parent above the issuer instead)
    places = [_PLACED.match(sfold(x)) for x in lines[:2]]
    if (
        len(lines) >= 2
        and all(places)
        and all(re.match(_HEADER_HEADS, sfold(x)) for x in lines[:2])
        and places[0].group(1) == places[1].group(1)
    ):
        return normalise_agency(_agency_case(lines[0]))
    last = sfold(lines[-1])
    if (
        len(lines) >= 3
        and re.match(_LEVELS, sfold(lines[-2]))
        and len(last.split()) <= 3
        and re.match(r"ban |thuong truc|van phong", last)
    ):
        # "ỦY BAN MTTQ VIỆT NAM / TỈNH X / BAN THƯỜNG TRỰC": the standing board of the body above
        return normalise_agency(_agency_case(lines[-1]) + " " + _agency_case(lines[-3] + " " + lines[-2]))
    if (
        len(lines) >= 2
        and re.match(r"(?:uy ban nhan dan|hoi dong nhan dan)\s*$", sfold(lines[-2]))
        and re.match(_LEVELS, last)
    ):
        return _agency_case(lines[-2] + " " + lines[-1])
    if re.match(_HEADER_HEADS, last) and not re.match(r"uy ban nhan dan\s*$", last):
        if len(lines) >= 2 and re.search(r"(?:ubnd|uy ban nhan dan)\s*$", last):
            place = re.sub(r"^(?:Ủy ban nhân dân|UBND)\s+", "", _agency_case(lines[-2]))
            if place != _agency_case(lines[-2]):
                return _agency_case(lines[-1]) + " " + place
        if len(lines) >= 2 and len(last.split()) <= 2:
            # "UBND TỈNH X / VĂN PHÒNG" → Văn phòng Ủy ban nhân dân tỉnh X
            return _agency_case(lines[-1]) + " " + _agency_case(lines[-2])
        if (
            len(lines) >= 2
            and re.match(r"trung tam|ban chi dao", last)
            and re.match(r"(?:ubnd|uy ban nhan dan)\s+" + _LEVELS, sfold(lines[-2]))
        ):
            # "UBND TỈNH X / TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG": a provincial centre or steering committee is named
            # with its province ("Trung tâm Phục vụ hành chính công tỉnh X"); a department is not ("Sở Nội vụ")
            place = re.sub(r"^(?:Ủy ban nhân dân|UBND)\s+", "", _agency_case(lines[-2]))
            return _agency_case(lines[-1]) + " " + place
        return _agency_case(lines[-1])
    return None


def _place_name(text: str, folded: str, level: str) -> str:
    # "Đông Hà, ngày … tháng …" → Đông Hà
    m = re.search(r"(?:^|\n)\s*([^\n,]{2,30}),\s*ngay\b", folded[:4000])
    if m:
        return squash(text[m.start(1) : m.end(1)])
    m = re.search(r"\b" + level + r"\s+(?=[^\s])", folded)
    for m in re.finditer(r"\b" + level + r"\s+", folded):
        name = _proper_name_after(text, m.end())
        if name:
            return name
    return ""


# ---------------------------------------------------------------- rankings

INDEX_WORDS = [
    ("PAR INDEX", r"par[ -]?index|cai cach hanh chinh|\bcchc\b"),
    ("SIPAS", r"sipas|hai long"),
    ("PAPI", r"papi|quan tri (?:va )?hanh chinh cong"),
    ("PCI", r"\bpci\b|nang luc canh tranh"),
    ("DDCI", r"ddci"),
    ("766", r"\b766\b|chi so phuc vu"),
    ("DTI", r"\bdti\b|chuyen doi so"),
    ("ICT INDEX", r"ict[ -]?index"),
]
_RANK_RE = re.compile(
    r"(?:xep thu|dung thu|xep hang (?:o )?(?:vi tri|thu)|o vi tri|vi tri thu|xep vi tri|dung vi tri|"
    # (a commune among the province's 117 communes may rank 112th: three digits)
    # "sụt 04 bậc, xuống vị trí 25/34": the position a change leads to
    r"xep hang|(?:(?<=len )|(?<=xuong ))vi tri)\s*(?:thu\s*)?(\d{1,3})"
    # "53/63", or "53 trên tổng số 63 tỉnh, thành phố": the rank against the number ranked
    r"(?:\s*/\s*|\s+(?:tren|trong)\s+(?:tong so\s+)?(?=\d{1,3}\s+(?:tinh|dia phuong|don vi|co quan|so|xa|huyen)\b))"
    r"(\d{1,3})"
)
_CHANGE_RE = re.compile(
    r"^[^.;]{0,80}?\b(giam|tang|tut|lui|sut|cai thien)\s+(\d{1,2})\s+(?:bac|hang|vi tri)(?:\s+so voi(?: nam)?\s+(\d{4}))?"
)
# "tăng 03 bậc, lên vị trí thứ 40/63": the change written before the rank it leads to
_CHANGE_BEFORE_RE = re.compile(
    r"\b(giam|tang|tut|lui|sut|cai thien)\s+(\d{1,2})\s+(?:bac|hang),?\s+(?:len|xuong)\s*$"
)
# a change that moves a rank up ("lùi", "sụt" move it down)
_RISES = ("tang", "cai thien")
# "lần lượt xếp thứ 30/63 và 52/63": further ranks listed after the first, the same index
_RANK_MORE_RE = re.compile(r"(?:\s*,\s*|\s+va\s+)(?:thu\s+)?(\d{1,2})\s*/\s*(\d{1,3})(?!\s*diem|\d)")


# the month a result is of ("tháng 11/2026", "Tháng 9 năm 2025"), not the month an index was published in
_MONTH_RESULT = re.compile(
    r"(?<!cong bo )(?<!ngay \d )(?<!ngay \d\d )\bthang\s+\d{1,2}\s*(?:/|nam\s+)\d{4}\b"
)


def parse_rankings(text: str, folded: str) -> list[dict]:
    out = []
    for m in _RANK_RE.finditer(folded):
        # the index named just before, in the same clause
        cl_start = max(
            folded.rfind(";", 0, m.start()),
            folded.rfind(". ", 0, m.start()),
            folded.rfind("\n", 0, m.start()),
        )
        cl_start = max(cl_start + 1 if cl_start >= 0 else 0, m.start() - 300)
        before = folded[cl_start : m.start()]
        index = None
        best = -1
        for name, pat in INDEX_WORDS:
            for im in re.finditer(pat, before):
                if im.start() >= best:
                    best, index = im.start(), name
        if index is None:
            # "… công bố Chỉ số CCHC năm 2026. Sở X đạt 82,37%, xếp thứ 14/19 …": the index the paragraph named
            para = folded[max(folded.rfind("\n", 0, cl_start) + 1, cl_start - 400) : cl_start]
            for name, pat in INDEX_WORDS:
                for im in re.finditer(pat, para):
                    if im.start() >= best:
                        best, index = im.start(), name
        named_year = None
        if index is None:
            index, named_year = _index_named_before(folded, cl_start)
        if index is None and re.match(
            r"\s+ve\s+(?:ty le|so luong|muc do|thoi gian|tieu chi|chi tieu)\b", folded[m.end() :]
        ):
            continue  # "tỉnh đứng thứ 29/34 về tỷ lệ PAKN được trả lời đúng hạn": one indicator, not an index
        if index is None or _names_component(text, before, cl_start):
            continue  # a rank on no index named, or on a sub-index ("chỉ số Tính minh bạch xếp thứ 60/63")
        if _MONTH_RESULT.search(before):
            continue  # "Bộ chỉ số 766 tháng 11/2026 … xếp thứ 19/34": a month's league table, not a yearly ranking
        change = None
        comp_year = None
        end = m.end()
        cm = _CHANGE_RE.match(folded[m.end() : m.end() + 120])
        if cm and _RANK_RE.search(folded, m.end(), m.end() + cm.start(1)):
            cm = None  # "… xếp thứ 21/63, của tỉnh B xếp thứ 58/63, giảm 11 bậc": the change is the next rank's
        if cm:
            change = int(cm.group(2)) * (1 if cm.group(1) in _RISES else -1)
            comp_year = int(cm.group(3)) if cm.group(3) else None
            end = m.end() + cm.end()
            if folded[end : end + 1] == ")":
                end += 1
        # the year: "năm 2016" in the clause, else the sentence, else compared year + 1
        year = None
        ys = [int(y) for y in re.findall(r"nam\s+(\d{4})", before)]
        if ys:
            year = ys[-1]
        else:
            s_start = max(folded.rfind(". ", 0, cl_start), folded.rfind("\n", 0, cl_start), cl_start - 400)
            sent = folded[s_start + 1 if s_start >= 0 else 0 : cl_start]
            ys = _sentence_years(sent)
            if ys:
                year = ys[0]
            elif comp_year:
                year = comp_year + 1
            else:
                year = named_year
        bm = _CHANGE_BEFORE_RE.search(before) if change is None else None
        if bm:
            change = int(bm.group(2)) * (1 if bm.group(1) in _RISES else -1)
        rank, of = int(m.group(1)), int(m.group(2))
        if rank == 0 or of == 0 or rank > of:
            continue
        start, end = strip_span(text, cl_start, end, " \t\r\n-+•")
        out.append(
            {
                "index": index,
                "year": year,
                "rank": rank,
                "of": of,
                "change": change,
                "quote": text[start:end],
                "start": start,
                "end": end,
            }
        )
        out += _listed_ranks(text, folded, m.end(), out[-1])
    return out


def _index_named_before(folded: str, pos: int) -> tuple[str | None, int | None]:
    """ "… công bố Chỉ số cải cách hành chính năm 2026 của 17 sở … \n1. Sở Tài chính (đạt 81,37%, xếp thứ 9/17)": a
    rank in a block of its own is on the index (and year) the text last named as "Chỉ số …" a few paragraphs up."""
    window = folded[max(0, pos - 1500) : pos]
    best, found = -1, (None, None)
    for name, pat in INDEX_WORDS:
        for im in re.finditer(
            r"\bchi so\s+(?:" + pat + r")(?:\s*\([^)]{0,20}\))?(?:\s+nam\s+(\d{4}))?", window
        ):
            if im.start() > best:
                best, found = im.start(), (name, int(im.group(im.lastindex)) if im.lastindex else None)
    return found


def _sentence_years(sent: str) -> list[int]:
    """The years a sentence names; "… lùi 05 bậc so với năm 2025": a year compared with is the year before."""
    return [int(y) + (1 if cmp else 0) for cmp, y in re.findall(r"(so voi\s+)?nam\s+(\d{4})", sent)]


def _names_component(text: str, before: str, offset: int) -> bool:
    """The clause before a rank names a sub-index or an index the parser does not know last: "chỉ số Tính minh
    bạch", "chỉ số thành phần …" (a capital after "chỉ số", no known index after it)."""
    at = before.rfind("chi so ")
    if at < 0 or any(re.search(pat, before[at:]) for _name, pat in INDEX_WORDS):
        return False
    after = text[offset + at + 7 : offset + at + 8]
    # ("chỉ số nội dung "Quản trị điện tử"": a PAPI dimension, as "chỉ số thành phần" names a component)
    return after.isupper() or before.startswith(("thanh phan", "noi dung"), at + 7)


def _listed_ranks(text: str, folded: str, pos: int, first: dict) -> list[dict]:
    """ "Chỉ số PAPI của hai tỉnh lần lượt xếp thứ 30/63 và 52/63": each further rank of the list is a ranking of
    the same index and year, with no change."""
    out = []
    while m := _RANK_MORE_RE.match(folded, pos):
        rank, of = int(m.group(1)), int(m.group(2))
        if rank == 0 or rank > of:
            break
        s, e = m.start(1), m.end(2)
        out.append(
            {**first, "rank": rank, "of": of, "change": None, "quote": text[s:e], "start": s, "end": e}
        )
        pos = m.end()
    return out


# ---------------------------------------------------------------- targets

_NUM = r"(\d{1,3}(?:[.,]\d{1,2})?)"
_TARGET_RE = re.compile(
    r"(?P<op>toi thieu|it nhat|khong duoi|khong thap hon|khong it hon|toi da|khong qua|khong vuot qua|"
    r"khong cao hon|khong nhieu hon|vuot qua|cao hon|thap hon|tren|duoi|hon|dat|tu)?\s*(?:muc\s+|ty le\s+|ti le\s+)?"
    r"(?<![\d.,/])" + _NUM + r"\s*(?P<pct>%|phan tram)(?P<tail>\s*tro len|\s*tro xuong)?"
)
_COUNT_RE = re.compile(
    r"(?P<op>toi thieu|it nhat|khong duoi|khong it hon|khong thap hon|toi da|khong qua|khong vuot qua|"
    r"khong nhieu hon|khong cao hon)\s+"
    # ("tài khoản", "tài liệu" fold as "tại" does: a counted noun, not a place)
    r"(?P<val>\d{1,3}(?:\.\d{3})+|\d{1,6}(?:,\d{1,2})?)\s+(?P<unit>(?!(?:cua|cho|doi|trong|tai(?!\s+(?:khoan|lieu))|theo|ve|so voi|moi|va|tren|/)\b)[^\W\d_][^\s,;.()/]*"
    r"(?:\s+(?!(?:cua|cho|doi|trong|tai|theo|ve|so voi|moi|va|tren|hang|lan)\b)[^\W\d_][^\s,;.()/]*){0,2})"
)
# a score compared without a commitment word ("… năm 2025 trên 80 điểm"); checked against reported results
_SCORE_RE = re.compile(
    r"(?<![\w])(?<!khong )(?P<op>cao hon|thap hon|tren|duoi)\s+(?P<val>\d{1,3}(?:,\d{1,2})?)\s+(?P<unit>diem)\b(?!\s*tro)"
)
# a score out of a maximum with a commitment word: "đạt tối thiểu 18/22 điểm", "đạt từ 85/100 điểm trở lên"
_SCORE_OF_RE = re.compile(
    r"(?<![\w])(?P<op>toi thieu|it nhat|khong duoi|khong thap hon|khong it hon|(?:dat )?tu)\s+"
    r"(?P<val>\d{1,3}(?:,\d{1,2})?)\s*/\s*\d{1,3}\s+(?P<unit>diem)\b(?P<tail>\s*tro len)?"
)
# a rate that describes which units are meant ("…, là hai địa phương có tỷ lệ hồ sơ quá hạn trên 5%,")
_CRITERION_RE = re.compile(
    r"\b(?:dia phuong|don vi|co quan|nganh|xa|phuong|huyen|thi xa|so|linh vuc|thu tuc)(?: nao)?\s+(?:co|con co)\s+"
    r"(?:ty le|ti le|chi so|(?:tong )?diem|so)\b[^,;:]{0,80}$"
)
_TOPN_RE = re.compile(
    # the group named by a list of unit kinds ("nhóm 4 huyện, thị xã, thành phố dẫn đầu")
    r"(?:trong|thuoc|vao)\s+(?:nhom|top)\s+(?P<val>\d{1,2})\s+(?P<unit>[^\W\d_]+(?:,?\s+[^\W\d_]+){0,5}?)\s+"
    # "thuộc nhóm 30 tỉnh, thành phố có điểm số cao nhất": the best named by their score
    r"(?:dan dau|cao nhat|tot nhat|xep hang cao nhat"
    # ("… có điểm tổng hợp cao nhất": the composite score names the best too)
    r"|co (?:diem so|diem|ket qua|chi so)(?: tong hop| trung binh)? (?:cao nhat|tot nhat))"
)
# "xếp hạng từ thứ 20/34 trở lên": a rank to reach or better (a target, not a ranking of the province)
_RANK_TARGET_RE = re.compile(
    r"(?P<unit>)xep (?:hang|thu)\s+(?:tu\s+)?(?:thu\s+)?(?P<val>\d{1,2})\s*/\s*\d{1,3}(?:\s+[^\W\d_]+){0,4}?\s+tro len\b"
)
# "không để người dân phải đi lại quá 02 lần": nobody beyond the count — a ceiling
_NOT_BEYOND_RE = re.compile(
    # ("người dân không phải đi lại quá 01 lần": nobody has to, the same)
    r"(?:khong de\b[^;.\n%]{0,60}?\s(?:phai\s+[^;.\n]{0,30}?\s)?|\bkhong phai\s+(?!la\b)[^;.\n]{0,30}?\s)"
    r"qua\s+(?P<val>\d{1,3})\s+(?P<unit>lan|ngay(?: lam viec)?|gio|phut|buoc)\b"
)
# a ban on going beyond a count is a ceiling: "không được yêu cầu bổ sung hồ sơ quá 01 lần", and the lettered acts
# under "Nghiêm cấm cán bộ …:" ("a) … bổ sung hồ sơ quá 01 lần;")
_BEYOND = r"\s(?:qua|vuot qua)\s+(?P<val>\d{1,3})\s+(?P<unit>lan|ngay(?: lam viec)?|gio|buoc)\b"
_BANNED_BEYOND = re.compile(
    r"(?:nghiem cam|khong duoc)\b(?:[^;.\n]{0,120}?"
    r"|[^\n]{0,200}:[ \t]*\n(?:[ \t]*(?:[a-zđ]\)|[-+•])[^\n]*\n){0,8}?[ \t]*(?:[a-zđ]\)|[-+•])[^\n]*?)"
    + _BEYOND
)
# "thôn, bản cách trụ sở xã từ 15 km trở lên": how far a place lies says which places are meant, no goal
_DISTANCE_QUALIFIER = re.compile(r"\bcach\s[^,;.:\d]{2,60}$")
_RANGE_COUNT_RE = re.compile(
    r"(?<![\w.,])tu\s+(?P<val>\d{1,3}(?:\.\d{3})+|\d{1,6}(?:,\d{1,2})?)\s+(?P<unit>[^\W\d_][^\s,;.()]*(?:\s+[^\W\d_][^\s,;.()]*)?)"
    r"\s+(?P<dir>tro len|tro xuong)"
)
# a character of the clause before its time limit (", hoàn thành trước ngày …" dates it, no figure of it)
_UNTIL_DUE = r"(?:(?!,\s*(?:hoan thanh|xong|truoc|cham nhat)\b)[^;.\n])"
_ZERO_RE = re.compile(
    r"(?:phan dau|dam bao|bao dam|muc tieu)\s*:?\s+"
    # "phấn đấu trong năm 2027 trên địa bàn xã không có …": a time and a place may stand before the goal
    r"(?:(?:trong|den het|den)\s+(?:nam|quy|thang)\s+[\divx/]+\s*,?\s*)?(?:tren dia ban\s+[^,;.:]{1,40}?\s+)?"
    # ("bảo đảm không để thiếu giáo viên": no shortage, nothing counted)
    r"(?:de\s+)?(?P<neg>khong co|khong de (?!thieu\b)(?:xay ra |phat sinh )?|khong phat sinh)"
    r"|(?:(?<=\n)|(?<=^)|(?<=\d\. )|(?<=- )|(?<=\+ )|(?<=• ))(?P<neg2>khong co)(?=\s+\w)"
    r"|(?<![\w])(?P<neg5>khong co)(?!\w)(?=[^;.%\n]{0,120}\d+(?:[.,]\d+)?\s*%)"
    r"|(?<=; )(?P<neg4>khong co|khong phat sinh|khong con)"
    r"(?=[^;.]{0,120}\b(?:bi ky luat|vi pham|tre han|qua han|sai sot|khieu nai|khieu kien|xin loi))"
    r"|(?P<neg3>khong de (?:xay ra|phat sinh|ton dong|tre han|qua han|sot|sai sot))"
    r"|(?<![\w])(?P<neg7>khong de)(?=(?:,?\s+[^\W\d_]+){1,8}\s+(?:qua han|tre han|ton dong|sai sot|bi tra lai)\b)"
    r"(?!" + _UNTIL_DUE + r"{0,100}\d)"  # "không để tỷ lệ hồ sơ quá hạn vượt quá 1%" is a ceiling
    # "không có / không còn xã, phường nào (có tỷ lệ …) dưới 75 điểm / trên 3%"
    # ("không để cơ quan, địa phương nào bị trừ điểm": none let happen, the same)
    # ("… nào có điểm Bộ chỉ số 766 dưới 70 điểm": an index's number may stand among the words)
    r"|(?<![\w])(?P<neg6>khong co|khong con|khong de)(?!\w)(?=(?:,?\s+[^\W\d_]+){1,6}\s+nao\b(?:\s+\w+){0,10}?"
    r"\s+(?:giam|bi|tre|qua han|vi pham|duoi|thap|tren|vuot|cao hon|xep loai|gui cham|cham|phai|chua"
    r"|duoc (?:[^\W\d_]+\s+){1,3}ngoai)\b)"  # "không có hồ sơ nào được giải quyết ngoài Hệ thống"
    # "không còn hồ sơ bị yêu cầu bổ sung từ 02 lần trở lên": none at or above the count
    r"|(?<![\w])(?P<neg8>khong con|khong co)(?!\w)(?=\s[^;.:\n]{3,80}?\btu\s+\d+\s+[^\W\d_]+\s+tro len\b)"
)

_RATE_AFTER = re.compile(
    r"\s*(?::|la|chiem|dat|phai)?\s*(?:o muc\s+)?(?:duoi|toi da|khong qua|khong vuot qua|tren|toi thieu|it nhat|≥|≤|<|>)?"
    r"\s*\d{1,3}(?:[.,]\d{1,2})?\s*%"
)
_SYMBOL_BEFORE = re.compile(r"(≥|≤|>=|<=|>|<)\s*$")
_SAMPLE_RATE = re.compile(r"\b(?:xac suat|chon mau|ngau nhien|mau)\s*$")
_OPS = {
    "toi thieu": ">=",
    "it nhat": ">=",
    "khong duoi": ">=",
    "khong thap hon": ">=",
    "khong it hon": ">=",
    "toi da": "<=",
    "khong qua": "<=",
    "khong vuot qua": "<=",
    "khong cao hon": "<=",
    "khong nhieu hon": "<=",
    "cao hon": ">",
    "thap hon": "<",
    "tren": ">",
    "hon": ">",
    "duoi": "<",
    "dat": ">=",
    "tu": ">=",
}


def _is_break(text: str, i: int) -> bool:
    """A newline ends a clause unless the next line continues the sentence in lower case."""
    j = i
    while j < len(text) and text[j].isspace():
        j += 1
    if j < len(text) and re.match(r"[a-zđ]\)|[-+•*]|\d+[.)]", text[j : j + 3]):
        return True
    return not (j < len(text) and text[j].isalpha() and text[j].islower())


_MAX_REACH = 700  # a clause or sentence longer than this is cut (keeps the parser linear)


def _clause_bounds(text: str, folded: str, start: int, end: int) -> tuple[int, int]:
    s = start
    floor = max(0, start - _MAX_REACH)
    while s > floor:
        c = folded[s - 1]
        if c in ";|\t" or (c == "\n" and _is_break(text, s)) or (c == " " and folded[s - 2 : s - 1] == "."):
            break
        s -= 1
    e = end
    n = min(len(folded), end + _MAX_REACH)
    while e < n:
        c = folded[e]
        if (
            c in ";|\t"
            or (c == "\n" and _is_break(text, e))
            or (c == "." and (e + 1 >= len(folded) or folded[e + 1] in " \n"))
        ):
            break
        e += 1
    return s, e


_LEAD_WORDS = re.compile(
    r"(?:^|\s)(?:co gang phan dau|phan dau|co gang|dam bao|bao dam|nham duy tri|nham tang|nham|de|trong do|"
    r"dong thoi|cu the|muc tieu)\s+"
)
_STRIP_HEAD = re.compile(r"^\s*(?:[-+•*]+\s*|\d+(?:\.\d+)*\.?\s+|[a-z]\)\s*)?(?:(?:va|hoac|voi)\s+)?")


def _trim_metric(text: str, folded: str, s: int, e: int) -> tuple[int, int]:
    # "Theo dõi tỷ lệ hồ sơ …" → the measure starts at "tỷ lệ"
    km = re.search(r"\b(?:ty le|ti le|muc do|so luong|thoi gian)\b", folded[s:e])
    if km and km.start() > 0 and len(folded[s + km.start() : e].split()) >= 3:
        s += km.start()
    m = _STRIP_HEAD.match(folded[s:e])
    if m:
        s += m.end()
    lm = re.match(r"\s*(?:co gang\s+)?(?:phan dau|dam bao|bao dam)\s+", folded[s:e])
    if lm and len(folded[s + lm.end() : e].split()) >= 2:
        s += lm.end()
    # trailing "đạt", "đạt tỷ lệ", "là", "bằng", "đảm bảo" (accent-checked: not "đất")
    while True:
        tail = re.search(
            r"\s+(?:đạt(?: tỷ lệ| tỉ lệ)?|là|bằng|đảm bảo|bảo đảm|phấn đấu|phân đấu|ở mức|với)\s*$",
            lower_vi(text[s:e]),
        )
        if not tail:
            break
        e = s + tail.start()
    return strip_span(text, s, e, " \t\n-+:;,")


def _metric_before(text: str, folded: str, seg_start: int, trig_start: int) -> tuple[int, int]:
    seg = folded[seg_start:trig_start]
    # "Tỷ lệ … : trên 95%" — the metric is BEFORE the colon (back to the previous colon)
    if re.search(r":\s*$", seg):
        e = seg_start + seg.rstrip().rfind(":")
        k = folded.rfind(":", seg_start, e)
        s = k + 1 if k >= 0 else seg_start
        return _trim_metric(text, folded, s, e)
    s = seg_start
    k = folded.rfind(":", seg_start, trig_start)
    if k >= 0 and len(folded[k + 1 : trig_start].split()) >= 3:
        s = k + 1
    # start after the last "phấn đấu / đảm bảo / nhằm …" that leaves words before the trigger
    for lm in _LEAD_WORDS.finditer(folded, s, trig_start):
        rest = folded[lm.end() : trig_start]
        if len(re.sub(r"\b(?:dat|ty le|ti le|la|bang)\b", "", rest).split()) >= 2:
            s = lm.end()
    ms, me = _trim_metric(text, folded, s, trig_start)
    if len(folded[ms:me].split()) < 2:
        # "…giải ngân vốn đầu tư công, phấn đấu đạt trên 90%": the metric is the part before
        k = folded.rfind(",", seg_start, s)
        if k > seg_start:
            k2 = max(folded.rfind(",", seg_start, k), seg_start - 1)
            return _trim_metric(text, folded, k2 + 1, k)
    words = folded[ms:me].split()
    if len(words) > 22:
        # too long: keep from the last comma that leaves a few words
        k = folded.rfind(",", ms, me)
        while k > ms and len(folded[k + 1 : me].split()) < 4:
            k = folded.rfind(",", ms, k)
        if k > ms:
            return _trim_metric(text, folded, k + 1, me)
    return ms, me


_METRIC_AFTER_STOP = re.compile(
    r",\s*(?:dam bao|bao dam|nham|de |trong do|tranh|gop phan|dong thoi|phu hop|nang|tang|giam|dat)\b"
    r"|\s+theo (?:quy dinh|dung quy dinh|ke hoach)\b"
    r"|\s+(?:trong (?:thang|quy|nam) \S*\d|truoc ngay|den het|cham nhat|hoan thanh (?:trong|truoc))"
    # "100% khu phố tổ chức … và tỷ lệ hộ tham dự đạt …": a second measure starts
    r"|\s+va\s+(?=ty le\b)"
)


def _metric_after(text: str, folded: str, pos: int, clause_end: int) -> tuple[int, int]:
    e = pos
    words = 0
    while e < clause_end:
        c = folded[e]
        if c in ";(\n" or (c == "." and folded[e + 1 : e + 2] in (" ", "\n", "")):
            break
        if c in ", " and _METRIC_AFTER_STOP.match(folded, e):
            break
        if c == " ":
            words += 1
            if words >= 30:
                break
        e += 1
    return strip_span(text, pos, e, " \t\n-+:;,.")


_UNITS = [
    "ngày làm việc",
    "tỷ đồng",
    "triệu đồng",
    "sáng kiến",
    "mô hình",
    "hồ sơ",
    "văn bản",
    "thủ tục",
    "doanh nghiệp",
    "cán bộ",
    "công chức",
    "lượt",
    "lần",
    "ngày",
    "giờ",
    "phút",
    "tháng",
    "năm",
    "điểm",
    "cuộc",
    "đợt",
    "lớp",
    "người",
    "đơn vị",
    "xã",
    "bậc",
]


def _number(raw: str) -> float:
    """Vietnamese number: '2.000' → 2000, '4,5' → 4.5."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):
        return float(raw.replace(".", ""))
    return float(raw.replace(",", "."))


def _unit(words: str) -> str:
    """The unit after a count: a known unit when the words start with one, else the first two words."""
    low = lower_vi(words)
    for u in _UNITS:
        if low.startswith(u) and (len(low) == len(u) or not low[len(u)].isalnum()):
            return words[: len(u)]
    return " ".join(words.split()[:2])


_MEASURE_UNITS = {
    "ngay lam viec",
    "ngay",
    "gio",
    "phut",
    "diem",
    "lan",
    "luot",
    "thang",
    "nam",
    "bac",
    "ty dong",
    "trieu dong",
}


def _scope(metric: str) -> str | None:
    m = re.search(r"(?:trong\s+)?lĩnh vực\s+[^,;.()]+", metric, flags=re.IGNORECASE)
    if m:
        return squash(
            m.group(0).replace("trong ", "", 1) if m.group(0).lower().startswith("trong") else m.group(0)
        )
    m = re.search(r"cấp (?:tỉnh|huyện|xã)", metric)
    if m:
        return m.group(0)
    return None


def _sentence_bounds(text: str, folded: str, s: int, e: int) -> tuple[int, int]:
    n = min(len(folded), e + _MAX_REACH)
    floor = max(0, s - _MAX_REACH)
    # an inline enumeration ("…: (1) …; (2) …") ends a sentence at each item
    while (
        s > floor
        and not (folded[s - 1] == "\n" and _is_break(text, s))
        and folded[s - 2 : s] != ". "
        and not _enum_starts(folded, s)
    ):
        s -= 1
    while (
        e < n
        and not (folded[e] == "\n" and _is_break(text, e))
        and not (folded[e] == "." and (e + 1 >= len(folded) or folded[e + 1] in " \n"))
        and not (folded[e] == ";" and _ENUM_MARK.match(folded, e + 2))
    ):
        e += 1
    return s, e


_ENUM_MARK = re.compile(r"\((?:\d{1,2}|[a-hk-n])\)\s")


def _enum_starts(folded: str, s: int) -> bool:
    """An inline item ("(2) …") starts at `s`, right after a ";" or ":"."""
    before = folded[max(0, s - 2) : s].rstrip()
    return before.endswith((";", ":")) and bool(_ENUM_MARK.match(folded[s : s + 8].lstrip()))


def _inline_items(text: str, folded: str, b: Block) -> list[tuple[int, int]] | None:
    """Items of an inline enumeration after a colon: "… khẩn trương thực hiện: (1) …; (2) …; (3) …"."""
    seg = folded[b.body_start : b.end]
    m = re.search(r":\s*(?=\((?:1|a)\)\s)", seg)
    if not m:
        return None
    marks = [b.body_start + x.start() for x in _ENUM_MARK.finditer(seg, m.end())]
    if len(marks) < 2:
        return None
    stop = re.search(r"\.(?:\s|$)", folded[marks[-1] : b.end])
    last_end = marks[-1] + stop.start() if stop else b.end
    bounds = marks[1:] + [last_end]
    return [strip_span(text, a, z, " \t\n;,.") for a, z in zip(marks, bounds, strict=True)]


# a clause that opens with a start ("từ nay không để tồn đọng …", "từ quý IV/2026, không để …") holds from then on
_FROM_NOW = re.compile(r"\s*(?:[-+•*]\s*)?(?:ke\s+)?tu\s+(?:nay|(?:ngay|thang|quy|nam)\s+[\divx])")


_NEXT_ADDRESSEE = re.compile(r";\s+(?=(?:rieng\s+)?doi voi\s+[^:;,.]{3,80}?:)")


# "Quý II/2026 đạt tối thiểu 90%; Quý III/2026 đạt tối thiểu 95%": a road map, each step due at its period's end
_RAMP_STEP = re.compile(
    r"(?:^|[:;]\s*|\s)((?:quy\s+[ivx]+|thang\s+\d{1,2})\s*/\s*\d{4})\s*,?\s*(?:phai\s+)?(?:dat\s*)?$"
)


def _ramp_step(
    folded: str, cl_s: int, trig_start: int, op_word: str | None, doc_date: str | None
) -> str | None:
    head = folded[cl_s:trig_start]
    m = _RAMP_STEP.search(head)
    if not m or not (head.rstrip().endswith("dat") or op_word == "dat"):
        return None
    got = cell_deadline(m.group(1))
    return got[0] if got and not is_past(got[0], doc_date) else None


_FIGURE = re.compile(r"\d+(?:[.,]\d+)?\s*%|\b(?:it nhat|toi thieu|toi da|khong qua)\s+\d")


def _own_clause_after(text: str, folded: str, start: int, end: int) -> int:
    """Where the time after a target stops being its own: "… ít nhất 04 tin/tháng; Sở Nội vụ sản xuất 12 video … trong
    Quý II/2027", "… được ký số 100%; số hóa 100% hồ sơ … trong 6 tháng đầu năm": a later clause with its own
    subject or its own figure keeps its time to itself."""
    for m in re.finditer(r";\s+", folded[start:end]):
        cs = start + m.end()
        ce = folded.find(";", cs, end)
        ce = end if ce < 0 else ce
        if _FIGURE.search(folded, cs, ce) or (
            text[cs : cs + 1].isupper()
            and looks_like_agency(text[cs : cs + 60])
            and subject_end(text[:ce], cs) > cs
        ):
            return start + m.start()
    return end


# "…, gửi Sở Nội vụ trước ngày 30/4/2027, phấn đấu kết quả khảo sát SIPAS cấp xã năm 2027 đạt từ 80% trở lên": a
# goal on the index of a year is measured by that year's index, not by the date of the work before it
_INDEX_YEAR_GOAL = re.compile(
    r"[,;]\s*phan dau\s+(?!(?:den|trong|truoc)\b)[^,;:]{0,80}?(?<!den het )(?<!den )(?<!trong )\bnam \d{4}\b[^,;:\d]{0,30}$"
)


def _index_year_goal(text: str, folded: str, cl_s: int, trig_start: int, default_year: int | None) -> bool:
    m = _INDEX_YEAR_GOAL.search(folded, max(cl_s, trig_start - 140), trig_start)
    return bool(m) and not list(
        find_deadlines(text[m.start() : trig_start], folded[m.start() : trig_start], default_year)
    )


def _target_deadline(
    text: str, folded: str, cl_s: int, cl_e: int, default_year: int | None, doc_date: str | None = None
) -> str | None:
    if _FROM_NOW.match(folded, cl_s, cl_e):
        return None
    s_s, s_e = _sentence_bounds(text, folded, cl_s, cl_e)
    for dl, _kind, _s, _e in find_deadlines(text[cl_s:cl_e], folded[cl_s:cl_e], default_year):
        if not is_past(dl, doc_date):
            near = _BRACKETED_TIME.match(folded, cl_s + _e)
            if near and near.end() < s_e:
                closer = next(
                    iter(find_deadlines(text[near.end() : s_e], folded[near.end() : s_e], default_year)), None
                )
                if closer and closer[2] <= 4 and closer[0][:4] == dl[:4]:
                    return closer[0]  # "ít nhất 02 lần trong năm 2028 (vào tháng 6 và tháng 12/2028)"
            return dl
    # "…, số hóa 100% hồ sơ; đồng thời gửi báo cáo … trước ngày 12/9/2027": the second assignment's own date
    second = re.compile(r";\s+dong thoi\b").search(folded, cl_e, s_e)
    a_e = _own_clause_after(text, folded, cl_e, second.start() if second else s_e)
    after = list(find_deadlines(text[cl_e:a_e], folded[cl_e:a_e], default_year))
    for i, (dl, _kind, _s, _e) in enumerate(after):
        # "… ít nhất 01 lần/tuần; phấn đấu đến hết tháng 9/2027, tỷ lệ … đạt 65%": another goal's date
        if not is_past(dl, doc_date) and not _in_goal_clause(folded, cl_e, cl_e + _s, s_e):
            return after[_narrowed(folded, cl_e, after, i)][0]
    # "…, trước ngày 30/9/2027; đối với UBND phường B: …": another agency's date is not this target's
    addressed = [a.end() for a in _NEXT_ADDRESSEE.finditer(folded, s_s, cl_e) if a.end() <= cl_s + 1]
    if addressed:
        s_s = max(s_s, addressed[-1])
    found = None
    for dl, _kind, _s, _e in find_deadlines(text[s_s:cl_s], folded[s_s:cl_s], default_year):
        if not is_past(dl, doc_date):
            found = dl
    return found


# ("kết quả khảo sát" names a survey's results, a noun; "qua khảo sát, …" reports what a survey found)
_RESULT_RE = re.compile(
    r"\b(?:da dat|moi dat|chi dat|dat duoc|van con|con \d+|tuy nhien|so voi (?:quy|thang|nam|cung ky|ky truoc|6 thang)"
    r"|ket qua (?:dat|cho thay)|thuc hien duoc|cho thay|chiem|(?<!ket )qua (?:kiem tra|khao sat|theo doi|danh gia)"
    r"|(?:trong|qua) (?:\d+|sau|chin|ba) thang (?:dau nam|qua)|thoi gian qua|vua qua)\b"
    # "Tám tháng đầu năm 2027, phường tiếp nhận …": a sentence opened by the months gone by
    r"|^\s*(?:\d{1,2}|hai|ba|bon|nam|sau|bay|tam|chin|muoi|muoi mot) thang dau nam\b"
)
_STRONG_RESULT_RE = re.compile(
    r"\b(?:da dat|moi dat|chi dat|dat duoc|van con|chiem|cho thay|(?<!ket )qua (?:kiem tra|khao sat|theo doi|danh gia))\b"
)
_COMMIT_RE = re.compile(
    r"\b(?:phan dau|bao dam|dam bao|chi tieu|muc tieu|cam ket|phai|can|toi thieu|it nhat|tro len|khong qua|toi da"
    r"|yeu cau|de nghi|giao|nham|de dat)\b"
)


_ALLOTTED = re.compile(r"\bgiao cho\s[^,.;:]{1,60}?\s(?:la|gom)\s+(?=\d)")


def is_past(deadline: str | None, doc_date: str | None) -> bool:
    """A deadline that ends before the document was issued is a period looked back on, not a deadline."""
    if not deadline or not doc_date or not re.match(r"\d{4}-\d{2}", deadline):
        return False
    return deadline[:7] < doc_date[:7] if len(deadline) == 7 else deadline < doc_date


def _looks_back(text: str, folded: str, s: int, e: int, doc_date: str | None) -> bool:
    """A sentence that reports results ("Trong quý III/2025, tỷ lệ … đạt 98,6%, tăng 1,2% so với quý II")."""
    # "Kế hoạch vốn … giao cho xã là 48,6 tỷ đồng": an amount allotted is a fact, not work handed out
    seg = _ALLOTTED.sub(" ", folded[s:e])
    if _COMMIT_RE.search(seg):
        return False
    if _RESULT_RE.search(seg):
        return True
    return any(is_past(dl, doc_date) for dl, _k, _a, _b in find_deadlines(text[s:e], seg))


def _past_aside(folded: str, pos: int, doc_year: int | None) -> bool:
    """A value inside a parenthesis that recalls an earlier figure: "… tối thiểu 75% (năm 2026 đạt 63,7%)"."""
    open_ = folded.rfind("(", max(0, pos - 80), pos)
    if open_ < 0 or ")" in folded[open_:pos]:
        return False
    inner = folded[open_ + 1 : pos]
    if re.search(r"\b(?:nam (?:truoc|qua|ngoai)|cung ky|ky truoc|hien nay|hien dat|hien tai)\b", inner):
        return True
    # "… thấp nhất năm 2026 (lần lượt 81,7% và 83,2%)": the figures of the year named just before
    years = re.findall(r"\b(\d{4})\b", inner) or re.findall(
        r"\bnam (\d{4})\s*$", folded[max(0, open_ - 30) : open_]
    )
    return bool(doc_year and years and int(years[-1]) < doc_year)


_GRADING = re.compile(r"xep loai|phan loai|thang diem")
_BAND_WORD = re.compile(r"\s*(?:loai\s+|muc\s+)?(?:xuat sac|tot|kha|trung binh|yeu|kem)\b")


def _grading_band(folded: str, sent_start: int, trig_start: int) -> bool:
    """ "Xếp loại: Tốt từ 90 điểm trở lên; Khá từ 80 đến dưới 90 điểm; …" names the bands of a grading scale and
    "Thang điểm tối đa 100 điểm" the scale itself: how the scoring works, not goals."""
    before = folded[sent_start:trig_start]
    piece = re.split(r"[;:,]", before)[-1]
    if re.match(r"\s*thang diem\b", piece):
        return True
    return bool(re.search(r"\b(?:xep loai|phan loai)\b", before) and _BAND_WORD.match(piece))


# the time a step must come before an event ("… 20 ngày trước khi tổ chức", "… 01 ngày trước ngày hẹn trả")
_BEFORE_EVENT = re.compile(r"(?:ngay|gio|tuan|thang)(?: lam viec)?\s+truoc (?:khi|ngay|thoi diem|buoi)\b")
_LENGTH_LIMIT = re.compile(r"trang\b(?!\s+(?:thong tin|web|dien tu|tin))")


# "thông báo trước ít nhất 03 ngày", "xin lỗi trước ngày hẹn trả ít nhất 01 ngày làm việc": how long before an event
# "100% thôn, bản được tiếp nhận lưu động ít nhất 01 lần/tháng": one target (all covered), the frequency its condition
_COVERED_HOW_OFTEN = re.compile(r"\b100\s*%\s[^;:.%\d]{0,80}?\bduoc\s[^;:.%\d]{0,80}$")
# ("trước mỗi buổi tiếp nhận ít nhất 03 ngày": before each of a recurring event, the same)
_NOTICE_BEFORE = re.compile(r"\btruoc(?:\s+(?:moi\s+)?(?:ngay|khi|buoi|lan|dot)\s[^\d,;.]{1,30}?)?\s*$")


def parse_targets(
    text: str,
    folded: str,
    skip_spans: list[tuple[int, int]],
    default_year: int | None,
    doc_date: str | None = None,
    goal_spans: list[tuple[int, int]] | None = None,
) -> list[dict]:
    goal_spans = goal_spans or []
    cands = []

    def skipped(pos: int) -> bool:
        return any(s <= pos < e for s, e in skip_spans)

    for m in _TARGET_RE.finditer(folded):
        if skipped(m.start(2)):
            continue
        op_word = m.group("op")
        raw = m.group(2).replace(",", ".")
        try:
            value = float(raw)
        except ValueError:
            continue
        if value > 100:
            continue
        tail = (m.group("tail") or "").strip()
        if op_word in (None, "dat") and not tail:
            op = "=" if (op_word is None or value == 100) else ">="
        elif tail.startswith("tro len"):
            op = ">="
        elif tail.startswith("tro xuong"):
            op = "<="
        else:
            op = _OPS.get(op_word, "=")
        if op_word == "tu" and not tail:
            op = ">="
        if op_word == "vuot qua":
            # "không để / không được … vượt quá 1%" is a ceiling; a bare "vượt quá" states an excess
            neg = re.search(
                r"\bkhong (?:de|duoc|cho phep)\b[^,;.]{0,100}$", folded[max(0, m.start() - 110) : m.start()]
            )
            op = "<=" if neg else ">"
        if op_word is None and _SAMPLE_RATE.search(folded, max(0, m.start(2) - 30), m.start(2)):
            continue  # "kiểm tra xác suất 5% số phiếu": how a check samples, not a goal
        num_start = m.start(2)
        trig_start = m.start("op") if op_word else num_start
        sym = _SYMBOL_BEFORE.search(folded, max(0, num_start - 4), num_start) if op_word is None else None
        if sym and not tail:
            op, trig_start = _SYMBOL_OPS[sym.group(1)], sym.start(1)  # "Tỷ lệ …: ≥ 40%": the symbol commits
        cands.append(("pct", m, value, op, trig_start, m.end(), "%"))
    for m in _COUNT_RE.finditer(folded):
        if skipped(m.start()):
            continue
        if _NOTICE_BEFORE.search(folded, max(0, m.start() - 40), m.start()) and m.group("unit").startswith(
            ("ngay", "gio", "tuan", "thang")
        ):
            continue  # "thông báo trước ít nhất 03 ngày làm việc": a notice period, not a target
        if _BEFORE_EVENT.match(folded, m.start("unit")):
            continue  # "niêm yết … tối thiểu 20 ngày trước khi tổ chức đối thoại": a notice period, not a target
        if _LENGTH_LIMIT.match(folded, m.start("unit")):
            continue  # "Gửi báo cáo tóm tắt (không quá 03 trang)": the length of the paper asked for
        if m.group("unit").startswith("lan") and _COVERED_HOW_OFTEN.search(
            folded, max(0, m.start() - 160), m.start()
        ):
            continue  # "100% thôn, bản được tổ chức … ít nhất 01 lần/tháng": how often is the coverage's condition
        unit_text = _unit(text[m.start("unit") : m.end("unit")])
        cands.append(
            ("count", m, _number(m.group("val")), _OPS[m.group("op")], m.start(), m.end("val"), unit_text)
        )
    for m in _SCORE_RE.finditer(folded):
        if skipped(m.start()):
            continue
        cands.append(
            ("score", m, _number(m.group("val")), _OPS[m.group("op")], m.start(), m.end("val"), "điểm")
        )
    for m in _SCORE_OF_RE.finditer(folded):
        if skipped(m.start()) or (m.group("op").endswith("tu") and not m.group("tail")):
            continue
        cands.append(("score", m, _number(m.group("val")), ">=", m.start(), m.end("val"), "điểm"))
    for m in _TOPN_RE.finditer(folded):
        if skipped(m.start()):
            continue
        cands.append(("count", m, _number(m.group("val")), "<=", m.start(), m.end(), "bậc"))
    for m in _NOT_BEYOND_RE.finditer(folded):
        if not skipped(m.start()):
            unit_text = _unit(text[m.start("unit") : m.end("unit")])
            cands.append(("count", m, _number(m.group("val")), "<=", m.start("val") - 4, m.end(), unit_text))
    for m in _BANNED_BEYOND.finditer(folded):
        if not skipped(m.start("val")):
            unit_text = _unit(text[m.start("unit") : m.end("unit")])
            cands.append(("count", m, _number(m.group("val")), "<=", m.start("val") - 4, m.end(), unit_text))
    for m in _RANK_TARGET_RE.finditer(folded):
        if not skipped(m.start()):
            cands.append(("count", m, _number(m.group("val")), "<=", m.start(), m.end(), "bậc"))
    for m in _RANGE_COUNT_RE.finditer(folded):
        if skipped(m.start()) or m.group("unit").startswith(("thang", "nam", "ngay")):
            continue
        if re.search(r"\b(?:khong|chua) (?:dat|hoan thanh)\s*$", folded[max(0, m.start() - 20) : m.start()]):
            continue  # "không đạt từ 02 chỉ tiêu trở lên thì …": how many failures the condition counts
        if re.match(r"(?:km|m|met|ki lo met)\b", m.group("unit")) and _DISTANCE_QUALIFIER.search(
            folded, max(0, m.start() - 60), m.start()
        ):
            continue  # "các xã có thôn, bản cách trụ sở xã từ 15 km trở lên": the distance picks out the places
        if _RATE_AFTER.match(folded, m.end()):
            continue  # "Tỷ lệ hồ sơ bổ sung từ 02 lần trở lên: dưới 5%": the count says which dossiers, the rate commits
        unit_text = _unit(text[m.start("unit") : m.end("unit")])
        op = ">=" if m.group("dir") == "tro len" else "<="
        cands.append(("count", m, _number(m.group("val")), op, m.start(), m.end(), unit_text))
    for m in _ZERO_RE.finditer(folded):
        if skipped(m.start()):
            continue
        g = next(
            name for name in ("neg", "neg2", "neg3", "neg4", "neg5", "neg6", "neg7", "neg8") if m.group(name)
        )
        cands.append(("zero", m, 0.0, "=", m.start(g), m.end(g), ""))
    # "không có đơn vị nào có chỉ số dưới 80%", "không còn xã, phường nào dưới 75 điểm": one target (none),
    # not "< 80%"
    for z in [
        c
        for c in cands
        if c[0] == "zero" and (c[1].group("neg5") or c[1].group("neg6") or c[1].group("neg8"))
    ]:
        # the value it bounds stands in the same sentence ("…; chỉ số nội dung … đạt 3,6 điểm" on the next line is
        # a target of its own)
        stop = re.compile(r"[;\n]|\.\s").search(folded, z[4])
        limit = min(z[4] + 130, stop.start() if stop else len(folded))
        inner = [c for c in cands if c[0] in ("pct", "score", "count") and z[4] <= c[4] <= limit]
        if inner:
            cands.remove(min(inner, key=lambda c: c[4]))
    cands.sort(key=lambda c: c[4])
    out = []
    prev_end = -1
    doc_year = int(doc_date[:4]) if doc_date else default_year
    clauses: list[tuple[int, int, int]] = []  # (clause start, clause end, value end) of each target kept
    for kind, m, value, op, trig_start, val_end, unit in cands:
        if _past_aside(folded, trig_start, doc_year):
            continue
        cl_s, cl_e = _clause_bounds(text, folded, trig_start, val_end)
        if _GRADING.search(folded, max(0, trig_start - 300), trig_start) and _grading_band(
            folded, _sentence_bounds(text, folded, cl_s, cl_e)[0], trig_start
        ):
            continue
        plain = kind == "score" or (
            kind == "pct" and (m.group("op") in (None, "dat", "tu") and not m.group("tail"))
        )
        in_goals = any(gs <= trig_start < ge for gs, ge in goal_spans)
        if plain:
            s_s, s_e = _sentence_bounds(text, folded, cl_s, cl_e)
            if not in_goals and _looks_back(text, folded, s_s, s_e, doc_date):
                continue
            # under "Mục tiêu" too, a sentence that reports a result ("Năm 2024, … mới đạt 31,7%") is history
            if (
                in_goals
                and _STRONG_RESULT_RE.search(folded[s_s:val_end])
                and not _COMMIT_RE.search(folded[s_s:s_e])
            ):
                continue
        # "các lĩnh vực có chỉ số dưới 80% …", "cơ quan có điểm … cao hơn … từ 10 điểm trở lên": which units are
        # meant, not a goal; the value that follows such a criterion ("… đạt từ 82% trở lên") is the goal
        if (kind in ("pct", "score") and op in (">", "<", ">=", "<=")) or m.re is _RANGE_COUNT_RE:
            window = folded[max(cl_s, trig_start - 120) : trig_start]
            cm = _CRITERION_RE.search(window)
            if (
                cm
                and not re.search(r"\b(?:phan dau|bao dam|dam bao|phai|muc tieu|chi tieu)\b", window)
                and not re.search(r"\d\s*(?:%|diem\b)", window[cm.start() :])
            ):
                continue
        # "Năm 2026, tỉnh đã đơn giản hóa …, cắt giảm 11,2% chi phí": a past year's sentence told in the past
        s_s, s_e = _sentence_bounds(text, folded, cl_s, cl_e)
        py = re.match(r"\s*(?:[-+•*]\s*)?(?:trong |den het )?nam (\d{4})\s*,", folded[s_s:trig_start])
        if (
            py
            and doc_year
            and int(py.group(1)) < doc_year
            and re.search(r"\bda\b", folded[s_s:trig_start])
            and not re.search(r"\b(?:phan dau|muc tieu)\b", folded[s_s:trig_start])
        ):
            continue
        # "có 09/34 địa phương đạt trên 85% và 03 địa phương dưới 80%": how many units stand where, a distribution
        # reported, not a goal
        if (
            kind in ("pct", "score")
            and re.search(
                r"\b(?:co|va)\s+\d{1,3}(?:\s*/\s*\d{1,3})?\s+(?:dia phuong|tinh|xa|phuong|don vi|co quan|so|huyen)\b"
                r"[^,;:\d]{0,20}$",
                folded[max(cl_s, trig_start - 60) : trig_start],
            )
            and not re.search(r"\b(?:phan dau|bao dam|dam bao|muc tieu)\b", folded[cl_s:trig_start])
        ):
            continue
        if kind == "score":
            kind = "count"
        seg_start = max(cl_s, prev_end if prev_end > cl_s else cl_s)
        colon_form = bool(re.search(r":\s*$", folded[seg_start:trig_start]))
        if kind == "count" and sfold(unit) in _MEASURE_UNITS:
            # "không quá 3 ngày", "đạt từ 85 điểm trở lên": the thing measured is named before
            ms, me = _metric_before(text, folded, seg_start, trig_start)
            if len(folded[ms:me].split()) < 2:
                ms, me = _metric_after(text, folded, m.start("unit"), cl_e)
        elif kind == "count":
            ms, me = _metric_after(text, folded, m.start("unit"), cl_e)
        elif kind == "zero":
            ms, me = _metric_after(text, folded, val_end, cl_e)
        else:
            after = folded[val_end:cl_e]
            after_word = re.match(r"\s*([^\W\d_]\w*)", after)
            noun_after = bool(
                after_word
                and after_word.group(1)
                not in ("va", "tro", "trong", "tai", "doi", "nam", "ke", "tong", "vao", "hoac")
                and not re.match(r"\s*(?:so voi|ke hoach|cua|tro|tro len)\b", after)
            )
            if noun_after and not colon_form:
                ms, me = _metric_after(text, folded, val_end, cl_e)
                if me - ms < 3:
                    ms, me = _metric_before(text, folded, seg_start, trig_start)
            else:
                ms, me = _metric_before(text, folded, seg_start, trig_start)
                if noun_after and colon_form:
                    # "…: 100% hồ sơ." → keep the noun as the unit base
                    pass
        metric = squash(text[ms:me]) if me > ms else ""
        while metric.endswith(")") and metric.count(")") > metric.count("("):
            metric = metric[:-1].rstrip()
        if kind == "count":
            metric = metric or unit
        # "giảm 20% số hồ sơ giấy": the direction belongs to the metric
        look = max(seg_start, trig_start - 12)
        dm = re.search(r"(?:^|\s)(tang|giam|cat giam|rut ngan|nang)\s*$", folded[look:trig_start])
        if dm and ms >= val_end and metric:
            metric = text[look + dm.start(1) : look + dm.end(1)].lower() + " " + metric
        if kind == "zero":
            metric = "không có " + metric if metric else metric
        # quote: from the segment start to the end of what we used
        q_end = max(val_end, me)
        if q_end < cl_e and folded[q_end : q_end + 1].isalnum():
            # the metric was cut at its word limit: the quote still runs to the next comma or clause end
            stop = re.search(r"[,;(\n]|\.(?:\s|$)", folded[q_end:cl_e])
            q_end = q_end + stop.start() if stop else cl_e
        tm = re.match(r"\s*(?:tro len|tro xuong)", folded[q_end:cl_e])
        if tm:
            q_end += tm.end()
        qs, qe = strip_span(text, seg_start, q_end, " \t\r\n-+•,;:")
        if qe <= qs:
            continue
        deadline = _target_deadline(text, folded, cl_s, cl_e, default_year, doc_date)
        if deadline and _index_year_goal(text, folded, cl_s, trig_start, default_year):
            deadline = None
        if deadline is None:
            deadline = _ramp_step(folded, cl_s, trig_start, m.groupdict().get("op"), doc_date)
        value_out: float | int = int(value) if value == int(value) else value
        if (
            kind == "pct"
            and m.group("op") is None
            and not m.group("tail")
            and clauses
            and clauses[-1][0] == cl_s
            and out[-1]["unit"] == "%"
            and re.search(r"\bva\s*$", folded[clauses[-1][2] : trig_start])
        ):
            op = out[-1]["operator"]  # "tối thiểu 50% … và 70% …": the second value shares the commitment
        clauses.append((cl_s, cl_e, val_end))
        out.append(
            {
                "metric": metric,
                "operator": op,
                "value": value_out,
                "unit": unit,
                "scope": _scope(metric),
                "deadline": deadline,
                "quote": text[qs:qe],
                "start": qs,
                "end": qe,
            }
        )
        prev_end = max(val_end, me)
    _pair_deadlines(text, folded, out, clauses, default_year, doc_date)
    return out


# "– Chỉ số CCHC: ≥ 88 điểm;", "– Số hồ sơ quá hạn: 0.", "– Số phản ánh quá hạn: không quá 01 trường hợp/năm"
_LABELLED_VALUE = re.compile(
    r"(?:[-+•*]\s*)?(?P<metric>[^:\n\d]{3,120}?)\s*:\s*"
    r"(?P<op>≥|>=|≤|<=|>|<|=|toi thieu|it nhat|khong duoi|khong thap hon|toi da|khong qua|khong vuot qua|tren|duoi)?"
    r"\s*(?P<val>\d{1,3}(?:\.\d{3})+|\d{1,6}(?:,\d{1,2})?)\s*(?P<unit>%|[^\W\d_][^;.:\n]{0,40})?\s*[;.]?\s*$"
)
_SYMBOL_OPS = {"≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", ">": ">", "<": "<", "=": "="}
_GOAL_TITLE = re.compile(r"\b(?:chi tieu|muc tieu)\b")


def _goal_context(text: str, blocks: list[Block], i: int) -> bool:
    """Whether the nearest title above block i (a line in capitals or a short heading) names goals or
    targets ("CHỈ TIÊU … GIAO CHO CÁC SỞ", "2. Mục tiêu cụ thể"); agency headings are passed over."""
    for b in reversed(blocks[max(0, i - 40) : i]):
        line = text[b.body_start : b.end].strip()
        fl = sfold(line)
        if _LABELLED_VALUE.fullmatch(fl) or (b.kind == "bullet" and not line.isupper()):
            continue
        if line.endswith(":") and looks_like_agency(line):
            continue  # "1. Sở Tài chính:" groups the values under it
        if (line.isupper() and len(line.split()) >= 2) or b.kind in ("roman", "num", "article"):
            return bool(_GOAL_TITLE.search(fl))
    return False


def _labelled_targets(text: str, folded: str, blocks: list[Block], targets: list[dict]) -> list[dict]:
    """Targets written as "label: value" lines under a title of targets (an appendix after the signature
    included): symbols ≥ ≤ > < and a bare value ("100%", "0") read as the commitment."""
    added = []
    for i, b in enumerate(blocks):
        if b.kind != "bullet" or "\n" in text[b.start : b.end]:
            continue
        m = _LABELLED_VALUE.fullmatch(folded, b.start, b.end)
        if not m or not _goal_context(text, blocks, i):
            continue
        op_raw = m.group("op")
        op = _SYMBOL_OPS.get(op_raw) or _OPS.get(op_raw or "", "=")
        inside = [t for t in targets if b.start <= t["start"] < b.end]
        if inside:
            if op_raw in _SYMBOL_OPS and len(inside) == 1 and inside[0]["value"] == _number(m.group("val")):
                inside[0]["operator"] = op  # "≤ 1,5%": the symbol is the commitment
            continue
        unit = squash(text[m.start("unit") : m.end("unit")]) if m.group("unit") else ""
        quote = text[m.start("metric") : m.end()].rstrip(" ;.")
        added.append(
            {
                "metric": squash(text[m.start("metric") : m.end("metric")]),
                "operator": op,
                "value": _number(m.group("val")),
                "unit": "%" if unit == "%" else _unit(unit) if unit else "",
                "scope": _scope(text[m.start("metric") : m.end("metric")]),
                "deadline": None,
                "quote": quote,
                "start": m.start("metric"),
                "end": m.start("metric") + len(quote),
            }
        )
    return sorted(targets + added, key=lambda t: t["start"])


_GOAL_INTRO = re.compile(r"(?:phan dau|muc tieu|chi tieu|den het|den nam|den cuoi|trong nam|den ngay)\b")


# "MỤC TIÊU ĐẾN HẾT NĂM 2027" dates its goals; "MỤC TIÊU NĂM 2027" only names the plan's year
_GOALS_DATED = re.compile(
    r"(?:cac |nhung )?(?:muc tieu|chi tieu)\b[^:;]{0,30}\b(?:den het|den cuoi|den|truoc)\s"
)


def _intro_deadlines(
    text: str, folded: str, blocks: list[Block], targets: list[dict], skip_ids: set[int]
) -> None:
    """A short line ending with ":" that dates the goals listed under it ("Phấn đấu đến hết năm 2025:") gives
    its date to the targets of the items that follow, up to the end of the heading that holds it; an item
    with its own date keeps it."""
    for i, b in enumerate(blocks):
        # "II. MỤC TIÊU ĐẾN HẾT NĂM 2027": a goals section titled with its date dates every target in it
        title = folded[b.body_start : b.end].strip()
        if (
            b.kind in ("roman", "num")
            and len(title.split()) <= 10
            and _GOALS_DATED.match(_heading_title(title))
        ):
            found = list(find_deadlines(text[b.body_start : b.end], folded[b.body_start : b.end], None))
            if len(found) == 1 and found[0][1] == "date":
                if b.kind == "roman":
                    nxt = next((c.start for c in blocks[i + 1 :] if c.kind == "roman"), len(text))
                else:
                    nxt = _subtree_end(b)
                for t in targets:
                    if b.end <= t["start"] < nxt and t["deadline"] is None and id(t) not in skip_ids:
                        t["deadline"] = found[0][0]
            continue
        # a numbered or lettered heading ("a) Đến hết năm 2027:") dates its own items only
        heading = b.kind in ("num", "letter", "bullet") and bool(b.children)
        if not (heading or (b.kind == "para" and b.parent is not None)) or b.zone == "stop":
            continue
        body = folded[b.body_start : b.end].rstrip()
        # "Năm 2026, toàn tỉnh có 18.412 kết quả … Đến hết năm 2027:": the last sentence introduces the list
        cut = body.rfind(". ") + 2 if body.endswith(":") and ". " in body else 0
        body = body[cut:]
        if not body.endswith(":") or len(body.split()) > 12 or not _GOAL_INTRO.search(body):
            continue
        bs = b.body_start + cut
        found = [d for d in find_deadlines(text[bs : b.end], body, None)]
        if len(found) != 1 or found[0][1] != "date":
            continue
        # "Đến ngày 31/12/2027:" over its own bullets dates them, not the lines after them
        end = _subtree_end(b if heading or b.children else b.parent)
        for t in targets:
            if b.end <= t["start"] < end and t["deadline"] is None and id(t) not in skip_ids:
                t["deadline"] = found[0][0]


_MILESTONE_BEFORE = re.compile(
    r"(?:^|[;:,(]\s*|\b(?:den(?: het)?|vao|trong|nam)\s+)nam\s+(\d{4})\s*,?\s*"
    r"(?:(?:dat|tu|toi thieu|it nhat|tren|la|phan dau)\s+)*$"
)
# "85/100 điểm trở lên vào cuối năm 2027": the maximum after a score is no other number
_MILESTONE_AFTER = re.compile(
    r"(?:\s*/\s*\d{1,3})?[^;,.\d\n]{0,60}?\b(?:vao|den het|den|trong)\s+(?:cuoi\s+)?nam\s+(\d{4})\b"
)
_YEARLY_RATE = re.compile(r"\b(?:hang|moi) nam\b")


def _milestones(text: str, folded: str, targets: list[dict], doc_date: str | None) -> set[int]:
    """Yearly milestones: "năm 2026 đạt 60%; năm 2028 đạt 70%", "tối thiểu 88% vào năm 2027" → the end of that
    year; a yearly rate ("hằng năm đạt từ 90%", "tăng ít nhất 10% mỗi năm") has no deadline. Returns the ids of
    the yearly rates."""
    yearly = set()
    for t in targets:
        s, e = t["start"], t["end"]
        raw = t.get("value")
        if raw is None:
            continue
        num = (f"{raw:g}" if isinstance(raw, float) else str(raw)).replace(".", ",")
        vm = re.search(r"(?<![\d,])0*" + re.escape(num) + r"(?![\d])", folded[s:e])
        if not vm:
            continue
        vs, ve = s + vm.start(), s + vm.end()
        line_s = folded.rfind("\n", 0, vs) + 1
        year = None
        bm = _MILESTONE_BEFORE.search(folded, max(line_s, vs - 60), vs)
        if bm:
            year = bm.group(1)
        else:
            am = _MILESTONE_AFTER.match(folded, ve, min(len(folded), ve + 90))
            if am and not _BRACKETED_TIME.match(folded, am.end()):
                year = am.group(
                    1
                )  # not "trong năm 2028 (vào tháng 6 và tháng 12/2028)": the months narrow it
        cl_s = max(folded.rfind(";", line_s, vs), folded.rfind(". ", line_s, vs), line_s)
        if not year:
            # "Riêng năm 2028, Chỉ số PAR INDEX tăng ít nhất 10 bậc …": a sentence opened by its year
            om = re.match(r"[;.]?\s*(rieng|trong|den het|den)?\s*nam\s+(\d{4})\s*,", folded[cl_s:vs])
            # "Năm 2020, phấn đấu …" in a plan of 2020: the year planned, not a milestone
            if om and (om.group(1) or not doc_date or om.group(2) != doc_date[:4]):
                year = om.group(2)
        if year and not is_past(f"{year}-12-31", doc_date):
            t["deadline"] = f"{year}-12-31"
            continue
        if _YEARLY_RATE.search(folded, cl_s, vs) or re.match(
            r"\s*%?\s*(?:hang|moi) nam\b", folded[ve : ve + 12]
        ):
            t["deadline"] = None
            yearly.add(id(t))
    return yearly


def _pair_deadlines(text, folded, out, clauses, default_year, doc_date) -> None:
    """Targets and deadlines in equal numbers in one clause go in pairs, in order: "tối thiểu 50% … đến hết
    quý III/2027 và 70% đến hết năm 2027"."""
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and clauses[j + 1][0] == clauses[i][0]:
            j += 1
        if j > i:
            cl_s, cl_e = clauses[i][0], clauses[i][1]
            found = [
                dl
                for dl, _k, _s, _e in find_deadlines(text[cl_s:cl_e], folded[cl_s:cl_e], default_year)
                if not is_past(dl, doc_date)
            ]
            if len(found) == j - i + 1:
                for k, dl in enumerate(found):
                    out[i + k]["deadline"] = dl
        i = j + 1


# ---------------------------------------------------------------- sections and tasks

# "yêu cầu khắc phục", "yêu cầu đối với từng đơn vị": demands on units (not "yêu cầu đối với tài liệu kiểm chứng",
# what a thing must be)
_REMEDY_DEMAND = (
    r"(?:khac phuc|doi voi (?:tung |cac |moi )?(?:don vi|co quan|dia phuong|xa|phuong|so|nganh|huyen))\b"
)
_TASK_SECTION = re.compile(
    r"nhiem vu|giai phap|to chuc thuc hien|phan cong|trach nhiem|^noi dung|noi dung (?:thuc hien|cong viec)|"
    r"cac nhiem vu|trien khai thuc hien|(?:cac |mot so )?noi dung khac\b|cam ket thuc hien"
    # "II. KẾT LUẬN VÀ YÊU CẦU ĐỐI VỚI TỪNG ĐƠN VỊ", "KIẾN NGHỊ KHẮC PHỤC": demands addressed to the units
    r"|(?:yeu cau|kien nghi|de nghi) " + _REMEDY_DEMAND
)
_NON_TASK_SECTION = re.compile(
    r"^(?:cac |nhung )?(?:muc dich|muc tieu|yeu cau(?! "
    + _REMEDY_DEMAND
    + r")|quan diem|kinh phi|tinh hinh|ket qua|thuc trang|danh gia|can cu|"
    r"chi tieu|pham vi|doi tuong|nguon|lich (?:kiem tra|giam sat|lam viec)"
    # what an inspection or a report covers, not work handed out
    r"|noi dung (?:kiem tra|giam sat|thanh tra|khao sat|danh gia|bao cao|dang ky|de nghi)"
    # the topics of a propaganda or training plan
    r"|noi dung (?:tuyen truyen|pho bien|truyen thong|dao tao|boi duong|tap huan)\b)"
)
# "I. CHỈ TIÊU VÀ NHIỆM VỤ THEO TỪNG LĨNH VỰC": goals and work side by side, the work is handed out in it
_GOALS_AND_WORK = re.compile(
    r"\s*(?:cac )?(?:chi tieu|muc tieu)(?:\s*,\s*|\s+va\s+)(?:cac\s+)?(?:nhiem vu|giai phap)\b"
)
_OPERATIVE_RE = re.compile(
    r"(?:nhu sau|sau day|duoi day|cac noi dung sau|cac nhiem vu (?:trong tam )?sau|y kien (?:chi dao )?nhu sau)\s*:\s*$|"
    r"(?:^|\s)(?:cam ket|quyet dinh)\s*[^\n]{0,200}:\s*$|"
    r"(?:yeu cau|de nghi|chi thi|giao|chi dao)\b[^\n:]{0,150}:\s*$|"
    r"(?:yeu cau|de nghi|chi thi|giao|chi dao|de ra|thuc hien|trien khai|ban hanh|ket luan|thong bao)[^\n]{0,400}"
    r"(?:sau|nhu sau|sau day|duoi day|cu the)\s*:\s*$|(?:yeu cau|de nghi|chi thi|giao)\s*:\s*$|"
    # "… yêu cầu X báo cáo khẩn các nội dung sau, gửi về … chậm nhất 16h30 ngày 19/8/2027 (thứ Năm):"
    r"(?:yeu cau|de nghi|giao|chi dao)\b[^\n]{0,400}\bnoi dung (?:sau|duoi day)\b[^\n:]{0,200}:\s*$"
)
# a request for a report whose contents are listed below it: the request is the task, the items are not
_REPORT_REQUEST_RE = re.compile(
    r"\b(?:yeu cau|de nghi|giao|chi dao)\s[^:\n]{0,200}?\bbao cao(?:\s+[^\s,.;:]+){0,4}?\s+(?:cac |nhung )?noi dung"
    r" (?:sau|duoi day)\b"
)
# "(Đã ký)\t(Đã ký)", "(Ký, ghi rõ họ tên)": the signature marks of a block written in columns
_SIGN_MARKS = r"\((?:da ky|ky(?: ten)?\s*,[^)\n]{0,40})\)[ \t]*(?:\t|$)"
_STOP_RE = re.compile(
    r"^(?:noi nhan|nguon\s*:|binh luan|moi tai|# of views|tm\.|kt\.|ky boi|xem them|tin lien quan|"
    r"chu tich\s*$|pho chu tich\s*$|" + _SIGN_MARKS + ")"
)
# "Sau khi được giao chỉ tiêu, " / "Hằng quý, ": a clause before the subject
_OPENING_CLAUSE = re.compile(r"^\s*(?:sau khi|khi|trong|hang|dinh ky|moi)\b[^,.;]{0,80},\s*")
_REPORT_LINE_RE = re.compile(r"^(?:dinh ky\b|hang quy\b|hang thang\b|hang nam\b)[^\n]{0,200}bao cao")


# a sentence that announces the items after it: "…, cụ thể:", "… như sau:"
_ANNOUNCES_LIST = re.compile(r"[,\s](?:cu the|nhu sau|sau day)\s*:\s*$")


def _is_report_item(text: str, b: Block, fb: str) -> bool:
    """A periodic-report obligation ("Định kỳ hằng quý … báo cáo …", "UBND các xã báo cáo … hằng quý",
    "Chế độ báo cáo: …") is a reporting rule, not a task."""
    if _dated_report_after(text, b.body_start, b.end):
        return False  # its sentences are read one by one: the periodic one stays a rule
    return _is_report_span(text, b.body_start, b.end, fb)


def _dated_report_after(text: str, start: int, end: int) -> bool:
    """ "X báo cáo … trước ngày 25 hằng tháng. Y tham mưu … báo cáo … kết quả 03 tháng … trước ngày 05/10/2025.":
    a later sentence whose own agency sends a one-off report by a dated day is a task."""
    for m in _SENTENCE_END.finditer(text, start, end):
        sent = text[m.end() : end]
        sent = sent[: _SENTENCE_END.search(sent).start()] if _SENTENCE_END.search(sent) else sent
        fs = sfold(sent)
        if (
            "bao cao" in fs
            and not recurrences(sent)
            and re.search(r"\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}", fs)
            and _subject(text, m.end(), m.end() + len(sent))
        ):
            return True
    return False


_OWN_WORK_CLAUSE = re.compile(r"\s*(?:dong thoi\s+)?(?:chu tri|to chuc|xay dung|trien khai)\b")


_COMPILES_FIGURES = re.compile(
    r"\s*(?:theo doi,?\s+)?tong hop\s+(?:ket qua|tien do|tinh hinh|so lieu|diem)\b[^;.]{0,120},\s*$"
)


# "Các phòng gửi kết quả thực hiện về Văn phòng Sở trước ngày 05 hằng tháng": sending the progress is reporting it
_REPORT_WORD = re.compile(r"bao cao|\bgui ket qua thuc hien\b")


def _is_report_span(text: str, start: int, end: int, fb: str) -> bool:
    body = fb.strip()
    if _REPORT_LINE_RE.match(body):
        return True
    if not _REPORT_WORD.search(body) or not recurrences(text[start:end]):
        return False
    rest = body
    subj = _subject(text, start, end)
    if subj:
        rest = sfold(text[subj[2] : end]).strip()
    else:
        colon = body.find(":")
        if 0 <= colon < 60 and looks_like_agency(text[start : start + colon]):
            rest = body[colon + 1 :].strip()
    first = re.split(r";\s", text[end - len(rest) : end], maxsplit=1)[0] if rest else ""
    if (
        ";" in rest
        and _REPORT_WORD.search(sfold(first))
        and not recurrences(first)
        and re.search(r"\d{1,2}/\d{1,2}/\d{4}", first)
    ):
        return (
            False  # "X báo cáo … trước ngày 03/11/2027 …; sau đó, … hằng quý": a one-off report first, a task
        )
    if any(_OWN_WORK_CLAUSE.match(c) and "bao cao" not in c for c in rest.split(";")[1:]):
        return (
            False  # "…, báo cáo … hằng tháng; chủ trì tổ chức sơ kết 06 tháng … trước ngày …": work besides
        )
    pre = _REPORT_WORD.split(rest)[0]
    # "tổng hợp, tham mưu Sở Tư pháp báo cáo … định kỳ 6 tháng": advising the superior to send the report is
    # compiling it, not other work
    pre = re.sub(r"\btham muu\s+[^,;.]{0,60}$", " ", pre)
    # "Giúp Chủ tịch UBND phường tổng hợp …, báo cáo … hằng tháng": helping the superior is compiling for them
    pre = re.sub(r"^giup\s+[^,;.]{0,60}?\s(?=tong hop\b|theo doi\b)", "", pre)
    if re.search(
        r"\b(?:chu tri|tham muu|xay dung|trien khai|to chuc|kiem tra|huong dan|ra soat|don doc)\b", pre
    ):
        return False
    if ";" not in rest.rstrip(" ;.") and _COMPILES_FIGURES.match(pre):
        return True  # "tổng hợp điểm / tiến độ tháo gỡ các dự án, báo cáo … hằng quý": compiling what the report holds
    if re.search(r"\b(?:theo doi|tong hop)\b", pre):
        # "theo dõi, tổng hợp kết quả thực hiện, báo cáo … hằng tháng": compiling the report itself;
        # "theo dõi, đôn đốc …" (urging others) stays a task
        # (of "các nội dung trên", "Kế hoạch này": the document itself)
        # ("X là cơ quan thường trực, theo dõi, tổng hợp, báo cáo … hằng tháng": the role names who compiles it)
        leftover = re.sub(
            r"\bla (?:co quan |don vi |bo phan )?(?:thuong truc|dau moi)\b"
            r"|\b(?:theo doi|tong hop|ket qua|tinh hinh|thuc hien|va|cac|noi dung|tren|nay|ke hoach|chi thi"
            r"|cong van|thong bao|quyet dinh|van ban|ket luan|quy trinh|quy che|de an)\b|[,;]"
            r"|\bvao\s*$",  # "tổng hợp kết quả … vào báo cáo … quý": folded into the periodic report
            " ",
            pre,
        )
        return not leftover.split()
    return bool(
        re.match(
            r"(?:che do bao cao\s*:?\s*)?(?:\S+\s+){0,8}?(?:thuc hien )?(?:che do )?(?:bao cao|gui ket qua)\b",
            rest,
        )
    )


_SERVANT_TITLE = re.compile(r"(?:cong chuc|can bo|vien chuc)\s+[^\W\d_][^,;.:()]{1,80}?\s-\s[^,;.:()]+$")


# a person named before the role that leads ("Đ/c Nguyễn Văn A, công chức Tư pháp - Hộ tịch:", "Ông B và bà C, …:")
_PERSON = r"(?:[Đđ]/[Cc]|[Đđ]ồng chí|[Ôô]ng|[Bb]à)\s+(?:[A-ZĐÀ-Ỹ][^\W\d_]*\s*){1,5}"
_NAMED_FIRST = re.compile(rf"\s*{_PERSON}(?:(?:,\s*|\s+và\s+){_PERSON})*,\s*(?=[^\W\d_])")


_ADDRESSED_ROLE = re.compile(
    r"(?:toan the\s+|tat ca\s+|cac\s+)?(?:van thu|cong chuc|vien chuc|can bo|nguoi lao dong|nhan vien|ke toan"
    r"|thu quy|doan vien|hoi vien|dang vien|giao vien|bac si|chuyen vien|nguoi dung dau|lanh dao"
    r"|ca nhan|nguoi (?:duoc|phu trach|truc tiep)|quan tri vien)\b"
)


def _topic_under_agency(text: str, b: Block, head: str) -> bool:
    """ "a) UBND các xã:" → "- Đối với công chức làm việc tại Trung tâm:" → "+ …": a heading opened by "Đối với"
    under an agency heading that names no other agency (its staff, a kind of post) narrows the topic; the items
    keep the agency above it."""
    if not re.match(r"\s*doi voi\s", sfold(text[b.body_start : b.end])):
        return False
    if looks_like_agency(head) and not _ADDRESSED_ROLE.match(sfold(head)):
        return False
    return _under_agency(b)


# "BÊN GIAO (Bên A): Ông Trần Văn B - Chủ tịch UBND tỉnh, …", "Bên B: UBND xã X": a party of a two-party commitment
_PARTY_LINE = re.compile(r"^[ \t]*((?:dai dien\s+)?ben\b[^:\n]{0,50}):[ \t]*(.+)$", re.M)
_PARTY_PERSON = re.compile(rf"\s*{_PERSON}\s*(?:[-–,]\s*)")
_PARTY_NAMED = re.compile(r"\bben ([a-d])\b")


def _parties(text: str, folded: str) -> dict[str, str]:
    """The role each party stands for ("a" → "Chủ tịch UBND tỉnh"): the party's line names a person, then the role
    that signs; only the first role counts ("…, Trưởng Ban Chỉ đạo …" is a second hat)."""
    out: dict[str, str] = {}
    for m in _PARTY_LINE.finditer(folded):
        named = _PARTY_NAMED.search(m.group(1))
        if not named:
            continue
        key, s = named.group(1), m.start(2)
        person = _PARTY_PERSON.match(text, s, m.end(2))
        if person:
            s = person.end()
        role = re.split(r"[,.;(]", text[s : m.end(2)], maxsplit=1)[0].strip()
        if role and looks_like_agency(role):
            out.setdefault(key, role)
    return out


def _party_heading(text: str, b: Block, parties: dict[str, str]) -> str | None:
    """ "Điều 2. Cam kết của Bên B", "1. Các nhiệm vụ Bên B cam kết thực hiện:": a heading naming one party leads
    the items under it with the party's role."""
    if not parties or not b.children:
        return None
    named = set(_PARTY_NAMED.findall(sfold(text[b.body_start : b.end])))
    if len(named) != 1:
        return None
    return parties.get(named.pop())


_ROLE_PAREN = re.compile(r"\s*\((?:la\s+)?(?:co quan|don vi|dau moi|thuong truc)\b[^():]*\)\s*$")


def _agency_heading(text: str, b: Block) -> tuple[str, tuple[int, int], int] | None:
    """If the block is an agency heading ("- Sở Nội vụ:", "2. Văn phòng HĐND và UBND thành phố",
    "a) Đối với các sở, ban, ngành:"), return (agency, span, body_start_after_heading)."""
    body = text[b.body_start : b.end]
    fb = sfold(body)
    cm = re.search(r":(?!\d)|(?<!\d):", body)
    colon = cm.start() if cm else -1
    # "1. Sở Nội vụ (cơ quan chủ trì)": the role in brackets is no part of the agency (blanked, offsets kept)
    pm = _ROLE_PAREN.search(fb, 0, colon if colon >= 0 else len(fb))
    if pm:
        body = body[: pm.start()] + " " * (pm.end() - pm.start()) + body[pm.end() :]
        fb = sfold(body)
    # "Nhiệm vụ chung của các sở, ngành": the common duties of the agencies named after it
    m = re.match(
        r"\s*(?:(?:trach nhiem|nhiem vu)(?: (?:chung|cu the|chinh|chu yeu|rieng))? (?:cua|doi voi)|doi voi|giao cho|giao)\s+",
        fb,
    )
    off = m.end() if m else 0
    named = _NAMED_FIRST.match(body)
    if named and colon > named.end():
        off = (
            named.end()
        )  # "- Đ/c Lục Thị Duyên, công chức Văn phòng - Thống kê:": led by the title, not the name
    role = re.search(r"\s[-–]\s+(?:co quan|don vi|dau moi|thuong truc|la co quan)\b", fb)
    if colon < 0 and role and role.start() > off:
        body = body[
            : role.start()
        ]  # "Sở Nội vụ - cơ quan đầu mối cải thiện Chỉ số PAPI": the role is no part of it
    if colon >= 0 and body[colon + 1 :].strip() and re.search(r"\bcu the\s*$", fb[:colon]):
        return None  # "UBND tỉnh giao các cơ quan xử lý 12 hồ sơ, cụ thể: Sở A 05 hồ sơ; …": a sentence, its list
    if colon >= 0:
        head = body[off:colon]
        rest = body[colon + 1 :].strip()
        # "UBND các huyện, thành phố có trách nhiệm:" — the agency ends where its verb starts
        cut = subject_end(head.strip()) if len(head.split()) > 2 else -1
        # "Thành viên là Trưởng Công an phường:": a role named by who holds it, not a verb
        if cut > 0 and not lower_vi(head.strip()[cut:]).startswith("là "):
            head = head[: len(head) - len(head.lstrip())] + head.strip()[:cut].rstrip(" ,")
    else:
        head = body[off:]
        rest = ""
    # "Công chức Tư pháp - Hộ tịch (đ/c …, đ/c …)": the officers named after a title are not part of it
    names = re.search(r"\s*\((?:đ/c|đc|đồng chí|ông|bà)\s[^()]*\)\s*$", head, flags=re.IGNORECASE)
    if names:
        head = head[: names.start()]
    # a civil-servant title ("Công chức Địa chính - Xây dựng - Đô thị và Môi trường") holds no verb
    title = _SERVANT_TITLE.match(sfold(head.strip())) is not None
    if title and colon >= 0:
        head = body[off:colon]
        head = head[: names.start()] if names and names.start() <= len(head) else head
    head_clean = head.strip()
    if not head_clean or len(head_clean.split()) > 30:
        return None
    # "Đối với Văn thư cơ quan:", "Đối với công chức, viên chức, người lao động:": work addressed to a role or a
    # group of people under an explicit addressee heading (a topic such as "Đối với vị trí việc làm …:" is not)
    addressed = (
        (
            m is not None
            and fb.lstrip().startswith("doi voi")
            or (b.children and len(head_clean.split()) <= 10)
        )
        and colon >= 0
        and not rest
        and _ADDRESSED_ROLE.match(sfold(head_clean)) is not None
    )
    if not addressed and not looks_like_agency(head_clean) and not (m and re.match(r"\s*cac\b", fb[off:])):
        return None
    if head_clean.endswith("."):
        return None
    # a heading has no verb: the whole head must be the subject phrase ("Các sở, ban, ngành có quầy tại Trung tâm"
    # over its items: "có …" only says which agencies)
    cut = subject_end(head_clean) if colon < 0 else -1
    if (
        cut >= 0
        and not title
        and not (b.children and lower_vi(head_clean[cut:]).startswith("có "))
        and not (b.children and _CHOSEN_GROUP.search(lower_vi(head_clean[:cut])))
    ):
        return None
    if colon < 0 and len(head_clean.split()) > 14:
        return None
    start = b.body_start + off + (len(head) - len(head.lstrip()))
    end = start + len(head_clean)
    rest_start = b.body_start + colon + 1 if colon >= 0 and rest else -1
    return head_clean, (start, end), rest_start


# "UBND các xã, phường được chọn khảo sát PAPI", "Các trường được lựa chọn thí điểm": a passive that says which
# members of the group, not the group's verb
_CHOSEN_GROUP = re.compile(r"\bcác\b[^:;.]*\sđược(?:\s+(?:lựa\s+)?chọn)?\s*$")


_HEADING_LEAD_PAREN = re.compile(r"\(([^()\n]{3,200})\)\s*:?\s*$")


def _paren_lead_heading(text: str, folded: str, b: Block) -> tuple[str, tuple[int, int]] | None:
    """ "1. Lĩnh vực vận tải (đơn vị chủ trì: Phòng Quản lý vận tải)", "2. Cải cách thể chế (Sở Tư pháp chủ trì)":
    a topic heading over items that names its lead in a closing parenthesis; the topic is no agency, the unit in
    the parenthesis leads the items under it."""
    if not b.children or b.kind not in ("num", "letter", "bullet", "para"):
        return None
    m = _HEADING_LEAD_PAREN.search(text, b.body_start, b.end)
    if not m or not re.search(r"\b(?:chu tri|thuc hien)\b", sfold(m.group(1))):
        return None
    if re.search(r"[.;]", text[b.body_start : m.start()]):
        return None  # a sentence, not a heading
    lead = _assigned_fields(text, folded, m.start(), m.end()).get("lead")
    if not lead:
        return None
    s = text.find(lead, m.start(1), m.end(1))
    return lead, (s, s + len(lead))


# "Sở A và Sở B (sau đây gọi là hai cơ quan)", "(sau đây gọi tắt là các bên)": a term the document defines
_DEFINED_TERM = re.compile(r"\(\s*(?:sau day\s+)?goi (?:tat |chung )?la\s+([^()\n]{2,40}?)\s*\)")


def _defined_terms(text: str, folded: str) -> dict[str, str]:
    """The agencies a defined term names ("hai cơ quan" → "Sở A và Sở B"): the agency phrase right before the
    bracket, from the start of its line or clause."""
    out: dict[str, str] = {}
    for m in _DEFINED_TERM.finditer(folded):
        s = max(folded.rfind(c, 0, m.start()) for c in ("\n", ". ", ";", ":")) + 1
        phrase = text[s : m.start()].strip(" ,")
        if not looks_like_agency(phrase) and ", " in phrase:
            phrase = phrase[phrase.rfind(", ") + 2 :]  # "Căn cứ …, Sở A và Sở B (sau đây gọi là …)"
        # "UBND tỉnh ban hành Kế hoạch … (sau đây gọi tắt là Kế hoạch)": a verb inside, the term names no agency
        if phrase and looks_like_agency(phrase) and subject_end(phrase) < 0 and len(phrase.split()) <= 30:
            out.setdefault(m.group(1).strip(), phrase)
    return out


def _defined_subject(text: str, start: int, end: int, terms: dict[str, str]) -> tuple[str, int, int] | None:
    """ "4. Hai cơ quan rà soát …": a sentence opened by a defined term is led by the agencies the term names."""
    fb = sfold(text[start:end])
    lead = re.match(r"\s*(?:[-+•*]\s*|\d+(?:\.\d+)*\.?\s+|[a-z]\)\s*)?", fb)
    at = lead.end() if lead else 0
    for term, name in terms.items():
        if fb.startswith(term + " ", at):
            return name, start + at, start + at + len(term)
    return None


_GIAO_RE = re.compile(
    r"^(?:(?:ubnd|uy ban nhan dan|chu tich ubnd|chu tich uy ban nhan dan|ben [a-d])[^,.;]{0,30}?\s(?=de nghi|yeu cau|giao))?"
    r"(?:(?:giao|de nghi|moi|phan cong|yeu cau)(?:\s*:)?|rieng(?: doi voi)?|doi voi (?:[^,\"]|\"[^\"]*\"){3,200},)\s*(?:cac dong chi\s+|dong chi\s+)?"
)


# "Thanh tra trách nhiệm thực thi công vụ …" under "Thanh tra tỉnh": the verb, not the inspectorate
_VERB_AS_HEAD = re.compile(
    r"(?:Thanh tra|Kiểm tra|Giám sát)\s+(?!tỉnh\b|thành phố\b|huyện\b|Sở\b|Bộ\b|Chính phủ\b|[A-ZĐ])"
)
_NAMED_ROLE = re.compile(r"(?:[A-ZĐÀ-Ỹ][^\W\d_]*\s+){1,4}[A-ZĐÀ-Ỹ][^\W\d_]*\s*(?:[-–,]\s*)")
_LABEL_HEAD = re.compile(r"\s*(?:tieu chi|linh vuc|chi so|chi tieu|noi dung|van de|ket luan|kien nghi|muc)\b")


def _labelled_subject(text: str, start: int, end: int, fb: str) -> re.Match | None:
    """A label naming what the item is about ("Tiêu chí 1.3 \"…\" (đạt 1,5/2 điểm):", "Lĩnh vực 2:") before the
    sentence that hands out the work: the agency after the colon leads. Returns a match over the label."""
    if not _LABEL_HEAD.match(fb):
        return None
    masked = _QUOTED.sub(lambda m: "x" * len(m.group()), fb)
    masked = re.sub(r"\([^()]*\)", lambda m: "x" * len(m.group()), masked)
    colon = masked.find(":")
    if colon < 0 or colon > 240:
        return None
    m = re.compile(r"[^:]*:\s*").match(masked)
    s = start + m.end()
    e = subject_end(text[:end], s)
    if not looks_like_agency(text[s : min(end, s + 60)]) or e <= s:
        return None
    return m


_ADDRESSEE_LABEL = re.compile(r"\s*(?:rieng\s+)?doi voi\s[^:;.\n]{3,120}:\s*")


def _addressee_then_subject(text: str, start: int, end: int, fb: str) -> re.Match | None:
    """ "Đối với 09 xã có điểm dưới 75: Chủ tịch UBND các xã này chỉ đạo …": the group addressed is named first,
    the agency after the colon is the subject. Returns a match over the label."""
    m = _ADDRESSEE_LABEL.match(fb)
    if not m or not looks_like_agency(text[start + m.end() : min(end, start + m.end() + 60)]):
        return None
    return m


# a label that hands out work itself ("Giao:", "Đề nghị:") or names a time or a field line is no topic label
_NOT_A_LABEL = re.compile(
    r"\s*(?:giao|de nghi|yeu cau|chi dao|phan cong|cu the|gom|trong do|thoi gian|thoi han|chu tri|phoi hop)\b"
)


def _short_label_subject(text: str, start: int, end: int, fb: str) -> re.Match | None:
    """ "Nhiệm vụ: Văn phòng … rà soát …", "Trên báo chí: Báo … duy trì chuyên mục …": a short label (a kind of
    line, a form of work, a place) before the sentence; the agency after the colon leads. Returns a match over
    the label."""
    m = re.compile(r"([^\W\d_][^:;,.()\d\n]{0,60}?)\s*:\s*").match(fb)
    if not m or len(m.group(1).split()) > 8 or _NOT_A_LABEL.match(fb):
        return None
    if looks_like_agency(text[start : start + m.end(1)]):
        return None  # "Sở Nội vụ: …" is an agency heading
    s = start + m.end()
    if not text[s : s + 1].isupper() or not looks_like_agency(text[s : min(end, s + 60)]):
        return None
    e = subject_end(text[:end], s)
    return m if e > s else None


# "1. Công ty A kiến nghị …: giao Sở B thẩm định …", "5. Kiến nghị …: Chủ tịch UBND tỉnh ghi nhận; giao Sở C …": a
# petition or a topic as the label, the work handed out after the colon (an acknowledgement before it hands nothing)
_HANDED_AFTER_LABEL = re.compile(
    r"[^:;\n]{3,240}?:\s*(?:[^:;.\n]{3,60}?\s(?:ghi nhan|tiep thu)\b[^:;.\n]{0,60};\s*)?(?=(?:giao|yeu cau|de nghi)\s)"
)


def _subject(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The agency that opens a sentence ("Sở Nội vụ chủ trì …", "Giao Phòng Y tế thực hiện …",
    "Đối với nội dung X, UBND cấp xã tổ chức …")."""
    fb = sfold(text[start:end])
    num = re.match(r"\s*\(\d{1,2}\)\s*", fb)  # "(2) Riêng UBND xã A: …": an item number in parentheses
    if num:
        start += num.end()
        fb = fb[num.end() :]
    topic = (
        re.match(r"\s*ve\s[^:\n]{2,80}:\s*", fb)
        or _HANDED_AFTER_LABEL.match(fb)
        or _labelled_subject(text, start, end, fb)
        or _addressee_then_subject(text, start, end, fb)
        or _short_label_subject(text, start, end, fb)
    )
    if topic:
        start += topic.end()
        fb = fb[topic.end() :]
    m = _GIAO_RE.match(fb)
    s = start + (m.end() if m else 0)
    while s < end and text[s] in " ,":
        s += 1
    person = (
        _NAMED_ROLE.match(text, s, end)
        if m and re.search(r"(?:dong chi|d/c|ong|ba)\s+$", fb[: m.end()])
        else None
    )
    if person and looks_like_agency(text[person.end() : min(end, person.end() + 60)]):
        # "Giao đồng chí Lê Thị B - Phó Chủ tịch UBND phường trực tiếp chỉ đạo …": the person in the role leads
        e = subject_end(text[:end], person.end())
        if e > person.end():
            return text[s:e].rstrip(" ,;:"), s, s + len(text[s:e].rstrip(" ,;:"))
    ban = _BANNED_STAFF.match(sfold(text[s : min(end, s + 160)]))
    if ban:
        # "Nghiêm cấm cán bộ, công chức …:": a ban binds the staff it names
        return text[s + ban.start(1) : s + ban.end(1)], s + ban.start(1), s + ban.end(1)
    staff = _STAFF_SUBJECT.match(sfold(text[s : min(end, s + 160)]))
    if staff:
        # "Cán bộ, công chức, viên chức tuyệt đối không …": a duty or a ban addressed to the staff as a group
        return text[s : s + staff.end(1)], s, s + staff.end(1)
    if not looks_like_agency(text[s : min(end, s + 60)]):
        # "Đối với CBCC tại Bộ phận Một cửa … phải …": the addressee after "Đối với"
        dm = re.match(r"doi voi\s+(?=cbcc|cbccvc|can bo|cong chuc|vien chuc|nguoi dung dau|lanh dao)", fb)
        if not dm:
            return _subject_after_opener(text, start, end, fb)
        s = start + dm.end()
    e = subject_end(text[:end], s)
    if e < 0 or e - s > 160:
        return None
    name = text[s:e].rstrip(" ,;:")
    if name.count("(") > name.count(")"):
        # "Sở Tài chính (cơ quan đầu mối cải thiện Chỉ số PCI) tổ chức …": the verb inside the role cut the bracket
        name = name[: name.rfind("(")].rstrip(" ,;:")
    if len(name.split()) < 1:
        return None
    return name, s, s + len(name)


_STAFF = r"(?:can bo|cong chuc|vien chuc|nguoi lao dong|cbccvc|cbcc)"
_STAFF_SUBJECT = re.compile(
    rf"((?:toan the |tat ca |cac )?{_STAFF}(?:,?\s+(?:va\s+)?{_STAFF})*(?:\s+[^\W\d_]+){{0,6}}?)"
    r"\s+(?=tuyet doi khong\b|khong duoc\b|phai\b|thuc hien nghiem\b|nghiem tuc\b|chap hanh nghiem\b"
    r"|co trach nhiem\b|can\b|tich cuc\b|chu dong\b)"
)

_BANNED_STAFF = re.compile(
    rf"(?:nghiem cam|cam)\s+((?:toan the |tat ca |cac )?{_STAFF}(?:,?\s+(?:va\s+)?{_STAFF})*)\b"
)
_BAN_INTRO = re.compile(r"(?:nghiem cam|cam)\s")

_STAFF_ASSIGNED = re.compile(rf"\s*(?:phan cong|cu|bo tri)\s+(?:\d{{1,2}}\s+)?{_STAFF}\b")


# accent-checked: "Để …" opens a purpose, "Đề xuất …" does not; "Qua …" a means, "Quá …" does not
_OPENER_RE = re.compile(
    r"\s*(?:về|đối với|trong|để|sau khi|sau|trước khi|khi|trường hợp|nhằm|tại|qua|ngày|từ|trước|chậm nhất|đến hết"
    r"|định kỳ|(?:hằng|hàng)(?= (?:tuần|tháng|quý|năm)))\s"  # "Định kỳ hằng quý, Chủ tịch UBND tỉnh gặp mặt …"
)


def _subject_after_opener(text: str, start: int, end: int, fb: str) -> tuple[str, int, int] | None:
    """The agency after an opening phrase with commas of its own: "Về tiếp nhận, xử lý phản ánh, kiến nghị,
    Thanh tra tỉnh …", "Trong thời gian chờ khắc phục, các cơ quan, đơn vị … tiếp tục …", "Để …, UBND tỉnh
    yêu cầu X …"."""
    if not _OPENER_RE.match(lower_vi(text[start : start + 20])):
        return None
    stop = re.search(r"[;:]|\.\s", fb)
    for cm in re.finditer(r",\s+", fb[: min(160, stop.start() if stop else 160)]):
        s = start + cm.end()
        giao = _GIAO_RE.match(fb[cm.end() :])
        # a named agency ("Thanh tra tỉnh", "UBND …") or "các cơ quan, …": not "… vai trò thanh tra"
        named = text[s : s + 1].isupper() or fb.startswith("cac ", cm.end())
        if (named and looks_like_agency(text[s : min(end, s + 60)])) or (giao and giao.end() > 0):
            if _OPENER_RE.match(lower_vi(text[s : s + 20])):
                return None
            # "…, Sở Tư pháp đề nghị các cơ quan, đơn vị góp ý …": the agency asked
            vm = re.match(r"([^,.;]{2,60}?)\s(?:de nghi|yeu cau|giao)\s+", fb[cm.end() :])
            if vm and looks_like_agency(text[s : s + len(vm.group(1))]):
                asked = _subject(text, s + vm.end(), end)
                if asked:
                    return asked
            return _subject(text, s, end)
    return None


_CHUTRI_RE = re.compile(r"chu tri[,]?\s*(?:va\s+)?phoi hop\s*(?:chat che\s*)?(?:voi\s+)?")


def _partners(text: str, start: int, end: int) -> list[str]:
    folded = sfold(text[start:end])
    m = _CHUTRI_RE.search(folded) or re.search(r"\bphoi hop\s*(?:chat che\s*)?(?:voi\s+)?", folded)
    if not m:
        return []
    ps = start + m.end()
    pe = subject_end(text[:end], ps)
    if pe < 0:
        pe = min(end, ps + 150)
    phrase = text[ps:pe]
    # up to the first clause stop
    phrase = re.split(r"[:.(]|;(?!\s*(?:UBND|Ủy ban|Uỷ ban|Sở|Phòng|Ban|các|Văn phòng|Công an))", phrase)[0]
    names = [normalise_agency(p) for p in split_agencies(phrase)]
    return [n for n in names if n and looks_like_agency(n)]


_FIELD_LINE = re.compile(
    r"\s*(?:(?:co quan|don vi|bo phan)\s+)?(?:chu tri|thuc hien|phoi hop)\s*:|\s*thoi (?:gian|han)(?: thuc hien| hoan thanh)?\s*:"
    r"|\s*tien do\s*:|\s*san pham\s*:"
    r"|\s*phan cong\s*:"  # "Phân công: Phòng A chủ trì; Phòng B phối hợp." after the item it assigns
)
_UNIT_WORD = r"(?:(?:co quan|don vi|bo phan)\s+)?"
_LEAD_LABEL = _UNIT_WORD + r"(?:chu tri|thuc hien|phan cong|phu trach)"
_LEAD_FIELD = re.compile(_LEAD_LABEL + r"\s*:\s*")
_PARTNER_FIELD = re.compile(_UNIT_WORD + r"phoi hop\s*:\s*")
_PAREN_LEAD = re.compile(r"\(\s*(?:giao\s+)?")


def _assigned_fields(text: str, folded: str, start: int, end: int) -> dict:
    """Explicit assignments inside an item: "Cơ quan chủ trì: Sở Nội vụ; cơ quan phối hợp: …",
    "(Sở Nội vụ chủ trì, thực hiện trong quý III/2025)"."""
    out: dict = {}
    seg = folded[start:end]
    # "Thời gian thực hiện: …" is no lead field
    m = next(
        (x for x in _LEAD_FIELD.finditer(seg) if not re.search(r"thoi (?:gian|han)\s*$", seg[: x.start()])),
        None,
    )
    if m:
        vs = start + m.end()
        ve = vs + (re.search(r"[;.\n)]|$", folded[vs:end]).start())
        value = text[vs:ve].strip(" ,")
        # "Phòng A chủ trì, phối hợp với Phòng B", "Phòng A (chủ trì)": the lead is Phòng A
        cut = re.search(r"\s*\(\s*chủ trì|\s+chủ trì\b|,\s*phối hợp\b", value)
        if cut and cut.start() > 0:
            value = value[: cut.start()].strip(" ,")
        if looks_like_agency(value):
            out["lead"] = value
    m = _PARTNER_FIELD.search(seg)
    if m:
        vs = start + m.end()
        ve = vs + (re.search(r"[;.\n)]|$", folded[vs:end]).start())
        names = [normalise_agency(p) for p in split_agencies(text[vs:ve])]
        out["partners"] = [n for n in names if n]
    if "lead" not in out:
        for pm in _PAREN_LEAD.finditer(seg):
            inner_s = start + pm.end()
            close = folded.find(")", inner_s, end)
            if close < 0:
                continue
            cm = re.search(r"\s+\(?(?:chu tri|thuc hien)\b", folded[inner_s:close])
            if cm and looks_like_agency(text[inner_s : inner_s + cm.start()]):
                out["lead"] = text[inner_s : inner_s + cm.start()].strip(" ,")
                break
    if "lead" not in out:
        # 'Nhiệm vụ "…" (mục 2.3), do Sở Nông nghiệp và Môi trường chủ trì: …': the agency that leads, named by "do"
        # "…; việc rà soát do Sở Tư pháp chủ trì thực hiện": the work named again, then who leads it
        dm = re.search(r"(?:^|[,(;]\s*)(?:viec\s[^,.;:()]{1,60}?\s)?do\s+([^.;:()]{3,160}?)\s+chu tri\b", seg)
        if dm and looks_like_agency(text[start + dm.start(1) : start + dm.end(1)]):
            out["lead"] = text[start + dm.start(1) : start + dm.end(1)].strip(" ,")
    if "lead" not in out:
        out["lead"] = _label_then_lead(text, folded, start, end)
        if out["lead"] is None:
            del out["lead"]
    if "lead" not in out:
        # "… trước ngày 20/12 (Sở Nội vụ).", "(Sở A, Sở B)", "(Sở A; thời gian: quý IV/2027)": the agency closing
        # the item leads it (the first one when several are named)
        m = _CLOSING_PAREN.search(text, start, end)
        if m:
            parts = split_agencies(m.group(1).split(";")[0].strip(" ,"))
            if parts and all(looks_like_agency(p) for p in parts):
                out["lead"] = parts[0]
    return out


# 'Nội dung "Quản trị điện tử": Sở A chủ trì; Sở B phối hợp.': a label, then the agency that leads it
_LABEL_LEAD = re.compile(r":\s*([^:;.()\n]{3,120}?)\s+chu tri\s*(?:[;,.]|$)")


def _label_then_lead(text: str, folded: str, start: int, end: int) -> str | None:
    """The agency written after an item's label and before a bare "chủ trì" (no object: the label is the work)."""
    m = _LABEL_LEAD.search(folded, start, end)
    if m and looks_like_agency(text[m.start(1) : m.end(1)]):
        return text[m.start(1) : m.end(1)].strip(" ,")
    return None


_CLOSING_PAREN = re.compile(r"\(([^()\n]{3,160})\)\s*[.;]?\s*$")


def _tokens(name: str | None) -> set[str]:
    key = sfold(normalise_agency(name or ""))
    return set(re.sub(r"[^\w\s]", " ", key).split()) - {"cac", "va"}


def _same_lead(a: str | None, b: str | None) -> bool:
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return ta == tb
    return len(ta & tb) / len(ta | tb) >= 0.7


# "Sở B phối hợp.", "UBND các xã hướng dẫn;": an agency with a partner's verb and no object of its own
_PARTNER_CLAUSE = re.compile(
    r"\s*(?:cung\s+)?(?:phoi hop|huong dan|tham gia|ho tro)(?:\s+thuc hien)?\s*(?:[.;]|$)"
)


def _split_by_subject(
    text: str, folded: str, start: int, end: int, lead: str | None
) -> list[tuple[int, int, str | None]]:
    """Cut [start, end) before each sentence whose subject is another agency ("… . Sở Tài chính hướng dẫn …",
    "… . Giao Sở Nội vụ chủ trì …"). Returns (start, end, lead of the piece)."""
    pieces: list[tuple[int, int, str | None]] = []
    cur_s, cur_lead = start, lead
    for m in _SENTENCE_OR_ADDRESSEE.finditer(text, start, end):
        ss = m.end()
        if _FIELD_LINE.match(folded, ss):
            continue  # "Cơ quan chủ trì: …" is a field of this task
        if text.count("(", start, m.start()) > text.count(")", start, m.start()):
            continue  # "(Giám đốc Sở chủ trì; Phòng A tham mưu)": the parenthesis names who does the item
        am = _ADDRESSEE.match(folded, ss, end)
        if am:
            # "…; đối với UBND phường B: tiếp tục …": the work of another agency named inline
            name = text[am.start(1) : am.end(1)]
            if not looks_like_agency(name) or _same_lead(name, cur_lead):
                continue
            pieces.append((cur_s, ss, cur_lead))
            cur_s, cur_lead = ss, name
            continue
        also = _ALSO.match(folded, ss) if text[m.start()] in ",;" else None
        if also and _dated_second_assignment(text, folded, also.end(), end):
            pieces.append((cur_s, m.start() + 1, cur_lead))
            cur_s = ss
            continue
        subj = _subject(text, also.end() if also else ss, end)
        if subj is None and text[m.start()] in ".!?":
            # "Các ý kiến chưa được trả lời, giao các sở … trả lời …": the object put first, then who is given it
            fm = _FRONTED_GIAO.match(folded, ss, end)
            subj = _subject(text, fm.end(), end) if fm else None
        if not subj or len(subj[0].split()) < 2:
            continue
        if (
            text[m.start()] == ";"
            and not also
            and not _clause_of_its_own(text, cur_s, m.start(), subj[2], end)
        ):
            continue
        if _PARTNER_CLAUSE.match(folded, subj[2], end):
            continue  # "…: Sở A chủ trì; Sở B phối hợp.": the partner of this item, no work of its own
        new_lead = subj[0]
        if (
            _same_lead(new_lead, cur_lead)
            and not (
                # "Sở A xây dựng …, trình … trước ngày 30/6/2026. Sở A tổ chức khảo sát …": the agency named again after
                # a sentence of work closed by its own time limit starts a second task
                text[m.start()] == "."
                and subj[1] == ss
                and new_lead == cur_lead
                # ("Sở A đồng thời bố trí …" goes on with the same work)
                and not re.match(r"\s*(?:dong thoi|cung|con|tiep tuc)\b", folded[subj[2] : end])
                and any(True for _ in find_deadlines(text[cur_s : m.start()], folded[cur_s : m.start()]))
            )
        ):
            continue
        pieces.append((cur_s, m.start() + (0 if also else 1), cur_lead))
        cur_s, cur_lead = ss, new_lead
    pieces.append((cur_s, end, cur_lead))
    return pieces


# "Sở Nội vụ chủ trì … . Trong tháng 10 và tháng 11/2027, kiểm tra toàn bộ …": a sentence with no subject of its
# own, opened by its time, is a second task of the same subject (a goal sentence after it stays a goal)
_DATED_OPENER = re.compile(
    r"\.\s+(?=(?:trong (?:thang|quy|nam)|truoc ngay|cham nhat(?: la)?(?: ngay)?|den het(?: ngay| thang| quy)?)"
    r" [\divx][^,.;]{0,30},\s*)"
)


def _dated_sentences(text: str, folded: str, pieces: list) -> list:
    """Cut each piece before a subject-less sentence opened by its own time (see _DATED_OPENER)."""
    out = []
    for ps, pe, pl in pieces:
        cut = ps
        for m in _DATED_OPENER.finditer(folded, ps, pe):
            rest = folded[folded.index(",", m.end()) + 1 : pe].lstrip()
            if not re.match(r"[a-zđ]", text[pe - len(rest) : pe]) or re.match(r"phan dau\b", rest):
                continue
            if _METRIC_START.match(rest) or re.match(r"[^,.;]{0,60}\b(?:dat|tro len)\b", rest):
                continue
            out.append((cut, m.start() + 1, pl))
            cut = m.end()
        out.append((cut, pe, pl))
    return out


_QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”")
_ONLY_FOR = re.compile(r"\s*(?:rieng|doi voi|ngoai ra)\b[^;]*?\bdo\s+")


def _trailing_leads(text: str, start: int, end: int) -> list[tuple[int, int, str]] | None:
    """A share-out line that names its lead AFTER the work ("– Lĩnh vực 6 \"…\": Sở Tài chính;",
    "- Rà soát quy trình nội bộ: Văn phòng Sở."), with maybe an exception led by another agency ("; riêng tiêu chí
    3.4 do Trung tâm … chuẩn bị"). Returns (start, end, lead) per piece, or None."""
    body = text[start:end]
    masked = _QUOTED.sub(lambda m: "x" * len(m.group()), body)
    colon = masked.find(":")
    if colon < 3 or looks_like_agency(body[:colon].lstrip(" -–+•*")):
        return None  # "Sở Nội vụ: …" is a heading, not a trailing lead
    if re.search(
        r"\b(?:tai|cho|ve|den|voi|gom|cua|o|tu|gui|la|sau|nhu sau|bao gom)\s*$", sfold(body[:colon])
    ):
        return (
            None  # "Công khai thủ tục tại: Trung tâm …": what follows the colon is the object, not the lead
        )
    after = body[colon + 1 :]
    parts = after.split(";")
    first = parts[0].strip().rstrip(" .")
    if not first or len(first.split()) > 14 or not looks_like_agency(first):
        return None
    if re.search(r"\s(?:ghi nhan|tiep thu)$", sfold(first)):
        return None  # "…: Chủ tịch UBND tỉnh ghi nhận; giao Sở A …": an acknowledgement, the work follows it
    cut = subject_end(first)
    if 0 <= cut < len(first) and first[cut:].strip():
        return None  # "…: Sở Nội vụ chủ trì, …" — a sentence, its subject read as usual
    if re.search(r"\d", first):
        return None
    s0 = start + colon + 1 + (len(parts[0]) - len(parts[0].lstrip()))
    pieces = [(start, s0 + len(first), first)]
    at = start + colon + 1 + len(parts[0]) + 1
    for part in parts[1:]:
        fp = sfold(part)
        m = _ONLY_FOR.match(fp)
        if m:
            ls = at + m.end()
            e = subject_end(text[: at + len(part)], ls)
            if e > ls and looks_like_agency(text[ls:e]):
                lead = text[ls:e].strip(" ,")
                ps = at + (len(part) - len(part.lstrip()))
                pieces.append((ps, at + len(part.rstrip(" .")), lead))
        at += len(part) + 1
    return pieces


def _share_out(text: str, start: int, end: int) -> list[tuple[int, int, str]] | None:
    """A share-out after a colon: "…: Sở Tài chính 06 PAKN; Sở Xây dựng 04 PAKN; UBND phường A 10 PAKN." — each
    agency named with its share. Returns (start, end, agency) per share, or None."""
    body = text[start:end]
    masked = _QUOTED.sub(lambda m: "x" * len(m.group()), body)
    colon = masked.find(":")
    # "… xử lý dứt điểm 12 PAKN (Sở A 05 PAKN; Sở B 04 PAKN; …) trước ngày …": the list in brackets
    paren = re.search(r"\(([^()]*;[^()]*)\)", masked)
    if paren and (colon < 0 or paren.start() < colon):
        at, end = start + paren.start(1), start + paren.end(1)
    elif colon >= 0:
        at = start + colon + 1
        # the list ends with its sentence ("…; UBND xã B 02 PAKN. Thời hạn …": what follows is said of all)
        stop = _SENTENCE_END.search(text, at, end)
        if stop:
            end = stop.start() + 1
    else:
        return None
    got = _shares(text, at, end, ";")
    if got is None and ";" not in text[at:end].split(",", 1)[0]:
        # "Sở Y tế 05 hồ sơ, Sở Công Thương 04 hồ sơ, UBND xã A 03 hồ sơ; hoàn thành …": shares parted by commas
        semi = text.find(";", at, end)
        got = _shares(text, at, semi if semi >= 0 else end, ",")
    return got


def _shares(text: str, at: int, end: int, sep: str) -> list[tuple[int, int, str]] | None:
    parts = []
    for part in text[at:end].split(sep):
        # "UBND phường A 02 PAKN và UBND xã B 02 PAKN về …": two shares joined by "và"
        joined = _AND_SHARE.search(part)
        if joined and looks_like_agency(part[joined.end() :]):
            parts += [(at, part[: joined.end(1)]), (at + joined.end(), part[joined.end() :])]
        else:
            parts.append((at, part))
        at += len(part) + 1
    out = []
    for pat, part in parts:
        ps = pat + len(part) - len(part.lstrip())
        m = re.search(r"\s*:?\s(\d+(?:[.,]\d+)?)\s+\S", part)
        name = text[ps : pat + m.start()].strip(" ,:") if m else ""
        if not name or not looks_like_agency(name) or 0 <= subject_end(name) < len(name) - 1:
            return None
        out.append((ps, ps + len(part.strip().rstrip(".")), name))
    return out if len(out) >= 2 else None


_SENTENCE_END = re.compile(r"\.\s+(?=[A-ZĐÀ-Ỹ])")
_AND_SHARE = re.compile(r"(?<=\d)((?:\s+[^\W\d_]+){1,3})\s+và\s+")
# the sentence after a share-out that gives everyone's time limit ("Thời hạn hoàn thành trước ngày …")
_SHARED_LIMIT = re.compile(r"\s*(?:thoi han|han chot|cham nhat|hoan thanh)\b")


_SENTENCE_OR_ADDRESSEE = re.compile(
    r"[.!?]\s+(?=[A-ZĐÀ-Ỹ])|;\s+(?=(?:[Rr]iêng\s+)?[Đđ]ối với\s)"
    # "…, đồng thời giao Sở B …": a second assignment to another agency inside the sentence
    r"|[,;]\s+(?=đồng thời,?\s+(?:giao|đề nghị|yêu cầu)\s)"
    # "…; đồng thời tham mưu …, trình trước ngày …": the same agency's second assignment (kept when it has a date)
    r"|;\s+(?=đồng thời,?\s+[a-zđà-ỹ])"
    # "…; Phòng Văn hóa - Xã hội phối hợp … hướng dẫn …": a clause with another agency named as its subject
    r"|;\s+(?=(?:Phòng|Sở|Văn phòng|Ủy ban|UBND|Ban|Trung tâm|Công an|Thanh tra|Chủ tịch|Trưởng)\s)"
    # "…; Phó Chủ tịch UBND tỉnh Trần B trực tiếp chỉ đạo …": a leader's clause of its own
    r"|;\s+(?=(?:Phó Chủ tịch|Giám đốc|Phó Giám đốc|Thủ trưởng|Chánh Văn phòng)\s)"
)
_ALSO = re.compile(r"dong thoi,?\s+")


def _dated_second_assignment(text: str, folded: str, at: int, end: int) -> bool:
    """ "…; đồng thời gửi báo cáo giải trình … trước ngày 12/9/2027": a second assignment of the same agency with a
    time limit of its own is tracked as a task of its own; without one it goes on the same task."""
    if _subject(text, at, end):
        return False  # "đồng thời giao Sở B …": another agency, cut as such
    stop = re.compile(r";|\.\s").search(folded, at, end)
    clause_end = stop.start() if stop else end
    return next(find_deadlines(text[at:clause_end], folded[at:clause_end]), None) is not None


def _clause_of_its_own(text: str, prev_start: int, semi: int, subj_end: int, end: int) -> bool:
    """ "…; Phòng B phối hợp …" starts a clause of its own only when a verb follows the agency and the clause
    before it does not end with a list of agencies ("phối hợp với các cơ quan, đơn vị; UBND các phường …")."""
    if not re.match(r"\s+[a-zđà-ỹ]", text[subj_end : min(end, subj_end + 3)]):
        return False
    last = re.split(r"[,;:]\s*", text[prev_start:semi])[-1]
    return not (looks_like_agency(last + " ") and subject_end(last) < 0)


_FRONTED_GIAO = re.compile(r"[^.;:,]{3,120},\s+(?=giao\s)")
_ADDRESSEE = re.compile(r"(?:rieng\s+)?doi voi\s+([^:;,.]{3,80}?)\s*:")
_DUE_BEFORE = re.compile(
    r"(?:cham nhat(?: la)?|truoc|vao(?=\s+ngay\s))\s*(?:ngay\s+)?\d{1,2}(?:\s*(?:/|\s+thang\s+)\s*\d{1,2})?\s*,?\s*$"
)
_DUE_AFTER = re.compile(
    r"\s*,?\s*\(?\s*(?:cham nhat(?: la)?|truoc)\s*(?:ngay\s+)?\d{1,2}(?:\s*/\s*\d{1,2})?[^,;.)]{0,40}\)?"
)


def _recurring_deadline(text: str, folded: str, start: int, end: int) -> str | None:
    """A task's recurring deadline ("trước 15/12 hằng năm", "hằng quý, chậm nhất ngày 10 của tháng cuối quý",
    "định kỳ hằng tháng"); a recurrence that belongs to a report ("… báo cáo …") is a reporting rule instead."""
    for r in recurrences(text[start:end]):
        rs, rend = start + r["start"], start + r["end"]
        before = _DUE_BEFORE.search(folded, max(start, rs - 40), rs)
        after = _DUE_AFTER.match(folded, rend)
        periodic = re.search(r"dinh ky\s*$", folded[max(start, rs - 12) : rs])
        if not (before or after or periodic):
            continue
        clause_s = max(folded.rfind(";", start, rs), folded.rfind(". ", start, rs), start)
        clause_e = min(
            [i for i in (folded.find(";", rend, end), folded.find(". ", rend, end)) if i >= 0] or [end]
        )
        if "bao cao" in folded[clause_s:clause_e]:
            continue
        s = before.start() if before else (rs - 8 if periodic else rs)
        e = after.end() if after else rend
        return squash(text[s:e].replace("(", " ").replace(")", " ")).strip(" ,")
    return None


def _summary(text: str, start: int, end: int) -> str:
    body = squash(text[start:end])
    body = re.sub(r"^(?:[-+•*]+|\d+(?:\.\d+)*\.?|[a-zđ]\))\s*", "", body)
    first = re.split(r"(?<=[.;])\s+(?=[A-ZĐÀ-Ỹ])|;\s", body, maxsplit=1)[0]
    if len(first) > 220:
        cut = first[:220]
        first = cut[: cut.rfind(" ")] + "…" if " " in cut else cut + "…"
    return first.rstrip(" ;")


_CLOSING_RE = re.compile(r"chiu trach nhiem thi hanh (?:quyet dinh|chi thi|ke hoach|thong bao)|\./\.\s*$")


_FORMULA_RE = re.compile(
    r"thong bao de|de (?:cac )?[^.]{0,60}biet|nghiem tuc (?:trien khai,? )?thuc hien|quan tam thuc hien|co hieu luc|"
    r"chiu trach nhiem thi hanh|duoc pho bien|trien khai thuc hien\s*\./\.\s*$"
)


def _is_closing(text: str, b: Block, ft: str) -> bool:
    if not (b.kind in ("para", "article") and _CLOSING_RE.search(ft)):
        return False
    body = ft.strip()
    # "Giao Thanh tra tỉnh kiểm tra …, báo cáo … trước ngày 15/01/2027./." is the last task, not a formula; so is
    # "Trên đây là ý kiến góp ý của Sở Nội vụ, đề nghị Sở X tổng hợp, tiếp thu, hoàn thiện dự thảo …./."
    lead_sentence = re.split(r"\.\s", body, maxsplit=1)[0]
    summed = re.match(r"tren day la [^,.;]{3,120},\s*", body)
    request = body[summed.end() :] if summed else body
    if (
        len(body.split()) >= 15
        and re.match(r"(?:giao|de nghi|yeu cau)\s", request)
        and not (
            summed
            and (_BARE_CALL.match(request) or re.search(r"\b(?:quan tam|nghiem tuc|phoi hop)\b", request))
        )
        # "Giao Giám đốc Sở Nội vụ theo dõi, đôn đốc … . Người đứng đầu … chịu trách nhiệm …; … nghiêm túc thực hiện
        # Chỉ thị này./.": the formula after the first sentence does not make the assignment a formula
        and not _FORMULA_RE.search(lead_sentence)
        and _subject(text, b.body_start + len(ft) - len(ft.lstrip()) + (summed.end() if summed else 0), b.end)
    ):
        return False
    # "Văn phòng … theo dõi, đôn đốc … . Trong quá trình thực hiện, nếu có vướng mắc, … liên hệ …./.": the work
    # before the formula sentence is the last task (the formula is cut off it)
    parts = re.split(r"\.\s", body, maxsplit=1)
    if (
        len(parts) == 2
        and (_FORMULA_SENTENCE.match(parts[1]) or _CONTACT_RE.match(parts[1]))
        and not _FORMULA_RE.search(parts[0])
        and _subject(text, b.body_start, b.end)
    ):
        return False
    # "Giám đốc Trung tâm … là đầu mối theo dõi, đôn đốc …; tổng hợp, báo cáo …./.": the focal point named in the
    # closing paragraph has work of its own
    subj = _subject(text, b.body_start, b.end)
    if subj and _FOCAL_POINT.match(sfold(text[subj[2] : b.end])):
        return False
    # "UBND tỉnh X sẽ báo cáo Bộ Nội vụ kết quả … trước ngày 15/11/2027. Kính đề nghị …./.": the issuer's own
    # announced step, dated, is a task
    first = re.split(r"\.\s", body, maxsplit=1)[0]
    if _ANNOUNCED_STEP.match(first) and re.search(r"\b(?:truoc|cham nhat|trong) (?:ngay|thang|quy)\b", first):
        return bool(_FORMULA_RE.search(first))
    return True


_FOCAL_POINT = re.compile(
    r"\s*la\s+(?:co quan |don vi |bo phan )?(?:dau moi|thuong truc)\b[^.;]{0,40}?\b(?:theo doi|don doc|huong dan)\b"
)
_ANNOUNCED_STEP = re.compile(
    r"(?:ubnd|uy ban nhan dan|so|ban chi dao|van phong)\b[^.,;:]{0,60}?\sse\s+(?:bao cao|trinh|gui|to chuc|ban hanh|hoan thanh|kiem tra|tong hop|tham muu)\b"
)


_FORM_OFFICE = re.compile(r"^[ \t]*chuc vu[ \t]*:[ \t]*([^\n]+)$", re.M)


def _form_office(text: str, before: int, pattern: re.Pattern = _FORM_OFFICE) -> str | None:
    """ "Họ và tên: … / Chức vụ: Chủ tịch UBND xã X" above "tôi xin cam kết …": the office on the form commits."""
    m = pattern.search(sfold(text[:before]))
    if not m:
        return None
    office = text[m.start(1) : m.end(1)].strip(" .;,")
    return office if looks_like_agency(office) else None


# "Tôi tên Nguyễn Văn A, Chủ tịch UBND xã X.", "Tôi là …, Giám đốc Sở Y": the signer introduces his office
_SELF_INTRODUCED = re.compile(
    r"(?:^|[.:]\s+|\n\s*)(?:toi|chung toi)\s+(?:ten|la)\s+[^,.;:\n]{3,60},\s*([^.;:\n]{3,120})"
)


def _committing_unit(text: str, blocks: list[Block]) -> str | None:
    """The unit that commits, named once before its undertakings: "Giám đốc Sở Y tế cam kết …:", "Tôi, Chủ tịch
    UBND xã X, cam kết với Chủ tịch UBND tỉnh thực hiện các nội dung sau:" (the intro, or the operative clause)."""
    for b in blocks:
        body = text[b.body_start : b.end].rstrip()
        if not (
            b.zone == "operative"
            or b.request
            or (b.zone == "pre" and b.kind == "para" and body.endswith(":"))
        ):
            continue
        fb = sfold(body)
        # "tôi là A, Chủ tịch UBND xã X, xin cam kết …": "xin" only makes the undertaking polite
        cm = re.search(r"(?:^|[,.;:]\s*)([^,.;:]{3,120}?),?\s+(?:xin\s+)?cam ket\b", fb)
        if cm and looks_like_agency(text[b.body_start + cm.start(1) : b.body_start + cm.end(1)]):
            return text[b.body_start + cm.start(1) : b.body_start + cm.end(1)].strip()
        if cm and re.fullmatch(r"\s*(?:toi|chung toi)", cm.group(1)):
            return _form_office(text, b.start) or _form_office(text, b.start, _SELF_INTRODUCED)
        if cm and re.search(r"\btap the\b", fb[: cm.end(1)]):
            # "tập thể công chức, người lao động Trung tâm X cam kết": the staff as a body, the unit commits
            for w in re.finditer(r"(?<!\S)\S", fb[cm.start(1) : cm.end(1)]):
                at = b.body_start + cm.start(1) + w.start()
                if looks_like_agency(text[at : b.body_start + cm.end(1)]) and not _STAFF_SUBJECT.match(
                    fb, at - b.body_start
                ):
                    return text[at : b.body_start + cm.end(1)].strip()
        if b.zone == "operative":
            return None
    return None


_MOTTO_RE = re.compile(r"cong hoa xa hoi chu nghia|doc lap\s*-\s*tu do\s*-\s*hanh phuc")


def _mark_contents(blocks: list[Block], i: int) -> None:
    """The numbered items right after a report request are what the report must contain."""
    for b in blocks[i + 1 :]:
        if b.kind not in ("num", "letter", "bullet"):
            break
        b.zone = "info"


def _under_recipients(text: str, b: Block) -> bool:
    """A recipient listed under "Kính gửi:"."""
    return b.parent is not None and bool(
        re.match(r"kinh gui\b", sfold(text[b.parent.body_start : b.parent.end]).strip())
    )


def _header_end(text: str, blocks: list[Block], folded_titles: list[str]) -> int:
    """Index of the last block of the document's header (issuer and motto, number, "V/v …" and its
    continuation, place and date, title in capitals, "Kính gửi:" and its recipients), or -1."""
    last = -1
    for i, b in enumerate(blocks[:40]):
        ft = folded_titles[i].strip()
        if b.kind != "para" and not _under_recipients(text, b):
            break  # a numbered item or a section: the body has begun
        cells = text[b.body_start : b.end].strip().split("\t")  # a two-column header: either column
        if _under_recipients(text, b) or any(
            _HEADER_LINE_RE.match(sfold(c).strip())
            or _MOTTO_RE.match(sfold(c).strip())
            or re.match(r"so\s*:", sfold(c).strip())
            or (c.strip().isupper() and re.search(r"[A-ZĐ]", c))
            for c in cells
        ):
            last = i
        elif len(ft.split()) >= 15:
            break
    return last


_NOTES_RE = re.compile(r"(?:\d+\.\s*|[a-z]\)\s*)?(?:mot so |cac )?(?:luu y|chu y)\b[^:]{0,40}:$")
_ATTACHED_RE = re.compile(r"\(?\s*ban hanh kem theo (?:quyet dinh|nghi quyet|thong tu)\b")
_DUTY_ARTICLE_RE = re.compile(
    r"(?:trach nhiem (?:thi hanh|thuc hien|cua cac|cua co quan)|to chuc thuc hien|phan cong thuc hien)\b"
)


def _regulation_zones(text: str, blocks: list[Block], folded_titles: list[str]) -> None:
    """A regulation (Quy chế, Quy định) attached after the decision's signature: its descriptive articles hold
    no work; only its closing articles ("Trách nhiệm thi hành", "Tổ chức thực hiện") hand out tasks."""
    start = None
    for i, b in enumerate(blocks):
        if b.zone == "stop" and b.kind == "para" and _ATTACHED_RE.match(folded_titles[i].strip()):
            start = i + 1
            break
    if start is None:
        return
    # the attachment's title stands just above "(Ban hành kèm theo …)": a plan ("KẾ HOẠCH", "CHƯƠNG TRÌNH")
    # hands out work in its task sections, unlike a regulation's descriptive articles
    title = " ".join(folded_titles[j].strip() for j in range(max(0, start - 4), start - 1))
    if re.search(r"\b(?:ke hoach|chuong trinh|phuong an|de an)\b", title) and not re.search(
        r"\b(?:quy che|quy dinh|dieu le)\b", title
    ):
        _attached_plan_zones(blocks, folded_titles, start)
        return
    zone = "rule"
    for i in range(start, len(blocks)):
        b, ft = blocks[i], folded_titles[i].strip()
        if b.kind == "article":
            zone = "task" if len(ft.split()) <= 10 and _DUTY_ARTICLE_RE.match(ft) else "rule"
            b.zone = "heading"
            continue
        if _STOP_RE.match(ft):
            zone = "stop"
        if b.kind == "para" and re.match(r"chuong\s+[ivxlc\d]+\s*$", ft):
            zone = "rule"
        b.zone = zone


_PART_TITLE_RE = re.compile(r"(?:phan|muc)\s+(?:[ivxlc]+|\d+)\s*[.:]\s*")


def _attached_plan_zones(blocks: list[Block], folded_titles: list[str], start: int) -> None:
    """A plan issued with the decision above it: its sections ("I.", "Phần II. …") hold tasks when their title
    names work ("Nhiệm vụ và phân công", "Tổ chức thực hiện"), goals and background otherwise."""
    zone = "info"
    for i in range(start, len(blocks)):
        b, ft = blocks[i], folded_titles[i].strip()
        part = _PART_TITLE_RE.match(ft) if b.kind == "para" else None
        if b.kind == "roman" or part:
            title = ft[part.end() :] if part else ft
            zone = "task" if _TASK_SECTION.search(title) and not _NON_TASK_SECTION.match(title) else "info"
            b.zone = "heading"
            continue
        if _STOP_RE.match(ft):
            zone = "stop"
        b.zone = zone


# "V. CHẾ ĐỘ BÁO CÁO": its paragraphs may hand out work besides the reports (read by _is_report_item)
_REPORT_SECTION = re.compile(r"\b(?:che do )?bao cao\b")
# a section that tells what happened or why ("I. ĐẶC ĐIỂM, TÌNH HÌNH", "SỰ CẦN THIẾT"): its agencies did, not do
_BACKGROUND_TITLE = re.compile(
    r"\b(?:dac diem|tinh hinh|boi canh|su can thiet|can cu|co so|khai quat|tong quan|danh gia|ket qua|thuc trang"
    r"|hien trang|muc dich|muc tieu|yeu cau|chi tieu|noi dung (?:giam sat|kiem tra))\b"
)


def _agency_works(text: str, b: Block) -> bool:
    """An item that opens with an agency doing something ("Tỉnh Đoàn chỉ đạo …", "Sau giám sát, Ban Thường trực
    tổng hợp …"), not a past fact ("Bộ Nội vụ đã công bố …")."""
    subj = _subject(text, b.body_start, b.end)
    if not subj:
        return False
    rest = sfold(text[subj[2] : b.end]).lstrip(" ,")
    return not re.match(r"(?:da|vua|dang|duoc|cong bo|xep|dat|co)\b", rest)


def _signature_titles(text: str, blocks: list[Block], folded_titles: list[str]) -> None:
    """ "NGƯỜI CAM KẾT\tBÊN GIAO" / "CHỦ TỊCH UBND XÃ X" above "(Đã ký)\t(Đã ký)": the titles in capitals over the
    signature marks belong to the signature block, not to the item above them."""
    for i, ft in enumerate(folded_titles):
        if blocks[i].zone != "stop" or not re.match(_SIGN_MARKS, ft.strip()):
            continue
        j = i - 1
        while j >= 0 and blocks[j].kind == "para" and text[blocks[j].body_start : blocks[j].end].isupper():
            blocks[j].zone = "stop"
            j -= 1
        for b in blocks[j + 1 :]:
            if b.zone == "stop" and b.parent is not None and b.parent.zone != "stop":
                b.parent.children.remove(b)  # hung under the last item by the layout only
                b.parent = None


# "IV. ĐỀ XUẤT, KIẾN NGHỊ" of a report: proposals to the superior body, which the sender cannot hand out
_PROPOSALS_TITLE = re.compile(r"(?:kien nghi(?:,| va) )?de xuat(?:(?:,| va) kien nghi)?\s*$")


# "A. THÁNG 10/2027", "Quý IV/2027", "Năm 2028", "Đợt 2 (tháng 9/2027)": a heading naming only a period
_PERIOD_HEADING = re.compile(
    r"(?:[a-d][.)]\s*)?(?:(?:thang|quy)\s+[\divx]{1,4}(?:\s*-\s*[\divx]{1,4})?\s*/\s*\d{4}|nam\s+\d{4}"
    r"|(?:dot|giai doan)\s+[\divx]{1,4}\b[^:]{0,40})\s*:?\s*$"
)


_OUTLINE_TITLE = re.compile(r"\s*(?:de cuong|goi y noi dung|mau) bao cao\b")


def _zones(text: str, blocks: list[Block]) -> None:
    """Mark each block's zone: 'pre' (before the operative part), 'operative', 'task' (may hold tasks),
    'info' (goals, targets, background sections), 'heading' or 'stop' (signature, recipients, closing)."""
    folded_titles = [sfold(text[b.body_start : b.end]) for b in blocks]
    # "ĐỀ CƯƠNG BÁO CÁO …" after the signature: its headings ("III. NHIỆM VỤ 6 THÁNG CUỐI NĂM") outline a report
    outline = next(
        (b.start for b, ft in zip(blocks, folded_titles, strict=True) if _OUTLINE_TITLE.match(ft)), None
    )
    task_romans = [
        b
        for b, ft in zip(blocks, folded_titles, strict=True)
        if b.kind == "roman" and _TASK_SECTION.search(ft) and (outline is None or b.start < outline)
    ]
    zone = "pre"
    if not task_romans:
        # no plan-style sections: tasks start after the operative clause ("… yêu cầu:", "… như sau:")
        op_idx = None
        for i, b in enumerate(blocks):
            if b.kind in ("para", "article") and _OPERATIVE_RE.search(folded_titles[i]):
                op_idx = i
                break
        first_item = None
        if op_idx is None:
            # no operative clause: tasks start at the first numbered/bulleted item after the header, else
            # (a letter written in running paragraphs) right after the header
            head_end = _header_end(text, blocks, folded_titles)
            first_item = head_end + 1
            for i in range(head_end + 1, len(blocks)):
                if _STOP_RE.match(folded_titles[i]):
                    break
                if blocks[i].kind in ("num", "letter", "bullet", "article") and not _under_recipients(
                    text, blocks[i]
                ):
                    first_item = i
                    break
        for i, b in enumerate(blocks):
            if first_item is not None and i == first_item:
                zone = "task"
            if op_idx is not None and i == op_idx:
                b.zone = "operative"
                zone = "task"
                if _REPORT_REQUEST_RE.search(folded_titles[i]):
                    b.zone, b.request = "task", True
                    _mark_contents(blocks, i)
                continue
            if b.zone == "info":  # report contents (see _mark_contents)
                continue
            if zone != "pre" and (_STOP_RE.match(folded_titles[i]) or _is_closing(text, b, folded_titles[i])):
                b.zone = "stop"
                b.closing = zone != "stop" and not _STOP_RE.match(folded_titles[i])
                zone = "stop"
                continue
            b.zone = zone
    else:
        neutral = False
        for i, b in enumerate(blocks):
            ft = folded_titles[i]
            if b.kind == "roman":
                title = re.sub(r"^[ivxlc]+[.)]\s*", "", ft.strip())
                if zone == "task" and _PERIOD_HEADING.match(title):
                    b.zone = "heading"  # "A. THÁNG 10/2027" inside the work: a period, not a new section
                    continue
                if (_TASK_SECTION.search(ft) and not _NON_TASK_SECTION.match(ft)) or _GOALS_AND_WORK.match(
                    ft
                ):
                    zone = "task"
                else:
                    zone = "info"
                # "III. HÌNH THỨC, THỜI GIAN", "IV. TUYÊN TRUYỀN …": a title naming neither work nor background
                neutral = (
                    zone == "info"
                    and not _NON_TASK_SECTION.match(title)
                    and not _FACT_SECTION.match(title)
                    and not _BACKGROUND_TITLE.search(title)
                    and not _PROPOSALS_TITLE.match(title)
                )
                b.zone = "heading"
                continue
            if zone != "pre" and (_STOP_RE.match(ft) or _is_closing(text, b, ft)):
                b.zone = "stop"
                b.closing = zone != "stop" and not _STOP_RE.match(ft)
                zone = "stop"
                continue
            b.zone = zone
            if (
                neutral
                and zone == "info"
                and (b.kind in ("num", "letter", "bullet") or _REPORT_SECTION.search(title))
                and _agency_works(text, b)
            ):
                b.zone = "task"  # "1. Tỉnh Đoàn chỉ đạo …": an item that hands work to an agency, whatever the title
    # "Điều 2. Giao Sở Nội vụ …" of a decision that approves the plan below it hands out work of its own
    for b, ft in zip(blocks, folded_titles, strict=True):
        if (
            b.zone == "pre"
            and b.kind == "article"
            and re.match(r"(?:giao|yeu cau|de nghi)\s", ft.strip())
            and _subject(text, b.body_start, b.end)
        ):
            b.zone = "task"
        # "Điều 2. Tổ chức thực hiện / 1. Sở Kế hoạch và Đầu tư … chủ trì theo dõi …": the article's items hand work
        elif (
            b.zone == "pre"
            and b.kind in ("num", "letter")
            and b.parent is not None
            and b.parent.kind == "article"
            and _agency_works(text, b)
        ):
            b.zone = "task"
    _demand_items(blocks, folded_titles)
    _operative_over_sections(blocks, folded_titles)
    _signature_titles(text, blocks, folded_titles)
    _regulation_zones(text, blocks, folded_titles)
    _findings_lists(blocks, folded_titles)
    _fact_labels(blocks, folded_titles)
    _members_lists(text, blocks, folded_titles)
    _applied_rules(text, blocks, folded_titles)
    # "Một số lưu ý:" — the rules listed under it (how scoring works, where data come from) are no tasks
    for b, ft in zip(blocks, folded_titles, strict=True):
        if b.children and len(ft.split()) <= 6 and _NOTES_RE.match(ft.strip()):
            _demote_subtree(b)
    # a heading titled "Mục tiêu", "Chỉ tiêu", "Yêu cầu", … holds no tasks
    for b, ft in zip(blocks, folded_titles, strict=True):
        if b.kind in ("num", "letter", "article") and b.children and len(ft.split()) <= 12:
            title = re.sub(r"^(?:\d+(?:\.\d+)*\.?|[a-z]\)|dieu\s+\d+\.?)\s*", "", ft.strip())
            if (
                _NON_TASK_SECTION.match(title)
                and not _addresses_agency(text, b, title)
                and not _NAMED_INDICATOR.match(title)
            ):
                _demote_subtree(b)
            elif _FACT_SECTION.match(title) and not title.endswith("."):
                _demote_subtree(b)  # "2. Tồn tại, hạn chế", "3. Nguyên nhân": the findings under it


def _operative_over_sections(blocks: list[Block], folded_titles: list[str]) -> None:
    """ "Sở Tư pháp đề nghị UBND các xã thực hiện các nội dung sau:" right above "I. …": the request over the
    sections is the operative clause, its addressee leads the items that name nobody."""
    for i, b in enumerate(blocks[1:], 1):
        if b.kind == "roman":
            prev = blocks[i - 1]
            if prev.kind == "para" and prev.zone == "pre" and _OPERATIVE_RE.search(folded_titles[i - 1]):
                prev.zone = "operative"
            return


# "3. Yêu cầu hoàn thành số hóa …", "1. Yêu cầu Chủ tịch UBND các xã chỉ đạo …": an item that opens with the verb
# of demand hands out work, even under a "Yêu cầu" title (whose items are otherwise a plan's requirements)
_DEMAND_OPENER = re.compile(
    r"(?:\d+(?:\.\d+)*[.)]\s*|[a-z]\)\s*|[-+•*]\s*)?yeu cau\s+(?!(?:chung|cu the|doi voi)\b)[^\W\d_]"
)


def _demand_items(blocks: list[Block], folded_titles: list[str]) -> None:
    for b, ft in zip(blocks, folded_titles, strict=True):
        if b.zone == "info" and b.kind in ("num", "letter", "bullet") and _DEMAND_OPENER.match(ft.strip()):
            b.zone = "task"


# '1. Chỉ tiêu "Công khai, minh bạch" (đạt 14,2/18 điểm)': one indicator named, a topic over the work on it (a
# section of goals is titled "Chỉ tiêu" or "Các chỉ tiêu cụ thể", never with a quoted name)
_NAMED_INDICATOR = re.compile(
    r"(?:chi tieu|chi so|tieu chi)(?:\s+(?:thanh phan|\d{1,2}(?:\.\d{1,2})*))?\s*[\"“]"
)


_FINDINGS_INTRO = re.compile(
    r"\b(?:nhan thay|con thieu|con ton tai|con han che|thieu sot|phat hien|chua dat yeu cau|chua bao dam)\b"
)
_REQUEST_WORDS = re.compile(r"\b(?:de nghi|yeu cau|giao|chi dao)\b")


def _findings_lists(blocks: list[Block], folded_titles: list[str]) -> None:
    """ "Qua rà soát, … còn thiếu tài liệu kiểm chứng, cụ thể như sau:" over a list per unit: the list states
    facts (missing evidence, shortcomings), not tasks; the paragraph after it (the request addressed to those
    units) stands on its own, not under the last unit's heading."""
    for i, (b, ft) in enumerate(zip(blocks, folded_titles, strict=True)):
        body = ft.rstrip()
        if b.kind != "para" or not body.endswith(":"):
            continue
        last = body[body.rfind(". ") + 1 :]
        if not _FINDINGS_INTRO.search(last) or _REQUEST_WORDS.search(last):
            continue
        j = i + 1
        while j < len(blocks) and blocks[j].kind in ("num", "letter", "bullet") and blocks[j].zone != "stop":
            blocks[j].zone = "pre"
            blocks[j].fact = True
            j += 1
        if j == i + 1 or j >= len(blocks):
            continue
        nxt = blocks[j]
        if nxt.kind == "para" and nxt.zone != "stop" and nxt.parent is not None:
            nxt.parent.children.remove(nxt)
            nxt.parent = b.parent
            if b.parent is not None:
                b.parent.children.append(nxt)


# a label that introduces facts about the past, not work: "Tồn tại: …", "Hạn chế, nguyên nhân: …", "Kết quả đạt
# được: …", "Khó khăn, vướng mắc: …"
_FACT_WORD = (
    r"(?:ton tai|han che|nguyen nhan|ket qua(?: da)?(?: dat duoc| thuc hien)?|kho khan|vuong mac|uu diem|nhuoc diem"
    # "Tình trạng: đã hoàn thành …", "Kiến nghị 2. Thu hồi …" recited in a reply: what stands, not work handed out
    r"|tinh trang|kien nghi(?: (?:so )?\d{1,2}(?=[.:]))?"
)
_FACT_WORD += r"|thuc trang|hien trang|ly do|sai sot|thieu sot|tinh hinh chung)"
_FACT_LABEL = re.compile(
    r"(?:\d+(?:\.\d+)*[.)]\s*|[a-zđ]\)\s*|[-+•*]\s*)?(?:nhung |cac |mot so )?"
    + _FACT_WORD
    + r"(?:\s*(?:,|va)\s*"
    + _FACT_WORD
    + r")*(?:\s+(?:chu yeu|chinh|con lai|nam \d{4}))?\s*[:.]"
)


_FACT_SECTION = re.compile(
    r"(?:nhung |cac |mot so )?" + _FACT_WORD + r"(?:\s*(?:,|va)\s*" + _FACT_WORD + r")*\s*$"
)


def _fact_labels(blocks: list[Block], folded_titles: list[str]) -> None:
    """A line labelled as a statement of facts ("Tồn tại: 37 văn bản chưa được ký số", "Nguyên nhân: …") holds no
    task, target or rule; a bare label ("Hạn chế:") makes the items under it facts as well."""
    for b, ft in zip(blocks, folded_titles, strict=True):
        m = _FACT_LABEL.match(ft.strip())
        if not m:
            continue
        rest = ft.strip()[m.end() :].strip()
        if rest:
            b.zone, b.fact = "pre", True
            continue
        for c in _descendants(b):
            c.zone, c.fact = "pre", True


# the members of a body being set up: "… gồm các ông, bà có tên sau:", "Thành phần Đoàn kiểm tra gồm:"
_MEMBERS_INTRO = re.compile(
    # "tiêu chí thành phần", "chỉ số thành phần": a component of an index, not the members of a body
    r"(?:\bgom\b[^:]{0,80}\b(?:ong|ba|dong chi|thanh vien|co ten)\b[^:]{0,40}"
    r"|(?<!tieu chi )(?<!chi so )(?<!chi tieu )\bthanh phan\b[^:]{0,30}"
    r"|(?:kien toan|thanh lap)\b[^:]{0,160}\bgom\b[^:]{0,40}):\s*$"
)
# "Ông Nguyễn Văn A, Phó Giám đốc Sở … - Thành viên;": a person named with a post and a role in the body
_PERSON_RE = re.compile(
    r"(?:ông|bà|đồng chí|đ/c|(?:thượng|trung|đại|thiếu) (?:tá|úy|tướng))\s+(?P<name>[^\s,;:.()]+(?:\s+[^\s,;:.()]+){1,4}),"
    r"[^:;]{3,200}\s[-–]\s*(?:phó\s+)?(?:tổ trưởng|tổ phó|tổ viên|trưởng ban|trưởng đoàn|thành viên|ủy viên|thư ký"
    r"|thường trực)\b[^:;]{0,40}[;.]?$"
)


def _members_inline(folded_body: str) -> bool:
    """Every clause names a post in a body ("X làm Chủ tịch Hội đồng", "thành viên là …"): membership, no work."""
    return all(_MEMBER_CLAUSE.match(c.strip()) for c in folded_body.strip().rstrip(" ./").split(";"))


def _names_person(body: str) -> bool:
    """A member entry: a person, the post, the role in the body; a person with duties ("Đồng chí A, Phó Chủ tịch
    UBND xã: phụ trách …") is no member entry."""
    body = body.strip()
    m = _PERSON_RE.match(lower_vi(body))
    return bool(m) and all(w[:1].isupper() for w in body[m.start("name") : m.end("name")].split())


# "Quầy số 1 (hộ tịch): bà Lê Thị A, công chức Tư pháp - Hộ tịch; …", "Quầy hỗ trợ: 01 đoàn viên, luân phiên …"
_STAFFED_POST = re.compile(
    r"(?:[^:;.()\n]|\([^()\n]{0,120}\)){2,160}:\s*(?:(?:ông|bà|đồng chí|đ/c)\s+(?P<name>[^\s,;:.()]+(?:\s+[^\s,;:.()]+){1,4}),\s*"
    r"(?:công chức|cán bộ|viên chức|nhân viên|(?:phó )?chủ tịch|(?:phó )?giám đốc|trưởng|phó trưởng)\b"
    r"|\d{1,2}\s+(?:đoàn viên|công chức|cán bộ|viên chức|nhân viên|tình nguyện viên|người)\b[^:;.]{0,80}[.;]?$)"
)


def _staffed_post(body: str) -> bool:
    """A post and who staffs it (a desk, a shift): a person with a title or a head count after the post's label
    names the staffing, not work."""
    body = body.strip()
    m = _STAFFED_POST.match(lower_vi(body))
    if not m:
        return False
    return m.group("name") is None or all(
        w[:1].isupper() for w in body[m.start("name") : m.end("name")].split()
    )


def _members_lists(text: str, blocks: list[Block], folded_titles: list[str]) -> None:
    """A list of the members of a body (a person and a post on each line, or any list under "… gồm các ông, bà có
    tên sau:") names people, not work."""
    for b, ft in zip(blocks, folded_titles, strict=True):
        if b.children and _MEMBERS_INTRO.search(ft.strip()):
            for c in _descendants(b):
                c.zone = "info"
        elif b.zone == "task" and _names_person(text[b.body_start : b.end]):
            b.zone = "info"
        elif b.zone == "task" and not b.children and _members_inline(ft):
            b.zone = "info"  # "Hội đồng … gồm: A làm Chủ tịch Hội đồng; B làm Phó Chủ tịch; thành viên là …"
        elif b.zone == "task" and not b.children and _staffed_post(text[b.body_start : b.end]):
            b.zone = "info"


# "Điều 1. Áp dụng Bộ tiêu chí … với các nội dung sau:": what follows is the content of the rules applied
_APPLIES_RULES = re.compile(
    r"(?:ap dung|ban hanh|quy dinh)\b[^:\n]{0,300}?\b(?:bo tieu chi|tieu chi|quy che|thang diem|bo chi so"
    r"|phuong phap (?:cham|danh gia|xac dinh))\b[^:\n]{0,300}(?:noi dung sau|nhu sau|sau day)\s*:\s*$"
)


def _applied_rules(text: str, blocks: list[Block], folded_titles: list[str]) -> None:
    """The items under a clause that applies or issues rules (maxima, scoring bands, classes) are the rules'
    content: no task, no target; an item with an agency doing something still hands out work."""
    for b, ft in zip(blocks, folded_titles, strict=True):
        if b.children and _APPLIES_RULES.match(ft.strip()):
            for c in _descendants(b):
                if c.zone == "task" and not _agency_works(text, c):
                    c.zone = "rule"


def _descendants(b: Block) -> list[Block]:
    out, stack = [], list(b.children)
    while stack:
        c = stack.pop()
        out.append(c)
        stack.extend(c.children)
    return out


def _demote_subtree(b: Block) -> None:
    """The task blocks below a heading that holds no tasks become information."""
    stack = list(b.children)
    while stack:
        c = stack.pop()
        if c.zone == "task":
            c.zone = "info"
        stack.extend(c.children)


def _addresses_agency(text: str, b: Block, title: str) -> bool:
    """True for a heading that hands work to an agency ("e) Yêu cầu Chủ tịch UBND các xã, phường:"), false for
    a section title ("2. Yêu cầu")."""
    m = re.match(r"(?:yeu cau|de nghi)\s+", title)
    if not m:
        return False
    body = text[b.body_start : b.end].strip()
    return looks_like_agency(body[m.end() :])


_POINTER_RE = re.compile(r"(?:theo|tai|chi tiet (?:tai|theo))\s+phu luc|\(?noi dung chi tiet")
_BACKGROUND_RE = re.compile(
    r"^(?:\(?\s*(?:ban hanh )?kem theo\b|can cu|thuc hien (?:[^,.;]{0,60}\s)?"
    r"(?:chi thi|ke hoach|cong van|quyet dinh|nghi quyet|thong bao) so)"
)


_HEADER_LINE_RE = re.compile(
    r"v/v\b|ve viec\b|kinh gui\b|noi nhan\b|cong hoa xa hoi chu nghia|doc lap\s*-\s*tu do|[^,\n]{2,40},\s*ngay\s+\d{1,2}\s+thang\s+\d"
)
_LABEL_ITEM_RE = re.compile(
    r"(?:noi dung|doi tuong|thoi gian|dia diem|hinh thuc|pham vi|thanh phan|kinh phi|phuong phap|yeu cau(?! "
    + _REMEDY_DEMAND
    + "))"
    r"(?: [^\W\d_]+){0,3}\s*:"
)
_NOT_TASK_OPENER = re.compile(
    r"(?:ghi nhan|bieu duong|hoan nghenh|danh gia cao|(?:co ban )?thong nhat|dong y|chap thuan|nhat tri)\b"
    r"|phe duyet\b[^.]{0,200}\b(?:kem theo|chi tiet tai phu luc)"  # "Điều 1. Phê duyệt Danh mục … (Phụ lục kèm theo)"
    r"|khong (?:tu y|duoc)\b"  # "Không tự ý thay đổi cấu trúc Biểu mẫu": a rule for filling the form
    r"|(?:kien toan|thanh lap)\b[^.:]{0,160}\bgom\b"  # "Kiện toàn Tổ công tác … gồm: …" (its members)
    r"|[^.,;]{3,80}\bla (?:co quan|don vi) thuong truc\b(?![^.]*\b(?:theo doi|don doc|tham muu|tong hop|huong dan"
    r"|kiem tra|to chuc|chu tri|giup|trien khai)\b)"
)
# "Về đề nghị …:" — the request an answer is given to
_ABOUT_LABEL = re.compile(r"ve\s[^:;.]{3,200}:\s*")
_REFUSAL = re.compile(r"khong (?:dong y|chap thuan|nhat tri)\b(?![^.]*\b(?:giao|yeu cau)\s)")
_AGREES = re.compile(r"\s*(?:co ban\s+)?(?:thong nhat|dong y|nhat tri|chap thuan)\b")
# "Các nội dung phải công khai thực hiện theo Điều 11 của Luật, …": what the law prescribes, restated
_BY_ARTICLE = re.compile(
    r"[^.;:]{0,100}?\bthuc hien theo (?:quy dinh tai |quy dinh cua )?(?:dieu|khoan|chuong)\s+\d"
)
# "Từ ngày 01/3/2028, 100% hồ sơ … phải được …": a norm (a target) from a start, nobody named
_PASSIVE_NORM = re.compile(
    r"(?:(?:tu|ke tu|bat dau tu|sau) (?:ngay|thang|quy|nam)\s[^,.;]{1,30},\s*)?(?:[^\s,.;:]+\s+){1,10}?phai (?:duoc|bi)\s"
)


def _strip_marker(fp: str) -> str:
    return re.sub(r"^\s*(?:[-+•*]+\s*|\d+(?:\.\d+)*[.)]\s*|[a-z]\)\s*)?", "", fp)


_BY_APPENDIX = re.compile(
    r"giao (?:cac )?(?:chi tieu|nhiem vu)\b[^.;]{0,200}\((?:chi tiet )?(?:tai |theo )?phu luc[^()]{0,40}\)\s*\.?"
)
_HANDS_WORK = re.compile(
    r"\b(?:giao(?!\s+(?:thong|dich|tiep|luu)\b)|de nghi|yeu cau|chu tri|tham muu|khan truong|hoan thanh|trinh)\b"
)
# a comment letter's item on an article of the draft: "Khoản 2 Điều 4 (…):", "Điều 7 (…):", "Phụ lục (…):"
_DRAFT_COMMENT = re.compile(
    r"(?:(?:diem [a-z]\s+)?khoan \d+\s+)?(?:dieu \d+|phu luc(?: [ivx\d]+)?)\s*\([^)]{3,80}\)\s*:\s*(?:du thao|de nghi)\b"
)


def _dated_after_pointer(body: str, fb: str) -> bool:
    """ "Các bộ, ngành có thủ tục chưa tích hợp (chi tiết tại Phụ lục) hoàn thành trước ngày …": a time limit after
    the pointer makes the line work of its own, not a pointer to the appendix."""
    at = _POINTER_RE.search(fb).end()
    return any(True for _ in find_deadlines(body[at:], fb[at:]))


def _is_task_text(text: str, b: Block) -> bool:
    body = text[b.body_start : b.end].strip()
    if body.count("\t") >= 2 or body.count(" | ") >= 2:
        return False  # a row of a data table
    fb = sfold(body)
    words = fb.split()
    if len(words) < 3:
        return False
    if body.endswith(":"):
        return False
    if (
        _POINTER_RE.search(fb)
        and len(words) < 30
        and re.match(
            r"(?:cac |cu the |chi tiet |\(?noi dung|nhiem vu|danh muc|phan cong|ke hoach)", fb.strip()
        )
        and not _dated_after_pointer(body, fb)
    ):
        return False
    if body.isupper():
        return False
    if len(words) <= 6 and all(w[:1].isupper() for w in body.split()):
        return (
            False  # "Nguyễn Văn A" under a signature title: a person's name, every work sentence has a verb
        )
    if _HEADER_LINE_RE.match(fb):
        return False  # "V/v …", "Kính gửi: …", "Hà Nội, ngày …"
    if b.parent is not None and re.match(
        r"kinh gui\b", sfold(text[b.parent.body_start : b.parent.end]).strip()
    ):
        return False  # a recipient listed under "Kính gửi:"
    if _BACKGROUND_RE.match(fb) and not re.search(
        r",\s*(?:to chuc|thuc hien|xay dung|trien khai|giao\s)|\b(?:de nghi|yeu cau)\s", fb
    ):
        return False
    return True


_PHASE_ITEM = re.compile(r"\s*(?:dot|giai doan|lan|khoa)\s+(?:\d{1,2}|[ivx]+|mot|hai|ba|bon|nam)\b")


def _phased(text: str, b: Block) -> bool:
    """ "Tổ chức tập huấn … theo 02 đợt:" over "+ Đợt 1 …: trong tháng 11/2025;": the waves of one task."""
    return bool(b.children) and all(
        not c.children and _PHASE_ITEM.match(sfold(text[c.body_start : c.end])) for c in b.children
    )


_DEMAND_LABEL = re.compile(r"(?:yeu cau|kien nghi|de nghi)(?: khac phuc)?\s*:")


# "Giải trình bằng văn bản …, nêu rõ các nội dung sau:": what the document asked for must state, not work
_CONTENTS_INTRO = re.compile(
    r"\bneu ro(?:\s+(?:cac|nhung))?(?:\s+(?:noi dung|van de|thong tin))?(?:\s+(?:sau|sau day|duoi day))?\s*:\s*$"
)


def _contents_intro(text: str, b: Block) -> bool:
    return bool(b.children) and _CONTENTS_INTRO.search(sfold(text[b.body_start : b.end])) is not None


def _under_contents(text: str, b: Block) -> bool:
    """A block below a contents intro (a listed content, or the line after them saying where the document goes)."""
    p = b.parent
    while p is not None:
        if _contents_intro(text, p):
            return True
        p = p.parent
    return False


def _intro_with_list(text: str, b: Block) -> bool:
    """An intro ("… thuộc các lĩnh vực:") followed by short noun items: one task, items enumerate it."""
    if b.agency or not b.children or not text[b.body_start : b.end].rstrip().endswith(":"):
        return False
    if _contents_intro(text, b):
        return True
    if _DEMAND_LABEL.fullmatch(sfold(text[b.body_start : b.end]).strip()):
        return False  # "b) Yêu cầu khắc phục:" labels the remedies below it, each a task of its own
    if _phased(text, b):
        return True
    if _BAN_INTRO.match(sfold(text[b.body_start : b.end]).strip()) and not any(
        c.children for c in b.children
    ):
        return True  # "Nghiêm cấm cán bộ, công chức …:" over a) b) c): the acts banned, one duty however long
    for c in b.children:
        body = text[c.body_start : c.end].strip()
        if c.children or len(body.split()) > 14 or looks_like_agency(body):
            return False
    return True


_METRIC_START = re.compile(
    # "Số hóa 100% …" (to digitise) opens work, "Số hồ sơ …" (the number of) a metric
    r"(?:\d|ty le|ti le|muc do|ket qua|chi so|so luong|so\b(?! hoa\b)|thoi gian|khong co|khong de|toan bo|tong so|"
    r"diem|gia tri|trung binh)"
)


def _subtree_end(b: Block) -> int:
    """End of a heading's section: its last descendant, or (for a flat heading) the next heading of its rank."""
    end = b.end
    node = b
    while node.children:
        node = node.children[-1]
        end = max(end, node.end)
    return end


def _heading_title(fb: str) -> str:
    return re.sub(r"^(?:\d+(?:\.\d+)*\.?|[a-z]\)|dieu\s+\d+\.?)\s*", "", fb.strip())


def _target_only(text: str, b: Block, targets_spans: list[tuple[int, int]]) -> bool:
    """A list item that only states a target ("100% hồ sơ … đúng hạn.", "Tỷ lệ … đạt tối thiểu 50%.")."""
    body_s, body_e = strip_span(text, b.body_start, b.end, " \t\n.;")
    # a parenthesis ("(năm 2024 đạt 76,5 điểm)") only comments on the target
    length = body_e - body_s - sum(len(x) for x in re.findall(r"\([^()]{0,200}\)", text[body_s:body_e]))
    if length <= 0:
        return False
    covered = sum(max(0, min(e, body_e) - max(s, body_s)) for s, e in targets_spans)
    fb = sfold(text[body_s:body_e])
    if covered < 0.6 * length and not _resolved_goal(fb, b, covered):
        return False
    # "Hai là, …", "Thứ ba, …": an undertaking numbered in words; the number says nothing of the content
    om = _ORDINAL_OPENER.match(fb)
    if om:
        fb = fb[om.end() :]
        body_s += om.end()
    # "Sở Khoa học và Công nghệ hướng dẫn …, bảo đảm 100% …": an agency acting is a task ("Sở" folds like "số")
    if _subject(text, body_s, body_e):
        return False
    # "Phấn đấu đến năm 2030, Chỉ số PAR INDEX … thuộc nhóm 10 …; Chỉ số SIPAS đạt …": a goal with its time only
    # (under an agency heading such an item is that agency's own goal to work for, read as its task)
    goal = re.match(r"phan dau\s+(?:den het|den|trong|vao)\s+(?:nam|thang|quy)\s+[\divx/]+\s*,\s*", fb)
    # "Đến ngày 31/10/2027, tỷ lệ … đạt tối thiểu 55%; …": a cut-off day before the metric, no one acting
    goal = goal or re.match(
        r"(?:den|den het|tinh den)\s+(?:ngay\s+)?\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}\s*,\s*", fb
    )
    goal = goal or _RESOLVED_GOAL.match(fb)
    # "Kể từ ngày 01/6/2027, không để …", "Đến hết tháng 6/2027, điểm … đạt …": a start or a time, then the measure
    goal = goal or _TIMED_GOAL.match(fb)
    if goal and _under_agency(b):
        return False
    return bool(_METRIC_START.match(fb[goal.end() :] if goal else fb))


_ORDINAL_OPENER = re.compile(
    r"(?:(?:mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi) la|thu (?:nhat|hai|ba|tu|nam|sau|bay|tam|chin|muoi)),\s*"
)
_TIMED_GOAL = re.compile(
    r"(?:(?:ke )?tu|den het|den)\s+(?:ngay\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|(?:thang|quy|nam)\s+[\divx/]+)\s*,\s*"
)


# "Quyết tâm phấn đấu Chỉ số … tăng từ 15 bậc trở lên, …; đến năm 2020, …": a resolve that only names levels
_RESOLVED_GOAL = re.compile(r"(?:quyet tam|co gang)\s+phan dau\s+(?=chi so|ty le|ti le|muc do|diem)")


def _resolved_goal(fb: str, b: Block, covered: int) -> bool:
    """An item opened by "Quyết tâm phấn đấu" + a measure, holding targets and under no agency: a goal only."""
    return covered > 0 and bool(_RESOLVED_GOAL.match(fb)) and not _under_agency(b)


def _under_agency(b: Block) -> bool:
    p = b.parent
    while p is not None:
        if p.agency:
            return True
        p = p.parent
    return False


def _enumerated_tasks(text, folded, b: Block, items, default_year, default_lead, doc_date) -> list[dict]:
    """One task per inline item; the lead is the agency the intro addresses ("… đề nghị X khẩn trương …:")."""
    intro_end = items[0][0]
    intro = folded[b.body_start : intro_end]
    lead = None
    sent_s = b.body_start + max(intro.rfind(". ") + 2, 0) if intro.rfind(". ") >= 0 else b.body_start
    found = list(re.finditer(r"(?:yeu cau|de nghi|giao|chi dao)\s+", folded[sent_s:intro_end]))
    if found:
        s = sent_s + found[-1].end()
        if looks_like_agency(text[s : s + 60]):
            e = subject_end(text[:intro_end], s)
            lead = text[s : e if e > s else intro_end].strip(" ,;:")
    if lead is None:
        subj = _subject(text, sent_s, intro_end)
        lead = subj[0] if subj else _fallback_lead(text, folded, b, b.end, {}, default_lead)[0]
    out = []
    for a, z in items:
        deadline, dkind = None, "none"
        for dl, kind, _s, _e in find_deadlines(text[a:z], folded[a:z], default_year):
            if not is_past(dl, doc_date):
                deadline, dkind = dl, kind
                break
        if deadline is None:
            deadline, dkind = _fallback_deadline(text, folded, b, (None, "none"), default_year, doc_date)
        out.append(
            {
                "lead_unit": normalise_agency(lead) if lead else None,
                "lead_text": lead,
                "partners": _partners(text, a, z),
                "summary": _summary(text, a, z),
                "deadline": deadline,
                "deadline_kind": dkind,
                "section": None,
                "quote": text[a:z],
                "start": a,
                "end": z,
            }
        )
    return out


_BACKGROUND_OPENER = re.compile(
    r"ket qua(?:\s+(?:tren|nay|do|khao sat|danh gia|kiem tra|do luong))?\s+cho thay|nhin chung\b|nhu vay,|theo do,"
    r"|qua (?:theo doi|kiem tra|danh gia|khao sat|tong hop)\b[^,.;]{0,80},"
    # the form of the report asked above ("Báo cáo theo Biểu mẫu kèm theo, gửi …") and a contact line
    r"|bao cao (?:gui )?(?:theo|bang) (?:bieu mau|mau|de cuong|phu luc)"
)
# boilerplate: "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, …"; "Quyết định này có hiệu lực …"
_BOILERPLATE_OPENER = re.compile(
    r"trong qua trinh (?:to chuc |trien khai )*thuc hien,? (?:neu )?(?:co )?(?:phat sinh )?(?:kho khan|vuong mac)"
    r"|(?:quyet dinh|chi thi|quy che|quy dinh|ke hoach|thong tu|nghi quyet) nay co hieu luc\b"
    # "Công văn này thay thế Công văn số …": which document it replaces
    r"|(?:cong van|quyet dinh|chi thi|ke hoach|thong bao|van ban) nay thay the\b"
)
_ASKS_WORK = re.compile(r"\b(?:giao|de nghi|yeu cau|chu tri|khan truong|hoan thanh|gui)\b")
_ASKED_TO_CONTACT = re.compile(r"\b(?:de nghi|yeu cau)\s+(?:[^\W\d_]+\s+){0,4}?lien he\b")
_CONTACT_RE = re.compile(
    r"\blien he\b[^.;]{0,120}(?:dien thoai|email|thu dien tu|@|\d{3,}[ .]?\d{3,})"
    # "Thông tin chi tiết liên hệ: bà …, chuyên viên Phòng …; điện thoại: 0297.3861.245"
    r"|^(?:[^.;:]{0,40}\b)?lien he\s*:[^.]{0,160}?(?:dien thoai|di dong|email|thu dien tu)\b"
    # "Địa chỉ nhận: cchc@….gov.vn.", "Hộp thư điện tử: …": where to send, no work
    r"|^(?:dia chi|hop thu|thu dien tu|email)(?: [^\s:]+){0,3}\s*:\s*\S+@"
)
# a sanction announced for those who fail ("Quá thời hạn nêu trên, cơ quan, đơn vị nào không gửi …, Sở Nội vụ sẽ
# …"; "Trường hợp đơn vị không báo cáo, …"): a condition, not work handed out
# a failure set as a condition of what follows ("… không đạt từ 02 chỉ tiêu trở lên thì …")
_FAILS_THEN = r"^[^.;]{0,80}\b(?:khong|chua) (?:dat|hoan thanh)\b[^.;]{0,120}\bthi (?:se )?(?:khong|bi)\b"
_SANCTION_RE = re.compile(
    r"^(?:qua|het|sau) (?:thoi han|han)\b[^.]{0,160}\bnao (?:khong|chua)\b"
    r"|^(?:neu|truong hop)\b[^.,;]{0,120}\b(?:khong|chua)\b[^.;]{0,160}\bse\b"
    # "Quá thời hạn trên, đơn vị không gửi … được xem như không có đề xuất": what a silence will mean
    r"|^(?:qua|het|sau) (?:thoi han|han)\b[^.;]{0,160}\b(?:duoc |bi )?(?:xem nhu|coi nhu|xem nhu la|coi nhu la)\b"
    # "Các đề xuất đã gửi … không gửi lại": what need not be sent again, no work
    r"|^[^.;]{0,120}\bda (?:gui|nop)\b[^.;]{0,80}\bkhong (?:phai |can )?(?:gui|nop|bao cao) lai\b"
    # "Quá thời hạn nêu trên, Sở Nội vụ sẽ tổng hợp, báo cáo …"; "Hồ sơ gửi sau thời hạn trên sẽ không được xem xét"
    r"|^(?:qua|het|sau) (?:thoi han|han)\b[^.;,]{0,40},[^.;]{0,80}\bse\b"
    r"|^[^.;]{0,80}\b(?:sau|qua) (?:thoi han|han) (?:tren|neu tren|nay)\b[^.;]{0,40}\bse (?:khong|bi)\b"
    # "Công chức nào gây chậm trễ … thì bị xem xét xử lý": whoever fails is sanctioned, nobody is given work
    r"|^[^.;]{0,120}\bnao\b[^.;]{0,160}\bthi (?:se )?bi\b"
    # "Nếu không hoàn thành …, tôi xin chịu trách nhiệm trước …": answering for a failure
    r"|^(?:neu|truong hop)\b[^.;]{0,160}\b(?:khong|chua)\b[^.;]{0,160}\bchiu trach nhiem truoc\b"
    # "Đơn vị không đạt từ 02 chỉ tiêu trở lên thì không xét tặng …": what a failure will cost, no work
    r"|" + _FAILS_THEN
)
_AGREED_RE = re.compile(
    r"[^,.;:]{2,60}?\s(?:co ban )?(?:thong nhat|nhat tri)\s+(?:de nghi|de xuat|chu truong|voi)\b"
)
# what was done already: an agency's past act ("Chủ tịch UBND tỉnh đã chủ trì …", "UBND tỉnh đã giao …") or a
# result at a past day ("Đến ngày 20/6/2027, 100% … đã được …")
_PAST_FACT = re.compile(
    r"(?:[^.;]{0,100},\s*)?(?:chu tich |giam doc |thu truong )?(?:ubnd|uy ban nhan dan|so|van phong|ban|bo|thanh tra"
    r"|cong an|hoi dong)\b[^.;,]{0,80}?\s(?:da|vua)\s(?!duoc\b)"
    r"|(?:den|tinh den)(?: het)? ngay\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}\s*,[^.;]{0,200}\bda (?:duoc|dat|hoan thanh)\b"
)
_PAST_DATE_OPENER = re.compile(r"ngay\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\s*,")


# "Kể từ kỳ đánh giá tháng 01/2027, số liệu … là căn cứ bắt buộc khi đánh giá …": what counts for what, a rule
# ("Việc chấp hành … là một nội dung đánh giá tiêu chí …": a consequence for the grading, no work)
_COUNTS_AS = re.compile(
    r"(?:(?:ke )?tu\s[^,.;]{3,60},\s*)?[^.;,]{3,160}?\sla (?:mot )?(?:can cu|co so|tieu chi"
    r"|noi dung (?:danh gia|cham diem|xep loai))\b"
)
# "Lưu ý: danh sách … phải đầy đủ, cập nhật đến ngày …, có …": what a deliverable must contain, no work
_DELIVERABLE_CONTENT = re.compile(
    r"(?:(?:luu y|chu y)\s*:\s*)?(?:cac |moi )?(?:danh sach|bao cao|so lieu|du lieu|bieu mau|bang tong hop)\b"
    r"[^.;:]{0,80}?\sphai (?:day du|chinh xac|trung thuc|ro rang)\b"
)
# "Công chức có tỷ lệ hồ sơ trễ hạn trên 5% không được xếp loại …": what befalls whoever meets the condition
_DENIED = re.compile(r"\bkhong duoc (?:xep loai|xet|binh xet|khen thuong|cong nhan|de nghi khen thuong)\b")
# "Khi Giám đốc vắng mặt, đồng chí A được ủy quyền điều hành …": a power granted, no work handed out
_EMPOWERED = re.compile(r"(?:khi\s[^.;,]{3,80},\s*)?[^.;,]{3,120}?\sduoc uy quyen\b")


def _rule_only(fp: str) -> bool:
    """Every clause states a rule (what counts as what, what a condition denies, a power granted), none work."""
    if _HANDS_WORK.search(_QUOTED.sub("", fp)):  # (a quoted grade "Hoàn thành tốt nhiệm vụ" is a name)
        return False
    clauses = [c.strip() for c in re.split(r"[;.]\s", fp.rstrip(" ./")) if c.strip()]
    return bool(clauses) and all(
        _COUNTS_AS.match(c) or _DENIED.search(c) or _EMPOWERED.match(c) for c in clauses
    )


def _denied_spans(folded: str) -> list[tuple[int, int]]:
    """The clauses that deny something to whoever meets a condition: their figures are the condition."""
    out = []
    for m in _DENIED.finditer(folded):
        s = max(folded.rfind(". ", 0, m.start()) + 2, folded.rfind("; ", 0, m.start()) + 2)
        s = max(s, folded.rfind("\n", 0, m.start()) + 1)
        ends = [
            i
            for i in (folded.find(". ", m.end()), folded.find(";", m.end()), folded.find("\n", m.end()))
            if i >= 0
        ]
        out.append((s, min(ends) if ends else len(folded)))
    return out


def _not_work(text: str, folded: str, start: int, end: int, doc_date: str | None) -> bool:
    """A piece that hands out no work: background ("Ngày 02/4/2027, Bộ Nội vụ công bố …", "Kết quả trên cho
    thấy …") or a goal set by the issuer ("UBND tỉnh đặt mục tiêu …")."""
    fp = folded[start:end].strip(" \t\n-+•*")
    fp = re.sub(r"^(?:\d+(?:\.\d+)*[.)]|[a-z]\))\s*", "", fp)
    if _rule_only(fp):
        return True
    if _DRAFT_COMMENT.match(fp):
        return (
            True  # "Khoản 2 Điều 4 (thành phần của Tổ): dự thảo quy định …; đề nghị …": a comment on a draft
        )

    if _BOILERPLATE_OPENER.match(fp) or _SANCTION_RE.match(fp) or _DELIVERABLE_CONTENT.match(fp):
        return True
    if _AGREED_RE.match(fp) and ";" not in fp:
        return True  # "Ban Chỉ đạo thống nhất đề nghị UBND tỉnh khen thưởng …": a conclusion of the meeting
    sentences = [x for x in re.split(r"\.\s+", fp.rstrip(" .;/")) if x.strip()]
    if sentences and all(_PAST_FACT.match(x.strip()) for x in sentences):
        return True  # "UBND tỉnh đã giao Sở Nội vụ …", "Đến ngày 20/6/2027, 100% … đã được công bố"
    subj = _subject(text, start, end)
    if subj and _HEAD_TITLE.match(sfold(subj[0])):
        # "Giám đốc Sở X chịu trách nhiệm trước Chủ tịch UBND tỉnh nếu …." is accountability, not work
        # ("…; xây dựng kế hoạch …" after it still hands out work)
        first = re.split(r"\.\s", folded[subj[2] : end] + " ", maxsplit=1)[0]
        clauses = first.split(";")
        # "…; kết quả khắc phục là căn cứ đánh giá …" after it is a consequence stated, no work
        if re.match(r"(?:\s+co\b[^.;,]{0,80})?\s*chiu trach nhiem truoc\b", clauses[0]) and all(
            _CONSEQUENCE.match(c) for c in clauses[1:]
        ):
            return True
    if re.search(r"\btinh trang\s*:\s*da hoan thanh\b", fp) and not re.search(
        r"\b(?:de nghi|yeu cau|giao)\b", fp
    ):
        return True  # "Nhiệm vụ tại Thông báo số …: …. Tình trạng: đã hoàn thành (…)": recited as done
    if re.match(
        r"(?:chi thi|nghi quyet|ke hoach|quyet dinh|thong bao|quy che|cong van) nay duoc (?:pho bien|quan triet)",
        fp,
    ):
        return True  # "Chỉ thị này được phổ biến đến chi bộ.": how the document is spread, no work of anyone named
    clauses = [c.strip() for c in re.split(r"[;.]\s", fp.rstrip(" ./")) if c.strip()]
    if (
        clauses
        and re.match(r"(?:thoi han|thoi gian|muc|ty le|quy dinh)\b[^;,]{0,60}\bla\b", clauses[0])
        and all(_ACCOUNTABLE.match(c) or re.match(r"(?:khong|se)\b", c) for c in clauses[1:])
    ):
        return True  # "Thời hạn điều chỉnh nêu trên là thời hạn cuối cùng, …; thủ trưởng … chịu trách nhiệm trước …"
    if re.match(
        r"(?:danh sach|danh muc)\b[^.;]{0,160}\b(?:(?:tai|theo|kem theo) phu luc\b"
        # "Danh sách … kèm theo Công văn này được gửi qua Hệ thống …": how the attachment travels
        r"|kem theo (?:cong van|van ban|ke hoach|thong bao|quyet dinh) nay duoc (?:gui|dang tai|chuyen)\b)",
        fp,
    ) and not re.search(r"\b(?:de nghi|yeu cau|giao)\b", fp):
        return True  # "Danh sách 09 nhiệm vụ … tại Phụ lục kèm theo để các cơ quan theo dõi": a pointer
    if re.match(
        r"[^.;]{0,200}\b(?:nghiem tuc|quan tam) (?:to chuc )?thuc hien (?:chi thi|ke hoach|cong van|thong bao"
        r"|quyet dinh|ket luan|van ban) nay\s*[./]*$",
        fp,
    ):
        return (
            True  # "Chủ tịch UBND tỉnh yêu cầu Thủ trưởng … nghiêm túc thực hiện Chỉ thị này./.": the formula
        )
    if _BARE_CALL.match(fp):
        return (
            True  # "… yêu cầu các cấp ủy, cơ quan liên quan nghiêm túc thực hiện.": a call that names no work
        )
    if _CANCELLED.search(fp):
        return True  # 'Nhiệm vụ "…", do Sở Nội vụ chủ trì: không tổ chức trong năm 2027': work called off
    am = _ACCOUNTABLE.match(re.sub(r"^\(\d{1,2}\)\s*", "", fp))
    if am and all(
        _CONSEQUENCE.match(c) or _NO_LAPSE.match(c)
        for c in re.split(r"\.\s", am.string[am.end() :] + " ", maxsplit=1)[0].split(";")[1:]
    ):
        return True  # "Các công chức được phân công chịu trách nhiệm trước Chủ tịch UBND xã về …": accountability
    if _STATUTE.search(fp) and not _GIVES_ORDER.match(fp):
        return True  # "Tổ công tác làm việc theo chế độ kiêm nhiệm, … tự giải thể …": how a body works
    if _FUNDING.match(fp):
        return True  # "Kinh phí thực hiện từ nguồn chi thường xuyên …": where the money comes from
    if _members_inline(fp):
        return True  # "Giám đốc Sở Nội vụ làm Phó Chủ tịch thường trực; …": who sits in a body
    # what is still lacking ("Còn 02 hồ sơ quá hạn chưa xin lỗi.", "Phòng X chưa công khai đầy đủ …"): a
    # shortcoming stated, not work; an order never opens with "còn" / "chưa"
    pred = folded[subj[2] : end].lstrip(" ,") if subj else fp
    if (
        _STILL_LACKING.match(pred)
        and not _ORDER_WORDS.search(fp)
        and not _GIVES_ORDER.match(fp)
        # "Các đơn vị chưa gửi báo cáo gửi về Sở trước ngày 15/10/2027": the "chưa" only says which units
        and not any(not is_past(d[0], doc_date) for d in find_deadlines(text[start:end], folded[start:end]))
    ):
        return True
    if _CONTACT_RE.search(fp) and not _ASKS_WORK.search(_ASKED_TO_CONTACT.sub(" ", fp)):
        return True  # "…, nếu có vướng mắc, đề nghị liên hệ Phòng X (điện thoại …)": the request is to call, no work
    if _HANDS_WORK.search(fp):
        return False
    if _BACKGROUND_OPENER.match(fp) or _CONTACT_RE.search(fp):
        return True
    dm = _PAST_DATE_OPENER.match(fp)
    if dm and is_past(_date(dm.group(1), dm.group(2), dm.group(3)), doc_date):
        return True
    return bool(subj and re.match(r"\s*dat (?:ra )?(?:muc tieu|chi tieu)\b", folded[subj[2] : end]))


# a request whose sentence ends at "(quan tâm|nghiêm túc) … thực hiện" (a manner at most): no work named
_BARE_CALL = re.compile(
    r"[^.;]{0,120}\b(?:de nghi|yeu cau)\s[^.;]{3,200}?\s(?:quan tam|nghiem tuc)(?:,?\s*(?:chi dao|to chuc|trien khai))*"
    r"\s+thuc hien(?:\s+(?:dung thoi han|nghiem tuc|co hieu qua|kip thoi|day du))?\s*[./]*(?:$|\s)"
)
_FUNDING = re.compile(
    r"(?:nguon )?kinh phi\b[^.;:]{0,80}?\b(?:tu nguon|tu ngan sach|duoc bo tri|do ngan sach|bo tri tu)\b"
)
# the status of a body set up by a decision: its working regime, its seal, its dissolution
_STATUTE = re.compile(
    r"\b(?:lam viec|hoat dong) theo che do (?:kiem nhiem|chuyen trach)\b|\btu (?:giai the|cham dut hoat dong)\b"
    r"|\bsu dung con dau\b"
)
_STILL_LACKING = re.compile(
    r"(?:(?:trong |den het |tinh den )?(?:nam|quy|thang) [\divx/]+,?\s+)?(?:van |hien |hien nay )?(?:con|chua)\s(?!lai\b)"
)
_ORDER_WORDS = re.compile(r"\b(?:phai|can|khan truong|chiu trach nhiem|co trach nhiem|kip thoi|de nghi)\b")
_GIVES_ORDER = re.compile(r"(?:giao|de nghi|yeu cau|chi dao|phan cong)\b")


_HEAD_TITLE = re.compile(
    r"\s*(?:(?:pho )?giam doc|thu truong|(?:pho )?chu tich|nguoi dung dau|truong (?:cac )?(?:phong|ban|bo phan)"
    r"|chanh van phong)\b"
)
_CONSEQUENCE = re.compile(
    r"\s*[^;]{0,80}?\b(?:la (?:mot )?(?:can cu|tieu chi|co so)|se bi\b|duoc (?:xem xet|tinh vao))|\s*$"
    # "…; trường hợp để chậm, Sở Nội vụ sẽ báo cáo …": what follows a failure, no work handed out
    r"|\s*(?:truong hop|neu)\b[^;]{0,200}\bse\b"
)
# "…; không để xảy ra tình trạng …" after an accountability sentence: the lapse it answers for (a zero target)
_NO_LAPSE = re.compile(
    r"\s*(?:bao dam |dam bao )?khong de (?:xay ra|phat sinh|[^;]{0,60}\b(?:bi|phai))\b[^;]*$"
)
# a post in a body ("Giám đốc Sở Nội vụ làm Phó Chủ tịch thường trực", "thành viên là lãnh đạo …"): membership
_MEMBER_CLAUSE = re.compile(
    r"(?:[^.;:]{0,160}\bgom(?: co)?\s*:)?[^.;:]{3,160}?\slam\s+(?:pho\s+)?(?:chu tich|truong ban|to truong|to pho"
    r"|truong doan|thu ky|uy vien|thanh vien)\b[^;:,]*$|\s*(?:cac\s+)?thanh vien\s+(?:la|gom)\b[^;:]*$"
)
_CANCELLED = re.compile(
    r":\s*(?:(?:nay |tam )?(?:khong (?:to chuc|thuc hien|trien khai)|dung (?:thuc hien|trien khai|to chuc)|huy bo|bai bo"
    r"|rut khoi|dua ra khoi))\b[^;]*$"
)
# the people made answerable ("Các công chức được phân công chịu trách nhiệm trước …"): accountability, no work
_ACCOUNTABLE = re.compile(
    r"(?:cac |nhung )?(?:can bo|cong chuc|vien chuc|thanh vien|ca nhan|tap the|thu truong|nguoi dung dau"
    r"|(?:pho )?chu tich|giam doc|truong (?:cac )?(?:ap|khom|thon|ban|bo phan|khu pho|to dan pho))\b"
    r"[^.;:]{0,160}?\s(?:co\s[^.;,]{0,80}\s)?chiu trach nhiem truoc\b"
)


_PARTY_BODY = re.compile(
    r"(?:cac )?(?:dang uy|cap uy|chi bo|dang doan|ban can su|ban thuong vu|(?:tinh|thanh|huyen) uy)\b"
)


def _party_directs(subject: str, lead: str | None) -> bool:
    """ "- Lãnh đạo Ủy ban nhân dân cùng cấp công khai …" under "Các đảng ủy xã:": "lãnh đạo" is how a Party body
    directs the government body, the heading's Party body does the work."""
    return bool(lead and _PARTY_BODY.match(sfold(lead)) and re.match(r"lãnh đạo\b", lower_vi(subject)))


def _head_of(subject: str, lead: str | None) -> bool:
    """ "Giám đốc Sở" under the heading "Sở Nông nghiệp và Môi trường": the head of the heading's unit."""
    m = _HEAD_TITLE.match(sfold(subject))
    if not m or not lead:
        return False
    rest = sfold(subject)[m.end() :].strip()
    return (
        not rest
        or rest in ("so", "ubnd", "uy ban nhan dan", "phong", "ban", "trung tam")
        or _same_lead(rest, lead)
    )


_PROPOSED_STEP = re.compile(
    r"(?:^|[;,]\s*)(?:de xuat|kien nghi)\s+(?:ubnd|uy ban|chu tich|bo|so)\b[^.;,()]{3,120}$"
)


def _task_deadline(text, folded, start, end, default_year, doc_date) -> tuple[str | None, str]:
    """The first deadline of a task's text that is neither past nor the due date of a periodic report
    ("…; báo cáo UBND tỉnh hằng quý và năm (trước ngày 05/12/2027)" is a reporting rule)."""
    found = [
        (dl, kind, s, e)
        for dl, kind, s, e in find_deadlines(text[start:end], folded[start:end], default_year)
        if not is_past(dl, doc_date)
    ]
    # "Để …, trong năm 2027, UBND tỉnh yêu cầu X …": a year in the purpose clause only dates the purpose
    purpose = re.match(
        r"\s*de\s[^.;:]{5,300}?,\s*(?=[^,]{0,60}\b(?:yeu cau|de nghi|giao)\b)", folded[start:end]
    )
    if purpose and not lower_vi(text[start : start + 10]).lstrip().startswith("để "):
        purpose = None  # accent-checked: "Đề nghị …" is no purpose clause
    if purpose and any(s >= purpose.end() for _dl, _k, s, _e in found):
        found = [f for f in found if f[2] >= purpose.end()]
    # "Nhiệm vụ tại Văn bản số … (thời hạn 30/4/2027): …. Đề nghị … trước ngày 15/9/2027": the limit recited in
    # brackets is the old one when the item sets another after it
    recited = [
        f
        for f in found
        if re.search(
            r"\(\s*(?:(?:thoi han|han)\s*:?\s*)?$", folded[max(start, start + f[2] - 14) : start + f[2]]
        )
        and re.match(r"(?:thoi han|han)\b", folded[start + f[2] : start + f[3]])
        or re.search(r"\(\s*(?:thoi han|han)\s*:?\s*$", folded[max(start, start + f[2] - 14) : start + f[2]])
    ]
    if recited and any(f[2] > recited[-1][3] for f in found if f not in recited):
        found = [f for f in found if f not in recited]
    # "…, phấn đấu đến hết năm 2027 tỷ lệ … đạt 90%": the date of a goal clause is when the goal is measured,
    # not a time limit for the work — it belongs to the target only
    found = [f for f in found if not _in_goal_clause(folded, start, start + f[2], end)]
    # "…; đề xuất UBND tỉnh nhân rộng mô hình trong năm 2028": the time of what is proposed, not of this work
    found = [f for f in found if not _PROPOSED_STEP.search(folded, start, start + f[2])]
    # "Lập danh sách hộ có nhu cầu giải quyết thủ tục trong năm 2026, gửi … trước ngày 25/4/2026": the period
    # says when the needs arise, it is no time limit
    needs = [f for f in found if _NEED_PERIOD.search(folded, max(start, start + f[2] - 80), start + f[2])]
    if needs and any(f[2] > needs[-1][3] for f in found if f not in needs):
        found = [f for f in found if f not in needs]
    for dl, kind, s, e in found:
        cs = max(folded.rfind(";", start, start + s), folded.rfind(". ", start, start + s), start)
        ce = min(
            [i for i in (folded.find(";", start + e, end), folded.find(". ", start + e, end)) if i >= 0]
            or [end]
        )
        if "bao cao" in folded[cs:ce] and recurrences(text[cs:ce]):
            continue
        # "đợt 1 hoàn thành trước ngày 30/4/2027, đợt 2 hoàn thành trước ngày 31/8/2027": the last phase closes it
        i = found.index((dl, kind, s, e))
        while i + 1 < len(found) and _NEXT_PHASE.match(folded, start + found[i][3], start + found[i + 1][2]):
            i += 1
        i = _narrowed(folded, start, found, i)
        return found[i][0], found[i][1]
    return None, "none"


_NEED_PERIOD = re.compile(r"\b(?:co nhu cau|phat sinh|du kien (?:phat sinh|co))\b[^,;.()]{0,70}$")


_NARROWED = re.compile(r"\s*\(\s*(?:vao\s+|cu the\s*:?\s*)?")
# "… trong năm 2028 (vào tháng 6 và tháng 12/2028)": a time in brackets after a year, naming it more closely
_BRACKETED_TIME = re.compile(r"\s*\(\s*(?=vao\s|thang\s|quy\s|ngay\s)")


def _narrowed(folded: str, start: int, found: list, i: int) -> int:
    """ "trong năm 2028 (vào tháng 6 và tháng 12/2028)": the brackets after a deadline name the time within the
    same year more closely; returns the index of the deadline to keep."""
    if (
        i + 1 < len(found)
        and _NARROWED.fullmatch(folded, start + found[i][3], start + found[i + 1][2])
        and found[i + 1][0][:4] == found[i][0][:4]
    ):
        return i + 1
    return i


_GOAL_OPENER = re.compile(
    r"\b(?:phan dau|voi muc tieu|muc tieu)\b"
    # "…, bảo đảm đến hết năm 2027, tỷ lệ … đạt từ 80% trở lên": a level to hold at a time is a goal clause too
    r"|\b(?:bao dam|dam bao)(?=\s+(?:den het|den|trong)\s+(?:nam|thang|quy)\s+[\divx/]+\s*,)"
)
_GOAL_MEASURE = re.compile(
    r"\d\s*%|\b(?:dat|tang|giam|thuoc nhom|xep (?:hang|thu)|khong co|khong con|khong de|khong qua|it nhat|toi thieu|toi da)\b"
)


def _in_goal_clause(folded: str, start: int, pos: int, end: int) -> bool:
    """Whether the date at `pos` lies in a goal clause ("phấn đấu đến hết năm 2027 tỷ lệ … đạt 90%") that sets a
    measurable level; "phấn đấu hoàn thành … trước ngày …" (work to finish) is no goal clause."""
    cs = max(folded.rfind(";", start, pos), folded.rfind(". ", start, pos), start)
    # (the opener's own look-ahead may reach the date: "bảo đảm đến hết năm 2027, …")
    m = next(
        reversed([g for g in _GOAL_OPENER.finditer(folded, cs, min(end, pos + 40)) if g.end() <= pos]), None
    )
    if m is None:
        return False
    if re.search(
        r"\b(?:hoan thanh|xong)\b", folded[max(m.end(), folded.rfind(",", m.end(), pos)) : min(end, pos + 12)]
    ):
        return (
            False  # "…, phấn đấu tỷ lệ … đạt 99%, hoàn thành trong tháng 12/2025": the work's own time limit
        )
    ce = min([i for i in (folded.find(";", pos, end), folded.find(". ", pos, end)) if i >= 0] or [end])
    clause = folded[m.end() : ce]
    return bool(_GOAL_MEASURE.search(clause)) and not re.match(r"\s*(?:hoan thanh|xong)\b", clause)


_NEXT_PHASE = re.compile(
    r"[,;]?\s*(?:dot|giai doan|buoc|lan)\s+(?:\d{1,2}|[ivx]{1,4}|hai|ba|tu|cuoi)\b[^,;.]{0,40}$"
    # "… 06 nhiệm vụ quá hạn trong tháng 7/2026 và các nhiệm vụ còn lại … trước ngày 15/12/2026": the rest, later
    r"|\s+va\s+(?:cac |nhung |so )?[^,;.]{0,40}?\bcon lai\b[^,;.]{0,80}$"
)
# "Thời hạn: 31/7/2027. Phụ trách: Phó Giám đốc Sở X." under a commitment's item: the person in charge leads it
_TRAIL_LEAD = re.compile(r"\s*" + _LEAD_LABEL + r"\s*:|.*\bphu trach\s*:")
# "Thời gian thực hiện: Quý III/2027." closing a group of bullets: the time of every bullet above it
_TRAIL_TIME = re.compile(r"\s*thoi (?:gian|han)(?: thuc hien| hoan thanh)?\s*:")
_DUE_INTRO = re.compile(
    r"(?:(?:hoan thanh|gui|nop)\b[^:;]{0,80}?\s)?(?:truoc ngay|cham nhat (?:la )?ngay|trong (?:thang|quy))\s+[^:;]{3,30}:\s*$"
)
_HEAD_DUE = re.compile(
    r"\(\s*(?:hoan thanh\s+|thuc hien\s+)?(?:truoc|cham nhat|trong|xong truoc)\b[^()]{3,60}\)"
)


def _attach_trails(text: str, blocks: list[Block]) -> None:
    """Field lines placed AFTER the items they govern ("- Rà soát …\n- Thay mới …\nĐơn vị thực hiện: Phòng A.
    Thời gian hoàn thành: quý II/2026."; "- Nhiệm vụ: …\n- Cơ quan chủ trì: …\n- Thời hạn: …") apply to every
    sibling item above them, back to the previous field line or a sibling of another kind. A time line alone
    ("Thời gian thực hiện: thường xuyên.") closes a group of bullets the same way."""
    siblings: dict[int, list[Block]] = {}
    for b in blocks:
        siblings.setdefault(id(b.parent), []).append(b)
    for group in siblings.values():
        i = 0
        while i < len(group):
            c = group[i]
            if not _FIELD_LINE.match(sfold(text[c.body_start : c.end])):
                i += 1
                continue
            j = i
            while j < len(group) and _FIELD_LINE.match(sfold(text[group[j].body_start : group[j].end])):
                j += 1
            run = group[i:j]
            items = []
            k = i - 1
            while k >= 0 and group[k].kind == group[i - 1].kind and group[k].kind in ("bullet", "para"):
                if _FIELD_LINE.match(sfold(text[group[k].body_start : group[k].end])):
                    break
                items.append(group[k])
                k -= 1
            closing_time = (
                items
                and all(it.kind == "bullet" for it in items)
                and all(_TRAIL_TIME.match(sfold(text[f.body_start : f.end])) for f in run)
            )
            if items and (
                closing_time or any(_TRAIL_LEAD.match(sfold(text[f.body_start : f.end])) for f in run)
            ):
                for f in run:
                    f.is_trail = True
                for it in items:
                    it.trail = [(f.body_start, f.end) for f in run]
            i = j


def _fallback_deadline(
    text, folded, b: Block, shared_due, default_year, doc_date, period=None
) -> tuple[str | None, str]:
    """The date of an item that gives none of its own, looked for in ONE fixed order of places: a limit shared by
    the pieces of its paragraph ("… . Thời hạn hoàn thành: …"), its field lines placed after it ("Thời gian: …"),
    the heading above it (a "(hoàn thành trước …)", a "… trước ngày …:" intro), then the period line the item
    stands under ("A. THÁNG 10/2027", "B. Quý IV/2029")."""
    if shared_due[0]:
        return shared_due
    if b.trail:
        got = _task_deadline(text, folded, b.trail[0][0], b.trail[-1][1], default_year, doc_date)
        if got[0]:
            return got
    got = _heading_deadline(text, folded, b, default_year, doc_date)
    if got[0] is None and period:
        return period
    return got


def _period_lines(text: str, folded: str, blocks: list[Block], default_year, doc_date) -> tuple[dict, set]:
    """Lines naming only a period ("A. THÁNG 10/2027", "B. Quý IV/2029") over the items after them, up to the next
    period line or section: the period of each item (id → (deadline, kind)) and the ids of the lines."""
    dates: dict[int, tuple[str, str]] = {}
    heads: set[int] = set()
    current = None
    for b in blocks:
        title = _heading_title(folded[b.body_start : b.end])
        # (inside the work only: "BẢN CAM KẾT / Năm 2029" under the title is no period line)
        if (
            b.zone in ("task", "heading")
            and b.kind in ("roman", "para", "letter")
            and _PERIOD_HEADING.fullmatch(title)
        ):
            raw = re.sub(r"^\s*[A-Da-d][.)]\s*", "", text[b.body_start : b.end]).strip(" :")
            got = cell_deadline(raw, default_year)
            current = got if got and not is_past(got[0], doc_date) else None
            heads.add(id(b))
            continue
        if b.kind == "roman" or b.zone == "stop":
            current = None
        elif current:
            dates[id(b)] = current
    return dates, heads


# a heading grouping the work by time: "Những việc phải hoàn thành trong tháng 7/2027", "Các nhiệm vụ thực hiện
# trong Quý III/2027"
_WORK_PERIOD_HEAD = re.compile(
    r"^\s*(?:\d+(?:\.\d+)*[.)]\s*|[a-z][.)]\s*|[ivx]+\.\s*)?(?:nhung|cac)\s+(?:cong viec|viec|nhiem vu)\s+"
    r"(?:can |phai )?(?:hoan thanh|thuc hien|trien khai|lam)\s+(?:xong\s+)?(?:trong|truoc)\s+"
    r"(?:ngay|thang|quy|nam)\s+[\divx/]{1,12}\s*:?\s*$"
)


def _heading_deadline(text, folded, b: Block, default_year, doc_date) -> tuple[str | None, str]:
    """A date in the heading above an item ("Bước 2. Tự đánh giá (hoàn thành trước ngày 05/01/2027)")."""
    p = b.parent
    while p is not None and p.kind not in ("roman", "article"):
        title = folded[p.body_start : p.end]
        if not p.agency and title.rstrip().endswith(":") and _DUE_INTRO.search(title):
            # "1. Chuẩn bị tài liệu …, gửi Sở Nội vụ trước ngày 30/11/2027:" — one deadline for every item below
            m = _DUE_INTRO.search(title)
            got = _task_deadline(
                text, folded, p.body_start + m.start(), p.body_start + m.end(), default_year, doc_date
            )
            if got[0]:
                return got
        wm = _WORK_PERIOD_HEAD.search(title) if not p.agency else None
        if wm:
            # "1. Những việc phải hoàn thành trong tháng 7/2027" (no colon): the time of every item below it
            got = _task_deadline(
                text, folded, p.body_start + wm.start(), p.body_start + wm.end(), default_year, doc_date
            )
            if got[0]:
                return got
        if p.kind == "titled" or _HEAD_DUE.search(title):
            m = _HEAD_DUE.search(title)
            s, e = (p.body_start + m.start(), p.body_start + m.end()) if m else (p.body_start, p.end)
            got = _task_deadline(text, folded, s, e, default_year, doc_date)
            if got[0]:
                return got
        p = p.parent
    return None, "none"


_EXTENSION = re.compile(r"\b(?:gia han|lui thoi han|dieu chinh thoi han)\b")


def _extended_limit(text, folded, start, end, default_year, doc_date) -> tuple[str | None, str]:
    """ "Chủ tịch UBND tỉnh đồng ý gia hạn đến ngày 30/9/2027; đề nghị Sở B hoàn thành …": the new limit granted
    in the consent dates the work handed after it."""
    if not _EXTENSION.search(folded, start, end):
        return None, "none"
    return _task_deadline(text, folded, start, end, default_year, doc_date)


_HANDED_AFTER_COLON = re.compile(
    r"^[^.;:]{0,120}\b(?:giao|phan cong)(?:\s+(?:cu the|nhiem vu))?(?:\s+nhu sau)?\s*:\s*(?=\S)"
)
_CLOSING_LIMIT = re.compile(r"\.\s+(?=(?:Thời hạn|Hạn chót)\b)")


def _closing_limit(text, folded, start, end, default_year, doc_date) -> tuple[str | None, str]:
    """ "Sở A …; Sở B …; UBND xã C …. Thời hạn hoàn thành đối với các nội dung nêu tại khoản này: …": the time
    limit in the paragraph's last sentence dates every assignment before it."""
    found = list(_CLOSING_LIMIT.finditer(text, start, end))
    if not found:
        return None, "none"
    return _task_deadline(text, folded, found[-1].end(), end, default_year, doc_date)


_ASKS_RE = re.compile(r"(?:^|\s)(?:de nghi|yeu cau|giao)\s+")


def _intro_leads(text: str, blocks: list[Block]) -> dict[int, str]:
    """ "Bộ Nội vụ đề nghị UBND các tỉnh … quan tâm chỉ đạo:" written as a paragraph over numbered items that are
    not its children: the agency asked leads the items below it, up to the next section or intro."""
    out: dict[int, str] = {}
    lead = None
    for b in blocks:
        body = text[b.body_start : b.end].strip()
        if b.kind == "roman" or b.zone in ("heading", "stop"):
            lead = None
            continue
        if b.kind == "para" and body.endswith(":"):
            lead = None
            fb = sfold(body)
            found = list(_ASKS_RE.finditer(fb))
            if found and not b.children:
                s = b.body_start + (
                    len(text[b.body_start : b.end]) - len(text[b.body_start : b.end].lstrip())
                )
                s += found[-1].end()
                if looks_like_agency(text[s : s + 60]):
                    e = subject_end(text[: b.end], s)
                    name = text[s : e if e > s else b.end].strip(" ,;:")
                    if 0 < len(name.split()) <= 14:
                        lead = name
            continue
        if lead and b.kind in ("num", "letter", "bullet"):
            out[id(b)] = lead
    return out


# "… . Văn phòng Sở thực hiện thường xuyên.", "… . Các phòng thực hiện, gửi …": the verb takes on the work just
# described (no object of its own)
_TAKES_ON = re.compile(
    r"\s*(?:chu tri\s*(?:,\s*)?)?thuc hien\s*(?:ngay\s+)?(?:[,.;]|$|thuong xuyen\b|trong\b|truoc\b|cham nhat\b|hoan thanh\b)"
    r"|\s*chu tri\s*(?:[,.;]|$)"
)
# "Tổ chức 02 lớp …; Phòng Văn hóa - Xã hội chủ trì, hoàn thành trong Quý I/2027.": the taker after a semicolon
_LAST_CLAUSE = re.compile(r";\s+(?=[A-ZĐÀ-Ỹ])")


def _taker_of_the_work(text: str, folded: str, start: int, end: int) -> tuple[str, int, int] | None:
    """An item that describes the work without a subject, then names who does it in a later sentence
    ("Công khai … . Văn phòng Sở thực hiện thường xuyên."): that agency leads the whole item."""
    for m in _SENTENCE_END.finditer(text, start, end):
        subj = _subject(text, m.end(), end)
        if subj and _TAKES_ON.match(folded, subj[2], end):
            return subj
    found = list(_LAST_CLAUSE.finditer(text, start, end))
    if found:
        subj = _subject(text, found[-1].end(), end)
        if subj and subj[1] == found[-1].end() and _TAKES_ON.match(folded, subj[2], end):
            return subj
    return None


# "… . Trong quá trình thực hiện, nếu có vướng mắc, đề nghị liên hệ Phòng X (điện thoại …)./.": the formula
# closing a paragraph of work
_FORMULA_SENTENCE = re.compile(
    r"(?:trong qua trinh (?:thuc hien|trien khai)|qua trinh (?:thuc hien|trien khai)),?\s+(?:neu\s+)?co\s+(?:kho khan|vuong mac)"
)


def _closing_formula_cut(text: str, folded: str, start: int, end: int) -> int | None:
    """Where a closing formula (a "nếu có vướng mắc …" sentence, a contact line) starts after a first sentence of
    work in the same paragraph, else None."""
    for m in _SENTENCE_END.finditer(text, start, end):
        rest = folded[m.end() : end]
        if _FORMULA_SENTENCE.match(rest) or _CONTACT_RE.match(rest):
            return m.start() + 1
    return None


def _heading_lead(b: Block) -> str | None:
    """The agency of the item's own inline heading ("1. Sở Nội vụ: …"), else of the nearest heading above it
    (an agency heading, "Riêng …:", a role in brackets, "(đơn vị chủ trì: …)", a party label)."""
    p = b if b.agency and b.agency_span else b.parent
    while p is not None:
        if p.agency:
            return p.agency
        p = p.parent
    return None


def _item_fields(text: str, folded: str, b: Block, end: int) -> dict:
    """The explicit assignments of an item: inside it ("Thực hiện: X.", "(X chủ trì; …)", "do X chủ trì"), else in
    the field lines placed after it ("Phân công: …", "Đơn vị thực hiện: …")."""
    assigned = _assigned_fields(text, folded, b.body_start, end)
    if not assigned.get("lead") and b.trail:
        assigned = _assigned_fields(text, folded, b.trail[0][0], b.trail[-1][1])
    return assigned


# "1. Xã A: còn 214 hồ sơ quá hạn. Yêu cầu giải quyết …": the unit an item is written for, named as its label
_UNIT_LABEL = re.compile(
    r"\s*((?:[Xx]ã|[Pp]hường|[Tt]hị trấn|[Tt]hị xã|[Hh]uyện|[Qq]uận|[Đđ]ặc khu)\s+[A-ZĐÀ-Ỹ][^:;.()\n]{1,80}?)\s*:\s"
)
# "Yêu cầu UBND 02 xã …", "UBND các xã này …": the subject counts back to the units of the label
_COUNTED_BACK = re.compile(
    r"^((?:chu tich )?(?:ubnd|uy ban nhan dan))\s+(?:\d{1,2}|hai|ba|cac)\s+(?:xa|phuong)\b"
)


def _unit_label(text: str, b: Block) -> str | None:
    m = _UNIT_LABEL.match(text, b.body_start, b.end)
    return m.group(1) if m else None


def _counted_units(subject: str, label: str | None) -> str:
    """The subject, or the label's units under the subject's office when the subject only counts them."""
    m = _COUNTED_BACK.match(sfold(subject))
    if not label or not m or not re.search(r",| và ", label):
        return subject
    return subject[: len(m.group(1))] + " " + label[0].lower() + label[1:]


# "+ Ấp Xẻo Mít: Trưởng ấp …", "- Thôn A, thôn B: Trưởng thôn …": a place label, then the role of that place
_PLACE_LABEL = re.compile(
    r"\s*((?:ap|khom|thon|ban|buon|khu pho|to dan pho|xa|phuong)\s[^:;.\n]{1,80}?)\s*:\s*"
)


def _placed_role(text: str, b: Block) -> tuple[str, int, int] | None:
    """The subject of an item written "Place: Role verb …" where the role is the head of that kind of place: the
    role of the place named in the label leads ("Trưởng ấp Xẻo Mít")."""
    fb = sfold(text[b.body_start : b.end])
    m = _PLACE_LABEL.match(fb)
    if not m:
        return None
    s = b.body_start + m.end()
    subj = _subject(text, s, b.end)
    if not subj or subj[1] != s:
        return None
    level = m.group(1).split()[0]
    role = sfold(subj[0]).split()
    if len(role) < 2 or role[-1] != level:
        return None
    label = text[b.body_start + m.start(1) : b.body_start + m.end(1)]
    name = subj[0][: subj[0].rfind(" ")] + " " + label[0].lower() + label[1:]
    return name, subj[1], subj[2]


def _fallback_lead(
    text: str,
    folded: str,
    b: Block,
    end: int,
    intro_leads: dict,
    default_lead: str | None,
    addressee: str | None = None,
) -> tuple[str | None, tuple[str, int, int] | None]:
    """The lead of a work item with no subject of its own, looked for in ONE fixed order of places, so that a new
    layout combining known places reads right:
    1. the item's own fields ("Thực hiện: X", "Chủ trì: X", "(X chủ trì …)", "(X thực hiện)", a closing "(X)"),
       also when placed on lines after it ("Phân công: …", "Đơn vị thực hiện: …");
    2. a later clause of the item that takes the work on ("…; X chủ trì.", "… . X thực hiện thường xuyên.");
    3. the unit the item is written for, as its label ("1. Xã A: còn 214 hồ sơ quá hạn. Yêu cầu …");
    4. the enclosing heading (an agency heading, "Riêng …:", a role, "(đơn vị chủ trì: …)", a party label);
    5. a paragraph over the items that asks an agency ("… đề nghị UBND các xã:");
    6. the document's own taker: the unit that commits (a "Chức vụ:" form, "tập thể … Trung tâm X cam kết"), the
       agency the operative clause addresses;
    7. the single "Kính gửi" addressee of a letter whose request names nobody ("Sở Nội vụ đề nghị:");
    otherwise None (the issuer's own step). Returns the lead and, for place 2, the subject found."""
    fields = _item_fields(text, folded, b, end)
    if fields.get("lead"):
        return fields["lead"], None
    taker = _taker_of_the_work(text, folded, b.body_start, b.end)
    if taker:
        return taker[0], taker
    lead = _unit_label(text, b) or _heading_lead(b) or intro_leads.get(id(b)) or default_lead or addressee
    return lead, None


def parse_tasks(
    text: str,
    folded: str,
    blocks: list[Block],
    default_year: int | None,
    default_lead: str | None,
    targets_spans: list[tuple[int, int]] | None = None,
    doc_date: str | None = None,
    inherited: list | None = None,
):
    """`inherited` (if given) receives (start, end, deadline) of the items whose deadline comes from a field line
    or a heading shared with other items: the targets inside them share it."""
    targets_spans = targets_spans or []
    inherited = inherited if inherited is not None else []
    tasks = []
    parties = _parties(text, folded)
    terms = _defined_terms(text, folded)
    for b in blocks:
        if b.zone == "heading" or b.kind == "roman" or b.request:
            continue
        ah = _agency_heading(text, b)
        if ah and _topic_under_agency(text, b, ah[0]):
            continue
        if ah:
            b.agency, b.agency_span = ah[0], ah[1]
        elif _paren_lead_heading(text, folded, b):
            b.agency, b.agency_span = _paren_lead_heading(text, folded, b)
        elif _party_heading(text, b, parties):
            b.agency = _party_heading(text, b, parties)
    _attach_trails(text, blocks)
    intro_leads = _intro_leads(text, blocks)
    periods, period_heads = _period_lines(text, folded, blocks, default_year, doc_date)
    addressee = _asked_addressee(text, folded, blocks) if default_lead is None else None
    for b in blocks:
        if b.zone != "task" or b.is_trail or id(b) in period_heads:
            continue
        fb = sfold(text[b.body_start : b.end])
        items = _inline_items(text, folded, b) if not b.children else None
        if items:
            tasks.extend(_enumerated_tasks(text, folded, b, items, default_year, default_lead, doc_date))
            continue
        lm = _LABEL_ITEM_RE.match(fb.strip())
        if lm and not _subject(text, b.body_start + fb.find(":") + 1, b.end):
            continue  # "1. Nội dung: …", "3. Thời gian: …": a description of the plan, not a task
        gl = _GOAL_LINE.match(fb.strip())
        if gl and not _under_agency(b) and not _subject(text, b.body_start + fb.find(":") + 1, b.end):
            continue  # "2. Mục tiêu đến hết Quý IV/2027: điểm … đạt từ 88 điểm": the goal, its targets only
        if _REFUSAL.match(fb.strip()):
            continue  # "Không đồng ý đề nghị lùi thời hạn …": a refusal (its object a proposal), no work
        about = _ABOUT_LABEL.match(fb.strip())
        if about and _REFUSAL.match(fb.strip(), about.end()):
            continue  # "Về đề nghị bổ sung biên chế: không đồng ý, do …": a request answered no, no work
        if _NOT_TASK_OPENER.match(fb.strip()) and not _HANDS_WORK.search(fb):
            continue  # "Ghi nhận, biểu dương …", "Thống nhất chủ trương …": conclusions, not work
        if _BY_APPENDIX.fullmatch(fb.strip()):
            continue  # "Điều 1. Giao chỉ tiêu … (chi tiết tại Phụ lục kèm theo).": the appendix holds the work
        if b.parent is not None and _FIELD_LINE.match(fb):
            continue  # "- Thời gian thực hiện: …" belongs to the item above
        if _is_report_item(text, b, fb):
            continue  # read by parse_reporting
        if b.agency and b.agency_span:
            rest = text[b.agency_span[1] : b.end].lstrip(" :")
            # a closing paragraph hung under the last item is not one of its children
            if any(c.zone == "task" for c in b.children) or len(rest.split()) < 3:
                continue  # a pure heading
            if not b.children and rest.rstrip().endswith(":") and len(rest.split()) <= 6:
                continue  # "X yêu cầu Y tập trung thực hiện:" introduces the numbered items after it
            if not b.children and _ANNOUNCES_LIST.search(fb):
                continue  # "X yêu cầu mỗi chỉ tiêu … phải có một cơ quan chịu trách nhiệm chính, cụ thể:" likewise
        if (
            b.kind == "article"
            and len(fb.split()) <= 8
            and not fb.rstrip().endswith((".", ":"))
            and not _subject(text, b.body_start, b.end)
        ):
            continue  # "Điều 6. Chế độ báo cáo": an article's title, its text follows
        if b.children and all(is_table_line(text[c.start : c.end]) for c in b.children):
            continue  # the title of the table below it ("1. Các chỉ tiêu")
        field_kids = [c for c in b.children if _FIELD_LINE.match(sfold(text[c.body_start : c.end]))]
        kids = [
            c
            for c in b.children
            if c.zone == "task"
            and c not in field_kids
            and not _is_report_item(text, c, sfold(text[c.body_start : c.end]))
            and (c.children or _is_task_text(text, c) or _agency_heading(text, c))
        ]
        b.children = kids
        # "3. Cử lãnh đạo … ngày 25/11/2026.\n\nGiao Văn phòng …": a full sentence followed by paragraphs is a task
        # of its own; the paragraphs are read on their own
        own_sentence = (
            not b.agency
            and all(c.kind == "para" for c in b.children)
            and fb.rstrip().endswith(".")
            and len(fb.split()) >= 12  # a section title ("3. Cải cách thủ tục hành chính.") stays a heading
        )
        if own_sentence:
            b.children = []
        leaf = not b.children
        if not leaf and not _intro_with_list(text, b):
            continue
        if b.parent is not None and _intro_with_list(text, b.parent) or _under_contents(text, b):
            continue
        if _target_only(text, b, targets_spans) or (
            b.kind in ("num", "letter", "article")
            and len(fb.split()) <= 8
            and not fb.rstrip().endswith(".")
            and (_NON_TASK_SECTION.match(_heading_title(fb)) or _FACT_SECTION.match(_heading_title(fb)))
        ):
            continue
        if not _is_task_text(text, b) and not (b.agency and b.agency_span) and not b.request:
            if not _intro_with_list(text, b):
                continue
        if _looks_back(text, folded, b.body_start, b.end, doc_date) and re.search(
            r"\d+(?:[.,]\d+)?\s*%|\b(?:van con|tuy nhien)\b", fb
        ):
            continue  # a paragraph reporting results
        # the lead unit: inline heading, then the nearest agency heading above, then a sentence subject
        start, end = b.start, b.end
        if _intro_with_list(text, b):
            end = b.children[-1].end
        if _contents_intro(text, b):
            end = _subtree_end(b)  # "… Văn bản giải trình gửi về … trước ngày …" after the contents dates it
        if field_kids:
            end = max(end, field_kids[-1].end)
        lead = _heading_lead(b)
        subj = _subject(text, b.body_start, b.end)
        handed_at = None
        agreed_only = False
        if subj and _AGREES.match(folded, subj[2]):
            # "Chủ tịch UBND tỉnh thống nhất chủ trương …; giao Sở Nội vụ thẩm định …": the agreement is no work,
            # the agency given the work leads from "giao"
            # ("… đồng ý gia hạn đến ngày 30/9/2027; đề nghị Sở Nội vụ hoàn thành …": the agency asked leads)
            gm = re.compile(r"[;,.]\s*(?=(?:giao|de nghi|yeu cau)\s)").search(folded, subj[2], b.end)
            handed = _subject(text, gm.end(), b.end) if gm else None
            # "Sở Nội vụ thống nhất với đề xuất … . Sau khi …, Sở Nội vụ sẽ đưa …": a later sentence with its own
            # subject is work
            later = next(
                (m for m in _SENTENCE_END.finditer(text, subj[2], b.end) if _subject(text, m.end(), b.end)),
                None,
            )
            if handed:
                subj, handed_at = handed, gm.end()
            elif later:
                subj, handed_at = _subject(text, later.end(), b.end), later.end()
            else:
                agreed_only = (
                    True  # "Ban Thường vụ cơ bản đồng ý với Báo cáo …": an assent, no work handed out
                )
        if subj is None and lead is None:
            # "Để tháo gỡ …, UBND tỉnh giao: Sở A …; Sở B …", "Phân công cụ thể như sau: Sở A …": the first share's
            # agency stands right after the colon
            hm = _HANDED_AFTER_COLON.search(fb)
            if hm:
                subj = _subject(text, b.body_start + hm.end(), b.end)
        if subj is None and lead is None:
            # "Thống nhất chủ trương …; giao Sở Nội vụ xây dựng …": the work is handed out mid-sentence
            gm = re.search(r"[;,:.]\s*(?=(?:giao|de nghi|yeu cau)\s)", fb)
            if not gm:
                # "Để hoàn thiện dự thảo, Sở Tư pháp đề nghị các cơ quan …": an agency asks another
                gm = re.search(r"(?<=\s)(?=(?:de nghi|yeu cau)\s)", fb)
                if gm and not re.search(
                    r"(?:Sở|Ủy ban|UBND|Văn phòng|Phòng|Ban|Chủ tịch|Thanh tra|Công an)\b[^,.;]{0,40}$",
                    text[max(b.body_start, b.body_start + gm.start() - 60) : b.body_start + gm.start()],
                ):
                    gm = None
            if gm:
                subj = _subject(text, b.body_start + gm.end(), b.end)
                if subj and _NOT_TASK_OPENER.match(fb.strip()):
                    # "Đồng ý …; giao Sở Nội vụ xây dựng …": the task (its quote, its deadline) starts at "giao"
                    handed_at = b.body_start + gm.end()
        if subj is None and terms:
            subj = _defined_subject(text, b.body_start, b.end, terms)
        placed = _placed_role(text, b)
        if placed:
            subj = placed
        if subj is None:
            # no subject of its own: the fallback chain (a later clause, the item's fields, the heading, …)
            lead, subj = _fallback_lead(text, folded, b, end, intro_leads, default_lead, addressee)
        elif lead and _STAFF_ASSIGNED.match(fb):
            subj = None  # "- Phân công công chức phụ trách hộ tịch …" under a unit: the unit assigns its own staff
        elif subj and (
            lead is None
            or subj is placed
            or lead == default_lead
            # "1. Bên A giao Sở Nội vụ theo dõi …" under "Trách nhiệm của Bên A": the party hands the work on
            or re.match(r"\s*(?:\(\d{1,2}\)\s*)?(?:ben [a-d]\s+)?(?:giao|de nghi|moi|phan cong|rieng)\b", fb)
            # "- UBND các xã A, B và phường C xây dựng …" under "Yêu cầu Chủ tịch UBND các xã:": its own subject
            or (
                not b.agency
                and subj[1] == b.body_start
                and len(subj[0].split()) >= 2
                and not _same_lead(subj[0], lead)
                and not _head_of(subj[0], lead)
                and not _VERB_AS_HEAD.match(subj[0])
                and not _party_directs(subj[0], lead)
            )
        ):
            lead = subj[0]
        assigned = _item_fields(text, folded, b, end)
        if assigned.get("lead"):
            lead = assigned["lead"]  # an explicit "Chủ trì: X", "(X chủ trì)" wins over a sentence subject
        if lead is None:
            lead = intro_leads.get(id(b)) or default_lead
        # "Rà soát ít nhất 03 thủ tục … . Giao Phòng A chủ trì; thời gian …": the sentence that hands out the work
        # dates the whole item, the targets described before it share its time
        named_late = bool(subj and lead == subj[0] and _SENTENCE_END.search(text, b.body_start, subj[1]))
        body_start = b.body_start
        if (
            b.agency_span
            and b.agency_span[0] >= b.body_start
            and b.agency_span[1] <= b.end
            and not b.children
        ):
            colon = text.find(":", b.agency_span[1], b.end)
            if colon >= 0:
                body_start = colon + 1
        # the section it sits in
        section = None
        p = b.parent
        chain = []
        while p is not None:
            if p.kind in ("roman", "num", "letter") or p.agency:
                chain.append(squash(text[p.start : p.end])[:120])
            p = p.parent
        if chain:
            section = " › ".join(reversed(chain))
        if handed_at is not None:
            start = body_start = handed_at
        # a paragraph may hand work to several agencies, one sentence each
        trailing = None if (b.agency or b.children) else _trailing_leads(text, b.body_start, b.end)
        shares = None if (b.agency or b.children or trailing) else _share_out(text, b.body_start, b.end)
        shared_due: tuple[str | None, str] = (None, "none")
        if shares:
            # "Giao xử lý 20 PAKN, hoàn thành trước ngày …: Sở A 06 PAKN; Sở B 04 PAKN": one task per agency
            shared_due = _task_deadline(text, folded, b.body_start, shares[0][0], default_year, doc_date)
            after = shares[-1][1] + 1
            if shared_due[0] is None and text[after - 1 : after] == ")":
                # "… (Sở A 05 PAKN; Sở B 04 PAKN) trước ngày 15/4/2028": the limit after the brackets
                nxt = _SENTENCE_END.search(text, after, b.end)
                shared_due = _task_deadline(
                    text, folded, after, nxt.start() if nxt else b.end, default_year, doc_date
                )
            if shared_due[0] is None and _SHARED_LIMIT.match(folded, after, b.end):
                # "… UBND xã B 02 PAKN. Thời hạn cập nhật kết quả trước ngày …": the next sentence dates them all
                nxt = _SENTENCE_END.search(text, after + 1, b.end)
                shared_due = _task_deadline(
                    text, folded, after, nxt.start() if nxt else b.end, default_year, doc_date
                )
            pieces = [(ps, pe, pl) for ps, pe, pl in shares]
            lead = shares[0][2]
            start, end = shares[0][0], shares[0][1]
        elif trailing:
            lead = trailing[0][2]
            pieces = [(ps, pe, pl) for ps, pe, pl in trailing]
            pieces[0] = (body_start, pieces[0][1], lead)
            end = trailing[0][1] if len(trailing) > 1 else end
        else:
            pieces = _split_by_subject(
                text, folded, body_start, end if _intro_with_list(text, b) else b.end, lead
            )
            pieces = _dated_sentences(text, folded, pieces)
            if len(pieces) > 1:
                shared_due = _closing_limit(
                    text, folded, pieces[-1][0], pieces[-1][1], default_year, doc_date
                )
        for i, (ps, pe, piece_lead) in enumerate(pieces):
            cut = _closing_formula_cut(text, folded, ps, pe)
            if cut is not None:
                pe = cut
                if i == len(pieces) - 1:
                    end = min(end, cut)
            if _not_work(text, folded, ps, pe, doc_date) or (i == 0 and agreed_only):
                continue
            if (lead if i == 0 else piece_lead) is None and (
                _PASSIVE_NORM.match(_strip_marker(folded[ps:pe]))
                or _BY_ARTICLE.match(_strip_marker(folded[ps:pe]))
            ):
                continue  # "PAKN thuộc thẩm quyền phải được xem xét … trong thời hạn 10 ngày": a norm, nobody named
            if (i > 0 or len(pieces) > 1) and _is_report_span(
                text, ps, pe, _OPENING_CLAUSE.sub("", folded[ps:pe], count=1)
            ):
                continue  # "… . Sau khi được giao, các đơn vị báo cáo … cùng với báo cáo quý": a reporting rule
            first = i == 0
            q_start = start if first else ps
            q_end = end if i == len(pieces) - 1 else pe
            p_lead = lead if first else piece_lead
            p_assigned = assigned if first else _assigned_fields(text, folded, ps, q_end)
            if not first and p_assigned.get("lead"):
                p_lead = p_assigned["lead"]
            d_from = (b.body_start if handed_at is None else handed_at) if first else ps
            deadline, dkind = None, "none"
            deadline, dkind = _task_deadline(text, folded, d_from, q_end, default_year, doc_date)
            if deadline is None:
                got = _recurring_deadline(text, folded, d_from, q_end)
                if got:
                    deadline, dkind = got, "recurring"
            if deadline is None and first and handed_at is not None:
                deadline, dkind = _extended_limit(
                    text, folded, b.body_start, handed_at, default_year, doc_date
                )
            own = deadline is not None
            if own and first and field_kids and q_end > b.end:
                # "Chủ trì: …; Thời gian: Quý II/2027." below the item: the targets inside share it
                own = _task_deadline(text, folded, d_from, b.end, default_year, doc_date)[0] == deadline
            if first and _intro_with_list(text, b) and _phased(text, b):
                # the task is done when its last wave is
                waves = [
                    _task_deadline(text, folded, c.body_start, c.end, default_year, doc_date)
                    for c in b.children
                ]
                waves = [w for w in waves if w[0] and re.match(r"\d{4}-\d{2}", w[0])]
                if waves:
                    deadline, dkind = max(waves, key=lambda w: w[0].ljust(10, "9"))  # a month runs to its end
            if deadline is None:
                deadline, dkind = _fallback_deadline(
                    text, folded, b, shared_due, default_year, doc_date, periods.get(id(b))
                )
            if deadline and (not own or (first and named_late)):
                inherited.append((q_start, q_end, deadline))
            qs, qe = strip_span(text, q_start, q_end)
            p_lead = _counted_units(p_lead, _unit_label(text, b)) if p_lead else None
            tasks.append(
                {
                    "lead_unit": normalise_agency(p_lead) if p_lead else None,
                    "lead_text": p_lead,
                    "partners": p_assigned.get("partners") or _partners(text, ps, q_end),
                    "summary": _summary(text, ps, pe),
                    "deadline": deadline,
                    "deadline_kind": dkind,
                    "section": section,
                    "quote": text[qs:qe],
                    "start": qs,
                    "end": qe,
                }
            )
    return tasks


# ---------------------------------------------------------------- commitments written as prose

# "tôi, Nguyễn Văn A, Chủ tịch UBND phường X, cam kết …": the signer names the unit that commits
_FIRST_PERSON_RE = re.compile(
    r"\b(?:toi|chung toi),\s*[^,.;:]{3,60},\s*(?P<unit>[^,.;:]{3,120}?),?\s+(?:xin\s+)?cam ket\b"
)
_COMMIT_TITLE = re.compile(
    r"(?:(?:pho )?(?:chu tich|giam doc|thu truong|truong phong|truong ban|chanh van phong|nguoi dung dau)\s+)"
)
# openers that frame the sentence: "Trước hết,", "Đối với giải quyết thủ tục hành chính,", "Về chuyển đổi số,"
_PROSE_OPENER = re.compile(
    r"(?:truoc het|truoc tien|ngoai ra|dong thoi|(?:doi voi|ve|trong) [^,.;]{2,80}),\s*"
)
# a goal clause of the committing party: a target, not an undertaking
_GOAL_CLAUSE = re.compile(
    r"(?:toi|chung toi|phuong|xa|dac khu|so|don vi|co quan|ubnd|uy ban nhan dan)?[^,.;]{0,40}?\s*(?:se\s+)?"
    r"(?:phan dau|bao dam|dam bao|cam ket)\b"
)
_PROSE_REPORT = re.compile(r"(?:dinh ky|hang (?:thang|quy|nam)|6 thang|sau thang)\b[^.]{0,80}\bbao cao\b")
_PROSE_INTRO = re.compile(
    r"(?:nhung|cac) (?:noi dung|nhiem vu|viec) (?:sau|nhu sau)|^(?:thuc hien|can cu|theo)\s"
    r"|^(?:nam|quy|thang|6 thang|9 thang) (?:\d{4}|[ivx]+)"
)


def _prose_commitment(
    text: str, folded: str, blocks: list[Block], document: dict, default_year, doc_date
) -> tuple[list[dict], set[int]]:
    """A commitment ("Bản cam kết") written in paragraphs, with no list: every sentence that undertakes something
    ("Tôi sẽ ban hành …", "Mỗi quý, tôi tổ chức …", "Trong quý II/2027, phường hoàn thành …") is a task led by the
    committing unit; goal sentences ("phường bảo đảm tỷ lệ …", "tôi cam kết mức độ hài lòng …") hold targets only,
    results, the opening and reporting sentences hold no task. Returns the tasks and the ids of the blocks read."""
    if sfold(document.get("kind") or "") != "ban cam ket":
        return [], set()
    paras = [b for b in blocks if b.zone == "task"]
    if not paras or any(b.kind != "para" or b.children for b in paras):
        return [], set()
    lead = None
    for b in paras:
        m = _FIRST_PERSON_RE.search(folded, b.body_start, b.end)
        if m:
            unit = text[m.start("unit") : m.end("unit")].strip()
            tm = _COMMIT_TITLE.match(sfold(unit))
            lead = unit[tm.end() :] if tm and looks_like_agency(unit[tm.end() :]) else unit
            break
    if lead is None:
        return [], set()
    tasks = []
    for b in paras:
        cuts = [b.body_start] + [
            b.body_start + m.end() for m in re.finditer(r"[.!?]\s+(?=[A-ZĐÀ-Ỹ])", text[b.body_start : b.end])
        ]
        for i, ss in enumerate(cuts):
            se = cuts[i + 1] if i + 1 < len(cuts) else b.end
            fs = folded[ss:se].strip()
            if _PROSE_INTRO.search(fs) or _PROSE_REPORT.search(fs) or _FIRST_PERSON_RE.search(fs):
                continue
            if _looks_back(text, folded, ss, se, doc_date) or _not_work(text, folded, ss, se, doc_date):
                continue
            body = fs
            while True:
                om = _PROSE_OPENER.match(body)
                if not om:
                    break
                body = body[om.end() :]
            if _GOAL_CLAUSE.match(body):
                continue
            deadline, dkind = _task_deadline(text, folded, ss, se, default_year, doc_date)
            if deadline is None:
                got = _recurring_deadline(text, folded, ss, se)
                if got:
                    deadline, dkind = got, "recurring"
            qs, qe = strip_span(text, ss, se)
            tasks.append(
                {
                    "lead_unit": normalise_agency(lead),
                    "lead_text": lead,
                    "partners": _partners(text, ss, se),
                    "summary": _summary(text, ss, se),
                    "deadline": deadline,
                    "deadline_kind": dkind,
                    "section": None,
                    "quote": text[qs:qe],
                    "start": qs,
                    "end": qe,
                }
            )
    return tasks, {id(b) for b in paras}


# ---------------------------------------------------------------- task tables (phụ lục)


# "- Ngày 15/4/2027: kiểm tra tại Sở X.", "- Sáng ngày 20/5/2027: làm việc với UBND xã Y."
_DATED_LINE = re.compile(
    r"(?:[-+•*]\s*)?(?:(?:sang|chieu|toi)\s+)?(?:ngay\s+)?(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\s*:\s*(?=\S)"
)
_SCHEDULE_INTRO = re.compile(r"\blich\b|\bthoi gian\b[^:]{0,60}(?:nhu sau|sau)\s*:\s*$|\bnhu sau\s*:\s*$")


def _schedule_lines(text: str, folded: str, blocks: list[Block]) -> tuple[list[dict], set[int]]:
    """A schedule written as sentences under an intro ("Đoàn kiểm tra làm việc tại … theo lịch sau:"):
    each "Ngày D/M/Y: <work>" line is a task of the intro's subject, due that day."""
    tasks: list[dict] = []
    used: set[int] = set()
    for b in blocks:
        intro = b.parent
        if intro is None or b.zone == "stop":
            continue
        m = _DATED_LINE.match(folded, b.start, b.end)
        if not m:
            line = _timetable_line(text, folded, b)
            if line:
                used.add(id(b))
                tasks.append(line)
            continue
        fi = folded[intro.body_start : intro.end].rstrip()
        if not fi.endswith(":") or not _SCHEDULE_INTRO.search(fi):
            continue
        subj = _subject(text, intro.body_start, intro.end)
        lead = normalise_agency(subj[0]) if subj else None
        d, mo, y = (int(g) for g in m.groups())
        try:
            deadline = date(y, mo, d).isoformat()
        except ValueError:
            continue
        used.add(id(b))
        tasks.append(
            {
                "lead_unit": lead,
                "lead_text": subj[0] if subj else None,
                "partners": [],
                "summary": _summary(text, m.end(), b.end),
                "deadline": deadline,
                "deadline_kind": "date",
                "section": squash(text[intro.body_start : intro.end])[:120],
                "quote": text[b.start : b.end],
                "start": b.start,
                "end": b.end,
            }
        )
    return tasks, used


# "III. TIẾN ĐỘ THỰC HIỆN", "Thời gian và lộ trình thực hiện", "MỐC THỜI GIAN": a section that times the work
_TIMETABLE_TITLE = re.compile(
    r"(?:\d+\.\s*|[ivx]+\.\s*)?(?:tien do|thoi gian|lo trinh|moc thoi gian|lich trinh)\b"
)
# "- Trước ngày 28/11/2025: ", "- Từ ngày 01/12 đến ngày 19/12/2025: ", "- Tháng 3 - 4/2026 (theo lịch …): "
_TIME_LABEL = re.compile(
    r"[ \t]*(?:[-+•*][ \t]*)?(?=[^:\n]{0,30}\d)[^:\n]{3,60}?(?:\([^()\n]{0,80}\))?\s*:\s*(?=\S)"
)


def _timetable_line(text: str, folded: str, b: Block) -> dict | None:
    """A line of a timetable section that opens with its time and a colon: a task due by that time (a window's
    end), led by the agency that opens the work after the colon (none: the issuer's own step)."""
    head = b.parent
    if head is None or b.children or head.kind not in ("roman", "num", "letter", "titled"):
        return None
    title = folded[head.body_start : head.end].strip()
    if not _TIMETABLE_TITLE.match(title) or len(title.split()) > 8 or title.endswith("."):
        return None
    label = _TIME_LABEL.match(folded, b.start, b.end)
    if not label:
        return None
    found = [
        f
        for f in find_deadlines(text[b.start : b.end], folded[b.start : b.end])
        if f[3] <= label.end() - b.start
    ]
    if not found:
        return None
    subj = _subject(text, label.end(), b.end)
    lead = subj[0] if subj and subj[1] == label.end() else None
    return {
        "lead_unit": normalise_agency(lead) if lead else None,
        "lead_text": lead,
        "partners": _partners(text, label.end(), b.end),
        "summary": _summary(text, label.end(), b.end),
        "deadline": found[0][0],
        "deadline_kind": found[0][1],
        "section": squash(text[head.body_start : head.end])[:120],
        "quote": text[b.start : b.end],
        "start": b.start,
        "end": b.end,
    }


def parse_tables(
    text: str, tables: list[Table], default_year: int | None, committing: str | None = None
) -> tuple[list[dict], set[int]]:
    """Tasks from tables whose header names the task (or, in a schedule, the units inspected) and the lead
    ("Cơ quan chủ trì", "Đoàn kiểm tra"), with partner and time columns read by their header; one task per
    data row, group rows are titles. In a commitment, a table of undertakings with their time limits and no lead
    column is the committing unit's own work. Returns the tasks and the ids of the blocks used."""
    tasks: list[dict] = []
    used: set[int] = set()
    for table in tables:
        own = committing is not None and "lead" not in table.roles and "time" in table.roles
        leads = group_leads(table, text)
        if "task" not in table.roles or ("lead" not in table.roles and not own and not leads):
            continue
        used.update(table.blocks)
        for i, row in enumerate(table.rows):
            task_text = table.cell(text, row, "task")
            if row.group or len(task_text.split()) < 2:
                continue
            lead = committing if own else (table.cell(text, row, "lead").strip() or None)
            if leads:
                lead = _row_subject(text, row.cells[table.roles["task"]]) or leads.get(i)
            deadline, dkind = _row_deadline(table, text, row, default_year)
            partner = table.cell(text, row, "partner")
            partners = [normalise_agency(p) for p in split_agencies(partner)] if partner else []
            tasks.append(
                {
                    "lead_unit": normalise_agency(lead) if lead else None,
                    "lead_text": lead,
                    "partners": [p for p in partners if p],
                    "summary": schedule_summary(table, text, row)
                    or _summary(text, *row.cells[table.roles["task"]]),
                    "deadline": deadline,
                    "deadline_kind": dkind,
                    "section": "Phụ lục",
                    "quote": text[row.start : row.end],
                    "start": row.start,
                    "end": row.end,
                }
            )
    return tasks, used


def _row_subject(text: str, cell: tuple[int, int]) -> str | None:
    """ "Chủ tịch UBND xã đối thoại với người dân …" in a row under a group lead: the row's own subject leads."""
    subj = _subject(text, *cell)
    return subj[0] if subj and subj[1] == cell[0] and subj[2] < cell[1] else None


def _table_skips(tables: list[Table]) -> list[tuple[int, int]]:
    """Spans of tables that hold no targets: header and group rows, last year's results."""
    out = []
    for table in tables:
        out.append(table.header)
        for row in table.rows:
            if row.group:
                out.append((row.start, row.end))
                continue
            for role in ("result", "result2"):
                if role in table.roles:
                    out.append(row.cells[table.roles[role]])
    return out


_NONE_CELL = re.compile(r"(?:khong co|khong|0|khong phat sinh|khong de xay ra|khong con)\s*\.?")


_MILESTONE_HEAD = re.compile(r"(?:den het|den|truoc|moc)\s+(?=.*\d)")


def _milestone_columns(table: Table, default_year: int | None) -> dict[int, str]:
    """ "STT | Chỉ tiêu | Ước thực hiện năm 2027 | Đến 30/6/2028 | Đến 31/12/2028": a column headed by the day it
    runs to holds the targets due that day (a result column, a time column or a plain year are not milestones)."""
    out: dict[int, str] = {}
    other = {i for role, i in table.roles.items() if role != "goal"}
    for i, name in enumerate(table.names):
        m = _MILESTONE_HEAD.match(name.strip())
        if i in other or not m:
            continue
        got = cell_deadline(name.strip()[m.end() :], default_year)
        if got and got[1] in ("date", "month"):
            out[i] = got[0]
    return out


def _table_targets(
    text: str,
    tables: list[Table],
    targets: list[dict],
    default_year: int | None,
    skip: list[tuple[int, int]] = (),
) -> list[dict]:
    """Targets read in table rows: the row's measure (the "Chỉ tiêu" / "Nội dung" cell) names them, a task
    row's time is their deadline, and "Không có" in a target column is a zero target."""
    added = []
    for table in tables:
        name_role = "metric" if "metric" in table.roles else "task"
        milestones = _milestone_columns(table, default_year)
        goal_cols = sorted(milestones.keys() | ({table.roles["goal"]} if "goal" in table.roles else set()))
        for row in table.rows:
            if row.group:
                continue
            name = squash(table.cell(text, row, name_role))
            goal_spans = [(c, row.cells[c]) for c in goal_cols if c < len(row.cells)]
            inside = [t for t in targets if row.start <= t["start"] < row.end]
            road = row.cells[table.roles["roadmap"]] if "roadmap" in table.roles else (0, 0)
            for t in inside:
                col = next((c for c, (gs, ge) in goal_spans if gs <= t["start"] < ge), None)
                in_goal_cell = col is not None
                on_road = (
                    road[0] <= t["start"] < road[1]
                )  # "Quý II/2027: ≥ 98%": a step towards the row's goal
                if name and (in_goal_cell or on_road or len(t["metric"].split()) < 2):
                    none = in_goal_cell and t["value"] == 0 and t["operator"] == "="
                    t["metric"] = ("không có " + lower_vi(name[:1]) + name[1:]) if none else name
                    t["scope"] = _scope(name)
                if t["deadline"] is None and "time" in table.roles:
                    dl, kind = _row_deadline(table, text, row, default_year)
                    if kind in ("date", "month"):
                        t["deadline"] = dl
                if t["deadline"] is None and col in milestones:
                    t["deadline"] = milestones[col]
            for col, (gs, ge) in goal_spans:
                taken = any(gs <= t["start"] < ge for t in inside)
                if ge > gs and not taken and not any(a <= gs < b for a, b in skip):
                    value = _value_cell(text, gs, ge, name, milestones.get(col))
                    if value:
                        added.append(value)
                        continue
                if ge > gs and not taken and _NONE_CELL.fullmatch(sfold(text[gs:ge]).strip()):
                    added.append(
                        {
                            "metric": ("không có " + lower_vi(name[:1]) + name[1:]) if name else "",
                            "operator": "=",
                            "value": 0,
                            "unit": "",
                            "scope": _scope(name),
                            "deadline": milestones.get(col),
                            "quote": text[gs:ge],
                            "start": gs,
                            "end": ge,
                        }
                    )
    return sorted(targets + added, key=lambda t: t["start"])


# a goal cell that is a figure alone: "≥ 85 điểm", "≤ 3 ngày", "100%", "15 hồ sơ"
_VALUE_CELL = re.compile(
    r"(?P<op>≥|≤|>=|<=|>|<|=)?\s*(?P<val>\d{1,3}(?:\.\d{3})+|\d{1,6}(?:,\d{1,2})?)\s*(?P<unit>%|[^\W\d_]+(?: [^\W\d_]+)?)?"
)


def _value_cell(text: str, gs: int, ge: int, name: str, deadline: str | None) -> dict | None:
    """The target a goal cell holding a figure alone sets for the row's measure (a bare figure is "=")."""
    m = _VALUE_CELL.fullmatch(sfold(text[gs:ge]).strip())
    if not m or not name or not m.group("unit"):
        return None
    unit = text[gs:ge].strip()[m.start("unit") : m.end("unit")]
    value = _number(m.group("val"))
    return {
        "metric": name,
        "operator": _SYMBOL_OPS.get(m.group("op") or "=", "="),
        "value": int(value) if value == int(value) else value,
        "unit": "%" if unit == "%" else _unit(unit),
        "scope": _scope(name),
        "deadline": deadline,
        "quote": text[gs:ge],
        "start": gs,
        "end": ge,
    }


def _matrix_targets(text: str, blocks: list[Block], tables: list[Table], targets: list[dict]) -> list[dict]:
    """ "TT | Nhóm, đơn vị | Tỷ lệ … | Điểm …" under a title of targets ("CHỈ TIÊU … GIAO CHO …"), an appendix
    after the signature included: each row's figure under a measure's column is that unit's target for the
    measure (a bare figure is "=")."""
    added = []
    starts = {b.start: i for i, b in enumerate(blocks)}
    for table in tables:
        if set(table.roles) != {"unit"} or not _goal_context(text, blocks, starts.get(table.header[0], 0)):
            continue
        hs, he = table.header
        names = [squash(text[hs + a : hs + b]) for a, b in split_cells(text[hs:he])]
        for row in table.rows:
            for col, (gs, ge) in enumerate(row.cells):
                if col <= table.roles["unit"] or col >= len(names) or ge <= gs:
                    continue
                inside = [t for t in targets if gs <= t["start"] < ge]
                for t in inside:
                    if len(t["metric"].split()) < 2:
                        t["metric"], t["scope"] = (
                            names[col],
                            _scope(names[col]),
                        )  # the column names the measure
                value = None if inside else _value_cell(text, gs, ge, names[col], None)
                if value:
                    added.append(value)
    return sorted(targets + added, key=lambda t: t["start"])


_SEASON = re.compile(r"\b(?:thang|quy)\s+\d{1,2}(?:\s*(?:-|den|va)\s*(?:thang\s+)?\d{1,2})*\b")


def _row_deadline(table: Table, text: str, row: Row, default_year: int | None) -> tuple[str | None, str]:
    time_cell = table.cell(text, row, "time")
    got = cell_deadline(time_cell, default_year)
    if got:
        return got
    # "Trước ngày 10 hằng tháng" is kept as written; "Hằng quý" alone (no day) sets no deadline
    # ("Tháng 6 - 8 hằng năm" names a season that comes back, no day: no deadline)
    if recurrences(time_cell) and re.search(r"\d", _SEASON.sub(" ", sfold(time_cell))):
        return squash(time_cell), "recurring"
    return None, "none"


# ---------------------------------------------------------------- reporting

_TO_RE = re.compile(
    r"(?:gui|ve|len|trinh|bao cao(?: ket qua)?)\s+(?=(?:ubnd|uy ban|so|phong|van phong|ban|bo|chu tich|thuong truc))"
)


# reports talked about, not asked for: compliance with the reporting regime, late reports
_REPORT_TALK = re.compile(
    r"\bchap hanh (?:che do |quy dinh (?:ve )?)?bao cao\b|\bcham (?:gui |nop )?bao cao\b|\bkhong (?:gui |nop )?bao cao\b"
)


# a comment on a clause of a draft ("a) Khoản 2 Điều 4 (thành phần của Tổ): dự thảo quy định …. Đề nghị …"): what
# the draft says and what the comment proposes for it are rules under discussion, not this letter's
_DRAFT_CLAUSE = re.compile(r"(?:khoan \d{1,2}\s+)?(?:dieu \d{1,3}|phu luc)\s*\([^()\n]{2,80}\)\s*:")


def _draft_comments(folded: str, blocks: list[Block]) -> list[tuple[int, int]]:
    if "du thao" not in folded:
        return []
    return [(b.start, b.end) for b in blocks if _DRAFT_CLAUSE.match(folded, b.body_start)]


def parse_reporting(text: str, folded: str, blocks: list[Block]) -> list[dict]:
    out = []
    seen = set()
    drafts = _draft_comments(folded, blocks)
    for b in blocks:
        if (b.start, b.end) in drafts:
            continue
        # the closing paragraph may still set a rule ("Các phòng báo cáo … định kỳ hằng quý …./.")
        if (b.zone == "stop" and not b.closing) or b.fact:
            continue
        fb = folded[b.start : b.end]
        if not _REPORT_WORD.search(fb):
            continue
        # a block's inner line breaks are wraps (a page pasted from a PDF), not sentence ends
        for sm in re.finditer(r"[^.;]*(?:bao cao|\bgui ket qua thuc hien\b)[^.;]*(?:\.|;|$)", fb):
            sent_s, sent_e = b.start + sm.start(), b.start + sm.end()
            # take the whole sentence (parentheses may hold dots)
            sent = text[sent_s:sent_e]
            if not _REPORT_WORD.search(_REPORT_TALK.sub(" ", folded[sent_s:sent_e])):
                continue  # "theo dõi việc chấp hành chế độ báo cáo, công khai đơn vị chậm gửi báo cáo …": no report asked
            recs = recurrences(sent)
            if not recs:
                continue
            to = None
            tm = _TO_RE.search(folded[sent_s:sent_e])
            if tm:
                ts = sent_s + tm.end()
                te = subject_end(text[:sent_e], ts)
                te = sent_e if te < 0 else te
                to = text[ts:te]
                to = re.split(r"[.;]", to)[0]
                to = normalise_agency(to.replace("(qua", "(qua").strip())
                if to.count("(") > to.count(")"):
                    to = to + ")"
            qs, qe = strip_span(text, sent_s, sent_e, " \t\r\n-+•;")
            for r in recs:
                key = (qs, r["frequency"])
                if key in seen:
                    continue
                seen.add(key)
                due = {k: v for k, v in r.items() if k not in ("frequency", "start", "end")}
                out.append(
                    {
                        "frequency": r["frequency"],
                        "due_rule": _due_text(sent, r, recs) or None,
                        "due": due or None,
                        "to": to,
                        "quote": text[qs:qe],
                        "start": qs,
                        "end": qe,
                    }
                )
    return out


def _due_text(sent: str, r: dict, recs: list[dict]) -> str:
    later = [x["start"] for x in recs if x["start"] > r["start"]]
    stop = min(later) if later else len(sent)
    tail = sent[r["end"] : stop]
    m = re.search(r"(chậm nhất|trước)[^),;]*", tail, flags=re.IGNORECASE)
    if m:
        return squash(m.group(0))
    return ""


# ---------------------------------------------------------------- entry point


_GOAL_LINE = re.compile(r"(?:muc tieu|chi tieu|phan dau)\b[^:\n]{0,60}:")


def _without_goal_lines(text: str, b: Block) -> list[tuple[int, int]]:
    """The span of a results section, less the lines in it that set goals ("Mục tiêu năm 2027: … đạt từ 87% trở
    lên"): results are no targets, a goal stated among them is."""
    spans, s = [], b.start
    for c in sorted(_descendants(b), key=lambda c: c.start):
        if c.start >= s and _GOAL_LINE.match(sfold(text[c.body_start : c.end]).strip()):
            spans.append((s, c.start))
            s = _subtree_end(c)
    spans.append((s, _subtree_end(b)))
    return [(x, y) for x, y in spans if y > x]


# (a goal may list its levels with ";": "phấn đấu … từ 42 điểm trở lên; chỉ số … tăng ít nhất 0,50 điểm, … chỉ thị:")
_OPERATIVE_GOAL = re.compile(
    r"(?:\bde |\bnham |,\s*)phan dau\b(?:[^:;]|;(?=\s)){10,400}?(?=,\s*(?:[^,:;]{0,80}\b(?:de nghi|yeu cau|giao|chi thi)\b"
    r"|cu the)|:\s*$)"
    # "…, yêu cầu phấn đấu Chỉ số … thuộc nhóm 15 …, … đạt tối thiểu 5,2 điểm; đồng thời kết luận như sau:"
    r"|\byeu cau phan dau\b[^:;]{10,300}?(?=;\s*(?:dong thoi\s+)?[^:;]{0,120}:\s*$)"
)


def _operative_goal(text: str, b: Block) -> tuple[int, int] | None:
    """The goal clause of an operative sentence ("Để phấn đấu …, X đề nghị:", "…, nhằm phấn đấu … đạt từ 88% trở
    lên, tăng ít nhất 08 bậc, cụ thể như sau:"), as a span of the text, or None."""
    body = text[b.body_start : b.end]
    if not body.rstrip().endswith(":"):
        return None
    m = _OPERATIVE_GOAL.search(sfold(body))
    if not m or not _GOAL_MEASURE.search(m.group()):
        return None
    return b.body_start + m.start(), b.body_start + m.end()


_AND_VALUE = re.compile(r"\s+va\s+(\d{1,3}(?:[.,]\d{1,2})?)\s*(%|[^\W\d_]+)")


def _conjoined_floors(text: str, folded: str, targets: list[dict]) -> list[dict]:
    """ "tối thiểu 30% số cơ quan và 20% số xã", "ít nhất 05 sở và 10 xã, phường": the bound applies to each value
    joined by "và" — one target each, the second with the same operator and deadline."""
    out = []
    for t in targets:
        out.append(t)
        if t.get("operator") not in (">=", "<=", ">", "<"):
            continue
        q = folded[t["start"] : t["end"]]
        m = _AND_VALUE.search(q)
        raw = t.get("value")
        num = (f"{raw:g}" if isinstance(raw, float) else str(raw)).replace(".", ",")
        vm = re.search(r"(?<![\d,])0*" + re.escape(num) + r"(?![\d])", q)
        if not m or not vm or vm.end() > m.start() or "(" in q[vm.end() : m.start()]:
            continue  # the joined value must follow the target's own value
        if (m.group(2) == "%") != ("%" in q[: m.start()]):
            continue  # "30% … và 10 xã": a rate and a count are no pair
        cut = t["start"] + m.start()
        value = _number(m.group(1))
        value = int(value) if value == int(value) else value
        second = dict(t, value=value, start=t["start"] + m.start(1), end=t["end"])
        second["quote"] = text[second["start"] : second["end"]]
        second["metric"] = squash(text[t["start"] + m.end(1) : t["end"]]).strip(" %") or t.get("metric")
        t["end"] = cut
        t["quote"] = text[t["start"] : cut]
        metric = t.get("metric") or ""
        joined = re.search(r"\s+và\s+" + re.escape(m.group(1)), metric)
        if joined:
            t["metric"] = metric[: joined.start()]
        out.append(second)
    return out


# "đề nghị Quý Ủy ban …", "đề nghị Quý cơ quan …": the honorific names the addressee of the letter
_HONORIFIC = re.compile(r"Quý\s+(?=[^\W\d_])")
_SOLE_ADDRESSEE = re.compile(r"(?:^|\n)[ \t]*kinh gui[ \t]*:[ \t]*([^\n;]{3,120}?)[ \t.]*(?=\n)")


def _asked_addressee(text: str, folded: str, blocks: list[Block]) -> str | None:
    """The single "Kính gửi" addressee when the operative clause asks without naming whom ("…, Sở Nội vụ đề
    nghị:"): a letter to one body asks that body."""
    for b in blocks:
        if b.zone == "operative":
            if re.search(r"\b(?:de nghi|yeu cau)\s*:\s*$", folded[b.body_start : b.end]):
                return _sole_addressee(text, folded)
            return None
    return None


def _sole_addressee(text: str, folded: str) -> str | None:
    """The one body written after "Kính gửi:" on its own line (a list of recipients names no single one)."""
    m = _SOLE_ADDRESSEE.search(folded, 0, 3000)
    if not m or not looks_like_agency(text[m.start(1) : m.end(1)]):
        return None
    return text[m.start(1) : m.end(1)].strip()


_STATUS_SENTENCE = re.compile(
    r"(?:(?<=\. )|(?<=; )|(?<=\n))(?:tinh trang|ket qua(?: da)? thuc hien)\s*:[^.;\n]*"
)


def parse(text: str) -> dict:
    """Read a directive's text into a proposal: document, rankings, targets, tasks, reporting."""
    text = text if isinstance(text, str) else str(text)
    original, text = text, clean_text(text)  # extraction artefacts blanked, same offsets
    folded = sfold(text)
    document = parse_document(text, folded)
    default_year = int(document["date"][:4]) if document.get("date") else None
    rankings = parse_rankings(text, folded)
    # sentences that state rankings are history, not targets
    skip = []
    for r in rankings:
        s = max(folded.rfind(". ", 0, r["start"]), folded.rfind("\n", 0, r["start"]))
        e = folded.find("\n", r["end"])
        e = e if e >= 0 else len(text)
        # "… xếp thứ 26/34, giảm 04 bậc …. Chủ tịch … yêu cầu phấn đấu … thuộc nhóm 15 …": the history ends with its
        # sentence when a later sentence of the paragraph sets the goal
        dot = folded.find(". ", r["end"], e)
        if dot >= 0 and re.search(r"\bphan dau\b", folded[dot:e]):
            e = dot + 1
        # "(đạt 84,07%, xếp thứ 26/34, giảm 09 bậc …), nhằm phấn đấu …": a ranking in parentheses ends with them
        cl = folded.find(")", r["start"], e)
        if (
            0 <= cl <= r["end"]
            and "(" in folded[s + 1 : cl]
            and re.match(r"\s*,\s*(?:nham|de)\s+phan dau\b", folded[cl + 1 : e])
        ):
            e = cl + 1
        skip.append((s + 1 if s >= 0 else 0, e))
    blocks = split_blocks(text)
    build_tree(text, blocks)
    _zones(text, blocks)
    tables = find_tables(text, blocks, default_year)
    # rows of a task table keep their numbers even in an appendix after the signature
    task_rows = {
        (row.start, row.end)
        for t in tables
        if "task" in t.roles and ("lead" in t.roles or group_leads(t, text))
        for row in t.rows
        if not row.group
    }
    skip += _table_skips(tables)
    # numbers in cited documents / background blocks are not targets
    for b in blocks:
        goal = _operative_goal(text, b) if b.zone in ("operative", "task", "pre") else None
        if goal and (b.zone == "operative" or b.kind in ("article", "para")):
            # "Để phấn đấu Chỉ số … đạt từ 88% trở lên …, Sở Nội vụ đề nghị …:": the goal of the request is a target
            skip.extend([(b.start, goal[0]), (goal[1], b.end)])
        elif (b.zone in ("stop", "pre", "operative", "rule") or b.request) and (
            b.start,
            b.end,
        ) not in task_rows:
            skip.append((b.start, b.end))
        elif b.kind == "para" and _BACKGROUND_RE.match(sfold(text[b.body_start : b.end])):
            skip.append((b.start, b.end))
    # "… (thời hạn 30/6/2027): …. Tình trạng: đã số hóa 62%. Đề nghị …": a status stated mid-item is a fact
    for m in _STATUS_SENTENCE.finditer(folded):
        skip.append((m.start(), m.end()))
    skip += _denied_spans(folded)
    skip += _draft_comments(folded, blocks)
    committing = _committing_unit(text, blocks)
    default_lead = committing
    for b in blocks:
        if default_lead:
            break
        if b.zone == "operative" or b.request:
            fb = sfold(text[b.body_start : b.end])
            last = max(fb.rfind(". "), -1) + 1
            found = list(re.finditer(r"(?:yeu cau|de nghi|chi thi|giao(?! ban))\s+", fb[last:]))
            m = found[-1] if found else None
            if m:
                s = b.body_start + last + m.end()
                if _HONORIFIC.match(text, s):
                    default_lead = _sole_addressee(text, folded)
                elif looks_like_agency(text[s : s + 60]):
                    e = subject_end(text[: b.end], s)
                    if e < 0:
                        e = b.end
                    if e > s:
                        default_lead = text[s:e].strip(" ,;:")
            break
    goal_spans = []
    for b in blocks:
        title = sfold(text[b.body_start : b.end]).strip()
        if b.kind in ("roman", "num", "letter", "article", "para") and len(title.split()) <= 8:
            if re.match(r"(?:muc tieu|chi tieu|muc dich)", _heading_title(title)):
                goal_spans.append((b.start, _subtree_end(b)))
    for b in blocks:
        title = sfold(text[b.body_start : b.end]).strip()
        # "I. KẾT QUẢ CHỈ SỐ CCHC NĂM 2026 CỦA XÃ": a results section, its figures are history
        if b.kind in ("roman", "num", "letter") and len(title.split()) <= 12 and not title.endswith("."):
            # "II. TỒN TẠI, HẠN CHẾ": shortcomings are facts too ("tỷ lệ hồ sơ quá hạn … vẫn trên 5%")
            if re.match(r"(?:danh gia|ket qua|tinh hinh|thuc trang|ton tai|han che)", _heading_title(title)):
                skip.extend(_without_goal_lines(text, b))
    targets = parse_targets(text, folded, skip, default_year, document.get("date"), goal_spans)
    targets = _conjoined_floors(text, folded, targets)
    yearly = _milestones(text, folded, targets, document.get("date"))
    targets = _labelled_targets(text, folded, blocks, targets)
    _intro_deadlines(text, folded, blocks, targets, yearly)
    plan_year = _plan_year(text, folded, default_year)
    targets = _table_targets(text, tables, targets, plan_year, skip)
    targets = _matrix_targets(text, blocks, tables, targets)
    table_tasks, table_blocks = parse_tables(text, tables, plan_year, committing)
    prose_tasks, prose_blocks = _prose_commitment(
        text, folded, blocks, document, default_year, document.get("date")
    )
    table_tasks += prose_tasks
    table_blocks |= prose_blocks
    dated_tasks, dated_blocks = _schedule_lines(text, folded, blocks)
    table_tasks += dated_tasks
    table_blocks |= dated_blocks
    inherited: list = []
    tasks = parse_tasks(
        text,
        folded,
        [b for b in blocks if id(b) not in table_blocks],
        default_year,
        default_lead,
        [(t["start"], t["end"]) for t in targets],
        document.get("date"),
        inherited,
    )
    for t in targets:
        if t["deadline"] is None and id(t) not in yearly:
            for s, e, dl in inherited:
                if s <= t["start"] < e:
                    t["deadline"] = dl
                    break
    tasks = sorted(tasks + table_tasks, key=lambda t: t["start"])
    reporting = parse_reporting(text, folded, blocks)
    result = {
        "document": document,
        "rankings": rankings,
        "targets": targets,
        "tasks": tasks,
        "reporting": reporting,
    }
    restore_quotes(result, original)  # quotes are spans of the text as given
    return result
