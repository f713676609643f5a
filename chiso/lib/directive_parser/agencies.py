"""Agency names: abbreviations, headings ("- Sở Nội vụ:") and sentence subjects ("Sở Nội vụ chủ trì …")."""

import re

from .textutil import lower_vi, squash

# Longest first; applied on word boundaries.
ABBREVIATIONS = [
    ("LĐ-TB&XH", "Lao động - Thương binh và Xã hội"),
    ("LĐTB&XH", "Lao động - Thương binh và Xã hội"),
    ("LĐ-TBXH", "Lao động - Thương binh và Xã hội"),
    ("LĐTBXH", "Lao động - Thương binh và Xã hội"),
    ("VH,TT&DL", "Văn hóa, Thể thao và Du lịch"),
    ("VHTT&DL", "Văn hóa, Thể thao và Du lịch"),
    ("VHTTDL", "Văn hóa, Thể thao và Du lịch"),
    ("NN&PTNT", "Nông nghiệp và Phát triển nông thôn"),
    ("NNPTNT", "Nông nghiệp và Phát triển nông thôn"),
    ("TT&TT", "Thông tin và Truyền thông"),
    ("TTTT", "Thông tin và Truyền thông"),
    ("KH&ĐT", "Kế hoạch và Đầu tư"),
    ("KHĐT", "Kế hoạch và Đầu tư"),
    ("TN&MT", "Tài nguyên và Môi trường"),
    ("TNMT", "Tài nguyên và Môi trường"),
    ("GD&ĐT", "Giáo dục và Đào tạo"),
    ("GDĐT", "Giáo dục và Đào tạo"),
    ("KH&CN", "Khoa học và Công nghệ"),
    ("KHCN", "Khoa học và Công nghệ"),
    ("VH&TT", "Văn hóa và Thông tin"),
    ("TC-KH", "Tài chính - Kế hoạch"),
    ("GTVT", "Giao thông vận tải"),
    ("MTTQVN", "Mặt trận Tổ quốc Việt Nam"),
    ("MTTQ", "Mặt trận Tổ quốc"),
    ("UBMTTQ", "Ủy ban Mặt trận Tổ quốc"),
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
    ("BCĐ", "Ban Chỉ đạo"),
    ("BCH", "Ban Chấp hành"),
    ("CCHC", "cải cách hành chính"),
    ("CBCCVC", "cán bộ, công chức, viên chức"),
    ("CBCC", "cán bộ, công chức"),
    ("CCVC", "công chức, viên chức"),
    ("TTHC", "thủ tục hành chính"),
    ("CNTT", "công nghệ thông tin"),
    ("VP", "Văn phòng"),
    ("TP.", "thành phố"),
    ("TP", "thành phố"),
    ("Tp.", "thành phố"),
    ("Tp", "thành phố"),
    ("TX.", "thị xã"),
]

_ABBR_RE = re.compile(
    "|".join(
        r"(?<![\wĐđ&])" + re.escape(a) + (r"(?![\wĐđ&])" if a[-1] != "." else "")
        for a, _ in sorted(ABBREVIATIONS, key=lambda x: -len(x[0]))
    )
)
_ABBR = dict(ABBREVIATIONS)


_TWO_WORD_HEADS = {
    "van phong",
    "trung tam",
    "chi cuc",
    "bo phan",
    "kho bac",
    "buu dien",
    "cong an",
    "thanh tra",
    "chi nhanh",
    "cuc thue",
}
_LEVEL_WORDS = ("tinh", "huyen", "quan", "phuong", "xa", "thi tran")


