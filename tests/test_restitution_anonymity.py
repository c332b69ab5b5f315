"""A restitution never gives away an anonymous answer (PRODUCT §3): found in the issue #16
rehearsal. In a workshop (there « chefs-de-projet », here « jeunes », the restitution's first
turn) one person answered the shared anonymous
question « Vous sentez-vous aujourd'hui outillé·e pour faire alliance ? »; during the
restitution the projector page rightly says « résultats masqués (réponses anonymes, moins de
trois) », but ``/api/screen`` — open to anyone holding the room's join code, which the
projector shows to the whole room — carried that answer's counts (« oui: 1 ») beside
``"hidden": true``. The room's own results (``Room._results``) give nothing for such a prompt."""

from __future__ import annotations

import os
from pathlib import Path

import httpx

from seminar_cli.journal.events import EventType
from tests.test_plenary_workshops import CODE, SPLIT, reach_the_split_segment


def test_the_restitution_on_api_screen_gives_no_count_of_a_hidden_anonymous_prompt(
    tmp_path: Path,
) -> None:
    from seminar_cli.session.service import SessionWriter
    from seminar_cli.timer import SystemClock
    from seminar_cli.web.server import WebServer

    writer = reach_the_split_segment(Path(os.environ["SEMINAR_DB"]), SystemClock())
    jeunes = SessionWriter(writer.journal, writer.row, writer.clock, stream="jeunes")
    jeunes.record(EventType.prompt_opened, prompt="outille-alliance", segment=SPLIT)
    # the one anonymous answer of the workshop, as its batch writes it at the close
    jeunes.record(EventType.answer_given, prompt="outille-alliance", value="oui")
    jeunes.record(EventType.prompt_closed, prompt="outille-alliance")
    writer.record(EventType.segment_ended, segment=SPLIT)
    writer.record(EventType.segment_started, segment="restitution")
    server = WebServer(writer.journal.path, writer.session_id, host="127.0.0.1", port=0, code=CODE)
    base = server.start().url.rsplit("/j/", 1)[0]
    try:
        with httpx.Client(base_url=base, timeout=20) as client:
            restitution = client.get("/api/screen", params={"code": CODE}).json()["workshops"][
                "restitution"
            ]
            assert restitution is not None
            assert restitution["workshop"]["id"] == "jeunes"  # the first turn, 5 minutes long
            (result,) = [r for r in restitution["results"] if r["id"] == "jeunes-outille-alliance"]
            assert result["hidden"] is True
            # what the room may not read is not sent to it either
            assert "oui" not in str(result.get("summary"))
            assert not result.get("summary")
            # nor how many answered, nor the options' counts: the question and « hidden » only
            assert set(result) == {"id", "segment", "type", "question", "shared", "hidden"}
    finally:
        server.stop()
        writer.journal.close()
