"""Plans fixtures: a small directive for the test province and a stand-in parser for unit tests.

The stand-in follows the parser contract (document, rankings, targets, tasks, reporting with spans)
so the review flow can be tested without depending on the parser's exact reading; the end-to-end,
command and browser tests use the real parser."""

import datetime as dt
import types

import pytest

from chiso.plans import review

DIRECTIVE_TEXT = """ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM
Số: 12/CT-UBND
CHỈ THỊ
Về nâng cao Chỉ số cải cách hành chính năm 2025

1. Sở Nội vụ: tham mưu kế hoạch cải cách hành chính năm 2025, hoàn thành trong tháng 6/2025.
2. UBND các xã, phường: xử lý 100% văn bản đến trên môi trường mạng; rà soát quy trình nội bộ, hoàn thành trước ngày 15/12/2025.
3. Sở TT&TT: phối hợp với Sở Nội vụ nâng cấp cổng dịch vụ công.
4. Chế độ báo cáo: các cơ quan, đơn vị báo cáo định kỳ hằng quý, chậm nhất ngày 12 của tháng cuối quý về Sở Nội vụ.
"""


def _span(text, quote):
    i = text.index(quote)
    return {"quote": quote, "start": i, "end": i + len(quote)}


def fake_parse(text):
    out = {
        "document": {
            "kind": "Chỉ thị",
            "number": "12/CT-UBND",
            "date": "2025-06-20",
            "issuer": "UBND tỉnh Thử Nghiệm",
        },
        "rankings": [{"index": "PAR INDEX", "year": 2024, "rank": 42, "of": 63, "change": -5}],
        "targets": [],
        "tasks": [],
        "reporting": [],
    }
    if "tham mưu kế hoạch" in text:
        q = "tham mưu kế hoạch cải cách hành chính năm 2025, hoàn thành trong tháng 6/2025"
        out["tasks"].append(
            {
                "lead_unit": "Sở Nội vụ",
                "partners": [],
                "summary": "Tham mưu kế hoạch CCHC năm 2025",
                "deadline": "2025-06-30",
                "deadline_kind": "month",
                "section": "1",
                **_span(text, q),
            }
        )
    if "rà soát quy trình" in text:
        q = "rà soát quy trình nội bộ, hoàn thành trước ngày 15/12/2025"
        out["tasks"].append(
            {
                "lead_unit": "UBND các xã, phường",
                "partners": ["Sở Nội vụ"],
                "summary": "Rà soát quy trình nội bộ",
                "deadline": "2025-12-15",
                "deadline_kind": "date",
                "section": "2",
                **_span(text, q),
            }
        )
    if "cổng dịch vụ công" in text:
        q = "phối hợp với Sở Nội vụ nâng cấp cổng dịch vụ công"
        out["tasks"].append(
            {
                "lead_unit": "Sở TT&TT",
                "partners": [],
                "summary": "Nâng cấp cổng dịch vụ công",
                "deadline": None,
                "deadline_kind": "none",
                "section": "3",
                **_span(text, q),
            }
        )
    if "100% văn bản" in text:
        q = "xử lý 100% văn bản đến trên môi trường mạng"
        out["targets"].append(
            {
                "metric": "văn bản đến được xử lý trên môi trường mạng",
                "operator": ">=",
                "value": 100,
                "unit": "%",
                "scope": None,
                "deadline": None,
                **_span(text, q),
            }
        )
    if "hằng quý" in text:
        q = "báo cáo định kỳ hằng quý, chậm nhất ngày 12 của tháng cuối quý về Sở Nội vụ"
        out["reporting"].append(
            {
                "frequency": "quarterly",
                "due_rule": "chậm nhất ngày 12 của tháng cuối quý",
                "due": {"day": 12, "month_in_period": "last"},
                "to": "Sở Nội vụ",
                **_span(text, q),
            }
        )
    return out


FAKE = types.SimpleNamespace(
    extract_text=lambda data, filename: data.decode("utf-8"),
    parse=fake_parse,
    normalise_agency=lambda name: name.replace("TT&TT", "Thông tin và Truyền thông"),
    recurrence=lambda text: None,
)


@pytest.fixture
def fake_parser(monkeypatch):
    monkeypatch.setattr(review, "get_parser", lambda: FAKE)
    return FAKE


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def directive(world, fake_parser, media):
    """The test directive, imported by the office (status: review)."""
    from chiso.plans import actions

    d, _ = actions.import_directive(world.office, world.province, DIRECTIVE_TEXT.encode(), "chi-thi-12.txt")
    return d


@pytest.fixture
def applied(world, directive):
    """The directive with every item accepted and applied; calendar through 2026."""
    from chiso.plans import actions

    actions.accept_pending(world.office, directive)
    actions.apply_proposal(world.office, directive, until=dt.date(2026, 12, 31))
    directive.refresh_from_db()
    return directive


def add_procedures(rows) -> None:
    """Procedures of the dossiers catalogue (code, name, field code, field name): the known fields."""
    from chiso.dossiers.models import Procedure

    for code, name, fcode, fname in rows:
        Procedure.objects.create(code=code, name=name, field_code=fcode, field_name=fname)