def agency_case(name: str) -> str:
    """Sentence case for a name written in capitals: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG' → 'Sở Thông tin và Truyền
    thông', 'ỦY BAN NHÂN DÂN TỈNH AN GIANG' → 'Ủy ban nhân dân tỉnh An Giang'."""
    from .textutil import sfold

    name = squash(name)
    f = sfold(name)
    m = re.match(
        r"(?:uy ban nhan dan|ubnd)\s+(tinh|thanh pho|quan|huyen|thi xa|phuong|xa|thi tran|dac khu)\s*(.*)$", f
    )
    if m:
        level = name[m.start(1) : m.end(1)].lower()
        return squash(f"Ủy ban nhân dân {level} {name[m.start(2) :].title()}")
    # the People's Council, the Fatherland Front and Party committees are cased like the People's Committee
    m = re.match(
        r"(hoi dong nhan dan|hdnd|(?:uy ban )?(?:mttq|mat tran to quoc)(?: viet nam)?)\s+"
        r"(tinh|thanh pho|huyen|phuong|xa|dac khu)\s*(.*)$",
        f,
    )
    if m:
        body = (
            "Hội đồng nhân dân"
            if m.group(1) in ("hoi dong nhan dan", "hdnd")
            else "Ủy ban Mặt trận Tổ quốc Việt Nam"
        )
        level = name[m.start(2) : m.end(2)].lower()
        return squash(f"{body} {level} {name[m.start(3) :].title()}")
    m = re.match(r"(tinh|huyen|thanh|dang) uy\b\s*(.*)$", f)
    if m and name.isupper():
        head = name[: m.end(1)].title() + " ủy"
        return squash(f"{head} {name[m.start(2) :].title()}")
    originals = name.split()
    words = name.lower().split()
    out = []
    title_rest = False
    head2 = len(words) > 2 and sfold(" ".join(words[:2])) in _TWO_WORD_HEADS
    for i, w in enumerate(words):
        prev = sfold(words[i - 1]) if i else ""
        if head2 and i == 1:
            out.append(w)
            continue
        if head2 and i == 2:
            w = w[:1].upper() + w[1:]
        if originals[i].strip(",.;:") in _ABBR or "&" in originals[i]:
            out.append(originals[i])
            continue
        if title_rest or i < 2 or prev in ("va", "-"):
            w = w[:1].upper() + w[1:]
        if sfold(w) in _LEVEL_WORDS or (prev in ("thanh", "thi") and sfold(w) in ("pho", "xa")):
            title_rest = True
            w = w.lower()
        out.append(w)
    return " ".join(out)


def normalise_agency(name: str) -> str:
    """Expand the usual abbreviations so a name can be matched to an org unit.

    "Sở TT&TT" → "Sở Thông tin và Truyền thông"; "UBND tỉnh" → "Ủy ban nhân dân tỉnh";
    "VP HĐND và UBND" → "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân". Uỷ → Ủy, whitespace collapsed,
    leading "các"/"Giao" and trailing punctuation dropped.
    """
    if not name:
        return ""
    text = squash(str(name))
    if len(text.split()) >= 2 and text.isupper():
        text = agency_case(text)
    text = text.replace("Uỷ", "Ủy").replace("uỷ", "ủy")
    text = _ABBR_RE.sub(lambda m: _ABBR[m.group(0)], text)
    prev = None
    while prev != text:
        prev = text
        text = re.sub(r"^(?:[-+•*]+\s*|\d+(?:\.\d+)*[.)]\s*|[a-zđ]\)\s*)", "", text)
        text = re.sub(r"^(?:Giao|Đề nghị|Mời|Phân công|Yêu cầu)\s+", "", text)
        text = squash(text.strip(" :;,.-"))
    return text


# ---------------------------------------------------------------- recognising agency phrases

