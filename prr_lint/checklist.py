"""The Production Readiness Review checklist items that findings map to (DESIGN.md §5)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    title: str
    question: str
    source: str


_SRE_CH32 = "Site Reliability Engineering, ch. 32 'The Evolving SRE Engagement Model'"
_SRE_CH27 = "Site Reliability Engineering, ch. 27 'Reliable Product Launches at Scale'"
_SRE_APPB = "Site Reliability Engineering, appendix B 'A Collection of Best Practices for Production Services'"

ITEMS: Dict[str, ChecklistItem] = {
    item.id: item
    for item in (
        ChecklistItem(
            "PRR-ERR",
            "Errors are reported",
            "Does the service report errors to central logging systems for analysis? Does it report all "
            "exceptional conditions that result in degraded responses or failures to the end users?",
            _SRE_CH32,
        ),
        ChecklistItem(
            "PRR-MON",
            "User-visible failures are instrumented",
            "Are all user-visible request failures well instrumented and monitored, with suitable alerting "
            "configured?",
            _SRE_CH32,
        ),
        ChecklistItem(
            "PRR-DEP",
            "Serving paths use serving-grade dependencies",
            "Does the service connect to the appropriate serving instance of its dependencies? End-user "
            "requests to a service should not depend on a system that is designed for a batch-processing "
            "use case.",
            _SRE_CH32,
        ),
        ChecklistItem(
            "PRR-QOS",
            "Remote calls have deadlines and the right quality of service",
            "Does the service request a sufficiently high network quality-of-service when talking to a "
            "critical remote service? Implement request deadlines to avoid running out of resources for "
            "long-running requests.",
            f"{_SRE_CH32}; {_SRE_CH27}",
        ),
        ChecklistItem(
            "PRR-LOG",
            "Requests are logged through the standard framework",
            "Does the service use the standard frameworks for request logging, rather than functionally "
            "similar logging mechanisms of its own?",
            f"{_SRE_CH32} (Frameworks)",
        ),
        ChecklistItem(
            "PRR-OVL",
            "Overload is handled",
            "Does the service shed load early in overload, use well-behaved bounded queues, and retry with "
            "exponential backoff and jitter?",
            f"{_SRE_CH27}; {_SRE_APPB}",
        ),
        ChecklistItem(
            "PRR-CHG",
            "Changes roll out progressively",
            "Do updates to the service impact an unreasonably large percentage of the system at once? "
            "Nonemergency rollouts must proceed in stages and can be rolled back.",
            f"{_SRE_CH32}; {_SRE_APPB}",
        ),
    )
}
