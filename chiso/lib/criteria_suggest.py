"""Suggest the index criteria a directive's task serves, from the task's wording (plain Python).

The caller passes the criteria of the framework(s) the directive concerns, for its year, as data
(`Criterion`: index code, node code, name, short name); `suggest(text, criteria)` proposes at most three
of them, best first, always the same for the same input, only ever codes it was given. A person
confirms them: a suggestion is never a link by itself.

How, accent- and case-insensitive (`vntext.fold`), punctuation as spaces:
1. Abbreviations are spelt out in the task and in the criteria (TTHC, CCHC, QPPL, CBCC, CNTT…).
2. A small reform vocabulary (`SYNONYMS`) adds the criteria's own wording for what a task says in
   other words: "một cửa", "hồ sơ đúng hạn" → "thủ tục hành chính"; "tuyển dụng", "đào tạo, bồi
   dưỡng" → "công chức", "công vụ"; "chuyển đổi số", "dịch vụ công trực tuyến" → "chính quyền điện
   tử, chính quyền số", "hiện đại hóa hành chính"…
3. Each criterion scores the word pairs of its name (and short name) found in the task, each weighted
   by how rare it is among the criteria given (a pair every criterion has, "hành chính", weighs
   little), half as much when only a synonym said it, twice when the task's first sentence says it;
   the best NAME_PAIRS pairs count, over the square root of the name's pair count (at most
   NAME_PAIRS): a long name neither piles up evidence nor is diluted by its qualifiers.
4. Index gates: a SIPAS element needs the task to speak of satisfaction ("hài lòng", "SIPAS", the
   service of the administration), a PAPI dimension needs PAPI or a citizen-side wording of its own,
   a 766 item the service-delivery measures it counts (dossiers, online, payment, digitisation…), so
   that "thủ tục hành chính" alone suggests the PAR INDEX field, not every index's procedures item.
5. Kept: score ≥ MIN_SCORE and ≥ RATIO × the best; ties by the order of the criteria given."""

import math
import re
from dataclasses import dataclass

from chiso.lib.vntext import fold

MIN_SCORE = 1.0
RATIO = 0.6
LIMIT = 3
LEAD_WORDS = 30
LEAD_WEIGHT = 2.0
NAME_PAIRS = 4
SYNONYM_WEIGHT = 0.5

# Folded names people write for each index (code → names), besides its code; shared with
# chiso.plans.criteria. "hài lòng" names the satisfaction index.
INDEX_ALIASES = {
    "par": ["par index", "par", "chi so cai cach hanh chinh", "chi so cchc", "cchc", "cai cach hanh chinh"],
    "sipas": ["sipas", "chi so hai long", "su hai long", "hai long"],
    "papi": ["papi", "chi so hieu qua quan tri va hanh chinh cong"],
    "i766": ["766", "i766", "chi so 766", "bo chi so 766", "qd 766"],
    "pci": ["pci", "chi so nang luc canh tranh"],
}

ABBREVIATIONS = [
    (r"\btthc\b", "thu tuc hanh chinh"),
    (r"\bcchc\b", "cai cach hanh chinh"),
    (r"\bvbqppl\b", "van ban quy pham phap luat"),
    (r"\bqppl\b", "quy pham phap luat"),
    (r"\bcbccvc\b|\bcb ccvc\b", "can bo cong chuc vien chuc"),
    (r"\bcbcc\b", "can bo cong chuc"),
    (r"\bccvc\b", "cong chuc vien chuc"),
    (r"\bcntt\b", "cong nghe thong tin"),
    (r"\bcsdl\b", "co so du lieu"),
    (r"\bdvc\b", "dich vu cong"),
    (r"\bdvctt\b", "dich vu cong truc tuyen"),
    (r"\bbcci\b", "buu chinh cong ich"),
    (r"\bpctn\b", "phong chong tham nhung"),
]

