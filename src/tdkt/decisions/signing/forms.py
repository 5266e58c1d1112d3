import base64
import binascii

from cryptography import x509
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD = 64 * 1024  # a certificate or a CMS is a few kilobytes


def _read(upload, message) -> bytes:
    if upload.size > MAX_UPLOAD:
        raise forms.ValidationError(message)
    return upload.read()


class RemoteStartForm(forms.Form):
    """The remote signer's certificate (its chain is in the CMS it returns)."""

    certificate = forms.FileField(label=_("Signer's certificate (PEM or DER)"))

    def clean_certificate(self):
        message = _("The certificate file cannot be read (PEM or DER X.509 expected).")
        data = _read(self.cleaned_data["certificate"], message)
        try:
            return (x509.load_pem_x509_certificate(data) if b"-----BEGIN" in data
                    else x509.load_der_x509_certificate(data))
        except ValueError:
            raise forms.ValidationError(message) from None


class RemoteFinishForm(forms.Form):
    signature = forms.FileField(label=_("Signature returned by the signer (CMS: DER, PEM or Base64)"))
    signed_on = forms.DateField(label=_("Date of the decision"), initial=timezone.localdate,
                                help_text=_("dd/mm/yyyy, as written on the signed original."))

    def clean_signature(self):
        message = _("The signature file cannot be read (a CMS SignedData in DER, PEM or Base64 expected).")
        data = _read(self.cleaned_data["signature"], message)
        if data[:1] == b"\x30":  # DER: a SEQUENCE, taken as is (its last byte may well be a space or a newline)
            return data
        body = b"".join(line.strip() for line in data.strip().splitlines() if not line.startswith(b"-----"))
        try:
            decoded = base64.b64decode(body, validate=True)
        except (binascii.Error, ValueError):
            raise forms.ValidationError(message) from None
        if decoded[:1] != b"\x30":
            raise forms.ValidationError(message)
        return decoded


class ServerSignForm(forms.Form):
    signed_on = forms.DateField(label=_("Date of the decision"), initial=timezone.localdate,
                                help_text=_("dd/mm/yyyy, as written on the signed original."))
