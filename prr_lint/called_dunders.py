"""Which `__name__`-shaped methods something other than the project's own code calls.

Python calls a fixed set of dunders (the data model: operators, attribute access, containers, context managers,
descriptors, pickling and copying, class creation), Python 2 a few more (`__unicode__`, `__nonzero__`), the standard
library some protocols (`__fspath__`, `__post_init__`, `__conform__`) and widely used libraries theirs (markupsafe's
`__html__`, NumPy's `__array__`, SQLAlchemy's `__declare_last__`, pydantic's `__get_validators__`). A method of that
shape outside the set (datenwerft's `VCPub.__logout_all__`) is an ordinary method: it runs only when code calls it by
name. So with `_sunder_` names: the standard library and common libraries call a few (Enum's `_missing_`, ctypes'
`_check_retval_`, IPython's `_repr_html_`); foi-flow's `camundaservice._getheaders_`, a private helper spelt with
underscores at both ends, runs only when code calls it.
"""

from __future__ import annotations

_DATA_MODEL = """
new init del repr str bytes format lt le eq ne gt ge hash bool getattr getattribute setattr delattr dir
get set delete set_name init_subclass class_getitem mro_entries prepare instancecheck subclasscheck subclasshook call
len length_hint getitem setitem delitem missing iter next reversed contains aiter anext await aenter aexit enter exit
add sub mul matmul truediv floordiv mod divmod pow lshift rshift and xor or
radd rsub rmul rmatmul rtruediv rfloordiv rmod rdivmod rpow rlshift rrshift rand rxor ror
iadd isub imul imatmul itruediv ifloordiv imod ipow ilshift irshift iand ixor ior
neg pos abs invert complex int float index round trunc floor ceil
buffer release_buffer sizeof reduce reduce_ex getnewargs getnewargs_ex getstate setstate copy deepcopy replace
fspath post_init conform adapt subclasses instancecheck annotate
"""
_PYTHON2 = """
unicode nonzero div rdiv idiv cmp rcmp coerce long oct hex getslice setslice delslice getinitargs
"""
# Protocols of widely used libraries, which they call on objects or classes of any lineage.
_LIBRARIES = """
html html_format json rich rich_repr rich_console rich_measure pretty pt_repr repr_args
array array_ufunc array_function array_wrap array_prepare array_finalize array_namespace dataframe
arrow_array arrow_c_array arrow_c_stream dlpack dlpack_device torch_function torch_dispatch geo_interface
clause_element composite_values declare_first declare_last table_cls tablename table_args mapper_args
get_validators modify_schema get_pydantic_core_schema get_pydantic_json_schema pydantic_init_subclass
pydantic_post_init post_init_post_parse attrs_post_init attrs_pre_init attrs_init acl resource_url sklearn_tags
sklearn_is_fitted sklearn_clone providedBy implemented bobo_traverse before_publishing_traverse browser_default
reduce_cython setstate_cython
"""
PYTHON_CALLED = frozenset(f"__{word}__" for word in (_DATA_MODEL + _PYTHON2 + _LIBRARIES).split())
# `_sunder_` hooks: Enum's, ctypes', and the display protocols of IPython and marimo (on objects of any lineage).
_SUNDER_HOOKS = """
missing generate_next_value ignore order numeric_repr add_alias add_value_alias check_retval
repr_html repr_markdown repr_svg repr_png repr_jpeg repr_latex repr_json repr_javascript repr_pdf repr_mimebundle
repr_pretty ipython_display ipython_key_completions mime display
"""
SUNDER_CALLED = frozenset(f"_{word}_" for word in _SUNDER_HOOKS.split())


def dunder_shaped(local: str) -> bool:
    """`__name__`: two underscores on each side of a name."""
    return len(local) > 4 and local.startswith("__") and local.endswith("__") and local[2] != "_" and local[-3] != "_"


def sunder_shaped(local: str) -> bool:
    """`_name_`: one underscore on each side of a name."""
    return len(local) > 2 and local.startswith("_") and local.endswith("_") and local[1] != "_" and local[-2] != "_"


def called_outside_code(local: str) -> bool:
    """Python, the standard library or a common library may call the method `local` without code naming it: a dunder
    or a `_sunder_` of the sets above (Enum's `_missing_`), or another name with underscores at both ends (`_`)."""
    if dunder_shaped(local):
        return local in PYTHON_CALLED
    if sunder_shaped(local):
        return local in SUNDER_CALLED
    return local.startswith("_") and local.endswith("_")
