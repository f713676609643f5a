"""Demo organisation: one province (Hà Tĩnh, code 42) with invented local units and people.

Districts and their communes end on 30/06/2025; the communes and wards of the two-level
government start on 01/07/2025, most formed by merging two former communes."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction

from chiso.orgs import actions
from chiso.orgs.models import LinkKind, Role, Unit, UnitKind
from chiso.orgs.provinces import load_provinces

DEMO_PROVINCE = "42"
DEMO_PASSWORD = "chiso-demo-2026"
END_OLD = dt.date(2025, 6, 30)
START_NEW = dt.date(2025, 7, 1)
DEPT_REFORM = dt.date(2025, 3, 1)

DEPARTMENTS = [
    ("42.SNV", "Sở Nội vụ"),
    ("42.VP", "Văn phòng UBND tỉnh"),
    ("42.STP", "Sở Tư pháp"),
    ("42.STC", "Sở Tài chính"),
    ("42.SKHCN", "Sở Khoa học và Công nghệ"),
    ("42.SXD", "Sở Xây dựng"),
    ("42.SNNMT", "Sở Nông nghiệp và Môi trường"),
    ("42.SYT", "Sở Y tế"),
    ("42.SGDDT", "Sở Giáo dục và Đào tạo"),
    ("42.SCT", "Sở Công Thương"),
    ("42.SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("42.SDTTG", "Sở Dân tộc và Tôn giáo"),
    ("42.TTR", "Thanh tra tỉnh"),
    ("42.BQLKKT", "Ban Quản lý Khu kinh tế tỉnh"),
]
# Departments established on 01/03/2025 (the others continue under the same code).
NEW_DEPARTMENTS = {"42.SNNMT": DEPT_REFORM, "42.SDTTG": DEPT_REFORM}
# Departments merged on 01/03/2025 (former → successor).
FORMER_DEPARTMENTS = [
    ("42.SKHDT", "Sở Kế hoạch và Đầu tư", "42.STC"),
    ("42.STTTT", "Sở Thông tin và Truyền thông", "42.SKHCN"),
    ("42.SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "42.SNV"),
    ("42.STNMT", "Sở Tài nguyên và Môi trường", "42.SNNMT"),
    ("42.SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", "42.SNNMT"),
]
DISTRICTS = [
    ("42D1", "Thành phố Trà Sơn"),
    ("42D2", "Thị xã Hương Giang"),
    ("42D3", "Huyện An Phú"),
    ("42D4", "Huyện Bình Sơn"),
    ("42D5", "Huyện Đông Lâm"),
    ("42D6", "Huyện Kỳ Hòa"),
]
_FIRST = [
    "An",
    "Bình",
    "Cẩm",
    "Đông",
    "Đức",
    "Gia",
    "Hòa",
    "Hương",
    "Kỳ",
    "Lộc",
    "Mỹ",
    "Nam",
    "Phú",
    "Quang",
    "Sơn",
    "Tân",
    "Thạch",
    "Thiên",
    "Trung",
    "Vĩnh",
    "Xuân",
    "Yên",
]
_SECOND = [
    "Hòa",
    "Lộc",
    "Phú",
    "Thịnh",
    "Sơn",
    "Long",
    "Hà",
    "Lâm",
    "Thành",
    "Mỹ",
    "Tiến",
    "Hưng",
    "Lợi",
    "Châu",
    "Khánh",
]

PEOPLE = [
    # username, full name (invented), role, unit code
    ("snv", "Nguyễn Thị Minh Thư", Role.REFORM_OFFICE, DEMO_PROVINCE),
    ("lanhdao", "Trần Văn Khải", Role.LEADER, DEMO_PROVINCE),
    ("thamdinh", "Lê Hoàng Nam", Role.APPRAISER, DEMO_PROVINCE),
    ("motcua", "Phạm Thu Hà", Role.OFFICER, "42.VP"),
    ("sotuphap", "Đặng Quốc Bảo", Role.OFFICER, "42.STP"),
    ("sotuphap_gd", "Võ Thị Lan Anh", Role.HEAD, "42.STP"),
    ("xa_a", "Hồ Văn Tín", Role.OFFICER, "42X001"),
    ("xa_a_ct", "Bùi Thị Hạnh", Role.HEAD, "42X001"),
    ("xa_b", "Ngô Minh Quân", Role.OFFICER, "42X002"),
]


def _names(n: int) -> list[str]:
    out = []
    for i in range(len(_FIRST) * len(_SECOND)):
        a, b = _FIRST[i % len(_FIRST)], _SECOND[(i * 7) % len(_SECOND)]
        if a != b and f"{a} {b}" not in out:
            out.append(f"{a} {b}")
        if len(out) == n:
            break
    return out


def _unit(by_code, code, name, kind, parent, valid_from=None, valid_to=None, order=0):
    unit = by_code.get(code) or Unit(code=code)
    values = {"name": name, "kind": kind, "valid_from": valid_from, "valid_to": valid_to, "sort_order": order}
    if unit.pk is None:
        values["parent"] = parent
    unit, _ = actions.save_unit(None, unit, **values)
    by_code[code] = unit
    return unit


@transaction.atomic
def load(log=print) -> None:
    load_provinces()
    province = Unit.objects.get(code=DEMO_PROVINCE)
    by_code = {u.code: u for u in Unit.objects.under(province)}
    for i, (code, name) in enumerate(DEPARTMENTS):
        _unit(
            by_code, code, name, UnitKind.DEPARTMENT, province, valid_from=NEW_DEPARTMENTS.get(code), order=i
        )
    _unit(by_code, "42.TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh", UnitKind.DESK, by_code["42.VP"])
    for i, (code, name, succ) in enumerate(FORMER_DEPARTMENTS):
        old = _unit(
            by_code,
            code,
            name,
            UnitKind.DEPARTMENT,
            province,
            valid_to=DEPT_REFORM - dt.timedelta(days=1),
            order=50 + i,
        )
        actions.link_units(
            None, old, by_code[succ], LinkKind.MERGE, DEPT_REFORM, "Sắp xếp tổ chức bộ máy 2025"
        )

    names = _names(150)
    old_names, new_names = names[:90], names[90:]
    old_codes = []
    for d, (dcode, dname) in enumerate(DISTRICTS):
        district = _unit(by_code, dcode, dname, UnitKind.DISTRICT, province, valid_to=END_OLD, order=100 + d)
        for j in range(15):
            k = d * 15 + j
            if dname.startswith("Thành phố") or dname.startswith("Thị xã"):
                kind, prefix = (UnitKind.WARD, "Phường") if j < 8 else (UnitKind.COMMUNE, "Xã")
            else:
                kind, prefix = (UnitKind.TOWN, "Thị trấn") if j == 0 else (UnitKind.COMMUNE, "Xã")
            code = f"{dcode}X{j + 1:02d}"
            _unit(by_code, code, f"{prefix} {old_names[k]}", kind, district, valid_to=END_OLD, order=j)
            old_codes.append((code, kind))
    # 60 new communes and wards: 30 formed from two former communes, 30 from one.
    k = 0
    for i in range(60):
        olds = old_codes[k : k + (2 if i < 30 else 1)]
        k += len(olds)
        is_ward = any(kind == UnitKind.WARD for _, kind in olds)
        kind, prefix = (UnitKind.WARD, "Phường") if is_ward else (UnitKind.COMMUNE, "Xã")
        code = f"42X{i + 1:03d}"
        new = _unit(
            by_code, code, f"{prefix} {new_names[i]}", kind, province, valid_from=START_NEW, order=200 + i
        )
        _unit(
            by_code,
            f"{code}.MC",
            f"Bộ phận Một cửa {prefix.lower()} {new_names[i]}",
            UnitKind.DESK,
            new,
            valid_from=START_NEW,
        )
        for ocode, _ in olds:
            actions.link_units(
                None,
                by_code[ocode],
                new,
                LinkKind.MERGE if len(olds) > 1 else LinkKind.TRANSFER,
                START_NEW,
                "Sắp xếp đơn vị hành chính cấp xã 2025",
            )
    _people(by_code | {DEMO_PROVINCE: province})
    log(f"Đơn vị mẫu: {Unit.objects.under(province).count()} đơn vị thuộc {province.name}")


def _people(by_code) -> None:
    User = get_user_model()
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        admin = User.objects.create_superuser(
            "admin", "admin@example.invalid", DEMO_PASSWORD, first_name="Quản trị", last_name="hệ thống"
        )
    for username, full_name, role, code in PEOPLE:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = actions.create_user(
                None,
                username=username,
                full_name=full_name,
                email=f"{username}@example.invalid",
                password=DEMO_PASSWORD,
            )
        actions.assign_role(None, user, role, by_code[code])


DEMO_LOGINS = [("admin", "Quản trị hệ thống", "toàn hệ thống")] + [
    (u, name, f"{Role(role).label} — {code}") for u, name, role, code in PEOPLE
]
