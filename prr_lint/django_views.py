"""The view a Django route registration in urls.py serves, under the decorators applied to it there.

`path("x", never_cache(require_safe(views.initiate)))` serves `views.initiate`: Django's view decorators, stacked
or not, are looked through. `path("x", require_safe(auth.api(views.search)))` serves what the project's decorator
returns, the view itself or a wrapper that calls it: both the decorator (its handler name, entry_marks.py) and the
view are the route's handlers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import libcst as cst

if TYPE_CHECKING:
    from prr_lint.resolve import Resolver


def unwrapped_view(resolver: "Resolver", expr: cst.Call) -> cst.BaseExpression:
    """`csrf_exempt(View.as_view())` -> `View.as_view()`, `never_cache(require_safe(views.initiate))` -> `views.initiate`."""
    unwrapped: cst.BaseExpression = expr
    while isinstance(unwrapped, cst.Call):
        name = resolver.qualified_name(unwrapped.func) or ""
        positional = [arg for arg in unwrapped.args if arg.keyword is None and not arg.star]
        if not (name.startswith("django.") and ".decorators." in name and len(positional) == 1):
            break
        unwrapped = positional[0].value
    return unwrapped


def decorated_view(resolver: "Resolver", expr: Optional[cst.BaseExpression]) -> Optional[cst.BaseExpression]:
    """The view a decorator other than Django's wraps (`auth.api(views.search)`, `auth.api(View.as_view())`), or None."""
    call = unwrapped_view(resolver, expr) if isinstance(expr, cst.Call) else None
    if not isinstance(call, cst.Call) or len(call.args) != 1 or call.args[0].keyword or call.args[0].star \
            or isinstance(call.func, cst.Attribute) and call.func.attr.value in ("as_view", "as_asgi", "as_wsgi"):
        return None
    view = call.args[0].value
    viewed = isinstance(view, cst.Call) and isinstance(view.func, cst.Attribute) and view.func.attr.value == "as_view"
    return view if isinstance(view, (cst.Name, cst.Attribute)) or viewed else None
