"""The two demo criteria sets (departments, communes) of the demo province, written as rows of
the workbook template; `python -m chiso.assessments.data.demo_sets` rewrites the XLSX files."""

from decimal import Decimal
from pathlib import Path

from chiso.lib import scoring

HERE = Path(__file__).parent
D = Decimal

# code, title, max, shape, params, source, evidence, na policy
_COMMON_HEAD = [
    ("1", "Công tác chỉ đạo, điều hành cải cách hành chính", "12", "", "", "", "", ""),
    ("1.1", "Kế hoạch cải cách hành chính năm", "3", "", "", "", "", ""),
    (
        "1.1.1",
        "Ban hành kế hoạch CCHC năm đúng thời hạn",
        "2",
        "deadline",
        "han=15/01/{y}; tre=50%",
        "",
        "có",
        "",
    ),
    ("1.1.2", "Mức độ hoàn thành kế hoạch CCHC năm", "1", "tiers", ">=100:1; >=80:0,5; *:0", "", "có", ""),
    (
        "1.2",
        "Báo cáo CCHC định kỳ đầy đủ, đúng hạn",
        "2",
        "levels",
        "đầy đủ, đúng hạn=100%; đầy đủ, trễ hạn=50%; không đầy đủ=0",
        "",
        "có",
        "",
    ),
    ("1.3", "Kiểm tra công tác CCHC", "2", "", "", "", "", ""),
    (
        "1.3.1",
        "Tỷ lệ đơn vị trực thuộc được kiểm tra trong năm",
        "1",
        "proportional",
        "dat=30; san=0",
        "",
        "có",
        "loại khỏi thang điểm",
    ),
    (
        "1.3.2",
        "Xử lý các vấn đề phát hiện qua kiểm tra",
        "1",
        "levels",
        "xử lý hết=100%; xử lý một phần=50%; không xử lý=0",
        "",
        "",
        "loại khỏi thang điểm",
    ),
    ("1.4", "Công tác tuyên truyền CCHC", "2", "count", "moi=0,5; toi_da=2", "", "có", ""),
    ("1.5", "Sáng kiến, giải pháp mới trong CCHC được công nhận", "3", "count", "moi=1,5", "", "có", ""),
    ("2", "Cải cách thể chế", "10", "", "", "", "", ""),
    (
        "2.1",
        "Xây dựng, ban hành văn bản quy phạm pháp luật đúng kế hoạch",
        "4",
        "tiers",
        ">=100:4; >=80:3; >=50:1,5; *:0",
        "",
        "có",
        "loại khỏi thang điểm",
    ),
    ("2.2", "Rà soát, hệ thống hóa văn bản QPPL", "3", "yesno", "", "", "có", ""),
    (
        "2.3",
        "Xử lý văn bản trái pháp luật sau kiểm tra",
        "3",
        "levels",
        "xử lý hết=100%; còn tồn đọng=50%; không xử lý=0",
        "",
        "",
        "tính tối đa",
    ),
]


