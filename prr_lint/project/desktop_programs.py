"""Desktop GUI programs shipped beside the service (distributions.py): not the service.

A monorepo may ship an operator's desktop application as a distribution of its own (OpenCue's
`cuegui`, a Qt program beside the `rqd` and `cuebot` services, started from its console script on
an artist's workstation, even when a Dockerfile beside it builds an image that runs it under X).
Known by behaviour, not by its folder's name: what its console scripts reach builds a GUI
application (a Qt `QApplication`/`QGuiApplication`, a project subclass of one, Tk's `Tk`, wx's `App`)
and runs its event loop (`exec_()`, `exec()`, `mainloop()`, `MainLoop()`; GTK's `Gtk.Application` subclass and its
`run()`, or `Gtk.main()`). A Qt
`QCoreApplication`, which headless services also run, is no GUI.

A filesystem its users mount on their own machine is an end-user program of the same kind (DataONE's
ONEDrive, a FUSE/Dokan view of a remote repository beside the GMN service): a function of the
distribution's modules (tests aside) mounts a FUSE filesystem, whether its programs reach it or pick
a driver by platform: fusepy's and mfusepy's `FUSE(operations, mountpoint)`, refuse's, llfuse's and
pyfuse3's `init(operations, mountpoint, options)`, WinFsp's `winfspy.FileSystem`, or a class derived
from python-fuse's `fuse.Fuse` built. Unlike a GUI, a mount is also how a storage sidecar serves a
deployment: user_packages.py requires of it what it requires of a user package (no deployment file
runs it, the service does not use it).
"""

from __future__ import annotations

from typing import Dict, Iterable, Mapping, Tuple

from prr_lint.model import UNTYPED_CALL
from prr_lint.project.callgraph import UNBOUNDED, breadth_first
from prr_lint.project.names import class_ancestors, resolve_name
from prr_lint.project.support import test_modules
from prr_lint.rules.param_guards import call_arguments

# Classes of GUI applications, by the end of their resolved name (qtpy, PyQt5/6, PySide2/6 alike).
_GUI_APPS: Tuple[str, ...] = ("QtWidgets.QApplication", "QtGui.QApplication", "QtGui.QGuiApplication", "tkinter.Tk",
                              "Tkinter.Tk", "wx.App", "wx.core.App", "Gtk.Application")
_EVENT_LOOPS = frozenset({"exec_", "exec", "mainloop", "MainLoop"})
_GTK_APP = "gi.repository.Gtk.Application"
_LOOP_CALLS = frozenset({"gi.repository.Gtk.main"})  # GTK's own loop; a `Gtk.Application` runs its loop in `run()`
# Calls that mount a filesystem the process then serves, and classes whose instances do (python-fuse's `Fuse`).
_MOUNTS = frozenset({"fuse.FUSE", "mfusepy.FUSE", "refuse.high.FUSE", "llfuse.init", "pyfuse3.init", "winfspy.FileSystem"})
_FILESYSTEMS = ("fuse.Fuse",)


def desktop_program(analysis, scripts: Iterable[str], inside: Mapping[str, str]) -> bool:
    """Whether what the console `scripts` (`pkg.mod:func` targets) reach inside the distribution's
    modules (`inside`) builds a GUI application and runs an event loop."""
    index, graph = analysis.index, analysis.graph
    roots = sorted(found for target in scripts if (found := graph.target(target.replace(":", "."))) is not None)
    reached = [name for name in breadth_first(graph, roots, UNBOUNDED) if index.module_of(name) in inside]
    builds = loops = False
    for name in reached:
        builds_here, loops_here = _gui_facts(index, name)
        builds, loops = builds or builds_here, loops or loops_here
        if builds and loops:
            return True
    return False


def _gui_facts(index, name: str) -> Tuple[bool, bool]:
    """(builds a GUI application, runs an event loop) of one function, worked out once per run: every
    console script and tool root asks of what it reaches, and their reaches overlap."""
    facts: Dict[str, Tuple[bool, bool]] = index.derived("desktop-gui-facts", dict)
    found = facts.get(name)
    if found is None:
        function = index.functions[name]
        found = facts[name] = (builds_gui(index, function), any(_loop(index, call) for call in (*function.calls, *function.chained)) or any(
            callee.startswith(UNTYPED_CALL) and _method(callee) in _EVENT_LOOPS for callee, _ in call_arguments(function.tags)))
    return found


def _method(call: str) -> str:
    return call.rpartition(".")[2]


def _loop(index, call: str) -> bool:
    """`call` runs a GUI event loop: by its method's name, GTK's `Gtk.main()`, or `run()` of a GTK application."""
    if _method(call) in _EVENT_LOOPS or resolve_name(index, call) in _LOOP_CALLS:
        return True
    owner = resolve_name(index, call.rpartition(".")[0])
    lineage = [owner, *class_ancestors(index, owner)] if owner in index.classes else [owner]
    return _method(call) == "run" and _GTK_APP in lineage


def builds_gui(index, function) -> bool:
    """Whether the function builds a GUI application (module docstring)."""
    return any(_gui_app(index, call) for call in function.calls)


def _gui_app(index, call: str) -> bool:
    """`call` builds a GUI application: its class, or a project class derived from one."""
    name = resolve_name(index, call)
    lineage = [name, *class_ancestors(index, name)] if name in index.classes else [name]
    return any(base.endswith(_GUI_APPS) for base in lineage)


def mounts_filesystem(analysis, inside: Mapping[str, str]) -> bool:
    """Whether a function of the distribution's modules (`inside`; tests aside) mounts a filesystem (module docstring)."""
    index = analysis.index
    tests = test_modules(index)
    return any(_mount(index, call) for name in inside if name not in tests and name in index.modules
               for function in index.modules[name].functions.values() for call in function.calls)


def _mount(index, call: str) -> bool:
    name = resolve_name(index, call)
    lineage = [name, *class_ancestors(index, name)] if name in index.classes else [name]
    return name in _MOUNTS or any(base in _FILESYSTEMS for base in lineage[1:])
