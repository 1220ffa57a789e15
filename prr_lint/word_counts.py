"""The words of a module's text that project/dead_code.py weighs, counted in the per-file pass that
already holds the source and the tree: the project phase then merges counts and reads no source
again (reading and tokenizing every file there was most of its time).

Six things per module: how often each word occurs in its whole text (strings and comments
included); how often its code and string literals, without comments and docstrings (a string that is
a statement of its own), name each of its own top-level functions and classes; how often each word
occurs as prose, where it names no code (`literal_words`: comments, messages, logging calls' messages);
the words its other strings may hand a loader (`literal_words`: a name or a dotted path, not a label),
which project/typed_calls.py asks instead of reading the file again; its plain classes (`class Name:` or
`class Name(object):` at the start of a line); and the names its `__all__` exports (`exported_names`).

The code counts are the whole-text counts minus the words of comments (found by one regular
expression that skips string literals) and of docstrings (found in the tree): the same numbers as
counting NAME and STRING tokens, without tokenizing. Where the two could differ (a word inside a
number literal such as `0x1f`, an identifier with non-ASCII letters) the file is tokenized after all.
"""

from __future__ import annotations

import re
import tokenize
from collections import Counter
from keyword import iskeyword
from typing import TYPE_CHECKING, Dict, FrozenSet, Iterable, List, Mapping, Optional, Set, Tuple

import libcst as cst

from prr_lint.annotation_words import type_words
from prr_lint.source_tokens import SourceTokens

if TYPE_CHECKING:
    from prr_lint.model import ModuleSummary

WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# A string literal (no group) or a comment (group 1): a `#` inside a string starts no comment. A
# string prefix is a word of the code, so it is not part of the match. A literal left open ends at
# its line's end (a triple-quoted one at the text's), a backslash at the very end escapes nothing:
# every match then succeeds in one pass, and a line of quotes and backslashes costs its length.
LEXEMES = re.compile(
    r"'''[^'\\]*(?:(?:\\(?:[\s\S]|\Z)|'(?!''))[^'\\]*)*(?:'''|\Z)"
    r'|"""[^"\\]*(?:(?:\\(?:[\s\S]|\Z)|"(?!""))[^"\\]*)*(?:"""|\Z)'
    r"|'[^'\\\r\n]*(?:\\(?:\r\n|[\s\S]|\Z)[^'\\\r\n]*)*(?:'|(?=[\r\n])|\Z)"
    r'|"[^"\\\r\n]*(?:\\(?:\r\n|[\s\S]|\Z)[^"\\\r\n]*)*(?:"|(?=[\r\n])|\Z)'
    r"|(#[^\r\n]*)"
)
# A word right after a digit (`e5` in `1e5`, `x1f` in `0x1f`): a number literal's letters are no NAME
# token (and `sum` in `md5sum`, which only costs a needless tokenize).
_AFTER_DIGIT = re.compile(r"[0-9]\.?([A-Za-z_][A-Za-z0-9_]*)")
# A string names code (a callable in a settings string, `getattr(module, "name")`, "pkg.mod:func")
# when it holds at most PATH_WORDS words, or only dotted paths, and nothing but the characters of names
# and dotted paths; any other string is prose (a message, a URL, `"?download=true"`).
PATH_WORDS = 3  # `"name = pkg.mod:Plugin"`; a longer string is prose (a help text naming a class)
_NAME_LIKE = re.compile(r"[\w.:=,()\[\]%\s]*")
# Where a string or a deployment file may name a top-level package it starts (`name_tokens`, project/started_packages.py):
# a word standing as a token of its own, not inside a dotted name, an address or a hyphenated word (`svc`,
# `svc.jobs:run`, `django.contrib.admin,svc`, `import svc;svc.run()`; not `www.svc.com`, `help@svc.com`, `svc-logo`),
# a whole folder of a path (`/srv/app/svc`: a `PYTHONPATH`, a `cwd`, a `workingDir`; not a file's name,
# `/static/svc.png`), or a module glued to `-m`/`-A` (`python -msvc.worker`). A URL or an address is blanked first,
# itself only, up to quoting or punctuation (`ADDRESS`: `https://example.com/svc`, `//svc.example.com/x`,
# `help@svc.com`, in a compact JSON line too). Each alternative starts only where a run of its characters starts and
# no two neighbouring quantifiers take the same character: linear on any text.
ADDRESS = re.compile(r"(?<![\w+.-])[A-Za-z][\w+.-]*://[^\s\"'`,;()\[\]{}<>]*|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
                     r"|(?<![\w/.:])//[^\s\"'`,;()\[\]{}<>]*")
