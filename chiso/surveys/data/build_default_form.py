"""Write the default one-stop questionnaire (XLSForm) to chiso/surveys/data/mot_cua_2025.xlsx.

    .venv/bin/python chiso/surveys/data/build_default_form.py

The form is a plain XLSForm (survey / choices / settings) that ODK and KoboToolbox accept; the
extra `chiso_*` columns carry what XLSForm has no place for (SIPAS element, pillar, satisfied
answers, weights, the role of a question). Re-running it rewrites the same file.
"""

from pathlib import Path

import xlsxwriter

OUT = Path(__file__).with_name("mot_cua_2025.xlsx")
VI, EN = "label::Tiếng Việt (vi)", "label::English (en)"

SURVEY_COLS = [
    "type",
    "name",
    VI,
    EN,
    "hint::Tiếng Việt (vi)",
    "required",
    "required_message::Tiếng Việt (vi)",
    "relevant",
    "constraint",
    "constraint_message::Tiếng Việt (vi)",
    "appearance",
    "chiso_element",
    "chiso_pillar",
    "chiso_satisfied",
    "chiso_weight",
    "chiso_role",
]

REQ = "Vui lòng chọn một câu trả lời."
SAT = "4 5"


def q(type_, name, vi, en="", **kw):
    row = {"type": type_, "name": name, VI: vi, EN: en}
    for k, v in kw.items():
        row[
            {
                "hint": "hint::Tiếng Việt (vi)",
                "required_message": "required_message::Tiếng Việt (vi)",
                "constraint_message": "constraint_message::Tiếng Việt (vi)",
            }.get(k, k)
        ] = v
    return row


def rating(name, element, vi, en, **kw):
    return q(
        "select_one muc_do",
        name,
        vi,
        en,
        required="yes",
        required_message=REQ,
        appearance="likert",
        chiso_element=element,
        chiso_pillar="service",
        chiso_satisfied=SAT,
        chiso_weight="1",
        **kw,
    )


SURVEY = [
    q("begin_group", "thong_tin", "Thông tin chung", "General information"),
    q(
        "select_one linh_vuc",
        "linh_vuc",
        "Ông/Bà vừa giải quyết thủ tục thuộc lĩnh vực nào?",
        "Which field was your procedure in?",
        chiso_role="field",
    ),
    q(
        "text",
        "ma_ho_so",
        "Mã hồ sơ ghi trên Giấy tiếp nhận (nếu có)",
        "Dossier code from your receipt (optional)",
        hint="Mỗi hồ sơ chỉ đánh giá một lần.",
        constraint="regex(., '^[A-Za-z0-9./-]{4,40}$')",
        constraint_message="Mã hồ sơ gồm 4–40 chữ cái không dấu, chữ số hoặc các dấu . / -",
        chiso_role="dossier_code",
    ),
    q(
        "integer",
        "so_lan",
        "Ông/Bà đã phải đi lại bao nhiêu lần để giải quyết hồ sơ này?",
        "How many trips did you have to make for this dossier?",
        required="yes",
        required_message="Vui lòng cho biết số lần đi lại.",
        constraint=". >= 1 and . <= 20",
        constraint_message="Số lần đi lại phải từ 1 đến 20.",
    ),
    q("end_group", "", ""),
    q("begin_group", "danh_gia", "Mức độ hài lòng", "Satisfaction"),
    rating(
        "tiep_can",
        "access",
        "Ông/Bà hài lòng thế nào về việc tiếp cận dịch vụ (địa điểm, trang thiết bị, hướng dẫn)?",
        "Access to the service (place, equipment, guidance)",
    ),
    rating(
        "thu_tuc",
        "procedures",
        "Ông/Bà hài lòng thế nào về thủ tục hành chính (công khai, đúng quy định, thời hạn)?",
        "Administrative procedures (publicity, lawful requirements, time limits)",
    ),
    rating(
        "cong_chuc",
        "civil_servants",
        "Ông/Bà hài lòng thế nào về công chức trực tiếp giải quyết công việc (thái độ, hướng dẫn)?",
        "The civil servants who handled your dossier (attitude, guidance)",
    ),
    rating(
        "ket_qua",
        "results",
        "Ông/Bà hài lòng thế nào về kết quả nhận được (đúng hạn, chính xác, đầy đủ)?",
        "The result you received (on time, accurate, complete)",
    ),
    q(
        "select_one co_khong",
        "da_gop_y",
        "Ông/Bà có góp ý, phản ánh, kiến nghị trong quá trình giải quyết hồ sơ không?",
        "Did you make a comment, complaint or suggestion during the process?",
        required="yes",
        required_message=REQ,
    ),
    rating(
        "gop_y",
        "feedback",
        "Ông/Bà hài lòng thế nào về việc tiếp nhận, xử lý góp ý, phản ánh, kiến nghị của mình?",
        "How your comment, complaint or suggestion was received and handled",
        relevant="${da_gop_y} = 'co'",
    ),
    q("end_group", "", ""),
    q(
        "select_one co_khong_tl",
        "phi_ngoai",
        "Ông/Bà có bị yêu cầu nộp khoản tiền nào không có biên lai không?",
        "Were you asked to pay anything without a receipt?",
        required="yes",
        required_message=REQ,
    ),
    q(
        "select_multiple kenh",
        "kenh",
        "Ông/Bà đã nộp hồ sơ qua những kênh nào?",
        "Which channels did you use to submit?",
    ),
    q(
        "text",
        "y_kien",
        "Ý kiến góp ý khác (không bắt buộc)",
        "Other comments (optional)",
        appearance="multiline",
        constraint="string-length(.) <= 1000",
        constraint_message="Ý kiến tối đa 1000 ký tự.",
        chiso_role="comment",
    ),
]

