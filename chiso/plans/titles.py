"""Short, meaningful task titles from a directive's sentence: the action phrase, not the subject.

"Người đứng đầu các cơ quan chuyên môn, …, Chủ tịch UBND các phường đẩy mạnh công tác tuyên truyền, …"
→ "Đẩy mạnh công tác tuyên truyền, quán triệt và tập trung chỉ đạo triển khai thực hiện nghiêm…";
"Đối với nội dung “Công khai, minh bạch”, UBND cấp xã thực hiện tốt …" → "Công khai, minh bạch: thực hiện tốt …".
Plain Python; the full sentence stays in the task's description."""

from __future__ import annotations

import re

from chiso.lib.vntext import fold

MAX_LEN = 140

# action verbs that open the predicate of a directive's sentence (folded, word-bounded)
_VERBS = [
    "day manh",
    "tang cuong",
    "thuc hien",
    "tiep tuc",
    "to chuc",
    "trien khai",
    "xay dung",
    "nang cao",
    "theo doi",
    "tham muu",
    "phoi hop",
    "chu tri",
    "ra soat",
    "tuyen truyen",
    "quan triet",
    "khai thac",
    "duy tri",
    "tong hop",
    "cap nhat",
    "kiem tra",
    "don doc",
    "bo tri",
    "ban hanh",
    "hoan thanh",
    "chi dao",
    "phat huy",
    "giai quyet",
    "thong tin",
    "day nhanh",
    "khan truong",
    "nghiem tuc",
    "chu dong",
    "quan tam",
    "tap trung",
    "bao cao",
]
_VERB_RE = re.compile(r"(?<![a-z])(" + "|".join(_VERBS) + r")(?![a-z])")
# words of a subject (who must act): the text before the verb must look like one
_AGENCY_RE = re.compile(
    r"(ubnd|uy ban|chu tich|nguoi dung dau|co quan|so |ban |nganh|don vi|phong |van phong|cap (huyen|xa|tinh)"
    r"|phuong|cac xa|huyen|tinh|thu truong|giam doc|mttq)"
)
_FOR_RE = re.compile(
    r"^\s*Đối với\s+(?:(?:chỉ số|nội dung|lĩnh vực|tiêu chí)\s+)?"
    r"((?:[“\"][^”\"]*[”\"]|\([^)]*\)|[^,“\"(])+?),\s+(?=\S)",
    re.I,
)


def _context(text: str) -> str:
    """The topic of "Đối với …": a quoted name, else an acronym in brackets, else the phrase."""
    q = re.search(r"[“\"]([^”\"]{3,80})[”\"]", text)
    if q:
        return q.group(1).strip()
    acr = re.search(r"\(([A-ZĐ][A-ZĐ ]{1,20})\)", text)
    if acr:
        return acr.group(1).strip()
    return text.strip()[:60]


def _strip_subject(text: str, lead_text: str = "") -> str:
    t = text.strip()
    if lead_text and fold(t).startswith(fold(lead_text)) and len(lead_text) < len(t) - 10:
        rest = t[len(lead_text) :].lstrip(" ,;:")
        return rest
    folded = fold(t)
    # the folded text has the same length as the original (one letter for one letter)
    if len(folded) != len(t):
        return t
    m = _VERB_RE.search(folded[:200])
    if m and m.start() > 0:
        subject = folded[: m.start()]
        if _AGENCY_RE.search(subject) and not _VERB_RE.search(subject):
            return t[m.start() :]
    return t


def _shorten(text: str, limit: int = MAX_LEN) -> str:
    t = re.sub(r"\s+", " ", text).strip().rstrip(".;:, ")
    if len(t) <= limit:
        return t
    cut = t[:limit]
    # prefer a clause boundary after half the limit, else a word boundary
    best = max(cut.rfind(", "), cut.rfind("; "), cut.rfind(" để "), cut.rfind(" nhằm "))
    if best < limit * 3 // 4:
        best = cut.rfind(" ")
    return cut[:best].rstrip(".;:, ") + "…"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def task_title(summary: str, lead_text: str = "", limit: int = MAX_LEN) -> str:
    """A readable title for the task of one sentence of a directive."""
    text = re.sub(r"\s+", " ", summary or "").strip().lstrip("-–•+* ").strip()
    # one sentence is enough for a title
    first = re.match(r"^(.{20,}?[.!?])\s+(?=[A-ZĐÀ-Ỹ])", text)
    if first:
        text = first.group(1)
    if not text:
        return ""
    context = ""
    m = _FOR_RE.match(text)
    if m:
        context = _context(m.group(1))
        text = text[m.end() :]
    action = _strip_subject(text, lead_text)
    if context:
        return _shorten(f"{context}: {action[:1].lower() + action[1:]}", limit)
    return _cap(_shorten(action, limit))


def distinct_titles(items: list[tuple[str, str]], limit: int = MAX_LEN) -> list[str]:
    """Titles for a directive's task sentences [(summary, lead_text)], distinct from one another."""
    out, seen = [], {}
    for summary, lead in items:
        title = task_title(summary, lead, limit) or "Nhiệm vụ"
        key = fold(title)
        if key in seen:
            seen[key] += 1
            title = f"{title} ({seen[key]})"
        else:
            seen[key] = 1
        out.append(title)
    return out
