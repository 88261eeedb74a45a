"""Immutable record classes, cheap to define.

dockwise defines about sixty small value types (syntax nodes, findings, shell words). On
Python 3.11 the standard ``@dataclass`` decorator costs about 1 ms *per class* when a module is
imported (it compiles several methods per class with ``exec``); together that was half of the
80 ms budget for linting one file from the command line. :func:`record` does the part dockwise
uses (an ``__init__`` from annotated fields with defaults, immutability, value equality,
ordering, ``repr``) with one small ``exec`` per class: about 0.15 ms. Type checkers understand
it through :pep:`681` (``typing.dataclass_transform``), so constructor calls are still checked.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")
_MISSING: Any = object()


class _Factory:
    """Marks a default computed per instance (``field(default_factory=dict)``)."""

    __slots__ = ("fn",)

    def __init__(self, fn: Callable[[], Any]) -> None:
        self.fn = fn


def field(*, default_factory: Callable[[], T]) -> T:
    """A per-instance default for a :func:`record` field:
    ``variables: dict = field(default_factory=dict)``."""
    return _Factory(default_factory)  # type: ignore[return-value]


def _setattr(self: object, name: str, value: object) -> None:
    raise AttributeError(f"{type(self).__name__} is immutable (cannot set {name!r})")


def _delattr(self: object, name: str) -> None:
    raise AttributeError(f"{type(self).__name__} is immutable (cannot delete {name!r})")


def _values(self: object) -> tuple[Any, ...]:
    d = self.__dict__
    return tuple(d[f] for f in type(self).__record_fields__)  # type: ignore[attr-defined]


def _eq(self: object, other: object) -> bool:
    if type(other) is not type(self):
        return NotImplemented
    return _values(self) == _values(other)


def _hash(self: object) -> int:
    return hash(_values(self))


def _repr(self: object) -> str:
    d = self.__dict__
    inner = ", ".join(f"{f}={d[f]!r}" for f in type(self).__record_fields__)  # type: ignore[attr-defined]
    return f"{type(self).__name__}({inner})"


def _lt(self: object, other: object) -> bool:
    if type(other) is not type(self):
        return NotImplemented
    return _values(self) < _values(other)


def _le(self: object, other: object) -> bool:
    if type(other) is not type(self):
        return NotImplemented
    return _values(self) <= _values(other)


def _gt(self: object, other: object) -> bool:
    if type(other) is not type(self):
        return NotImplemented
    return _values(self) > _values(other)


def _ge(self: object, other: object) -> bool:
    if type(other) is not type(self):
        return NotImplemented
    return _values(self) >= _values(other)


def _fields_of(cls: type) -> list[str]:
    fields: list[str] = []
    for klass in reversed(cls.__mro__):
        for name, annotation in inspect.get_annotations(klass).items():
            text = annotation if isinstance(annotation, str) else repr(annotation)
            if "ClassVar" in text:
                continue
            if name in fields:
                fields.remove(name)
            fields.append(name)
    return fields


@dataclass_transform(eq_default=True, order_default=False, kw_only_default=False,
                     frozen_default=True, field_specifiers=(field,))
def record(cls: type[T] | None = None, /, *, kw_only: bool = False, eq: bool = True,
           order: bool = False, frozen: bool = True) -> Any:
    """Turn an annotated class into a record.

    Args:
        kw_only: the generated ``__init__`` takes keyword arguments only.
        eq: compare (and, when frozen, hash) by field values; ``False`` keeps identity.
        order: define ``<``, ``<=``, ``>``, ``>=`` by field values, in field order.
        frozen: assigning or deleting an attribute raises ``AttributeError``.

    Fields are the annotated class attributes (inherited ones first; ``ClassVar`` excluded);
    a class attribute value is the field's default, :func:`field` a per-instance default.
    """

    def wrap(klass: type[T]) -> type[T]:
        fields = _fields_of(klass)
        namespace: dict[str, Any] = {"_M": _MISSING}
        params, prologue = [], []
        seen_default = False
        for name in fields:
            default = klass.__dict__.get(name, _MISSING)
            if default is _MISSING:
                for base in klass.__mro__[1:]:
                    if name in base.__dict__:
                        default = base.__dict__[name]
                        break
            if default is _MISSING:
                if seen_default and not kw_only:
                    raise TypeError(f"{klass.__name__}: field {name!r} without a default "
                                    "follows one with a default")
                params.append(name)
            elif isinstance(default, _Factory):
                seen_default = True
                namespace[f"_d_{name}"] = default.fn
                params.append(f"{name}=_M")
                prologue.append(f"    if {name} is _M: {name} = _d_{name}()\n")
            else:
                seen_default = True
                namespace[f"_d_{name}"] = default
                params.append(f"{name}=_d_{name}")
        signature = ", ".join(params)
        if kw_only and params:
            signature = "*, " + signature
        assign = ", ".join(f"{f}={f}" for f in fields)
        source = (f"def __init__(self{', ' if signature else ''}{signature}):\n"
                  + "".join(prologue) + f"    self.__dict__.update({assign})\n")
        exec(source, namespace)
        init = namespace["__init__"]
        init.__qualname__ = f"{klass.__qualname__}.__init__"
        methods: dict[str, Any] = {"__init__": init, "__record_fields__": tuple(fields),
                                   "__match_args__": tuple(fields)}
        if "__repr__" not in klass.__dict__:
            methods["__repr__"] = _repr
        if eq and "__eq__" not in klass.__dict__:
            methods["__eq__"] = _eq
            methods["__hash__"] = _hash if frozen else None
        if order:
            methods.update(__lt__=_lt, __le__=_le, __gt__=_gt, __ge__=_ge)
        if frozen:
            methods.update(__setattr__=_setattr, __delattr__=_delattr)
        for name, value in methods.items():
            setattr(klass, name, value)
        return klass

    if cls is None:
        return wrap
    return wrap(cls)


def replace(obj: T, **changes: Any) -> T:
    """A copy of record ``obj`` with some fields changed."""
    values = {f: obj.__dict__[f] for f in type(obj).__record_fields__}  # type: ignore[attr-defined]
    values.update(changes)
    new = object.__new__(type(obj))
    new.__dict__.update(values)
    return new


def fields(obj: object) -> tuple[str, ...]:
    """The field names of a record class or instance."""
    cls = obj if isinstance(obj, type) else type(obj)
    return cls.__record_fields__  # type: ignore[attr-defined]
