"""The exporter contract and the registry."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from seminar_cli.minutes.model import Minutes


class Exporter(ABC):
    """One output format: a name for ``--format``, a file extension, a media type, and a pure
    ``render`` from the minutes model to the file's content."""

    name: ClassVar[str]
    extension: ClassVar[str]
    media_type: ClassVar[str]
    binary: ClassVar[bool] = False  # bytes that a terminal cannot show

    @abstractmethod
    def render(self, minutes: Minutes) -> str | bytes:
        """The whole file, from the minutes alone (no I/O: writing is done once, by the CLI)."""

    def render_bytes(self, minutes: Minutes) -> bytes:
        content = self.render(minutes)
        return content.encode("utf-8") if isinstance(content, str) else content


REGISTRY: dict[str, type[Exporter]] = {}


def register(cls: type[Exporter]) -> type[Exporter]:
    """Class decorator: make an exporter available to ``seminar export --format``."""
    REGISTRY[cls.name] = cls
    return cls


def get_exporter(name: str) -> Exporter | None:
    cls = REGISTRY.get(name.strip().lower().lstrip("."))
    return cls() if cls else None
