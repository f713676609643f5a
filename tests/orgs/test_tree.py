"""The effective-dated tree: as-of queries agree with a brute-force walk of parent pointers."""

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chiso.orgs import actions, queries
from chiso.orgs.models import LinkKind, Unit, UnitKind

BASE = dt.date(2024, 1, 1)


class Rollback(Exception):
    pass


@st.composite
def forests(draw):
    n = draw(st.integers(min_value=1, max_value=14))
    nodes = []
    for i in range(n):
        parent = draw(st.one_of(st.none(), st.integers(0, i - 1))) if i else None
        start = draw(st.one_of(st.none(), st.integers(0, 700)))
        length = draw(st.one_of(st.none(), st.integers(0, 700)))
        nodes.append((parent, start, length))
    days = draw(st.lists(st.integers(-10, 1500), min_size=1, max_size=4))
    return nodes, days


def _valid(u, day):
    return (u.valid_from is None or u.valid_from <= day) and (u.valid_to is None or u.valid_to >= day)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(forests())
def test_as_of_queries_match_brute_force(spec):
    nodes, days = spec
    try:
        with transaction.atomic():
            units = []
            for i, (parent, start, length) in enumerate(nodes):
                vf = BASE + dt.timedelta(days=start) if start is not None else None
                vt = (vf or BASE) + dt.timedelta(days=length) if length is not None else None
                u, _ = actions.save_unit(
                    None,
                    Unit(code=f"H{i}"),
                    name=f"Đơn vị {i}",
                    kind=UnitKind.COMMUNE,
                    parent=units[parent] if parent is not None else None,
                    valid_from=vf,
                    valid_to=vt,
                )
                units.append(u)
            by_id = {u.pk: u for u in units}

            def brute_ancestors(u):
                out, cur = [], u
                while cur.parent_id:
                    cur = by_id[cur.parent_id]
                    out.append(cur)
                return list(reversed(out))

            for d in days:
                day = BASE + dt.timedelta(days=d)
                for u in units:
                    expected_desc = {
                        v.pk for v in units if v.pk != u.pk and u in brute_ancestors(v) and _valid(v, day)
                    }
                    assert {v.pk for v in queries.descendants(u, day)} == expected_desc
                    expected_anc = [a.pk for a in brute_ancestors(u) if _valid(a, day)]
                    assert [a.pk for a in queries.ancestors(u, day)] == expected_anc
            raise Rollback
    except Rollback:
        pass


@pytest.mark.django_db
def test_became_follows_links_transitively():
    a = actions.save_unit(
        None, Unit(code="A"), name="Xã A", kind=UnitKind.COMMUNE, valid_to=dt.date(2020, 12, 31)
    )[0]
    b = actions.save_unit(
        None,
        Unit(code="B"),
        name="Xã B",
        kind=UnitKind.COMMUNE,
        valid_from=dt.date(2021, 1, 1),
        valid_to=dt.date(2025, 6, 30),
    )[0]
    c = actions.save_unit(
        None, Unit(code="C"), name="Xã C", kind=UnitKind.COMMUNE, valid_from=dt.date(2025, 7, 1)
    )[0]
    d = actions.save_unit(
        None, Unit(code="D"), name="Phường D", kind=UnitKind.WARD, valid_from=dt.date(2025, 7, 1)
    )[0]
    actions.link_units(None, a, b, LinkKind.RENAME)
    actions.link_units(None, b, c, LinkKind.SPLIT)
    actions.link_units(None, b, d, LinkKind.SPLIT)
    assert {u.code for u in queries.became(a)} == {"C", "D"}
    assert {u.code for u in queries.formed_from(c)} == {"A", "B"}
    assert queries.became(c) == []


@pytest.mark.django_db
def test_tree_queries_do_not_grow_with_depth(django_assert_max_num_queries):
    parent = None
    for i in range(12):
        parent = actions.save_unit(
            None, Unit(code=f"D{i}"), name=f"Cấp {i}", kind=UnitKind.COMMUNE, parent=parent
        )[0]
    root = Unit.objects.get(code="D0")
    with django_assert_max_num_queries(1):
        assert len(queries.ancestors(parent)) == 11
    with django_assert_max_num_queries(1):
        assert len(list(queries.descendants(root))) == 11
    with django_assert_max_num_queries(1):
        assert queries.tree(root)[0]["children"][0]["unit"].code == "D1"


@pytest.mark.django_db
def test_parent_of_existing_unit_cannot_change(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        actions.save_unit(None, world.commune_a, parent=world.department)
