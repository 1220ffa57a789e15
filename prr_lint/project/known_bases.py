"""External bases whose calls into a subclass are known (PRR501's dead code, project/dead_code.py).

A class with an external base may have public methods the framework calls by name as hooks, so
dead_code.py keeps them. Some bases call only their own API on a subclass: requests' Session runs
`request`, `send`, `prepare_request` and the like, never a client's own `get_meeting`; Django's
`Model` runs `save`, `delete`, `clean`, `get_absolute_url`, `natural_key` and its checks, never a
model mixin's `deprovision_redis` (opencraft's, which nothing calls); django-solo's `SingletonModel`
is such a model, with class methods of its own that load the one row (series-tiempo-ar-api's
`ImportConfig.get_results`, which nothing calls); Flask-SQLAlchemy's `db.Model` is mapped by SQLAlchemy,
which calls a model's dunders and the methods a decorator registers, never oadoi's `Pub.do_not_refresh`,
which nothing calls; parasolr's `Indexable` (a model's Solr indexing mixin) asks a row for its index data and
id, never mep-django's `Work.populate_from_worldcat`, which only a management command calls (command_calls.py).
Django's auth user bases (`AbstractBaseUser`, `PermissionsMixin`, `AbstractUser`) are such models: its backends, sessions,
password forms, admin and templates ask a user for its credentials, flags, names and permissions, never for tin's
`User.api_request` (a client of another service that only its own retry calls).
Django's `Manager` runs its own API and its query set's (`get_queryset`, `filter`, `create`),
and what Django's own code asks of a model's default manager (`get_by_natural_key` when it loads fixtures or
authenticates, a user manager's `create_superuser`), never ubyssey's `EventManager.wp_events_api_get_type_ids`,
which only a commented-out line names. Tornado's `RequestHandler` dispatches a request to the method of its verb and
runs its own hooks (`prepare`, `on_finish`, `get_current_user`), never TorCMS's `get_location`, whose only call is
commented out. github3.py's `GitHub` client calls only its own API on itself, never code-intelligence's
`GitHubApp.get_reactions`, which nothing calls. A method of any other name
in a lineage whose every external base is such a base runs only when the project calls it by name
(or a template, a setting or a serializer's field list names it: those are words dead_code.py counts).
"""

from __future__ import annotations

from typing import FrozenSet, Iterable

_SESSION_API = frozenset({
    "request", "get", "options", "head", "post", "put", "patch", "delete", "send", "prepare_request", "close", "mount",
    "get_adapter", "merge_environment_settings", "rebuild_auth", "rebuild_proxies", "rebuild_method",
    "resolve_redirects", "get_redirect_target", "should_strip_auth"})
# What Django (the ORM, forms, admin, serializers, sitemaps, system checks) calls on a model.
_MODEL_API = frozenset({
    "from_db", "refresh_from_db", "arefresh_from_db", "get_deferred_fields", "serializable_value", "save", "asave",
    "save_base", "delete", "adelete", "prepare_database_save", "clean", "clean_fields", "full_clean", "validate_unique",
    "validate_constraints", "get_constraints", "unique_error_message", "date_error_message", "get_absolute_url",
    "natural_key", "check", "_get_pk_val", "_set_pk_val", "_save_parents", "_save_table", "_do_update", "_do_insert",
    "_get_unique_checks", "_perform_unique_checks", "_perform_date_checks", "_get_FIELD_display",
    "_get_next_or_previous_by_FIELD", "_get_next_or_previous_in_order", "_prepare_related_fields_for_save"})
# Methods Django generates per field or runs as system checks: an override keeps its name's shape.
_MODEL_PREFIXES = ("get_next_by_", "get_previous_by_", "_check_")
_MODEL_SUFFIXES = ("_display",)
_SINGLETON_API = frozenset({"get_solo", "aget_solo", "get_cache_key", "clear_cache", "set_to_cache"})
# Flask-SQLAlchemy's `db.Model`: SQLAlchemy's mapper calls dunders and what a decorator registers (`@validates`,
# `@reconstructor`), and the extension adds only its query attributes.
_FLASK_MODEL_API = frozenset({"query", "query_class"})
# parasolr's Solr indexing mixin of a model: its signal handlers and `index` command call what it declares (the
# data of a row, its id and type, the rows of a class to index and how to chunk them), never a model's own
# `populate_from_catalogue(record)`.
_INDEXABLE_API = frozenset({
    "_init_solr", "all_indexables", "index_item_type", "items_to_index", "total_to_index", "prep_index_chunk", "index_id",
    "index_data", "index", "index_items", "remove_from_index", "identify_index_dependencies"})
