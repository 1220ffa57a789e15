"""A dependency failure answered with a fallback value and no report (PRR102); the verdict is shared
with the other handler rules (rules/verdicts.py)."""

from __future__ import annotations

from prr_lint.model import Severity
from prr_lint.rules.base import Example
from prr_lint.rules.verdicts import HandlerRule


class SilentDependencyFallback(HandlerRule):
    """A dependency failure answered with a fallback value and no report.

    What it does
        Reports a handler for a dependency error (requests, httpx, aiohttp, grpc, botocore,
        redis, SQLAlchemy, psycopg, asyncpg, pymysql, pymongo, Django database, Elasticsearch,
        Kafka, Google API errors; mail and network protocols: `smtplib`, `imaplib.IMAP4.error`,
        `poplib`, `ftplib`, `ssl.SSLError`, pycurl, paramiko, LDAP; vendor APIs: Stripe's
        `StripeError`/`APIError`/`APIConnectionError`/`RateLimitError` (not `InvalidRequestError`
        or `CardError`, which are answers), OpenAI, Anthropic, Slack, Twilio; `TimeoutError`,
        `ConnectionError`, `OSError`, `asyncio.TimeoutError`, plus the configured
        `dependency-errors`) that reports nothing at warning level or above and falls back:
        `pass`, `continue`, `return` of a value, or an assignment the code carries on with. A report
        through a project helper counts as for PRR101, and so does a call handing the caught exception
        itself to first-party code the tree does not hold (a git submodule not checked out: PRR101).
        Not reported: a method of a `logging.Handler` subclass (it cannot report through
        logging), best-effort cleanup as PRR101 defines it (closing a client that may already be gone), a health check (named or routed as one: the dependency's status is its answer), a yes/no probe as PRR101 defines it (`return True` in the `try`, `return False` at the end), cache look-ups (a receiver named or configured as a cache), `OSError`
        around local file work or cleanup (see PRR101 for what counts as cleanup), an `OSError`
        around a probe of the local machine only (`psutil` and the process objects it gives,
        `winreg`, `platform`: no such process or key is the answer; a socket stays a dependency),
        the bound exception handed on or kept and raised after the handler chain (`error = f"unreachable:
        {e}"` ... `raise ConnectionTestError(error)`), or kept and logged at warning level or above after
        the `try` statement (`error_msg = str(err)` ... `_LOGGER.error("Can't remove: %s", error_msg)`),
        or handed to the caller waiting for the result (`future.set_exception(e)`, `d.errback()`, see
        PRR101), the error surfacing anyway (the handler redoes the `try`
        body's call outside any `try`, or shows the bound exception to the user: see PRR101), an
        explicit error answer instead of a fallback (a 4xx response: the failed status is counted by
        the service's HTTP metrics; a result whose `error` key says it failed, `return {"status":
        None, "error": "Connection failed"}`; a message written into a status dict the function returns,
        `status["message"] = _("Connection error")` ... `return status, data`, when every caller in the
        module tests that key and returns at once, `if status["message"] != "": return json.dumps(status)`;
        a pair `(False, f"...: {e}")`, see PRR101), a comment `# prr: degraded-ok` or one saying the failure
        is fine. Nor a fallback that is no silent answer (rules/fallback_values.py): a value that says it
        failed (`events = [{"error": "Could not fetch events"}]`); a probe's outcome (the `try` calls the
        dependency for no value and records success, `scopes["logs.viewer"] = True`, the handler records a
        failure text in the same place, which the function returns: a connection test); an empty fallback,
        or the value the `try` would have set, tested after the `try` statement by a branch that raises or
        logs at warning level (`image = None` ... `if not image: log.warning(...)`); the cause carried into
        the collection the function returns (`errors.append(Info(f"Could not retrieve: {e}"))`); the failure
        recorded through text made from it and raised after the loop (`errors[api] = str(e)` ... `raise
        RemoteError(", ".join(errors.values()))`); a response's body that does not decode (`requests`'
        `JSONDecodeError`, aiohttp's `ContentTypeError`: the dependency answered). Expected outcomes are no dependency failures: an exception that says the thing
        asked for is not there (`NotFoundError`, `ResourceNotFoundError`, `NoSuchKey`,
        `DoesNotExist`, Vault's `InvalidPath`: an index, a blob, a secret or a row that does not exist is an answer); a URL
        that requests refuses before any I/O (`MissingSchema`, `InvalidSchema`, `InvalidURL`: bad
        input); a search server refusing the query itself (Elasticsearch's and OpenSearch's `RequestError`/`BadRequestError`,
        HTTP 400: the stored query is invalid; `ConnectionError` and `TransportError` stay
        dependency failures); a conflict of
        the data, whatever the handler does: `IntegrityError` (Django, SQLAlchemy, psycopg,
        pymysql) and the drivers' constraint violations (`UniqueViolation`, `ForeignKeyViolation`,
        asyncpg's `UniqueViolationError`, MongoDB's `DuplicateKeyError`, Redis's `WatchError`) say that another writer
        won a race or a row was deleted meanwhile (the get-or-create race that fetches the row
        that won, a bulk insert of rows that may exist), while a database that is down raises
        `OperationalError` or `InterfaceError`, which stay dependency failures (PRR101 still
        reports a catch-all, PRR103 a failure response); a statement that does not fit the
        schema: the DB-API's `ProgrammingError` and psycopg's `UndefinedTable`, `UndefinedObject`,
        `DuplicateTable` ... (a type registered at start-up that a fresh database does not have
        yet, a table not migrated yet: `except psycopg2.ProgrammingError: pass` around
        `register_type`), caught with no `OperationalError` beside it; the database refusing a
        value or an access: SQLSTATE class 22, the DB-API's `DataError` (a value that does not fit
        its column, a division by zero; asyncpg's `DataError`, psycopg's `NumericValueOutOfRange`)
        and 42501, `InsufficientPrivilege` (asyncpg's `InsufficientPrivilegeError`, raised where
        per-user database roles authorise the request: answering 403 is the design); a generic error (`OSError`,
        `TimeoutError`, `ConnectionError`) around a `try` with no positive evidence of a dependency,
        as PRR101 defines it (path arithmetic, a regex with a timeout, the seek of an upload stream,
        local files: no client, driver, ORM or network call, no `await`, no project function
        reaching one); a password the server rejects: the `try` only asks a mail, FTP or
        directory server to check the user's credentials (`smtp.login(user, password)` on an
        `smtplib.SMTP`, `conn.login(...)` on an `imaplib.IMAP4`, an LDAP bind), the handler
        catches that protocol's own error and quietly answers the refusal (an authentication
        backend's `authenticate()` returns None for it); `OSError` around the same check stays a
        dependency failure; a name that does not resolve, when the `try` only looks it up and
        computes on the answer and the handler catches only "no such name" (`socket.gaierror`,
        `herror`, dnspython's `NXDOMAIN`/`NoAnswer`): a DNS blocklist's "not listed" (a
        connection in the same `try` stays reported). And the deliberate decisions PRR101 lists: a quiet handler whose comment
        says why, import time, the answer computed another way, trying candidates in turn. Nor
        is the `try` body's own signal: it raises the caught class itself (`raise DatabaseError()`
        to abort a transaction on a validation error).

    Why is this bad?
        The caller gets an empty list, a default or a stale value instead of an error, so the
        user sees a degraded answer while dashboards show success. Nobody learns that the
        dependency is down until users complain.

    Example
        try:
            prices = requests.get(PRICES_URL, timeout=2).json()
        except requests.RequestException:
            return []

    Use instead
        try:
            prices = requests.get(PRICES_URL, timeout=2).json()
        except requests.RequestException:
            logger.warning("price service unavailable, serving without prices", exc_info=True)
            return []

    Options
        `[tool.prr-lint.errors]`: `dependency-errors` (extra exception FQNs), `cache-receivers`
        (FQNs of cache objects whose failures may be swallowed), and the sink knobs of PRR101.
        Off by default (opt-in through `select`). Whether a fallback degrades the answer depends on
        what the service promises its users, which the code rarely says: on services it was not
        tuned on, about a fifth of its findings were judged worth changing (four measurements).

    References
        PRR-ERR: "Does the service report all exceptional conditions that result in degraded
        responses or failures to the end users?" (Site Reliability Engineering, ch. 32)
    """

    code = "PRR102"
    name = "silent-dependency-fallback"
    severity = Severity.WARNING
    checklist = ("PRR-ERR",)
    summary = "A dependency failure is answered with a fallback value and reported nowhere"
    default_enabled = False
    VALID = (
        # a generic error with no dependency in the `try`: the upload stream's seek, in memory or a local file
        Example("def upload_size(stream):\n    try:\n        stream.seek(0, 2)\n        size = stream.tell()\n        stream.seek(0)\n    except OSError:\n        size = None\n    return size\n"),
        # a DNS blocklist: a name that does not resolve means "not listed"
        Example("import socket\n\ndef listed(reverse, provider):\n    try:\n        result = socket.gethostbyname(f\"{reverse}.{provider}.\")\n        if int(result.split(\".\")[-1]) > 15:\n            result = False\n    except socket.gaierror:\n        result = False\n    return result\n"),
        # a rejected password is the mail server's regular answer (an auth backend answers None for it)
        Example("import smtplib\n\nclass SMTPBackend:\n    def authenticate(self, request, username=None, password=None):\n        smtp = smtplib.SMTP('localhost', 25, timeout=10)\n        try:\n            smtp.login(username, password)\n        except smtplib.SMTPException:\n            return None\n        return self.get_or_build_user(username)\n"),
        Example("import requests, logging\nlog = logging.getLogger(__name__)\n\ndef f():\n    try:\n        return requests.get('u', timeout=1).json()\n    except requests.RequestException:\n        log.warning('prices down')\n        return []\n"),
        Example("import redis\n\ndef f(cache):\n    try:\n        return cache.get('k')\n    except redis.exceptions.RedisError:\n        return None\n"),
        # a Stripe answer to a probe is not a dependency failure
        Example("import stripe\n\ndef can_write(client):\n    try:\n        client.subscriptions.cancel('sub_probe')\n    except stripe.InvalidRequestError:\n        pass\n"),
        Example("import os\n\ndef f(path):\n    try:\n        os.remove(path)\n    except OSError:\n        pass\n"),
        Example("import requests\n\ndef f():\n    try:\n        return requests.get('u', timeout=1).json()\n    except requests.RequestException:\n        raise\n"),
        Example("import requests\n\ndef f():\n    try:\n        return requests.get('u', timeout=1).json()\n    except requests.RequestException:  # prr: degraded-ok\n        return []\n"),
        Example("import requests\n\ndef f():\n    try:\n        return requests.get('u', timeout=1).json()\n    except requests.RequestException as e:\n        return {'error': str(e)}\n"),
        # the error text kept and raised after the handler chain: a connection test tells what failed
        Example("import requests\n\ndef check(url):\n    try:\n        requests.get(url, timeout=2)\n    except requests.ConnectionError as e:\n        error = f'unreachable: {e}'\n    except requests.Timeout as e:\n        error = f'timed out: {e}'\n    else:\n        return\n    raise ValueError(error)\n"),
        # trying key types in turn, an `if` that raises when none fits
        Example("import paramiko\nfrom io import StringIO\n\ndef key_of(text, types):\n    key = None\n    for kind in types:\n        try:\n            key = kind.from_private_key(StringIO(text))\n            return key\n        except paramiko.SSHException:\n            pass\n    if key is None:\n        raise ValueError('invalid private key')\n    return key\n"),
        # closing clients that may already be gone
        Example("import asyncio\nimport httpx\n\nclass Network:\n    async def aclose(self):\n        async def close_client(client):\n            try:\n                await client.aclose()\n            except httpx.HTTPError:\n                pass\n\n        await asyncio.gather(*[close_client(c) for c in self.clients.values()])\n"),
        # requests refusing a user-supplied URL before any I/O: bad input
        Example("import requests\n\ndef image_of(url):\n    try:\n        return requests.get(url, timeout=5).content\n    except requests.exceptions.MissingSchema:\n        return None\n"),
        # Vault's answer that the secret path does not exist
        Example("import hvac\n\ndef secret(client, path):\n    try:\n        return client.secrets.kv.read_secret_version(path=path)['data']\n    except hvac.exceptions.InvalidPath:\n        return {}\n"),
        # a retry loop
        Example("from sqlalchemy.exc import IntegrityError\n\ndef create(repo, data):\n    for i in range(10):\n        try:\n            return repo.create(data)\n        except IntegrityError:\n            repo.session.rollback()\n            data.slug = f'{data.slug}-{i}'\n    raise RuntimeError('no free slug')\n"),
        # a yes/no probe: True when it answers in time, False otherwise
        Example("import requests\n\ndef watchdog(url):\n    try:\n        if requests.get(url, timeout=3).status_code < 300:\n            return True\n"
                "    except requests.ConnectionError:\n        pass\n    return False\n"),
        # a probe
        Example("import requests\n\ndef on_gce():\n    try:\n        requests.get('http://metadata.google.internal', timeout=1)\n    except requests.exceptions.ConnectionError:\n        return False\n    return True\n"),
        # reading and parsing a local file is not a dependency
        Example("import os, resource\n\ndef rss():\n    try:\n        with open('/proc/self/statm') as f:\n            return int(f.read().split()[1]) * os.sysconf('SC_PAGE_SIZE')\n    except OSError:\n        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"),
        Example("import zlib\n\ndef checksums(paths):\n    found = {}\n    for path in paths:\n        try:\n            found[path] = zlib.adler32(open(path, 'rb').read())\n        except OSError:\n            found[path] = None\n    return found\n"),
        # probes of the local machine: processes that vanish, a registry key that is absent
        Example("import psutil\n\ndef kill_ghosts(names):\n    for proc in psutil.process_iter():\n        try:\n            if proc.name().lower() in names:\n                proc.kill()\n        except (OSError, psutil.NoSuchProcess, psutil.AccessDenied):\n            pass\n"),
        Example("import os, winreg\n\ndef vmrun_path(regkey):\n    try:\n        hkey = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, regkey)\n        install_path, _ = winreg.QueryValueEx(hkey, 'InstallPath')\n        winreg.CloseKey(hkey)\n        return os.path.join(install_path, 'vmrun.exe')\n    except OSError:\n        return None\n"),
        # a uniqueness conflict answered as the client's error
        Example("from sqlalchemy.exc import IntegrityError\n\ndef solve(db, solution):\n    try:\n        db.session.add(solution)\n        db.session.commit()\n    except IntegrityError:\n        db.session.rollback()\n        return {'message': 'already solved'}, 400\n    return {}, 200\n"),
        # not a dependency failure
        Example("import sqlalchemy as sa\n\ndef descriptors(expr):\n    try:\n        return polymorphic(sa.inspect(expr))\n    except sa.exc.NoInspectionAvailable:\n        return None\n"),
        # "not found" is an answer: no index for that day means no logs
        Example("from elasticsearch.exceptions import NotFoundError\n\ndef count(es, days):\n    total = 0\n    for day in days:\n        try:\n            total += es.count(index=day)['count']\n        except NotFoundError:\n            continue\n    return total\n"),
        # a conflict refused as the user's input, and a regex timeout told to the user: no dependency failed
        Example("from django.contrib import messages\nfrom django.core.exceptions import ValidationError\nfrom django.db import IntegrityError, transaction\n\ndef form_valid(self, form):\n    try:\n        with transaction.atomic():\n            result = form.save()\n    except (ValidationError, IntegrityError) as exc:\n        messages.error(self.request, str(exc))\n        return self.form_invalid(form)\n    return result\n"),
        Example("import re\n\ndef rename(form, pattern, objects):\n    try:\n        for obj in objects:\n            obj.new_name = re.sub(pattern, '', obj.name)\n    except TimeoutError:\n        form.add_error('find', 'the pattern took too long')\n        return None\n    return objects\n"),
        # a quiet fallback whose comment says why
        Example("class Symbols:\n    def __init__(self):\n        try:\n            self.list()\n        except OSError:  # the error is raised and forwarded later\n            pass\n"),
        # removing a temporary directory, if there is one, after the main work
        Example("import os, shutil\n\nasync def close(project):\n    await project.stop_nodes()\n    try:\n        if os.path.exists(project.tmp):\n            shutil.rmtree(project.tmp)\n    except OSError:\n        pass\n"),
        # a value the database refuses (SQLSTATE 22) is the caller's bad input, no outage
        Example("import psycopg2\n\ndef parse_reading(cursor, raw):\n    try:\n        cursor.execute('SELECT %s::numeric', (raw,))\n"
                "        return cursor.fetchone()[0]\n    except psycopg2.DataError:\n        return None\n"),
        # a conflict of the data is no dependency failure: the get-or-create race fetches the row
        # that won, a row deleted meanwhile leaves nothing to link, a bulk insert skips rows that exist
        Example("from django.db import IntegrityError\n\ndef store(artifact, Artifact):\n    try:\n        artifact.save()\n    except IntegrityError:\n        artifact = Artifact.objects.get(sha256=artifact.sha256)\n    return artifact\n"),
        Example("from django.db import IntegrityError\n\ndef link(assets, issue_id):\n    try:\n        assets.update(issue_id=issue_id)\n    except IntegrityError:\n        pass\n"),
        Example("from psycopg2.errors import UniqueViolation\n\ndef import_rows(cursor, rows):\n    for row in rows:\n        try:\n            cursor.execute('INSERT INTO t VALUES (%s)', (row,))\n        except UniqueViolation:\n            continue\n"),
        Example("import asyncpg\nfrom sqlalchemy.exc import IntegrityError\n\nasync def join(conn, session, member):\n    try:\n        await conn.execute('INSERT INTO members VALUES ($1)', member)\n    except asyncpg.exceptions.UniqueViolationError:\n        pass\n    try:\n        session.add(member)\n        session.commit()\n    except IntegrityError:\n        session.rollback()\n"),
        # a statement that does not fit the schema: a type probed at start-up, an insert that conflicts and is retried
        Example("import psycopg2\nfrom psycopg2.extensions import new_type, register_type\n\ndef register_types(db, cast_amount):\n    try:\n        oid = db.one(\"SELECT 'currency_amount'::regtype::oid\")\n        register_type(new_type((oid,), 'currency_amount', cast_amount))\n    except psycopg2.ProgrammingError:\n        pass\n"),
        Example("import sqlalchemy as sa\n\ndef add_step(conn, steps, row):\n    try:\n        got_id = conn.execute(steps.insert(), row).inserted_primary_key[0]\n        conn.commit()\n    except (sa.exc.IntegrityError, sa.exc.ProgrammingError):\n        conn.rollback()\n        got_id = None\n    if got_id:\n        return got_id\n    row['name'] = row['name'] + '_1'\n    return conn.execute(steps.insert(), row).inserted_primary_key[0]\n"),
        # the try raises the caught class itself to abort the transaction: control flow
        Example("from django.db import DatabaseError, transaction\n\ndef create(forms):\n    try:\n        with transaction.atomic():\n            for form in forms:\n                if not form.is_valid():\n                    raise DatabaseError()\n                form.save()\n    except DatabaseError:\n        pass\n    return forms\n"),
        Example("from slack_sdk.errors import SlackApiError\n\ndef user_name(client, user_id):\n    try:\n        return client.users_info(user=user_id)['user']['real_name']\n    except SlackApiError:\n        # if we can't find the user, just show the original id\n        return user_id\n"),
        Example("from django.db import ProgrammingError\n\ndef valid_models(ContentType, models):\n    try:\n        content_types = ContentType.objects.get_for_models(*models).values()\n    except ProgrammingError:\n        # the database schema has not been initialised yet\n        content_types = ContentType.objects.none()\n    return content_types\n"),
        Example("from django.db import DatabaseError\n\ndef talks_of(talks, others):\n    try:\n        return list(talks.union(others))\n    except DatabaseError:  # pragma: no cover -- vendor-specific SQLite workaround\n        return set(talks) | set(others)\n"),
        # an explicit error answer tells the user the check failed: no degraded response
        Example("import smtplib\nfrom rest_framework import status\nfrom rest_framework.response import Response\n\ndef check_mail(connection):\n    try:\n        connection.open()\n    except smtplib.SMTPConnectError:\n        return Response({'error': 'cannot reach the mail server'}, status=status.HTTP_400_BAD_REQUEST)\n    return Response({})\n"),
        Example("import requests\nfrom django.contrib import messages\n\ndef test_hook(request, hook):\n    try:\n        requests.post(hook.url, timeout=5)\n    except requests.RequestException as e:\n        messages.error(request, f'the hook failed: {e}')\n        return False\n    return True\n"),
        # a search server refusing an invalid stored query is an answer; a health check reports the status
        Example("from elasticsearch.exceptions import RequestError\n\ndef matching(search):\n    try:\n        found = search.execute().hits.total\n    except RequestError:\n        found = 0\n    return found\n"),
        Example("from django.db import DatabaseError, connection\nfrom django.http import JsonResponse\n\ndef health(request):\n    try:\n        connection.cursor().execute('SELECT 1')\n        status = 'ok'\n    except DatabaseError:\n        status = 'unavailable'\n    return JsonResponse({'db': status}, status=200 if status == 'ok' else 503)\n"),
        # a result that says it failed: the caller shows the error
        Example("import requests\nfrom svc.i18n import _\n\ndef remote_status(url):\n    try:\n        reply = requests.get(url, timeout=5)\n    except requests.ConnectionError:\n        return {'status': None, 'error': _('Connection failed')}\n    return {'status': reply.json()['status'], 'error': None}\n"),
        # a message in the status dict the function returns, which every caller answers at once
        Example(
            "import json\nimport requests\nfrom svc.i18n import _\n\n"
            "def load_remote(url, status):\n    data = {}\n    try:\n        data = requests.get(url, timeout=10).json()\n"
            "    except requests.exceptions.ConnectionError:\n        status['message'] = _('Connection error')\n"
            "    except requests.exceptions.Timeout:\n        status['message'] = _('Timeout while establishing connection')\n"
            "    return status, data\n\n"
            "def check_update():\n    status = {'success': False, 'message': ''}\n    status, data = load_remote('https://api/releases', status)\n"
            "    if status['message'] != '':\n        return json.dumps(status)\n    status.update(success=True, latest=data['tag'])\n"
            "    return json.dumps(status)\n"
        ),
        # the kept error logged at error level after the `try` statement (the `else` returns on success)
        Example(
            "import logging\nimport subprocess\n_LOGGER = logging.getLogger(__name__)\n\ndef remove_data(folder):\n"
            "    try:\n        subprocess.run(['rm', '-rf', str(folder)], check=True)\n    except OSError as err:\n"
            "        error_msg = str(err)\n    except subprocess.CalledProcessError as procerr:\n"
            "        error_msg = procerr.stderr.strip()\n    else:\n        return\n"
            "    _LOGGER.error(\"Can't remove app data: %s\", error_msg)\n"
        ),
        # a response body that does not decode: the dependency answered
        Example("import requests\n\ndef call(url):\n    response = requests.get(url, timeout=5)\n    try:\n        body = response.json()\n"
                "    except requests.exceptions.JSONDecodeError:\n        body = response.text\n    return {'status': response.status_code, 'body': body}\n"),
        # a fallback that says it failed, shown with the rest of the status
        Example("import asyncio\n\nasync def pod_info(client, pod):\n    try:\n        events = await asyncio.wait_for(client.events(pod), 5)\n"
                "    except asyncio.TimeoutError:\n        events = [{'error': 'Could not fetch events for pod'}]\n    return {'name': pod.name, 'events': events}\n"),
        # a connection test: the failure is the answer the user asked for
        Example("import requests\nfrom svc.i18n import _\n\ndef test_proxy(uri):\n    try:\n        requests.head(uri, timeout=30)\n        result = _('Connected')\n"
                "    except requests.RequestException:\n        result = _('Failed to connect')\n    return result\n"),
        # the fallback tested after the `try`, and the value the `try` would have set
        Example("import logging, requests\nlog = logging.getLogger(__name__)\n\ndef image(url):\n    try:\n        data = requests.get(url, timeout=5).content\n"
                "    except requests.RequestException:\n        data = None\n    if not data:\n        log.warning('could not fetch the image')\n        return None\n    return data\n"),
        Example("import requests\n\nclass Client:\n    def test(self):\n        try:\n            self.response = self.session.get(self.url, timeout=10)\n"
                "        except requests.RequestException:\n            pass\n        if not self.response:\n            raise ValueError('not reachable')\n        return True\n"),
        # the cause carried into the result, and errors kept per source and raised when all failed
        Example("from django.core.checks import Info\nfrom django.db import OperationalError\n\ndef check_actions(Action):\n    errors = []\n    try:\n"
                "        actions = list(Action.objects.all())\n    except OperationalError as e:\n        msg = f'Could not retrieve actions: {e}'\n"
                "        errors.append(Info(msg))\n        return errors\n    return errors + [a.check() for a in actions]\n"),
        Example("import requests\n\ndef query(apis):\n    errors = {}\n    for api in apis:\n        try:\n            return api.fetch()\n"
                "        except requests.RequestException as e:\n            msg = str(e)\n            errors[api.name] = msg\n"
                "    joined = ', '.join(errors.values())\n    raise RuntimeError(f'all APIs failed: {joined}')\n"),
    )
    INVALID = (
        # a substitute value (not a marker of the failure) is no check: the outage is served as data
        Example("import logging, requests\nlog = logging.getLogger(__name__)\n\ndef rates():\n    try:\n        data = requests.get('u', timeout=1).json()\n"
                "    except requests.RequestException:  # expect: PRR102\n        data = {'EUR': 1.0}\n    if not data:\n        log.warning('no rates')\n    return data\n"),
        # a value returned after the call is no probe's outcome: an empty answer passes for data
        Example("import requests\n\ndef status(url):\n    try:\n        state = requests.get(url, timeout=1).json()['state']\n"
                "    except requests.RequestException:  # expect: PRR102\n        state = 'unknown'\n    return state\n"),
        # a generic error around the project's client call, which reaches the network through the project's code
        Example("import socket\n\ndef read_load(host):\n    with socket.create_connection((host, 9000), timeout=3) as sock:\n        return sock.recv(64)\n\ndef current_load(host):\n    try:\n        load = read_load(host)\n    except OSError:  # expect: PRR102\n        load = b'0'\n    return int(load)\n"),
        # the name resolved to reach a dependency: failing to resolve it is an outage
        Example("import socket\n\ndef probe(host):\n    try:\n        addr = socket.gethostbyname(host)\n        sock = socket.create_connection((addr, 25), timeout=3)\n    except socket.gaierror:  # expect: PRR102\n        return None\n    return sock\n"),
        # the same check failing to reach the server is a dependency failure
        Example("import smtplib\n\nclass SMTPBackend:\n    def authenticate(self, request, username=None, password=None):\n        smtp = smtplib.SMTP('localhost', 25, timeout=10)\n        try:\n            smtp.login(username, password)\n        except OSError:  # expect: PRR102\n            return None\n        return self.get_or_build_user(username)\n"),
        # a generic message and a redirect tell the user, not the operators: the broker outage stays invisible
        Example("from django.contrib import messages\nfrom django.shortcuts import redirect\n\ndef start_export(request, task):\n    try:\n        task.apply_async(kwargs={})\n    except OSError:  # expect: PRR102\n        messages.error(request, 'Could not start the export, please try again.')\n        return redirect('/exports/')\n    return redirect('/exports/running/')\n"),
        # the search server unreachable is an outage, even where an invalid query is an answer
        Example("from elasticsearch.exceptions import ConnectionError as ESConnectionError, RequestError\n\ndef matching(search):\n    try:\n        return search.execute().hits.total\n    except (RequestError, ESConnectionError):  # expect: PRR102\n        return 0\n"),
        Example("import requests\n\ndef f():\n    try:\n        return requests.get('u', timeout=1).json()\n    except requests.RequestException:  # expect: PRR102\n        return []\n"),
        Example("from requests.exceptions import ConnectionError as CE\n\ndef f(s):\n    try:\n        s.post('u', timeout=1)\n    except CE:  # expect: PRR102\n        pass\n"),
        Example("from django.db import OperationalError\n\ndef f(order):\n    try:\n        order.save()\n    except OperationalError:  # expect: PRR102\n        pass\n"),
        # a database that is down, beside the data conflict: the outage is still swallowed
        # a database that is down raises OperationalError: beside ProgrammingError, still a dependency failure
        Example("from django.db import OperationalError, ProgrammingError\n\ndef settings_of(Setting):\n    try:\n        return {s.name: s.value for s in Setting.objects.all()}\n    except (ProgrammingError, OperationalError):  # expect: PRR102\n        return {}\n"),
        Example("from django.db import IntegrityError, InterfaceError\n\ndef tags(issue, ids):\n    try:\n        issue.tags.add(*ids)\n    except (IntegrityError, InterfaceError):  # expect: PRR102\n        return []\n    return ids\n"),
        Example("import grpc\n\ndef f(stub, req):\n    try:\n        return stub.Get(req, timeout=1)\n    except (grpc.RpcError, Exception):  # expect: PRR102\n        return None\n"),
        Example("def f(client):\n    try:\n        client.send()\n    except TimeoutError:  # expect: PRR102\n        pass\n"),
        # a socket to another host is a dependency, even beside local probes
        Example("import os, socket\n\ndef banner(host):\n    try:\n        os.getpid()\n        return socket.create_connection((host, 25), timeout=1).recv(512)\n    except OSError:  # expect: PRR102\n        return []\n"),
        # vendor APIs and mail protocols are dependencies too: an outage read as "no accounts"
        Example("import stripe as stripe_lib\n\nasync def connected_accounts(client):\n    try:\n        accounts = await client.accounts.list_async()\n    except stripe_lib.StripeError:  # expect: PRR102\n        return []\n    return accounts.data\n"),
        Example("import imaplib\n\ndef unread(box):\n    try:\n        return box.search(None, 'UNSEEN')\n    except imaplib.IMAP4.error:  # expect: PRR102\n        return []\n"),
        # a caller goes on with the empty data: the message is no error answer there
        Example(
            "import requests\nfrom svc.i18n import _\n\n"
            "def load_remote(url, status):\n    data = {}\n    try:\n        data = requests.get(url, timeout=10).json()\n"
            "    except requests.exceptions.ConnectionError:  # expect: PRR102\n        status['message'] = _('Connection error')\n"
            "    return status, data\n\n"
            "def releases():\n    status, data = load_remote('https://api/releases', {'message': ''})\n    return data.get('releases', [])\n"
        ),
        Example("from botocore.exceptions import ClientError\n\ndef exists(s3, key):\n    try:\n        s3.head_object(Bucket='b', Key=key)\n    except ClientError:  # expect: PRR102\n        return None\n"),
    )