# The reform vocabulary: (wordings a task uses, the criteria's own wording they stand for). Whole
# words of the folded, abbreviation-free text; every wording of a row adds the row's phrases once.
SYNONYMS: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    # direction and steering of the reform (PAR INDEX field 1)
    (
        (
            "ke hoach cai cach hanh chinh",
            "ban chi dao",
            "nguoi dung dau",
            "tuyen truyen",
            "sang kien",
            "thi dua khen thuong",
            "kiem tra cai cach hanh chinh",
            "kiem tra viec thuc hien nhiem vu cai cach hanh chinh",
            "nhiem vu duoc giao",
            "nhiem vu cai cach hanh chinh",
            "chi so cai cach hanh chinh",
            "chi tieu cai cach hanh chinh",
            "cong tac cai cach hanh chinh",
            "quan triet",
            "theo doi don doc",
            "huong dan don doc",
            "tap huan",
        ),
        ("chi dao dieu hanh cai cach hanh chinh",),
    ),
    # institutions, legal documents (field 2)
    (
        (
            "van ban quy pham phap luat",
            "quy pham phap luat",
            "thi hanh phap luat",
            "trai phap luat",
            "hop hien hop phap",
            "he thong hoa van ban",
            "cai cach the che",
            "ban hanh van ban",
        ),
        ("cai cach the che", "van ban quy pham phap luat"),
    ),
    # administrative procedures and their delivery (field 3; 766 "tiến độ, kết quả giải quyết")
    (
        (
            "mot cua",
            "bo phan tiep nhan va tra ket qua",
            "kiem soat thu tuc",
            "don gian hoa",
            "dung han",
            "tre han",
            "tre hen",
            "qua han",
            "xin loi",
            "giai quyet ho so",
            "ho so thu tuc hanh chinh",
            "cong bo cong khai",
        ),
        ("cai cach thu tuc hanh chinh",),
    ),
    (("dung han", "tre han", "tre hen", "qua han"), ("truoc va dung han",)),
    # organisation of the administration (field 4)
    (
        (
            "to chuc bo may",
            "sap xep to chuc",
            "kien toan to chuc",
            "tinh gian bien che",
            "phan cap quan ly",
            "so luong lanh dao",
            "so luong cap pho",
            "hoat dong cua cac co quan chuyen mon",
        ),
        ("cai cach to chuc bo may",),
    ),
    # civil service (field 5)
    (
        (
            "tuyen dung",
            "dao tao boi duong",
            "vi tri viec lam",
            "ky luat ky cuong",
            "van hoa cong so",
            "quy tac ung xu",
            "danh gia phan loai",
            "danh gia xep loai",
            "chat luong cong chuc",
            "chat luong can bo",
            "nang ngach",
            "chuc danh nghe nghiep",
            "thuc thi cong vu",
            "dat chuan",
        ),
        ("cai cach che do cong vu", "doi ngu cong chuc vien chuc"),
    ),
    # public finance (field 6)
    (
        (
            "tai chinh cong",
            "ngan sach",
            "tu chu",
            "kinh phi quan ly hanh chinh",
            "von dau tu cong",
            "giai ngan",
            "nguon thu",
            "co che tai chinh",
        ),
        ("cai cach tai chinh cong",),
    ),
    # e-government, digital government, modernisation (field 7)
    (
        (
            "chinh quyen dien tu",
            "chinh phu dien tu",
            "chinh quyen so",
            "chinh phu so",
            "chuyen doi so",
            "cong nghe thong tin",
            "phan mem",
            "van ban dien tu",
            "moi truong mang",
            "chu ky so",
            "chung thu so",
            "dich vu cong truc tuyen",
            "cong dich vu cong",
            "truc tuyen toan trinh",
            "truc tuyen muc do",
            "thanh toan truc tuyen",
            "iso",
            "an toan thong tin",
            "co so du lieu",
            "he thong thong tin",
            "so hoa",
            "buu chinh cong ich",
        ),
        ("chinh quyen dien tu chinh quyen so", "hien dai hoa hanh chinh"),
    ),
    # impact on people and the economy (field 8)
    (
        (
            "danh gia tac dong",
            "dieu tra xa hoi hoc",
            "moi truong kinh doanh",
            "thu hut dau tu",
            "doanh nghiep thanh lap moi",
            "nang luc canh tranh",
            "su hai long cua nguoi dan",
            "do luong su hai long",
        ),
        ("tac dong cua cai cach hanh chinh",),
    ),
    # satisfaction surveys (SIPAS): pillars and elements
    (
        ("thuc hien chinh sach", "xay dung to chuc thuc hien cac chinh sach"),
        ("thuc hien chinh sach",),
    ),
    (
        (
            "su phuc vu cua co quan hanh chinh",
            "phuc vu hanh chinh",
            "cung ung dich vu hanh chinh cong",
            "chat luong phuc vu",
        ),
        ("dich vu hanh chinh cong",),
    ),
    (("noi don tiep", "co so vat chat", "trang thiet bi"), ("tiep can dich vu",)),
    (
        (
            "thai do phuc vu",
            "giao tiep ung xu",
            "ky nang giao tiep",
            "cong chuc lam viec tai bo phan",
            "can bo cong chuc tai bo phan",
        ),
        ("cong chuc truc tiep giai quyet",),
    ),
    (
        ("phan anh kien nghi", "gop y"),
        ("tiep nhan xu ly gop y phan anh kien nghi", "xu ly phan anh kien nghi"),
    ),
    # PAPI dimensions, in a citizen's words
    (("dan chu o co so", "dan chu co so", "bau cu"), ("tham gia cua nguoi dan", "cap co so")),
    (("tiep can thong tin", "cong khai minh bach"), ("cong khai minh bach",)),
    (
        ("giai trinh", "khieu nai", "to cao", "tiep cong dan"),
        ("trach nhiem giai trinh",),
    ),
    (
        ("tham nhung", "tieu cuc", "nhung nhieu"),
        ("kiem soat tham nhung",),
    ),
    (("y te", "giao duc", "an ninh trat tu", "kham chua benh"), ("cung ung dich vu cong",)),
    (("bao ve moi truong", "o nhiem"), ("quan tri moi truong",)),
    (("cong thong tin dien tu", "trang thong tin dien tu", "internet"), ("quan tri dien tu",)),
]