# What Django's auth asks of a user model beyond the model API: `AbstractBaseUser`'s, `PermissionsMixin`'s and
# `AbstractUser`'s methods, and the fields and flags it reads by name (a backend's `getattr(user, "is_active")`, the
# admin's `is_staff`, a password validator's `first_name`), which a project property may take the place of.
_USER_API = _MODEL_API | frozenset({
    "get_username", "natural_key", "is_anonymous", "is_authenticated", "set_password", "check_password", "acheck_password",
    "set_unusable_password", "has_usable_password", "get_session_auth_hash", "get_session_auth_fallback_hash",
    "_get_session_auth_hash", "_legacy_get_session_auth_hash", "get_email_field_name", "normalize_username", "password",
    "_password", "last_login", "is_active", "USERNAME_FIELD", "EMAIL_FIELD", "REQUIRED_FIELDS", "is_superuser", "groups",
    "user_permissions", "get_user_permissions", "get_group_permissions", "get_all_permissions", "has_perm", "has_perms",
    "has_module_perms", "aget_user_permissions", "aget_group_permissions", "aget_all_permissions", "ahas_perm",
    "ahas_perms", "ahas_module_perms", "username", "username_validator", "first_name", "last_name", "email", "is_staff",
    "date_joined", "get_full_name", "get_short_name", "email_user"})
# What Django calls on a manager: the query set methods it proxies, the manager's own, what related managers,
# deserializers, authentication backends and `createsuperuser` ask of a model's manager.
_QUERY_SET_API = frozenset({
    "all", "none", "count", "dates", "datetimes", "distinct", "extra", "get", "get_or_create", "update_or_create", "create",
    "bulk_create", "bulk_update", "filter", "aggregate", "annotate", "alias", "complex_filter", "exclude", "in_bulk", "iterator",
    "latest", "earliest", "first", "last", "order_by", "select_for_update", "select_related", "prefetch_related", "values",
    "values_list", "update", "reverse", "defer", "only", "using", "exists", "contains", "explain", "raw", "union",
    "intersection", "difference", "delete", "aget", "acreate", "aget_or_create", "aupdate_or_create", "abulk_create",
    "abulk_update", "acount", "ain_bulk", "aiterator", "alatest", "aearliest", "afirst", "alast", "aaggregate", "aexists",
    "acontains", "aexplain", "aupdate", "adelete"})
_MANAGER_API = _QUERY_SET_API | frozenset({
    "get_queryset", "contribute_to_class", "deconstruct", "check", "db_manager", "from_queryset", "_get_queryset_methods",
    "_set_creation_counter", "get_prefetch_queryset", "get_prefetch_querysets", "_apply_rel_filters", "get_by_natural_key",
    "create_user", "create_superuser", "_create_user", "normalize_email", "make_random_password", "with_perm"})
