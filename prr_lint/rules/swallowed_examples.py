"""PRR101's reported examples (swallowed.py), and the valid ones whose failure surfaces through a channel
the analysis follows across code (a reporter it cannot type, Twisted, a record raised later) or reaches someone
another way (a message in the answer, the stack on stderr, the function's own answer for a miss), kept apart so
the rule's module stays short. Each is a test and a line of docs/rules.md."""

from __future__ import annotations

from prr_lint.rules.base import Example

INVALID = (
    # errs18 class 1 kept: the result's status swapped without the cause
    Example("import requests\nfrom octavia_lib.common import constants as lib_consts\n\nclass DriverUpdater:\n    def update_stats(self, stats):\n        try:\n"
            "            requests.post(self.url, json=stats, timeout=5)\n        except Exception:  # expect: PRR101\n"
            "            return {lib_consts.STATUS_CODE: lib_consts.DRVR_STATUS_CODE_FAILED}\n"
            "        return {lib_consts.STATUS_CODE: lib_consts.DRVR_STATUS_CODE_OK}\n"),
    # errs18 class 1 kept: the status swapped but no cause handed along
    Example("import boto3\nimport cfnresponse\n\ns3 = boto3.client('s3')\n\ndef on_create(event, context):\n    try:\n"
            "        result = s3.put_object(Bucket='b', Key='config.yaml', Body=b'')\n        cfnresponse.send(event, context, cfnresponse.SUCCESS, result)\n"
            "    except Exception as ex:  # expect: PRR101\n        cfnresponse.send(event, context, cfnresponse.FAILED, {})\n"),
    # errs18 class 2 kept: a taskflow revert that never warned, or a method of a task that is not its revert
    Example("import logging\nfrom taskflow import task\nLOG = logging.getLogger(__name__)\n\n"
            "class DecrementQuota(task.Task):\n    def revert(self, project_id, *args, **kwargs):\n        session = self.get_session()\n"
            "        try:\n            self.repos.check_quota_met(session, project_id)\n            session.commit()\n"
            "        except Exception:  # expect: PRR101\n            session.rollback()\n\n"
            "    def execute(self, project_id):\n        LOG.warning('decrementing quota on %s', project_id)\n        session = self.get_session()\n"
            "        try:\n            self.repos.decrement_quota(session, project_id)\n            session.commit()\n"
            "        except Exception:  # expect: PRR101\n            session.rollback()\n"),
    # a socket that talks to a peer in the `try`: a dependency's failure is hidden
    Example("import socket\n\ndef notify(host, port, payload):\n    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\n    try:\n        sock.settimeout(2)\n"
            "        sock.connect((host, port))\n        sock.sendall(payload)\n    except Exception:  # expect: PRR101\n        pass\n"),
    # the response fetched in the `try`, then parsed: a dependency failure is hidden
    Example("import requests\n\ndef detail(url):\n    try:\n        return requests.get(url, timeout=3).json()\n    except Exception:  # expect: PRR101\n        return None\n"),
    # per-item failures kept where no answer carries them (only counted, or only the item kept), a message that
    # does not say which item failed, or an item's commit not rolled back: not a per-item outcome for the caller
    Example("import requests\n\ndef export_pdfs(ids):\n    errors = []\n    for id in ids:\n        try:\n            requests.post('http://pdf/render', data=id, timeout=5)\n"
            "        except Exception as e:  # expect: PRR101\n            errors.append(str(e))\n    return {'errors': errors}\n\n"
            "def refresh(session, refs):\n    failing = []\n    for ref in refs:\n        try:\n            session.add(ref)\n            session.commit()\n"
            "        except Exception as ex:  # expect: PRR101\n            failing.append((ref.name, repr(ex)))\n    return failing\n"),
    Example("import requests\n\ndef import_files(files):\n    errored = {}\n    for name in files:\n        try:\n            requests.post('http://store/import', data=name, timeout=5)\n"
            "        except Exception as e:  # expect: PRR101\n            errored[name] = str(e)\n    return len(errored)\n\n"
            "def push_all(items):\n    failed = []\n    for item in items:\n        try:\n            requests.post('http://store/push', data=item, timeout=5)\n"
            "        except Exception:  # expect: PRR101\n            failed.append(item)\n    return failed\n"),
    # the cause in the answer of another handler (its own `e`) is not this one's
    Example("import requests\n\ndef sync(state, url):\n    try:\n        requests.post(url, timeout=3)\n    except Exception as e:  # expect: PRR101\n        state.error = e\n"
            "    try:\n        return {'ok': requests.get(url, timeout=3).json()}\n    except Exception as e:\n        return {'error': str(e)}\n"),
    # queued where nothing of the class takes it and raises it: the error is parked, not raised
    Example("import queue\nimport sys\nimport requests\n\nclass Poller:\n    def __init__(self, url):\n        self.url = url\n        self.results = queue.Queue()\n\n"
            "    def run(self):\n        try:\n            self.results.put((True, requests.get(self.url, timeout=30)))\n        except Exception:  # expect: PRR101\n"
            "            self.results.put((False, sys.exc_info()))\n"),
    # the cause handed back as bare text: whoever receives it must report it (a note)
    Example("import requests\n\ndef projects(url):\n    found, error = [], None\n    try:\n        found = requests.get(url, timeout=5).json()\n"
            "    except Exception as e:  # expect: PRR101\n        error = str(e)\n    return found, error\n"),
    # the failure kept on an object nobody saves: it is gone with the process
    Example("import requests\n\ndef _remember(state, exception):\n    state.last_failure_message = str(exception)\n\n"
            "def send_alert(url, payload, state):\n    try:\n        requests.post(url, json=payload, timeout=5).raise_for_status()\n"
            "    except Exception as e:  # expect: PRR101\n        _remember(state, e)\n"),
    # a filter of search results is no part of logging
    Example("import requests\nfrom svc.search import QueryFilter\n\nclass RegionFilter(QueryFilter):\n    def filter(self, rows):\n        try:\n"
            "            region = requests.get('http://169.254.169.254/region', timeout=1).text\n        except Exception:  # expect: PRR101\n            region = None\n"
            "        return [row for row in rows if row.region == region]\n"),
    # a helper that keeps the message and carries on: the process does not end, the failure is lost
    Example("import boto3\n\nMESSAGES = []\n\ndef error(message):\n    MESSAGES.append(message)\n\n"
            "def create_group(name):\n    ec2 = boto3.client('ec2')\n    try:\n        return ec2.create_security_group(GroupName=name)['GroupId']\n    except Exception as e:  # expect: PRR101\n        error(str(e))\n"),
    # a project function that reaches the database, through an override in a project subclass of the
    # backend class a module-level object has (the backend chosen at run time)
    Example("class Database:\n    def create_user(self, user):\n        raise NotImplementedError\n\n"
            "class Postgres(Database):\n    def create_user(self, user):\n        self.cursor.execute('insert into users values (%s)', (user,))\n\n"
            "db = Database()\n\ndef signup(user):\n    try:\n        db.create_user(user)\n    except Exception:  # expect: PRR101\n        pass\n    return user\n"),
    # a method called on an object of unknown kind: the only project method of that name calls the network
    Example("import requests\n\nclass Carrier:\n    def estimate_delivery(self, sku):\n        return requests.get(f'https://carrier/eta/{sku}', timeout=3).json()\n\n"
            "def confirm(services, sku):\n    try:\n        eta = services.carrier.estimate_delivery(sku)\n    except Exception:  # expect: PRR101\n        eta = None\n    return {'sku': sku, 'eta': eta}\n"),
    # a method called on an object of unknown class: one project method of that name does not report
    Example("import logging\nimport requests\nlogger = logging.getLogger(__name__)\n\nclass Application:\n    def exception_occurred(self, node, kind, info):\n        logger.exception('ERROR with %s server %s: %s', kind, node, info)\n\n"
            "class FakeApp:\n    def exception_occurred(self, node, kind, info):\n        self.errors = self.errors + 1\n\n"
            "class ObjectController:\n    def __init__(self, app):\n        self.app = app\n\n    def put(self, node, url):\n        try:\n            return requests.put(url, timeout=3)\n        except Exception:  # expect: PRR101\n            self.app.exception_occurred(node, 'Object', 'Trying to PUT')\n"),
    # a Twisted Failure() handed to a function that neither reports nor raises it (a note)
    Example("import requests\nfrom twisted.python.failure import Failure\n\nclass Command:\n    def _finished(self, failure):\n        self.result = failure\n\n"
            "    def interrupt(self, url):\n        try:\n            requests.post(url, timeout=3)\n        except Exception:  # expect: PRR101\n            self._finished(Failure())\n"),
    # a default tested later is no record of the failure: the outage reads as "no such user"; a count only returned
    Example("def lookup(session, key):\n    try:\n        user = session.execute(key)\n    except Exception:  # expect: PRR101\n        user = None\n    if user is None:\n        raise KeyError(key)\n    return user\n"),
    Example("import requests\n\ndef deliver(urls):\n    failures = 0\n    for url in urls:\n        try:\n            requests.post(url, timeout=3)\n        except Exception:  # expect: PRR101\n            failures += 1\n    return failures == 0\n"),
    # the level the helper is handed is below the report level
    Example("import requests\n\nclass Plugin:\n    def _log(self, level, name, args):\n        log = getattr(self.core.log, level)\n        log('%s: %s', name, args)\n\n"
            "    def log_debug(self, *args):\n        self._log('debug', self.name, args)\n\n"
            "class IRC(Plugin):\n    def announce(self, url):\n        try:\n            requests.post(url, timeout=3)\n        except Exception as exc:  # expect: PRR101\n            self.log_debug(exc)\n"),
    # an answer kept in the handler whose flag says it worked
    Example("import requests\n\ndef stop(url):\n    try:\n        requests.post(url, timeout=3)\n    except Exception as err:  # expect: PRR101\n        result = (True, str(err))\n    else:\n        result = (True, '')\n    return result\n"),
    # the cause stored, but only a count of it answered
    Example("import requests\n\ndef reachable(urls):\n    seen = {}\n    for url in urls:\n        try:\n            requests.get(url, timeout=3)\n        except Exception as exc:  # expect: PRR101\n            seen[url] = str(exc)\n    return len(seen)\n"),
    # a response read after the request: the remote's error status raised by `raise_for_status`
    Example("import requests\n\ndef claims(url, token):\n    response = requests.get(url, headers={'Authorization': token}, timeout=3)\n    try:\n        response.raise_for_status()\n        return response.json()\n    except Exception:  # expect: PRR101\n        return None\n"),
    # remote calls through a library client, logged at info only (the judged class: GitHub labels on a request)
    Example("import logging\nfrom github import Github\nlogger = logging.getLogger(__name__)\n\ndef setup(key, project):\n    try:\n        repo = Github(key).get_repo(project)\n        repo.create_label(name='security', color='FF0000')\n    except:  # expect: PRR101\n        logger.info('labels cannot be created')\n"),
    # a write through a library's model manager on the request path (an LTI launch provisioning the user)
    Example("from allauth.account.models import EmailAddress\n\ndef provision(user, email):\n    try:\n        EmailAddress.objects.create(user=user, email=email, verified=True)\n    except Exception:  # expect: PRR101\n        pass\n"),
    # a library the linter does not know: its module functions and the clients built from it may reach a server
    Example("from ryd_client import ryd_client\n\ndef stats(video, video_id):\n    try:\n        video.dislikes = ryd_client.get(video_id)['dislikes']\n    except Exception:  # expect: PRR101\n        pass\n"),
    Example("from kubernetes import client\n\ndef label(namespace, name, labels):\n    api = client.CoreV1Api()\n    try:\n        labels.update(api.read_namespaced_pod(name, namespace).metadata.labels)\n    except Exception:  # expect: PRR101\n        pass\n    return name\n"),
    # the error handed back to the caller is a note; the failed rollback inside its handler is secondary to it
    Example("def apply(device, config):\n    error = None\n    try:\n        device.load_merge_candidate(config=config)\n        device.commit()\n    except Exception as e:  # expect: PRR101\n        try:\n            device.discard_config()\n        except Exception:\n            pass\n        error = str(e)\n    return error\n"),
    # a database write on the request path, passed over: a call into the project (another package of it)
    Example("from svc.models import Membership\n\ndef on_launch(user, group):\n    try:\n        Membership.objects.create(user=user, group=group)\n    except Exception:  # expect: PRR101\n        pass\n", path="svc/lti/handlers.py"),
    # the stack printed into a buffer nobody reads, and the user gets a success with a default; a 4xx without any trace; a constant default
    Example("import io\nimport traceback\nimport requests\n\ndef from_video(url):\n    recipe = {'name': ''}\n    trace = io.StringIO()\n    try:\n        recipe['name'] = requests.get(url, timeout=3).json()['title']\n    except Exception:  # expect: PRR101\n        traceback.print_exc(file=trace)\n    return recipe\n"),
    Example("from django.http import JsonResponse\nfrom service.models import Account\n\ndef delete_user(request):\n    try:\n        Account.objects.filter(user=request.user).delete()\n    except Exception:  # expect: PRR101\n        return JsonResponse({'error': 'cannot delete'}, status=400)\n    return JsonResponse({'ok': True})\n"),
    # the handler repeats the try's own success answer: the failure reads as a success
    Example("from django.http import HttpResponseRedirect\nfrom service.accounts import home_of\n\ndef sign_out(request, user):\n    try:\n        user.save()\n        return HttpResponseRedirect(home_of(request))\n    except Exception:  # expect: PRR101\n        return HttpResponseRedirect(home_of(request))\n"),
    Example("from service.stats import fit_modes\n\ndef count_modes(samples):\n    try:\n        modes = fit_modes(samples)\n        return len(modes), modes\n    except Exception:  # expect: PRR101\n        return 0, None\n"),
    # an error result without the cause after a catch-all: the cause is lost
    Example("from svc import models\n\ndef table_columns(source_id, table):\n    try:\n        source = models.Source.objects.get(pk=source_id)\n        return source.runner.columns(table)\n    except Exception:  # expect: PRR101\n        return {'error': {'code': 2, 'message': 'Error retrieving table columns.'}}\n"),
    # work inside a handler that itself swallows the first failure
    Example("def claim(task, owners):\n    try:\n        task.save()\n    except Exception:  # expect: PRR101\n        try:\n            owners.send(task)\n        except Exception:  # expect: PRR101\n            pass\n"),
    # more than a look-up miss: a row read that cannot miss and decoding, or remote calls
    Example("import base64\nfrom svc.models import Capture\n\ndef capture_of(item):\n    raw = None\n    try:\n        found = Capture.objects.filter(item=item).first()\n        if found is not None:\n            raw = base64.b64decode(found.body)\n    except Exception:  # expect: PRR101\n        pass\n    return raw\n"),
    # the cause neither shown nor logged: the user sees a generic message
    Example("from django.contrib import messages\nfrom svc import remote\n\ndef test_tracker(request, config):\n    try:\n        remote.connect(config)\n    except Exception:  # expect: PRR101\n        messages.add_message(request, messages.INFO, 'saved')\n"),
    # a storage backend's open is no local file
    Example("def page(storage, path):\n    try:\n        with storage.open(path) as f:\n            return f.read()\n    except Exception:  # expect: PRR101\n        return None\n"),
    # a warning without the cause, and the failure turns the answer into "nothing there"
    Example(
        "import logging\nlog = logging.getLogger(__name__)\n\ndef page_content(storage, path):\n    content = None\n    try:\n"
        "        content = storage.open(path).read()\n    except Exception:  # expect: PRR101\n        log.warning('failed to get page content', path=path)\n    return content\n"
    ),
    # a to-do explains nothing; in-memory work too is reported when the handler's to-do says the error is unhandled
    Example("from service.i18n import lazy_gettext\n\ndef external_urls(relations):\n    urls = []\n    for relation in relations:\n        try:\n            urls.append({'name': lazy_gettext(relation['type']), 'icon': relation['type'] + '-16.png'})\n        except Exception:  # expect: PRR101\n            # TODO: log the error\n            pass\n    return urls\n"),
    Example("def sync():\n    try:\n        repo.push_changes()\n    except Exception:  # expect: PRR101\n        pass  # TODO: handle this properly\n"),
    Example("def f(cursor, sql):\n    try:\n        cursor.execute(sql)\n    except Exception:  # expect: PRR101\n        pass\n"),
    Example("import requests\n\ndef f(url):\n    try:\n        return requests.get(url, timeout=3).json()\n    except:  # expect: PRR101\n        return None\n"),
    Example("def f(items, broker):\n    for i in items:\n        try:\n            broker.publish(i)\n        except (ValueError, Exception):  # expect: PRR101\n            continue\n"),
    Example(
        "import logging\nlogger = logging.getLogger(__name__)\n\ndef f(conn):\n    try:\n        conn.execute('vacuum')\n"
        "    except Exception as exc:  # expect: PRR101\n        logger.info('g failed: %s', exc)\n"
    ),
    Example("async def f(client):\n    try:\n        await client.refresh()\n    except* Exception:  # expect: PRR101\n        pass\n"),
    # handed to a helper that ends the request with a 403 answer: the client is answered, nothing is reported,
    # as with the handler's own `abort(403)`
    Example("import requests\nfrom flask import abort\n\ndef deny(exc):\n    abort(403)\n\ndef profile(url):\n    try:\n"
            "        return requests.get(url, timeout=3).json()\n    except Exception as exc:  # expect: PRR101\n        deny(exc)\n"),
    # an abstract stub (`raise NotImplementedError`) is overridden: calling it raises nothing then
    Example("class TaskView:\n    def notify_failure(self, task):\n        raise NotImplementedError\n\n    def start(self, task):\n"
            "        try:\n            self.client.send(task)\n        except Exception:  # expect: PRR101\n            self.notify_failure(task)\n"),
    # the function's whole body in the try, answering a default: every failure of it, a bug included,
    # reads as an answer (treeherder's perf comparison answering six Nones), a dependency or not
    Example("def cles(base, new):\n    return sum(1 for b in base for n in new if n > b) / (len(base) * len(new))\n\n"
            "def compare(base, new):\n    try:\n        value = cles(base, new)\n        return value, value > 0.5\n    except Exception:  # expect: PRR101\n        return None, None\n"),
    Example("import logging\n\ndef deliver(messages, logger=logging.log):\n    for m in messages:\n        try:\n            smtp.send(m)\n        except Exception:  # expect: PRR101\n            logger(logging.DEBUG, 'could not deliver %s', m)\n"),
    Example(
        "import builtins\n\ndef f(conn):\n    try:\n        conn.commit()\n"
        "    except builtins.BaseException:  # expect: PRR101\n        pass\n"
    ),
    Example("import warnings\n\ndef f(record):\n    try:\n        record.save()\n    except Exception as e:  # expect: PRR101\n        warnings.warn(str(e))\n"),
    # The bound exception handed on is a note (severity "note"), not an error: stored on the job
    # record that is marked failed, returned in a result object, handed back as a (data, error) result.
    Example("def run(job, db):\n    try:\n        db.execute(job.sql)\n    except Exception as e:  # expect: PRR101\n        job.status = 'failed'\n        job.error = str(e)\n        job.save()\n"),
    Example("def run(q, db):\n    try:\n        return Result(rows=db.execute(q))\n    except Exception as e:  # expect: PRR101\n        return Result(error=e)\n"),
    Example("def run_query(q, db):\n    error = None\n    try:\n        data = db.execute(q)\n    except Exception as ex:  # expect: PRR101\n        data = None\n        error = str(ex)\n    return data, error\n"),
    # a wrapper handed an info-level method is not a reporter
    Example(
        "import functools\nimport logging\n\nlog = logging.getLogger(__name__)\n"
        "note = functools.partial(log.info, 'job failed')\n\n"
        "def f(job):\n    try:\n        job.save()\n    except Exception:  # expect: PRR101\n        note()\n"
    ),
    # an annotated logger at info level has not reported, and `error=str(e)` given to it hands nothing on
    Example(
        "import structlog\nfrom svc.logs import Logger\n\nlog: Logger = structlog.get_logger()\n\n"
        "def f(conn):\n    try:\n        conn.execute('vacuum')\n    except Exception as e:  # expect: PRR101\n        log.info('vacuum failed', error=str(e))\n"
    ),
    # deleting is this handler's main effect, not cleanup after it
    Example("def delete_file(storage, file_id):\n    try:\n        storage.delete(file_id)\n    except Exception:  # expect: PRR101\n        pass\n    return {'deleted': file_id}\n"),
    # a default, but the call goes to a client of unknown kind: it may be a dependency
    Example("def prices(client):\n    result = []\n    try:\n        result = client.fetch_prices()\n    except Exception:  # expect: PRR101\n        pass\n    return result\n"),
    # a client error answered, but the try also queries the database
    Example("from flask import abort\n\ndef auth(token):\n    try:\n        scheme, value = token.split(' ', 1)\n        user = tokens_api.lookup(value)\n    except Exception:  # expect: PRR101\n        abort(401, 'invalid authorization header')\n    return user\n"),
    # `requests.get` is I/O, not a dict look-up
    Example("import requests\n\ndef prices():\n    try:\n        return requests.get('u', timeout=1).json()\n    except Exception:  # expect: PRR101\n        return {}\n"),
    # passing the input through is no excuse when the work goes to a remote service
    Example("import requests\n\ndef translate(text):\n    try:\n        return requests.post('http://t', json={'q': text}, timeout=3).json()['t']\n    except Exception:  # expect: PRR101\n        return text\n"),
    # a local program run on every call (not at import) whose failure loses the document's text
    Example("import subprocess\n\ndef extract_text(path):\n    try:\n        return subprocess.check_output(['pdftotext', path, '-'])\n    except Exception:  # expect: PRR101\n        return None\n"),
    # a metric that counts work done, not the failure
    Example("from svc.extensions import metrics\n\ndef sync(zone):\n    try:\n        dns_client.push(zone)\n    except Exception:  # expect: PRR101\n        metrics.send('sync.done', 'counter', 1)\n"),
    # the pair's flag says it worked: the error text passes for the answer
    Example("import requests\n\ndef fetch(url):\n    ok = True\n    try:\n        data = requests.get(url, timeout=3).json()\n    except Exception as e:  # expect: PRR101\n        data = f'unavailable: {e}'\n    return ok, data\n"),
    # the module's contract, but the handler leaves no record at all
    Example('"""Metrics. This module never raises out of observe."""\n\ndef observe(name, value):\n    try:\n        statsd_client.gauge(name, value)\n    except Exception:  # expect: PRR101\n        pass\n'),
    # the Logger subclass's method logs below the report level
    Example("import logging\nimport requests\n\nclass AppLogger(logging.Logger):\n    def trace_failure(self, message):\n        self.debug(message)\n\nlogging.setLoggerClass(AppLogger)\nlog = logging.getLogger('svc')\n\ndef fetch(url):\n    try:\n        return requests.get(url, timeout=3).text, 200\n    except Exception as ex:  # expect: PRR101\n        log.trace_failure(ex)\n        return str(ex), 400\n"),
    # the error kept in a variable that goes nowhere a waiter raises it: built, then thrown away
    Example("import requests\n\ndef deliver(url, future):\n    try:\n        future.set_result(requests.get(url, timeout=3).json())\n    except Exception as e:  # expect: PRR101\n        message = f'fetch failed: {e}'\n"),
    # a camelCase capture method on an untyped receiver, but the project uses no error-tracking library
    Example("import requests\n\ndef cells(tracker, url):\n    try:\n        return requests.get(url, timeout=3).json()\n    except Exception:  # expect: PRR101\n        tracker.captureException()\n    return []\n"),
    # the first item of a remote answer, or None: the HTTP failure is swallowed with the empty answer
    Example("import requests\n\ndef latest(url):\n    try:\n        return requests.get(url, timeout=3).json()[0]\n    except Exception:  # expect: PRR101\n        return None\n"),
    # the project helper handed the exception logs it at info only
    Example("import logging\nimport requests\nlog = logging.getLogger(__name__)\n\ndef note_failure(message, exc):\n    log.info('%s: %s', message, exc)\n\n"
            "def sync(url):\n    try:\n        requests.post(url, timeout=3)\n    except Exception as exc:  # expect: PRR101\n        note_failure('sync failed', exc)\n"),
    # the function ends in `return False`, but its `try` does work, not a yes/no check
    Example("import requests\n\ndef save(url, data):\n    try:\n        requests.post(url, json=data, timeout=3)\n    except Exception:  # expect: PRR101\n        pass\n    return False\n"),
    # a warning message without the cause: the user cannot tell an outage from a refusal
    Example("import requests\nfrom django.contrib import messages\n\ndef plugin_enable(request, url):\n    try:\n        requests.post(url, timeout=3)\n"
            "    except Exception:  # expect: PRR101\n        messages.warning(request, 'Cannot enable plugin')\n    return redirect_to_list()\n"),
    # handed to a method whose last statement only keeps it (a note)
    Example("import requests\n\nclass Account:\n    def note_login(self, msg):\n        return self.remember(msg)\n\n    def remember(self, msg):\n        self.last = msg\n\n"
            "    def signin(self, url):\n        try:\n            return requests.get(url, timeout=3).json()\n        except Exception as exc:  # expect: PRR101\n            self.note_login(exc)\n"),
    # the re-raising context told to keep quiet
    Example("import requests\nfrom oslo_utils import excutils\n\ndef upload(url, path):\n    try:\n        requests.put(url, data=path, timeout=3)\n"
            "    except Exception:  # expect: PRR101\n        with excutils.save_and_reraise_exception() as ctxt:\n            ctxt.reraise = False\n"),
    # m16 kept true class: a signal whose receiver enqueues a webhook on the broker, in a hook run after the
    # request, with `except Exception: pass`: lost webhooks and broker outages leave no record
    Example("from flask_security import after_this_request\nfrom svc.tasks import dispatch_webhook\n\n"
            "def send_record_accepted_webhook(record):\n    dispatch_webhook.delay('record.accepted', record['id'])\n\n"
            "def accept_record(record):\n    @after_this_request\n    def send_signals(response):\n        try:\n            send_record_accepted_webhook(record)\n"
            "        except Exception:  # expect: PRR101\n            pass\n        return response\n"),
    # an admin's test whose success answers data it computed, or a test answering a constant message
    # without the cause: the error hides behind the failed request (m14 mass actions, m14 mail handlers)
    Example("from django.http import JsonResponse\nimport requests\n\ndef print_pdf(request, order_id):\n    try:\n"
            "        response = requests.get(f'http://pdf/{order_id}', timeout=5)\n        return JsonResponse({'pdf': response.text})\n"
            "    except Exception as e:  # expect: PRR101\n        return JsonResponse({'error': str(e)}, status=400)\n\n"
            "def send_test_mail(request):\n    try:\n        requests.post('http://mail/send', timeout=5)\n        return JsonResponse({'ok': True})\n"
            "    except Exception:  # expect: PRR101\n        return JsonResponse({'error': 'could not send'}, status=400)\n"),
    # a gate whose `try` answers failures of its own (an auth middleware): its catch-all answering the
    # cause with a 401 tells the client its token is bad when the token store is down (m18 class)
    Example("import requests\nfrom fastapi.responses import JSONResponse\n\nasync def validate_token(request, call_next):\n    try:\n"
            "        answer = requests.get('http://tokens/check', params={'token': request.cookies['token']}, timeout=2)\n"
            "        if answer.json()['revoked']:\n            return JSONResponse({'message': 'revoked'}, status_code=401)\n"
            "    except Exception as e:  # expect: PRR101\n        return JSONResponse({'message': f'Unauthorized: {e}'}, status_code=401)\n"
            "    return await call_next(request)\n"),
    # the cause appended to a list that is no validated form's errors
    Example("import requests\n\nclass Job:\n    def run(self, url):\n        try:\n            requests.post(url, timeout=5)\n"
            "        except Exception as e:  # expect: PRR101\n            self.state.errors.append(f'post failed: {e}')\n"),
)