# Word pairs too common in reform wording to tell criteria apart.
STOP_PAIRS = {
    "cua nguoi",
    "nguoi dan",
    "dan to",
    "to chuc",
    "va phat",
    "phat trien",
    "cai cach",
    "xay dung",
    "dung va",
    "nang cao",
    "cong tac",
    "thuc hien",
    "va to",
    "chuc thuc",
    "o cap",
    "cap xa",  # who does it (UBND cấp huyện, cấp xã), rarely what
    "cap huyen",
    "cap tinh",
    "ket qua",
    "chat luong",  # "nâng cao chất lượng" of anything
    "bo phan",  # "Bộ phận Một cửa" is where, not what
}

# An index's nodes are suggested only when the task speaks of what that index measures.
GATES = {
    "i766": (
        "766",
        "ho so",
        "truc tuyen",
        "thanh toan",
        "so hoa",
        "ket qua dien tu",
        "cong khai",
        "cong bo",
        "dich vu cong",
        "phan anh kien nghi",
        "hai long",
        "co so du lieu quoc gia",
    ),
    "sipas": (
        "hai long",
        "sipas",
        "cung ung dich vu hanh chinh cong",
        "phuc vu cua co quan hanh chinh",
        "to chuc thuc hien cac chinh sach",
    ),
    "papi": (
        "papi",
        "tham gia cua nguoi dan o cap co so",
        "cong khai minh bach",
        "trach nhiem giai trinh",
        "kiem soat tham nhung",
        "thu tuc hanh chinh cong",
        "cung ung dich vu cong",
        "quan tri moi truong",
        "quan tri dien tu",
        "ke hoach su dung dat",
    ),
}


@dataclass(frozen=True)
class Criterion:
    index: str  # the index's code: par, sipas, papi, i766, pci
    code: str  # the framework node's code: LV3, E2, D5.3, G2.1
    name: str
    short_name: str = ""


@dataclass(frozen=True)
class Suggestion:
    index: str
    code: str
    name: str
    score: float
    why: tuple[str, ...]  # the criterion's wording found in the task (for the reviewer)


def normalise(text: str | None) -> str:
    """Folded, abbreviations spelt out, punctuation as single spaces."""
    f = re.sub(r"[^a-z0-9]+", " ", fold(text or ""))
    for pattern, words in ABBREVIATIONS:
        f = re.sub(pattern, words, f)
    return f" {' '.join(f.split())} "


def _has(text: str, phrase: str) -> bool:
    return f" {phrase} " in text


def _pairs(text: str) -> set[str]:
    words = text.split()
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)} - STOP_PAIRS