CHOICES = [
    ("muc_do", "1", "Rất không hài lòng", "Very dissatisfied", 1),
    ("muc_do", "2", "Không hài lòng", "Dissatisfied", 2),
    ("muc_do", "3", "Bình thường", "Neutral", 3),
    ("muc_do", "4", "Hài lòng", "Satisfied", 4),
    ("muc_do", "5", "Rất hài lòng", "Very satisfied", 5),
    ("co_khong", "co", "Có", "Yes", ""),
    ("co_khong", "khong", "Không", "No", ""),
    ("co_khong_tl", "co", "Có", "Yes", ""),
    ("co_khong_tl", "khong", "Không", "No", ""),
    ("co_khong_tl", "khong_tra_loi", "Không muốn trả lời", "Prefer not to say", ""),
    ("kenh", "truc_tiep", "Trực tiếp tại Bộ phận Một cửa", "In person at the desk", ""),
    ("kenh", "buu_chinh", "Qua dịch vụ bưu chính công ích", "By post", ""),
    ("kenh", "truc_tuyen", "Dịch vụ công trực tuyến", "Online", ""),
    ("linh_vuc", "ho_tich", "Tư pháp – Hộ tịch", "Civil status", ""),
    ("linh_vuc", "chung_thuc", "Chứng thực", "Certification", ""),
    ("linh_vuc", "dat_dai", "Đất đai", "Land", ""),
    ("linh_vuc", "xay_dung", "Xây dựng", "Construction", ""),
    ("linh_vuc", "kinh_doanh", "Đăng ký kinh doanh", "Business registration", ""),
    ("linh_vuc", "lao_dong", "Lao động – Người có công – Xã hội", "Labour and social affairs", ""),
    ("linh_vuc", "khac", "Lĩnh vực khác", "Other", ""),
]

SETTINGS = {
    "form_title": "Phiếu khảo sát sự hài lòng về dịch vụ hành chính công tại Bộ phận Một cửa",
    "form_id": "chiso_mot_cua",
    "version": "2025.1",
    "default_language": "Tiếng Việt (vi)",
    "chiso_overall": "elements",
    "chiso_min_n": "30",
}


def build(path: Path = OUT) -> Path:
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": False})
    wb.set_properties({"created": __import__("datetime").datetime(2025, 1, 1)})  # stable bytes
    ws = wb.add_worksheet("survey")
    ws.write_row(0, 0, SURVEY_COLS)
    for r, row in enumerate(SURVEY, start=1):
        ws.write_row(r, 0, [row.get(c, "") for c in SURVEY_COLS])
    ws = wb.add_worksheet("choices")
    ws.write_row(0, 0, ["list_name", "name", VI, EN, "chiso_score"])
    for r, row in enumerate(CHOICES, start=1):
        ws.write_row(r, 0, list(row))
    ws = wb.add_worksheet("settings")
    ws.write_row(0, 0, list(SETTINGS))
    ws.write_row(1, 0, list(SETTINGS.values()))
    wb.close()
    return path


if __name__ == "__main__":
    print(build())
