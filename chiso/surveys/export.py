"""Exports: the indices CSV of `chiso satisfaction`, and survey points for an assessment campaign.

Survey points (rule shape 9 of SCORING.md) are handed to the assessments app as CSV, either the
answer distribution `unit,code,option,count` (the campaign maps options to shares) or ready points
`unit,code,points` (points = max points × % satisfied / 100), given a mapping question → criterion.
"""

import csv
import io

from django.db.models import Count

from chiso.lib import vnformat
from chiso.lib.periods import Period
from chiso.orgs.models import Unit
from chiso.surveys import queries, stats
from chiso.surveys.models import ResponseItem


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def satisfaction_csv(result: stats.Result) -> str:
    """Header scope,n,satisfied_pct,ci_low,ci_high; one line per element and one `overall`.

    Machine-readable: dot decimals, two places; empty cells for an element with no valid answer."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["scope", "n", "satisfied_pct", "ci_low", "ci_high"])
    for s in [*result.elements, result.overall]:
        w.writerow([s.code, s.n, _fmt(s.pct), _fmt(s.ci_low), _fmt(s.ci_high)])
    return out.getvalue()


HUMAN_HEADER = [
    "Đơn vị",
    "Kỳ",
    "Nhóm",
    "Nội dung",
    "Số trả lời hợp lệ",
    "% hài lòng",
    "KTC 95 % - cận dưới",
    "KTC 95 % - cận trên",
    "Điểm trung bình (thang 1-5)",
    "Ghi chú",
]
KIND_LABELS = {"element": "Yếu tố", "pillar": "Trụ cột", "overall": "Chỉ số chung", "item": "Câu hỏi"}


def _vn(value: float | None) -> str:
    return "" if value is None else vnformat.number(value)


def satisfaction_csv_human(result: stats.Result, unit_name: str, period_label: str) -> bytes:
    """The results table for people (the web download): Vietnamese headers and row names,
    86,98 decimals, `;` between columns and a BOM so spreadsheet programs set in Vietnamese open it
    as a table. The machine contract stays `satisfaction_csv` (used by `chiso satisfaction --csv`)."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    w.writerow(HUMAN_HEADER)
    for s in [*result.elements, *result.pillars, result.overall, *result.items]:
        if not s.has_data:
            note = "Chưa có câu trả lời hợp lệ"
        elif s.small:
            note = f"Dưới {result.min_n} trả lời: chưa đủ để xếp hạng"
        else:
            note = ""
        w.writerow(
            [
                unit_name,
                period_label,
                KIND_LABELS.get(s.kind, s.kind),
                s.label,
                s.n,
                _vn(s.pct),
                _vn(s.ci_low),
                _vn(s.ci_high),
                _vn(s.mean),
                note,
            ]
        )
    return out.getvalue().encode("utf-8-sig")


def parse_mapping(text: str) -> dict[str, str]:
    """'tiep_can=TC1, thu_tuc=TC2' or CSV lines 'question,code' → {question: code}."""
    mapping = {}
    for part in text.replace(";", "\n").replace(",", "\n").splitlines():
        part = part.strip()
        if not part:
            continue
        if "=" in part:
            q, _, code = part.partition("=")
        else:
            continue
        if q.strip() and code.strip():
            mapping[q.strip()] = code.strip()
    return mapping


def parse_mapping_csv(text: str) -> dict[str, str]:
    rows = list(csv.reader(io.StringIO(text)))
    mapping = {}
    for row in rows:
        if len(row) >= 2 and row[0].strip() and row[0].strip().lower() not in ("question", "cau_hoi"):
            mapping[row[0].strip()] = row[1].strip()
    return mapping


def assessed_units(unit: Unit, on=None) -> list[Unit]:
    """The units a campaign scores under `unit`: its non-desk children in force on `on`, else the unit itself."""
    children = list(Unit.objects.filter(parent=unit).exclude(kind="desk").valid_on(on).order_by("code"))
    return children or [unit]


def choice_labels() -> dict[str, dict[str, str]]:
    """{question: {choice name: label}} over every stored version (newest label wins)."""
    from chiso.surveys.models import FormVersion

    out: dict[str, dict[str, str]] = {}
    for v in FormVersion.objects.defer("source").order_by("created_at", "pk"):
        for q in v.definition["questions"]:
            out.setdefault(q["name"], {}).update({c["name"]: c["label"] for c in q["choices"]})
    return out


def survey_points_csv(
    unit: Unit,
    period: Period,
    mapping: dict[str, str],
    fmt: str = "option",
    max_points: float = 1.0,
    labels: bool = False,
    units: list[Unit] | None = None,
) -> str:
    """`labels`: write the answer's label ("Rất hài lòng") instead of its code ("5") as option, for
    a campaign whose survey rule lists the levels by name."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    if fmt == "points":
        w.writerow(["unit", "code", "points"])
    else:
        w.writerow(["unit", "code", "option", "count"])
    names = choice_labels() if labels and fmt != "points" else {}
    for u in units if units is not None else assessed_units(unit, period.end):
        items = ResponseItem.objects.filter(
            unit__path__startswith=u.path,
            submitted_on__gte=period.start,
            submitted_on__lte=period.end,
            question__in=list(mapping),
        )
        if fmt == "points":
            res = queries.indices(u, period)
            by_q = {s.code: s for s in res.items}
            for question, code in mapping.items():
                s = by_q.get(question)
                if s is not None and s.pct is not None:
                    w.writerow([u.code, code, f"{max_points * s.pct / 100:.2f}"])
        else:
            counts = items.values("question", "value").annotate(c=Count("id")).order_by("question", "value")
            for row in counts:
                option = (
                    names.get(row["question"], {}).get(row["value"], row["value"]) if labels else row["value"]
                )
                w.writerow([u.code, mapping[row["question"]], option, row["c"]])
    return out.getvalue()
