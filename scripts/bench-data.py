#!/usr/bin/env python3
"""Generate N Chatsky 0.9 contexts of about 4 KB for scripts/bench, and the same dialogs as chatsky 0.10
contexts, each in two forms with identical data:

  contexts.jsonl    chatsky-redis export format: {"key": K, "value": DOCUMENT}
  contexts.resp     the same SETs in the Redis protocol, for `redis-cli --pipe`
  contexts10.jsonl  chatsky 0.10 export lines: {"key": ID, "prefix": "chatsky_keys", "value": DOCUMENT FORM}
  contexts10.resp   the same contexts as the HSETs chatsky 0.10 stores them with, for `redis-cli --pipe`

The values are what Chatsky writes (compact, canonical field order), so validation does real work.
Usage: bench-data.py N OUTDIR
"""
import json
import sys


def message(text):
    return {"text": text, "attachments": None, "annotations": None, "misc": None, "original_message": None}


def message10(text):
    return {"text": text, "attachments": None, "annotations": None, "misc": None, "origin": None}


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def key(i):
    # Twelve digits, as redis-benchmark spells __rand_int__, so that `GET user-__rand_int__ -r N`
    # reads these very contexts.
    return f"user-{i:012d}"


TURNS = 12


def dialog(i, make_message):
    labels = {str(t): {"flow_name": "greeting_flow", "node_name": f"node{t % 5}"} for t in range(TURNS + 1)}
    requests = {str(t): make_message(f"request {t} of user {i}: how are you today?") for t in range(1, TURNS + 1)}
    responses = {
        str(t): make_message(f"response {t}: I am fine, thank you for asking, user {i}.") for t in range(1, TURNS + 1)
    }
    misc = {"visits": i % 17, "score": 0.5 + (i % 7) / 8}
    return labels, requests, responses, misc


FRAMEWORK_DATA = {"stats": {}, "slot_manager": {"slot_storage": {}}}


def context(i):
    labels, requests, responses, misc = dialog(i, message)
    doc = {"id": key(i), "labels": labels, "requests": requests, "responses": responses, "misc": misc,
           "framework_data": FRAMEWORK_DATA}
    return compact(doc)


def context10(i):
    """The 0.10 document form (the values as chatsky 0.10 stores them) and its HSETs."""
    labels, requests, responses, misc = dialog(i, message10)
    created = 1795596529017460418 + i * 1000
    main = {"current_turn_id": str(TURNS), "created_at": str(created), "updated_at": str(created + 500),
            "misc": compact(misc), "framework_data": compact(FRAMEWORK_DATA)}
    turns = {"labels": labels, "requests": requests, "responses": responses}
    doc = ('{"id":' + compact(key(i)) + "".join(f',"{f}":{main[f]}' for f in ("current_turn_id", "created_at", "updated_at", "misc", "framework_data"))
           + "".join(f',"{name}":' + compact(values) for name, values in turns.items()) + "}")
    hsets = [resp("HSET", f"chatsky_keys:main:{key(i)}", *[x for f in main for x in (f, main[f])])]
    for name, values in turns.items():
        fields = [x for n, v in values.items() for x in (n, compact(v))]
        hsets.append(resp("HSET", f"chatsky_keys:turns:{key(i)}:{name}", *fields))
    return doc, b"".join(hsets)


def resp(*parts):
    out = [f"*{len(parts)}\r\n".encode()]
    for p in parts:
        b = p.encode()
        out.append(b"$%d\r\n%s\r\n" % (len(b), b))
    return b"".join(out)


def main():
    n, outdir = int(sys.argv[1]), sys.argv[2]
    with open(f"{outdir}/contexts.jsonl", "w") as jl, open(f"{outdir}/contexts.resp", "wb") as rp:
        for i in range(n):
            k, value = key(i), context(i)
            jl.write('{"key":' + json.dumps(k) + ',"value":' + value + "}\n")
            rp.write(resp("SET", k, value))
    with open(f"{outdir}/contexts10.jsonl", "w") as jl, open(f"{outdir}/contexts10.resp", "wb") as rp:
        for i in range(n):
            doc, hsets = context10(i)
            jl.write('{"key":' + json.dumps(key(i)) + ',"prefix":"chatsky_keys","value":' + doc + "}\n")
            rp.write(hsets)


if __name__ == "__main__":
    main()
