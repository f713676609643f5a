"""The public QR-code form: no login, small page, server-side validation, abuse protection."""

import datetime as dt
import hashlib
import os

from django.conf import settings
from django.core import signing
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from chiso.surveys import actions, answers, poster
from chiso.surveys.models import CollectionPoint, FormVersion, Response

HONEYPOT = "website"
TOKEN = "_t"
SALT = "chiso.surveys.form"
TAMPERED = "Biểu mẫu không hợp lệ hoặc đã bị thay đổi. Xin vui lòng tải lại trang và trả lời lại."
RATE_LIMITED = (
    "Thiết bị này vừa gửi nhiều phiếu trong thời gian ngắn. Xin Ông/Bà vui lòng thử lại sau ít phút. "
    "Xin cảm ơn!"
)


def rate_limit() -> tuple[int, int]:
    """(max responses, window in seconds) per client; env CHISO_SURVEY_RATE="10/600", "0" = off."""
    raw = os.environ.get("CHISO_SURVEY_RATE", "10/600").strip()
    if raw in ("", "0", "off"):
        return (0, 0)
    count, _, window = raw.partition("/")
    return int(count), int(window or 600)


def client_key(request) -> str:
    """A salted hash of the client's address: enough to rate-limit, never the address itself."""
    ip = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}|{ip}".encode()).hexdigest()[:32]


def _is_limited(client: str) -> bool:
    limit, window = rate_limit()
    if not limit:
        return False
    since = timezone.now() - dt.timedelta(seconds=window)
    return Response.objects.filter(client=client, submitted_at__gte=since).count() >= limit


def _client_rules(definition: dict) -> dict:
    """The relevant/constraint trees for the browser's courtesy checks (the server decides)."""
    rules = {}
    for q in definition["questions"]:
        rel = list(q.get("group_relevant") or []) + ([q["relevant"]] if q.get("relevant") else [])
        if rel or q.get("constraint") or q["required"]:
            rules[q["name"]] = {
                "rel": rel,
                "con": q.get("constraint"),
                "req": q["required"],
                "type": q["type"],
                "reqmsg": q.get("required_message") or answers.REQUIRED,
                "conmsg": q.get("constraint_message") or answers.CONSTRAINT,
            }
    return rules


def _sections(definition: dict, lang: str = "vi") -> list[dict]:
    """Questions grouped for display; lang="en" shows the English labels where the form has them."""

    def tr(obj: dict) -> dict:
        if lang != "en":
            return obj
        out = dict(obj, label=obj.get("label_en") or obj["label"])
        if "choices" in obj:
            out["choices"] = [dict(c, label=c.get("label_en") or c["label"]) for c in obj["choices"]]
        return out

    labels = {g["name"]: tr(g)["label"] for g in definition.get("groups", [])}
    out: list[dict] = []
    for q in definition["questions"]:
        if not out or out[-1]["name"] != q["group"]:
            out.append({"name": q["group"], "label": labels.get(q["group"], ""), "questions": []})
        out[-1]["questions"].append(tr(q))
    return out


def has_english(definition: dict) -> bool:
    return any(q.get("label_en") for q in definition["questions"])


# Rendered questions of a blank form per (version, language): versions never change once stored.
_BLANK: dict[tuple, str] = {}


def _questions_html(version, values, errors, lang="vi") -> str:
    key = (version.pk, version.sha256, lang)
    if not values and not errors and key in _BLANK:
        return _BLANK[key]
    html = render_to_string(
        "surveys/_public_questions.html",
        {"sections": _sections(version.definition, lang), "values": values or {}, "errors": errors or {}},
    )
    if not values and not errors:
        _BLANK[key] = html
    return html


def _lang(request) -> str:
    return "en" if (request.GET.get("lang") or request.POST.get("lang")) == "en" else "vi"


def _render(request, point, version, values=None, errors=None, message="", status=200):
    token = signing.dumps({"p": point.pk, "v": version.pk}, salt=SALT)
    return render(
        request,
        "surveys/public_form.html",
        {
            "point": point,
            "version": version,
            "definition": version.definition,
            "questions_html": mark_safe(
                _questions_html(version, values, errors, _lang(request))
            ),  # our template
            "lang": _lang(request),
            "has_english": has_english(version.definition),
            "message": message,
            "token": token,
            "rules": _client_rules(version.definition),
            "honeypot": HONEYPOT,
        },
        status=status,
    )


def _point(slug: str) -> CollectionPoint:
    return get_object_or_404(CollectionPoint.objects.select_related("unit", "questionnaire"), slug=slug)


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def form(request, slug):
    point = _point(slug)
    version = point.questionnaire.current
    if not point.active or version is None:
        return render(request, "surveys/public_closed.html", {"point": point}, status=410)
    if request.method == "GET":
        return _render(request, point, version)
    try:
        data = signing.loads(request.POST.get(TOKEN, ""), salt=SALT, max_age=60 * 60 * 24)
        if data.get("p") != point.pk:
            raise signing.BadSignature("point")
        version = FormVersion.objects.defer("source").get(
            pk=data["v"], questionnaire_id=point.questionnaire_id
        )
    except (signing.BadSignature, FormVersion.DoesNotExist, KeyError, TypeError):
        return render(request, "surveys/public_error.html", {"point": point, "message": TAMPERED}, status=400)
    if request.POST.get(HONEYPOT, "").strip():
        return redirect(reverse("surveys:thanks", args=[point.slug]))  # a bot: say thanks, store nothing
    raw = {}
    multi = {q["name"] for q in version.definition["questions"] if q["type"] == "select_multiple"}
    for key in request.POST:
        if key in (TOKEN, HONEYPOT, "csrfmiddlewaretoken", "lang"):
            continue
        got = request.POST.getlist(key)
        raw[key] = got if key in multi or len(got) != 1 else got[0]
    clean, errors, tampered = answers.clean(version.definition, raw)
    if tampered:
        return render(request, "surveys/public_error.html", {"point": point, "message": TAMPERED}, status=400)
    if errors:
        return _render(
            request, point, version, raw, errors, "Xin vui lòng xem lại các câu được đánh dấu.", 422
        )
    client = client_key(request)
    if _is_limited(client):
        return render(
            request, "surveys/public_error.html", {"point": point, "message": RATE_LIMITED}, status=429
        )
    try:
        actions.submit_response(point, clean, client=client, version=version)
    except actions.DuplicateDossier as exc:
        return _render(request, point, version, raw, {}, str(exc), 409)
    return redirect(reverse("surveys:thanks", args=[point.slug]))


@never_cache
def thanks(request, slug):
    point = _point(slug)
    return render(request, "surveys/public_thanks.html", {"point": point})


def qr(request, slug):
    point = _point(slug)
    url = request.build_absolute_uri(reverse("surveys:form", args=[point.slug]))
    resp = HttpResponse(poster.qr_svg(url), content_type="image/svg+xml")
    resp["Cache-Control"] = "public, max-age=86400"
    return resp
