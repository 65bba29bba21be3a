#!/usr/bin/env python3
"""CPython's own verdict on pickles, for the differential test (tests/pickle_differential.rs).

Run with the interpreter of the chatsky 0.9 virtual environment (CHATSKY_INTEROP_PYTHON_09),
so that chatsky.slots.slots.SlotNotExtracted is the real class. Reads stdin line by line:

    seeds            prints pickle.dumps() of varied values (what Chatsky stores) for protocols
                     0-5, one hex line each, then the line "end"
    <hex>            one pickle: prints one JSON line
                     {"ok": bool, "error": "<Class>: msg" | null,
                      "resolved": ["module.name", ...]}  (every find_class call, in order, by the
                     name CPython's find_class resolves after its Python 2 renames)

The unpickler is CPython's own C `pickle.Unpickler`; only `find_class` is replaced: it records the
name, returns the real object for the allowed globals (so that their failures are real) and a
harmless stand-in for any other (nothing outside the allow-list is ever imported). Nothing here is
executed but what the allowed globals do.
"""

import _compat_pickle
import datetime
import decimal
import importlib
import io
import json
import pickle
import resource
import sys
import uuid

from chatsky.slots.slots import SlotNotExtracted

ALLOWED = {
    "builtins.range", "builtins.complex", "builtins.set", "builtins.frozenset",
    "builtins.bytearray", "datetime.datetime", "datetime.date", "datetime.time",
    "datetime.timedelta", "datetime.timezone", "decimal.Decimal", "uuid.UUID", "_codecs.encode",
    "chatsky.slots.slots.SlotNotExtracted", "copyreg._reconstructor", "builtins.object",
}

# How each opcode's argument is laid out, to find the protocol in force at each global
# (CPython's find_class renames Python 2 names only below protocol 3, and the C unpickler does
# not expose its protocol).
FIXED = {b"K": 1, b"M": 2, b"J": 4, b"G": 8, b"h": 1, b"j": 4, b"q": 1, b"r": 4,
         b"\x80": 1, b"\x82": 1, b"\x83": 2, b"\x84": 4, b"\x95": 8}
LINES = {b"I": 1, b"L": 1, b"F": 1, b"S": 1, b"V": 1, b"P": 1, b"g": 1, b"p": 1, b"c": 2, b"i": 2}
COUNTED = {b"\x8a": (1, True), b"\x8b": (4, True), b"U": (1, False), b"T": (4, False),
           b"C": (1, False), b"B": (4, False), b"\x8c": (1, False), b"X": (4, False),
           b"\x8d": (8, False), b"\x8e": (8, False), b"\x96": (8, False)}
GLOBAL_OPS = (b"c", b"i", b"\x93")


def global_protocols(data):
    """The protocol in force at each GLOBAL/INST/STACK_GLOBAL, in stream order."""
    protos, proto, pos = [], 0, 0
    while pos < len(data):
        op = data[pos:pos + 1]
        pos += 1
        if op in GLOBAL_OPS:
            protos.append(proto)
        if op in FIXED:
            arg = data[pos:pos + FIXED[op]]
            pos += FIXED[op]
            if op == b"\x80" and arg:
                proto = arg[0]
        elif op in LINES:
            for _ in range(LINES[op]):
                nl = data.find(b"\n", pos)
                if nl < 0:
                    return protos
                pos = nl + 1
        elif op in COUNTED:
            width, signed = COUNTED[op]
            n = int.from_bytes(data[pos:pos + width], "little", signed=signed)
            pos += width + max(n, 0)
        elif op == b".":
            break
    return protos


def effective(module, name, proto):
    if proto < 3:
        if (module, name) in _compat_pickle.NAME_MAPPING:
            return _compat_pickle.NAME_MAPPING[(module, name)]
        module = _compat_pickle.IMPORT_MAPPING.get(module, module)
    return module, name


class StandIn:
    """What a global outside the allow-list resolves to here: accepts everything."""

    def __new__(cls, *args, **kwargs):
        return object.__new__(cls)

    def __init__(self, *args, **kwargs):
        pass

    def __call__(self, *args, **kwargs):
        return StandIn()

    def __setstate__(self, state):
        pass

    def append(self, item):
        pass

    def extend(self, items):
        pass

    def add(self, item):
        pass

    def __setitem__(self, key, value):
        pass


