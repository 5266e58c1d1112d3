"""The signature block printed on a certificate: the title lines and the signer's name.

The one place certificates read it from. Until tdkt.decisions.signature (derived from the authority and
Decision.signer_post on the signing date) lands, it is the decision's own signer fields; the merge
changes this function only."""

from __future__ import annotations


def signature_lines(decision) -> tuple[list[str], str]:
    """(["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Nguyễn Văn Bình"): title lines, then the name under the signature."""
    return decision.signature_lines(), decision.signer_name
