"""The per-file phase over many files: cache lookups, then in this process or in worker processes
that are supervised one by one.

Why not concurrent.futures or multiprocessing.Pool: neither can stop one task. A worker stuck in
native code (see budget.py) has to be killed and replaced, and the file it held reported, while
the other workers go on; a worker that dies (a crash in native code) must cost one file, not the
run.

How: every worker has a pipe of its own and holds at most two files, the one it works on and the
next, so it never waits for the parent. Files are handed out largest first, so that long files
start early and the run does not end waiting for one of them. The parent keeps one `Watch` per
worker (budget.py): the file at the head of its queue started when the worker's previous result
arrived (or when it was sent to an idle worker); a worker whose CPU time on it passes the budget
plus `GRACE`, or that gets no CPU past the wall-clock allowance, is killed, and the phase it was in
is read from shared memory. Normally the worker's own CPU timer stops the file first, and the
worker carries on.

On Linux workers are forked after the parent has imported libcst and the rules, so they start
in a few milliseconds, inherit the files read so far and receive only indices. Elsewhere they are
spawned and receive each file. Workers ignore SIGINT: on Ctrl-C the parent kills them all and
waits for them before the KeyboardInterrupt goes on (exit code 130), so none is left behind.
"""

from __future__ import annotations

import gc
import signal
import sys
import time
from collections import deque
from typing import TYPE_CHECKING, Any, Deque, Iterator, List, Optional, Sequence, Tuple

from prr_lint.budget import PHASES, PhaseTracker, Watch, wall_allowance
from prr_lint.engine import analyse, crashed, prepare, timed_out
from prr_lint.model import FileResult
from prr_lint.plan import FileJob, Plan

if TYPE_CHECKING:
    from prr_lint.cache import ResultCache

# Below this many files to analyse, starting worker processes costs more than it saves.
MIN_FILES_FOR_POOL = 16
# Files a worker holds at once: the one it works on and the next.
DEPTH = 2


def _context() -> Any:
    import multiprocessing  # here: a run served from the cache starts no process and needs none of it

    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _work(connection: Any, plan: Plan, phase: Any, cpu: Any, jobs: Optional[Sequence[FileJob]]) -> None:
    """A worker's loop: analyse what the parent sends, answer with (position, result)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    registry = plan.rules
    tracker = PhaseTracker(phase, cpu)
    _tune_collector()
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if message is None:
            return
        position, job = message
        if job is None:
            assert jobs is not None
            job = jobs[position]
        connection.send((position, analyse(job, plan, registry, tracker)))


class _Worker:
    def __init__(self, context: Any, plan: Plan, jobs: Optional[Sequence[FileJob]]) -> None:
        self.phase = context.RawValue("i", 0)
        self.cpu = context.RawValue("d", 0.0)  # the worker's CPU time when it started its current file
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_work, args=(child, plan, self.phase, self.cpu, jobs), daemon=True)
        # Blocked until the child ignores it: Ctrl-C at the wrong moment must not hit a new worker.
        masked = hasattr(signal, "pthread_sigmask")
        if masked:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            self.process.start()
        finally:
            if masked:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        child.close()
        self.queue: Deque[int] = deque()
        self.watch: Optional[Watch] = None

    def begin(self, budget: float, now: float) -> None:
        """The file at the head of the queue starts now, as far as the parent can tell."""
        self.watch = Watch(self.process.pid, budget, now, lambda: self.cpu.value) if budget else None

    def receive(self) -> Optional[Tuple[int, FileResult]]:
        """The next (position, result), or None when the worker has died."""
        try:
            return self.connection.recv()
        except (EOFError, OSError):  # prr-lint: ignore[PRR102] the caller reports the file as crashed (PRR003)
            return None

    def current_phase(self) -> str:
        value = self.phase.value
        return PHASES[value] if 0 <= value < len(PHASES) else PHASES[0]

    def kill(self) -> str:
        """Kills the worker; how it ended, for a message."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()
        code = self.process.exitcode or 0
        if code < 0:
            try:
                return f"signal {signal.Signals(-code).name}"
            except ValueError:
                return f"signal {-code}"
        return f"exit code {code}"

    def stop(self) -> None:
        try:
            self.connection.send(None)
        except (OSError, ValueError):  # it is gone already; join below
            pass
        self.process.join(timeout=2.0)
        self.kill()


