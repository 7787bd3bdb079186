"""CITATION.cff: valid Citation File Format 1.2.0, with the package's version and the book's title.

The schema is the official CFF 1.2.0 JSON schema (citation-file-format.github.io/1.2.0/schema.json,
CC-BY-4.0), as shipped in the cffconvert 2.0.0 wheel; cffconvert itself is not installed, since it
pins jsonschema below 4, which the notebook stack needs.
"""
import json
import tomllib
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "tests" / "data" / "citation_file_format_1.2.0.schema.json"


@pytest.fixture(scope="module")
def citation() -> dict:
    # CFF dates and versions are strings; read every scalar as YAML gives it and let the schema judge.
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_file_is_valid_cff(citation):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(citation)


def test_an_invalid_citation_is_caught(citation):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    broken = {key: value for key, value in citation.items() if key != "authors"}
    with pytest.raises(jsonschema.ValidationError, match="authors"):
        jsonschema.Draft7Validator(schema).validate(broken)


def test_citation_version_is_the_package_version(citation):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert str(citation["version"]) == project["version"]


def test_citation_title_is_the_book_title(citation):
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert citation["title"] == config["title"]


def test_the_title_page_gives_the_package_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    title_page = config["sphinx"]["config"]["latex_elements"]["maketitle"]
    assert f"Version {project['version']}" in title_page
    assert f"version {project['version']} (see" in title_page