SURFACING = (
    # the stack on the process's stderr, collected with the service's logs (PRR401 asks for a log call)
    Example("import traceback\nimport requests\n\ndef from_video(url):\n    recipe = {'name': ''}\n    try:\n        recipe['name'] = requests.get(url, timeout=3).json()['title']\n    except Exception:\n        traceback.print_exc()  # prr-lint: ignore[PRR401] the stack on stderr\n    return recipe\n"),
    # errs18 class 1: the function's result contract answered with the status swapped and the cause (octavia's driver agent)
    Example("import requests\nfrom octavia_lib.common import constants as lib_consts\n\nclass DriverUpdater:\n    def update_stats(self, stats):\n        try:\n"
            "            requests.post(self.url, json=stats, timeout=5)\n        except Exception as e:\n"
            "            return {lib_consts.STATUS_CODE: lib_consts.DRVR_STATUS_CODE_FAILED, lib_consts.FAULT_STRING: str(e)}\n"
            "        return {lib_consts.STATUS_CODE: lib_consts.DRVR_STATUS_CODE_OK}\n"),
    # errs18 class 1: the outcome sent back through the success call of the `try`, its status swapped, with the cause
    Example("import boto3\nimport cfnresponse\n\ns3 = boto3.client('s3')\n\ndef on_create(event, context):\n    try:\n"
            "        result = s3.put_object(Bucket='b', Key='config.yaml', Body=b'')\n        cfnresponse.send(event, context, cfnresponse.SUCCESS, result)\n"
            "    except Exception as ex:\n        cfnresponse.send(event, context, cfnresponse.FAILED, str(ex))\n"),
    # errs18 class 2: a taskflow `revert` (the engine calls it after the flow failed and reports that failure)
    # that warned it may fall short: its quiet re-increments are best-effort compensation
    Example("import logging\nfrom taskflow import task\nLOG = logging.getLogger(__name__)\n\nclass BaseDatabaseTask(task.Task):\n    pass\n\n"
            "class DecrementQuota(BaseDatabaseTask):\n    def execute(self, project_id):\n        self.repos.decrement_quota(project_id)\n\n"
            "    def revert(self, project_id, result, *args, **kwargs):\n        LOG.warning('Reverting decrement quota on %s: counts may be incorrect', project_id)\n"
            "        session = self.get_session()\n        try:\n            self.repos.check_quota_met(session, project_id)\n            session.commit()\n"
            "        except Exception:\n            session.rollback()\n"),
    # the exception queued for the thread that waits on the result, which takes it and raises it
    Example("import queue\nimport sys\nimport threading\nimport requests\n\nclass Timeout:\n    def __init__(self, url):\n        self.url = url\n        self.control = queue.Queue()\n\n"
            "    def run(self):\n        try:\n            self.control.put((True, requests.get(self.url, timeout=30)))\n        except Exception:\n            self.control.put((False, sys.exc_info()))\n\n"
            "    def __call__(self):\n        threading.Thread(target=self.run, daemon=True).start()\n        ok, value = self.control.get(timeout=5)\n"
            "        if ok:\n            return value\n        _, e, tb = value\n        raise e.with_traceback(tb)\n"),
        # an optional filter from user input: the regular answer follows the try
        Example("import re\n\ndef matching(config, branches):\n    try:\n        regex = re.compile(config['regex'])\n        return [b for b in branches if regex.match(b)]\n    except Exception:\n        pass\n    return branches\n"),
        # an optional local override file: absent means none
        Example("import os\n\ndef ca_cert(config_dir):\n    try:\n        with open(os.path.join(config_dir, 'ssl.cert')) as f:\n            return f.read()\n    except Exception:\n        return None\n"),
    # the failure saved on the product's record of it, which its settings page shows (a backend's last failure)
    Example("import requests\nfrom svc.models import ServiceConfig\n\ndef _store_failure(config_id, exception):\n    config = ServiceConfig.objects.get(id=config_id)\n"
            "    config.last_failure_message = str(exception)\n    config.save()\n\ndef send_alert(url, payload, config_id):\n    try:\n"
            "        requests.post(url, json=payload, timeout=5).raise_for_status()\n    except Exception as e:\n        _store_failure(config_id, e)\n"),
    # a logging filter or formatter (also through a class of the module): logging cannot report its own failure
    Example("import logging\nimport requests\n\nclass ContextFilter(logging.Filter):\n    def filter(self, record):\n        try:\n"
            "            record.region = requests.get('http://169.254.169.254/region', timeout=1).text\n        except Exception:\n            record.region = None\n        return True\n\n"
            "class Base(logging.Formatter):\n    pass\n\nclass TenantFormatter(Base):\n    def format(self, record):\n        try:\n"
            "            record.tenant = requests.get('http://tenants/current', timeout=1).text\n        except Exception:\n            pass\n        return super().format(record)\n"),
        # in a library logging handler's emit: reporting is this code's purpose
        Example("from django.utils.log import AdminEmailHandler\n\nclass MailHandler(AdminEmailHandler):\n    def emit(self, record):\n        try:\n            subject = f'{record.levelname} ({record.request.META[\"REMOTE_ADDR\"]})'\n        except Exception:\n            subject = record.levelname\n        self.send_mail(subject, record.getMessage())\n"),
    # handed to a helper that prints the message and ends the process (a CLI's `error`); recovery work
    # in such a handler is secondary to the failure that ends the run
    Example("import sys\nimport json\nimport boto3\n\ndef error(message):\n    print(json.dumps({'error': message}))\n    sys.exit(1)\n\n"
            "def create_group(name):\n    ec2 = boto3.client('ec2')\n    try:\n        return ec2.create_security_group(GroupName=name)['GroupId']\n    except Exception as e:\n        error(str(e))\n\n"
            "def create_instance(name, group):\n    rds = boto3.client('rds')\n    try:\n        rds.create_db_instance(DBInstanceIdentifier=name)\n    except Exception as e:\n"
            "        try:\n            boto3.client('ec2').delete_security_group(GroupId=group)\n        except Exception:\n            pass\n        error(str(e))\n"),
    # handed to a method whose last statement calls the base class's raising `fail`
    Example("import requests\n\nclass Fail(Exception):\n    pass\n\nclass Plugin:\n    def fail(self, msg):\n        raise Fail(msg)\n\n"
            "class Account(Plugin):\n    def fail_login(self, msg='Login failed'):\n        return self.fail(msg)\n\n"
            "    def signin(self, url):\n        try:\n            return requests.get(url, timeout=3).json()\n        except Exception as exc:\n            self.fail_login(exc)\n"),
    # handed to a helper every branch of which raises, through a helper it returns the call of (rules/never_returning.py)
    Example("import requests\n\nclass Invalid(Exception):\n    pass\n\ndef as_invalid(exc):\n    if isinstance(exc, TimeoutError):\n"
            "        raise Invalid('search timed out') from exc\n    else:\n        raise Invalid(str(exc)) from exc\n\n"
            "def reject(exc):\n    return as_invalid(exc)\n\n"
            "def search(url):\n    try:\n        return requests.get(url, timeout=3).json()\n    except Exception as exc:\n        reject(exc)\n"),
    # the cause shown to the admin who asked, in a warning message on the next page
    Example("import requests\nfrom django.contrib import messages\n\ndef plugin_enable(request, url):\n    try:\n        requests.post(url, timeout=3)\n"
            "    except Exception as e:\n        messages.warning(request, f'Cannot enable plugin: {e}')\n    return redirect_to_list()\n"),
    # the whole body in a `try`, but the failure recorded at info: the project's helper only reads a local file
    Example("import logging\nlogger = logging.getLogger(__name__)\n\ndef read_ref(path, name):\n    with open(f'{path}/{name}') as f:\n        return f.read()\n\n"
            "def post_uuid(path):\n    try:\n        return read_ref(path, 'UUID')\n    except Exception:\n        logger.info('no UUID file')\n        return None\n"),
    # a yes/no probe: True when the connection opens, False when no address family lets it
    Example("import socket\n\ndef server_reachable(host, port, families):\n    for family in families:\n        try:\n"
            "            socket.socket(family, socket.SOCK_STREAM).connect((host, port))\n            return True\n        except Exception:\n"
            "            pass\n    return False\n"),
    # a project helper (here inherited from a plugin base class) logs the handed exception at warning level
    Example("import logging\nimport requests\nlog = logging.getLogger(__name__)\n\nclass Plugin:\n    def log_warning(self, *args):\n        log.warning('%s', args)\n\n"
            "class Updater(Plugin):\n    def check(self, url):\n        try:\n            requests.get(url, timeout=3)\n        except Exception as exc:\n"
            "            self.log_warning('cannot reach the update server', exc)\n"),
    # oslo.utils re-raises the handled error when the recovery block ends
    Example("import requests\nfrom oslo_utils import excutils\n\ndef upload(url, path):\n    try:\n        requests.put(url, data=path, timeout=3)\n"
            "    except Exception:\n        with excutils.save_and_reraise_exception():\n            remove_partial(path)\n"),
    # raven's or Sentry's client API on a receiver the analysis cannot type, in a project that uses the library
    Example("import requests\nfrom raven import Client\n\ndef configure_raven(dsn):\n    return Client(dsn)\n\n"
            "def cells(raven_client, url):\n    try:\n        return requests.get(url, timeout=3).json()\n    except Exception:\n        raven_client.captureException()\n    return []\n\n"
            "class Source:\n    def __init__(self, raven_client):\n        self.raven_client = raven_client\n\n"
            "    def enqueue(self, queue, data):\n        try:\n            queue.enqueue(data)\n        except Exception:\n            self.raven_client.captureException()\n"),
    Example("import requests\nimport sentry_sdk\n\nsentry_sdk.init()\n\ndef cells(hub, url):\n    try:\n        return requests.get(url, timeout=3).json()\n    except Exception as e:\n        hub.capture_exception(e)\n    return []\n"),
    # reported through an object the analysis cannot type: every project method of that name reports
    Example("import logging\nimport requests\nlogger = logging.getLogger(__name__)\n\nclass Application:\n    def exception_occurred(self, node, kind, info):\n        logger.exception('ERROR with %s server %s: %s', kind, node, info)\n\n"
            "class ObjectController:\n    def __init__(self, app):\n        self.app = app\n\n    def put(self, node, url):\n        try:\n            return requests.put(url, timeout=3)\n        except Exception:\n            self.app.exception_occurred(node, 'Object', 'Trying to PUT')\n"),
    # a reporter handed in as a parameter, or kept on an object the analysis cannot type
    Example("import sentry_sdk\nimport psycopg2\nimport requests\n\n"
            "def sentry(env):\n    def tell_sentry(exception, allow_reraise=True):\n        sentry_sdk.capture_exception(exception)\n    return {'tell_sentry': tell_sentry}\n\n"
            "def database(env, tell_sentry):\n    try:\n        return psycopg2.connect(env.database_url)\n    except Exception as e:\n        tell_sentry(e, allow_reraise=False)\n\n"
            "class Cron:\n    def __init__(self, website):\n        self.website = website\n\n    def run(self, url):\n        try:\n            requests.post(url, timeout=3)\n        except Exception as e:\n            self.website.tell_sentry(e)\n\n"
            "class Website:\n    pass\n\nwebsite = Website()\nwebsite.tell_sentry = sentry(None)['tell_sentry']\n\n"
            "def pwned(password):\n    try:\n        return requests.get('https://api.pwnedpasswords.com/range/' + password[:5], timeout=3).text\n    except Exception as e:\n        website.tell_sentry(e)\n"),
    # a plugin base class whose log_error names the level to a helper logging through getattr(logger, level)
    Example("import requests\n\nclass Plugin:\n    def _log(self, level, name, args):\n        log = getattr(self.core.log, level)\n        log('%s: %s', name, args)\n\n"
            "    def log_error(self, *args):\n        self._log('error', self.name, args)\n\n"
            "class IRC(Plugin):\n    def announce(self, url):\n        try:\n            requests.post(url, timeout=3)\n        except Exception as exc:\n            self.log_error(exc)\n"),
    # Twisted: log.err through callWithContext, Logger.failure, log.msg with the error, a Failure()
    # kept for a reporter, defer.fail(e) for the Deferred's errbacks
    Example("import requests\nfrom twisted.internet import defer\nfrom twisted.logger import Logger\nfrom twisted.python import log\nfrom twisted.python.failure import Failure\n\nlogger = Logger()\n\n"
            "class Bot:\n    def log_err(self, error=None, why=None):\n        log.callWithContext({'system': 'bot'}, log.err, error, why)\n\n"
            "class Contact:\n    def __init__(self, bot):\n        self.bot = bot\n\n    def command(self, url):\n        try:\n            requests.get(url, timeout=3)\n        except Exception as e:\n            self.bot.log_err(e)\n\n"
            "    def notify(self, url):\n        try:\n            requests.post(url, timeout=3)\n        except Exception:\n            logger.failure('Failed to send status!', failure=Failure())\n\n"
            "    def ping(self, url):\n        try:\n            requests.head(url, timeout=3)\n        except Exception as e:\n            log.msg(f'ping of {url} failed: {e}')\n\n"
            "    def start(self, url):\n        try:\n            return defer.succeed(requests.get(url, timeout=3))\n        except Exception as e:\n            return defer.fail(e)\n\n"
            "    def prepare(self, url):\n        try:\n            ready = requests.get(url, timeout=3)\n        except Exception:\n            ready = Failure()\n        self.failed(ready)\n\n"
            "    def failed(self, why):\n        log.err(why, 'preparing failed')\n"),
    # the failure recorded and surfaced after the loop or the bookkeeping: raised, logged at error level,
    # kept on a result the function raises, or an error answer led by a False flag
    Example("import logging\nimport requests\nlogger = logging.getLogger(__name__)\n\nclass ApiError(Exception):\n    pass\n\n"
            "def bulk_status(urls):\n    errors = []\n    for url in urls:\n        try:\n            requests.post(url, timeout=3)\n        except Exception as e:\n            errors.append(str(e))\n            continue\n    if errors:\n        raise ApiError('failed to bulk set alert status', 500, errors)\n\n"
            "def migrate(session, rows):\n    failures = 0\n    for row in rows:\n        try:\n            session.execute(row)\n        except Exception:\n            failures += 1\n    if failures > 0:\n        logger.error('Error upgrading %s objects', failures)\n\n"
            "async def fetch(result, storage, url):\n    try:\n        await storage.put(url, result.buffer)\n    except Exception as error:\n        result.successful = False\n        result.exception = error\n    if not result.successful and result.exception is not None:\n        raise result.exception\n\n"
            "def install(pack):\n    try:\n        url = requests.get(pack, timeout=3).text\n    except Exception as e:\n        return [None, pack, (False, str(e))]\n    return [url, None, None]\n"),
    # the cause stored in a container the answer carries, through other containers on the way
    Example("import requests\nfrom django.shortcuts import render\n\ndef overview(request, urls):\n    context = {}\n    version_info = {}\n    for url in urls:\n        try:\n            data = requests.get(url, timeout=3).json()\n        except Exception as exc:\n            data = {'error': str(exc)}\n        version_info[url] = data\n    context['version_info'] = version_info\n    return render(request, 'overview.html', context)\n\n"
            "async def query(client, destinations):\n    failures = {}\n    results = {}\n    for destination in destinations:\n        try:\n            results[destination] = await client.query(destination)\n        except Exception as e:\n            failures[destination] = failure_of(e)\n    return {'results': results, 'failures': failures}\n\n"
            "def failure_of(e):\n    return {'status': 503, 'message': str(e)}\n"),
    # parsing a response already received, and a query expression built in memory: no dependency in the `try`
    Example("import httpx\nfrom django.db.models import Q\n\ndef error_detail(response: httpx.Response):\n    try:\n        data = response.json()\n    except Exception:\n        return response.text or None\n    return data.get('detail')\n\n"
            "def lookups(arg):\n    qs = []\n    try:\n        int(arg)\n        qs.append(Q(pk=arg))\n    except Exception:\n        pass\n    return qs\n"),
    # an optional kernel feature tried on a local socket, its absence logged
    Example("import logging\nimport socket\nLOG = logging.getLogger(__name__)\n\ndef bind_udp(host, port):\n    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n    try:\n"
            "        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)\n    except Exception:\n        LOG.info('SO_REUSEPORT not available, ignoring.')\n    sock.bind((host, port))\n    return sock\n"),
    # per-item outcomes collected for the caller: each item's cause in a collection the function answers
    Example("import requests\n\ndef import_files(session, files):\n    imported, errored = [], {}\n    for name in files:\n        try:\n            imported.append(requests.post('http://store/import', data=name, timeout=5).json())\n"
            "        except Exception as e:\n            session.rollback()\n            error = e.args[0]\n            errored[name] = error\n            continue\n    return imported, errored\n\n"
            "class MoveError:\n    def __init__(self, item, error):\n        self.item, self.error = item, error\n\n"
            "async def move_all(svc, items):\n    moved, errors = [], []\n    for item in items:\n        try:\n            await svc.move(item)\n            moved.append(item)\n"
            "        except Exception as e:\n            errors.append(MoveError(item=item, error=str(e)))\n    return {'moved': len(moved), 'errors': errors}\n"),
    # m16 class 1: the failure is the answer to the one who asked, with its cause: a test whose success
    # answers only "it worked" (a connection or a mail test), the cause appended to a validated form's errors
    Example("import socket\nfrom rest_framework import status\nfrom rest_framework.response import Response\n\n"
            "def test_logging(request):\n    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\n    try:\n        s.settimeout(0.5)\n"
            "        s.connect((request.data['host'], int(request.data['port'])))\n        s.close()\n        return Response(status=status.HTTP_202_ACCEPTED)\n"
            "    except Exception as e:\n        return Response({'error': str(e)}, status=status.HTTP_400_BAD_REQUEST)\n"),
    Example("import traceback\nfrom rest_framework.response import Response\nfrom svc.mail import send_test_email\n\n"
            "def email_tester(request):\n    try:\n        send_test_email(request.data['to'])\n        return Response({'succeeded': True})\n"
            "    except Exception as e:\n        return Response({'succeeded': False, 'error_type': e.__class__.__name__, 'error_stack': traceback.format_exc(), 'error': str(e)})\n"),
    Example("from flask import flash, redirect, request\nimport requests\n\ndef registering(form, username):\n    if form.validate_on_submit():\n        try:\n"
            "            requests.post('http://ipa/stageuser_mod', data=username, timeout=5)\n        except Exception as e:\n"
            "            form.non_field_errors.errors.append(f'Could not accept registering user {username}: {e}')\n"
            "        else:\n            flash('Accepted', 'success')\n            return redirect(request.url)\n"),
    # m16 class 3: a function of a module imported whole is judged by what it is, not by a verb in its name:
    # docutils renders user text in memory, and the fallback shows the raw text
    Example("import docutils.core\nfrom markupsafe import escape\n\ndef convert_doc(rst):\n    try:\n"
            "        html = docutils.core.publish_parts(source=rst, writer_name='html')\n    except Exception:\n"
            "        return '<pre>%s</pre>' % escape(rst)\n    return html['body']\n"),
    # a documented contract that failing must not break the caller, with a record of the failure (module, function)
    Example('"""Metrics. This module never raises out of observe: failing to record must not break the request."""\nimport logging\nlog = logging.getLogger(__name__)\n\ndef observe(name, value):\n    try:\n        write_metric(name, value)\n    except Exception as e:\n        log.debug(f"observe({name}) failed: {e}")\n'),
    Example('from svc.config import get_setting\n\ndef hardening_active(request):\n    """Defensive: a failure of the settings backend results in False rather than an exception."""\n    try:\n        return bool(get_setting("hardening"))\n    except Exception:\n        return False\n'),
    # a method of the project's Logger subclass (installed with `logging.setLoggerClass`) that logs at error level
    Example("import logging\nimport requests\n\nclass AppLogger(logging.Logger):\n    def error_or_exception(self, message):\n        if self.isEnabledFor(logging.DEBUG):\n            self.exception(message)\n        else:\n            self.error(message)\n\nlogging.setLoggerClass(AppLogger)\nlog = logging.getLogger('svc')\n\ndef fetch(url):\n    try:\n        return requests.get(url, timeout=3).text, 200\n    except Exception as ex:\n        log.error_or_exception(ex)\n        return str(ex), 400\n"),
    # the error handed to the caller waiting for the result, which raises it (a Deferred, a Future)
    Example("from twisted.python.failure import Failure\n\nclass Producer:\n    def _error(self, failure):\n        self.deferred.errback(failure)\n\n    def data_received(self, data):\n        try:\n            self.stream.write(data)\n        except Exception:\n            self.deferred.errback()\n\n    async def pump(self):\n        try:\n            await self.send_chunks()\n        except Exception:\n            self._error(Failure())\n\n    async def connect(self, endpoints):\n        failures = []\n        for endpoint in endpoints:\n            try:\n                return await endpoint.connect()\n            except Exception:\n                failures.append(Failure())\n        failures.pop().raiseException()\n"),
    Example("import queue\n\ndef writer(tasks: queue.Queue, connect):\n    conn_exception = None\n    try:\n        conn = connect()\n    except Exception as e:\n        conn_exception = e\n    while True:\n        task = tasks.get()\n        exception = result = None\n        if conn_exception is not None:\n            exception = conn_exception\n        else:\n            try:\n                result = task.fn(conn)\n            except Exception as e:\n                exception = e\n        _deliver(task, result, exception)\n\ndef _deliver(task, result, exception):\n    def _set():\n        if exception is not None:\n            task.reply_future.set_exception(exception)\n        else:\n            task.reply_future.set_result(result)\n\n    task.loop.call_soon_threadsafe(_set)\n"),
    # the formatted stack stored in the context of the page that answers the admin who launched the install
    Example("import subprocess\nimport traceback\n\nclass Upload:\n    def form_valid(self, form):\n        context = {}\n"
            "        try:\n            subprocess.run(['pip', 'install', form.path], check=True)\n        except Exception:\n            context['error'] = traceback.format_exc()\n"
            "            context['success'] = False\n        else:\n            context['success'] = True\n        return self.render_to_response(context)\n"),
    # m16 class 3: probing in memory whether a model field takes "" (a field converts values, it runs no query)
    Example("from django.db.models import Field, Q\n\ndef empty_query(field_name: str, model_field: Field) -> Q:\n"
            "    q = Q(**{f'{field_name}__isnull': True})\n    try:\n        model_field.get_prep_value('')\n"
            "        return q | Q(**{field_name: ''})\n    except Exception:\n        return q\n"),
    # the attempt recorded as failed with its cause (a health status the transaction keeps, a test result)
    Example("import requests\n\nasync def update_entry(entry, store_transaction):\n    try:\n"
            "        result = requests.get(entry.url, timeout=5).json()\n    except Exception as e:\n"
            "        store_transaction._update_remote_status(url=entry.url, status=False, error=str(e))\n        return None\n    return result\n"),
    Example("import requests\n\ndef refresh_bundle(store, url):\n    error = None\n    succeeded = True\n    bundle = None\n    try:\n"
            "        bundle = requests.get(url, timeout=5).json()\n    except Exception as err:\n        error = repr(err)\n        succeeded = False\n"
            "    store.update_remote_status(url=url, status=succeeded, error=error)\n    return bundle\n"),
    # the failure reaches someone: a message in the answer's warnings, the stack printed to stderr,
    # the function's own fallback for a miss
    Example("from service.stats import fit_modes\n\ndef analyse(samples):\n    warnings, modes = [], []\n    try:\n        modes = fit_modes(samples)\n    except Exception:\n        warnings.append('Cannot fit the modes. Likely not enough data.')\n    return modes, warnings\n"),
    Example("import traceback\nfrom rest_framework.response import Response\nfrom service.spaces import switch_space\n\ndef switch(request, space):\n    try:\n        return Response(switch_space(request.user, space))\n    except Exception:\n        traceback.print_exc()  # prr-lint: ignore[PRR401] the stack with the error answer\n        return Response({'error': 'cannot switch'}, status=400)\n"),
    Example("import traceback\nfrom service.imports import read_item, note_failure\n\ndef import_all(items, log):\n    for item in items:\n        try:\n            read_item(item)\n        except Exception as e:\n            traceback.print_exc()  # prr-lint: ignore[PRR401] the stack with the import log entry\n            note_failure(e, log)\n"),
    Example("from service.models import Team\n\ndef team_name(team_id):\n    try:\n        name = Team.objects.filter(pk=team_id).values_list('name', flat=True).first()\n        return name if name is not None else str(team_id)\n    except Exception:\n        return str(team_id)\n"),
)
