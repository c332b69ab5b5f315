"""Each resolution's voters in the procès-verbal (the AG rehearsal's defect 3): the members
present or represented when its vote opened — the quorum announced then — beside its tally,
not the end of the session's count, in every format."""

from __future__ import annotations

import json

import pytest

from seminar_cli.journal.events import EventType
from seminar_cli.minutes.build import load_minutes
from seminar_cli.session.assembly import announce_quorum
from tests.test_assembly_ballots import bundled_ag
from tests.test_minutes_formats import read_csv
from tests.test_pv import plain, render


def _two_votes_as_the_room_grows(tmp_path):
    """21 members present or represented at the first vote, 23 at the second, 25 at the end."""
    writer = bundled_ag(tmp_path)
    writer.record(EventType.attendance_counts, present=18, represented=3)
    writer.record(EventType.segment_started, segment="ouverture")
    for prompt, counts, present in (
        ("approbation-pv-precedent", {"pour": 19, "contre": 1, "abstention": 1}, 20),
        ("approbation-rapport-moral", {"pour": 20, "contre": 2, "abstention": 1}, 22),
    ):
        announce_quorum(writer, prompt)
        writer.record(EventType.answer_given, prompt=prompt, participant=None, value=counts)
        writer.record(EventType.attendance_counts, present=present, represented=3)
    writer.record(EventType.session_closed)
    return load_minutes(writer.journal, writer.journal.session(writer.session_id), "pv")


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "json", "csv"])
def test_each_resolution_gives_its_own_voters_beside_its_tally(tmp_path, fmt):
    minutes = _two_votes_as_the_room_grows(tmp_path)
    assert minutes.assembly is not None
    first, second = minutes.assembly.resolutions[:2]
    assert (first.voters, second.voters) == (21, 23)
    if fmt == "json":
        data = json.loads(minutes.model_dump_json())
        assert [r["voters"] for r in data["assembly"]["resolutions"][:2]] == [21, 23]
        return
    if fmt == "csv":
        frame = read_csv(render(minutes, "csv"), "fr").set_index("prompt")
        assert frame.loc["approbation-pv-precedent", "voters"] == 21
        assert frame.loc["approbation-rapport-moral", "voters"] == 23
        return
    text = plain(minutes, fmt)
    at_first = text.index("Votants : 21 présents ou représentés.")
    at_second = text.index("Votants : 23 présents ou représentés.")
    # each beside its own resolution, in order: the first's before the second's heading
    assert at_first < text.index("Deuxième résolution") < at_second
    assert "Votants : 25" not in text  # the end of the session's count is the attendance's
