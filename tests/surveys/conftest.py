import pytest

from chiso.surveys import actions
from chiso.surveys.demo import FORM


@pytest.fixture
def version(world):
    v, _ = actions.import_form(None, FORM.read_bytes(), FORM.name, world.province)
    return v


@pytest.fixture
def point_a(world, version):
    return actions.ensure_point(None, world.desk_a, version.questionnaire)[0]


@pytest.fixture
def point_b(world, version):
    return actions.ensure_point(None, world.commune_b, version.questionnaire)[0]


GOOD = {
    "linh_vuc": "ho_tich",
    "so_lan": "1",
    "tiep_can": "5",
    "thu_tuc": "4",
    "cong_chuc": "5",
    "ket_qua": "3",
    "da_gop_y": "khong",
    "phi_ngoai": "khong",
}


def answers(**changes):
    out = dict(GOOD)
    for k, v in changes.items():
        if v is None:
            out.pop(k, None)
        else:
            out[k] = v
    return out
