"""PRR501 and the `serving` scope: framework hooks the framework never calls (project/framework_hooks.py),
a model's static methods and properties nothing calls by name, and a module function's name that
another file holds only as another object's method (project/foreign_calls.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

VIEWS = "from flask import Flask\n\napp = Flask(__name__)\n\n@app.get('/a')\ndef a():\n    return 'ok'\n"
TAGS = (
    "from django import template\nfrom svc.utils import url_exists\n\nregister = template.Library()\n\n"
    "class ImagePreviewNode(template.Node):\n    def __init__(self, instance):\n        self.instance = instance\n\n"
    "    def render(self, context):\n        return url_exists(self.instance)\n\n"
    "@register.tag\ndef image_preview(parser, token):\n    return ImagePreviewNode(token.split_contents()[1])\n\n"
    "@register.filter(name='remote_size')\ndef size_of(url):\n    return len(url_exists(url))\n"
)
UTILS = "import requests\n\ndef url_exists(url):\n    return requests.head(url).text\n"


def _found(tmp_path: Path, files: Dict[str, str]) -> List[Tuple[str, int]]:
    return sorted((f.path, f.span.line) for f in run_on_disk(tmp_path, files, select=("PRR501",)).findings)


def _project(**extra: str) -> Dict[str, str]:
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/utils.py": UTILS, "svc/templatetags/__init__.py": "",
             "svc/templatetags/base_tags.py": TAGS}
    files.update(extra)
    return files


def test_a_template_tag_no_template_uses_never_runs(tmp_path: Path) -> None:
    """tendenci's `{% image_preview %}`: registered, used by no template; its node's `render` and the
    helper it calls never run. A tag or filter a template uses stays."""
    assert _found(tmp_path, _project()) == []
    page = "{% load base_tags %}{% image_preview obj %}\n"
    assert _found(tmp_path, _project(**{"svc/templates/page.html": page})) == [("svc/utils.py", 4)]
    (tmp_path / "svc/templates/page.html").write_text("{{ url|remote_size }}\n")
    assert _found(tmp_path, _project(**{"svc/templates/page.html": "{{ url|remote_size }}\n"})) == [("svc/utils.py", 4)]


FORMS = (
    "import requests\nfrom django import forms\n\nclass DataFileForm(forms.Form):\n    file = forms.FileField(required=False)\n\n"
    "    def clean_url(self):\n        return requests.head(self.cleaned_data.get('url')).url\n\n"
    "    def clean_file(self):\n        return requests.head(self.cleaned_data.get('file')).url\n\n"
    "class LinkForm(forms.ModelForm):\n    class Meta:\n        model = object\n        fields = ['url']\n\n"
    "    def clean_url(self):\n        return requests.head(self.cleaned_data.get('url')).url\n\n"
    "    def clean_title(self):\n        return requests.head(self.cleaned_data.get('title')).url\n"
)


def test_a_form_cleaner_for_a_field_the_form_does_not_have_never_runs(tmp_path: Path) -> None:
    """mathesar's `DataFileForm.clean_url`: Django calls `clean_<name>` only for the form's fields
    (declared, or a model form's `Meta.fields`); the cleaners of its fields stay."""
    assert _found(tmp_path, _project(**{"svc/forms.py": FORMS})) == [("svc/forms.py", 11), ("svc/forms.py", 19)]
    added = FORMS.replace("    def clean_url(self):\n        return requests.head(self.cleaned_data.get('url')).url\n\n    def clean_file",
                          "    def __init__(self, *args, **kwargs):\n        super().__init__(*args, **kwargs)\n"
                          "        self.fields['url'] = forms.URLField()\n\n    def clean_url(self):\n"
                          "        return requests.head(self.cleaned_data.get('url')).url\n\n    def clean_file", 1)
    assert _found(tmp_path, _project(**{"svc/forms.py": added})) == [("svc/forms.py", 12), ("svc/forms.py", 15), ("svc/forms.py", 23)]


MODELS = (
    "import requests\nfrom django.db import models\n\nclass MetaData(models.Model):\n    @staticmethod\n"
    "    def media_upload(url):\n        return requests.get(url).content\n\n    @property\n    def gravatar_exists(self):\n"
    "        return requests.head('https://gravatar').ok\n"
)


def test_a_model_static_method_or_property_nothing_names_is_dead(tmp_path: Path) -> None:
    """kobocat's `MetaData.media_upload` (only tests call it) and `UserProfile.gravatar_exists` (no
    code or template reads it): Django calls neither as a hook; one a template reads stays."""
    test = "from svc.models import MetaData\n\ndef test_upload():\n    MetaData.media_upload('u')\n"
    assert _found(tmp_path, _project(**{"svc/models.py": MODELS, "tests/test_models.py": test})) == []
    page = "{{ meta.gravatar_exists }}\n"
    assert _found(tmp_path, _project(**{"svc/models.py": MODELS, "svc/templates/p.html": page})) == [("svc/models.py", 11)]


FILES = "import requests\n\ndef download_file(src, path):\n    return requests.get(src).content\n"
STORAGE = ("class S3Storage:\n    def __init__(self, client):\n        self.client = client\n\n"
           "    def download(self, src, target):\n        return self.client.download_file('bucket', src, target)\n")


def test_another_objects_method_of_that_name_does_not_call_a_module_function(tmp_path: Path) -> None:
    """A file that holds `download_file` only as `self.client.download_file(...)` (a boto client's
    method) does not keep the unused module function alive; a call through its module does."""
    files = _project(**{"svc/file.py": FILES, "svc/storage.py": STORAGE, "svc/views.py": VIEWS + "from svc import storage\n"})
    assert _found(tmp_path, files) == []
    files["svc/views.py"] = VIEWS + "from svc import storage, file\n\nDATA = file.download_file('https://x', '/tmp/x')\n"
    assert _found(tmp_path, files) == [("svc/file.py", 4)]
