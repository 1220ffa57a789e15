"""The project's configuration files as documents: their format, their parse, and what they give a key.

Shared by config_paths.py (an item a loader reads by its key path) and configured_plugins.py (the plug-in list a
loader iterates). YAML is read line by line (`yaml_items`): no parser of the linted project's files is imported,
and a line costs one match.
"""

from __future__ import annotations

import configparser
import json
import os
import re
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from prr_lint.paths import is_test_path
from prr_lint.project.scripts import load_toml
from prr_lint.project.shipped_values import SAMPLE_SUFFIXES
from prr_lint.tree_reads import read_text

FORMATS = {".toml": "toml", ".json": "json", ".yaml": "yaml", ".yml": "yaml", ".ini": "ini", ".cfg": "ini", ".conf": "ini"}
SAMPLE_WORD = re.compile(r"[._-](?:sample|example|dist|template|default)$")  # `config.ini_sample`, `app.conf.default`
MAX_BYTES = 1 << 20
MISSING = object()  # a value a file may give but that is not read here
_YAML_KEY = re.compile(r"^( *)(?:- +)*[\"']?([^\s\"':#]+(?:[ \t]+[^\s\"':#]+)*)[\"']?[ \t]*:(?:[ \t]+(.*))?$")  # linear: blanks only between words
_MAX_DEPTH = 8  # how deep `given` looks for a key in a parsed document


def config_format(name: str) -> Optional[str]:
    """The format of a configuration file or of its sample (`config.toml.example`)."""
    for suffix in SAMPLE_SUFFIXES:
        if name.endswith(suffix) and suffix != ".toml":
            name = name[: -len(suffix)]
    return FORMATS.get(os.path.splitext(SAMPLE_WORD.sub("", name))[1].lower())


def config_files(files: Iterable[Tuple[str, str]]) -> Dict[str, List[str]]:
    """File name -> the paths of the configuration files of that name (folder, file name) the tree ships (samples too),
    tests aside."""
    found: Dict[str, List[str]] = {}
    for folder, name in files:
        path = os.path.join(folder, name)
        if config_format(name) is not None and not is_test_path(path.replace(os.sep, "/")):
            found.setdefault(name, []).append(path)
    return found


def config_document(analysis, path: str, kind: Optional[str]) -> object:
    """`parse_config` of the file as this format, once per run (config_paths.py and configured_plugins.py read the same files)."""
    documents: Dict[Tuple[str, Optional[str]], object] = analysis.derived("config-documents", dict)
    if (path, kind) not in documents:
        documents[path, kind] = parse_config(path, kind)
    return documents[path, kind]


def yaml_items(text: str) -> Iterable[Tuple[Tuple[str, ...], str]]:
    """(key path, scalar) of each `key: value` line of a YAML text, by indentation (a list item's keys under its
    list's key, a dotted key as its path)."""
    stack: List[Tuple[int, Tuple[str, ...]]] = []
    for line in text.splitlines():
        match = _YAML_KEY.match(line.rstrip())
        if match is None:
            continue
        indent = len(line) - len(line.lstrip(" -"))
        while stack and stack[-1][0] >= indent:
            stack.pop()
        path = (stack[-1][1] if stack else ()) + tuple(match.group(2).strip().split("."))
        value = (match.group(3) or "").split(" #")[0].strip()
        if value:
            yield path, value.strip("\"'")
        else:
            stack.append((indent, path))


def parse_config(path: str, kind: Optional[str]) -> object:
    """The file's document: a TOML or JSON value, INI sections as mappings, YAML `yaml_items`; its text when it
    cannot be read as its format."""
    text = read_text(path, MAX_BYTES) or ""
    if kind == "toml":
        return load_toml(text) or text  # a malformed (or keyless) document: its text
    if kind == "json":
        try:
            return json.loads(text)
        except (ValueError, RecursionError):
            return text
    if kind == "ini":
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        try:
            parser.read_string(text)
        except configparser.Error:
            return text
        return {section: dict(parser.items(section, raw=True)) for section in parser.sections()}
    return list(yaml_items(text))


def given(analysis, files: Mapping[str, Sequence[str]], key: str) -> List[object]:
    """What the configuration files (file name -> its paths) give `key` at any depth, in name order: a YAML file
    with a line of that key, or an INI file with an option of that name, gives MISSING (their lists are not read
    here), as does a file that cannot be read as its format but spells the key. Parsed once per run (`config_document`)."""
    found: List[object] = []
    for name in sorted(files):
        kind = config_format(name)
        for path in files[name]:
            if kind == "yaml":
                lines = (_YAML_KEY.match(line.rstrip()) for line in (read_text(path, MAX_BYTES) or "").splitlines() if key in line)
                found += [MISSING] if any(match is not None and match.group(2).strip() == key for match in lines) else []
                continue
            parsed = config_document(analysis, path, kind)
            if isinstance(parsed, str):
                found += [MISSING] if spells(parsed, key, kind) else []
            elif kind == "ini":
                found += [MISSING] if any(isinstance(options, dict) and key in options for options in parsed.values()) else []  # type: ignore[union-attr]
            else:
                found += _keyed(parsed, key, 0)
    return found


def spells(text: str, key: str, kind: Optional[str]) -> bool:
    """A text that cannot be read as its format spells `key` outside its comment lines (`#`, and `;` in an INI file, as
    configparser takes them): only such a line may set it. A server's own configuration beside the service's
    (`# others with access to the host running redis-server.` in a redis `6250.conf`) sets no option by a comment."""
    if key not in text:
        return False
    comments = ("#", ";") if kind == "ini" else ("#",)
    return any(key in line and not line.lstrip().startswith(comments) for line in text.splitlines())


def _keyed(parsed: object, key: str, depth: int) -> List[object]:
    """The values a parsed document gives `key` in any of its mappings (bounded depth)."""
    if depth > _MAX_DEPTH:
        return []
    if isinstance(parsed, dict):
        return ([parsed[key]] if key in parsed else []) + [found for value in parsed.values() for found in _keyed(value, key, depth + 1)]
    if isinstance(parsed, list):
        return [found for value in parsed for found in _keyed(value, key, depth + 1)]
    return []
