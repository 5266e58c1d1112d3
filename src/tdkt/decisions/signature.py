"""The signature block of a decision (thẩm quyền, chức vụ, họ tên người ký), derived from the signer's post
in the issuing authority, never typed (Decree 30/2020 Điều 13; shared/domain/document-format.md §3 7a–7c).

- The head signs in his own name: "CHỦ TỊCH" (or "GIÁM ĐỐC") over his name.
- A deputy signs for the head: "KT. CHỦ TỊCH" over his own post's title ("PHÓ CHỦ TỊCH").
- An acting head: "Q. GIÁM ĐỐC" over his name (document-format.md marks Q. "(verify)").
- Where the decision is the collective body's (the decider is "ỦY BAN NHÂN DÂN TỈNH …", not its chairman), a
  first line "TM. ỦY BAN NHÂN DÂN" (the Lạng Sơn seed: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH").
  An award the law gives to the chairman himself (Chủ tịch UBND tỉnh, xã: NĐ152 Đ6.2.b, NĐ129 Đ59) is his own
  decision: "CHỦ TỊCH" over his name, no TM. line.

Pure: it reads the authority's `collective_body` and `head_title` and the post's `rank`, `title` and
`full_name`, so it is tested table-driven without a database. Framework-free but for the enum."""

from __future__ import annotations

from dataclasses import dataclass

from tdkt.orgs.enums import SignerRank

# Decree 30/2020 Điều 13 prefixes (document-format.md §3).
ON_BEHALF_OF_BODY = "TM."  # thay mặt a collective body
SIGNS_FOR = "KT."  # ký thay: a deputy for the head
ACTING = "Q."  # quyền: an acting head


@dataclass(frozen=True)
class SignatureBlock:
    """The upper-case lines above the signature space, and the signer's name below it."""

    lines: tuple[str, ...]
    name: str

    def as_dict(self) -> dict:
        return {"lines": list(self.lines), "name": self.name}

    @classmethod
    def from_dict(cls, data: dict) -> SignatureBlock:
        return cls(lines=tuple(data.get("lines") or ()), name=data.get("name") or "")


def _upper(text: str) -> str:
    return " ".join((text or "").split()).upper()


def signature_block(*, collective_body: str, head_title: str, rank: str, title: str, name: str) -> SignatureBlock:
    """The block for a signer of `rank` with the printed post `title` in an authority whose head is
    `head_title` (and, when not empty, which acts as `collective_body`)."""
    head = _upper(head_title)
    lines = [f"{ON_BEHALF_OF_BODY} {_upper(collective_body)}"] if _upper(collective_body) else []
    if rank == SignerRank.HEAD:
        lines.append(head)
    elif rank == SignerRank.DEPUTY:
        lines += [f"{SIGNS_FOR} {head}", _upper(title)]
    elif rank == SignerRank.ACTING:
        lines.append(f"{ACTING} {head}")
    else:
        raise ValueError(f"unknown signer rank: {rank!r}")
    return SignatureBlock(lines=tuple(lines), name=" ".join((name or "").split()))


def decides_as_body(authority) -> bool:
    """The authority's decisions are its collective body's (TM.) when its decider is not its head:
    "ỦY BAN NHÂN DÂN TỈNH LÀO CAI" decides as a body, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI" does not."""
    return bool(_upper(authority.collective_body)) and not _upper(authority.decider_title).startswith(
        _upper(authority.head_title))


def block_for_post(post) -> SignatureBlock:
    """The block of an orgs.SignerPost (its authority is read: select_related it)."""
    authority = post.authority
    body = authority.collective_body if decides_as_body(authority) else ""
    return signature_block(collective_body=body, head_title=authority.head_title, rank=post.rank, title=post.title,
                           name=post.full_name)


def legacy_fields(block: SignatureBlock) -> dict:
    """The old typed columns of Decision (signing_mode, signer_on_behalf_of, signer_position, signer_name),
    written from the block so that readers of those columns print the same thing."""
    lines = list(block.lines)
    mode, on_behalf_of = "", ""
    first = lines[0] if lines else ""
    for prefix in (ON_BEHALF_OF_BODY, SIGNS_FOR, ACTING):
        if first.startswith(prefix + " "):
            mode, on_behalf_of = prefix.rstrip("."), first[len(prefix) + 1:]
            break
    position = " / ".join(lines[1:]) if mode else (lines[0] if lines else "")
    return {"signing_mode": mode, "signer_on_behalf_of": on_behalf_of, "signer_position": position[:255],
            "signer_name": block.name[:150]}
