"""The overload rules of the PRR5xx family (checklist item PRR-OVL): load shedding and bounded work."""

from prr_lint.rules.load_shedding import ServerWithoutLoadShedding
from prr_lint.rules.work_queues import UnboundedQueueOrFanout

OVERLOAD_RULES = [ServerWithoutLoadShedding, UnboundedQueueOrFanout]