# Words (lower-case, accented) that open an agency phrase.
AGENCY_HEADS = [
    "ủy ban nhân dân",
    "ủy ban mặt trận",
    # Party bodies and the People's Council's own bodies
    "đảng ủy",
    "các đảng ủy",
    "đảng bộ",
    "các đảng bộ",
    "tỉnh ủy",
    "thành ủy",
    "huyện ủy",
    "cấp ủy",
    "các cấp ủy",
    "chi bộ",
    "các chi bộ",
    "ủy ban kiểm tra",
    "thường trực",
    "tổ đại biểu",
    "các tổ đại biểu",
    "đại biểu hội đồng",
    "ban chỉ huy",
    "ủy ban mttq",
    "ubmttq",
    "ubnd",
    "hđnd",
    "hội đồng nhân dân",
    "văn phòng",
    "vp ",
    "sở ",
    "phòng ",
    "ban ",
    "bộ phận",
    "bộ ",
    "cán bộ",
    "công chức",
    "viên chức",
    "chủ tịch",
    "phó chủ tịch",
    "các đồng chí",
    "đồng chí",
    "thủ trưởng",
    "giám đốc",
    "người đứng đầu",
    "lãnh đạo",
    "trưởng ",
    "các cơ quan",
    "các sở",
    "các đơn vị",
    "các phòng",
    "các ban",
    "các ngành",
    "các địa phương",
    "các xã",
    "các phường",
    "các huyện",
    "các quận",
    "cơ quan",
    "đơn vị",
    "công an",
    "bộ chỉ huy",
    "đài ",
    "báo ",
    "trung tâm",
    "cục ",
    "chi cục",
    "thanh tra",
    "kho bạc",
    "thuế tỉnh",  # the tax offices since 2025: "Thuế tỉnh X", "Thuế cơ sở 2"
    "thuế thành phố",
    "thuế cơ sở",
    "bưu điện",
    # border posts, health stations and telecom branches in upland communes' plans
    "đồn biên phòng",
    "các đồn biên phòng",
    "trạm y tế",
    "các trạm y tế",
    "viettel ",
    "vnpt ",
    "mặt trận",
    "mttq",
    "đoàn ",
    "tỉnh đoàn",
    "thành đoàn",
    "hội ",
    "hiệp hội",
    "các đoàn thể",
    "các tổ chức chính trị",
    "ngân hàng",
    "liên minh hợp tác xã",
    "liên đoàn",
    "tòa án",
    "viện kiểm sát",
    "bảo hiểm xã hội",
    "cục thuế",
    "chi nhánh",
    "tổ ",
    "ngành ",
    "tổ công tác",
    "bchq",
    # roles in a working group or a steering committee ("Tổ trưởng:", "Thành viên Sở Tài chính:", "Thư ký:")
    "thành viên",
    "các thành viên",
    "ủy viên",
    "thư ký",
    "phó trưởng",
    "phó giám đốc",
    "phó chánh",
    "chánh văn phòng",
    "chánh thanh tra",
    # "Các bộ, cơ quan ngang bộ", "Các bộ, ngành, địa phương" ("các bộ hồ sơ" are sets of papers)
    "các bộ,",
]
_NOT_AGENCY = (
    "ban hành",
    "báo cáo",
    "bộ máy",
    "cơ quan hành chính nhà nước các cấp",
    "hội nghị",
    "tổ chức",
    "phòng, chống",
    "phòng chống",
    "đoàn kết",
    "công chức,",
    "trưởng thành",
    "đơn vị hành chính",
    "cán bộ, công chức",
    "công chức giải quyết",
    "lãnh đạo, chỉ đạo",
    "ngành, lĩnh vực",
)

