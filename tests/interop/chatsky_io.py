#!/usr/bin/env python3
"""Drive the *real* Chatsky package (0.8.x or 0.9.x) or its predecessor dff 0.7.x for the Rust interop tests.

The Rust tests run this file with the interpreter of one of the virtual environments made by
``scripts/interop-env``::

    <venv>/bin/python tests/interop/chatsky_io.py <command> [--url URL] [--key KEY] ...

Every command prints exactly ONE JSON object on stdout (``normalize`` prints one JSON object per input
line) and exits with status 0. Exceptions raised inside Chatsky, pydantic, redis-py or the JSON parser are
*data*: they are reported as ``{"ok": false, "error": "<ExceptionClass>", "message": "..."}``. Only a usage
error (bad arguments) exits non-zero (argparse's status 2).

Commands (``URL`` is ``redis://...`` or ``unix:///path/to/sock[?db=N]``; ``rediss://`` works too):

    version                                   {"chatsky","pydantic","pydantic_core","redis","python"}
                                              (under dff also "dff"; "chatsky" is then the inert one
                                              dff 0.7.2 pulls in, or null)
    run   --url URL --key KEY --turns N [--key-type str|int]
                                              runs N turns of a small real Pipeline -> {"ok":true}
    put   --url URL --key KEY  < doc.json     set_item_async(KEY, <validated doc>) -> {"ok":true}
    get   --url URL --key KEY                 get_item_async(KEY) -> {"ok":true,"dump":"<model_dump_json()>"}
    has   --url URL --key KEY                 contains_async(KEY) -> {"ok":true,"value":bool}
    len   --url URL                           len_async()         -> {"ok":true,"value":int}
    del   --url URL --key KEY                 del_item_async(KEY) -> {"ok":true,"value":null}
    clear --url URL                           clear_async()       -> {"ok":true,"value":null}
    normalize [--schema-version-check]  < cases.jsonl
        Each input line is {"name": str, "input": "<JSON text>"} (or "input_b64": "<base64 of raw bytes>"
        to feed bytes that are not valid UTF-8). For each line, prints
        {"name","verdict":"accept"|"reject","output":<model_dump_json() text or null>,
         "error":"<Class>: msg" or null, "stage":"read"|"dump"|null}
        ``stage`` says where an error happened: "read" (the verdict is "reject") or "dump" (Chatsky read the
        document but cannot write it back, e.g. a lone surrogate; the verdict is "accept", output is null);
        "case" marks an input line that is not a valid case (error starts with "BadCase: ").
        Note: a document without "id" gets a fresh random uuid4 on every read, so its output is not stable.
        With --schema-version-check every line also carries "chatsky": "<version>" (under dff:
        "dff": "<version>"), so the caller can assert which release produced the verdicts.

Set CHATSKY_IO_DEBUG=1 to get the traceback of a reported error on stderr.

The same file works unchanged under dff 0.7, chatsky 0.8 and chatsky 0.9: the package and its version are
read with ``importlib.metadata`` and the API differences are handled below.

dff 0.7 is recognised by its ``dff`` distribution. The ``chatsky`` distribution cannot simply be required
to be absent: the dff 0.7.2 wheel declares an unpinned ``Requires-Dist: chatsky`` (the rename's transition
release), so ``pip install "dff[redis]==0.7.2"`` installs the newest chatsky (0.10.x) beside it, which dff
never imports. So: ``dff`` installed and ``chatsky`` absent or >= 0.10 -> dff mode; otherwise chatsky mode.
In dff 0.7 everything lives under ``dff.*`` (``dff.context_storages``, ``dff.script.Context`` with
``Context.cast``, ``dff.pipeline.Pipeline``), labels are 2-element arrays and there are no slots and no
pickling.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import binascii
import contextlib
import importlib.metadata
import json
import os
import sys
import traceback
from typing import Any, Callable, Dict, List, Optional

def _installed(dist: str) -> Optional[str]:
    """The installed version of a distribution, or None."""
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def _major_minor(version: str) -> tuple:
    return tuple(int(part) for part in version.split(".")[:2])


DFF_VERSION = _installed("dff")
_CHATSKY_INSTALLED = _installed("chatsky")
# dff 0.7.x: dff.* modules, Context.cast, 2-element labels, no slots, no pickling (see the module docstring
# for why an installed chatsky >= 0.10 does not count against it).
IS_07 = DFF_VERSION is not None and (
    _CHATSKY_INSTALLED is None or _major_minor(_CHATSKY_INSTALLED) >= (0, 10)
)

if IS_07:
    if _major_minor(DFF_VERSION) != (0, 7):
        raise SystemExit(f"chatsky_io.py supports dff 0.7, chatsky 0.8 and 0.9, found dff {DFF_VERSION}")
    CHATSKY_VERSION = _CHATSKY_INSTALLED  # inert under dff; only reported by `version`
    _MAJOR_MINOR = _major_minor(DFF_VERSION)
else:
    CHATSKY_VERSION = importlib.metadata.version("chatsky")
    _MAJOR_MINOR = _major_minor(CHATSKY_VERSION)
    if _MAJOR_MINOR >= (0, 10):
        # 0.10 changed the storage layout and API completely (section 3 of the format spec); not covered here.
        raise SystemExit(
            f"chatsky_io.py supports dff 0.7, chatsky 0.8 and 0.9, found chatsky {CHATSKY_VERSION}"
        )
# 0.8.x: chatsky.script / chatsky.pipeline, Context.cast, 2-element labels
IS_08 = not IS_07 and _MAJOR_MINOR < (0, 9)

# The real stdout is kept for our JSON. While Chatsky runs, anything it (or a library) prints goes to stderr,
# so stdout carries nothing but our JSON lines.
_REAL_STDOUT = sys.stdout


# --------------------------------------------------------------------------------------------------------
# Output helpers
# --------------------------------------------------------------------------------------------------------


def _clean(value: Any) -> Any:
    """Make every string encodable as UTF-8 (lone surrogates become the literal text ``\\udXXX``).

    Error messages can quote the input, and Python strings may hold lone surrogates, which neither UTF-8
    nor serde_json (as ``\\udXXX`` escapes) accepts. Valid strings are returned unchanged.
    """
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def emit(obj: Dict[str, Any]) -> None:
    """Print one compact JSON object (raw UTF-8, one line) on the real stdout."""
    line = json.dumps(_clean(obj), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    _REAL_STDOUT.buffer.write(line.encode("utf-8") + b"\n")
    _REAL_STDOUT.buffer.flush()


def error_message(exc: BaseException) -> str:
    """The exception's message. KeyError's str() adds quotes, so its first argument is used instead."""
    if isinstance(exc, KeyError) and exc.args:
        return str(exc.args[0])
    return str(exc)


def error_obj(exc: BaseException) -> Dict[str, Any]:
    return {"ok": False, "error": type(exc).__name__, "message": error_message(exc)}


def error_line(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {error_message(exc)}"


# --------------------------------------------------------------------------------------------------------
# Version-specific imports and the read path
# --------------------------------------------------------------------------------------------------------

if IS_07:
    # Importing dff applies nest_asyncio (dff/__init__.py); asyncio.run still works as usual.
    from dff.context_storages import RedisContextStorage, context_storage_factory  # noqa: E402
    from dff.script import Context  # noqa: E402
else:
    from chatsky.context_storages import RedisContextStorage, context_storage_factory  # noqa: E402

    if IS_08:
        from chatsky.script import Context  # noqa: E402
    else:
        from chatsky.core import Context  # noqa: E402


def to_context(obj: Any) -> "Context":
    """Exactly what RedisContextStorage does with a parsed document (read path and set_item_async)."""
    if IS_07 or IS_08:
        # dff 0.7 and 0.8 (same storage code): set_item_async does
        # `value if isinstance(value, Context) else Context.cast(value)` and get_item_async does
        # `Context.cast(json.loads(...))`. cast() turns any falsy value into a new empty Context, validates
        # a dict, parses a str as JSON *again* (model_validate_json), and raises ValueError otherwise.
        return Context.cast(obj)
    # 0.9: both paths are `Context.model_validate(obj)`.
    return Context.model_validate(obj)


def read_path(raw: bytes) -> "Context":
    """Chatsky's get_item_async, minus the GET: falsy -> KeyError, utf-8 decode, json.loads, validate."""
    if not raw:
        raise KeyError("No entry for key <normalize>.")
    return to_context(json.loads(raw.decode("utf-8")))


