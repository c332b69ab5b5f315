"""The phone's name picker (PRODUCT §6): the roster as buttons that work without script, and
picker.js narrowing them while a name is typed, accents and case ignored."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from importlib import resources

import httpx
import pytest

from seminar_cli.web.server import WebServer
from tests.conftest import require
from tests.web_helpers import live_session

CODE = "ABCDEF"
ROSTER = ["Inès Benali", "Camille Martin", "Sam Taylor"]


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    session = live_session()
    server = WebServer(session.path, session.session_id, host="127.0.0.1", port=0, code=CODE)
    base = server.start().url.rsplit("/j/", 1)[0]
    try:
        with httpx.Client(base_url=base, timeout=20) as http:
            yield http
    finally:
        server.stop()


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def test_the_roster_is_a_list_of_labelled_buttons_that_join_without_script(client) -> None:
    page = client.get(f"/j/{CODE}")
    assert page.status_code == 200
    found = tags(page.text)
    picks = [a for tag, a in found if tag == "button" and a.get("name") == "pick"]
    assert [a["value"] for a in picks] == ROSTER
    assert [a["data-fold"] for a in picks] == ["ines benali", "camille martin", "sam taylor"]
    assert all("formnovalidate" in a for a in picks)  # the empty name field does not block them
    for name in ROSTER:  # each button's label is the name itself
        assert re.search(rf">{re.escape(name)}</button>", page.text)
    assert ("label", {"for": "name"}) in found
    lists = [a for tag, a in found if tag == "ul" and a.get("class") == "roster"]
    assert lists == [{"class": "roster", "aria-labelledby": "roster-title"}]
    assert ("script", {"src": "/static/picker.js", "defer": None}) in found
    assert "<datalist" not in page.text
    # Enter in the name field submits the form's first button: "Join", with the typed name
    buttons = [a for tag, a in found if tag == "button"]
    assert buttons[0] == {"type": "submit", "class": "primary"}

    joined = client.post(f"/j/{CODE}", data={"name": "", "pick": "Inès Benali"})
    assert joined.status_code == 303
    assert client.get("/api/state").json()["participant"] == "Inès Benali"


def test_a_refused_name_stays_typed(client) -> None:
    other = httpx.Client(base_url=str(client.base_url), timeout=20)
    assert other.post("/api/join", json={"code": CODE, "name": "Sam Taylor"}).status_code == 201
    refused = client.post(f"/j/{CODE}", data={"name": "sam TAYLOR"})
    assert refused.status_code == 409
    assert 'value="sam TAYLOR"' in refused.text


def test_picker_js_is_served(client) -> None:
    script = client.get("/static/picker.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")


# picker.js on a page reduced to what it touches: the field, the count, the buttons
NODE_HARNESS = r"""
const fs = require("fs");
const roster = JSON.parse(process.argv[2]);
const typedSeries = JSON.parse(process.argv[3]);
const el = (attrs) => ({ attrs, hidden: false, textContent: "", listeners: {},
  getAttribute(name) { return name in this.attrs ? this.attrs[name] : null; },
  addEventListener(type, fn) { this.listeners[type] = fn; } });
const field = Object.assign(el({}), { value: "" });
const count = el(JSON.parse(process.argv[4]));
const buttons = roster.map(([name, fold]) => Object.assign(el({ "data-fold": fold }),
  { name, parentNode: { hidden: false } }));
global.document = {
  getElementById: (id) => ({ name: field, "roster-count": count })[id] || null,
  querySelectorAll: () => buttons,
};
eval(fs.readFileSync(process.argv[5], "utf8"));
const seen = [];
for (const typed of typedSeries) {
  field.value = typed;
  field.listeners.input();
  seen.push({ shown: buttons.filter((b) => !b.parentNode.hidden).map((b) => b.name),
              said: count.textContent });
}
console.log(JSON.stringify(seen));
"""


def test_typing_narrows_the_roster_accents_and_case_ignored(client, tmp_path) -> None:
    node = shutil.which("node") or shutil.which("nodejs")
    require(node is not None, "Node.js is not installed (it runs picker.js here)")
    assert node is not None
    found = tags(client.get(f"/j/{CODE}").text)
    roster = [(a["value"], a["data-fold"]) for tag, a in found if tag == "button" and a.get("name")]
    count_attrs = next(a for tag, a in found if tag == "p" and a.get("id") == "roster-count")
    script = resources.files("seminar_cli.web").joinpath("static", "picker.js")
    harness = tmp_path / "harness.js"
    harness.write_text(NODE_HARNESS, encoding="utf-8")
    typed = ["", "INES", "  inès   ben", "a", "MAR", "ÉLODIE"]
    result = subprocess.run(
        [
            node,
            str(harness),
            json.dumps(roster),
            json.dumps(typed),
            json.dumps(count_attrs),
            str(script),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    seen = json.loads(result.stdout)
    assert seen == [
        {"shown": ROSTER, "said": "3 noms sur la liste."},
        {"shown": ["Inès Benali"], "said": "Un nom correspond."},
        {"shown": ["Inès Benali"], "said": "Un nom correspond."},
        {"shown": ROSTER, "said": "3 noms correspondent."},
        {"shown": ["Camille Martin"], "said": "Un nom correspond."},
        {
            "shown": [],
            "said": "Aucun nom de la liste ne correspond : « Rejoindre » vous inscrit sous "
            "le nom tapé.",
        },
    ]


# -- prompts asked at the facilitator's keyboard (who: each, room) ------------------------------
def test_a_keyboard_prompt_is_never_shown_to_phones_and_says_why_it_is_refused(client) -> None:
    joined = client.post("/api/join", json={"code": CODE, "name": "Camille Martin"})
    assert joined.status_code == 201
    state = client.get("/api/state").json()
    shown = [p["id"] for p in state["prompts"]]
    assert "humeur" in shown and "tour" not in shown  # "tour" is who: each, open at the table
    screen = client.get("/api/screen", params={"code": CODE}).json()
    assert "tour" not in [p["id"] for p in screen["prompts"]]
    assert "Tour de table" not in client.get(f"/j/{CODE}").text
    assert "Tour de table" not in client.get(f"/j/{CODE}/screen").text

    refused = client.post("/api/answers", json={"prompt": "tour", "value": "x"})
    assert refused.status_code == 409
    assert refused.json() == {
        "error": "web.keyboard_prompt",
        "message": "Cette question se répond à la table de l'animateur, pas depuis un "
        "téléphone : votre réponse n'a pas été enregistrée.",
    }
    page = client.post(f"/j/{CODE}/answer", data={"prompt": "tour", "value": "x"})
    assert page.status_code == 409
    assert "Cette question se répond à la table de l&#39;animateur" in page.text
