"""PRR501's documentation, the part on code that builds a deployment, plugs into a developer's tool, documents the
project or is an undeployed user package (project/tooling.py, project/user_packages.py): kept apart so each docs module
stays short; timeout_docs.py joins it in place."""

TOOLING_DOCS = """        Nor is a call in a module the service does not import that builds a deployment (an AWS CDK
        stack, run at `cdk synth`) or plugs into a developer's tool (a gitlint rule, a flake8 plug-in, a hatchling build
        hook; project/tooling.py) or is documentation: a module of a Sphinx source tree (the folder of a `conf.py`
        that sets Sphinx's settings) or of an MkDocs `docs_dir` that no module outside it imports (an example app the
        pages `literalinclude`; tooling.py), nor in an optional plug-in distribution no deployment file installs
        or a user package: a distribution below the root (its own `setup.py`, `setup.cfg` or `pyproject.toml`,
        a client SDK beside the server: `sdk/python/mysvc_client/`, `clients/python/`) that is not deployed and
        that the service does not use. Not deployed: no Dockerfile or Procfile beside it, no deployment file runs
        one of its programs (a console script by name, `-m pkg.mod`, a file's path), none of its modules serves
        (an entry point, a registration, a task), a program of its own that serves or loops is one of its console
        scripts (`mysvc login` waiting for an OAuth callback on localhost: its users run it; a `__main__` program
        or a looping module top level may be deployed by path and keeps it), and plug-ins it registers into
        entry-point groups are installed by no deployment file (one that names its folder, a folder holding it,
        `COPY plugins /src/plugins` before a `pip install` of each, or its distribution name installs it). Not used: no function of it is reached from
        serving code, a deployed program or a scheduled command (the server calling itself or another service
        through it, a deployed worker starting its background flush thread keep it), and no service module
        imports it by its installed import name (below `src/` in a src layout), tests and its users' programs
        (examples, notebooks, its shell) aside, other than to hand the name on: a package `__init__` that imports
        `Client` and names it nowhere else (`__all__` aside) re-exports it, and a view's `from mysvc import Client`
        through that re-export uses it. A monorepo whose distributions are each a deployed service keeps them all.
        Nor is a call in a command the project's distribution (the root's too, installed in the deployed image)
        registers into another tool's command group, which that tool runs only when asked for it by name
        (`datalad.extensions = registry = pkg:command_suite`, a literal suite naming a class derived from
        datalad's `Interface`: `datalad registry-get-urls`; project/extension_commands.py), while nothing of the
        service asks for it: no function but the command's own reaches its methods (module top levels count: the
        tool's API loads the module in every process that imports it), no module beside the suite's and the
        command's (tests aside) imports its module or names its class, command or API name (`dl.registry_get_urls`,
        `["datalad", "registry-get-urls"]`), no launch file names it, no module that imports the tool looks
        attributes up by a computed name (`getattr`) or starts processes, and no `@datasetmethod` binds it.
"""
