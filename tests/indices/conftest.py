import pytest

from chiso.indices import actions
from chiso.indices.models import Index
from chiso.orgs.provinces import load_provinces


@pytest.fixture
def frameworks(db):
    load_provinces()
    actions.load_frameworks(None)
    return {i.code: i for i in Index.objects.all()}


@pytest.fixture
def papi(frameworks):
    return frameworks["papi"]


def write_csv(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