def analyse_in_workers(jobs: Sequence[FileJob], plan: Plan, workers: int) -> Iterator[Tuple[int, FileResult]]:
    """(position in `jobs`, result) as files finish in `workers` supervised processes."""
    from multiprocessing.connection import wait

    context = _context()
    inherit = context.get_start_method() == "fork"
    waiting: Deque[int] = deque(sorted(range(len(jobs)), key=lambda position: -len(jobs[position].data)))
    budget = plan.file_timeout
    pool: List[_Worker] = []

    def start() -> _Worker:
        worker = _Worker(context, plan, jobs if inherit else None)
        pool.append(worker)
        return worker

    def fill(worker: _Worker, now: float) -> None:
        if not worker.queue:
            worker.begin(budget, now)
        while waiting and len(worker.queue) < DEPTH:
            position = waiting.popleft()
            worker.connection.send((position, None if inherit else jobs[position]))
            worker.queue.append(position)

    def replace(worker: _Worker, now: float) -> None:
        """The worker's other files go back to the front of the line, to a new worker."""
        waiting.extendleft(reversed(worker.queue))
        worker.queue.clear()
        pool.remove(worker)
        if waiting:
            fill(start(), now)

    finished = False
    try:
        for _ in range(min(workers, len(jobs))):
            fill(start(), time.monotonic())
        while any(worker.queue for worker in pool):
            busy = [worker for worker in pool if worker.queue]
            watches = [worker.watch.due for worker in busy if worker.watch]
            timeout = max(0.0, min(watches) - time.monotonic()) if watches else None
            ready = wait([worker.connection for worker in busy], timeout)
            now = time.monotonic()
            for worker in busy:
                if worker.connection in ready:
                    answer = worker.receive()
                    if answer is None:  # the worker died
                        position = worker.queue.popleft()
                        phase = worker.current_phase()
                        how = worker.kill()
                        yield position, crashed(jobs[position], plan, phase, f"it ended with {how}")
                        replace(worker, now)
                    else:
                        position, result = answer
                        worker.queue.remove(position)  # the head: a worker answers in order
                        worker.begin(budget, now)
                        fill(worker, now)
                        yield position, result
                    continue
                overrun = worker.watch.overrun(now) if worker.watch else None
                if overrun:
                    position = worker.queue.popleft()
                    phase = worker.current_phase()
                    worker.kill()
                    stalled = wall_allowance(budget) if overrun == "wall" else None
                    yield position, timed_out(jobs[position], plan, phase, stalled=stalled)
                    replace(worker, now)
        finished = True
    finally:
        # Interrupted (Ctrl-C, or the caller stopped early): no worker may outlive the run.
        for worker in pool:
            if finished:
                worker.stop()
            else:
                worker.kill()


def run_files(
    jobs: Sequence[FileJob], plan: Plan, workers: int, cache: Optional[ResultCache] = None, keys: Sequence[str] = ()
) -> List[FileResult]:
    """Results in the order of `jobs`, whatever the number of workers; `keys` are their cache keys
    when the caller has computed them already. A result that timed out is never cached."""
    results: List[Optional[FileResult]] = [None] * len(jobs)
    pending: List[int] = []
    keys = list(keys) or ([plan.cache_key(job) for job in jobs] if cache is not None else [""] * len(jobs))
    for index in range(len(jobs)):
        if cache is not None:
            results[index] = cache.get(keys[index], FileResult)
        if results[index] is None:
            pending.append(index)
    for position, result in analyse_all([jobs[i] for i in pending], plan, workers):
        index = pending[position]
        results[index] = result
        if cache is not None and not result.timed_out:
            cache.put(keys[index], result)
    return [result for result in results if result is not None]


def analyse_all(jobs: Sequence[FileJob], plan: Plan, workers: int) -> Iterator[Tuple[int, FileResult]]:
    """(position in `jobs`, result) as files finish: in worker processes when there are enough
    files to pay for them, else here, one by one."""
    thresholds = gc.get_threshold()
    try:
        if workers > 1 and len(jobs) >= MIN_FILES_FOR_POOL:
            prepare(plan)
            _tune_collector()  # here too: the parent unpickles every result
            yield from analyse_in_workers(jobs, plan, workers)
            return
        registry = plan.rules
        _tune_collector()
        for position, job in enumerate(jobs):
            yield position, analyse(job, plan, registry)
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _tune_collector() -> None:
    """libcst builds and drops a tree of some 100,000 objects per file, nearly all freed by reference
    counting, and the cyclic collector's default thresholds have it scan them over and over (about
    10% of the per-file phase's CPU on the standard library). As mypy does, collect less often, and
    move what is loaded already (modules, rules, the files read) out of the collector's sight."""
    gc.freeze()
    gc.set_threshold(200_000, 30, 30)
