"""The PRR5xx family: deadlines, quality of service and overload (checklist items PRR-QOS, PRR-OVL)."""

from prr_lint.rules.blocking import BlockingCallInAsyncHandler
from prr_lint.rules.grpc_deadlines import GrpcCallWithoutDeadline
from prr_lint.rules.overload import OVERLOAD_RULES
from prr_lint.rules.retries import RetryWithoutBackoffOrBound
from prr_lint.rules.timeouts import CallWithoutTimeout

QOS_RULES = [CallWithoutTimeout, GrpcCallWithoutDeadline, RetryWithoutBackoffOrBound, BlockingCallInAsyncHandler, *OVERLOAD_RULES]
