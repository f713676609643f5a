"""Deadlines and recurrences in Vietnamese administrative wording.

All patterns run on the same-length folded text (see `textutil.sfold`), so offsets match the input.
"""

import datetime as dt
import re

from .textutil import sfold

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

_D = r"(\d{1,2})"
_M = r"(\d{1,2})"
_Y = r"(\d{4})"
# 15/12/2024, 15-12-2024, 15.12.2024, "ngày 15 tháng 12 năm 2024"
# one separator throughout: "4 - 5/2027" is a span of months, not 4 May
DATE_DMY = (
    rf"{_D}\s*/\s*{_M}\s*/\s*{_Y}|{_D}\s*-\s*{_M}\s*-\s*{_Y}|{_D}\s*\.\s*{_M}\s*\.\s*{_Y}"
    rf"|{_D}\s+thang\s+{_M}\s+nam\s+{_Y}"
)
DATE_DM = rf"{_D}\s*/\s*{_M}(?!\s*[/.-]?\s*\d)"
MONTH_MY = rf"{_M}\s*/\s*{_Y}|{_M}\s+nam\s+{_Y}"

_LEAD = r"(?:hoan thanh|xong|thuc hien|trien khai|ban hanh|bao cao|trinh|gui)?\s*"
_DEADLINE_RE = re.compile(
    # "chậm nhất vào cuối tháng 8/2027": the month
    r"(?P<trig>truoc ngay|truoc|den het ngay|den het|den ngay|cham nhat (?:la )?(?:vao )?(?:cuoi )?(?:ngay )?|"
    r"khong muon hon (?:ngay )?|"  # "không muộn hơn ngày 31/10/2027": no later than
    r"han (?:chot|cuoi)(?: la)?(?: ngay)?|thoi han(?: hoan thanh)?(?: la)?(?: truoc)?(?: ngay)?|"
    r"thoi gian (?:hoan thanh|thuc hien)(?: la)?(?: truoc)?(?: ngay)?|thoi gian\s*:|tien do\s*:|"
    r"trong thang|trong quy|trong nam|xong truoc|hoan thanh (?:trong|truoc)(?: ngay| thang| nam)?|"
    r"tu nay den(?: het)?(?: ngay)?|trong(?: 6| sau)? thang (?:dau|cuoi) nam|trong ngay|"
    r"thoi gian(?: thuc hien| hoan thanh)?\s*:\s*(?:6|sau) thang (?:dau|cuoi) nam|"
    r"den cuoi(?= nam \d{4})|vao cuoi(?= nam \d{4})|den(?= (?:nam|thang) \d)|vao luc|luc|sang(?= (?:ngay|thang|quy|nam) )"
    r"|vao(?= (?:quy|thang|ngay) )"  # "sơ kết 03 năm vào Quý III/2030"
    r"|(?<=truoc khi )(?:ket thuc|het)(?= (?:quy|thang|nam) )"  # "trước khi kết thúc Quý III/2027": its last day
    # "trong tuần thứ hai của tháng 8/2027", "trong các tháng 9, 10/2027": a part of a month, some months → the month
    r"|(?:trong|vao) (?:tuan|dot) thu [a-z0-9]+ cua(?= thang \d)|trong cac(?= thang \d)"
    r"|den(?= \d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}\s*,)"  # "Đến 30/11/2027, tỷ lệ …": a goal's date without "ngày"
    # "thời gian: cả năm 2024", "trong suốt năm 2024": the work runs all year, due by its end
    r"|(?:thoi gian[^:;.\n]{0,20}:\s*|trong\s+)(?:ca|suot)(?= nam \d{4})"
    # "tham gia lớp hướng dẫn do Văn phòng Sở tổ chức ngày 04/11/2027": the day of the event to attend
    r"|(?:to chuc|dien ra|khai giang)(?= ngay\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})"
    # "Giai đoạn 3 (tháng 10 và tháng 11/2027):", "trong dịp hè (tháng 6 - 8/2027)": a phase's time in brackets
    r"|(?:giai doan|dot)\s+\d{1,2}\s*\(\s*|trong (?:dip|dot|thoi gian|mua)\b[^()\n.;]{0,30}\(\s*"
    # "Đến hết năm học 2027 - 2028 (tháng 5/2028)": a school year closed by the month in brackets
    r"|(?:den het|den cuoi|trong|cuoi)\s+nam hoc\s+\d{4}\s*-\s*\d{4}\s*\(\s*"
    # "trình phiên họp thường kỳ tháng 8 của UBND phường (ngày 27/8/2027)": the meeting's date
    # ("kỳ họp thường lệ cuối năm 2027 (tháng 12/2027)": its month)
    r"|(?:phien hop|ky hop|cuoc hop|hoi nghi)\b[^.;()\n]{0,60}\(\s*"
    r"(?=(?:ngay\s+\d{1,2}\s*/\s*\d{1,2}|thang\s+\d{1,2})\s*/\s*\d{4}\s*\))"
    # "trình HĐND xã trong kỳ họp chuyên đề tháng 11/2027": the month named with the meeting
    r"|(?:phien hop|ky hop|cuoc hop|hoi nghi)\b[^.;,()\n\d]{0,40}?\s(?=thang\s+\d{1,2}\s*/\s*\d{4}(?!\d))"
    # "- Tháng 9 - 10/2023: nhập, phân tích dữ liệu": a timetable line opens with its time and a colon
    r"|(?:^|(?<=\n))[ \t]*(?:[-+•*][ \t]*)?(?=(?:thang|quy|ngay)\s+\d|(?:quy)\s+[iv]|\d{1,2}\s*/\s*\d))"
    r"\s*(?::\s*)?"
    r"(?:\d{1,2}\s*(?:gio|h|g(?=\d{2}\b|\s))(?:\s*\d{1,2}(?:\s*phut|')?)?\s*,?\s*(?:(?:sang|chieu|toi)\s*,?\s*)?)?"
    # the weekday before the date: "trước 14h00, thứ Sáu, ngày 18/6/2027"
    r"(?:(?:thu (?:hai|ba|tu|nam|sau|bay)|chu nhat)\s*,?\s*\(?\s*)?"  # "thứ Sáu (ngày 20/8/2027)"
    # a span or a pair sharing the year ("tháng 4 - 5/2027", "tháng 4 và tháng 8/2027", "15/6 - 31/7/2027"): its end
    r"(?:(?:thang\s+)?\d{1,2}\s*(?:-|va|den)\s*(?=(?:thang\s+)?\d{1,2}\s*/\s*\d{4}(?!\d))"
    r"|thang\s+\d{1,2}\s*,\s*(?=\d{1,2}\s*/\s*\d{4}(?!\d))"
    r"|(?:ngay\s+)?\d{1,2}\s*/\s*\d{1,2}\s*(?:-|den)\s*(?=(?:ngay\s+)?\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}(?!\d))"
    # two quarters sharing the year ("Quý III, IV/2026", "quý II và quý III/2027"): the later one
    r"|(?:quy\s+)?(?:i{1,3}|iv)\s*(?:,|-|va|den)\s*(?=(?:quy\s+)?(?:i{1,3}|iv)\s*(?:/|nam\s+)\s*\d{4}(?!\d)))?"
    r"(?P<what>"
    rf"(?:ngay\s+)?(?:{DATE_DMY})"
    rf"|(?:thang\s+)?(?:{MONTH_MY})"
    r"|(?:quy\s+)?(?:i{1,3}|iv|[1-4])\s*(?:/|nam\s+)\s*\d{4}"
    r"|(?:nam\s+)?\d{4}(?!\s*[/-]\s*\d)"
    rf"|(?:ngay\s+)?{DATE_DM}"
    r")"
)


