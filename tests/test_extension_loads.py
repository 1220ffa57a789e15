"""A loader whose names a fixed literal list spells loads exactly those modules (spelled_names.py): a discord.py
bot's `for cog in COGS: await bot.load_extension(cog)` loads no cog the list leaves out, and in a project whose
deployment runs the bot (`CMD ["python", "bot.py"]`) such a cog is not the service (unloaded_modules.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional

import pytest

from _serving import run_on_disk

LOAD = "        for cog in COGS:\n            await bot.load_extension(cog)\n"


def _bot(load: str = LOAD, names: str = 'COGS = ["cogs.weather", "cogs.admin"]\n', imports: str = "") -> str:
    return ("import asyncio\nimport importlib\nimport os\nimport pkgutil\n\nimport discord\nfrom discord.ext import commands\n" + imports
            + "\n" + names + "bot = commands.Bot(command_prefix='!', intents=discord.Intents.default())\n\n\n"
            "async def main():\n    async with bot:\n" + load + "        await bot.start(os.environ['TOKEN'])\n\n\n"
            "if __name__ == '__main__':\n    asyncio.run(main())\n")


def _cog(name: str, url: str) -> str:
    return ("import requests\nfrom discord.ext import commands\n\n\n"
            f"class {name}(commands.Cog):\n    @commands.command()\n    async def show(self, ctx):\n"
            f"        await ctx.send(requests.get('{url}').text)\n\n\n"
            f"async def setup(bot):\n    await bot.add_cog({name}(bot))\n")


COGS = {"cogs/__init__.py": "", "cogs/weather.py": _cog("Weather", "https://weather.example/now"),
        "cogs/admin.py": _cog("Admin", "https://admin.example/audit"),
        "cogs/old_quotes.py": _cog("Quotes", "https://quotes.example/random")}
DOCKERFILE = 'FROM python:3.11\nCOPY . /app\nWORKDIR /app\nCMD ["python", "bot.py"]\n'


def _findings(root: Path, bot: str, extra: Optional[Dict[str, str]] = None, dockerfile: bool = True) -> List[str]:
    files = {**COGS, "bot.py": bot, **(extra or {})}
    shipped = {"Dockerfile": DOCKERFILE} if dockerfile else {}
    result = run_on_disk(root, files, whole_project=True, on_disk_only=shipped, launch_files=tuple(shipped))
    return sorted(f.path for f in result.findings if f.rule == "PRR501")


LISTED = ["cogs/admin.py", "cogs/weather.py"]
EVERY = ["cogs/admin.py", "cogs/old_quotes.py", "cogs/weather.py"]


@pytest.mark.parametrize("bot", [
    _bot(),  # a module-level list, loaded one name at a time
    _bot(names="COGS = ('cogs.weather', 'cogs.admin')\n", load="        if len(COGS) > 0 and 'cogs.admin' in COGS:\n            print(len(COGS))\n" + LOAD),
    _bot(names="", load="        for cog in ['cogs.weather', 'cogs.admin']:\n            await bot.load_extension(cog)\n"),
    _bot(names='NAMES = ["weather", "admin"]\n', load="        for name in NAMES:\n            await bot.load_extension(f'cogs.{name}')\n"),
    _bot(load="        await asyncio.gather(*[bot.load_extension(cog) for cog in COGS])\n"),
    _bot(names='NAMES = ["weather", "admin"]\n', load="        for cog in [f'cogs.{name}' for name in NAMES]:\n            importlib.import_module(cog)\n"),
    _bot(names="", load="        cogs = {'cogs.weather', 'cogs.admin'}\n        for cog in cogs:\n            await bot.reload_extension(cog)\n"),
], ids=["module-list", "tuple-read-only", "literal", "f-string-names", "comprehension", "comprehension-of-names", "local-set"])
def test_a_cog_no_fixed_list_names_is_not_the_service_of_a_deployed_bot(tmp_path: Path, bot: str) -> None:
    assert _findings(tmp_path, bot) == LISTED


def test_a_bot_class_loading_its_list_in_its_setup_hook_loads_only_those(tmp_path: Path) -> None:
    bot = _bot(load="        pass\n").replace(
        "bot = commands.Bot(command_prefix='!', intents=discord.Intents.default())\n",
        "\n\nclass Bot(commands.Bot):\n    async def setup_hook(self):\n        for cog in COGS:\n            await self.load_extension(cog)\n\n\n"
        "bot = Bot(command_prefix='!', intents=discord.Intents.default())\n")
    assert _findings(tmp_path, bot) == LISTED


def test_a_bot_handed_to_a_loader_function_loads_its_list_or_any_cog_a_folder_listing_names(tmp_path: Path) -> None:
    """`async def load_cogs(bot)` in a module of the bot: the bot's type is not known, its library is."""
    head = "import os\n\nimport discord\n\nCOGS = ['cogs.weather', 'cogs.admin']\n\n\nasync def load_cogs(bot):\n"
    listed = head + "    for cog in COGS:\n        await bot.load_extension(cog)\n"
    listing = listed + "    for file_name in os.listdir('cogs'):\n        await bot.load_extension(f'cogs.{file_name[:-3]}')\n"
    bot = _bot(load="        await load_cogs(bot)\n", imports="from loader import load_cogs\n")
    assert _findings(tmp_path / "listed", bot, {"loader.py": listed}) == LISTED
    assert _findings(tmp_path / "listing", bot, {"loader.py": listing}) == EVERY


@pytest.mark.parametrize("bot", [
    _bot(load="        COGS.append('cogs.' + os.environ['EXTRA_COG'])\n" + LOAD),  # a list grown at run time
    _bot(names='COGS = ["cogs.weather", "cogs.admin"]\nCOGS += os.environ.get("EXTRA_COGS", "").split()\n'),
    _bot(load=LOAD + "        for info in pkgutil.iter_modules(['cogs']):\n            await bot.load_extension(f'cogs.{info.name}')\n"),
    _bot(names="", load="        for cog in os.environ['COGS'].split(','):\n            await bot.load_extension(cog)\n"),
    _bot(names="", load="        for cog in CONFIG['cogs']:\n            await bot.load_extension(cog)\n", imports="from config import CONFIG\n"),
    _bot(load="        await load_all(COGS)\n").replace("async def main", "async def load_all(cogs):\n    for cog in cogs:\n"
                                                          "        await bot.load_extension(cog)\n\n\nasync def main"),
    _bot(names="", load="        await bot.load_extensions(cogs)\n", imports="import cogs\n"),  # a library's bot walks the package
], ids=["appended", "extended", "walk-beside", "from-env", "from-config", "parameter", "library-walk"])
def test_a_list_the_code_may_change_or_a_name_it_computes_may_load_any_cog(tmp_path: Path, bot: str) -> None:
    extra = {"config.py": "import json\n\nCONFIG = json.load(open('config.json'))\n"}
    assert _findings(tmp_path, bot, extra) == EVERY


def test_without_a_known_entry_point_nothing_is_known_to_load_anything(tmp_path: Path) -> None:
    assert _findings(tmp_path, _bot(), dockerfile=False) == EVERY
