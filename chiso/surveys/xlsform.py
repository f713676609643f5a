"""Read an XLSForm (survey / choices / settings) with pyxform into our questionnaire definition.

pyxform checks the form exactly as ODK/Kobo would (and produces the XForm), so a form that loads
here also works there. The extra `chiso_*` columns carry the SIPAS element or pillar of a question,
which answers count as satisfied, weights and the role of a question (dossier code, field, comment).
The definition is a plain JSON-able dict stored with each version.
"""

import copy
import hashlib
import io
import json
import re

from chiso.lib.tabular import ImportFailed, RowError
from chiso.surveys.xpathexpr import ExprError, compile_expr, refs

ELEMENTS = {
    "access": "Tiếp cận dịch vụ",
    "procedures": "Thủ tục hành chính",
    "civil_servants": "Công chức trực tiếp giải quyết công việc",
    "results": "Kết quả cung ứng dịch vụ",
    "feedback": "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị",
}
ELEMENT_ALIASES = {"1": "access", "2": "procedures", "3": "civil_servants", "4": "results", "5": "feedback"}
PILLARS = {
    "policy": "Sự hài lòng về xây dựng, tổ chức thực hiện chính sách",
    "service": "Sự hài lòng về cung ứng dịch vụ hành chính công",
}
ROLES = {"dossier_code", "field", "comment"}
SUPPORTED = {
    "select one": "select_one",
    "select all that apply": "select_multiple",
    "text": "text",
    "integer": "integer",
    "decimal": "decimal",
    "note": "note",
}
# Metadata a Kobo/ODK form carries: accepted and ignored (the server knows time and device).
IGNORED = {
    "start",
    "end",
    "today",
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "email",
    "audit",
    "calculate",
    "hidden",
    "start-geopoint",
}


def _pick(label, default_lang: str) -> tuple[str, str]:
    """(Vietnamese/default text, English text) of a pyxform label (str or {lang: text})."""
    if not label:
        return "", ""
    if isinstance(label, str):
        return label, ""
    vi = label.get(default_lang) or label.get("default") or ""
    en = ""
    for lang, text in label.items():
        key = lang.lower()
        if not vi and ("(vi)" in key or "viet" in key):
            vi = text
        if "(en)" in key or key.startswith("english"):
            en = text
    if not vi:
        vi = next(iter(label.values()), "")
    return vi, en


def _yes(value) -> bool:
    return str(value or "").strip().lower() in ("yes", "true", "true()", "1", "có")


def _raw_rows(workbook) -> tuple[dict[str, int], dict[tuple[str, str], dict]]:
    """Spreadsheet row numbers of survey names, and raw choice rows (for chiso_score)."""
    rows = {}
    for i, row in enumerate(workbook.survey or [], start=2):
        if row.get("name"):
            rows[str(row["name"])] = i
    choices = {}
    for row in workbook.choices or []:
        ln = row.get("list_name") or row.get("list name")
        if ln and row.get("name") is not None:
            choices[(str(ln), str(row["name"]))] = row
    return rows, choices


_MEMO: dict[tuple[str, str], dict] = {}


def load(data: bytes, filename: str = "form.xlsx") -> dict:
    """Parse XLSForm bytes into a definition; raises ImportFailed naming file, row, column.

    pyxform takes a few hundred milliseconds: the last few good parses are remembered by file hash."""
    key = (hashlib.sha256(data).hexdigest(), filename)
    if key in _MEMO:
        return copy.deepcopy(_MEMO[key])
    definition = _load(data, filename)
    if len(_MEMO) >= 16:
        _MEMO.pop(next(iter(_MEMO)))
    _MEMO[key] = copy.deepcopy(definition)
    return definition