def make_storage(url: str) -> RedisContextStorage:
    """The factory only accepts redis:// (AssertionError otherwise), so other schemes are constructed directly.

    Both end up as ``Redis.from_url(url)`` with the whole URL.
    """
    if url.startswith("redis://"):
        return context_storage_factory(url)
    return RedisContextStorage(url)


async def close_storage(storage: RedisContextStorage) -> None:
    """Close the redis-py client so no 'Unclosed connection' warning is printed at exit."""
    client = getattr(storage, "_redis", None)
    if client is None:
        return
    closer = getattr(client, "aclose", None) or getattr(client, "close", None)
    if closer is not None:
        with contextlib.suppress(Exception):
            await closer()


# --------------------------------------------------------------------------------------------------------
# The demo pipeline used by `run`
# --------------------------------------------------------------------------------------------------------

# The user's side of the dialogue; turn i sends REQUESTS[i % len(REQUESTS)].
REQUESTS = ["Hi", "i'm fine, how are you?", "my name is Groot", "Ok, goodbye."]
# Expected path: start_node -Hi-> node1 -fine-> node2 -name-> node3 (slot person.name extracted) -bye-> node4
#                -Hi-> node1 -> ...; anything unexpected goes to fallback_node.


def build_pipeline_07(storage: RedisContextStorage):
    """The same greeting flow in dff 0.7's API (`build_pipeline` calls this under dff).

    dff 0.7 has no slots and no pickling, so the interesting parts differ: Message extras (a Location and a
    Keyboard, written as plain JSON objects after the declared fields), `commands`, the 0.7 attachment form
    ``{"files": [...]}`` with an HttpUrl, Message misc/annotations, a UTF-8 `bytes` value in misc (written as
    a str), a float that needs an exponent (its spelling depends on pydantic), and a pre-transitions
    processing function that stores the extracted name in the context-level misc.
    """
    import re

    from dff.pipeline import Pipeline
    from dff.script import PRE_TRANSITIONS_PROCESSING, RESPONSE, TRANSITIONS, Message
    from dff.script.conditions import exact_match
    from dff.script.core.message import Attachments, Button, Command, Image, Keyboard, Location

    def to(node: str, text: str) -> Dict[str, Any]:
        return {node: exact_match(Message(text=text))}  # 0.7: TRANSITIONS is {label: condition}

    def extract_name(ctx: Any, _pipeline: Any) -> None:
        # 0.7 processing functions mutate the context in place.
        request = ctx.last_request
        match = re.fullmatch(r"my name is (\w+)", (request.text if request is not None else None) or "")
        if match:
            ctx.misc["person"] = {"name": match.group(1)}

    script = {
        "greeting_flow": {
            "start_node": {
                RESPONSE: Message(),
                TRANSITIONS: to("node1", "Hi"),
            },
            "node1": {
                RESPONSE: Message(
                    text="Hi, how are you?",
                    misc={"mood": "friendly", "score": 0.5, "big": 1e16, "tags": ["greeting", "ünïcødé"]},
                    location=Location(longitude=30.3141, latitude=59.9386),  # an extra field
                ),
                TRANSITIONS: to("node2", "i'm fine, how are you?"),
            },
            "node2": {
                RESPONSE: Message(
                    text="Good. What is your name?",
                    annotations={"asked": "name"},
                    ui=Keyboard(buttons=[Button(text="ok", payload="p")]),  # an extra field
                ),
                # runs when the next request arrives while the dialogue is at node2
                PRE_TRANSITIONS_PROCESSING: {"extract_name": extract_name},
                TRANSITIONS: to("node3", "my name is Groot"),
            },
            "node3": {
                RESPONSE: Message(
                    text="Nice to meet you! Here is a picture.",
                    attachments=Attachments(files=[Image(source="https://example.com/cat.png", title="cat")]),
                    misc={"raw": b"bytes"},  # 0.7 never pickles: UTF-8 bytes are written as a str
                ),
                TRANSITIONS: to("node4", "Ok, goodbye."),
            },
            "node4": {
                RESPONSE: Message(text="bye", commands=[Command(command="/end")]),
                TRANSITIONS: to("node1", "Hi"),
            },
            "fallback_node": {RESPONSE: Message(text="Ooops"), TRANSITIONS: to("node1", "Hi")},
        }
    }
    start, fallback = ("greeting_flow", "start_node"), ("greeting_flow", "fallback_node")
    return Pipeline.from_script(script, start, fallback, context_storage=storage)


