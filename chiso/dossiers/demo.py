"""Demo data: the procedure catalogue and a year (2025) of synthetic dossiers of Hà Tĩnh.

DEMO_ROWS dossiers (50,000, about a tenth of a small province's real volume) keep `make demo`
well under a minute; `chiso generate-dossiers --rows 1000000` makes a realistic year."""

import os
import tempfile
import time

from chiso.dossiers import extras, generator, importer
from chiso.dossiers.models import Dossier

DEMO_ROWS = 50_000
DEMO_SEED = 2025


def load(log=print) -> None:
    with tempfile.TemporaryDirectory(prefix="chiso-demo-") as tmp:
        procs = os.path.join(tmp, "thu-tuc.csv")
        generator.write_procedures(procs)
        r = extras.import_procedures(procs)
        log(f"Thủ tục hành chính: {r.created} mới, {r.updated} cập nhật, {r.unchanged} không đổi")
        if Dossier.objects.filter(unit__code__startswith="42").exists():
            log("Hồ sơ mẫu đã có — bỏ qua")
            return
        t = time.perf_counter()
        path = os.path.join(tmp, "ho-so-2025.csv")
        generator.generate(DEMO_ROWS, DEMO_SEED, 2025, path)
        res = importer.import_dossiers(path)
        log(f"Hồ sơ mẫu năm 2025: {res.created} hồ sơ ({time.perf_counter() - t:.1f} giây)")
