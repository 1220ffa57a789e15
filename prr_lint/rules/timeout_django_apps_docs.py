"""PRR501's documentation, the part on Django apps no shipped settings lists (project/disabled_apps.py): kept apart so
each docs module stays short; timeout_docs.py joins it in place."""

DJANGO_APPS_DOCS = """nor in a Django app no shipped settings lists: a package whose `apps` module defines an
        `AppConfig`, whose `INSTALLED_APPS` entry is only a comment, that no non-test source names in a string and no
        configuration or sample settings file names (not a Django fixture's `"model"`; its fields count). A membership
        test (`"pkg.share" in settings.INSTALLED_APPS`, `apps.is_installed("pkg.share")` or a project function only
        answering one) and Django's `reverse("pkg.share.views.push")` (a name only imports of `django.urls`' `reverse`
        or `reverse_lazy` bind, not any other `.reverse(...)`) enable nothing, nor does a string only the body of an
        `if` evaluates whose test, or an `and` conjunct, is the membership test of an app nothing lists (sharemyhealth's
        `if IsAppInstalled("apps.hie"): urlpatterns += [... include("apps.hie.urls")]`; not its `else`, a `not`, an
        `or`, nor a test in a module with a star import). Such a test holds nothing back unless every deployment lists
        the same apps: every change of `INSTALLED_APPS` literal, the names it adds bound only to literal strings (not
        to the environment, a loop's target or an import), no `settings.configure(INSTALLED_APPS=...)` and no settings
        module star-importing one the project does not ship (`from local_settings import *`). The app's code runs
        anyway in the modules code outside it imports and what they import (no `ready` connects its receivers, no
        autodiscovery finds its tasks), or in all of it once a loaded import names a module of it the analysis does
        not hold. No app is judged so when the settings build `INSTALLED_APPS` from anything but literals and other
        settings' names, a settings function's parameter being literal where every call passes a literal string
        (`_enable_conditional("djmongo")`: project/disabled_apps.py, project/settings_functions.py).
"""
