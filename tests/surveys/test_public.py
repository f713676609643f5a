"""The public QR-code form: no login; relevant/constraint/required on the server; abuse protection."""

import re

import pytest
from django.test import Client

from chiso.surveys import public
from chiso.surveys.models import Response, ResponseItem, Source

from .conftest import answers


def _token(client, point):
    page = client.get(f"/khao-sat/{point.slug}/")
    assert page.status_code == 200
    return re.search(r'name="_t" value="([^"]+)"', page.content.decode()).group(1)


def post(client, point, data, token=None):
    body = {"_t": token or _token(client, point), **data}
    return client.post(f"/khao-sat/{point.slug}/", body)


def test_form_is_public_small_and_labelled(world, point_a):
    c = Client()
    page = c.get(f"/khao-sat/{point_a.slug}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Bộ phận Một cửa xã Hòa An" in html and "Rất không hài lòng" in html and "Rất hài lòng" in html
    assert '<label class="t" for="f-so_lan">' in html and "<legend>" in html
    assert "htmx" not in html and "echarts" not in html  # no heavy scripts
    assert len(page.content) < 40_000


def test_valid_submission_is_stored_with_version_unit_dossier_and_field(world, point_a, version):
    c = Client()
    r = post(
        c,
        point_a,
        answers(ma_ho_so="h42.001-2025", y_kien="Cán bộ rất nhiệt tình", kenh=["truc_tiep", "truc_tuyen"]),
    )
    assert r.status_code == 302 and r["Location"] == f"/khao-sat/{point_a.slug}/cam-on/"
    resp = Response.objects.get()
    assert resp.version_id == version.pk and resp.unit_id == world.desk_a.pk and resp.point_id == point_a.pk
    assert resp.dossier_code == "H42.001-2025" and resp.field == "ho_tich" and resp.source == Source.WEB
    assert (
        resp.answers["kenh"] == ["truc_tiep", "truc_tuyen"] and resp.comment_search == "can bo rat nhiet tinh"
    )
    assert resp.client and "127.0.0.1" not in resp.client
    items = ResponseItem.objects.filter(response=resp, element="access").get()
    assert items.score == 5.0 and items.satisfied is True
    thanks = c.get(r["Location"])
    assert "Xin trân trọng cảm ơn" in thanks.content.decode()


def test_required_is_enforced_with_a_vietnamese_message(world, point_a):
    r = post(Client(), point_a, answers(tiep_can=None, so_lan=""))
    html = r.content.decode()
    assert (
        r.status_code == 422
        and "Vui lòng chọn một câu trả lời." in html
        and "Vui lòng cho biết số lần đi lại." in html
    )
    assert not Response.objects.exists()


def test_constraint_is_enforced(world, point_a):
    r = post(Client(), point_a, answers(so_lan="25"))
    assert r.status_code == 422 and "Số lần đi lại phải từ 1 đến 20." in r.content.decode()
    r = post(Client(), point_a, answers(so_lan="hai"))
    assert r.status_code == 422 and "số nguyên" in r.content.decode()
    r = post(Client(), point_a, answers(ma_ho_so="ab"))
    assert r.status_code == 422 and "Mã hồ sơ gồm" in r.content.decode()
    assert not Response.objects.exists()


def test_relevant_drops_unasked_answers_and_requires_asked_ones(world, point_a):
    c = Client()
    # gop_y is only asked when da_gop_y = co: sent anyway with "khong" → dropped, not stored.
    assert post(c, point_a, answers(gop_y="1")).status_code == 302
    resp = Response.objects.get()
    assert "gop_y" not in resp.answers and not ResponseItem.objects.filter(element="feedback").exists()
    # asked (da_gop_y = co) and required → missing is an error
    r = post(c, point_a, answers(da_gop_y="co"))
    assert r.status_code == 422 and 'id="e-gop_y"' in r.content.decode()
    assert post(c, point_a, answers(da_gop_y="co", gop_y="2")).status_code == 302
    assert ResponseItem.objects.get(element="feedback").satisfied is False


@pytest.mark.parametrize(
    "tamper",
    [
        {"tiep_can": "9"},  # a choice that is not in the list
        {"khong_co": "1"},  # a question that is not in the form
        {"thu_tuc": ["4", "5"]},  # two values for a select_one
    ],
)
def test_tampered_fields_are_rejected(world, point_a, tamper):
    r = post(Client(), point_a, answers(**tamper))
    assert r.status_code == 400 and "không hợp lệ" in r.content.decode()
    assert not Response.objects.exists()


def test_tampered_token_is_rejected(world, point_a, point_b):
    c = Client()
    token_b = _token(c, point_b)
    assert post(c, point_a, answers(), token=token_b).status_code == 400  # token of another point
    assert post(c, point_a, answers(), token="rubbish").status_code == 400
    assert not Response.objects.exists()


def test_csrf_is_required(world, point_a):
    c = Client(enforce_csrf_checks=True)
    token = _token(c, point_a)
    r = c.post(f"/khao-sat/{point_a.slug}/", {"_t": token, **answers()})
    assert r.status_code == 403 and not Response.objects.exists()
    csrf = c.cookies["csrftoken"].value
    r = c.post(f"/khao-sat/{point_a.slug}/", {"_t": token, "csrfmiddlewaretoken": csrf, **answers()})
    assert r.status_code == 302 and Response.objects.count() == 1


def test_honeypot_thanks_the_bot_and_stores_nothing(world, point_a):
    r = post(Client(), point_a, {**answers(), "website": "http://spam.example"})
    assert r.status_code == 302 and not Response.objects.exists()


def test_one_response_per_dossier_with_a_polite_message(world, point_a, point_b):
    c = Client()
    assert post(c, point_a, answers(ma_ho_so="000.00.42.H12-250701-0001")).status_code == 302
    r = post(Client(REMOTE_ADDR="10.0.0.9"), point_b, answers(ma_ho_so="000.00.42.h12-250701-0001"))
    html = r.content.decode()
    assert r.status_code == 409 and "Hồ sơ này đã được đánh giá trước đó" in html and "xin cảm ơn" in html
    assert Response.objects.count() == 1


def test_repeated_submissions_from_one_client_are_rate_limited(world, point_a, monkeypatch):
    monkeypatch.setenv("CHISO_SURVEY_RATE", "3/600")
    c = Client()
    for _ in range(3):
        assert post(c, point_a, answers()).status_code == 302
    r = post(c, point_a, answers())
    assert r.status_code == 429 and "thử lại sau ít phút" in r.content.decode()
    assert Response.objects.count() == 3
    other = Client(REMOTE_ADDR="192.0.2.7")  # another phone is not affected
    assert post(other, point_a, answers()).status_code == 302


def test_rate_limit_setting():
    assert public.rate_limit() == (10, 600)


def test_closed_point_and_unknown_slug(world, point_a, client):
    point_a.active = False
    point_a.save()
    assert client.get(f"/khao-sat/{point_a.slug}/").status_code == 410
    assert client.get("/khao-sat/zzzzzz/").status_code == 404


def test_qr_svg_is_public(world, point_a, client):
    r = client.get(f"/khao-sat/diem/{point_a.slug}/qr.svg")
    assert r.status_code == 200 and r["Content-Type"] == "image/svg+xml" and b"<svg" in r.content


def test_english_labels_where_given(world, point_a):
    c = Client()
    html = c.get(f"/khao-sat/{point_a.slug}/?lang=en").content.decode()
    assert (
        "Very dissatisfied" in html and "Access to the service" in html and 'name="lang" value="en"' in html
    )
    assert "Rất không hài lòng" not in html
    assert "Rất không hài lòng" in c.get(f"/khao-sat/{point_a.slug}/").content.decode()
    token = re.search(r'name="_t" value="([^"]+)"', html).group(1)
    r = c.post(f"/khao-sat/{point_a.slug}/", {"_t": token, "lang": "en", **answers()})
    assert r.status_code == 302 and Response.objects.count() == 1
