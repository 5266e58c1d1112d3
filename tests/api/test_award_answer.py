"""The award list is built from values() rows and rendered without pydantic's per-row validation (for the speed
of a full sync): its answer must still be exactly what the declared schema (AwardPage) gives, every field, and
its dates and times written as the API's renderer writes them everywhere else."""

import datetime

from django.core.serializers.json import DjangoJSONEncoder
from hypothesis import given
from hypothesis import strategies as st

from tdkt.api.core import json_date
from tdkt.api.endpoints.awards import AwardOut, AwardPage
from tdkt.awards.models import AwardRecord
from tests.api.support import client, token
from tests.factories import award_type, make_award

ENCODER = DjangoJSONEncoder()
ZONES = st.sampled_from([datetime.UTC, datetime.timezone(datetime.timedelta(hours=7)),
                         datetime.timezone(datetime.timedelta(hours=-3, minutes=-30))])


@given(st.datetimes(timezones=ZONES) | st.dates())
def test_json_date_writes_what_the_renderer_writes(value):
    assert json_date(value) == ENCODER.default(value)


def test_json_date_of_none_is_none():
    assert json_date(None) is None


def test_an_award_page_is_the_schema_s_answer_field_by_field(world):
    person = make_award(person=world.person_a, year=2024, decision_date=datetime.date(2024, 3, 2))
    collective = AwardRecord.objects.create(unit=world.unit_a, award_type=award_type("BK_TINH"), year=2025,
                                            decision_number="7/QĐ-UBND", decision_issuer="UBND tỉnh",
                                            period_from=datetime.date(2024, 1, 1), period_to=datetime.date(2024, 12, 31),
                                            is_enterprise=True)
    body = client(token(world, "specialist", "read:awards")).get("/api/v1/awards").json()
    assert len(AwardPage.model_validate(body).items) == 2  # the declared schema accepts the answer
    items = {item["id"]: item for item in body["items"]}
    collective.refresh_from_db()
    assert items[collective.pk] == {
        "id": collective.pk, "recipient_kind": "collective", "person_id": None, "unit_id": world.unit_a.pk,
        "household_id": None, "recipient_name": "Sở Y tế", "award_type_id": collective.award_type_id,
        "award_type": collective.award_type.name, "basis": collective.basis,
        "basis_label": str(collective.get_basis_display()), "year": 2025, "school_year": "",
        "period_from": "2024-01-01", "period_to": "2024-12-31", "decision_number": "7/QĐ-UBND",
        "decision_date": None, "decision_issuer": "UBND tỉnh", "source": collective.source,
        "source_label": str(collective.get_source_display()), "person_group": "", "is_enterprise": True,
        "updated_at": ENCODER.default(collective.updated_at)}
    assert items[person.pk]["recipient_kind"] == "individual"
    assert items[person.pk]["recipient_name"] == "Nguyễn Văn An"
    assert items[person.pk]["decision_date"] == "2024-03-02"
    # Every field of the schema and no other, in each item.
    assert all(item.keys() == AwardOut.model_fields.keys() for item in body["items"])