def _month_end(y: int, m: int) -> dt.date:
    first_next = dt.date(y + (m == 12), m % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def _valid(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _parse_what(trig: str, what: str, default_year: int | None) -> tuple[str, str] | None:
    """(deadline, kind) from the matched pieces, or None when not a real date."""
    w = what.strip()
    m = re.fullmatch(rf"(?:ngay\s+)?(?:{DATE_DMY})", w)
    if m:
        g = [x for x in m.groups() if x is not None]
        d = _valid(int(g[2]), int(g[1]), int(g[0]))
        return (d.isoformat(), "date") if d else None
    m = re.fullmatch(rf"(?:thang\s+)?(?:{MONTH_MY})", w)
    if m and trig.endswith("quy") and re.fullmatch(r"[1-4]\s*/\s*\d{4}", w):
        w = "quy " + w  # "trong quý 3/2027": the quarter's number, not March
        m = None
    if m and (w.startswith("thang") or "thang" in trig or "/" in w):
        g = [x for x in m.groups() if x is not None]
        mo, y = int(g[0]), int(g[1])
        if not 1 <= mo <= 12 or not 1900 <= y <= 2200:
            return None
        if trig.startswith("truoc"):  # "trước tháng 6/2018" → last day of May
            prev = dt.date(y, mo, 1) - dt.timedelta(days=1)
            return prev.isoformat(), "date"
        return f"{y:04d}-{mo:02d}", "month"
    m = re.fullmatch(r"(?:quy\s+)?(i{1,3}|iv|[1-4])\s*(?:/|nam\s+)\s*(\d{4})", w)
    if m:
        q = ROMAN.get(m.group(1)) or int(m.group(1))
        y = int(m.group(2))
        mo = q * 3
        return _month_end(y, mo).isoformat(), "date"
    m = re.fullmatch(r"(?:nam\s+)?(\d{4})", w)
    if m:
        y = int(m.group(1))
        if not 1900 <= y <= 2200 or "ngay" in trig:
            return None
        if trig.startswith("truoc"):
            return f"{y - 1:04d}-12-31", "date"
        if trig.endswith("dau nam"):
            return f"{y:04d}-06-30", "date"
        return f"{y:04d}-12-31", "date"
    m = re.fullmatch(rf"(?:ngay\s+)?{DATE_DM}", w)
    if m and default_year:
        d = _valid(default_year, int(m.group(2)), int(m.group(1)))
        return (d.isoformat(), "date") if d else None
    return None


# "trong buổi sáng ngày 05/11/2027", "phục vụ buổi làm việc sáng ngày 09/11/2027": the morning of a day limits the
# work, or is the time of the event the work serves (folded, "sáng" is "sang", the word of a moved limit); a
# meeting's own hour ("họp vào 8 giờ sáng ngày …") dates no work
_MORNING = re.compile(r"[Ss]áng(?= ngày\s+\d)")
_MORNING_LIMIT = re.compile(r"(?:\btrong (?:buoi )?|\bphuc vu\b[^.;,()]{0,40}\s)$")
_MOVED = re.compile(r"\b(?:dieu chinh|lui|chuyen|gia han|keo dai|doi)\b[^.;]{0,80}\btu\s+[^.;]{3,30}$")


# what closes the time that opens a line: "Tháng 3 - 4/2026 (theo lịch của Bộ Nội vụ):"
_LINE_TIME_END = re.compile(r"\s*(?:\([^()\n]{0,80}\))?\s*:")
_LINE_WINDOW = re.compile(
    r"(?:^|\n)[ \t]*(?:[-+•*][ \t]*)?tu\s+(?:ngay\s+)?\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?\s*$"
)


# "Kiểm tra … tại 06 xã, từ ngày 11/10 đến ngày 22/10/2027 (Phòng A chủ trì)": the window closes the work's
# sentence, right before the bracket naming who does it — the time of the work, not a period of data
_CLOSING_WINDOW = re.compile(r",\s*tu\s+ngay\s+\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?\s*$")
_WINDOW_CLOSED = re.compile(r"\s*\((?![^)]*\b(?:so lieu|du lieu)\b)")


def _line_window(folded: str, m: re.Match) -> bool:
    """ "- Từ ngày 01/12 đến ngày 19/12/2025: …": a window that opens a line and is closed by a colon; or a window
    that closes the work's sentence before the lead's bracket."""
    before = folded[max(0, m.start() - 40) : m.start()]
    return bool(
        (_LINE_WINDOW.search(before) and _LINE_TIME_END.match(folded, m.end()))
        or (_CLOSING_WINDOW.search(before) and _WINDOW_CLOSED.match(folded, m.end()))
    )


def find_deadlines(text: str, folded: str | None = None, default_year: int | None = None):
    """Yield (deadline, kind, start, end) for each deadline expression in `text`."""
    folded = sfold(text) if folded is None else folded
    for m in _DEADLINE_RE.finditer(folded):
        trig = re.sub(r"\s+", " ", m.group("trig")).strip()
        # "trong năm 2017" / "đến hết năm" are deadlines; a bare "trước 2020" too, but not
        # "trong tháng" followed by a plain year
        got = _parse_what(trig, m.group("what"), default_year)
        if not got:
            continue
        if trig in ("", "-", "+", "•", "*") and not _LINE_TIME_END.match(folded, m.end()):
            continue  # a line opened by a date is timed only when a colon closes the time
        if trig in ("trong quy",) and not re.match(r"(?:quy\s+)?(i{1,3}|iv|[1-4])", m.group("what")):
            continue
        # a day/month without a year inside a recurrence ("6 tháng (trước ngày 15/6)") is a due rule
        if re.fullmatch(rf"(?:ngay\s+)?{DATE_DM}", m.group("what").strip()) and re.search(
            r"hang|dinh ky|moi\s", folded[max(0, m.start() - 80) : m.end() + 40]
        ):
            continue
        # "từ ngày 16/12/2024 đến ngày 15/11/2025" is a period (of data, of a campaign), not a deadline; a window
        # that opens a timetable line ("- Từ ngày 01/12 đến ngày 19/12/2025: các cơ quan …") is the time for the work
        if (
            trig.startswith("den")
            and not _line_window(folded, m)
            and re.search(
                r"\btu\s+(?:ngay\s+)?\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?\s*$|\btu\s+(?:thang\s+)?\d{1,2}\s*/\s*\d{4}\s*$"
                r"|\btu\s+(?:nam\s+)?\d{4}\s*$",
                folded[max(0, m.start() - 30) : m.start()],
            )
        ):
            continue
        # "(số liệu đến ngày 31/5/2025)", "chốt số liệu tính đến hết ngày …": the data's cut-off, not a deadline
        if trig.startswith("den") and re.search(
            r"\b(?:so lieu|du lieu)(?:\s+(?:tinh|thong ke|bao cao))?\s*$",
            folded[max(0, m.start() - 30) : m.start()],
        ):
            continue
        # "(phấn đấu) đến (cuối) năm 2027" is a deadline when it opens a clause or follows the commitment;
        # inside a title ("Đề án Chuyển đổi số … đến năm 2025") or a horizon ("định hướng đến năm 2030") it is not
        if trig in ("den", "den cuoi") and not re.search(
            # (also after an item's number written with a slash: "3/ Đến 30/11/2027, …")
            r"(?:^|[,;:.(\n]|(?:^|\n)\s*\d{1,2}/|\bphan dau|\bhoan thanh|\bxong)\s*$",
            folded[max(0, m.start() - 25) : m.start()],
        ):
            continue
        # "điều chỉnh từ ngày 30/6/2027 sang ngày 31/8/2027": a moved time limit, the new one after "sang"
        if (
            trig == "sang"
            and not _MOVED.search(folded[max(0, m.start() - 120) : m.start()])
            and not (
                _MORNING.match(text, m.start())
                and _MORNING_LIMIT.search(folded[max(0, m.start() - 60) : m.start()])
            )
        ):
            continue
        # a meeting's date is a deadline only for what is put before it ("trình phiên họp … (ngày …)")
        if re.match(r"(?:phien hop|ky hop|cuoc hop|hoi nghi)", trig) and not re.search(
            r"\b(?:trinh|bao cao|gui)\b[^.;]{0,40}$", folded[max(0, m.start() - 60) : m.start()]
        ):
            continue
        # skip a "ngày dd/mm/yyyy" that dates a cited document: "số 12/KH-UBND ngày 1/2/2018"
        before = folded[max(0, m.start() - 40) : m.start()]
        if re.search(r"(?:so|so hieu)\s*\S*\d+[^\s]*/[a-z0-9&.-]+\s*$", before) and trig.startswith("ngay"):
            continue
        yield got[0], got[1], m.start(), m.end()


def cell_deadline(cell: str, default_year: int | None = None) -> tuple[str, str] | None:
    """The deadline written alone in a table cell: "Quý II/2025", "Tháng 6/2025", "30/6/2025", "Trước 31/3/2025"."""
    folded = sfold(cell).strip()
    if not folded:
        return None
    whole_year = re.fullmatch(r"(?:ca|suot|trong ca)\s+nam\s+(\d{4})", folded)
    if whole_year:  # "Cả năm 2027": the work runs all year, due by its end
        return f"{whole_year.group(1)}-12-31", "date"
    if default_year and re.fullmatch(r"(?:ca|suot|trong ca|trong)\s+nam", folded):
        return f"{default_year}-12-31", "date"  # "Cả năm" in the table of a plan for one year
    found = list(find_deadlines(cell, folded, default_year))
    if not found and default_year:
        found = _yearless_cell(cell, folded, default_year)
    if not found:
        found = list(find_deadlines("trong " + cell, "trong " + folded, default_year))
    if not found:
        found = list(find_deadlines("den het " + cell, "den het " + folded, default_year))
    return (found[0][0], found[0][1]) if found else None


# "Quý I", "Quý II, III", "Tháng 6", "Tháng 10 - 11", "Trước tháng 9": a quarter or month without its year
_YEARLESS_CELL = re.compile(
    r"(?:[a-z ]{0,25}\s)?(?:quy\s+(?:i{1,3}|iv|[1-4])(?:\s*(?:,|-|va|den)\s*(?:quy\s+)?(?:i{1,3}|iv|[1-4]))*"
    r"|thang\s+\d{1,2}(?:\s*(?:-|va|den)\s*(?:thang\s+)?\d{1,2})*)\s*\.?"
)


def _yearless_cell(cell: str, folded: str, year: int) -> list:
    """A table's time cell that leaves out the year the plan is for ("Quý I", "Tháng 10 - 11"): read in that year."""
    if not _YEARLESS_CELL.fullmatch(folded) or re.search(r"\b(?:hang|moi|dinh ky)\b", folded):
        return []
    tail = folded.rstrip(" .")
    end = len(tail)
    cell, tail = cell[:end] + f"/{year}", tail + f"/{year}"
    return list(find_deadlines(cell, tail, year)) or list(
        find_deadlines("trong " + cell, "trong " + tail, year)
    )


# ---------------------------------------------------------------- recurrences

# a report named by its period and sent ("báo cáo năm gửi trước ngày 05/12", "báo cáo quý: …")
# a report named by its period: sent ("báo cáo năm gửi trước ngày 05/12", "báo cáo quý: …") or a report the
# results go into ("đưa vào báo cáo quý của Sở", "cùng với báo cáo 6 tháng"); not "báo cáo quý I/2027", "năm nay"
_SENT = r"(?=\s*[:(]|\s*,?\s*(?:gui|cham nhat|truoc\s+(?:ngay\s+)?\d)|\s*(?:[.;,)]|cua\b|ve\b|dinh ky\b|hang\b|$))"
# the next periods of a list ("định kỳ quý, 6 tháng, năm", "6 tháng và năm")
_LISTED = r"(?:(?<=thang, )|(?<=quy, )|(?<=thang va )|(?<=quy va ))"
# the end of a clause after "theo quý" ("báo cáo … theo quý./."), unlike "theo quy định"
_CLAUSE_END = r"(?=\s*[.;,)]|\s*$)"
_FREQ = [
    ("weekly", r"(?:hang|hng|moi|dinh ky(?: hang)?) tuan"),
    (
        "monthly",
        r"(?:hang|moi|dinh ky(?: hang)?) thang|(?<=bao cao )thang"
        + _SENT
        + r"|(?<=theo )thang"
        + _CLAUSE_END,
    ),
    (
        "half_yearly",
        r"(?:hang|moi|dinh ky)\s+(?:06|6|sau) thang(?! (?:dau|cuoi))|nua nam|(?:hang|moi) nua nam"
        # "báo cáo sơ kết 06 tháng thực hiện …": the review of the first six months, once, not every half-year
        r"|(?<!so ket )(?<!tong ket )(?:06|6|sau) thang(?! (?:dau|cuoi))",
    ),
    (
        "quarterly",
        r"(?:hang|moi|dinh ky(?: hang)?) quy(?! (?:dinh|trinh|che|hoach|mo|tac|chuan|doi)\b)"
        r"|(?<=bao cao )quy"
        + _SENT
        + r"|(?<=theo )quy"
        + _CLAUSE_END
        # "báo cáo CCHC quý, 6 tháng, năm": the first period of a list
        + r"|quy(?=\s*(?:,|va)\s*(?:(?:06|6|sau) thang\b|nam\b(?!\s*\d)))"
        # a report at the quarterly meeting ("báo cáo Ban Chỉ đạo tại phiên họp quý")
        + r"|(?<=phien hop )quy\b(?!\s*(?:[ivx]+\b|\d))",
    ),
    (
        "yearly",
        r"(?:hang|moi|dinh ky(?: hang)?) nam|(?:(?<=, )|(?<=va ))nam(?=\s*(?:\(|,|va\b|bao cao|ve\b|gui\b|$))|ca nam"
        r"|(?<=bao cao )nam"
        + _SENT
        + r"|"
        + _LISTED
        + r"nam\b(?!\s*(?:\d|nay|qua|truoc|sau|hoc|toi|ke|tiep))"
        # "báo cáo … tại phiên họp thường kỳ của UBND tỉnh tháng cuối năm"
        + r"|(?<=phien hop )thuong ky\b[^.;\d]{0,40}?\bthang cuoi nam\b",
    ),
]
# whole words: "9 tháng năm 2027" holds no "hằng năm"
_FREQ_RE = re.compile("(?<![\\w])(?:" + "|".join(f"(?P<{name}>{pat})" for name, pat in _FREQ) + ")")

_PERIOD_MONTH = {"dau": "first", "giua": "middle", "thu hai": "middle", "cuoi": "last", "thu ba": "last"}


def _due_after(folded: str, freq: str) -> dict:
    """Due-day details from the words after a frequency."""
    out: dict = {}
    m = re.search(
        r"(?:cham nhat|truoc|han)\s*(?:la\s+|vao\s+)?(?:ngay\s+)?(\d{1,2})(?:\s*/\s*(\d{1,2}))?"
        r"(?:\s+(?:cua\s+|hang\s+)?thang\s+(dau|giua|cuoi|thu hai|thu ba)\s+(?:cua\s+)?(?:quy|ky|nam)"
        r"(?P<next>\s+(?:sau|tiep theo|ke tiep))?|(?P<next_month>\s+(?:cua\s+)?thang\s+(?:sau|tiep theo|ke tiep)))?",
        folded,
    )
    if not m:
        m = re.search(
            r"ngay\s+(\d{1,2})(?:\s*/\s*(\d{1,2}))?(?:\s+(?:cua\s+)?thang\s+(dau|giua|cuoi)\s+quy)?", folded
        )
    if m:
        day = int(m.group(1))
        if 1 <= day <= 31:
            out["day"] = day
        if m.group(2):
            month = int(m.group(2))
            if 1 <= month <= 12:
                out["month"] = month
        if m.group(3):
            out["month_in_period"] = _PERIOD_MONTH[m.group(3)]
        groups = m.groupdict()
        if groups.get("next") or groups.get("next_month"):
            # "ngày 5 tháng đầu quý sau", "trước ngày 10 tháng sau": due in the period after
            out["month_in_period"] = "next"
    if freq == "quarterly" and "day" in out and "month_in_period" not in out and "month" not in out:
        if re.search(r"thang cuoi (?:quy|ky)", folded):
            out["month_in_period"] = "last"
        elif re.search(r"thang dau (?:quy|ky)", folded):
            out["month_in_period"] = "first"
    return out


def recurrences(text: str) -> list[dict]:
    """Every recurrence in `text`, in order, each with its due rule when the words give one.

    "Định kỳ hằng quý (chậm nhất ngày 12 của tháng cuối quý), năm (chậm nhất ngày 12/12)" →
    [{"frequency": "quarterly", "day": 12, "month_in_period": "last"},
     {"frequency": "yearly", "day": 12, "month": 12}]
    """
    folded = sfold(text or "")
    found = []
    matches = list(_FREQ_RE.finditer(folded))
    for i, m in enumerate(matches):
        freq = m.lastgroup
        nxt = matches[i + 1].start() if i + 1 < len(matches) else len(folded)
        tail = folded[m.end() : nxt]
        item = {"frequency": freq}
        item.update(_due_after(tail, freq))
        if "day" not in item:
            # "trước ngày 20 hằng tháng": the due rule stands before the frequency
            prev_end = matches[i - 1].end() if i else 0
            head = folded[max(prev_end, m.start() - 40) : m.start()]
            pm = re.search(
                r"(?:cham nhat|truoc)\s*(?:ngay\s+)?(\d{1,2})(?:\s*(?:/|\s+thang\s+)\s*(\d{1,2}))?\s*$", head
            )
            if pm and 1 <= int(pm.group(1)) <= 31:
                item["day"] = int(pm.group(1))
                if pm.group(2) and 1 <= int(pm.group(2)) <= 12:
                    item["month"] = int(pm.group(2))
        item["start"], item["end"] = m.start(), m.end()
        found.append(item)
    _pair_due_dates(folded, found)
    if not any(f["frequency"] == "quarterly" for f in found):
        # "trước ngày 05 của tháng cuối quý" names no frequency, yet recurs every quarter
        for m in _QUARTER_DAY_RE.finditer(folded):
            day = int(m.group(1))
            if 1 <= day <= 31:
                found.append(
                    {
                        "frequency": "quarterly",
                        "day": day,
                        "month_in_period": _PERIOD_MONTH[m.group(2)],
                        "start": m.start(),
                        "end": m.end(),
                    }
                )
        found.sort(key=lambda f: f["start"])
    return found


_LIST_SEP = re.compile(r"\s*(?:,|va)\s*")
_DUE_DATES = re.compile(
    r"\s*\(?\s*(?:cham nhat|truoc)\s*(?:ngay\s+)?\d{1,2}\s*/\s*\d{1,2}(?:\s*(?:,|va)\s*(?:ngay\s+)?\d{1,2}\s*/\s*\d{1,2})+"
)


def _pair_due_dates(folded: str, found: list[dict]) -> None:
    """ "báo cáo 6 tháng, năm (trước ngày 10/6 và 10/12)": a list of periods followed by as many dates, in order."""
    i = 0
    while i < len(found):
        j = i
        while j + 1 < len(found) and _LIST_SEP.fullmatch(folded, found[j]["end"], found[j + 1]["start"]):
            j += 1
        m = _DUE_DATES.match(folded, found[j]["end"]) if j > i else None
        dates = re.findall(r"(\d{1,2})\s*/\s*(\d{1,2})", m.group(0)) if m else []
        if len(dates) == j - i + 1 and all(1 <= int(d) <= 31 and 1 <= int(mo) <= 12 for d, mo in dates):
            for item, (d, mo) in zip(found[i : j + 1], dates, strict=True):
                item.pop("month_in_period", None)
                item["day"], item["month"] = int(d), int(mo)
        i = j + 1


_QUARTER_DAY_RE = re.compile(
    r"(?:cham nhat|truoc)\s*(?:la\s+|vao\s+)?(?:ngay\s+)?(\d{1,2})\s+(?:cua\s+)?thang\s+(dau|giua|cuoi|thu hai|thu ba)"
    r"\s+(?:cua\s+)?(?:moi\s+)?quy(?!\s*(?:i{1,3}|iv|\d)\b)"
)


def recurrence(text: str) -> dict | None:
    """The first recurrence in `text` (without offsets), or None.

    "hằng quý, chậm nhất ngày 12 của tháng cuối quý" → {"frequency": "quarterly", "day": 12, "month_in_period": "last"}
    "hằng năm trước 12/12" → {"frequency": "yearly", "day": 12, "month": 12}
    """
    found = recurrences(text)
    if not found:
        return None
    item = dict(found[0])
    item.pop("start")
    item.pop("end")
    return item
