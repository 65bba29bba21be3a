#!/usr/bin/env python3
"""Generate N Chatsky 0.9 contexts of about 4 KB for scripts/bench, in two forms with identical data:

  contexts.jsonl  chatsky-redis export format: {"key": K, "value": DOCUMENT}
  contexts.resp   the same SETs in the Redis protocol, for `redis-cli --pipe`

The documents are what Chatsky 0.9 writes (compact, canonical field order), so validation does real work.
Usage: bench-data.py N OUTDIR
"""
import json
import sys


def message(text):
    return {"text": text, "attachments": None, "annotations": None, "misc": None, "original_message": None}


def key(i):
    # Twelve digits, as redis-benchmark spells __rand_int__, so that `GET user-__rand_int__ -r N`
    # reads these very contexts.
    return f"user-{i:012d}"


def context(i):
    turns = 12
    doc = {
        "id": key(i),
        "labels": {str(t): {"flow_name": "greeting_flow", "node_name": f"node{t % 5}"} for t in range(turns + 1)},
        "requests": {str(t): message(f"request {t} of user {i}: how are you today?") for t in range(1, turns + 1)},
        "responses": {str(t): message(f"response {t}: I am fine, thank you for asking, user {i}.") for t in range(1, turns + 1)},
        "misc": {"visits": i % 17, "score": 0.5 + (i % 7) / 8},
        "framework_data": {"stats": {}, "slot_manager": {"slot_storage": {}}},
    }
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=False)


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


if __name__ == "__main__":
    main()