# Verbs and adverbs that end a subject phrase (lower-case, accented, whole words).
SUBJECT_END_WORDS = [
    "chủ trì",
    "phối hợp",
    "sẽ",
    "đã",
    "trả lời",
    "tổng kết",
    "tham mưu",
    "thực hiện",
    "triển khai",
    "tổ chức",
    "tăng cường",
    "đẩy mạnh",
    "nâng cao",
    "theo dõi",
    "tiếp tục",
    "chỉ đạo",
    "xây dựng",
    "rà soát",
    "đối chiếu",
    "ban hành",
    "hướng dẫn",
    "kiểm tra",
    "tổng hợp",
    "quán triệt",
    "tập trung",
    "khẩn trương",
    "nghiêm túc",
    "chịu trách nhiệm",
    "có trách nhiệm",
    "chủ động",
    "đề xuất",
    "báo cáo",
    "tuyên truyền",
    "phổ biến",
    "cung cấp",
    "bố trí",
    "đôn đốc",
    "duy trì",
    "hoàn thành",
    "bảo đảm",
    "đảm bảo",
    "cập nhật",
    "xử lý",
    "giải quyết",
    "khắc phục",
    "căn cứ",
    "tham gia",
    "thường xuyên",
    "kịp thời",
    "khai thác",
    "phát huy",
    "nghiên cứu",
    "đánh giá",
    "giám sát",
    "công khai",
    "sử dụng",
    "ứng dụng",
    "vận động",
    "cải thiện",
    "phải",
    "cần",
    "chưa",
    "vẫn",
    "được giao",
    "có",
    "là",
    "làm",
    "trực tiếp",
    "hướng",
    "quản lý",
    "rà",
    "xem xét",
    "tích cực",
    "huy động",
    "lựa chọn",
    "trình",
    "gửi",
    "tiếp nhận",
    "thông tin,",
    "thông tin tuyên truyền",
    "thẩm định",
    "cắt giảm",
    "thanh tra,",
    "đăng tải",
    "sắp xếp",
    "đăng ký",
    "kiện toàn",
    "cử",
    "ưu tiên",
    "ký",
    "nhằm",
    "để",
    "tiến hành",
    "cân đối",
    "phân bổ",
    "lập",
    "hỗ trợ",
    "dự toán",
    "hàng quý",
    "hằng quý",
    "định kỳ",
    "trước",
    "trong",
    "theo",
    "mở",
    "đưa",
    "tạo",
    "chấn chỉnh",
    "nâng cấp",
    "niêm yết",
    "bổ sung",
    "sửa đổi",
    "hoàn thiện",
    "đổi mới",
    "thành lập",
    "chuẩn bị",
    "phát động",
    "vận hành",
    "tập huấn",
    "bồi dưỡng",
    "khảo sát",
    "đo lường",
    "số hóa",
    "kết nối",
    "tích hợp",
    "đăng",
    "nắm",
    "giữ",
    "tăng",
    "giảm",
    "đồng thời",
    "phấn đấu",
    "nghiêm",
    "cũng",
    "sớm",
    "quyết liệt",
    "đẩy nhanh",
    "chịu",
    "nghiên cứu",
    "lập tức",
    "ngay",
    "phản ánh",
    "rút ngắn",
    "mở rộng",
    "lắp đặt",
    "tiếp công dân",
    "phân tích",
    "đặt",
    "giúp",
    "thống nhất",
    "đồng ý",
    "nhất trí",
    "chấp thuận",
    "lãnh đạo",  # "Đảng ủy UBND tỉnh lãnh đạo UBND tỉnh …": how a Party body directs
    "quan tâm",  # "đề nghị UBND các tỉnh quan tâm chỉ đạo:"
    "thẩm tra",
    "tiếp xúc",
    "xác định",
    "đối thoại",  # "Chủ tịch UBND xã đối thoại với người dân …"
    "gặp mặt",
    "in",  # "Trung tâm … in, cấp phát tờ gấp …": to print
    "sản xuất",  # "Sở Nội vụ sản xuất ít nhất 12 video …"
    "định hướng",
    "lồng ghép",
    # "Ban Thường vụ Tỉnh ủy cơ bản đồng ý với Báo cáo …": the hedge opens the verb ("xây dựng cơ bản" is a name)
    "cơ bản đồng ý",
    "cơ bản thống nhất",
    "cơ bản nhất trí",
    # "Sở Tư pháp tự đánh giá Lĩnh vực 2": the work a body does on itself
    "tự đánh giá",
    "tự chấm",
    "tự kiểm tra",
    "tự rà soát",
    "tự kê khai",
    "tự xác định",
    "tự theo dõi",
    "trả",  # "Công chức Tư pháp - Hộ tịch trả kết quả …": to return results ("trả lời": to reply)
]
_END_RE = re.compile(
    r"(?<![\wđ])(?:"
    + "|".join(re.escape(w) for w in sorted(SUBJECT_END_WORDS, key=len, reverse=True))
    + r")(?![\wđ])"
)