def _rows_departments(y):
    return _COMMON_HEAD + [
        ("3", "Cải cách thủ tục hành chính", "20", "", "", "", "", ""),
        ("3.1", "Công bố, công khai TTHC đúng quy định", "3", "deadline", "tre=50%", "", "có", ""),
        ("3.2", "Tỷ lệ hồ sơ giải quyết đúng hạn", "6", "tiers", ">=98:6; >=95:4,5; >=80:3; *:1", "", "", ""),
        (
            "3.3",
            "Tỷ lệ hồ sơ trễ hạn có văn bản xin lỗi",
            "2",
            "tiers",
            ">=100:2; >=80:1; *:0",
            "",
            "",
            "tính tối đa",
        ),
        ("3.4", "Tỷ lệ hồ sơ trực tuyến toàn trình", "5", "proportional", "dat=70; san=20", "", "", ""),
        ("3.5", "Tỷ lệ thanh toán trực tuyến", "4", "proportional", "dat=60", "", "", ""),
        ("4", "Cải cách tổ chức bộ máy", "10", "", "", "", "", ""),
        (
            "4.1",
            "Sắp xếp tổ chức bên trong theo quy định",
            "4",
            "levels",
            "hoàn thành=100%; chưa hoàn thành=0",
            "",
            "có",
            "",
        ),
        ("4.2", "Thực hiện cơ cấu công chức theo vị trí việc làm", "3", "yesno", "", "", "có", ""),
        (
            "4.3",
            "Thực hiện phân cấp, ủy quyền",
            "3",
            "levels",
            "tốt=100%; đạt=60%; không đạt=0",
            "",
            "",
            "tính tối đa",
        ),
        ("5", "Cải cách chế độ công vụ", "13", "", "", "", "", ""),
        ("5.1", "Tuyển dụng, sử dụng công chức đúng quy định", "4", "yesno", "", "", "có", ""),
        ("5.2", "Tỷ lệ công chức được bồi dưỡng trong năm", "3", "proportional", "dat=80", "", "", ""),
        (
            "5.3",
            "Chấp hành kỷ luật, kỷ cương hành chính",
            "6",
            "deduction",
            "nhẹ=50%; nghiêm trọng=100%; moi=25%",
            "",
            "",
            "",
        ),
        ("6", "Cải cách tài chính công", "8", "", "", "", "", ""),
        (
            "6.1",
            "Thực hiện cơ chế tự chủ tài chính",
            "4",
            "levels",
            "tự chủ toàn bộ=100%; tự chủ một phần=75%; chưa tự chủ=25%",
            "",
            "có",
            "",
        ),
        (
            "6.2",
            "Tỷ lệ giải ngân vốn đầu tư công",
            "4",
            "tiers",
            ">=95:4; >=80:3; >=60:1,5; *:0",
            "",
            "",
            "loại khỏi thang điểm",
        ),
        ("7", "Xây dựng Chính quyền điện tử, Chính quyền số", "12", "", "", "", "", ""),
        (
            "7.1",
            "Tỷ lệ văn bản đi được ký số, gửi nhận điện tử",
            "4",
            "tiers",
            ">=95:4; >=85:2; *:0",
            "",
            "",
            "",
        ),
        (
            "7.2",
            "Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC",
            "4",
            "proportional",
            "dat=99; san=50",
            "",
            "",
            "",
        ),
        (
            "7.3",
            "Duy trì, cập nhật Cổng thông tin điện tử",
            "4",
            "levels",
            "tốt=100%; đạt=50%; không đạt=0",
            "",
            "",
            "",
        ),
        ("8", "Tác động của CCHC (điều tra xã hội học)", "15", "", "", "", "", ""),
        (
            "8.1",
            "Mức độ hài lòng của người dân, tổ chức về TTHC",
            "8",
            "survey",
            "Rất hài lòng=100%; Hài lòng=80%; Bình thường=50%; Không hài lòng=0%; Rất không hài lòng=0%",
            "khảo sát",
            "",
            "",
        ),
        (
            "8.2",
            "Đánh giá của cán bộ, công chức về công tác chỉ đạo CCHC",
            "7",
            "survey",
            "A=100%; B=60%; C=20%; D=0%",
            "khảo sát",
            "",
            "",
        ),
        ("TH", "Điểm thưởng", "3", "", "", "", "", ""),
        ("TH.1", "Được UBND tỉnh khen thưởng về CCHC", "2", "yesno", "", "", "có", ""),
        ("TH.2", "Mô hình điểm được nhân rộng", "2", "count", "moi=1", "", "có", ""),
        ("TR", "Điểm trừ", "5", "", "", "", "", ""),
        ("TR.1", "Bị phản ánh, kiến nghị đúng về thái độ phục vụ", "5", "count", "moi=1", "", "", ""),
    ]


