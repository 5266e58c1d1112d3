"""The cryptography of the electronic secret ballot (no ORM here; tdkt.council.services.ballots and
.counting store and read the bytes).

- A key pair per ballot, made when it opens. The private key is locked with a secret box whose key is
  derived from the passphrase by argon2id (salt and limits stored beside it); it is never stored, logged
  or put in the session in clear.
- A vote is the member's choices on every agenda item in a fixed-length encoding, sealed with the public
  key (libsodium sealed box: an ephemeral key per ballot paper, so two equal votes give unrelated bytes).
  The length depends only on the ballot and its number of items, never on the choices.
- The count unlocks the private key with the passphrase typed again and opens every sealed ballot in
  memory.

The passphrase is normalised to NFC first: Vietnamese keyboards (Telex/VNI, different systems) may send the
same letters as composed or decomposed characters."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence

import nacl.exceptions
import nacl.pwhash
import nacl.secret
import nacl.utils
from django.conf import settings
from nacl.public import PrivateKey, PublicKey, SealedBox

MIN_PASSPHRASE = 10
PREFIX = b"tdkt-ballot/1:"
CODES = {"agree": b"A", "disagree": b"D", "abstain": b"N"}
CHOICE_OF = {code[0]: choice for choice, code in CODES.items()}
KDF = nacl.pwhash.argon2id
# settings.BALLOT_KDF_LIMITS: "interactive" (libsodium's interactive limits, 64 MiB) everywhere but the test
# suite, which uses libsodium's minimum so that hundreds of ballots open in seconds. The limits are stored
# beside each locked key, so a key is always unlocked with the limits it was locked with.
KDF_LIMITS = {"interactive": (KDF.OPSLIMIT_INTERACTIVE, KDF.MEMLIMIT_INTERACTIVE),
              "minimum": (KDF.OPSLIMIT_MIN, KDF.MEMLIMIT_MIN)}


class WrongPassphrase(Exception):
    """The passphrase does not unlock the ballot's private key."""


def new_keypair() -> PrivateKey:
    """The ballot's key pair (a function of its own so the secrecy test can capture the key it must never
    find in the database)."""
    return PrivateKey.generate()


def _box(passphrase: str, salt: bytes, opslimit: int, memlimit: int) -> nacl.secret.SecretBox:
    secret = unicodedata.normalize("NFC", passphrase).encode()
    key = KDF.kdf(nacl.secret.SecretBox.KEY_SIZE, secret, salt, opslimit=opslimit, memlimit=memlimit)
    return nacl.secret.SecretBox(key)


def lock_private_key(private_key: PrivateKey, passphrase: str) -> dict:
    """The stored form of the key pair: public key, locked private key, salt and KDF limits."""
    salt = nacl.utils.random(KDF.SALTBYTES)
    opslimit, memlimit = KDF_LIMITS[settings.BALLOT_KDF_LIMITS]
    locked = _box(passphrase, salt, opslimit, memlimit).encrypt(bytes(private_key))
    return {"public_key": bytes(private_key.public_key), "locked_private_key": bytes(locked), "salt": salt,
            "opslimit": opslimit, "memlimit": memlimit}


def unlock_private_key(stored: Mapping, passphrase: str) -> PrivateKey:
    box = _box(passphrase, bytes(stored["salt"]), stored["opslimit"], stored["memlimit"])
    try:
        raw = box.decrypt(bytes(stored["locked_private_key"]))
    except nacl.exceptions.CryptoError as exc:
        raise WrongPassphrase from exc
    return PrivateKey(raw)


def encode(ballot_id: int, item_ids: Sequence[int], choices: Mapping[int, str]) -> bytes:
    """`PREFIX` + ballot id + ":" + one byte per agenda item (ascending ids). The ballot id binds a paper to
    its ballot; the length is the same for every member of the ballot, whatever they chose."""
    return PREFIX + str(ballot_id).encode() + b":" + b"".join(CODES[choices[pk]] for pk in sorted(item_ids))


def decode(plain: bytes, ballot_id: int, item_ids: Sequence[int]) -> dict[int, str] | None:
    """Choices by item, or None when the paper is malformed (another ballot, wrong length, unknown code)."""
    head = PREFIX + str(ballot_id).encode() + b":"
    ordered = sorted(item_ids)
    if not plain.startswith(head) or len(plain) != len(head) + len(ordered):
        return None
    body = plain[len(head):]
    if any(code not in CHOICE_OF for code in body):
        return None
    return {pk: CHOICE_OF[code] for pk, code in zip(ordered, body, strict=True)}


def seal(public_key: bytes, plain: bytes) -> bytes:
    return bytes(SealedBox(PublicKey(bytes(public_key))).encrypt(plain))


def open_sealed(private_key: PrivateKey, sealed: bytes) -> bytes | None:
    """The plain paper, or None when it does not open (an invalid ballot)."""
    try:
        return SealedBox(private_key).decrypt(bytes(sealed))
    except (nacl.exceptions.CryptoError, ValueError, TypeError):
        return None