TOKEN = re.compile(r"(?<![\w.@/-])[A-Za-z_]\w*(?![\w-])|(?<=/)[A-Za-z_]\w*(?![\w.-])|(?<=(?<![\w-])-[mA])[A-Za-z_]\w*")
# A sentence: a clause of a line, up to a mark that ends it, that holds four plain words in a row (`"You may also
# email sales at svc dot com."`, a log line a command echoes, a comment line of a script). It is prose, which a process
# or a loader takes no bare word of: only that clause is blanked, from its first such run to its mark, and the code in
# it counts (`run_starts`); the rest of the string is read by the broad rule (`string_starts`). A run starts only after
# a space or a quote and is searched for only between two marks of one line: linear.
_SENTENCE = re.compile(r"(?<![^\s\"'(])[A-Za-z]+(?: [A-Za-z]+){3}(?![\w-])")
_CLAUSE_MARK = re.compile(r"[.,!?](?=\s|$)")
# What a command line in prose runs: the module after an option that names one (`python -m svc.worker`, `-msvc.worker`,
# `celery -A svc worker`, `uwsgi --module svc.wsgi`, `waitress-serve --call svc:make`), a `module:attr` (`svc.wsgi:app`),
# the folders of a path (`cd /srv/app/svc`, `python svc/worker.py`: `run_starts`).
_RUN_MODULE = re.compile(r"(?<!\S)(?:-m(?=[A-Za-z_])|(?:-m|-A|--app|--module|--wsgi|--call|--factory)[=\s]+)([A-Za-z_]\w*)")
_MODULE_ATTR = re.compile(r"(?<![\w.@/:-])([A-Za-z_]\w*)(?:\.[A-Za-z_]\w*)*:[A-Za-z_]")
_FOLDER = re.compile(r"(?<=/)[A-Za-z_]\w*(?![\w.-])")
# And code in a string (`exec("import svc")`, `python -c "from svc.jobs import run"`): the package an import statement names.
_IMPORT_START = re.compile(r"(?<![\w.])(?:import\s+|from\s+(?=[\w.]+\s+import\b))([A-Za-z_]\w*)")
_RUNS_PYTHON = re.compile(r"(?<![\w-])python")
# An f-string's (or a format string's) placeholder: code, not prose.
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# No two neighbouring quantifiers can take the same character: linear on any line.
_STRING_PREFIXES = "rRbBuUfF"  # a string literal's prefix, which `LEXEMES` leaves out
_EMPTY_MODULE = cst.Module(body=[])  # renders a node's source (an f-string's)
# A call by attribute in a comment (`#  yield from self.scrape_vote(bill, row)`): a call commented out.
_COMMENTED_CALL = re.compile(r"\.[ \t]*([A-Za-z_][A-Za-z0-9_]*)[ \t]*\(")
_PLAIN_CLASS = re.compile(r"^class\s+(\w+)\s*(?:\(\s*(?:object\s*)?\)\s*)?:", re.MULTILINE)


def word_counts(source: str) -> Dict[str, int]:
    """How often each word occurs in the text."""
    return dict(Counter(WORD.findall(source)))


def plain_classes(source: str) -> List[str]:
    """Classes defined as `class Name:` or `class Name(object):` at the start of a line: a class
    with a base may register itself by being defined (a plugin base's `__init_subclass__`)."""
    return sorted(set(_PLAIN_CLASS.findall(source)))


def is_docstring(node: cst.Expr, parent: cst.CSTNode) -> bool:
    """A lone string literal on a line of its own (a docstring, a note): what a tokenizer sees as a
    STRING token between the start of a statement and its NEWLINE."""
    return (
        isinstance(node.value, (cst.SimpleString, cst.FormattedString))
        and not node.value.lpar
        and not isinstance(node.semicolon, cst.Semicolon)
        and isinstance(parent, cst.SimpleStatementLine)
        and len(parent.body) == 1
        and parent.trailing_whitespace.comment is None
    )


def docstring_text(node: cst.Expr) -> str:
    value = node.value
    return value.value if isinstance(value, cst.SimpleString) else cst.Module([]).code_for_node(value)