def build_pipeline(storage: RedisContextStorage):
    """A small greeting flow in the version's own API.

    The responses are deliberately non-trivial so the stored document exercises the interesting parts of
    the format: a Location and an Image attachment, Message misc/annotations, a `bytes` value in misc (which
    Chatsky pickles and lists in ``__pickled_extra_fields__``) and a regexp slot (pickled slot values).
    """
    if IS_07:
        return build_pipeline_07(storage)
    if IS_08:
        from chatsky.pipeline import Pipeline
        from chatsky.script import PRE_TRANSITIONS_PROCESSING, RESPONSE, TRANSITIONS, Message
        from chatsky.script.conditions import exact_match
        from chatsky.script.core.message import Image, Location
        from chatsky.slots import GroupSlot, RegexpSlot
        from chatsky.slots.processing import extract

        def to(node: str, text: str) -> Dict[str, Any]:
            return {node: exact_match(text)}  # 0.8: TRANSITIONS is {label: condition}

        pre_transition_key = PRE_TRANSITIONS_PROCESSING
        extract_name = extract("person.name")
    else:
        from chatsky import PRE_TRANSITION, RESPONSE, TRANSITIONS, Message, Pipeline
        from chatsky import Transition as Tr
        from chatsky.conditions import ExactMatch
        from chatsky.core.message import Image, Location
        from chatsky.processing import Extract
        from chatsky.slots import GroupSlot, RegexpSlot

        def to(node: str, text: str) -> List[Any]:
            return [Tr(dst=node, cnd=ExactMatch(text))]  # 0.9: TRANSITIONS is a list of Transition

        pre_transition_key = PRE_TRANSITION
        extract_name = Extract("person.name")

    script = {
        "greeting_flow": {
            "start_node": {
                RESPONSE: Message(),
                TRANSITIONS: to("node1", "Hi"),
            },
            "node1": {
                RESPONSE: Message(
                    text="Hi, how are you?",
                    attachments=[Location(longitude=30.3141, latitude=59.9386)],
                    misc={"mood": "friendly", "score": 0.5, "tags": ["greeting", "ünïcødé"]},
                ),
                TRANSITIONS: to("node2", "i'm fine, how are you?"),
            },
            "node2": {
                RESPONSE: Message(text="Good. What is your name?", annotations={"asked": "name"}),
                # runs when the next request arrives while the dialogue is at node2
                pre_transition_key: {"extract_name": extract_name},
                TRANSITIONS: to("node3", "my name is Groot"),
            },
            "node3": {
                RESPONSE: Message(
                    text="Nice to meet you! Here is a picture.",
                    attachments=[Image(source="https://example.com/cat.png", title="cat")],
                    misc={"raw": b"\x00\xffbytes"},  # bytes are always pickled (base64 pickle in JSON)
                ),
                TRANSITIONS: to("node4", "Ok, goodbye."),
            },
            "node4": {RESPONSE: Message(text="bye"), TRANSITIONS: to("node1", "Hi")},
            "fallback_node": {RESPONSE: Message(text="Ooops"), TRANSITIONS: to("node1", "Hi")},
        }
    }
    slots = GroupSlot(person=GroupSlot(name=RegexpSlot(regexp=r"my name is (\w+)", match_group_idx=1)))
    start, fallback = ("greeting_flow", "start_node"), ("greeting_flow", "fallback_node")
    if IS_08:
        return Pipeline.from_script(script, start, fallback, slots=slots, context_storage=storage)
    return Pipeline(script, start, fallback, slots=slots, context_storage=storage)


