"""What may run a command a build step also runs, beside the command lines read (project/started_files.py): a
scheduler, supervisor or init, manage.py handed a name from elsewhere, a started repository file not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from prr_lint.project.started_files import keeps_build_steps, may_run, unread_started


@pytest.mark.parametrize("text", [
    "CMD [\"go-crond\", \"root:/etc/jobs\"]", "ENTRYPOINT [\"/init\"]", "COPY rootfs/etc/services.d /etc/services.d",
    "CMD runsvdir /etc/service", "COPY sync.run /etc/service/sync/run", "CMD honcho start", "web: foreman start",
    "CMD [\"circusd\", \"circus.ini\"]", "CMD [\"s6-svscan\", \"/etc/s6\"]", "COPY x.sh /docker-entrypoint.d/", "RUN apt-get install -y cron",
    "ENTRYPOINT [\"python\", \"manage.py\"]", "entrypoint: python3 -u manage.py", "command:\n  - python\n  - manage.py\nargs: [sync]",
    "exec python manage.py \"$@\"", "exec ./manage.py --settings=svc.settings $1",
])
def test_what_may_run_a_command_from_elsewhere(text: str) -> None:
    assert keeps_build_steps(text)


@pytest.mark.parametrize("text", [
    "CMD ./runserver", "COPY manage.py /app/manage.py", "RUN chmod +x /app/manage.py", "CMD python manage.py runserver 0.0.0.0:8000",
    "RUN SECRET_KEY=temp ./manage.py downloadassets && ./manage.py collectstatic --noinput", "ADD https://x/wait /wait",
    "container_name: app-manage", "CMD [\"gunicorn\", \"--init\", \"svc.wsgi\"]",
])
def test_what_names_its_commands_itself(text: str) -> None:
    assert not keeps_build_steps(text)


def test_the_files_a_deployment_starts_that_are_not_read(tmp_path: Path) -> None:
    """The CMD's script with no `.sh`, what it starts in turn, and an exec-form make's Makefile; not a RUN's or a
    COPY's file, nor one read already."""
    files = {"run": "./bin/worker &\nexec gunicorn svc.wsgi\n", "bin/worker": "python manage.py sync\n", "Makefile": "serve:\n\tgo\n",
             "fetch": "python manage.py fetch\n", "copied": "python manage.py copied\n", "start.sh": "./run\n"}
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    image = "FROM python\nCOPY copied /x\nRUN ./fetch\nCMD ./run\n"
    unread = unread_started({str(tmp_path / "Dockerfile"): image}, str(tmp_path))
    assert unread is not None and "manage.py sync" in unread and "gunicorn" in unread and "fetch" not in unread and "copied" not in unread
    assert unread_started({str(tmp_path / "Dockerfile"): "CMD [\"make\", \"serve\"]"}, str(tmp_path)) == "serve:\n\tgo\n"
    assert unread_started({str(tmp_path / "Dockerfile"): "CMD ./start.sh", str(tmp_path / "start.sh"): "./run\n"}, str(tmp_path)).count("gunicorn") == 1
    assert may_run(None, [], []) and may_run("call_command(name)", [], []) and not may_run("call_command('migrate')", [], ["sync"])