def code_counts(source: str, words: Dict[str, int], names: Iterable[str], docstrings: List[str],
                shared: Optional[SourceTokens] = None) -> Dict[str, int]:
    """For each of `names` the text holds, how often the code and string literals name it, comments
    and docstrings left out (`shared`: the source's tokens, if it comes to them)."""
    wanted = sorted({name for name in names if words.get(name)})
    if not wanted:
        return {}
    if not source.isascii() and not LEXEMES.sub("", source).isascii() or not set(_AFTER_DIGIT.findall(source)).isdisjoint(wanted):
        counted = tokenized_words(source, shared)
        return {name: counted[name] for name in wanted}
    comments = comment_words(source)
    documented = Counter(WORD.findall("\n".join(docstrings)))
    return {name: words[name] - comments[name] - documented[name] for name in wanted}


def comment_words(source: str) -> Counter:
    """How often each word occurs in the text's comments."""
    return Counter(WORD.findall("\n".join(LEXEMES.findall(source))))


def log_message(call: cst.Call) -> Tuple[Tuple[str, ...], Tuple[cst.CSTNode, ...]]:
    """The string literals of a logging call's message (its first positional argument) as the source spells
    them, prefixes aside, and the nodes that hold their text: prose however short (structlog's event
    `log.info("create_alert", ...)` names the function it is logged from, and loads nothing), and so is a
    message built of pieces: a concatenation's literals (`"kia.getCookies: " + response`), an f-string, the
    template of a `%` format or of a `.format()` call."""
    first = call.args[0] if call.args else None
    if first is None or first.keyword is not None or first.star:
        return (), ()
    texts: List[str] = []
    nodes: List[cst.CSTNode] = []
    pending: List[cst.BaseExpression] = [first.value]
    while pending:
        node = pending.pop()
        if isinstance(node, cst.SimpleString):
            texts.append(node.value[len(node.prefix):])
            nodes.append(node)
        elif isinstance(node, cst.FormattedString):
            texts.append(_EMPTY_MODULE.code_for_node(node)[len(node.prefix):])
            nodes.extend(part for part in node.parts if isinstance(part, cst.FormattedStringText))
        elif isinstance(node, cst.ConcatenatedString):
            pending += (node.right, node.left)
        elif isinstance(node, cst.BinaryOperation) and isinstance(node.operator, (cst.Add, cst.Modulo)):
            pending += (node.left,) if isinstance(node.operator, cst.Modulo) else (node.right, node.left)
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "format":
            pending.append(node.func.value)
    return tuple(texts), tuple(nodes)


def exported_names(module: cst.Module) -> List[str]:
    """The strings of the module's top-level `__all__` assignments (`=`, `+=`, annotated): they
    export names to a star import and call or load none of them."""
    found: List[str] = []
    for statement in module.body:
        for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
            targets = ([target.target for target in small.targets] if isinstance(small, cst.Assign)
                       else [small.target] if isinstance(small, (cst.AugAssign, cst.AnnAssign)) else [])
            value = getattr(small, "value", None)
            if any(isinstance(target, cst.Name) and target.value == "__all__" for target in targets) \
                    and isinstance(value, (cst.List, cst.Tuple)):
                found.extend(element.value.raw_value for element in value.elements
                             if isinstance(element.value, cst.SimpleString))
    return found