# --------------------------------------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------------------------------------


def cmd_version(_: argparse.Namespace) -> Dict[str, Any]:
    def ver(dist: str) -> Optional[str]:
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            return None

    versions: Dict[str, Any] = {"dff": DFF_VERSION} if IS_07 else {}
    return {
        **versions,
        "chatsky": CHATSKY_VERSION,
        "pydantic": ver("pydantic"),
        "pydantic_core": ver("pydantic-core"),
        "redis": ver("redis"),
        "python": ".".join(str(p) for p in sys.version_info[:3]),
    }


def check_dff_turn(ctx: Any, turn: int) -> None:
    """Fail `run` if a dff 0.7 turn went wrong.

    dff's pipeline catches an exception inside the actor, logs it and still stores the context, which then
    has no new label/response and a leftover ``framework_states["actor"]`` (the actor sets it first thing
    and deletes it as its very last step). That happens e.g. with pydantic >= 2.11 (``Node`` is not fully
    defined). Without this check `run` would report success and the tests would compare a broken document.
    """
    if "actor" in ctx.framework_states or not ctx.responses:
        raise RuntimeError(
            f"dff pipeline turn {turn + 1} failed (see the logged traceback on stderr): "
            f"framework_states={ctx.framework_states!r}, {len(ctx.requests)} requests, "
            f"{len(ctx.labels)} labels, {len(ctx.responses)} responses"
        )


