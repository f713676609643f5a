"""Demo data: the shipped frameworks, real PAPI results 2011–2024 for every province, and the
default agency mapping of the demo province (Hà Tĩnh, code 42)."""

from django.conf import settings

from chiso.indices import actions, frameworks
from chiso.indices.models import Index
from chiso.orgs.models import Unit

DEMO_PROVINCE = "42"


def ensure_provinces(log=print) -> None:
    """Results attach to province records: load the 63 + 34 provinces if they are not there yet."""
    from chiso.orgs.models import UnitKind
    from chiso.orgs.provinces import load_provinces

    if Unit.objects.filter(kind=UnitKind.PROVINCE, valid_to__isnull=False).count() < 50:
        c = load_provinces()
        log(f"Đã nạp danh mục tỉnh, thành phố: {c['created']} mới")


def papi_file():
    """../shared/data/papi/agg_province_year.csv when present, else the copy shipped with the app."""
    shared = settings.CHISO_SHARED_DIR / "data" / "papi" / "agg_province_year.csv"
    if shared.exists():
        return shared
    return frameworks.PAPI_WIDE if frameworks.PAPI_WIDE.exists() else None


def load(log=print) -> None:
    counts = actions.load_frameworks(None)
    log(
        f"Khung chỉ số: {counts['indices']} chỉ số, {counts['versions']} phiên bản, {counts['nodes']} thành phần mới"
    )
    path = papi_file()
    if path is None:
        log("Không có tệp kết quả PAPI (agg_province_year.csv): bỏ qua")
    else:
        out = actions.import_results(None, Index.objects.get(code="papi"), path, fmt="papi-wide")
        log(
            f"Kết quả PAPI ({path.name}): {out.created} mới, {out.updated} cập nhật, {out.unchanged} không đổi"
        )
    province = Unit.objects.filter(code=DEMO_PROVINCE).first()
    if province is not None:
        made = actions.load_default_responsibilities(None, province)
        log(f"Phân công cơ quan phụ trách của {province.name}: {made} dòng mới")
