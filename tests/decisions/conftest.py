"""Fixtures of the digital-signature tests: the demo's key and CA, a stranger's CA, a decision to sign."""

import datetime

import pytest

from tdkt.decisions import services
from tdkt.decisions.signing import credentials
from tests.decisions.signing_support import make_pki
from tests.decisions.support import approved, cite_proposal, make_authority, make_dossier


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory):
    """The demo's CA and signer, generated once per session as seed_demo does."""
    directory = tmp_path_factory.mktemp("signing-demo")
    credentials.demo_credentials(directory)
    return directory


@pytest.fixture(scope="session")
def stranger():
    """Another CA and signer, trusted by nobody."""
    return make_pki("CA lạ", "Người ký lạ")


@pytest.fixture
def demo_key(settings, demo_dir):
    """The demo's key as the server's, its CA as the one trust root."""
    settings.SIGNING = {**settings.SIGNING, "DEMO_DIR": demo_dir}
    return demo_dir


@pytest.fixture
def to_sign(world):
    """A decision (Bằng khen, two lines) approved for signing."""
    dossier = make_dossier(world.unit_a)
    lines = [approved(dossier, person=world.person_a, position=1, position_and_unit="Chuyên viên, Sở Y tế"),
             approved(dossier, unit=world.unit_a_child, position=2)]
    decision = services.draft_decisions(lines, by=world.users["specialist"], authority=make_authority(),
                                        date=datetime.date(2026, 7, 1))[0]
    return services.approve_for_signing(cite_proposal(decision), by=world.users["signer"])