def expand(text: str | None) -> tuple[str, list[str]]:
    """The task's normalised wording and the criteria wording its synonyms stand for."""
    t = normalise(text)
    extra = [
        phrase for wordings, phrases in SYNONYMS if any(_has(t, w) for w in wordings) for phrase in phrases
    ]
    return t, list(dict.fromkeys(extra))


def _evidence(text: str) -> dict[str, float]:
    """Word pairs of a text (weight 1) and of the criteria wording its synonyms stand for (each phrase
    apart, so no pair straddles two of them; weight SYNONYM_WEIGHT: the task did not say it so)."""
    t, extra = expand(text)
    out = {p: SYNONYM_WEIGHT for phrase in extra for p in _pairs(phrase)}
    return out | dict.fromkeys(_pairs(t), 1.0)


def lead(text: str | None) -> str:
    """The task's first sentence (or clause), at most LEAD_WORDS words: where it states its subject."""
    first = re.split(r"[.;:!?\n]", text or "", maxsplit=1)[0]
    return " ".join(first.split()[:LEAD_WORDS])


def indices_named(text: str | None, names: dict[str, list[str]] | None = None) -> list[str]:
    """The indices a text names, accent-insensitive: the codes of `names` in its order (INDEX_ALIASES'
    when None), each named by its code, a usual alias or one of its own names ({code: [short name]})."""
    t = normalise(text)
    out = []
    for code, own in (names if names is not None else dict.fromkeys(INDEX_ALIASES, [])).items():
        phrases = {normalise(a).strip() for a in [code, *INDEX_ALIASES.get(code, []), *own]} - {""}
        if any(_has(t, p) for p in phrases):
            out.append(code)
    return out


def concerned(text: str | None, rankings: list[dict] | None, names: dict[str, list[str]]) -> list[str]:
    """The indices a directive concerns (codes of `names`, see indices_named): those its text or its
    rankings name; all of them when it names none."""
    said = " ".join([text or "", *(str(r.get("index") or "") for r in rankings or [])])
    return indices_named(said, names) or list(names)


class Suggester:
    """The criteria of one directive's frameworks, read once; `suggest` for each of its tasks."""

    def __init__(self, criteria: list[Criterion]):
        self.criteria = list(criteria)
        self.names = [_pairs(normalise(f"{c.name} {c.short_name}")) for c in self.criteria]
        df: dict[str, int] = {}
        for pairs in self.names:
            for p in pairs:
                df[p] = df.get(p, 0) + 1
        n = len(self.criteria)
        # a pair few criteria have tells them apart; one every criterion has ("hành chính") weighs little
        self.weight = {p: math.log(1 + n / k) for p, k in df.items()}

    def suggest(self, text: str | None, limit: int = LIMIT) -> list[Suggestion]:
        """At most `limit` of the criteria the task's wording serves, best first ([] when none)."""
        whole = normalise(text)
        head, body = _evidence(lead(text)), _evidence(text)
        if not body or limit < 1:
            return []
        scored = []
        for order, (c, pairs) in enumerate(zip(self.criteria, self.names, strict=True)):
            gate = GATES.get(c.index)
            if not pairs or (gate and not any(_has(whole, g) for g in gate)):
                continue
            found = sorted(pairs & body.keys())
            # what the task's first sentence says counts twice: it names the task's subject
            weights = sorted(
                (self.weight[p] * max(body[p], LEAD_WEIGHT * head.get(p, 0)) for p in found), reverse=True
            )
            # the best NAME_PAIRS pairs: a long name neither piles up evidence nor is diluted by its
            # qualifiers ("… trong việc ra quyết định ở địa phương")
            score = sum(weights[:NAME_PAIRS]) / math.sqrt(min(len(pairs), NAME_PAIRS))
            if found and score >= MIN_SCORE:
                scored.append((-score, order, c, tuple(found)))
        scored.sort(key=lambda s: (s[0], s[1]))
        if not scored:
            return []
        best = -scored[0][0]
        return [
            Suggestion(c.index, c.code, c.name, round(-neg, 4), found)
            for neg, _, c, found in scored[:limit]
            if -neg >= RATIO * best
        ]


def suggest(text: str | None, criteria: list[Criterion], limit: int = LIMIT) -> list[Suggestion]:
    """At most `limit` criteria of `criteria` the task's wording serves, best first ([] when none)."""
    return Suggester(criteria).suggest(text, limit)
