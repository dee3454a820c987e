from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml

from newsledger.errors import NewsledgerError
from newsledger.kb import load_entries
from newsledger.kb.actors import actor_kb
from newsledger.kb.loader import package_dir
from newsledger.kb.names import name_key
from newsledger.nlp.model import load_model
from newsledger.resolve.actors import link_actors


def test_package_files_parse_with_unique_ids() -> None:
    ids: Counter[str] = Counter()
    for path in sorted(package_dir().glob("*.yaml")):
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert entries, path
        if isinstance(entries, list):  # entry files; a few files are single documents
            ids.update(str(e["id"]) for e in entries if "id" in e)
    assert [i for i, n in ids.items() if n > 1] == []


def test_references_between_files_resolve() -> None:
    offices = {e["id"] for e in load_entries("offices")}
    actors = {e["id"]: e for e in load_entries("actors")}
    for entry in actors.values():
        for role in entry.get("roles") or []:
            assert role["office"] in offices, (entry["id"], role["office"])
        if entry.get("government"):
            assert entry["government"] in actors, entry["id"]


def test_roles_have_ordered_dates() -> None:
    for actor in actor_kb().actors.values():
        for role in actor.roles:
            assert role.start is None or role.end is None or role.start < role.end, actor.id


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2023, 3, 1), "person.reznikov-oleksii"),
        (date(2024, 6, 1), "person.umerov-rustem"),
        (date(2025, 10, 1), "person.shmyhal-denys"),
        (date(2026, 2, 1), "person.fedorov-mykhailo"),
    ],
)
def test_office_holder_by_date(day: date, expected: str) -> None:
    (holder,) = actor_kb().holders("ukr.defence-minister", day)
    assert holder.id == expected


def test_name_keys_unify_spellings() -> None:
    assert name_key("the Zelenskyy’s") == "zelenskyy's"
    assert name_key("Erdoğan") == name_key("Erdogan") == "erdogan"
    assert name_key("U.S.") == "us"
    assert name_key("Kyiv–Washington") == "kyiv washington"


def test_user_knowledge_directory_adds_and_replaces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "actors-local.yaml").write_text(
        "- id: person.hartley-mara\n  name: Mara Hartley\n  kind: person\n  country: GBR\n"
        "  sector: GOV\n  aliases: [Hartley]\n"
        "- id: org.kremlin\n  name: The Kremlin (local name)\n  kind: organisation\n"
        "  country: RUS\n  sector: GOV\n  aliases: [Kremlin]\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("NEWSLEDGER_KB", str(tmp_path))
    doc = load_model()("Mara Hartley met officials at the Kremlin on Monday.")
    found = {m.text: (m.actor_id, m.name) for m in link_actors(doc, date(2026, 1, 5))}
    assert found["Mara Hartley"] == ("person.hartley-mara", "Mara Hartley")
    assert found["Kremlin"] == ("org.kremlin", "The Kremlin (local name)")


def test_broken_knowledge_file_names_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "actors.yaml").write_text("- id: [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("NEWSLEDGER_KB", str(tmp_path))
    with pytest.raises(NewsledgerError, match=r"actors\.yaml: cannot read knowledge file"):
        load_entries("actors")