# What Tornado calls on a request handler: the HTTP verbs it dispatches to, the hooks around a request, and the
# handler's own API its methods call on `self` (an override runs in their place); never TorCMS's `get_location`.
_TORNADO_HANDLER_API = frozenset({
    "get", "head", "post", "delete", "patch", "put", "options", "initialize", "prepare", "on_finish", "on_connection_close",
    "data_received", "settings", "clear", "set_default_headers", "set_status", "get_status", "set_header", "add_header",
    "clear_header", "get_argument", "get_arguments", "get_body_argument", "get_body_arguments", "get_query_argument",
    "get_query_arguments", "decode_argument", "cookies", "get_cookie", "set_cookie", "clear_cookie", "clear_all_cookies",
    "set_signed_cookie", "set_secure_cookie", "create_signed_value", "get_signed_cookie", "get_secure_cookie",
    "get_signed_cookie_key_version", "get_secure_cookie_key_version", "redirect", "write", "render", "render_linked_js",
    "render_embed_js", "render_linked_css", "render_embed_css", "render_string", "get_template_namespace",
    "create_template_loader", "flush", "finish", "detach", "send_error", "write_error", "get_error_html", "locale",
    "get_user_locale", "get_browser_locale", "current_user", "get_current_user", "get_login_url", "get_template_path",
    "xsrf_token", "check_xsrf_cookie", "xsrf_form_html", "static_url", "require_setting", "reverse_url", "compute_etag",
    "set_etag_header", "check_etag_header", "log_exception", "_execute", "_initialize", "_unimplemented_method", "_log",
    "_request_summary", "_handle_request_exception", "_ui_module", "_ui_method", "_get_argument", "_get_arguments",
    "_convert_header_value", "_break_cycles", "_get_raw_xsrf_token", "_decode_xsrf_token", "_clear_representation_headers"})
# github3.py's `GitHub` client (and `GitHubEnterprise`): a wrapper of GitHub's REST API that calls on itself only its own
# methods and its core's (`_get`, `_json`, `_iter`, `session`); the names of every release, 0.1 to 4.0.
_GITHUB3_API = frozenset({
    "_api", "_api_getter", "_api_setter", "_boolean", "_build_url", "_delete", "_get", "_getr", "_github_url",
    "_instance_or_null", "_iter", "_iter_follow", "_json", "_json_data", "_list_follow", "_patch", "_post", "_put",
    "_ratelimit_resource", "_refresh_to", "_rel_reg", "_remaining", "_remove_none", "_repr", "_request", "_session",
    "_strptime", "_time_format", "_uniq", "_update_attributes", "_uri", "_uri_parse", "activate_membership",
    "add_email_addresses", "admin_stats", "all_events", "all_organizations", "all_repositories", "all_users", "api",
    "app", "app_installation", "app_installation_for_organization", "app_installation_for_repository",
    "app_installation_for_user", "app_installation_repos", "app_installations", "as_dict", "as_json",
    "authenticated_app", "authorization", "authorizations", "authorize", "block", "blocked_users",
    "check_authorization", "create_gist", "create_gpg_key", "create_issue", "create_key", "create_repo",
    "create_repository", "create_user", "delete_email_addresses", "delete_key", "emails", "emojis", "etag", "feeds",
    "follow", "followed_by", "followers", "followers_of", "following", "from_dict", "from_json", "get_key", "gist",
    "gists", "gists_by", "gitignore_template", "gitignore_templates", "gpg_key", "gpg_keys", "is_blocking",
    "is_following", "is_starred", "is_subscribed", "is_watching", "issue", "issues", "issues_on", "iter_all_repos",
    "iter_all_users", "iter_authorizations", "iter_emails", "iter_events", "iter_followers", "iter_following",
    "iter_gists", "iter_issues", "iter_keys", "iter_notifications", "iter_org_issues", "iter_orgs",
    "iter_repo_issues", "iter_repos", "iter_starred", "iter_subscribed", "iter_subscriptions", "iter_user_issues",
    "iter_user_repos", "iter_user_teams", "json", "key", "keys", "last_modified", "license", "licenses",
    "list_authorizations", "list_emails", "list_events", "list_followers", "list_following", "list_gists",
    "list_issues", "list_keys", "list_orgs", "list_repo_issues", "list_repos", "list_starred", "list_subscribed",
    "list_user_issues", "list_watching", "login", "login_as_app", "login_as_app_installation", "markdown", "me",
    "membership_in", "meta", "new_session", "notifications", "octocat", "organization", "organization_issues",
    "organization_memberships", "organizations", "organizations_with", "project", "project_card", "project_column",
    "public_gists", "pubsubhubbub", "pull_request", "rate_limit", "ratelimit_remaining", "refresh", "repositories",
    "repositories_by", "repository", "repository_invitations", "repository_with_id", "requires_auth",
    "revoke_authorization", "revoke_authorizations", "search_code", "search_commits", "search_email",
    "search_issues", "search_repos", "search_repositories", "search_users", "session", "set_client_id",
    "set_user_agent", "star", "starred", "starred_by", "subscribe", "subscriptions", "subscriptions_for", "to_json",
    "unblock", "unfollow", "unstar", "unsubscribe", "unwatch", "update_me", "update_user", "url", "user",
    "user_issues", "user_teams", "user_with_id", "watch", "zen"})
