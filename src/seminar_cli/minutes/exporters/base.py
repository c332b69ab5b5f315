"""The exporter contract and the registry."""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, ClassVar

from seminar_cli.minutes.formats import BY_NAME, ExportFormat, find_format

if TYPE_CHECKING:
    from seminar_cli.minutes.model import Minutes


class Exporter(ABC):
    """One output format: a pure ``render`` from the minutes model to the file's content.  What
    the format is called, its extension and media type are its row of ``minutes/formats.py``."""

    name: ClassVar[str]  # a name of minutes/formats.py's table

    @property
    def format(self) -> ExportFormat:
        return BY_NAME[self.name]

    @property
    def extension(self) -> str:
        return self.format.extension

    @property
    def media_type(self) -> str:
        return self.format.media_type

    @property
    def binary(self) -> bool:
        """Bytes that a terminal cannot show."""
        return self.format.binary

    @abstractmethod
    def render(self, minutes: Minutes) -> str | bytes:
        """The whole file, from the minutes alone (no I/O: writing is done once, by the CLI)."""

    def render_bytes(self, minutes: Minutes) -> bytes:
        content = self.render(minutes)
        return content.encode("utf-8") if isinstance(content, str) else content


REGISTRY: dict[str, type[Exporter]] = {}


def register(cls: type[Exporter]) -> type[Exporter]:
    """Class decorator: the exporter of its format (a row of ``minutes/formats.py``)."""
    if cls.name not in BY_NAME:
        raise ValueError(f"{cls.__name__}: no format {cls.name!r} in minutes/formats.py")
    REGISTRY[cls.name] = cls
    return cls


def get_exporter(name: str) -> Exporter | None:
    """The exporter of format ``name`` (any case, ``.docx`` too), or None; only its own module
    is imported."""
    found = find_format(name)
    if found is None:
        return None
    importlib.import_module(f"seminar_cli.minutes.exporters.{found.module}")
    return REGISTRY[found.name]()