def literal_words(source: str, messages: Optional[Mapping[str, int]] = None, commented: Optional[Set[str]] = None,
                  labels: Optional[Counter] = None) -> Tuple[Dict[str, int], FrozenSet[str], FrozenSet[str], FrozenSet[str]]:
    """In one pass over the text's comments and string literals: how often each word occurs where it names no
    code, in comments, in the `messages` of logging calls and docstrings (literal text -> how often), and in other
    strings that are text rather than a name or dotted path (see `PATH_WORDS`), placeholders (`{name}`) aside;
    the words the other strings may hand a loader (`_path_text`: `"Bot"`, `"models.bot.Bot"`, not the
    label `"QQ Bot"`), keywords aside: what could name a class, function or module for typed_calls.py; and of
    those, the words that end a dotted path (`Bot` of `"models.bot.Bot"`, `Plugin` of `"pkg.mod:Plugin"`): what a
    loader that takes a whole path may load (project/hooked_classes.py); and, of every string but logging calls'
    messages and docstrings, the words that may start a module path or a command (`path_starts`): the string's
    `name_tokens`, as in a deployment file (`svc` of `"svc"`, `"svc.jobs:run"`, `f"svc.{name}"`, `"a,svc"`, `"cd
    /srv/app/svc && ./run.py"`, `"uwsgi --module svc.wsgi:app"`; not of a URL or an address, `"https://svc.example.com"`,
    `"help@svc.com"`), and of prose, a sentence's own clause (`_SENTENCE`: "email sales at svc dot com."), only
    what is code in it (`run_starts`; `string_starts`): the top-level package a loader handed the string imports, or a process the
    string starts runs (project/started_packages.py). `commented` takes the names comments call by attribute (`# self.scrape_vote(bill, row)`: project/dead_code.py); `labels`, how often each word occurs in the
    short strings that are no prose but hand a loader none of their words (`"QQ Bot"`, `"EZID user name"`)."""
    prose: Counter = Counter()
    paths: Set[str] = set()
    ends: Set[str] = set()
    starts: Set[str] = set()
    logged = Counter(messages or {})
    for match in LEXEMES.finditer(source):
        text = match.group(0)
        if match.group(1) is None:
            literal, text = text, _PLACEHOLDER.sub(" ", text.strip("'\""))
            parts = text.split()
            if logged[literal] > 0:
                logged[literal] -= 1
            else:
                path = _path_text(literal)
                paths.update(WORD.findall(path))
                starts.update(string_starts(text))
                ends.update(part.rpartition(".")[2].rpartition(":")[2] for part in path.split() if "." in part or ":" in part)
                if _names_code(text, parts):
                    if labels is not None:
                        labels.update(Counter(WORD.findall(text)) - Counter(WORD.findall(path)))
                    continue
        elif commented is not None and "(" in text:
            commented.update(_COMMENTED_CALL.findall(text))
        prose.update(WORD.findall(text))
    words = frozenset(word for word in paths if not iskeyword(word))
    return dict(prose), words, words.intersection(ends), frozenset(word for word in starts if word and not iskeyword(word))


def name_tokens(text: str) -> List[str]:
    """The words of a string or a deployment file that may name a top-level package it loads or starts (`TOKEN`,
    URLs and addresses blanked first: `ADDRESS`)."""
    return TOKEN.findall(ADDRESS.sub(" ", text))


def string_starts(text: str) -> Set[str]:
    """The words a string may start a module path or a command with: a deployment file's (`name_tokens`), but of a
    sentence's clause (`_SENTENCE`), only what is code in it (`run_starts`): `"echo Starting the sync. && cd svc"`
    gives `svc`, `"Email sales at svc dot com."` nothing."""
    text = ADDRESS.sub(" ", text)
    prose = _blank_sentences(text)
    return set(TOKEN.findall(text)) if prose == text else run_starts(text) | set(TOKEN.findall(prose))


def _blank_sentences(text: str) -> str:
    """`text` with each sentence's clause blanked, from its first run of four plain words to the mark that ends the
    clause, within one line (`_SENTENCE`, `_CLAUSE_MARK`). Each run is searched for between two marks only: linear."""
    lines = []
    for line in text.split("\n"):
        kept, start, clause = [], 0, 0  # kept up to `start`; the clause being read begins at `clause`
        for mark in _CLAUSE_MARK.finditer(line):
            run = _SENTENCE.search(line, clause, mark.start())
            if run is not None:
                kept.append(line[start:run.start()] + " ")
                start = mark.end()
            clause = mark.end()
        lines.append("".join(kept) + line[start:] if kept else line)
    return "\n".join(lines)


def run_starts(text: str) -> Set[str]:
    """The packages a command line in `text` may run (`_RUN_MODULE`, `_MODULE_ATTR`; every whole folder of a path,
    `_FOLDER`, and the folders of a `.py` file's path, for the path may start at the package's folder or above
    it), that code in it imports (`_IMPORT_START`: `"import svc"`, `"from svc.jobs import run"`), and, where it
    runs python, every word of its paths (`cd /srv/app/svc && python worker.py`). URLs and addresses are blanked
    before (`string_starts`). Split, or searched from a fixed prefix: linear in any text."""
    found = set(_RUN_MODULE.findall(text)) if "-" in text else set()
    found.update(_IMPORT_START.findall(text) if "import" in text else ())
    found.update(_MODULE_ATTR.findall(text) if ":" in text else ())
    found.update(_FOLDER.findall(text) if "/" in text else ())
    for token in text.split() if ".py" in text else ():
        if "/" in token and ".py" in token:
            found.update(folder for folder in token[:token.rindex(".py")].split("/")[:-1] if folder.isidentifier())
    if _RUNS_PYTHON.search(text):  # `cd /srv/app/svc && python worker.py`: the folder it runs in may be the package's
        for token in text.split():
            if "/" in token:
                found.update(part for part in re.split(r"[^\w]+", token) if part.isidentifier())
    return found


