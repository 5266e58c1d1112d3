"""Per-person initiative records (tdkt.awards.models.Initiative) that no register entry holds yet — those
recorded on a person's page or by the history import — become recognised entries of the register, their
authors sharing equally. Idempotent. The data migration 0002 and `manage.py adopt_initiatives` call it with
their models (the migration's historical ones), so it imports no model itself."""

from tdkt.initiatives.shares import equal_shares
from tdkt.lib.vntext import fold


def adopt_records(initiative_model, work_model, author_model, change_model, *, by_name: str) -> int:
    adopted = 0
    orphans = (initiative_model.objects.filter(work__isnull=True).order_by("id")
               .prefetch_related("authors__unit"))
    for record in orphans.iterator(chunk_size=500):
        persons = sorted(record.authors.all(), key=lambda person: person.pk)
        unit = next((person.unit for person in persons if person.unit_id), None)
        names = [person.full_name for person in persons]
        work = work_model.objects.create(
            kind="initiative", title=record.title, state="recognised", scope=record.scope, year=record.year,
            decision_number=record.decision_number, decision_date=record.decision_date,
            recognised_by=record.recognised_by, record=record, unit=unit,
            search_text=fold(" ".join([record.title, *names, unit.name if unit else ""])),
            created_by_id=record.created_by_id)
        author_model.objects.bulk_create([
            author_model(work=work, person=person, share=share, position=i)
            for i, (person, share) in enumerate(zip(persons, equal_shares(len(persons)), strict=True))])
        change_model.objects.create(work=work, from_state="", to_state="recognised", by_name=by_name,
                                    reason="Recorded in the award history before the register existed.")
        adopted += 1
    return adopted
