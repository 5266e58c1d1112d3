"""Files of a dossier: checked (size, content sniffed from the bytes), stored under MEDIA_ROOT by content
hash, and served only through the access-checked download view."""

import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from tdkt.accounts.enums import PROVINCE_WIDE_ROLES
from tdkt.accounts.scope import get_scope
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.dossiers.enums import CLOSED_STATES, UNIT_EDITABLE_STATES, DocumentType, EventKind
from tdkt.dossiers.models import DossierDocument
from tdkt.dossiers.queries import get_dossier_for_user
from tdkt.dossiers.state import actor_user, log_event
from tdkt.dossiers.transitions import acts_for_receiver
from tdkt.lib.uploads import UploadError, read_upload

ALLOWED_KINDS = {"pdf", "docx", "xlsx", "image"}


def may_edit_documents(user, dossier) -> bool:
    """The unit while the dossier is a draft or returned; its receiving side (the standing body's specialists,
    or a unit round's receiving officers) at any time before it is closed. The province reads a unit's round."""
    if actor_user(user) is None:
        return True
    scope = get_scope(user)
    if acts_for_receiver(user, dossier):
        return dossier.state not in CLOSED_STATES
    if scope.roles & PROVINCE_WIDE_ROLES and dossier.receiving_authority_id:
        return False
    return dossier.state in UNIT_EDITABLE_STATES and scope.can_act_for_dossier(dossier.unit_id, dossier.group_year_id)


def _require_edit(user, dossier) -> None:
    if not may_edit_documents(user, dossier):
        raise PermissionDenied(_("The dossier's files can only be changed while it is a draft or returned "
                                 "for completion."))


@transaction.atomic
def add_document(dossier, *, by, document_type: str, uploaded, nomination=None) -> DossierDocument:
    """Attach one uploaded file; refused with a message naming the file when it is empty, too large or not
    a PDF, Word, Excel or image file (whatever its name says)."""
    _require_edit(by, dossier)
    if document_type not in DocumentType.values:
        raise ValidationError({"document_type": _("Choose the kind of document.")})
    if nomination is not None and nomination.dossier_id != dossier.pk:
        raise ValidationError({"nomination": _("This nominee is not in this dossier.")})
    name = (getattr(uploaded, "name", "") or "").rsplit("/", 1)[-1][:255]
    try:
        sniffed = read_upload(uploaded, allowed=ALLOWED_KINDS, max_bytes=settings.UPLOAD_MAX_BYTES,
                              field_label=_("File “%(name)s”") % {"name": name})
    except UploadError as exc:
        raise ValidationError({"uploaded": str(exc)}) from exc
    digest = hashlib.sha256(sniffed.data).hexdigest()
    document = DossierDocument(dossier=dossier, nomination=nomination, document_type=document_type,
                               original_name=name, content_type=sniffed.mime, size=len(sniffed.data),
                               sha256=digest, uploaded_by=actor_user(by))
    document.file.save(name, ContentFile(sniffed.data), save=False)
    document.save()
    log_event(dossier, by=by, kind=EventKind.DOCUMENT, nomination=nomination,
              reason=_("File added: %(name)s (%(type)s).") % {"name": name,
                                                              "type": document.get_document_type_display()})
    record(by, AuditAction.CREATE, document, changes={"dossier": dossier.pk, "sha256": digest, "size": document.size})
    return document


@transaction.atomic
def remove_document(document: DossierDocument, *, by) -> None:
    """Delete a file row (the stored bytes stay if another row shares the same content)."""
    dossier = document.dossier
    _require_edit(by, dossier)
    name, path, digest = document.original_name, document.file.name, document.sha256
    record(by, AuditAction.DELETE, document, changes={"dossier": dossier.pk, "sha256": digest})
    document.delete()
    log_event(dossier, by=by, kind=EventKind.DOCUMENT, reason=_("File removed: %(name)s.") % {"name": name})
    if not DossierDocument.objects.filter(file=path).exists():
        storage = DossierDocument._meta.get_field("file").storage
        transaction.on_commit(lambda: storage.delete(path))


def get_document_for_user(user, pk) -> DossierDocument:
    """The document if its dossier is visible to the user (another unit's: 404)."""
    document = DossierDocument.objects.filter(pk=pk).first()
    if document is None:
        raise Http404
    document.dossier = get_dossier_for_user(user, document.dossier_id)
    return document