def _names_code(text: str, parts: List[str]) -> bool:
    """A string's text (quotes stripped, placeholders blanked) names code rather than being prose (`PATH_WORDS`)."""
    return bool(_NAME_LIKE.fullmatch(text)) and (len(parts) <= PATH_WORDS or all("." in part or ":" in part for part in parts))


def names_code(literal: str) -> bool:
    """A plain string literal as written (prefix and quotes included) is no prose by `literal_words`' measure: its
    words count as code's, not in `prose_words` (name_uses.py `own_strings`, which must not take them back twice)."""
    text = _PLACEHOLDER.sub(" ", literal.lstrip(_STRING_PREFIXES).strip("'\""))
    return _names_code(text, text.split())


def bound_attributes(targets: Iterable[cst.BaseExpression]) -> Iterable[cst.Attribute]:
    """The attributes that assignment targets bind (`self.optimize = channel.unary_unary(...)`, `a.x, b.y = ...`):
    a word that binds another object's attribute, and calls or names no method of that name."""
    for target in targets:
        if isinstance(target, cst.Attribute):
            yield target
        elif isinstance(target, (cst.Tuple, cst.List)):
            yield from bound_attributes(element.value for element in target.elements)


def tokenized_words(text: str, shared: Optional[SourceTokens] = None) -> Counter:
    """The words of the code and string literals by the tokenizer, without comments and docstrings
    (a string that is a statement of its own); all words when the text does not tokenize. `shared`:
    the tokens of `text`, when another reader may want them too (source_tokens.py)."""
    words: Counter = Counter()
    tokens, error = (shared or SourceTokens(text)).read(universal_newlines=False)
    if error is not None:
        if not isinstance(error, (tokenize.TokenError, SyntaxError)):
            raise error
        return Counter(WORD.findall(text))  # an unfinished file: count every word, as elsewhere
    statement_start = (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.NL, tokenize.COMMENT)
    for position, token in enumerate(tokens):
        if token.type == tokenize.NAME:
            words[token.string] += 1
        elif token.type == tokenize.STRING:
            before = tokens[position - 1].type if position else tokenize.NEWLINE
            after = tokens[position + 1].type if position + 1 < len(tokens) else tokenize.NEWLINE
            if not (before in statement_start and after in (tokenize.NEWLINE, tokenize.ENDMARKER)):
                words.update(WORD.findall(token.string))
    return words


def _path_text(literal: str) -> str:
    """What of a string literal may name code for a loader: all of it when it is one word or path
    (`"Bot"`, `"models.bot.Bot"`), else its dotted parts (`"name = pkg.mod:Plugin"`); the words of a
    label (`"QQ Bot"`, `"Bot ID"`) name nothing."""
    parts = literal.lstrip(_STRING_PREFIXES).strip("'\"").split()
    return " ".join(parts if len(parts) == 1 else (part for part in parts if "." in part or ":" in part))


def record_words(summary: "ModuleSummary", module_name: str, source: str, module: cst.Module, docstrings: List[str],
                 messages: Mapping[str, int], shared: Optional[SourceTokens] = None, never_run: str = "") -> None:
    """The words project/dead_code.py weighs, put in the module's summary while the source is at hand
    (summary.py calls it at the end of its walk, with the docstrings and logging messages it met, the
    source's tokens it shares with the `def` lines, and the code after a block's end, whose words are
    prose: `return` atop a switched-off method leaves the helpers it would call uncalled)."""
    prefix = module_name + "."
    summary.words = word_counts(source)
    names = (name[len(prefix):] for found in (summary.functions, summary.classes) for name in found if name.startswith(prefix))
    summary.code_words = code_counts(source, summary.words, [name for name in names if "." not in name], docstrings, shared)
    summary.type_words = type_words(module, {name[len(prefix):] for name in summary.classes if name.startswith(prefix) and "." not in name[len(prefix):]})
    # a docstring is prose however short (`"""Wizard endpoints"""` loads no `Wizard`)
    documented = Counter(text.lstrip(_STRING_PREFIXES) for text in docstrings if isinstance(text, str))
    commented: Set[str] = set()
    prose, summary.string_words, summary.path_ends, summary.path_starts = literal_words(source, Counter(messages) + documented, commented)
    summary.commented_calls = frozenset(commented)
    summary.prose_words = dict(Counter(prose) + Counter(WORD.findall(never_run)))
    summary.exports = exported_names(module)
    summary.plain_classes = plain_classes(source)
