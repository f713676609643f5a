"""The JSON API: same scoping as the pages."""

import json

from chiso.assessments import actions

from .conftest import fill, publish


def test_campaigns_and_assessment_scoping(camp, world):
    r = world.client("office").get("/api/assessments/campaigns")
    assert r.status_code == 200 and r.json()[0]["name"] == camp.name
    assert world.client("officer_a").get("/api/assessments/campaigns").json() == []
    url = f"/api/assessments/assessments/{camp.a.pk}"
    assert world.client("officer_a").get(url).status_code == 200
    assert world.client("officer_b").get(url).status_code == 404
    assert world.client(None).get(url).status_code == 401


def test_save_self_values(camp, world):
    url = f"/api/assessments/assessments/{camp.a.pk}/self"
    body = json.dumps([{"code": "3.2", "value": "99"}])
    r = world.client("officer_a").post(url, body, content_type="application/json")
    assert r.status_code == 200
    e = next(e for e in r.json()["entries"] if e["code"] == "3.2")
    assert e["self_points"] == "6.00"
    bad = json.dumps([{"code": "3.2", "value": "abc"}])
    assert world.client("officer_a").post(url, bad, content_type="application/json").status_code == 422
    assert world.client("officer_b").post(url, body, content_type="application/json").status_code == 404
    assert world.client("leader").post(url, body, content_type="application/json").status_code == 403


def test_public_results_only_when_published(camp, world):
    import datetime as dt

    url = f"/api/assessments/public/{camp.pk}/results"
    assert world.client(None).get(url).status_code == 404
    for a, officer in ((camp.a, world.officer_a), (camp.b, world.officer_b)):
        fill(officer, a)
        actions.submit(None, a)
        actions.finalize(None, a)
    publish(world, camp, "3/QĐ-UBND", dt.date(2026, 2, 2))
    rows = world.client(None).get(url).json()
    assert [r["rank"] for r in rows] == [1, 1]  # identical answers share the rank
