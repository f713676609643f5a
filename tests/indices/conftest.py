import pytest
from django.db import transaction

from chiso.indices import actions
from chiso.indices.models import Index
from chiso.orgs.provinces import load_provinces


@pytest.fixture(scope="module")
def _base_data(django_db_setup, django_db_blocker):
    """Provinces and frameworks, built once per module inside a transaction that is rolled back
    at the end of the module; each test runs in a savepoint inside it (the `db` fixture)."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            load_provinces()
            actions.load_frameworks(None)
            yield
            transaction.set_rollback(True)


@pytest.fixture
def frameworks(_base_data, db):
    return {i.code: i for i in Index.objects.all()}


@pytest.fixture
def papi(frameworks):
    return frameworks["papi"]


def write_csv(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


PROVINCES = ["Hà Tĩnh", "Quảng Ninh", "Hà Giang", "Tuyên Quang", "Nghệ An", "Thừa Thiên Huế"]


def papi_long(years=(2023, 2024), provinces=PROVINCES, base=None) -> str:
    """A small long-format PAPI file: 8 dimensions for each province and year (no totals:
    they are computed from the parts)."""
    lines = ["index,year,province,node_code,score"]
    for y in years:
        for i, p in enumerate(provinces):
            for d in range(1, 9):
                score = (base or {}).get((y, p, d), 4 + ((i * 7 + d * 3 + y) % 50) / 10)
                lines.append(f"papi,{y},{p},D{d},{score}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def papi_small(papi, tmp_path):
    path = write_csv(tmp_path, "papi.csv", papi_long())
    actions.import_results(None, papi, path, fmt="long")
    return papi
