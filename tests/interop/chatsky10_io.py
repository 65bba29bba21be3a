#!/usr/bin/env python3
"""Drive the *real* chatsky 0.10 (hash layout, spec section 3) for the Rust interop tests.

Run with the interpreter of the venv ``scripts/interop-env`` makes (``.venv-chatsky-0.10``)::

    <venv>/bin/python tests/interop/chatsky10_io.py <command> [--url URL] [--prefix P] [--key ID] ...

Every command prints exactly ONE JSON object on stdout (``fields`` prints one per input line) and exits 0.
Exceptions raised inside Chatsky, pydantic or redis-py are *data*: ``{"ok": false, "error": "<Class>",
"message": "..."}``. Only a usage error exits non-zero.

Commands (``--prefix`` is the storage's key_prefix, default ``chatsky_keys``):

    version                                {"chatsky","pydantic","pydantic_core","redis","python"}
    run    --url URL --key ID --turns N    N turns of a small real Pipeline on context ID -> {"ok":true}
    load   --url URL --key ID              Context.connected(storage, id=ID) with every turn read ->
                                           {"ok":true,"exists":bool,"current_turn_id":int,"created_at":int,
                                            "updated_at":int,"misc":"<json>","framework_data":"<json>",
                                            "labels":{"N":"<json>"},"requests":{...},"responses":{...}}
                                           (the JSON texts are what Chatsky itself would write for them)
    delete --url URL --key ID              storage.delete_context(ID) -> {"ok":true}
    clear  --url URL                       storage.clear_all() -> {"ok":true}
    fields < cases.jsonl
        Each input line is {"name", "kind": "label"|"message"|"main", "input": ...}: for label and message
        the stored bytes of one turn hash field (a string), for main an object {field: stored text} of the
        main hash (a missing field is absent). For each line prints {"name","verdict":"accept"|"reject",
        "output","error","stage"}: "output" is what Chatsky writes for the value it read (a string for label
        and message, an object of the five main fields for main), "stage" is "read" (rejected) or "dump"
        (read, but Chatsky cannot write it back: output is null).

Set CHATSKY_IO_DEBUG=1 to get the traceback of a reported error on stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.metadata
import json
import os
import sys
import traceback
from typing import Any, Dict, List, Optional

CHATSKY_VERSION = importlib.metadata.version("chatsky")
if tuple(int(p) for p in CHATSKY_VERSION.split(".")[:2]) != (0, 10):
    raise SystemExit(f"chatsky10_io.py drives chatsky 0.10, found {CHATSKY_VERSION}")

from pydantic import TypeAdapter  # noqa: E402

from chatsky import PRE_TRANSITION, RESPONSE, TRANSITIONS, Message, Pipeline  # noqa: E402
from chatsky import Transition as Tr  # noqa: E402
from chatsky.conditions import ExactMatch  # noqa: E402
from chatsky.context_storages import RedisContextStorage  # noqa: E402
from chatsky.context_storages.database import NameConfig  # noqa: E402
from chatsky.core import Context  # noqa: E402
from chatsky.core.ctx_utils import ContextMainInfo  # noqa: E402
from chatsky.core.message import Image, Location, Origin  # noqa: E402
from chatsky.core.node_label import AbsoluteNodeLabel  # noqa: E402
from chatsky.processing import Extract  # noqa: E402
from chatsky.slots import GroupSlot, RegexpSlot  # noqa: E402

_REAL_STDOUT = sys.stdout
ALL = {"labels": "__all__", "requests": "__all__", "responses": "__all__"}


def _clean(value: Any) -> Any:
    """Make every string encodable as UTF-8 (lone surrogates become the literal text ``\\udXXX``)."""
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def emit(obj: Dict[str, Any]) -> None:
    line = json.dumps(_clean(obj), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    _REAL_STDOUT.buffer.write(line.encode("utf-8") + b"\n")
    _REAL_STDOUT.buffer.flush()


def error_line(exc: BaseException) -> str:
    message = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
    return f"{type(exc).__name__}: {message}"


def storage(url: str, prefix: str) -> RedisContextStorage:
    return RedisContextStorage(url, partial_read_config=ALL, key_prefix=prefix)


async def close(db: RedisContextStorage) -> None:
    with contextlib.suppress(Exception):
        await db.database.aclose()


REQUESTS = ["Hi", "i'm fine, how are you?", "my name is Groot", "Ok, goodbye."]


def build_pipeline(db: RedisContextStorage) -> Pipeline:
    """The 0.9 greeting flow of chatsky_io.py in 0.10's API: attachments, Message misc/annotations, pickled
    bytes in misc, a regexp slot (pickled slot values)."""

    def to(node: str, text: str) -> List[Any]:
        return [Tr(dst=node, cnd=ExactMatch(text))]

    script = {
        "greeting_flow": {
            "start_node": {RESPONSE: Message(), TRANSITIONS: to("node1", "Hi")},
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
                PRE_TRANSITION: {"extract_name": Extract("person.name")},
                TRANSITIONS: to("node3", "my name is Groot"),
            },
            "node3": {
                RESPONSE: Message(
                    text="Nice to meet you! Here is a picture.",
                    attachments=[Image(source="https://example.com/cat.png", title="cat")],
                    misc={"raw": b"\x00\xffbytes"},
                ),
                TRANSITIONS: to("node4", "Ok, goodbye."),
            },
            "node4": {RESPONSE: Message(text="bye"), TRANSITIONS: to("node1", "Hi")},
            "fallback_node": {RESPONSE: Message(text="Ooops"), TRANSITIONS: to("node1", "Hi")},
        }
    }
    slots = GroupSlot(person=GroupSlot(name=RegexpSlot(regexp=r"my name is (\w+)", match_group_idx=1)))
    start, fallback = ("greeting_flow", "start_node"), ("greeting_flow", "fallback_node")
    return Pipeline(script, start, fallback, slots=slots, context_storage=db)


def cmd_version(_: argparse.Namespace) -> Dict[str, Any]:
    def ver(dist: str) -> Optional[str]:
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            return None

    return {
        "chatsky": CHATSKY_VERSION,
        "pydantic": ver("pydantic"),
        "pydantic_core": ver("pydantic-core"),
        "redis": ver("redis"),
        "python": ".".join(str(p) for p in sys.version_info[:3]),
    }


def cmd_run(args: argparse.Namespace) -> Dict[str, Any]:
    async def main() -> int:
        db = storage(args.url, args.prefix)
        try:
            await db.connect()
            pipeline = build_pipeline(db)
            ctx = None
            for turn in range(args.turns):
                # Every other request carries the messenger's raw update, made as the telegram interface
                # makes it (model_construct: the validator would try to unpickle it).
                raw_update = {"update_id": turn, "text": "raw"}
                origin = Origin.model_construct(message=raw_update, interface="interop") if turn % 2 else None
                request = Message(text=REQUESTS[turn % len(REQUESTS)], origin=origin)
                ctx = await pipeline._run_pipeline(request, args.key, update_ctx_misc={"interop_turn": turn + 1})
            return ctx.current_turn_id if ctx is not None else 0
        finally:
            await close(db)

    return {"ok": True, "current_turn_id": asyncio.run(main())}


def cmd_load(args: argparse.Namespace) -> Dict[str, Any]:
    async def main() -> Dict[str, Any]:
        db = storage(args.url, args.prefix)
        try:
            await db.connect()
            exists = await db.load_main_info(args.key) is not None
            ctx = await Context.connected(db, ("greeting_flow", "start_node"), args.key)
            main = ctx.model_dump(mode="python", include=set(NameConfig.get_context_main_fields))
            out: Dict[str, Any] = {"ok": True, "exists": exists}
            for field in ("current_turn_id", "created_at", "updated_at"):
                out[field] = main[field]
            out["misc"] = main["misc"].decode()
            out["framework_data"] = main["framework_data"].decode()
            for name, adapter in (
                ("labels", TypeAdapter(AbsoluteNodeLabel)),
                ("requests", TypeAdapter(Message)),
                ("responses", TypeAdapter(Message)),
            ):
                items = await getattr(ctx, name).items()
                out[name] = {str(k): adapter.dump_json(v).decode() for k, v in items}
            return out
        finally:
            await close(db)

    return asyncio.run(main())


def cmd_delete(args: argparse.Namespace) -> Dict[str, Any]:
    async def main() -> None:
        db = storage(args.url, args.prefix)
        try:
            await db.connect()
            await db.delete_context(args.key)
        finally:
            await close(db)

    asyncio.run(main())
    return {"ok": True}


def cmd_clear(args: argparse.Namespace) -> Dict[str, Any]:
    async def main() -> None:
        db = storage(args.url, args.prefix)
        try:
            await db.connect()
            await db.clear_all()
        finally:
            await close(db)

    asyncio.run(main())
    return {"ok": True}


def field_case(kind: str, given: Any) -> Dict[str, Any]:
    """Read one stored value as chatsky 0.10 does, then write it as Chatsky's store() would."""
    stage = "read"
    try:
        if kind == "main":
            # _load_main_info: HGET of each field (None when missing), then model_validate.
            raw = {f: given[f].encode("utf-8", "surrogatepass") if f in given else None
                   for f in NameConfig.get_context_main_fields}
            info = ContextMainInfo.model_validate(raw)
            stage = "dump"
            dump = info.model_dump(mode="python")
            output: Any = {
                f: dump[f].decode() if isinstance(dump[f], bytes) else str(dump[f])
                for f in NameConfig.get_context_main_fields
            }
        else:
            adapter = TypeAdapter(AbsoluteNodeLabel if kind == "label" else Message)
            value = adapter.validate_json(given.encode("utf-8", "surrogatepass"))
            stage = "dump"
            output = adapter.dump_json(value).decode()
        return {"verdict": "accept", "output": output, "error": None, "stage": None}
    except Exception as exc:  # noqa: BLE001 - every exception is data here
        if os.environ.get("CHATSKY_IO_DEBUG"):
            traceback.print_exc()
        verdict = "accept" if stage == "dump" else "reject"
        return {"verdict": verdict, "output": None, "error": error_line(exc), "stage": stage}


def cmd_fields(_: argparse.Namespace) -> None:
    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        emit({"name": case.get("name"), **field_case(case["kind"], case["input"])})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["version", "run", "load", "delete", "clear", "fields"])
    parser.add_argument("--url")
    parser.add_argument("--prefix", default="chatsky_keys")
    parser.add_argument("--key")
    parser.add_argument("--turns", type=int, default=1)
    args = parser.parse_args()
    # Whatever Chatsky or a library prints goes to stderr: stdout carries only our JSON.
    sys.stdout = sys.stderr
    if args.command == "fields":
        cmd_fields(args)
        return
    handler = {"version": cmd_version, "run": cmd_run, "load": cmd_load, "delete": cmd_delete,
               "clear": cmd_clear}[args.command]
    try:
        result = handler(args)
    except Exception as exc:  # noqa: BLE001
        if os.environ.get("CHATSKY_IO_DEBUG"):
            traceback.print_exc()
        result = {"ok": False, "error": type(exc).__name__, "message": error_line(exc)}
    emit(result)


if __name__ == "__main__":
    main()
