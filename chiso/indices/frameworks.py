"""Framework data shipped in chiso/indices/data/frameworks/*.json, loaded by `chiso load-frameworks`."""

import csv
import json
from decimal import Decimal
from pathlib import Path

DATA = Path(__file__).parent / "data"
FRAMEWORK_DIR = DATA / "frameworks"
RESPONSIBILITIES = DATA / "responsibilities.csv"
PAPI_WIDE = DATA / "papi_agg_province_year.csv"


def framework_files() -> list[Path]:
    return sorted(FRAMEWORK_DIR.glob("*.json"))


def read_framework(path: Path) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f, parse_float=Decimal)


def default_responsibilities() -> list[dict]:
    with open(RESPONSIBILITIES, encoding="utf-8") as f:
        return list(csv.DictReader(f))
