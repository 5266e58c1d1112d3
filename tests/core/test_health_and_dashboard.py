"""/healthz, the dashboard's figures (counted within what each user may see), and `check --deploy`."""

import datetime
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tdkt.core import dashboard
from tdkt.orgs.enums import GroupKind, UnitKind
from tdkt.orgs.models import EmulationGroupYear
from tests.conftest import client_for
from tests.factories import make_group_year, make_person, make_unit

REPO = Path(__file__).resolve().parents[2]


# --- health --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_reports_the_database():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": {"status": "ok", "vendor": connection.vendor},
                               "storage": {"status": "ok"}}


@pytest.mark.django_db
def test_healthz_needs_no_sign_in_and_writes_nothing():
    from tdkt.audit.models import AuditEvent

    assert reverse("core:healthz") == "/healthz"
    Client().get("/healthz")
    assert AuditEvent.objects.count() == 0


# --- dashboard figures -----------------------------------------------------------------------------------


@pytest.fixture
def province(world):
    """The world, plus: a commune, a dissolved unit, last year's group, and a group unit A is not in."""
    this_year = timezone.localdate().year
    EmulationGroupYear.objects.filter(pk=world.group_year.pk).update(year=this_year)
    commune = make_unit("Xã Bản Lầu", kind=UnitKind.COMMUNE, parent=world.province, code="XBL", is_border=True)
    make_person("Lù Thị Dung", unit=commune, ethnicity="Nùng")
    make_unit("Sở Kế hoạch và Đầu tư", parent=world.province, code="SKHDT", dissolved_on=datetime.date(2025, 3, 1))
    make_unit("Ban Quản lý dự án mới", parent=world.province, code="BQLDA",
              established_on=timezone.localdate() + datetime.timedelta(days=30))
    make_group_year("Cụm thi đua các xã biên giới", year=this_year, kind=GroupKind.CLUSTER, head=commune)
    make_group_year("Khối Văn hóa - Xã hội (năm trước)", year=this_year - 1, head=world.unit_a)
    return world


def figures(world, persona):
    response = client_for(world, persona).get(reverse("core:dashboard"))
    assert response.status_code == 200
    return response.context["figures"]


@pytest.mark.parametrize("persona", ["specialist", "council_member", "admin"])
def test_province_wide_roles_count_everything_active(province, persona):
    assert figures(province, persona) == {
        "year": timezone.localdate().year,
        "units": 6,  # 5 of the world + the commune; not the dissolved unit nor the one established later
        "communes": 1,
        "people": 4,
        "groups": 2,  # this year's groups only
    }


def test_clerk_a_counts_only_unit_a_and_its_sub_unit(province):
    assert figures(province, "clerk_a") == {
        "year": timezone.localdate().year, "units": 2, "communes": 0, "people": 2, "groups": 1,
    }


def test_clerk_b_counts_only_unit_b(province):
    assert figures(province, "clerk_b") == {
        "year": timezone.localdate().year, "units": 1, "communes": 0, "people": 1, "groups": 1,
    }


def test_the_figures_are_kept_a_few_minutes_per_scope_and_never_shared_across_scopes(province, monkeypatch):
    assert figures(province, "clerk_a")["people"] == 2
    make_person("Hà Văn Mới", unit=province.unit_a)
    assert figures(province, "clerk_a")["people"] == 2  # counted again only after FIGURES_CACHE_SECONDS
    assert figures(province, "clerk_b")["people"] == 1  # another unit's scope: its own count
    assert figures(province, "specialist")["people"] == 5
    later = time.time() + dashboard.FIGURES_CACHE_SECONDS + 1
    monkeypatch.setattr(time, "time", lambda: later)  # the local-memory cache reads time.time for expiry
    assert figures(province, "clerk_a")["people"] == 3


def test_dashboard_shows_the_figures(province):
    html = client_for(province, "clerk_a").get(reverse("core:dashboard")).content.decode()
    assert '<b data-figure="units">2</b>' in html
    assert '<b data-figure="communes">0</b>' in html
    assert '<b data-figure="people">2</b>' in html
    assert '<b data-figure="groups">1</b>' in html


def test_dashboard_sends_a_visitor_to_the_public_portal_and_an_expired_session_to_sign_in(world):
    response = Client().get(reverse("core:dashboard"))
    assert (response.status_code, response["Location"]) == (302, "/portal/")
    expired = Client()
    expired.cookies[settings.SESSION_COOKIE_NAME] = "a-session-the-server-never-had"
    response = expired.get(reverse("core:dashboard"))
    assert (response.status_code, response["Location"]) == (302, "/login/?next=/")


# --- check --deploy --------------------------------------------------------------------------------------


def _manage_check(tmp_path, **env_overrides) -> subprocess.CompletedProcess:
    # A clean environment, as on a server: nothing of the test run leaks in (e.g. the browser tests set
    # DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly refuses).
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG", "LC_ALL", "DATABASE_URL") if key in os.environ}
    env.update(TDKT_VAR_DIR=str(tmp_path / "var"), PYTHONPATH=str(REPO / "src"), **env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False,
    )


PRODUCTION = {
    "DEBUG": "false",
    "ALLOWED_HOSTS": "tdkt.laocai.gov.vn",
    "CSRF_TRUSTED_ORIGINS": "https://tdkt.laocai.gov.vn",
    "BEHIND_PROXY": "true",
}


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = _manage_check(tmp_path, SECRET_KEY=secrets.token_urlsafe(64), **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_does_catch_development_settings(tmp_path):
    # Proves the check above is not vacuous: DEBUG on fails it.
    result = _manage_check(tmp_path, DEBUG="true", SECRET_KEY=secrets.token_urlsafe(64))
    assert result.returncode != 0
    assert "security.W018" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _manage_check(tmp_path, DEBUG="false", ALLOWED_HOSTS="tdkt.laocai.gov.vn")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr



def test_dashboard_shows_what_waits_for_the_user(world):
    """Dossiers to receive (province) or to complete (unit), overdue steps and unread notifications."""
    import datetime

    from tdkt.dossiers.models import Dossier
    from tdkt.notifications.services import notify

    Dossier.objects.create(unit=world.unit_a, title="Chờ tiếp nhận", state="submitted",
                           step_due_on=datetime.date(2020, 1, 2))
    Dossier.objects.create(unit=world.unit_a, title="Trả lại", state="returned")
    Dossier.objects.create(unit=world.unit_b, title="Của đơn vị B", state="returned")
    notify([world.users["clerk_a"]], text="Hồ sơ bị trả lại", url="/dossiers/", key="returned-1")

    def figures(persona):
        html = client_for(world, persona).get("/").content.decode()
        return [html.split(f'data-figure="{name}">')[1].split("<")[0]
                for name in ("submitted", "returned", "overdue", "unread")]

    assert figures("specialist") == ["1", "2", "1", "0"]
    assert figures("clerk_a") == ["1", "1", "1", "1"]
    assert figures("clerk_b") == ["0", "1", "0", "0"]
