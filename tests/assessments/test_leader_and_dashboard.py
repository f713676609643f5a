"""QA defects 2 and 3: leaders are told when results await approval, approving incomplete results is a
conscious choice, the results columns are explained, the progress table is searchable and sortable, and
the home page never ends with an empty heading."""

import re

import pytest
from django.core.exceptions import ValidationError

from chiso.assessments import actions
from chiso.assessments.models import Campaign
from chiso.orgs.models import AuditEntry, Notification

from .conftest import fill

pytestmark = pytest.mark.django_db


def test_leaders_are_notified_when_results_await_approval(camp, world):
    actions.compute_campaign(world.office, camp)
    inbox = Notification.objects.filter(user=world.leader, kind="assessments.approve")
    assert inbox.count() == 1
    n = inbox.get()
    assert camp.name in n.title and n.url == f"/cham-diem/dot/{camp.pk}/ket-qua/"
    assert "2/2 đơn vị chưa nộp" in n.body
    # nobody else gets it: not the office, not the units, not the appraiser
    others = Notification.objects.filter(kind="assessments.approve").exclude(user=world.leader)
    assert not others.exists()
    # computing again (new results) tells the leader again; the same computation does not
    actions._notify_leaders(Campaign.objects.get(pk=camp.pk))
    assert inbox.count() == 1
    actions.compute_campaign(world.office, camp)
    assert inbox.count() == 2
    # once approved, the request is settled: no open "awaiting approval" message stays in the inbox
    actions.approve(world.leader, camp, confirm_incomplete=True)
    assert not inbox.filter(read_at__isnull=True).exists()


def test_incomplete_approval_needs_confirmation(camp, world):
    fill(world.officer_a, camp.a)
    actions.submit(world.head_a, camp.a)
    actions.compute_campaign(world.office, camp)
    with pytest.raises(ValidationError) as exc:
        actions.approve(world.leader, camp)
    msg = str(exc.value)
    assert "1/2 đơn vị chưa nộp" in msg and "1/2 đơn vị chưa được chốt" in msg
    assert not Campaign.objects.get(pk=camp.pk).approved_at
    actions.approve(world.leader, camp, confirm_incomplete=True)
    c = Campaign.objects.get(pk=camp.pk)
    assert c.approved_at and c.approved_by == world.leader
    ev = AuditEntry.objects.filter(action="assessments.campaign.approve").latest("pk")
    assert ev.after["incomplete"] is True and ev.after["not_submitted"] == 1


def test_approve_page_warns_with_counts_and_checkbox(camp, world):
    actions.compute_campaign(world.office, camp)
    leader = world.client("leader")
    for url in (f"/cham-diem/dot/{camp.pk}/", f"/cham-diem/dot/{camp.pk}/ket-qua/"):
        html = leader.get(url).content.decode()
        assert 'id="approve-warning"' in html and "2/2 đơn vị chưa nộp bản tự đánh giá" in html
        assert re.search(r'<input type="checkbox" name="xac_nhan" value="1" id="xac_nhan" required>', html)
    r = leader.post(f"/cham-diem/dot/{camp.pk}/phe-duyet/", follow=True)
    assert "Đánh dấu xác nhận nếu vẫn phê duyệt" in r.content.decode()
    assert not Campaign.objects.get(pk=camp.pk).approved_at
    r = leader.post(f"/cham-diem/dot/{camp.pk}/phe-duyet/", {"xac_nhan": "1"}, follow=True)
    assert "Đã phê duyệt kết quả" in r.content.decode()
    assert Campaign.objects.get(pk=camp.pk).approved_at
    # the office still may not approve, even with the box ticked
    assert (
        world.client("office").post(f"/cham-diem/dot/{camp.pk}/phe-duyet/", {"xac_nhan": "1"}).status_code
        == 404
    )


def test_results_columns_are_explained(camp, world):
    actions.compute_campaign(world.office, camp)
    html = world.client("office").get(f"/cham-diem/dot/{camp.pk}/ket-qua/").content.decode()
    assert 'id="legend"' in html
    assert re.search(r"<strong>LV 1</strong>: Công tác chỉ đạo, điều hành cải cách hành chính", html)
    assert 'title="Lĩnh vực 3: Cải cách thủ tục hành chính' in html


def test_progress_table_search_and_sort(camp, world):
    url = f"/cham-diem/dot/{camp.pk}/"
    office = world.client("office")
    names = (camp.a.unit.name, camp.b.unit.name)  # Xã Hòa An, Phường Đông Sơn

    def listed(html):
        return [n for n in re.findall(r"<tr><td>([^<]+)</td>", html) if n in names]

    html = office.get(url, {"q": "hoa an"}).content.decode()  # no accents, lower case
    assert listed(html) == [camp.a.unit.name] and "1 đơn vị phù hợp" in html
    assert listed(office.get(url, {"q": "ĐÔNG SƠN"}).content.decode()) == [camp.b.unit.name]
    html = office.get(url, {"q": "không có đơn vị này"}).content.decode()
    assert "Không có đơn vị nào phù hợp với" in html
    by_name = listed(office.get(url, {"sap_xep": "ten"}).content.decode())
    assert by_name == sorted(names, key=lambda n: n.replace("Đ", "D"))
    fill(world.officer_a, camp.a)
    actions.submit(world.head_a, camp.a)
    assert listed(office.get(url, {"sap_xep": "trang_thai"}).content.decode()) == [
        camp.b.unit.name,
        camp.a.unit.name,
    ]  # not submitted first
    assert listed(office.get(url, {"sap_xep": "nop"}).content.decode())[0] == camp.a.unit.name
    assert office.get(url, {"sap_xep": "'; drop"}).status_code == 200  # unknown sort: default order


def test_home_of_a_unit_has_no_empty_heading(camp, world):
    html = world.client("officer_a").get("/cham-diem/").content.decode()
    tail = html.split("<h2>Đợt đánh giá</h2>")[1]
    assert 'id="campaigns-empty"' in tail
