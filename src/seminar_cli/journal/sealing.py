"""Pending anonymous answers sealed to the key of the process that runs the session.

That process (``seminar start``/``resume``) makes an X25519 key pair when it claims the
session, keeps the private half in this module's memory only and publishes the public half in
the journal.  Whoever writes an anonymous answer (``join``, the phones' server, the runner)
seals it to that public key; only the runner can open it, to write it in a shuffled batch.  So
the journal's file and its ``-wal`` never hold a pending value next to its voter's marker in
clear (docs/architecture.md, "Anonymous answers stay unlinkable").

PyNaCl (libsodium) is imported here only, and this module only on anonymous paths: the hot
commands (``note``, ``sessions list``) never load it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from seminar_cli.errors import AnswerError

if TYPE_CHECKING:
    from nacl.public import PrivateKey

# Every pending answer is padded to this many bytes before it is sealed, so that the length of
# what is stored says nothing about the answer.  An answer from a phone (a body of 16 KiB at
# most) always fits; only a very long text typed at ``join`` in a non-Latin script may not.
SEALED_PLAINTEXT = 32 * 1024

# the private keys this process holds, by their public key: memory only, gone with the process
_HELD: dict[bytes, PrivateKey] = {}


def new_key() -> bytes:
    """A new key pair: the private half is held in memory, the public half returned."""
    from nacl.public import PrivateKey

    private = PrivateKey.generate()
    public = bytes(private.public_key)
    _HELD[public] = private
    return public


def forget(public_key: bytes) -> None:
    """Drop a key this process will not use (its claim was refused)."""
    _HELD.pop(public_key, None)


def holds(public_key: bytes | None) -> bool:
    return public_key is not None and public_key in _HELD


def plaintext(participant: str | None, value: Any) -> bytes:
    """What is sealed: the answer's value and who gave it (so that the batch writes the
    matching "has answered" markers), as JSON padded to SEALED_PLAINTEXT bytes.  AnswerError
    when it does not fit."""
    text = json.dumps({"p": participant, "v": value}, ensure_ascii=False, separators=(",", ":"))
    data = text.encode("utf-8")
    if len(data) > SEALED_PLAINTEXT:
        raise AnswerError("answer.anonymous_too_long", size=len(data), max=SEALED_PLAINTEXT)
    # trailing spaces: JSON ignores them, and a value's own spaces are inside its quotes
    return data + b" " * (SEALED_PLAINTEXT - len(data))


def seal(public_key: bytes, padded: bytes) -> bytes:
    from nacl.public import PublicKey, SealedBox

    return bytes(SealedBox(PublicKey(public_key)).encrypt(padded))


def open_sealed(public_key: bytes, sealed: bytes) -> tuple[str | None, str]:
    """(participant, value as JSON text) of a sealed answer; only with a key held here."""
    from nacl.public import SealedBox

    data: dict[str, Any] = json.loads(SealedBox(_HELD[public_key]).decrypt(sealed))
    participant = data["p"]
    value = json.dumps(data["v"], ensure_ascii=False, separators=(",", ":"))
    return (participant if isinstance(participant, str) else None), value
