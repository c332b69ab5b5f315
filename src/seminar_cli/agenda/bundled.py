"""Bundled agendas: shipped in the wheel as ``seminar_cli/agendas``; the repository's
``agendas/`` folder is their one source (an editable install reads it directly)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from seminar_cli.errors import AgendaNotFound

DEFAULT_AGENDA = "co-construisons-demain"
SUFFIXES = (".yaml", ".yml")


def bundled_dir() -> Path | None:
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "agendas", package.parent.parent / "agendas"):
        if candidate.is_dir():
            return candidate
    return None


@dataclass(frozen=True)
class AgendaRef:
    name: str
    path: Path
    origin: str  # "bundled" | "local"


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())


def available_agendas(cwd: Path | None = None) -> list[AgendaRef]:
    refs: list[AgendaRef] = []
    folder = bundled_dir()
    if folder:
        refs += [AgendaRef(p.stem, p, "bundled") for p in _yaml_files(folder)]
    local = (cwd or Path.cwd()) / "agendas"
    if local.is_dir() and (folder is None or local.resolve() != folder.resolve()):
        bundled = {r.name: r.path for r in refs}
        # in the repository's folder (or a copy of it), ./agendas holds the bundled agendas
        # again: the same name with the same content is one agenda, listed once (as bundled);
        # a local file that differs is listed too, and wins for `start NAME`
        refs += [
            AgendaRef(p.stem, p, "local")
            for p in _yaml_files(local)
            if not (p.stem in bundled and _same_content(p, bundled[p.stem]))
        ]
    return refs


def _same_content(one: Path, other: Path) -> bool:
    try:
        return one.read_bytes() == other.read_bytes()
    except OSError:
        return False


def find_agenda(ref: str) -> Path:
    """A path as given, else a local ``agendas/NAME.yaml``, else a bundled agenda."""
    path = Path(ref).expanduser()
    if path.suffix in SUFFIXES or path.exists() or "/" in ref or "\\" in ref:
        return path
    # a local agendas/NAME.yaml wins over a bundled agenda of the same name
    for candidate in sorted(available_agendas(), key=lambda r: r.origin != "local"):
        if candidate.name == ref:
            return candidate.path
    names = ", ".join(sorted({r.name for r in available_agendas()}))
    raise AgendaNotFound("agenda.not_found", name=ref, names=names or "-")