def _rows_communes(y):
    return _COMMON_HEAD + [
        ("3", "Cải cách thủ tục hành chính", "22", "", "", "", "", ""),
        ("3.1", "Niêm yết, công khai TTHC tại Bộ phận Một cửa", "3", "yesno", "", "", "có", ""),
        ("3.2", "Tỷ lệ hồ sơ giải quyết đúng hạn", "6", "tiers", ">=98:6; >=95:4,5; >=80:3; *:1", "", "", ""),
        (
            "3.3",
            "Tỷ lệ hồ sơ trễ hạn có văn bản xin lỗi",
            "2",
            "tiers",
            ">=100:2; >=80:1; *:0",
            "",
            "",
            "tính tối đa",
        ),
        ("3.4", "Tỷ lệ hồ sơ trực tuyến toàn trình", "5", "proportional", "dat=60; san=10", "", "", ""),
        ("3.5", "Tỷ lệ thanh toán trực tuyến", "3", "proportional", "dat=50", "", "", ""),
        (
            "3.6",
            "Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC",
            "3",
            "proportional",
            "dat=99; san=50",
            "",
            "",
            "",
        ),
        ("4", "Cải cách tổ chức bộ máy", "8", "", "", "", "", ""),
        (
            "4.1",
            "Bố trí công chức theo vị trí việc làm sau sắp xếp",
            "4",
            "levels",
            "hoàn thành=100%; một phần=50%; chưa=0",
            "",
            "có",
            "",
        ),
        (
            "4.2",
            "Thực hiện nhiệm vụ được phân cấp, ủy quyền",
            "4",
            "levels",
            "tốt=100%; đạt=60%; không đạt=0",
            "",
            "",
            "tính tối đa",
        ),
        ("5", "Cải cách chế độ công vụ", "13", "", "", "", "", ""),
        ("5.1", "Đánh giá, xếp loại công chức đúng quy định", "4", "yesno", "", "", "có", ""),
        ("5.2", "Tỷ lệ công chức đạt chuẩn", "3", "proportional", "dat=100; san=70", "", "", ""),
        (
            "5.3",
            "Chấp hành kỷ luật, kỷ cương hành chính",
            "6",
            "deduction",
            "nhẹ=50%; nghiêm trọng=100%; moi=25%",
            "",
            "",
            "",
        ),
        ("6", "Cải cách tài chính công", "6", "", "", "", "", ""),
        ("6.1", "Công khai ngân sách xã đúng quy định", "3", "deadline", "tre=50%", "", "có", ""),
        ("6.2", "Thu ngân sách đạt dự toán", "3", "tiers", ">=100:3; >=90:2; *:0", "", "", ""),
        ("7", "Xây dựng Chính quyền điện tử, Chính quyền số", "14", "", "", "", "", ""),
        ("7.1", "Tỷ lệ văn bản đi được ký số", "5", "tiers", ">=95:5; >=85:3; *:0", "", "", ""),
        (
            "7.2",
            "Vận hành Trang thông tin điện tử xã",
            "4",
            "levels",
            "tốt=100%; đạt=50%; không đạt=0",
            "",
            "",
            "",
        ),
        (
            "7.3",
            "Tỷ lệ người dân có tài khoản định danh điện tử mức 2",
            "5",
            "proportional",
            "dat=80",
            "",
            "",
            "",
        ),
        ("8", "Tác động của CCHC (điều tra xã hội học)", "15", "", "", "", "", ""),
        (
            "8.1",
            "Mức độ hài lòng của người dân tại Bộ phận Một cửa",
            "10",
            "survey",
            "Rất hài lòng=100%; Hài lòng=80%; Bình thường=50%; Không hài lòng=0%; Rất không hài lòng=0%",
            "khảo sát",
            "",
            "",
        ),
        (
            "8.2",
            "Đánh giá của người dân về công khai, minh bạch",
            "5",
            "survey",
            "A=100%; B=60%; C=20%; D=0%",
            "khảo sát",
            "",
            "",
        ),
        ("TH", "Điểm thưởng", "3", "", "", "", "", ""),
        ("TH.1", "Mô hình, sáng kiến CCHC được tỉnh công nhận", "3", "count", "moi=1,5", "", "có", ""),
        ("TR", "Điểm trừ", "5", "", "", "", "", ""),
        ("TR.1", "Hồ sơ trễ hạn không xin lỗi", "5", "count", "moi=0,5", "", "", ""),
    ]


SETS = {
    "department": ("Bộ chỉ số CCHC các sở, ban, ngành tỉnh Hà Tĩnh", _rows_departments),
    "commune": ("Bộ chỉ số CCHC UBND các xã, phường tỉnh Hà Tĩnh", _rows_communes),
}


def parsed_set(unit_type: str, year: int, province: str = "42"):
    from chiso.assessments.criteria_io import SECTION_IN, ParsedSet
    from chiso.lib.vntext import fold

    name, rows = SETS[unit_type]
    nodes = []
    for code, title, mx, shape, params, source, ev, na in rows(year):
        parent = code.rsplit(".", 1)[0] if "." in code else None
        section = (
            SECTION_IN["thuong"]
            if code.startswith("TH")
            else SECTION_IN["tru"]
            if code.startswith("TR")
            else "main"
        )
        nodes.append(
            scoring.Node(
                code=code,
                title=title,
                max=D(mx),
                parent=parent,
                section=section,
                source="survey" if source else "self",
                rule=scoring.Rule.parse(shape, params.format(y=year)) if shape else None,
                na_policy={"loại khỏi thang điểm": "drop", "tính tối đa": "max"}.get(na, ""),
                evidence_required=fold(ev) == "co",
            )
        )
    return ParsedSet(
        name=f"{name} năm {year}",
        province=province,
        year=year,
        unit_type=unit_type,
        nodes=nodes,
        bands=list(scoring.DEFAULT_BANDS),
    )


def workbook_path(unit_type: str, year: int) -> Path:
    return HERE / f"bo-chi-so-{'so-nganh' if unit_type == 'department' else 'xa-phuong'}-{year}.xlsx"


if __name__ == "__main__":
    from chiso.assessments.criteria_io import write_workbook

    for ut in SETS:
        for year in (2024, 2025):
            workbook_path(ut, year).write_bytes(write_workbook(parsed_set(ut, year)))
            print(workbook_path(ut, year))
