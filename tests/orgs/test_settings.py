"""settings.py: fails loudly on bad values; production variables give a clean `check --deploy`."""

import os
import subprocess
import sys

import pytest


def _run(env_extra, *args):
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "DEBUG",
            "CHISO_TESTING",
            "DATABASE_URL",
            "ALLOWED_HOSTS",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-m", "chiso", *args], env=env, capture_output=True, text=True, timeout=120
    )


PROD = {
    "SECRET_KEY": "x9!k2#p-" * 8,
    "DEBUG": "0",
    "ALLOWED_HOSTS": "chiso.example.gov.vn",
    "DATABASE_URL": "sqlite:////tmp/chiso-check.sqlite3",
}


@pytest.mark.slow
def test_check_deploy_is_clean_with_production_variables():
    r = _run(PROD, "check", "--deploy", "--fail-level", "WARNING")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "no issues" in r.stdout


@pytest.mark.parametrize(
    "env,needle",
    [
        ({"DEBUG": "maybe"}, "DEBUG='maybe' is not a boolean"),
        ({"DEBUG": "0"}, "SECRET_KEY must be set"),
        ({**PROD, "EMAIL_PORT": "twenty-five"}, "EMAIL_PORT='twenty-five' is not an integer"),
        ({**PROD, "DATABASE_URL": "nosuchdb://x"}, "DATABASE_URL is not a valid database URL"),
    ],
)
def test_bad_values_fail_loudly(env, needle):
    r = _run(env, "check")
    assert r.returncode != 0
    assert needle in r.stderr
