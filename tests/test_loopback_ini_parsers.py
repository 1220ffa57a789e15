"""PRR501 and a redis host read through a `configparser` parser built at a module's top level (config_paths.py,
project/config_paths.py), the shape of a dashboard whose web server and daemons each do `cfg = configparser.ConfigParser();
cfg.read(configfile)` and build `redis.StrictRedis(host=cfg.get("RedisGlobal", "host"), ...)`, and hand the parser on to
helper classes that read it as their `cfg` parameter. The tree ships `config/config.cfg.default` (the installer copies it
to `config.cfg`) and the local redis server's own `6250.conf`, which is no INI file and spells `host` only in a comment.

The call is to this host when every shipped copy gives the option a loopback address, no code sets it otherwise, and
every call of a helper passes the parser itself; it stays reported for another host in any copy, a template or blank
value, an option no file gives, a `set` from the environment, a `fallback=`, a compose file running the code in a
container of its own, a redis configuration line spelling the option, and a helper handed a plain mapping."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional, Tuple

from _serving import shipped_findings

_SERVER = (
    "import configparser\nimport os\n\nimport redis\nfrom flask import Flask\n\nfrom helpers import geo_helper\n\n"
    "configfile = os.path.join(os.path.dirname(os.path.realpath(__file__)), 'config/config.cfg')\n"
    "cfg = configparser.ConfigParser()\ncfg.read(configfile)\n\napp = Flask(__name__)\n"
    "serv_redis_db = redis.StrictRedis(\n        host=cfg.get('RedisGlobal', 'host'),\n"
    "        port=cfg.getint('RedisGlobal', 'port'),\n        db=cfg.getint('RedisDB', 'db'),\n        decode_responses=True)\n"
    "geo = geo_helper.Geo_helper(serv_redis_db, cfg)\n\n\n"
    "@app.route('/coords')\ndef coords():\n    return {'db': serv_redis_db.get('k'), 'coords': geo.coords()}\n"
)
_HELPER = (
    "import redis\n\n\nclass Geo_helper:\n    def __init__(self, serv_redis_db, cfg):\n"
    "        self.serv_redis_db = serv_redis_db\n        self.serv_coord = redis.StrictRedis(\n"
    "            host=cfg.get('RedisGlobal', 'host'),\n            port=cfg.getint('RedisGlobal', 'port'),\n"
    "            db=cfg.getint('RedisMap', 'db'))\n\n    def coords(self):\n        return self.serv_coord.get('coords')\n"
)
_CONFIG = "[Server]\nhost=0.0.0.0\nport=8001\n\n[RedisGlobal]\nhost={host}\nport=6250\n\n[RedisDB]\ndb=2\n\n[RedisMap]\ndb=1\n"
_REDIS_CONF = "# Redis configuration file example\n\nport 6250\n# others with access to the host running redis-server.\nbind 127.0.0.1 ::1\n"
_SERVER_CALL, _HELPER_CALL = ("server.py", 14), ("helpers/geo_helper.py", 7)


def _findings(tmp_path: Path, host: str = "localhost", server: str = _SERVER, helper: str = _HELPER,
              shipped: Optional[Dict[str, str]] = None, modules: Optional[Dict[str, str]] = None) -> List[Tuple[str, int]]:
    files = {"server.py": server, "helpers/__init__.py": "", "helpers/geo_helper.py": helper, **(modules or {})}
    return shipped_findings(tmp_path, files, {"config/config.cfg.default": _CONFIG.format(host=host), "config/6250.conf": _REDIS_CONF,
                                              **(shipped or {})})


def test_a_parser_whose_shipped_default_names_localhost_calls_this_host(tmp_path: Path) -> None:
    """The module's own client and the helper's, handed the parser: both read the default copy's `localhost`; the redis
    server's configuration beside it sets no option by the comment that spells `host`."""
    assert _findings(tmp_path) == []


def test_another_host_in_the_shipped_copy_keeps_both_calls(tmp_path: Path) -> None:
    assert _findings(tmp_path, "redis.internal") == [_HELPER_CALL, _SERVER_CALL]


