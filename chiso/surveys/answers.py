"""Check one set of answers against a questionnaire definition (server-side; the browser only helps).

`clean(definition, raw)` takes {name: str | list[str]} and returns (answers, errors, tampered):
answers keep only relevant, non-empty values; errors are Vietnamese messages per question a person
can fix; tampered lists what no honest form could send (unknown question, unknown choice).
"""

from chiso.surveys.xpathexpr import truthy

REQUIRED = "Vui lòng trả lời câu hỏi này."
CONSTRAINT = "Câu trả lời không hợp lệ."


def _is_relevant(q: dict, answers: dict) -> bool:
    for rel in q.get("group_relevant") or []:
        if not truthy(rel, answers):
            return False
    return q.get("relevant") is None or truthy(q["relevant"], answers)


def clean(definition: dict, raw: dict, *, by_label: bool = False) -> tuple[dict, dict, list[str]]:
    """Validate answers. `by_label`: select values may also be given as labels (imports)."""
    questions = definition["questions"]
    known = {q["name"] for q in questions}
    tampered = [f"Câu hỏi '{k}' không có trong biểu mẫu" for k in raw if k not in known]
    answers: dict = {}
    errors: dict[str, str] = {}
    for q in questions:
        if q["type"] == "note":
            continue
        value = raw.get(q["name"], [] if q["type"] == "select_multiple" else "")
        names = {c["name"] for c in q["choices"]}
        if q["type"] == "select_multiple":
            if isinstance(value, str):
                value = value.split()
            value = [str(v).strip() for v in value if str(v).strip()]
            if by_label:
                value = [_by_label(q, v) for v in value]
            bad = [v for v in value if v not in names]
            if bad:
                tampered.append(f"Câu '{q['name']}': lựa chọn '{bad[0]}' không có trong danh sách")
                continue
            value = list(dict.fromkeys(value))
        else:
            if isinstance(value, list):
                if len(value) > 1:
                    tampered.append(f"Câu '{q['name']}' chỉ nhận một giá trị")
                    continue
                value = value[0] if value else ""
            value = str(value).strip()
            if q["type"] == "select_one" and value:
                if by_label:
                    value = _by_label(q, value)
                if value not in names:
                    tampered.append(f"Câu '{q['name']}': lựa chọn '{value}' không có trong danh sách")
                    continue
        if not _is_relevant(q, answers):
            continue  # not asked: its value, if any, is dropped
        if value in ("", []):
            if q["required"]:
                errors[q["name"]] = q.get("required_message") or REQUIRED
            continue
        if q["type"] == "integer":
            try:
                value = str(int(value.replace(" ", "")))
            except ValueError:
                errors[q["name"]] = "Vui lòng nhập một số nguyên."
                continue
        elif q["type"] == "decimal":
            try:
                value = str(float(value.replace(",", ".")))
            except ValueError:
                errors[q["name"]] = "Vui lòng nhập một số."
                continue
        if q.get("constraint") is not None and not truthy(q["constraint"], answers, current=value):
            errors[q["name"]] = q.get("constraint_message") or CONSTRAINT
            continue
        answers[q["name"]] = value
    return answers, errors, tampered


def _by_label(q: dict, value: str) -> str:
    from chiso.lib.vntext import fold

    if value in {c["name"] for c in q["choices"]}:
        return value
    key = fold(value)
    for c in q["choices"]:
        if fold(c["label"]) == key or (c.get("label_en") and fold(c["label_en"]) == key):
            return c["name"]
    return value


def scored_items(definition: dict, answers: dict) -> list[dict]:
    """One row per answered select/integer question: value, score, satisfied (for indices)."""
    out = []
    for q in definition["questions"]:
        value = answers.get(q["name"])
        if value in (None, "", []):
            continue
        if q["type"] == "select_multiple":
            for v in value:
                out.append(
                    {
                        "question": q["name"],
                        "value": v,
                        "element": "",
                        "pillar": "",
                        "score": None,
                        "satisfied": None,
                        "weight": 1.0,
                    }
                )
            continue
        if q["type"] not in ("select_one", "integer", "decimal"):
            continue
        score = satisfied = None
        if q["element"] or q["pillar"]:
            choice = next((c for c in q["choices"] if c["name"] == value), None)
            score = choice["score"] if choice else None
            if score is not None:  # an answer without a score ("không biết") is not a valid answer
                satisfied = value in q["satisfied"]
        out.append(
            {
                "question": q["name"],
                "value": value,
                "element": q["element"],
                "pillar": q["pillar"],
                "score": score,
                "satisfied": satisfied,
                "weight": q["weight"],
            }
        )
    return out
