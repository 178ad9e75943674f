"""The documentation cannot drift from the schema: every field of every entry is documented."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from spasmcare.kb import schema
from spasmcare.vocabulary import REGION_GROUPS

DOC = (Path(__file__).resolve().parents[1] / "docs" / "knowledge-base.md").read_text()
MODELS = [
    m
    for m in vars(schema).values()
    if isinstance(m, type) and issubclass(m, schema.Entry) and m is not schema.Entry
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_is_documented(model: type[BaseModel]) -> None:
    section = DOC.split(f"### {model.__name__}\n", 1)
    assert len(section) == 2, f"docs/knowledge-base.md has no section for {model.__name__}"
    table = section[1].split("\n### ", 1)[0]
    for name, info in model.model_fields.items():
        assert f"| `{name}` |" in table, f"{model.__name__}.{name} is not documented"
        assert info.description or name == "id", f"{model.__name__}.{name} has no description"


def test_region_groups_are_documented() -> None:
    for group in REGION_GROUPS:
        assert f"`@{group}`" in DOC


def test_every_environment_setting_is_documented_for_deployment() -> None:
    import re

    from spasmcare import config

    source = Path(config.__file__).read_text()
    names = set(re.findall(r'"(SPASMCARE_[A-Z_]+)"', source))
    names |= {f"SPASMCARE_RATE_{n.upper()}" for n in config.Limits.__dataclass_fields__}
    deployment = (Path(__file__).resolve().parents[1] / "docs" / "deployment.md").read_text()
    for name in names:
        assert f"`{name}`" in deployment, f"{name} is not in docs/deployment.md"
