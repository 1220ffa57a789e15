"""PRR504 in the project phase: a loop's timed wait on an object its module cannot type (condition
`unless-event-wait`, rules/retry_loops.py `EVENT_WAIT`).

`await asyncio.wait_for(server.background_event.wait(), timeout=refresh_rate)`, with `server` annotated
as a class of another module that annotates or sets `background_event` as an `asyncio.Event`: the try
around that wait is the pause of a refresh loop that a stop event ends, not an attempt at a dependency.
The project types the receiver (project/receivers.py); when every class it may be is an event
(rules/pauses.py `EVENTS`), the loop retries nothing and the finding goes; otherwise the condition the
finding carried before decides.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Dict, Optional

from prr_lint.model import Finding, Pending
from prr_lint.project.callgraph import CallGraph
from prr_lint.rules.pauses import EVENTS
from prr_lint.rules.retry_loops import EVENT_WAIT

Judge = Callable[[Pending], Optional[Finding]]


def event_wait_conditions(project, judge: Judge) -> Dict[str, Callable[[], Judge]]:
    """`judge` settles the condition the finding carries next."""

    def build() -> Judge:
        receivers = CallGraph(project.index).receivers.seeing(EVENTS)

        def check(item: Pending) -> Optional[Finding]:
            receiver, condition, rest = item.subjects[0], item.subjects[1], item.subjects[2:]
            classes = receivers.types(receiver)
            if classes and classes <= EVENTS:
                return None
            return judge(replace(item, condition=condition, subjects=rest))

        return check

    return {EVENT_WAIT: build}
