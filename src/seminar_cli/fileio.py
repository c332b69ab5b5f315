"""Writing files so that a crash never leaves half a file behind."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from seminar_cli.errors import OutputError


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, fsync, then rename over it."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise OutputError("common.no_folder", folder=str(folder)) from None
    except PermissionError:
        raise OutputError("common.read_only", folder=str(folder)) from None
    except OSError as exc:
        raise OutputError("common.write_failed", file=str(path), reason=exc.strerror) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if exc.errno == errno.ENOSPC:
            raise OutputError("common.disk_full", file=str(path)) from None
        if isinstance(exc, IsADirectoryError):
            raise OutputError("common.is_dir", file=str(path)) from None
        raise OutputError("common.write_failed", file=str(path), reason=exc.strerror) from None


def write_text_atomic(path: Path, text: str, encoding: str = "utf-8") -> None:
    write_bytes_atomic(path, text.encode(encoding))
