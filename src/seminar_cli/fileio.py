"""Writing output files (exports, ``agenda new``) as PRODUCT §9 "Export targets" rules.

- A regular file is replaced atomically, only with ``--force``, keeping its permissions; a
  new one gets the usual mode (0666 less the umask).  A crash never leaves half a file behind.
- A FIFO or a character device (``/dev/stdout``, ``/dev/null``, a terminal), or a symlink to
  one, is written into like a shell redirection: never replaced, no ``--force`` needed.
- Anything else (a folder, a socket, a block device, a link to nothing) is refused.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from seminar_cli.errors import OutputError

# where the system has them (not on Windows)
_NOCTTY = getattr(os, "O_NOCTTY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


@dataclass(frozen=True)
class OutputTarget:
    """Where an output goes, as checked before the (maybe long) rendering."""

    shown: Path  # as the user wrote it, for messages
    path: Path  # where the bytes go: a link to a regular file is followed, the link stays
    special: bool = False  # a FIFO or a character device: written into, never replaced
    mode: int | None = None  # an existing file's permissions, kept when it is replaced
    fd: int | None = None  # /dev/stdout, /proc/self/fd/N: this process's own descriptor


def check_output(path: Path, *, force: bool, exists_key: str) -> OutputTarget:
    """What writing to ``path`` will do; refuses early what will not be written."""
    fd = _own_descriptor(path)
    if fd is not None:  # whatever it leads to (a file, a pipe, a socket), as the shell does
        try:
            if fd <= 2 and (sys.stdin, sys.stdout, sys.stderr)[fd] is None:
                # closed when the command started: whatever holds that number now is not it
                raise OSError(errno.EBADF, os.strerror(errno.EBADF))
            os.fstat(fd)
        except OSError as exc:
            raise OutputError("common.write_failed", file=str(path), reason=exc.strerror) from None
        return OutputTarget(path, path, special=True, fd=fd)
    try:
        link = os.lstat(path)
    except FileNotFoundError:
        return OutputTarget(path, path)
    except OSError as exc:
        raise OutputError("common.write_failed", file=str(path), reason=exc.strerror) from None
    try:
        info = os.stat(path) if stat.S_ISLNK(link.st_mode) else link
    except OSError:  # a link to nothing: where it leads is anyone's guess
        raise OutputError("common.not_writable_kind", file=str(path)) from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputError("common.is_dir", file=str(path))
    if stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode):
        return OutputTarget(path, path, special=True)
    if not stat.S_ISREG(info.st_mode):
        raise OutputError("common.not_writable_kind", file=str(path))
    if not force:
        raise OutputError(exists_key, file=str(path))
    real = Path(os.path.realpath(path)) if stat.S_ISLNK(link.st_mode) else path
    return OutputTarget(path, real, mode=stat.S_IMODE(info.st_mode) & 0o777)


def is_terminal(target: OutputTarget) -> bool:
    """Whether the target is a terminal (``-o /dev/tty``): a binary format would garble it."""
    if target.fd is not None:
        return os.isatty(target.fd)
    if not target.special:
        return False
    try:
        if not stat.S_ISCHR(os.stat(target.path).st_mode):
            return False
        fd = os.open(target.path, os.O_WRONLY | _NOCTTY | _CLOEXEC | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        return os.isatty(fd)
    finally:
        os.close(fd)


def write_output(target: OutputTarget, data: bytes) -> None:
    if target.special:
        _write_into(target, data)
    else:
        _replace(target, data)


_UNSAFE = re.compile(r"[^\w.-]+")
_DOTS = re.compile(r"\.{2,}")


def safe_file_name(text: str, fallback: str = "session") -> str:
    """``text`` as one harmless file name in the current folder: no separator, no ``..``, no
    control character, no leading dot or dash, not too long (a session id from a foreign or
    crafted journal becomes a name, never a path)."""
    name = _DOTS.sub(".", _UNSAFE.sub("-", text)).strip(".-_")[:120].strip(".-_")
    return name or fallback


# -- writing into a FIFO or a device -------------------------------------------------------------
def _own_descriptor(path: Path) -> int | None:
    """N when ``path`` names one of this process's descriptors (``/dev/stdout``, ``/dev/fd/N``,
    ``/proc/self/fd/N``): written into as it is, even where it leads to a regular file
    (``seminar export -o /dev/stdout > cr.md``), never replaced."""
    own = {"/proc/self/fd", f"/proc/{os.getpid()}/fd"}
    current = os.path.abspath(path)
    for _ in range(40):  # the kernel's own limit on links followed
        folder, name = os.path.split(current)
        if os.path.realpath(folder) in own:
            return int(name) if name.isdigit() else None
        if not os.path.islink(current):
            return None
        current = os.path.normpath(os.path.join(folder, os.readlink(current)))
    return None


def _write_into(target: OutputTarget, data: bytes) -> None:
    # no O_CREAT, no O_TRUNC: it is written into as `>` would, and never becomes a regular file;
    # a FIFO waits for its reader here, as with the shell
    try:
        if target.fd is not None:
            fd = os.dup(target.fd)  # bash's own reading of /dev/stdout: the descriptor itself
        else:
            fd = os.open(target.path, os.O_WRONLY | _NOCTTY | _CLOEXEC)
    except OSError as exc:
        raise _output_error(exc, target.shown) from None
    try:
        kind = os.fstat(fd).st_mode
        if target.fd is None and not (stat.S_ISFIFO(kind) or stat.S_ISCHR(kind)):
            # it changed since it was checked
            raise OutputError("common.not_writable_kind", file=str(target.shown))
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    except BrokenPipeError:
        raise  # the reader went away: a quiet exit, as for `seminar export - | head`
    except OSError as exc:
        raise _output_error(exc, target.shown) from None
    finally:
        os.close(fd)


# -- replacing a regular file --------------------------------------------------------------------
def _replace(target: OutputTarget, data: bytes) -> None:
    """Write the bytes to a file without a name (``O_TMPFILE``), give it a name only once it is
    whole and on disk, then rename it over the target.

    Why: a temporary file with a name beside the target is left behind (hidden, ``.NAME.xxx.tmp``)
    when the export is killed while writing, the long part; a nameless one simply vanishes with
    the process.  Where ``O_TMPFILE`` is missing (not Linux, or a file system without it), a
    named temporary file is used, as before.
    """
    path = target.path
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = _nameless(folder, target.mode)
    if fd is None:
        fd, tmp = _named(folder, path, target.mode)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
            if tmp is None:  # named now: the target itself if new, else a short-lived name
                tmp = _link(fd, folder, path, replace=target.mode is not None)
            if tmp != path:
                os.replace(tmp, path)
        finally:
            os.close(fd)
    except OSError as exc:
        if tmp is not None and tmp != path:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise _output_error(exc, target.shown) from None
    with contextlib.suppress(OSError):  # the new name itself survives a power cut
        dir_fd = os.open(folder, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _nameless(folder: Path, mode: int | None) -> tuple[int | None, Path | None]:
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not os.path.isdir("/proc/self/fd"):  # linking it later goes through /proc
        return None, None
    try:
        # the kernel applies the umask to 0o666, as for any new file
        fd = os.open(folder, flag | os.O_WRONLY | os.O_CLOEXEC, 0o666)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
            return None, None  # a file system (or an old kernel) without it: a named one
        raise _folder_error(exc, folder) from None
    if mode is not None:
        _chmod(fd, mode)
    return fd, None


def _named(folder: Path, path: Path, mode: int | None) -> tuple[int, Path]:
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _folder_error(exc, folder) from None
    _chmod(fd, mode if mode is not None else 0o666 & ~_umask())
    return fd, Path(name)


def _link(fd: int, folder: Path, path: Path, *, replace: bool) -> Path:
    # linkat(AT_SYMLINK_FOLLOW) on /proc/self/fd/N names the file; os.link makes that call
    # only when given a folder's descriptor (else plain link(), which refuses it)
    source = f"/proc/self/fd/{fd}"
    dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        if not replace:
            try:
                os.link(source, path.name, dst_dir_fd=dir_fd, follow_symlinks=True)
                return path  # a new file appears whole, under its name, in one step
            except FileExistsError:
                pass  # created meanwhile: replaced below, as --force would
        # rename() is the only atomic replacement; this name lives for two system calls
        name = f".{path.name}.{os.urandom(4).hex()}.tmp"
        os.link(source, name, dst_dir_fd=dir_fd, follow_symlinks=True)
        return folder / name
    finally:
        os.close(dir_fd)


def _chmod(fd: int, mode: int) -> None:
    with contextlib.suppress(OSError):  # a file system without permissions (FAT, some shares)
        os.fchmod(fd, mode)


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def _folder_error(exc: OSError, folder: Path) -> OutputError:
    if isinstance(exc, FileNotFoundError | NotADirectoryError):
        return OutputError("common.no_folder", folder=str(folder))
    if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
        return OutputError("common.read_only", folder=str(folder))
    if exc.errno == errno.ENOSPC:
        return OutputError("common.disk_full", file=str(folder))
    return OutputError("common.write_failed", file=str(folder), reason=exc.strerror)


def _output_error(exc: OSError, shown: Path) -> OutputError:
    if exc.errno == errno.ENOSPC:
        return OutputError("common.disk_full", file=str(shown))
    if isinstance(exc, IsADirectoryError):
        return OutputError("common.is_dir", file=str(shown))
    return OutputError("common.write_failed", file=str(shown), reason=exc.strerror)
