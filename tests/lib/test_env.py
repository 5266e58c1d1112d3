"""tdkt.lib.env: an empty variable counts as unset (`DATABASE_URL=` in a shell or a unit file)."""

from tdkt.lib.env import envstr


def test_envstr_reads_the_value(monkeypatch):
    monkeypatch.setenv("TDKT_TEST_VALUE", "postgres://db/tdkt")
    assert envstr("TDKT_TEST_VALUE", "sqlite:///x") == "postgres://db/tdkt"


def test_envstr_empty_is_the_default(monkeypatch):
    monkeypatch.setenv("TDKT_TEST_VALUE", "")
    assert envstr("TDKT_TEST_VALUE", "sqlite:///x") == "sqlite:///x"


def test_envstr_unset_is_the_default(monkeypatch):
    monkeypatch.delenv("TDKT_TEST_VALUE", raising=False)
    assert envstr("TDKT_TEST_VALUE", "sqlite:///x") == "sqlite:///x"
    assert envstr("TDKT_TEST_VALUE") == ""


def test_settings_with_an_empty_database_url_use_sqlite(monkeypatch, tmp_path):
    """The settings module, executed afresh (under another name) with DATABASE_URL set but empty."""
    import importlib.util

    import tdkt.settings

    monkeypatch.setenv("DATABASE_URL", "")
    monkeypatch.setenv("TDKT_VAR_DIR", str(tmp_path))
    spec = importlib.util.spec_from_file_location("tdkt_settings_empty_url", tdkt.settings.__file__)
    fresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fresh)
    assert fresh.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert fresh.DATABASES["default"]["NAME"] == str(tmp_path / "tdkt.sqlite3")