def test_another_shipped_copy_naming_another_host_keeps_both_calls(tmp_path: Path) -> None:
    assert _findings(tmp_path, shipped={"config/config.cfg.sample": _CONFIG.format(host="10.0.0.5")}) == [_HELPER_CALL, _SERVER_CALL]


def test_a_template_or_a_blank_value_keeps_both_calls(tmp_path: Path) -> None:
    assert _findings(tmp_path, "{{ redis_host }}") == [_HELPER_CALL, _SERVER_CALL]
    assert _findings(tmp_path / "blank", "") == [_HELPER_CALL, _SERVER_CALL]


def test_an_option_no_file_gives_keeps_both_calls(tmp_path: Path) -> None:
    server, helper = (text.replace("'RedisGlobal', 'host'", "'RedisCache', 'host'") for text in (_SERVER, _HELPER))
    assert _findings(tmp_path, server=server, helper=helper) == [_HELPER_CALL, _SERVER_CALL]


def test_an_environment_override_keeps_both_calls(tmp_path: Path) -> None:
    """`set` the option, or write it as an item of its section, from the environment: the deployment decides."""
    for at, override in enumerate(("cfg.set('RedisGlobal', 'host', os.environ['REDIS_HOST'])",
                                   "cfg['RedisGlobal']['host'] = os.environ['REDIS_HOST']")):
        server = _SERVER.replace("cfg.read(configfile)\n", f"cfg.read(configfile); {override}\n")
        assert _findings(tmp_path / str(at), server=server) == [_HELPER_CALL, _SERVER_CALL], override


def test_a_fallback_keeps_its_call(tmp_path: Path) -> None:
    server = _SERVER.replace("host=cfg.get('RedisGlobal', 'host')", "host=cfg.get('RedisGlobal', 'host', fallback='redis.internal')")
    assert _findings(tmp_path, server=server) == [_SERVER_CALL]


def test_a_compose_file_running_the_code_in_its_own_container_keeps_both_calls(tmp_path: Path) -> None:
    compose = "services:\n  dashboard:\n    build: .\n    command: python3 server.py\n"
    assert _findings(tmp_path, shipped={"docker-compose.yml": compose}) == [_HELPER_CALL, _SERVER_CALL]


def test_a_server_configuration_line_spelling_the_option_keeps_both_calls(tmp_path: Path) -> None:
    """A file that is no INI file but sets `host` on a line of its own may be read some other way: the option is unknown."""
    assert _findings(tmp_path, shipped={"config/6250.conf": _REDIS_CONF + "host 10.0.0.5\n"}) == [_HELPER_CALL, _SERVER_CALL]


def test_a_helper_handed_a_plain_mapping_keeps_its_call(tmp_path: Path) -> None:
    """`cfg.get('RedisGlobal', 'host')` on a dict is its key `RedisGlobal` with the default `'host'`: only a parser
    handed on makes it an INI option."""
    server = _SERVER.replace("geo_helper.Geo_helper(serv_redis_db, cfg)", "geo_helper.Geo_helper(serv_redis_db, dict(os.environ))")
    assert _findings(tmp_path, server=server) == [_HELPER_CALL]


def test_a_parser_filled_another_way_keeps_both_calls(tmp_path: Path) -> None:
    """`read_dict`, `read_string`, a section's proxy stored into or updated, a `set` of a computed option, in the server
    or the helper: the deployment decides what the parser holds."""
    fills = ("cfg.read_dict({'RedisGlobal': {'host': os.environ['REDIS_HOST']}})",
             "cfg.read_string(os.environ.get('DASH_CONFIG', ''))",
             "section = cfg['RedisGlobal']; section['host'] = os.environ['REDIS_HOST']",
             "cfg['RedisGlobal'].update(host=os.environ['REDIS_HOST'])",
             "[cfg.set('RedisGlobal', k[6:].lower(), v) for k, v in os.environ.items() if k.startswith('REDIS_')]")
    for at, fill in enumerate(fills):
        server = _SERVER.replace("cfg.read(configfile)\n", f"cfg.read(configfile); {fill}\n")
        assert _findings(tmp_path / str(at), server=server) == [_HELPER_CALL, _SERVER_CALL], fill
    helper = _HELPER.replace("        self.serv_redis_db = serv_redis_db\n", "        self.serv_redis_db = serv_redis_db\n"
                             "        cfg.read_dict({'RedisGlobal': {'host': os.environ['REDIS_HOST']}})\n").replace("import redis\n", "import os\n\nimport redis\n", 1)
    assert _HELPER_CALL[0] in dict(_findings(tmp_path / "helper", helper=helper))


