"""Settings read from the environment: production passes Django's deployment checks."""

import os
import subprocess
import sys

PRODUCTION = {
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "SITE_URL": "https://samskab.example.dk",
    "ALLOWED_HOSTS": "samskab.example.dk",
    "DEBUG": "false",
}


def _samskab(*args, **env):
    return subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [sys.executable, "-m", "samskab.config.manage", *args],
        # The browser suite allows async-unsafe calls in its own process only; a deployment
        # never inherits that.
        env={**{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _setting(name, **env):
    code = f"from django.conf import settings; print(settings.{name})"
    result = _samskab("shell", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = _samskab(
        "check", "--deploy", "--fail-level", "WARNING", SAMSKAB_VAR_DIR=str(tmp_path), **PRODUCTION
    )
    assert (result.returncode, result.stderr.strip()) == (0, "")
    assert "no issues" in result.stdout


def test_hsts_and_ssl_redirect_are_configurable_by_environment(tmp_path):
    env = {**PRODUCTION, "SAMSKAB_VAR_DIR": str(tmp_path)}
    assert _setting("SECURE_SSL_REDIRECT", **env) == "True"
    assert _setting("SECURE_HSTS_SECONDS", **env) == "31536000"
    off = {**env, "SECURE_SSL_REDIRECT": "false", "SECURE_HSTS_SECONDS": "0"}
    assert _setting("SECURE_SSL_REDIRECT", **off) == "False"
    assert _setting("SECURE_HSTS_SECONDS", **off) == "0"


def test_migrate_on_a_fresh_database_makes_the_cache_table_first_and_says_nothing_wrong(tmp_path):
    # Every migration writes, and each write starts a new page-cache generation in the
    # database cache: its table must exist before the first migration, or every write logs
    # "no such table: samskab_cache".
    fresh = {"SAMSKAB_VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/fresh.db"}
    result = _samskab("migrate", "--no-input", "-v0", **fresh)
    assert (result.returncode, result.stderr) == (0, "")
    code = "from django.core.cache import cache; cache.set('k', 'v'); print(cache.get('k'))"
    shown = _samskab("shell", "-c", code, **fresh)
    assert shown.stdout.strip().splitlines()[-1] == "v", shown.stderr
