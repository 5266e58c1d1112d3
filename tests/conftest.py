"""Personas in one place: province specialist, clerk of unit A, clerk of unit B, council member,
signer, administrator and anonymous, over a small province."""

import datetime
import os
from dataclasses import dataclass

import pytest
from django.test import Client
from hypothesis import settings as hypothesis_settings

from tdkt.accounts.enums import Role
from tdkt.orgs.enums import UnitKind
from tests import db_roles, serial_live_server
from tests.factories import make_council, make_group_year, make_person, make_unit, make_user

# Hypothesis profiles: "dev" (quick, the default) and "ci" (thorough, selected by CI=true); HYPOTHESIS_PROFILE
# overrides both. Property tests leave max_examples to the profile (tests/test_conventions.py checks it).
hypothesis_settings.register_profile("dev", max_examples=25, deadline=None)
hypothesis_settings.register_profile("ci", max_examples=200, deadline=None, print_blob=True)
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI", "").lower() == "true" else "dev"))


@dataclass
class World:
    province: object
    home_affairs: object
    unit_a: object
    unit_a_child: object
    unit_b: object
    person_a: object
    person_a_child: object
    person_b: object
    group_year: object
    council: object
    users: dict


IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def pytest_configure(config):
    """Tests run background tasks inline where they are enqueued (ImmediateBackend); everywhere else the
    database queue and `manage.py run_worker` do (settings.TASKS). tests/jobs switch to the database
    backend where they exercise the worker itself. The live server answers one request at a time on the
    in-memory SQLite database (tests/serial_live_server.py)."""
    from django.test.utils import override_settings

    override_settings(TASKS=IMMEDIATE_TASKS).enable()
    serial_live_server.install()


@pytest.fixture(scope="session")
def _media_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _private_media_root(settings, _media_dir):
    """Uploaded files (import batches) go to a temporary directory, never to var/media."""
    settings.MEDIA_ROOT = str(_media_dir)


@pytest.fixture(autouse=True)
def _no_signing_key(settings, tmp_path):
    """No server signing key and no trust root unless a test configures one (var/signing may hold the demo's; a
    demo seeded by a test makes its own in the test's directory)."""
    settings.SIGNING = {**settings.SIGNING, "PKCS12": "", "PASSPHRASE": "", "TRUST_ROOTS": [], "TSA_URL": "",
                        "DEMO_DIR": tmp_path / "signing-demo"}


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (the home's figures are kept a few minutes per process)."""
    from django.core.cache import cache

    cache.clear()


# Rows seeded by data migrations (award catalogue, consulted agencies, documents checklist, step limits,
# base salary, national movements…), saved once per test database.
_SEEDED = {}


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """PostgreSQL with two roles (tests/db_roles.py): the test database is created and migrated by the owner."""
    owner = db_roles.owner_settings()
    if owner is not None:
        db_roles.use_credentials(owner)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """After the owner made the test database: the tests run as the application role (the owner granted it
    its privileges after migrating, tdkt.audit.dbroles); the owner drops the database at the end. The
    flush of transactional tests runs as the owner (PostgreSQL) or past the SQLite triggers' flush marker."""
    from django.db import connection
    from django.db.backends.base.operations import BaseDatabaseOperations

    owner = db_roles.owner_settings()
    if owner is not None:
        db_roles.use_credentials(db_roles.app_settings())
    flush = pytest.MonkeyPatch()
    flush.setattr(BaseDatabaseOperations, "execute_sql_flush",
                  db_roles.flush_with_roles(BaseDatabaseOperations.execute_sql_flush))
    with django_db_blocker.unblock():
        _SEEDED["snapshot"] = connection.creation.serialize_db_to_string()
    yield
    flush.undo()
    if owner is not None:
        with django_db_blocker.unblock():
            db_roles.use_credentials(owner)


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return ("live_server" in request.fixturenames or "transactional_db" in request.fixturenames
            or bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))))


@pytest.fixture(autouse=True)
def _seeded_rows_after_flush(request):
    """A transactional test (live server, races between threads) flushes the database when it ends, which
    empties the tables that migrations seed; the next transactional test gets them back from the snapshot.
    (Django's serialized_rollback does not survive a live server's teardown here.)"""
    if not _is_transactional(request):
        return
    request.getfixturevalue("transactional_db")
    from django.db import connection

    from tdkt.awards.models import AwardType

    if not AwardType.objects.exists():
        connection.creation.deserialize_db_from_string(_SEEDED["snapshot"])


@pytest.fixture
def world(db):
    province = make_unit("Ủy ban nhân dân tỉnh Lào Cai", kind=UnitKind.PEOPLES_COMMITTEE, code="UBND")
    home_affairs = make_unit("Sở Nội vụ", parent=province, code="SNV")
    unit_a = make_unit("Sở Y tế", parent=province, code="SYT")
    unit_a_child = make_unit("Bệnh viện Đa khoa tỉnh", kind=UnitKind.PUBLIC_SERVICE, parent=unit_a, code="BVDK")
    unit_b = make_unit("Sở Giáo dục và Đào tạo", parent=province, code="SGDDT")
    person_a = make_person("Nguyễn Văn An", unit=unit_a, national_id="010090001234", birth_date=datetime.date(1985, 3, 4))
    person_a_child = make_person("Đặng Thị Đào", unit=unit_a_child)
    person_b = make_person("Giàng A Páo", unit=unit_b, ethnicity="H'Mông")
    group_year = make_group_year("Khối Văn hóa - Xã hội", head=unit_a, members=[unit_b])
    council = make_council(province)
    users = {
        "specialist": make_user("chuyenvien", role=Role.PROVINCE_SPECIALIST, unit=home_affairs),
        "clerk_a": make_user("vanthu.a", role=Role.UNIT_CLERK, unit=unit_a),
        "clerk_b": make_user("vanthu.b", role=Role.UNIT_CLERK, unit=unit_b),
        "council_member": make_user("uyvien", role=Role.COUNCIL_MEMBER, unit=province, council=council),
        "signer": make_user("chutich", role=Role.SIGNER, unit=province),
        "admin": make_user("quantri", role=Role.SYSTEM_ADMIN, unit=province),
    }
    return World(province, home_affairs, unit_a, unit_a_child, unit_b, person_a, person_a_child, person_b,
                 group_year, council, users)


def client_for(world, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(world.users[persona])
    return client


@pytest.fixture
def as_persona(world):
    return lambda persona: client_for(world, persona)
