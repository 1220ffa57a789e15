"""Batch contexts beyond task and CLI decorators (issue 11 item 3): migrations, schedulers, beat."""

from __future__ import annotations

from _serving import analysis_for


def _contexts(files):
    return sorted((c.kind, c.qualname, c.detail) for c in analysis_for(files).model.batch_contexts)


def test_alembic_revisions_and_django_migrate_receivers() -> None:
    files = {
        "migrations/versions/abc_add.py": (
            "from alembic import op\nrevision = 'abc'\ndown_revision = None\n\n"
            "def upgrade():\n    op.add_column('t', None)\n\ndef downgrade():\n    op.drop_column('t', 'c')\n"
        ),
        "shop/signals.py": (
            "from django.db.models.signals import post_migrate, pre_migrate\nfrom django.dispatch import receiver\n\n"
            "@receiver(post_migrate)\ndef seed(sender, **kwargs):\n    pass\n\n"
            "def prepare(sender, **kwargs):\n    pass\n\npre_migrate.connect(prepare)\n\n"
            "def not_a_revision():\n    pass\n"
        ),
    }
    assert _contexts(files) == [
        ("alembic", "migrations.versions.abc_add.downgrade", "abc"),
        ("alembic", "migrations.versions.abc_add.upgrade", "abc"),
        ("django-migrate", "shop.signals.prepare", "pre_migrate"),
        ("django-migrate", "shop.signals.seed", "post_migrate"),
    ]


def test_apscheduler_and_schedule_jobs() -> None:
    files = {
        "jobs/__init__.py": "",
        "jobs/sched.py": (
            "from apscheduler.schedulers.background import BackgroundScheduler\nscheduler = BackgroundScheduler()\n\n"
            "@scheduler.scheduled_job('interval', minutes=5)\ndef tick():\n    pass\n"
        ),
        "jobs/wiring.py": (
            "import schedule\nfrom schedule import every, repeat\nfrom jobs.sched import scheduler\nfrom jobs import work\n\n"
            "scheduler.add_job(work.refresh, 'cron', hour=1)\nschedule.every(10).minutes.do(work.poll)\n\n"
            "@repeat(every().hour)\ndef hourly():\n    pass\n\n"
            "class Registry:\n    def add_job(self, fn):\n        pass\n\nRegistry().add_job(work.unrelated)\n"
        ),
        "jobs/work.py": "def refresh():\n    pass\n\ndef poll():\n    pass\n\ndef unrelated():\n    pass\n",
    }
    assert _contexts(files) == [
        ("apscheduler", "jobs.sched.tick", "interval"),
        ("apscheduler", "jobs.work.refresh", "cron"),
        ("schedule", "jobs.wiring.hourly", ""),
        ("schedule", "jobs.work.poll", "every(10).minutes"),
    ]


def test_celery_beat_entries() -> None:
    files = {
        "shop/__init__.py": "",
        "shop/tasks.py": "from celery import shared_task\n\n@shared_task\ndef refresh():\n    pass\n\n@shared_task\ndef purge():\n    pass\n",
        "shop/settings.py": "CELERY_BEAT_SCHEDULE = {'refresh-5m': {'task': 'shop.tasks.refresh', 'schedule': 300.0}}\n",
        "shop/celery.py": (
            "from celery import Celery\nfrom shop.tasks import purge\napp = Celery('shop')\n\n"
            "@app.on_after_configure.connect\ndef setup(sender, **kwargs):\n"
            "    sender.add_periodic_task(3600.0, purge.s(), name='hourly purge')\n"
        ),
    }
    found = _contexts(files)
    assert ("celery-beat", "shop.tasks.refresh", "refresh-5m") in found
    assert ("celery-beat", "shop.tasks.purge", "hourly purge") in found


def test_in_house_scheduler_registry_needs_a_sleeping_loop() -> None:
    files = {
        "svc/cron.py": (
            "import time\nJOBS = []\n\ndef every(seconds):\n    def register(fn):\n        JOBS.append((seconds, fn))\n"
            "        return fn\n    return register\n\n@every(60)\ndef sweep():\n    pass\n\n"
            "def loop():\n    while True:\n        for seconds, fn in JOBS:\n            fn()\n        time.sleep(1)\n"
        ),
        "svc/plugins.py": (
            "PLUGINS = {}\n\ndef plugin(fn):\n    PLUGINS[fn.__name__] = fn\n    return fn\n\n@plugin\ndef render():\n    pass\n\n"
            "def run_all():\n    for name in PLUGINS:\n        PLUGINS[name]()\n"
        ),
    }
    assert _contexts(files) == [("scheduler", "svc.cron.sweep", "every")]


def test_a_loop_over_a_call_with_only_keyword_arguments_finishes() -> None:
    """`for ep in entry_points(group=...)` once looped forever while looking for the registry iterated over."""
    files = {
        "svc/plugins.py": (
            "from importlib.metadata import entry_points\n\ndef load():\n"
            "    for ep in entry_points(group='svc.plugins'):\n        ep.load()\n"
            "    for name in sorted(key=len, iterable=[]):\n        pass\n"
        ),
    }
    assert _contexts(files) == []


def test_an_apscheduler_job_on_an_untyped_receiver_by_its_trigger_and_a_spread_dict() -> None:
    """`app.sched = AsyncIOScheduler()` leaves `app.sched` untyped: a module that imports APScheduler and passes
    one of its triggers schedules a job, its function given directly or in a spread literal dict. A registry's
    `add_job` with no trigger, or in a module that does not import APScheduler, schedules nothing."""
    files = {
        "svc/__init__.py": "",
        "svc/work.py": "def sweep():\n    pass\n\ndef rebuild():\n    pass\n\ndef other():\n    pass\n",
        "svc/app.py": (
            "from apscheduler.schedulers.asyncio import AsyncIOScheduler\nfrom fastapi import FastAPI\nfrom svc import work\n\n"
            "app = FastAPI()\napp.sched = AsyncIOScheduler()\n"
            "app.sched.add_job(id='sweep', **{'func': work.sweep, 'trigger': 'interval', 'minutes': 5})\n"
            "app.sched.add_job(work.rebuild, 'cron', hour=1)\napp.registry.add_job(work.other)\n"
        ),
        "svc/plain.py": "from svc import work\n\n\ndef wire(queue):\n    queue.add_job(work.other, 'interval')\n",
    }
    assert _contexts(files) == [("apscheduler", "svc.work.rebuild", "cron"), ("apscheduler", "svc.work.sweep", "interval")]