def test_another_module_filling_the_parser_keeps_both_calls(tmp_path: Path) -> None:
    """`from server import cfg` then a fill or an item stored in any case (configparser folds the option's)."""
    for at, fill in enumerate(("cfg.read_dict({'RedisGlobal': {'host': os.environ['REDIS_HOST']}})",
                               "cfg['RedisGlobal']['HOST'] = os.environ['REDIS_HOST']")):
        boot = f"import os\n\nfrom server import cfg\n\n{fill}\n"
        assert _findings(tmp_path / str(at), modules={"boot.py": boot}) == [_HELPER_CALL, _SERVER_CALL], fill


def test_another_file_read_after_the_copy_or_named_by_the_environment_keeps_both_calls(tmp_path: Path) -> None:
    """A second file read, or a path the environment names: that file decides, not the shipped copy."""
    reads = ("cfg.read(configfile); cfg.read('/etc/dashboard/override.cfg')", "cfg.read([configfile, '/etc/dashboard/override.cfg'])")
    servers = [_SERVER.replace("cfg.read(configfile)", read) for read in reads] + [_SERVER.replace(
        "configfile = os.path", "configfile = os.environ.get('DASH_CONFIG') or os.path")]
    for at, server in enumerate(servers):
        assert _findings(tmp_path / str(at), server=server) == [_HELPER_CALL, _SERVER_CALL], server


def test_a_second_caller_passing_a_parser_of_another_file_keeps_the_helpers_call(tmp_path: Path) -> None:
    """worker.py hands the helper a parser of `/etc/worker/worker.cfg`, a file the tree does not ship: the helper's
    option is that file's, not the dashboard's copy's."""
    worker = ("import configparser\n\nfrom helpers import geo_helper\n\ncfg = configparser.ConfigParser()\n"
              "cfg.read('/etc/worker/worker.cfg')\ngeo = geo_helper.Geo_helper(None, cfg)\n")
    assert _findings(tmp_path, modules={"worker.py": worker}) == [_HELPER_CALL]


def test_files_read_through_a_list_a_sum_or_a_loop_keep_both_calls(tmp_path: Path) -> None:
    """Final read of the mends: several files may reach `read` through a name, a list built with `+`, or a loop."""
    reads = ("paths = [configfile, configfile + '.local']\ncfg.read(paths)",
             "cfg.read([configfile] + sorted(os.listdir('/etc/dashboard')))",
             "for path in (configfile, configfile + '.local'):\n    cfg.read(path)")
    for at, read in enumerate(reads):
        server = _SERVER.replace("cfg.read(configfile)", read)
        assert [path for path, _ in _findings(tmp_path / str(at), server=server)] == [_HELPER_CALL[0], _SERVER_CALL[0]], read


def test_a_set_of_a_computed_section_or_an_item_stored_by_computed_keys_keeps_both_calls(tmp_path: Path) -> None:
    fills = ("section = 'RedisGlobal'; cfg.set(section, 'host', os.environ['REDIS_HOST'])",
             "for k, v in os.environ.items():\n    s, o = k[4:].split('__'); cfg[s][o] = v  # RedisGlobal")
    for at, fill in enumerate(fills):
        server = _SERVER.replace("cfg.read(configfile)\n", f"cfg.read(configfile)\n{fill}\n")
        assert [path for path, _ in _findings(tmp_path / str(at), server=server)] == [_HELPER_CALL[0], _SERVER_CALL[0]], fill


def test_a_project_helper_named_like_a_fill_decides_nothing(tmp_path: Path) -> None:
    """`files.read_file("README.md")` is the project's own function, no parser's `read_file`."""
    files = "def read_file(path):\n    with open(path) as handle:\n        return handle.read()\n"
    about = "from files import read_file\n\n\ndef about():\n    return read_file('README.md')\n"
    assert _findings(tmp_path, modules={"files.py": files, "about.py": about}) == []