class Memory(io.BytesIO):
    """The pickle as `pickle.loads` sees it. The C unpickler reads a file with `peek` into one
    buffer, as it reads a bytes object; without `peek` it reads a file piecewise, and a line or a
    string that crosses the end of a FRAME then comes out differently than from `loads`."""

    def peek(self, n=0):
        return self.getvalue()[self.tell():]


class Recorder(pickle.Unpickler):
    def __init__(self, data):
        super().__init__(Memory(data))
        self.protos = global_protocols(data)
        self.resolved = []

    def find_class(self, module, name):
        k = len(self.resolved)
        proto = self.protos[k] if k < len(self.protos) else 0
        module, name = effective(module, name, proto)
        full = f"{module}.{name}"
        self.resolved.append(full)
        if full in ALLOWED:
            return getattr(importlib.import_module(module), name)
        return StandIn


def verdict(data):
    u = Recorder(data)
    try:
        u.load()
        return {"ok": True, "error": None, "resolved": u.resolved}
    except BaseException as e:  # noqa: B036 - every exception is data here
        if isinstance(e, KeyboardInterrupt):
            raise
        return {"ok": False, "error": f"{type(e).__name__}: {str(e)[:200]}", "resolved": u.resolved}


def seed_values():
    e = SlotNotExtracted("Initial slot extraction.")
    e2 = SlotNotExtracted("x", 2)
    e2.extra = [1, b"2"]
    shared = [1, 2]
    return [
        None, True, False, 0, 1, -1, 255, 256, 65535, 2**31, -2**31 - 1, 2**64, -2**200, 1.5,
        float("inf"), float("nan"), -0.0, "groot", "", "é€😀", "a" * 300, b"", b"\x00\xff raw",
        bytearray(b"ab"), [], [1, [2, [3]]], (), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4),
        {"a": 1, "b": [None, 2.5]}, {1: "x", 2.0: "y", True: "z"}, {(1, 2): frozenset({3})},
        {1, 2, "x"}, frozenset(), frozenset({1, (2, 3)}), range(5), range(1, 10, 3), complex(1, -2),
        datetime.datetime(2024, 5, 6, 7, 8, 9, 123456),
        datetime.datetime(2024, 5, 6, tzinfo=datetime.timezone.utc),
        datetime.datetime(2024, 5, 6, fold=1, tzinfo=datetime.timezone(datetime.timedelta(hours=-3), "X")),
        datetime.date(2024, 12, 31), datetime.time(23, 59, 59, 999999),
        datetime.time(1, 2, tzinfo=datetime.timezone.utc), datetime.timedelta(days=-1, seconds=5),
        datetime.timedelta(999999999), datetime.timezone.utc, decimal.Decimal("1.5"),
        decimal.Decimal("-Infinity"), decimal.Decimal("NaN"), decimal.Decimal("1e-30"),
        uuid.UUID(int=5), uuid.UUID("12345678-1234-5678-1234-567812345678"), e, e2,
        [shared, shared], {"k": shared, "l": [shared]}, [e, e], (b"x", bytearray(b"y")),
        {"misc": {"when": datetime.date(2020, 1, 1), "set": {1, 2}, "n": decimal.Decimal("2")}},
    ]


def seeds():
    out = []
    for value in seed_values():
        for proto in range(6):
            out.append(pickle.dumps(value, protocol=proto).hex())
    return out


def main():
    # A pickle can make CPython allocate without bound (a PUT index of 2**32 grows the memo to
    # twice that many entries, and writes them all): cap the address space so that it raises
    # MemoryError here instead of having the machine's OOM killer end this process.
    limit = 3 << 30
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    out = sys.stdout
    for line in sys.stdin:
        line = line.strip()
        if line == "seeds":
            out.write("\n".join(seeds()) + "\nend\n")
        else:
            out.write(json.dumps(verdict(bytes.fromhex(line))) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