def cmd_run(args: argparse.Namespace) -> Dict[str, Any]:
    if IS_07:
        from dff.script import Message
    elif IS_08:
        from chatsky.script import Message
    else:
        from chatsky import Message

    ctx_id: Any = int(args.key) if args.key_type == "int" else args.key

    async def main() -> None:
        storage = make_storage(args.url)
        try:
            pipeline = build_pipeline(storage)
            for turn in range(args.turns):
                request = Message(text=REQUESTS[turn % len(REQUESTS)])
                # _run_pipeline: get_async(ctx_id, default) -> run the script -> set_item_async(ctx_id, ctx).
                # update_ctx_misc puts something in the context-level misc too.
                misc = {"interop_turn": turn + 1}
                ctx = await pipeline._run_pipeline(request, ctx_id, update_ctx_misc=misc)
                if IS_07:
                    check_dff_turn(ctx, turn)
        finally:
            await close_storage(storage)

    asyncio.run(main())
    return {"ok": True}


def cmd_put(args: argparse.Namespace) -> Dict[str, Any]:
    raw = sys.stdin.buffer.read()

    async def main() -> None:
        storage = make_storage(args.url)
        try:
            # The same decoding as the read path, then the version's conversion, then SET through Chatsky.
            ctx = to_context(json.loads(raw.decode("utf-8")))
            await storage.set_item_async(args.key, ctx)
        finally:
            await close_storage(storage)

    asyncio.run(main())
    return {"ok": True}


def cmd_get(args: argparse.Namespace) -> Dict[str, Any]:
    async def main() -> str:
        storage = make_storage(args.url)
        try:
            ctx = await storage.get_item_async(args.key)
        finally:
            await close_storage(storage)
        return ctx.model_dump_json()

    return {"ok": True, "dump": asyncio.run(main())}


def _simple(method: str, with_key: bool) -> Callable[[argparse.Namespace], Dict[str, Any]]:
    """has/len/del/clear: call one storage coroutine and report its result as "value"."""

    def command(args: argparse.Namespace) -> Dict[str, Any]:
        async def main() -> Any:
            storage = make_storage(args.url)
            try:
                call = getattr(storage, method)
                return await (call(args.key) if with_key else call())
            finally:
                await close_storage(storage)

        return {"ok": True, "value": asyncio.run(main())}

    return command


def _decode_case_input(case: Dict[str, Any]) -> bytes:
    """The bytes Chatsky would GET: "input" as UTF-8, or raw bytes from "input_b64"."""
    if "input_b64" in case:
        return base64.b64decode(case["input_b64"])
    # surrogatepass: a lone surrogate in the case text becomes bytes that are invalid UTF-8, so the read
    # path fails the same way (UnicodeDecodeError) as it would on such bytes in Redis.
    return case["input"].encode("utf-8", "surrogatepass")


