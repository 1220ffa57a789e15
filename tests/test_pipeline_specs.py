"""Processors a datapackage-pipelines server runs only when a spec it loads names them (pipeline_specs.py): an ETL
project whose `pipeline-spec.yaml` files name their steps, a `datapackage_pipelines_etl` package whose `processors/`
dpp takes `etl.<name>` from, and a Dockerfile that runs the dpp image. A processor no loaded spec's step resolves
to, and what only such processors import, leave the report; a named one, a module a named one imports, and every
processor where the reading is unsure stay reported."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional

from _serving import run_on_disk

STEP = "import requests\nfrom datapackage_pipelines.wrapper import ingest, spew\n\nparameters, datapackage, res_iter = ingest()\n" \
       "rows = requests.get(parameters['url']).json()\nspew(datapackage, res_iter)\n"
FLOW = "import requests\nimport dataflows as DF\n\n\ndef flow(parameters, *_):\n    return DF.Flow(requests.get(parameters['url']).json())\n\n\n" \
       "if __name__ == '__main__':\n    flow({'url': 'https://example.org'}).process()\n"
HELPER = "import requests\n\n\ndef fetch(url):\n    return requests.get(url).content\n"
SPEC = """scrape:
  schedule:
    crontab: "0 0 * * *"
  pipeline:
    - run: add_metadata
      parameters:
        name: scrape
    - run: fetch_rows
    - flow: shape_rows
    # - run: retired_rows
    - run: etl.lookup
    - {run: dump.to_path, parameters: {out-path: /var/datapackages/scrape}}
"""
DOCKERFILE = "FROM frictionlessdata/datapackage-pipelines\nADD . /app\nRUN pip install -e /app\nWORKDIR /app/etl/pipelines\n"


def _project(spec: str = SPEC, **extra: str) -> Dict[str, str]:
    files = {
        "etl/__init__.py": "", "etl/pipelines/__init__.py": "",
        "etl/pipelines/scrape/fetch_rows.py": STEP,
        "etl/pipelines/scrape/shape_rows.py": FLOW,
        "etl/pipelines/scrape/retired_rows.py": STEP,  # only a commented-out step names it
        "etl/pipelines/scrape/backfill.py": FLOW,  # a developer's program beside the processors
        "etl/pipelines/old/old-scraper.py": STEP,  # its spec is switched off (`pipeline-spec.yaml.disabled`)
        "datapackage_pipelines_etl/__init__.py": "",
        "datapackage_pipelines_etl/processors/__init__.py": "",
        "datapackage_pipelines_etl/processors/lookup.py": "from datapackage_pipelines_etl.common import fetch\n" + STEP,
        "datapackage_pipelines_etl/processors/unused.py": "from datapackage_pipelines_etl.retired import grab\n" + STEP,
        "datapackage_pipelines_etl/common.py": HELPER,
        "datapackage_pipelines_etl/retired.py": HELPER.replace("fetch", "grab"),  # only the unnamed processor imports it
    }
    files.update(extra)
    return files


def _found(tmp_path: Path, files: Dict[str, str], spec: Optional[str] = SPEC, **shipped: str) -> List[str]:
    on_disk = {"Dockerfile": DOCKERFILE, "etl/pipelines/old/pipeline-spec.yaml.disabled": "old:\n  pipeline:\n    - run: old-scraper\n"}
    on_disk.update({"etl/pipelines/scrape/pipeline-spec.yaml": spec} if spec is not None else {})
    on_disk.update({name.replace("__", "/").replace("_DOT_", "."): text for name, text in shipped.items()})
    launch = tuple(name for name in on_disk if name == "Dockerfile" or name.endswith((".yaml", ".yml", ".sh")))
    result = run_on_disk(tmp_path, files, whole_project=True, on_disk_only=on_disk, launch_files=launch)
    return sorted({finding.path for finding in result.findings})


NAMED = ["datapackage_pipelines_etl/common.py", "datapackage_pipelines_etl/processors/lookup.py",
         "etl/pipelines/scrape/fetch_rows.py", "etl/pipelines/scrape/shape_rows.py"]
EVERY = sorted([*NAMED, "datapackage_pipelines_etl/processors/unused.py", "datapackage_pipelines_etl/retired.py",
                "etl/pipelines/old/old-scraper.py", "etl/pipelines/scrape/backfill.py", "etl/pipelines/scrape/retired_rows.py"])


def test_a_processor_no_loaded_spec_names_is_not_the_service(tmp_path: Path) -> None:
    """VALID: `retired_rows` (only a commented-out step), `backfill` (a `__main__` program no step names), the
    disabled spec's `old-scraper`, the plug-in's `unused` processor and `retired`, which only it imports, run in
    no pipeline. The named ones stay: the spec folder's `fetch_rows` and flow `shape_rows`, the plug-in's
    `etl.lookup`, and `common`, which it imports."""
    assert _found(tmp_path, _project()) == NAMED


def test_a_spec_names_only_what_its_steps_resolve_to(tmp_path: Path) -> None:
    """VALID: another spec's `run: retired_rows` runs its own folder's `retired_rows.py` (dpp looks there first), and
    a parameter's `resource: backfill` names a resource: neither runs the scrape folder's modules of those names."""
    other = {"etl/pipelines/other__pipeline-spec_DOT_yaml": "other:\n  pipeline:\n    - run: retired_rows\n"
             "    - run: fetch_rows\n      parameters:\n        resource: backfill\n"}
    files = _project(**{"etl/pipelines/other/retired_rows.py": STEP, "etl/pipelines/other/fetch_rows.py": STEP})
    assert _found(tmp_path, files, **other) == sorted([*NAMED, "etl/pipelines/other/fetch_rows.py", "etl/pipelines/other/retired_rows.py"])


def test_a_step_or_a_launch_file_naming_them_keeps_them(tmp_path: Path) -> None:
    """INVALID: a spec step naming each (by a dotted path through a flow mapping, backing up a folder, a quoted key
    and a JSON-style `"run":"name"`), or a launch file other than the specs running it: each may run."""
    named = SPEC + """    - {"run":"backfill"}
    - run: ..old.old-scraper
    - 'run': retired_rows
    - flow: datapackage_pipelines_etl.processors.unused
