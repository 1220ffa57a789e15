"""The programs an image's `RUN` instruction executes while the image is built: build steps, not the service.

`RUN /app/docs/fetch-contributors >> /contributors.html` in borgmatic's docs image runs the program once, in a builder
stage, to write a file the last stage (`FROM nginx`) takes; nothing the deployment starts runs it again. program_runs.py
reads every other instruction as a command that runs the programs it names, and counts these apart
(`ProgramRuns.built`) only in a stage the build throws away (image_stages.py): a RUN of a stage that ships is evidence
of a program that works there, not that nothing runs it later.

Only the word a shell executes counts: the first word of a simple command (at the instruction's start, after `&&`,
`||`, `;`, `|`, `&` or `(`, past `NAME=value` settings, redirections and the keywords a command follows: `then`, `do`),
or the script or `-m` module after an interpreter standing there (`python3 -u gen.py`, `sh build.sh`); none after an
unquoted `#` that starts a word, a comment (`echo hi # && python x.py` executes `echo`). A word the command only hands
on is no build step: `chmod +x job.py`, `cp job.py /usr/local/bin/`, `ln -s`, and a command line it writes into a file
that runs later (`echo "* * * * * python /app/job.py" >> /etc/crontab`, `printf`, `tee`, `crontab -`), quoted or not:
there the interpreter is an argument, not the command. Nothing is read from an exec form (`RUN ["python", "x.py"]`), a
here document (`<<EOF`: its lines may be a crontab or a unit file) or a command substitution (`$(...)`, backquotes).

A command a command line names (a Django management command `manage.py NAME`, a Flask, click, invoke or console-script
command: schedules.py) is not a program file that ships: nothing but a command line runs it, and no command line reads
a RUN's (RUN ends before the image exists: what it starts in the background dies with its build step). So in every
stage the words a RUN executes there are blanked out of the text schedules.py matches command lines in
(`without_build_steps`; hoover-search's `RUN ./manage.py downloadassets` fetches static assets before `collectstatic`),
while program_runs.py keeps a shipped stage's RUN of a program file as a run (an image copying it may run it by a
command given elsewhere). What may run the command again by what the linter does not read (a scheduler or process
supervisor, manage.py handed a name from elsewhere, a start script or program it does not read) keeps the RUN's
evidence: started_files.py.
"""

from __future__ import annotations

import re
from typing import FrozenSet, Iterator, List, Match, Optional, Tuple

from prr_lint.project.lambda_image import instructions

Span = Tuple[int, int]

# A shell token of a RUN's shell form: an operator that starts a new command, a redirection, or a word (quotes and
# escapes included: a quoted word is one word, whatever blanks and operators stand in it).
_TOKEN = re.compile(r"""(?P<operator>&&|\|\||[;|&()\n])|(?P<redirect>\d*(?:>>?|<)&?)"""
                    r"""|(?P<word>(?:[^\s;|&()<>"'\\]|\\.|"(?:[^"\\]|\\.)*"|'[^']*')+)""")
_UNREAD = ("<<", "$(", "`")  # a here document, a command substitution: what runs there is not read
_COMMENT = "#"  # an unquoted word starting so begins a comment: to the end of the instruction, its lines joined
_SETTING = re.compile(r"[A-Za-z_]\w*=")  # `DEBUG=1 python manage.py collectstatic`
_KEYWORDS = frozenset({"if", "then", "else", "elif", "do", "while", "until", "!", "{", "time"})  # a command follows
PYTHON = re.compile(r"^(?:.*/)?python[\d.]*$")  # a Python interpreter: `python`, `python3.11`, `/usr/local/bin/python3`
_SHELL = re.compile(r"^(?:.*/)?(?:ba|da)?sh$")  # `sh`, `bash`, `/bin/sh`
_CODE_OPTION = "-c"  # `python -c "..."`, `sh -c "..."`: code, no program file
_MODULE_OPTION = "-m"
_VALUED_OPTIONS = frozenset({"-W", "-X", "-o"})  # python's `-W ignore`, `-X dev`; a shell's `-o pipefail`


def build_executed(argument: str) -> FrozenSet[Span]:
    """The spans, in a RUN instruction's `argument`, of the words the build executes as programs (module docstring)."""
    if argument.lstrip().startswith("[") or any(mark in argument for mark in _UNREAD):
        return frozenset()
    found: List[Span] = []
    for command in _simple_commands(argument):
        program = _program(command)
        if program is not None:
            found.append(program.span())
    return frozenset(found)


def _simple_commands(argument: str) -> Iterator[List[Match[str]]]:
    """The word tokens of each simple command, redirections' targets left out; RUN's own flags (`--mount=...`) too;
    none from a comment on."""
    words: List[Match[str]] = []
    redirected = False
    started = False
    for token in _TOKEN.finditer(argument):
        if token.group("operator"):
            yield words
            words, redirected, started = [], False, True
        elif token.group("redirect"):
            redirected = True
        elif token.group().startswith(_COMMENT):
            break
        elif redirected:
            redirected = False
        elif started or not token.group().startswith("--"):
            started = True
            words.append(token)
    yield words


def _program(words: List[Match[str]]) -> Optional[Match[str]]:
    """The word a simple command executes: its command word, or the script or module its interpreter runs."""
    at = 0
    while at < len(words) and (_SETTING.match(words[at].group()) or words[at].group() in _KEYWORDS):
        at += 1
    if at >= len(words) or _quoted(words[at].group()):
        return None
    command = words[at].group()
    if not (PYTHON.match(command) or _SHELL.match(command)):
        return words[at]
    rest = iter(words[at + 1:])
    for word in rest:
        text = word.group()
        if _quoted(text) or text == _CODE_OPTION:
            return None
        if text == _MODULE_OPTION and PYTHON.match(command):
            module = next(rest, None)
            return None if module is None or _quoted(module.group()) else module
        if text in _VALUED_OPTIONS:
            next(rest, None)
        elif not text.startswith("-"):
            return word
    return None


def _quoted(word: str) -> bool:
    """A word with quotes or escapes in it: what the shell makes of it is not the text read."""
    return any(mark in word for mark in "\"'\\")


_ESCAPE_DIRECTIVE = re.compile(r"^#\s*escape\s*=", re.IGNORECASE | re.MULTILINE)  # another continuation character
_BLANK = ";"  # what stands for a blanked word: no command-line pattern reads past it (an operator's character)


def without_build_steps(text: str, written: str) -> str:
    """The image file's live `text` (`written`: as written) with each word a RUN executes while built blanked out.

    For the readers of the command lines that name commands (module docstring). The instructions are read as
    lambda_image.instructions reads them (continuation lines joined, comments left out), one a line. A file with a here
    document (`<<EOF`: its lines are no instructions and may be a crontab) or an `escape` directive (another
    continuation character; a comment the live lines leave out) stays as it is."""
    if "<<" in text or _ESCAPE_DIRECTIVE.search(written):
        return text
    found: List[str] = []
    for instruction, argument in instructions(text):
        for begin, end in sorted(build_executed(argument) if instruction == "RUN" else (), reverse=True):
            argument = argument[:begin] + _BLANK + argument[end:]
        found.append(f"{instruction} {argument}")
    return "\n".join(found)
