"""Dataclasses to JSON and back, field by field, without knowing the fields in advance.

Only plain values travel: None, bool, int, float, str, list, tuple, dict, set, frozenset,
Path, compiled patterns (``regex`` or ``re``, recompiled on load) and instances of the
dataclasses the caller allows by name. A value shared by several places (one Rule in the
rule table and in its variants) is written once and shared again after loading. Decoding
builds nothing but those values: a hostile file can at worst fail to decode.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path, PurePath

import regex

_REGEX_TYPE = type(regex.compile(""))
_RE_TYPE = type(re.compile(""))


class DecodeError(ValueError):
    """The data is not what ``encode`` writes."""


def schema(*classes: type) -> str:
    """A fingerprint of the classes' field names and declared types: changes when a field does."""
    text = "|".join(f"{c.__name__}:" + ",".join(f"{f.name}={f.type}" for f in dataclasses.fields(c)) for c in classes)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def encode(value, classes: dict[str, type]) -> str:
    """``value`` as a JSON document; dataclass instances must be of a class in ``classes``."""
    seen: dict[int, int] = {}
    keep: list = []  # holds encoded objects alive so that their ids stay unique

    def enc(v):
        if v is None or isinstance(v, (bool, int, float, str)):
            return v
        if isinstance(v, list):
            return [enc(x) for x in v]
        if isinstance(v, tuple):
            return {"$t": [enc(x) for x in v]}
        if isinstance(v, frozenset):
            return {"$fs": sorted((enc(x) for x in v), key=repr)}
        if isinstance(v, set):
            return {"$s": sorted((enc(x) for x in v), key=repr)}
        if isinstance(v, dict):
            return {"$d": [[enc(k), enc(x)] for k, x in v.items()]}
        if isinstance(v, PurePath):
            return {"$p": str(v)}
        if isinstance(v, _REGEX_TYPE):
            return {"$rx": v.pattern, "f": v.flags}
        if isinstance(v, _RE_TYPE):
            return {"$re": v.pattern, "f": v.flags}
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            name = type(v).__name__
            if classes.get(name) is not type(v):
                raise TypeError(f"cannot encode a {name}")
            if id(v) in seen:
                return {"$ref": seen[id(v)]}
            seen[id(v)] = len(seen)
            keep.append(v)
            return {"$dc": name, "n": seen[id(v)], "v": [enc(getattr(v, f)) for f in _names(type(v))]}
        raise TypeError(f"cannot encode a {type(v).__name__}")

    body = enc(value)
    header = _header(classes)
    return json.dumps({"$doc": header, "value": body}, ensure_ascii=False, separators=(",", ":"))


def decode(text: str | bytes, classes: dict[str, type]):
    """The value ``encode`` wrote; DecodeError for anything else.

    JSON's own parser builds lists and strings; a hook turns each tagged object into its value
    as the parser closes it (inner values first, so a shared object is defined before it is
    referred to again).
    """
    made: dict[int, object] = {}

    def hook(v: dict):
        if len(v) == 0 or "$doc" in v:
            return v
        tag = next(iter(v))
        body = v[tag]
        if tag == "$t":
            return tuple(_list(body))
        if tag == "$fs":
            return frozenset(_list(body))
        if tag == "$s":
            return set(_list(body))
        if tag == "$d":
            out = {}
            for pair in _list(body):
                if not isinstance(pair, list) or len(pair) != 2:
                    raise DecodeError("bad mapping entry")
                out[pair[0]] = pair[1]
            return out
        if tag == "$p":
            return Path(_str(body))
        if tag in ("$rx", "$re"):
            flags = v.get("f", 0)
            if not isinstance(flags, int):
                raise DecodeError("bad pattern flags")
            return (regex if tag == "$rx" else re).compile(_str(body), flags)
        if tag == "$ref":
            if not isinstance(body, int) or body not in made:
                raise DecodeError("reference to an object not yet read")
            return made[body]
        if tag == "$dc":
            cls = classes.get(_str(body))
            values, number = v.get("v"), v.get("n")
            if cls is None or not isinstance(values, list) or len(values) != len(_names(cls)):
                raise DecodeError(f"{body!r}: not a known class, or its fields differ")
            if not isinstance(number, int):
                raise DecodeError(f"{body!r}: no object number")
            obj: object = object.__new__(cls)  # fields set one by one: frozen classes and init=False work too
            for name, value in zip(_names(cls), values):
                object.__setattr__(obj, name, value)
            made[number] = obj
            return obj
        raise DecodeError(f"unknown tag {tag!r}")

    try:
        doc = json.loads(text, object_hook=hook)
    except DecodeError:
        raise
    except (ValueError, TypeError, RecursionError, re.error, regex.error) as exc:
        raise DecodeError(str(exc)) from None
    if not isinstance(doc, dict) or doc.get("$doc") != _header(classes):
        raise DecodeError("written for other classes")
    return doc["value"]


@lru_cache(maxsize=64)
def _names(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls)]


def _header(classes: dict[str, type]) -> list:
    """Each class with its fields, in order: a document is read only by the classes it was written for."""
    return [[name, _names(cls)] for name, cls in sorted(classes.items())]


def _list(v) -> list:
    if not isinstance(v, list):
        raise DecodeError("expected a list")
    return v


def _str(v) -> str:
    if not isinstance(v, str):
        raise DecodeError("expected a string")
    return v