"""
    assert _found(tmp_path / "steps", _project(), named) == EVERY
    cron = {"deploy__run_DOT_sh": "python etl/pipelines/scrape/backfill.py\n"}
    assert _found(tmp_path / "launch", _project(), **cron) == sorted([*NAMED, "etl/pipelines/scrape/backfill.py"])


def test_a_loaded_module_importing_or_naming_them_keeps_them(tmp_path: Path) -> None:
    """INVALID: a named processor that imports `retired`, and one whose string names `old-scraper.py` (a
    hyphenated file no word is), keep them and what they import."""
    files = _project(**{"etl/pipelines/scrape/fetch_rows.py": "from datapackage_pipelines_etl.retired import grab\n" + STEP,
                        "etl/pipelines/scrape/shape_rows.py": FLOW + "\nSCRIPT = '../old/old-scraper.py'\n"})
    assert _found(tmp_path, files) == sorted([*NAMED, "datapackage_pipelines_etl/retired.py", "etl/pipelines/old/old-scraper.py"])


def test_an_unresolved_name_keeps_every_file_it_may_be(tmp_path: Path) -> None:
    """INVALID: `run: unused` has no file in the spec's folder, so dpp looks in `DPP_PROCESSOR_PATH`, which may be
    any folder: the plug-in's `unused.py` may be it. A flow name neither the spec's folder nor the project answers
    (`flow: backfill` from another spec's folder) may be any module of that name on `sys.path`."""
    assert _found(tmp_path / "run", _project(), SPEC + "    - run: unused\n") == sorted([*NAMED, "datapackage_pipelines_etl/processors/unused.py",
                                                                                    "datapackage_pipelines_etl/retired.py"])
    other = {"etl/pipelines/other__pipeline-spec_DOT_yaml": "other:\n  pipeline:\n    - flow: backfill\n"}
    assert _found(tmp_path / "flow", _project(), **other) == sorted([*NAMED, "etl/pipelines/scrape/backfill.py"])


def test_every_processor_stays_where_the_reading_is_unsure(tmp_path: Path) -> None:
    """INVALID: a templated or aliased step name, an inline `code:` step (dpp runs its Python), a generator's source
    spec whose generator is no project package, a run name on the line below its key: nothing is judged."""
    for case, spec in {
        "template": SPEC + "    - run: {{ step }}\n",
        "alias": SPEC + "    - run: *step\n",
        "code": SPEC + "    - run: inline\n      code: |\n        import retired_rows\n",
        "below": SPEC + "    - run:\n        retired_rows\n",
    }.items():
        assert _found(tmp_path / case, _project(), spec) == EVERY, case
    source = {"etl/pipelines/gen__ckan_DOT_source-spec_DOT_yaml": "portal: https://data.example\n"}
    assert _found(tmp_path / "generator", _project(), **source) == EVERY


def test_nothing_is_judged_without_dpp_or_a_loaded_spec(tmp_path: Path) -> None:
    """INVALID: without a loaded `pipeline-spec.yaml` (only the disabled one) the processors keep their findings,
    and so they do in a project that shows no dpp (no import of `datapackage_pipelines`, no launch file naming it)."""
    assert _found(tmp_path / "nospec", _project(), None) == EVERY
    plain = {name: text.replace("from datapackage_pipelines.wrapper import ingest, spew\n", "").replace("ingest()", "(1, 2, 3)")
             .replace("spew(datapackage, res_iter)", "print(datapackage)") for name, text in _project().items()}

    def found(where: str, shipped: Dict[str, str]) -> List[str]:
        result = run_on_disk(tmp_path / where, plain, whole_project=True, on_disk_only={"Dockerfile": "FROM python:3.11\n", **shipped},
                             launch_files=tuple(sorted({"Dockerfile", *shipped})))
        return sorted({finding.path for finding in result.findings})
    assert found("nodpp", {"etl/pipelines/scrape/pipeline-spec.yaml": SPEC}) == found("nospecs", {})  # the spec's words aside


def test_a_published_plugin_or_no_dpp_launch_keeps_the_processors(tmp_path: Path) -> None:
    """INVALID: a plug-in package a distribution of the project publishes (`setup.py`) is run by any consumer's spec
    (`run: etl.unused`), so this project's specs do not judge its `processors/`; and where no launch file starts dpp
    (only the processors' `import datapackage_pipelines`), nothing is judged."""
    setup = "from setuptools import setup, find_packages\nsetup(name='datapackage-pipelines-etl', packages=find_packages())\n"
    published = _found(tmp_path / "published", _project(), setup_DOT_py=setup)
    assert published == sorted([*NAMED, "datapackage_pipelines_etl/processors/unused.py", "datapackage_pipelines_etl/retired.py"])
    files = _project()
    result = run_on_disk(tmp_path / "nolaunch", files, whole_project=True, launch_files=("Dockerfile",),
                         on_disk_only={"Dockerfile": "FROM python:3.11\nADD . /app\n",
                                       "etl/pipelines/scrape/pipeline-spec.yaml": SPEC})
    assert sorted({finding.path for finding in result.findings}) == EVERY


def test_a_spec_a_launch_file_puts_in_place_is_loaded(tmp_path: Path) -> None:
    """INVALID: a launch file naming `pipeline-spec.yaml.disabled` (a render step reads it) makes it a loaded spec;
    one that writes a `pipeline-spec.yaml` by name (a copy over it, a template rendered into it), or names a spec
    with a computed suffix, leaves the reading unsure."""
    render = {"deploy__render_DOT_sh": "./render etl/pipelines/old/pipeline-spec.yaml.disabled\n"}
    assert _found(tmp_path / "named", _project(), **render) == sorted([*NAMED, "etl/pipelines/old/old-scraper.py"])
    for case, line in {"copy": "COPY etl/pipelines/old/pipeline-spec.yaml.disabled /app/etl/pipelines/old/pipeline-spec.yaml\n",
                       "template": "RUN envsubst < spec.tmpl > /app/etl/pipelines/old/pipeline-spec.yaml\n",
                       "computed": "RUN cp /app/etl/pipelines/old/pipeline-spec.yaml.$STAGE /srv/\n"}.items():
        assert _found(tmp_path / case, _project(), Dockerfile=DOCKERFILE + line) == EVERY, case


def test_a_flow_name_keeps_every_module_sys_path_may_give(tmp_path: Path) -> None:
    """INVALID: `flow: shape_rows` answers in the spec's folder, but a folder the deployment puts on `PYTHONPATH`
    comes first on `sys.path`: another spec folder's `shape_rows.py` may be the one imported."""
    other = {"etl/pipelines/other__pipeline-spec_DOT_yaml": "other:\n  pipeline:\n    - run: fetch_rows\n"}
    files = _project(**{"etl/pipelines/other/fetch_rows.py": STEP, "etl/pipelines/other/shape_rows.py": FLOW})
    path = DOCKERFILE + "ENV PYTHONPATH=/app/etl/pipelines/other\n"
    assert _found(tmp_path, files, Dockerfile=path, **other) == sorted([*NAMED, "etl/pipelines/other/fetch_rows.py",
                                                                        "etl/pipelines/other/shape_rows.py"])


def test_a_quoted_scalar_over_lines_leaves_the_reading_unsure(tmp_path: Path) -> None:
    """INVALID: a quoted string that goes on to the next line holds a `#` a line's comment removal would take for a
    comment, hiding the step after it (`run: retired_rows`): nothing is judged."""
    spec = SPEC + '    - {parameters: {title: "Rows, part\n        #2"}, run: retired_rows}\n'
    assert _found(tmp_path, _project(), spec) == EVERY
