"""The two writers of a bulk import store exactly the same thing: ADBC's SQLite driver (used for an
SQLite database file) and the Django connection (used inside transactions, in memory and on
PostgreSQL). Each runs in a child process on its own SQLite file, through a first load, a no-op
re-import, an update with new rows and a failing import that must change nothing; then
`recompute-kpis` (its read in parallel threads of the ADBC process, or through the Django
connection) must rebuild the very aggregates the imports stored."""

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).with_name("bulk_paths_script.py")
ROOT = SCRIPT.parents[2]


def _start(tmp_path: Path, writer: str) -> subprocess.Popen:
    work = tmp_path / writer
    work.mkdir()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "CHISO_BULK_WRITER": writer,
        "SECRET_KEY": "test-only-secret",
        "CHISO_TESTING": "1",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.Popen(
        [sys.executable, str(SCRIPT), str(work)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_adbc_and_django_writers_store_the_same(tmp_path):
    procs = {w: _start(tmp_path, w) for w in ("adbc", "django")}
    out = {}
    for w, p in procs.items():
        stdout, stderr = p.communicate(timeout=600)
        assert p.returncode == 0, stderr[-3000:]
        out[w] = json.loads(stdout.strip().splitlines()[-1])
    adbc, dj = out["adbc"], out["django"]
    assert adbc["writer"] == "adbc" and dj["writer"] == "django"
    first, again, changed, broken = adbc["steps"]
    assert dj["steps"] == adbc["steps"], (dj["steps"], adbc["steps"])
    assert first[1] == 3000 and again == [3000, 0, 0, 3000]
    moved = adbc["moved"]
    assert moved > 50 and changed == [3040, 40, moved, 3000 - moved]
    assert broken == [[14, "DonViXuLy"]]  # nothing of that file is written
    assert len(adbc["dossiers_dossier"]) == 3040 and adbc["dossiers_kpirollup"]
    assert "dossiers_dossier_code_uniq" in adbc["indexes"]
    assert adbc["recompute_same"] and dj["recompute_same"]
    for key in adbc:
        if key != "writer":
            assert adbc[key] == dj[key], key
