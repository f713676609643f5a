"""Demo surveys for Hà Tĩnh (42): the default questionnaire, a QR point per one-stop desk and a few
thousand synthetic responses over 2025 with realistic differences between units. Idempotent."""

import datetime as dt
import random
from pathlib import Path

from django.utils import timezone

from chiso.orgs.models import Unit, UnitKind
from chiso.surveys import actions
from chiso.surveys.models import FormVersion, Response, Source

FORM = Path(__file__).with_name("data") / "mot_cua_2025.xlsx"
ELEMENT_Q = {"tiep_can": 0.01, "thu_tuc": -0.02, "cong_chuc": 0.02, "ket_qua": 0.0}
GOOD = [
    "Cán bộ hướng dẫn tận tình, chu đáo.",
    "Thủ tục nhanh gọn, trả kết quả trước hẹn.",
    "Phòng tiếp dân sạch sẽ, có nước uống và ghế ngồi chờ.",
    "Rất hài lòng với thái độ phục vụ của công chức một cửa.",
    "Nộp hồ sơ trực tuyến thuận tiện, được nhắn tin báo kết quả.",
]
BAD = [
    "Phải chờ đợi lâu, nên bố trí thêm người tiếp nhận vào buổi sáng.",
    "Hướng dẫn chưa rõ ràng, phải bổ sung hồ sơ nhiều lần.",
    "Trả kết quả trễ hẹn mà không có thư xin lỗi.",
    "Máy lấy số thứ tự hay bị hỏng.",
    "Đề nghị công khai rõ phí, lệ phí tại quầy.",
    "Chỗ để xe chật, trời mưa không có mái che.",
]
FIELDS = [
    ("ho_tich", 30),
    ("chung_thuc", 25),
    ("dat_dai", 18),
    ("xay_dung", 5),
    ("kinh_doanh", 7),
    ("lao_dong", 10),
    ("khac", 5),
]


def _when(rng: random.Random, start: dt.date, end: dt.date) -> dt.datetime:
    days = (end - start).days
    while True:
        d = start + dt.timedelta(days=rng.randint(0, days))
        if d.weekday() < 5:
            break
    t = dt.time(rng.randint(7, 16), rng.randint(0, 59), rng.randint(0, 59))
    return timezone.make_aware(dt.datetime.combine(d, t))


def _rating(rng: random.Random, p_satisfied: float) -> str:
    if rng.random() < p_satisfied:
        return "5" if rng.random() < 0.45 else "4"
    r = rng.random()
    return "3" if r < 0.6 else ("2" if r < 0.9 else "1")


def _answers(rng: random.Random, quality: float, code: str, when: dt.datetime, seq: int) -> dict:
    mood = rng.gauss(0, 0.06)
    a = {
        "linh_vuc": rng.choices([f for f, _ in FIELDS], [w for _, w in FIELDS])[0],
        "so_lan": str(rng.choices([1, 2, 3, 4], [70, 20, 8, 2])[0]),
        "da_gop_y": "co" if rng.random() < 0.15 else "khong",
        "phi_ngoai": rng.choices(["khong", "khong_tra_loi", "co"], [93, 5, 2])[0],
    }
    for q, offset in ELEMENT_Q.items():
        a[q] = _rating(rng, min(0.995, max(0.3, quality + offset + mood)))
    if a["da_gop_y"] == "co":
        a["gop_y"] = _rating(rng, min(0.99, max(0.3, quality - 0.05 + mood)))
    kenh = [k for k, p in (("truc_tiep", 0.8), ("buu_chinh", 0.08), ("truc_tuyen", 0.3)) if rng.random() < p]
    if kenh:
        a["kenh"] = kenh
    if rng.random() < 0.35:
        a["ma_ho_so"] = f"{code}-{when:%y%m%d}-{seq:04d}"
    if rng.random() < 0.12:
        unhappy = sum(a[q] in ("1", "2", "3") for q in ELEMENT_Q) >= 1
        a["y_kien"] = rng.choice(BAD if unhappy else GOOD)
    return a


def load(log=print) -> None:
    province = Unit.objects.filter(code="42").first()
    if province is None:
        log("Chưa có tỉnh 42: bỏ qua khảo sát mẫu")
        return
    existing = FormVersion.objects.filter(questionnaire__form_id="chiso_mot_cua", version="2025.1").first()
    version = existing or actions.import_form(None, FORM.read_bytes(), FORM.name, province)[0]
    q = version.questionnaire
    desks = list(Unit.objects.filter(kind=UnitKind.DESK, code__startswith="42").order_by("code"))
    points = {}
    for desk in desks:
        points[desk.code], _ = actions.ensure_point(None, desk, q)
    log(f"Khảo sát: phiếu “{q.title}”, {len(points)} điểm khảo sát (mã QR)")
    if Response.objects.filter(source=Source.DEMO).exists():
        log(f"Khảo sát: đã có {Response.objects.filter(source=Source.DEMO).count()} phiếu mẫu")
        return
    rng = random.Random(2025)
    pairs = []
    h2 = (dt.date(2025, 7, 1), dt.date(2025, 12, 31))
    for desk in desks:
        if desk.code == "42.TTPVHCC":
            n, quality, span = 650, 0.93, (dt.date(2025, 1, 2), dt.date(2025, 12, 31))
        else:
            n = rng.choice(
                [rng.randint(8, 25), rng.randint(30, 60), rng.randint(40, 90), rng.randint(45, 70)]
            )
            quality, span = rng.uniform(0.72, 0.97), h2
        for i in range(n):
            when = _when(rng, *span)
            ans = _answers(rng, quality, desk.code, when, i)
            pairs.append(
                actions.build_response(
                    version,
                    desk,
                    ans,
                    when,
                    Source.DEMO,
                    point=points[desk.code],
                    import_key=f"demo:{desk.code}:{i}",
                )
            )
    # First half of 2025: the former communes (before the two-level reorganisation), no desks.
    former = Unit.objects.filter(
        kind__in=["commune", "ward", "town"], valid_to=dt.date(2025, 6, 30), code__startswith="42D"
    )
    for unit in former.order_by("code"):
        quality = rng.uniform(0.7, 0.95)
        for i in range(rng.randint(6, 18)):
            when = _when(rng, dt.date(2025, 1, 2), dt.date(2025, 6, 30))
            ans = _answers(rng, quality, unit.code, when, i)
            pairs.append(
                actions.build_response(
                    version, unit, ans, when, Source.DEMO, import_key=f"demo:{unit.code}:{i}"
                )
            )
    # Dossier codes are unique by construction except for same-day collisions of the same sequence.
    seen = set()
    for r, _ in pairs:
        if r.dossier_code in seen:
            r.dossier_code = ""
            r.answers.pop("ma_ho_so", None)
        elif r.dossier_code:
            seen.add(r.dossier_code)
    actions.save_generated(pairs)
    log(f"Khảo sát: {len(pairs)} phiếu mẫu năm 2025")
