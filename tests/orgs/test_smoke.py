import pytest


@pytest.mark.django_db
def test_pages_render_for_office(world):
    c = world.client("office")
    for url in [
        "/",
        "/don-vi/",
        f"/don-vi/{world.province.code}/",
        "/quan-tri/nguoi-dung/",
        "/quan-tri/nhat-ky/",
        "/tai-khoan/",
        "/thong-bao/",
    ]:
        r = c.get(url)
        assert r.status_code == 200, url