def _verdict(name: Any, verdict: str, output: Optional[str], error: Optional[str], stage: Optional[str]):
    return {"name": name, "verdict": verdict, "output": output, "error": error, "stage": stage}


def normalize_case(line: bytes, lineno: int) -> Dict[str, Any]:
    """One case: Chatsky's read path on the case's bytes, then model_dump_json() if the read succeeded."""
    name: Any = None
    try:
        case = json.loads(line)
        name = case.get("name", f"line {lineno}")
        raw = _decode_case_input(case)
    except (ValueError, TypeError, AttributeError, KeyError, binascii.Error) as exc:
        # A malformed *case* (not a malformed document): still one line, so the caller notices.
        return _verdict(name, "reject", None, "BadCase: " + error_line(exc), "case")
    try:
        ctx = read_path(raw)
    except Exception as exc:  # noqa: BLE001 - every failure of the read path is a verdict
        return _verdict(name, "reject", None, error_line(exc), "read")
    try:
        return _verdict(name, "accept", ctx.model_dump_json(), None, None)
    except Exception as exc:  # noqa: BLE001 - e.g. PydanticSerializationError (lone surrogate)
        return _verdict(name, "accept", None, error_line(exc), "dump")


def cmd_normalize(args: argparse.Namespace) -> None:
    for lineno, line in enumerate(sys.stdin.buffer, start=1):
        if not line.strip():
            continue
        result = normalize_case(line, lineno)
        if args.schema_version_check:
            if IS_07:
                result["dff"] = DFF_VERSION
            else:
                result["chatsky"] = CHATSKY_VERSION
        emit(result)


# --------------------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------------------


def parse_args(argv: List[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    def with_url(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--url", required=True, help="redis://..., rediss://... or unix:///path/to/sock")
        return p

    def with_key(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--key", required=True, help="context key (the Redis key is str(key))")
        return p

    sub.add_parser("version", help="versions of chatsky (or dff) and its main dependencies")
    run = with_key(with_url(sub.add_parser("run", help="run N turns of the demo pipeline")))
    run.add_argument("--turns", type=int, required=True)
    run.add_argument("--key-type", choices=["str", "int"], default="str", help="Python type of ctx_id")
    with_key(with_url(sub.add_parser("put", help="set_item_async(KEY, JSON document on stdin)")))
    with_key(with_url(sub.add_parser("get", help="get_item_async(KEY) and model_dump_json()")))
    with_key(with_url(sub.add_parser("has", help="contains_async(KEY)")))
    with_url(sub.add_parser("len", help="len_async() (DBSIZE)"))
    with_key(with_url(sub.add_parser("del", help="del_item_async(KEY)")))
    with_url(sub.add_parser("clear", help="clear_async() (FLUSHDB)"))
    norm = sub.add_parser("normalize", help="read path + model_dump_json for JSON-lines cases on stdin")
    norm.add_argument(
        "--schema-version-check",
        action="store_true",
        help='add "chatsky": VERSION (under dff: "dff": VERSION) to each line',
    )
    return parser.parse_args(argv)


COMMANDS: Dict[str, Callable[[argparse.Namespace], Any]] = {
    "version": cmd_version,
    "run": cmd_run,
    "put": cmd_put,
    "get": cmd_get,
    "has": _simple("contains_async", with_key=True),
    "len": _simple("len_async", with_key=False),
    "del": _simple("del_item_async", with_key=True),
    "clear": _simple("clear_async", with_key=False),
    "normalize": cmd_normalize,
}


def main(argv: List[str]) -> int:
    args = parse_args(argv)
    with contextlib.redirect_stdout(sys.stderr):  # keep stray prints off our stdout
        try:
            result = COMMANDS[args.command](args)
        except Exception as exc:  # noqa: BLE001 - errors inside Chatsky/redis are data, not crashes
            if os.environ.get("CHATSKY_IO_DEBUG"):
                traceback.print_exc(file=sys.stderr)  # the full story, on request
            result = error_obj(exc)
    if result is not None:  # normalize prints its own lines
        emit(result)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
