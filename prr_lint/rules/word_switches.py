"""The key of a guard comparing a configuration store's word to the one that turns a feature on: `equals:K~<word>`.

`self.influxdb = self.cbpi.config.get("INFLUXDB", "No")`, then `if self.influxdb == "Yes":` posts to InfluxDB only
while the store holds "Yes" for INFLUXDB. The read is tested itself, through a name the function binds once to it, or
through a `self` attribute every assignment of its class binds to a read of the same key (and no code of the module
sets on another object). `X != "No"`, and the code past `if X == "No": return`, runs while the store holds any other
word: `not:equals:K~No`. The project phase settles the key from the words the store is given (store_words.py,
project/word_switches.py).
"""

from __future__ import annotations

from typing import Iterator, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.guard_terms import guard_terms
from prr_lint.rules.guards import exit_comparisons
from prr_lint.rules.kept_switches import class_writes, name_values, outside_writes
from prr_lint.resolve import Resolver
from prr_lint.store_words import EQUALS, WORD, store_read
from prr_lint.switch_keys import NEGATED, string_text


def word_key(term: cst.BaseExpression, outer: Sequence[cst.CSTNode], resolver: Resolver) -> Optional[str]:
    """`equals:K~W` of `X == "W"` (either way round), X a read of the store's key K (module docstring); `not:equals:K~W`
    of `X != "W"`, which runs while the store holds any other word (past `if X == "W": return` too: exit_word_keys)."""
    compared = _compared(term)
    if compared is None:
        return None
    tested, word, equal = compared
    key = store_read(tested, resolver) or _bound_read(tested, outer, resolver)
    return f"{'' if equal else NEGATED}{EQUALS}{key}{WORD}{word}" if key else None


def exit_word_keys(chain: Sequence[cst.CSTNode], resolver: Resolver) -> Iterator[str]:
    """The word keys an early exit before the last node of `chain` leaves to hold (`not:equals:K~No` past `if X ==
    "No": return`, `equals:K~Yes` past `if X != "Yes": return`: guards.exit_comparisons)."""
    for term, at in exit_comparisons(chain):
        key = word_key(term, chain[:at], resolver)
        if key:
            yield key[len(NEGATED):] if key.startswith(NEGATED) else NEGATED + key


def tests_word(test: cst.BaseExpression, outer: Sequence[cst.CSTNode], resolver: Resolver) -> bool:
    """A term of the test compares a store's word (word_key; `outer`: the `if`'s ancestors, module first)."""
    return any(word_key(term, outer, resolver) is not None for term in guard_terms(test))


def _compared(term: cst.BaseExpression) -> Optional[Tuple[cst.BaseExpression, str, bool]]:
    """(the other side, the word, whether the test is `==`) of `X == "W"`, `"W" == X` or `X != "W"`, for a word of
    letters, digits, `_`, `-` and `.`."""
    if not (isinstance(term, cst.Comparison) and len(term.comparisons) == 1 and isinstance(term.comparisons[0].operator, (cst.Equal, cst.NotEqual))):
        return None
    left, right = term.left, term.comparisons[0].comparator
    word = string_text(right)
    tested = left
    if word is None:
        word, tested = string_text(left), right
    plain = word is not None and word.replace("_", "").replace("-", "").replace(".", "").isalnum()
    equal = isinstance(term.comparisons[0].operator, cst.Equal)
    return (tested, word, equal) if word is not None and plain and string_text(tested) is None else None


def _bound_read(tested: cst.BaseExpression, outer: Sequence[cst.CSTNode], resolver: Resolver) -> Optional[str]:
    """K of a name the function binds once to a read of it, or of a `self` attribute every value its class gives is one."""
    if resolver.enclosing_function is None:
        return None  # module-level code: no function binds it (and a 3,000-branch elif chain is no 3,000-step scan each)
    functions = [node for node in outer if isinstance(node, cst.FunctionDef)]
    if not functions:
        return None
    if isinstance(tested, cst.Name):
        values = name_values(functions[-1], tested.value)
        return store_read(values[0], resolver) if len(values) == 1 and values[0] is not None else None
    params = functions[-1].params.params
    classes = [node for node in outer if isinstance(node, cst.ClassDef)]
    if not (isinstance(tested, cst.Attribute) and isinstance(tested.value, cst.Name) and params and params[0].name.value == tested.value.value and classes):
        return None
    attribute = tested.attr.value
    keys = {store_read(value, resolver) if value is not None else None for _, value in class_writes(classes[-1], attribute)}
    module = outer[0] if isinstance(outer[0], cst.Module) else None
    if len(keys) != 1 or None in keys or module is None or attribute in outside_writes(module):
        return None
    return keys.pop()