_USER_BASES = ("models.AbstractBaseUser", "base_user.AbstractBaseUser", "models.AbstractUser", "models.PermissionsMixin",
               "models.User")
_KNOWN = {"requests.Session": (_SESSION_API, (), ()), "requests.sessions.Session": (_SESSION_API, (), ()),
          "django.db.models.Model": (_MODEL_API, _MODEL_PREFIXES, _MODEL_SUFFIXES),
          "django.db.models.base.Model": (_MODEL_API, _MODEL_PREFIXES, _MODEL_SUFFIXES),
          # django-solo's one-row model: Django's API and its own class methods that load and cache the row
          "solo.models.SingletonModel": (_MODEL_API | _SINGLETON_API, _MODEL_PREFIXES, _MODEL_SUFFIXES),
          "parasolr.indexing.Indexable": (_INDEXABLE_API, (), ()), "parasolr.django.indexing.ModelIndexable": (_INDEXABLE_API, (), ()),
          # Django's auth user bases, imported from `models` or (AbstractBaseUser) from `base_user`
          **{f"django.contrib.auth.{name}": (_USER_API, _MODEL_PREFIXES, _MODEL_SUFFIXES) for name in _USER_BASES},
          "django.db.models.Manager": (_MANAGER_API, (), ()), "django.db.models.manager.Manager": (_MANAGER_API, (), ()),
          # `class Pub(db.Model)`, `db = SQLAlchemy(app)`: the base by the class of the module's `db`
          "flask_sqlalchemy.SQLAlchemy.Model": (_FLASK_MODEL_API, (), ()), "flask_sqlalchemy.model.Model": (_FLASK_MODEL_API, (), ()),
          "tornado.web.RequestHandler": (_TORNADO_HANDLER_API, (), ()),
          **{f"github3.{module}{name}": (_GITHUB3_API, (), ()) for module in ("", "github.") for name in ("GitHub", "GitHubEnterprise")}}
KNOWN_BASES: FrozenSet[str] = frozenset(_KNOWN)
# Bases that call no method of a subclass by name: typing's protocols (`runtime_checkable`'s isinstance checks only
# that the names exist) and generics run nothing.
INERT_BASES = frozenset({"builtins.object", "object", "abc.ABC", "typing.Protocol", "typing_extensions.Protocol",
                         "typing.Generic", "typing_extensions.Generic"})
# Bases whose framework builds instances itself (the ORM builds a model from each row a query
# returns): a subclass no source names may still be built, so `unbuilt` never holds for it.
SELF_BUILT: FrozenSet[str] = frozenset({"django.db.models.Model", "django.db.models.base.Model", "solo.models.SingletonModel",
                                        "flask_sqlalchemy.SQLAlchemy.Model", "flask_sqlalchemy.model.Model",
                                        *(f"django.contrib.auth.{name}" for name in _USER_BASES)})


def base_calls(bases: Iterable[str], local: str) -> bool:
    """Whether one of `bases` (a lineage) is a known base that calls a method named `local`."""
    for base in bases:
        known = _KNOWN.get(base)
        if known is not None and (local in known[0] or local.startswith(known[1]) or local.endswith(known[2])):
            return True
    return False


def known_api_only(index, lineage: Iterable[str], local: str) -> bool:
    """Every external base of the class of `lineage` is a known base and none calls a method named `local`: the
    framework never runs it, only a call by name does (a Tornado handler's `get_location`)."""
    external = {base for base in lineage if base not in index.classes and base not in INERT_BASES}
    return bool(external) and external <= KNOWN_BASES and not base_calls(external, local)