# Department/field names that contain one of the verbs above; skipped when cutting a subject.
PROTECTED_NAMES = [
    # "các sở theo lĩnh vực phụ trách": the qualifier says which departments, it is no verb
    "theo lĩnh vực phụ trách",
    "theo lĩnh vực được giao",
    "thông tin và truyền thông",
    "văn hóa và thông tin",
    "văn hóa - thông tin",
    "văn hóa, thông tin",
    "kế hoạch và đầu tư",
    "tài chính - kế hoạch",
    "tài nguyên và môi trường",
    "xây dựng",
    "quản lý đô thị",
    "công nghệ thông tin",
    "tổ chức - hành chính",
    "tổ chức hành chính",
    "tiếp nhận và trả kết quả",
    "một cửa",
    "thông tin và truyền thông",
    "trung tâm phục vụ hành chính công",
    "kiểm soát thủ tục hành chính",
    "phụ trách",
    "trực tiếp",
    "tuyên giáo",
    "khối vận",
    "phát thanh",
    "truyền hình",
    "cải cách hành chính",
    "chỉ đạo",
    "thông tin",
    "giáo dục và đào tạo",
    "tổ chức chính trị - xã hội",
    "tổ chức chính trị xã hội",
    "tổ chức chính trị",
    "tổ chức đoàn thể",
    "tổ chức hội",
    "khoa học và công nghệ",
    "nông nghiệp và phát triển nông thôn",
    "phát triển nông thôn",
    "phục vụ hành chính công",
    "tiếp công dân",
    "xúc tiến đầu tư",
    "hỗ trợ doanh nghiệp",
    "đăng ký đất đai",
    "giúp việc",  # "Tổ giúp việc Ban Chỉ đạo"
    "sử dụng công nghệ cao",  # "Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao"
    "làm việc tại",  # "Công chức làm việc tại Trung tâm …": who they are, not what they do
    "công tác tại",
    "lãnh đạo",  # "Sở Nội vụ và lãnh đạo các phòng": the leaders, after an agency noun or "và"
    "tổ chức đảng",  # "Các cấp ủy, tổ chức đảng"
    "kiểm tra tỉnh ủy",  # "Ủy ban Kiểm tra Tỉnh ủy"
    "kiểm tra thành ủy",
    "kiểm tra huyện ủy",
    "kiểm tra đảng ủy",
]


# "Cán bộ, công chức làm việc tại Bộ phận Một cửa": the people of a unit, named by where they work
_PEOPLE_AT = re.compile(
    r"(?:cán bộ|công chức|viên chức)(?:,? (?:công chức|viên chức))* (?:làm việc|công tác) tại "
)


def looks_like_agency(phrase: str) -> bool:
    low = lower_vi(phrase).lstrip(" -+•*")
    low = re.sub(r"^(?:đối với|giao|đề nghị|mời|phân công|yêu cầu)\s+", "", low)
    if not low:
        return False
    for bad in _NOT_AGENCY:
        if low.startswith(bad) and not _PEOPLE_AT.match(low):
            return False
    return any(low.startswith(h) for h in AGENCY_HEADS)


# a head noun alone, standing for the unit already named ("Đề nghị Phòng rà soát …" under "Phòng Hành chính:")
_BARE_HEAD = re.compile(r"\s*(?:Phòng|Sở)\s+(?=[a-zđà-ỹ])")


def subject_end(text: str, start: int = 0) -> int:
    """Index in `text` where the agency phrase that starts at `start` ends (first verb), or -1."""
    low = lower_vi(text[start:])  # only what follows `start` (a long text is not lowered on every call)
    bare = _BARE_HEAD.match(text, start)
    # (the class à-ỹ holds capitals too: "Phòng Đăng ký kinh doanh" is a name, not the head and a verb)
    if bare and text[bare.end()].islower():
        at = bare.end() - start
        if _END_RE.match(low, at) and not any(low.startswith(name, at) for name in PROTECTED_NAMES):
            return start + len(low[:at].rstrip())
    end = _subject_end(low)
    return end if end < 0 else start + end


# after a group ("các cơ quan …"), "được giao chủ trì nhiệm vụ tại Phụ lục" says which members, it is no verb
_ASSIGNED_QUALIFIER = re.compile(
    r"được (?:giao|phân công) (?:chủ trì )?(?:các )?(?:nhiệm vụ|tiêu chí|chỉ tiêu)"
    r"(?: tại (?:phụ lục|điều \d+|mục [ivx\d]+|kế hoạch này)(?: kèm theo)?)?(?=\s)"
)


