"""Shared set-up of the outbound sync tests: a receiver row pointing at a local HttpReceiver, and a decision
of three lines (Nguyễn Văn An with a personal ID, Bệnh viện Đa khoa tỉnh, Đặng Thị Đào without one) signed."""

import datetime

from tdkt.decisions import services
from tdkt.integration.models import Receiver, ReceiverKind
from tests.decisions.support import SIGNED_ON, approved, cite_proposal, make_authority, make_dossier, pdf_bytes
from tests.http_receiver import ACCESS_KEY, SECRET_KEY

SECRET_ENV = "TDKT_TEST_SYNC_SECRET"
DUE_BY = datetime.date(2026, 7, 15)  # SIGNED_ON (Friday 10/07/2026) + 3 working days


def make_receiver(http, *, monkeypatch, name="Nền tảng LGSP tỉnh Lào Cai", **extra) -> Receiver:
    monkeypatch.setenv(SECRET_ENV, SECRET_KEY)
    values = {"name": name, "kind": ReceiverKind.NATIONAL_CADRE_DB, "url": http.url, "token_url": http.token_url,
              "access_key": ACCESS_KEY, "secret_env": SECRET_ENV} | extra
    return Receiver.objects.create(**values)


def sign(world, decision, *, on=SIGNED_ON):
    services.approve_for_signing(cite_proposal(decision), by=world.users["signer"])
    return services.sign_decision(decision, by=world.users["specialist"], signed_pdf=pdf_bytes(), signed_on=on)


def signed_decision(world):
    dossier = make_dossier(world.unit_a)
    lines = [approved(dossier, person=world.person_a, position=1),
             approved(dossier, unit=world.unit_a_child, position=2),
             approved(dossier, person=world.person_a_child, position=3)]
    (decision,) = services.draft_decisions(lines, by=world.users["specialist"], authority=make_authority(),
                                           date=datetime.date(2026, 7, 1))
    return sign(world, decision)
