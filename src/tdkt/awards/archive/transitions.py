"""The states of an archive batch (issue 17): reading → read → committing → committed; failed when the
commit fails (nothing recorded; it can be retried). Reading each document and its outcome is the job's
work (tdkt.awards.archive.reading); the services call ARCHIVE_BATCH.perform for every state change."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope
from tdkt.awards.archive.models import ArchiveBatch, ArchiveBatchStateChange
from tdkt.awards.archive.models import ArchiveState as S
from tdkt.awards.archive.queries import get_batch_for_user
from tdkt.awards.imports.queries import may_handle_batch
from tdkt.workflow.machine import SYSTEM, StateMachine, transition

ARCHIVISTS = (Role.SYSTEM_ADMIN, Role.PROVINCE_SPECIALIST, Role.UNIT_CLERK, Role.UNIT_LEADER)
ARCHIVIST = "archivist"  # the uploader, the clerks and leaders of the batch's unit, the province specialists


def may_archive(user, batch) -> bool:
    return get_scope(user).has_role(*ARCHIVISTS) and may_handle_batch(user, batch)


ARCHIVE_BATCH = StateMachine(
    name="archive_batch",
    label=_("archive batch"),
    model=ArchiveBatch,
    states=S,
    history_model=ArchiveBatchStateChange,
    history_owner="batch",
    actors={ARCHIVIST: may_archive},
    initial=S.READING,
    get_for_user=lambda user, pk, write=True: get_batch_for_user(user, pk),
    # the home's agenda: a batch read (or whose recording failed) waits for its uploader to review its lines and
    # record them, on the batch's page
    visible_to=lambda user: ArchiveBatch.objects.filter(uploaded_by_id=user.pk).select_related("unit").order_by("pk"),
    url_of=lambda batch: reverse("awards:archive_detail", args=[batch.pk]), title_of=str,
    unit_of=lambda batch: batch.unit.name, agenda_key=lambda batch: (batch.unit_id, batch.uploaded_by_id),
    button_url_of=lambda batch, _item: reverse("awards:archive_detail", args=[batch.pk]),
    docs="huong-dan/so-hoa-luu-tru.md",
    refused_message=_("This archive batch cannot do that now: it is “%(old)s”."),
    raced_message=_("Someone else changed this archive batch first: it is now “%(state)s”. Reload the page and "
                    "try again."),
    transitions=[
        transition("read", _("Read"), {S.READING}, S.READ, SYSTEM,
                   description=_("Every document has been read or has failed with its reason.")),
        transition("start_commit", _("Record the awards"), {S.READ, S.FAILED}, S.COMMITTING, ARCHIVIST,
                   description=_("No line is doubtful or in error.")),
        transition("committed", _("Recorded"), {S.COMMITTING}, S.COMMITTED, SYSTEM,
                   description=_("Every line is recorded as an award record.")),
        transition("commit_failed", _("Recording failed"), {S.COMMITTING}, S.FAILED, SYSTEM, danger=True,
                   description=_("Nothing is recorded; the batch can be reviewed and recorded again.")),
    ],
)
