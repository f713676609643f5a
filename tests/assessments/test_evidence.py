"""Evidence files: type checked by content, size limit, Vietnamese names, private download."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from chiso.assessments import actions
from chiso.assessments.models import Entry, Evidence

from .conftest import fill

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
NAME = "Kế hoạch CCHC năm 2025 – Ủy ban nhân dân xã.pdf"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def entry(camp, code="1.1.1"):
    return Entry.objects.get(assessment=camp.a, criterion__code=code)


def up(name, data):
    return SimpleUploadedFile(name, data)


def docx_bytes():
    from docx import Document

    buf = io.BytesIO()
    d = Document()
    d.add_paragraph("Báo cáo")
    d.save(buf)
    return buf.getvalue()


def test_accepted_types_and_vietnamese_name(camp, world, media):
    ev = actions.add_evidence(world.officer_a, entry(camp), up(NAME, PDF))
    assert ev.original_name == NAME and ev.content_type == "application/pdf"
    assert str(media) in ev.file.path  # stored under MEDIA_ROOT, opaque name
    assert "Kế" not in ev.file.name
    actions.add_evidence(world.officer_a, entry(camp), up("ảnh.png", PNG))
    actions.add_evidence(world.officer_a, entry(camp), up("báo cáo.docx", docx_bytes()))
    assert Evidence.objects.count() == 3


@pytest.mark.parametrize(
    "name,data,msg",
    [
        ("gia-mao.pdf", b"day khong phai la PDF, chi la van ban thuong\n" * 10, "không phải PDF"),
        ("anh.pdf", PNG, "nội dung là tệp PNG"),
        ("script.exe", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100, "không phải PDF"),
        ("rong.pdf", b"", "rỗng"),
    ],
)
def test_refused_by_content(camp, world, name, data, msg):
    with pytest.raises(ValidationError, match=msg):
        actions.add_evidence(world.officer_a, entry(camp), up(name, data))
    assert not Evidence.objects.exists()


def test_size_limit(camp, world, monkeypatch):
    monkeypatch.setattr(actions, "EVIDENCE_MAX_BYTES", 100)
    with pytest.raises(ValidationError, match="giới hạn"):
        actions.add_evidence(world.officer_a, entry(camp), up("lon.pdf", PDF + b" " * 200))


def test_download_only_for_people_who_see_the_unit(camp, world):
    ev = actions.add_evidence(world.officer_a, entry(camp), up(NAME, PDF))
    url = f"/cham-diem/tai-lieu/{ev.pk}/"
    for who in ("officer_a", "head_a", "office", "leader", "appraiser", "admin"):
        r = world.client(who).get(url)
        assert r.status_code == 200, who
        assert b"".join(r.streaming_content) == PDF
    r = world.client("officer_a").get(url)
    assert "filename*=utf-8''K%E1%BA%BF" in r["Content-Disposition"]
    assert r["X-Content-Type-Options"] == "nosniff"
    for who in ("officer_b", "dept_officer"):
        assert world.client(who).get(url).status_code == 404, who
    r = world.client(None).get(url)
    assert r.status_code == 302 and "/dang-nhap/" in r["Location"]
    assert world.client("officer_a").get("/cham-diem/tai-lieu/99999/").status_code == 404


def test_upload_by_web_and_outsider_gets_404(camp, world):
    e = entry(camp)
    url = f"/cham-diem/danh-gia/{camp.a.pk}/tai-lieu/{e.pk}/"
    r = world.client("officer_b").post(url, {"file": up("x.pdf", PDF)})
    assert r.status_code == 404
    r = world.client("appraiser").post(url, {"file": up("x.pdf", PDF)})
    assert r.status_code == 404  # no WRITE on the unit
    r = world.client("officer_a").post(url, {"file": up("giả.pdf", b"hello world, not a pdf")}, follow=True)
    assert "không phải PDF" in r.content.decode()
    r = world.client("officer_a").post(url, {"file": up(NAME, PDF)}, follow=True)
    assert NAME in r.content.decode()
    assert Evidence.objects.filter(entry=e).count() == 1


def test_nothing_deleted_after_submission(camp, world):
    ev = actions.add_evidence(world.officer_a, entry(camp), up(NAME, PDF))
    fill(world.officer_a, camp.a)
    actions.submit(world.head_a, camp.a)
    with pytest.raises(ValidationError):
        actions.remove_evidence(world.officer_a, ev)
    with pytest.raises(ValidationError):
        actions.add_evidence(world.officer_a, entry(camp), up("them.pdf", PDF))
    r = world.client("officer_a").post(f"/cham-diem/tai-lieu/{ev.pk}/xoa/", follow=True)
    assert Evidence.objects.filter(pk=ev.pk).exists()
    assert "Không thể xóa" in r.content.decode()