def _subject_end(low: str) -> int:
    start = pos = 0
    # skip the first word(s) so a head like "Ban" or "Thanh tra" is not cut at once
    # "Hội đồng thẩm định …", "Hội đồng tư vấn …": a council is named by its function, after a two-word head
    first = re.match(r"\s*hội đồng\s+\S+|\s*\S+(?:\s+\S+)?", low)
    pos += first.end() if first else 0
    while pos < len(low):
        m = _END_RE.search(low, pos)
        if not m:
            return -1
        protected = False
        for name in PROTECTED_NAMES:
            if low.startswith(name, m.start()):
                if name == "chỉ đạo" and re.search(r"(?:tỉnh|thành|huyện) đoàn\s*$", low[: m.start()]):
                    break  # "Tỉnh Đoàn chỉ đạo …": the Youth Union directs; no "Đoàn Chỉ đạo" exists
                if name == "trực tiếp" and low[max(start, m.start() - 2) : m.start()].rstrip().endswith(","):
                    break  # "đồng chí A, Phó Giám đốc Sở, trực tiếp chỉ đạo …": after a comma, "directly"
                # a department name only when right after an agency noun or "và"
                before = low[max(start, m.start() - 25) : m.start()]
                if re.search(
                    r"(?:sở|phòng|ban|cán bộ|công chức|trung tâm|bộ phận|ngành|và|đài|chi cục|văn phòng|"
                    r"bưu điện|hệ thống|bộ|đoàn|tổ|thành viên|lĩnh vực|khối|cơ quan|các|tội phạm|\(|,|\s-)\s*$",
                    before,
                ):
                    pos = m.start() + len(name)
                    protected = True
                    break
        if protected:
            continue
        qual = _ASSIGNED_QUALIFIER.match(low, m.start()) if low.startswith("các ") else None
        if qual:
            pos = qual.end()  # "Các cơ quan được giao chủ trì nhiệm vụ tại Phụ lục báo cáo …": which ones
            continue
        if m.group(0) == "ký" and low[max(0, m.start() - 4) : m.start()] == "thư ":
            pos = m.end()  # "Thư ký" is a role, not the verb "ký"
            continue
        if m.group(0) == "ký" and low[max(0, m.start() - 5) : m.start()] == "đăng ":
            pos = (
                m.end()
            )  # "Phòng Đăng ký kinh doanh …": the name begins with it (the verb "đăng ký" is cut whole)
            continue
        if _WORD_OF_A_NAME.search(low, max(0, m.start() - 10), m.start()):
            pos = m.end()  # "Phòng Hậu cần", "Phòng Cảnh sát quản lý hành chính …": part of the name
            continue
        return m.start()
    return -1


# "hậu cần" (logistics) is a noun; a police unit is named by its function right after "Cảnh sát" ("Phòng Cảnh sát
# quản lý hành chính về trật tự xã hội", "Phòng Cảnh sát điều tra tội phạm về ma túy")
_WORD_OF_A_NAME = re.compile(r"(?:\bhậu|\bcảnh sát)\s$")


def split_agencies(phrase: str) -> list[str]:
    """'Sở TT&TT, Bưu điện thành phố và các cơ quan, đơn vị liên quan' → three names; a piece that does not
    open like an agency ('Truyền thông' in 'Thông tin và Truyền thông', 'đơn vị liên quan') stays joined."""
    phrase = squash(phrase).strip(" ,;.:")
    if not phrase:
        return []
    pieces = re.split(r"(\s*(?:;|,|\bvà\b|\bvới\b)\s*)", phrase)
    out: list[str] = [pieces[0]]
    for sep, piece in zip(pieces[1::2], pieces[2::2], strict=False):
        if looks_like_agency(piece) and (piece[:1].isupper() or lower_vi(piece).startswith("các ")):
            out.append(piece)
        else:
            out[-1] = out[-1] + sep + piece
    return [p.strip(" ,;.:") for p in out if p.strip(" ,;.:")]