def _load(data: bytes, filename: str) -> dict:
    from pyxform.errors import PyXFormError
    from pyxform.xls2json_backends import get_xlsform
    from pyxform.xls2xform import convert

    ext = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ".xlsx"
    if ext not in (".xlsx", ".xls", ".xlsm"):
        raise ImportFailed([RowError(filename, None, None, "Biểu mẫu phải là tệp XLSForm (.xlsx)")])
    try:
        workbook = get_xlsform(xlsform=io.BytesIO(data), file_type=ext)
        result = convert(io.BytesIO(data), file_type=ext)
    except PyXFormError as exc:
        m = re.search(r"\[row : (\d+)\]", str(exc))
        text = re.sub(r"\[row : \d+\]\s*", "", str(exc))
        raise ImportFailed(
            [
                RowError(
                    filename, int(m.group(1)) if m else None, None, f"XLSForm không hợp lệ (pyxform): {text}"
                )
            ]
        ) from None
    except Exception as exc:  # a broken workbook
        raise ImportFailed([RowError(filename, None, None, f"Không đọc được tệp XLSForm: {exc}")]) from None
    tree = result._pyxform
    settings = (workbook.settings or [{}])[0] if workbook.settings else {}
    row_of, raw_choices = _raw_rows(workbook)
    errors: list[RowError] = []

    def err(name, column, message):
        errors.append(RowError(f"{filename} (survey)", row_of.get(name), column, message))

    default_lang = tree.get("default_language") or "default"
    questions: list[dict] = []
    groups: list[dict] = []

    def walk(children, group_path: list[str], group_relevant: list):
        for node in children:
            ntype = node.get("type", "")
            name = node.get("name", "")
            bind = node.get("bind") or {}
            if ntype == "group" and name == "meta":
                continue
            if ntype == "group":
                vi, en = _pick(node.get("label"), default_lang)
                rel = None
                if bind.get("relevant"):
                    try:
                        rel = compile_expr(bind["relevant"])
                    except ExprError as exc:
                        err(name, "relevant", str(exc))
                groups.append({"name": name, "label": vi, "label_en": en})
                walk(
                    node.get("children", []), [*group_path, name], [*group_relevant] + ([rel] if rel else [])
                )
                continue
            if ntype == "repeat":
                err(name, "type", "Nhóm lặp (repeat) chưa được hỗ trợ")
                continue
            if ntype in IGNORED or name in ("meta", "instanceID") or ntype == "calculate":
                continue
            if ntype not in SUPPORTED:
                err(name, "type", f"Loại câu hỏi '{ntype}' chưa được hỗ trợ")
                continue
            vi, en = _pick(node.get("label"), default_lang)
            hint, _ = _pick(node.get("hint"), default_lang)
            q = {
                "name": name,
                "type": SUPPORTED[ntype],
                "label": vi or name,
                "label_en": en,
                "hint": hint,
                "group": group_path[-1] if group_path else "",
                "required": _yes(bind.get("required")),
                "required_message": _pick(bind.get("jr:requiredMsg"), default_lang)[0],
                "constraint_message": _pick(bind.get("jr:constraintMsg"), default_lang)[0],
                "appearance": (node.get("control") or {}).get("appearance", ""),
                "relevant": None,
                "constraint": None,
                "group_relevant": group_relevant,
                "list_name": node.get("list_name", ""),
                "choices": [],
                "element": "",
                "pillar": "",
                "satisfied": [],
                "weight": 1.0,
                "role": "",
            }
            for col in ("relevant", "constraint"):
                if bind.get(col):
                    try:
                        q[col] = compile_expr(bind[col])
                    except ExprError as exc:
                        err(name, col, str(exc))
            for ch in node.get("choices") or []:
                cvi, cen = _pick(ch.get("label"), default_lang)
                raw = raw_choices.get((q["list_name"], str(ch["name"])), {})
                score = str(raw.get("chiso_score", "") or "").strip()
                try:
                    score_val = float(score) if score else None
                except ValueError:
                    errors.append(
                        RowError(
                            f"{filename} (choices)", None, "chiso_score", f"Điểm '{score}' không phải số"
                        )
                    )
                    score_val = None
                q["choices"].append(
                    {"name": str(ch["name"]), "label": cvi, "label_en": cen, "score": score_val}
                )
            element = str(node.get("chiso_element", "") or "").strip()
            element = ELEMENT_ALIASES.get(element, element)
            if element and element not in ELEMENTS:
                err(name, "chiso_element", f"Yếu tố '{element}' không có (dùng {', '.join(ELEMENTS)})")
            elif element and q["type"] != "select_one":
                err(name, "chiso_element", "Chỉ câu hỏi select_one mới gắn với yếu tố SIPAS")
            q["element"] = element if element in ELEMENTS else ""
            pillar = str(node.get("chiso_pillar", "") or "").strip()
            if pillar and pillar not in PILLARS:
                err(name, "chiso_pillar", f"Trụ cột '{pillar}' không có (dùng {', '.join(PILLARS)})")
            q["pillar"] = pillar if pillar in PILLARS else ("service" if q["element"] else "")
            sat = str(node.get("chiso_satisfied", "") or "").split()
            names = {c["name"] for c in q["choices"]}
            bad = [s for s in sat if s not in names]
            if bad:
                err(
                    name,
                    "chiso_satisfied",
                    f"Lựa chọn {', '.join(bad)} không có trong danh sách {q['list_name']}",
                )
            if (q["element"] or q["pillar"]) and not sat:
                # Default: the two highest-scored answers (Hài lòng, Rất hài lòng).
                scored = sorted((c for c in q["choices"] if c["score"] is not None), key=lambda c: c["score"])
                sat = [c["name"] for c in scored[-2:]]
                if not sat:
                    err(name, "chiso_satisfied", "Cần ghi các câu trả lời được tính là hài lòng")
            q["satisfied"] = [s for s in sat if s in names]
            if (q["element"] or q["pillar"]) and all(c["score"] is None for c in q["choices"]):
                for i, c in enumerate(q["choices"], start=1):  # position = score, as on a 1–5 scale
                    c["score"] = float(c["name"]) if c["name"].isdigit() else float(i)
            weight = str(node.get("chiso_weight", "") or "").strip()
            if weight:
                try:
                    q["weight"] = float(weight.replace(",", "."))
                    if q["weight"] <= 0:
                        raise ValueError
                except ValueError:
                    err(name, "chiso_weight", f"Trọng số '{weight}' phải là số dương")
            role = str(node.get("chiso_role", "") or "").strip()
            if role and role not in ROLES:
                err(name, "chiso_role", f"Vai trò '{role}' không có (dùng {', '.join(sorted(ROLES))})")
            q["role"] = role if role in ROLES else ""
            questions.append(q)

    walk(tree.get("children", []), [], [])
    names = {q["name"] for q in questions}
    for q in questions:
        for col in ("relevant", "constraint"):
            unknown = refs(q[col]) - names
            if unknown:
                err(q["name"], col, f"Tham chiếu câu hỏi không có: {', '.join(sorted(unknown))}")
    if not any(q["element"] or q["pillar"] for q in questions):
        errors.append(
            RowError(
                f"{filename} (survey)",
                1,
                "chiso_element",
                "Biểu mẫu chưa có câu hỏi nào gắn với yếu tố SIPAS",
            )
        )
    for role in ROLES:
        if sum(1 for q in questions if q["role"] == role) > 1:
            errors.append(
                RowError(f"{filename} (survey)", None, "chiso_role", f"Vai trò '{role}' dùng hai lần")
            )
    overall = str(settings.get("chiso_overall", "") or "elements").strip()
    if overall not in ("elements", "pillars"):
        errors.append(
            RowError(f"{filename} (settings)", 2, "chiso_overall", "Dùng 'elements' hoặc 'pillars'")
        )
    try:
        min_n = int(str(settings.get("chiso_min_n", "") or "30"))
    except ValueError:
        errors.append(RowError(f"{filename} (settings)", 2, "chiso_min_n", "Phải là số nguyên"))
        min_n = 30
    if errors:
        raise ImportFailed(errors)
    definition = {
        "form_id": tree.get("id_string") or "",
        "version": str(settings.get("version", "") or "").strip(),
        "title": tree.get("title") or tree.get("id_string") or filename,
        "default_language": default_lang,
        "overall": overall,
        "min_n": min_n,
        "groups": groups,
        "questions": questions,
        "xform_chars": len(result.xform),
    }
    # A hash of the content, not of the file bytes: saving the same form again changes nothing.
    content = {k: v for k, v in definition.items() if k != "xform_chars"}
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False).encode()
    definition["sha256"] = hashlib.sha256(canonical).hexdigest()
    return definition


def question_map(definition: dict) -> dict[str, dict]:
    return {q["name"]: q for q in definition["questions"]}


def role_question(definition: dict, role: str) -> dict | None:
    return next((q for q in definition["questions"] if q["role"] == role), None)
