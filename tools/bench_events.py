#!/usr/bin/env python3
"""Delivery latency of live updates (tools/bench memos): opens N event streams
(GET /api/v1/events) for one signed-in account, posts memos one after another, and measures for
every stream the time from sending each POST to the memo.created event arriving.

usage: bench_events.py URL COOKIE CSRF PATIENT_ID [STREAMS] [POSTS]
Prints one line: "streams posts samples p50_ms p99_ms max_ms post_p50_ms missing".
"""
import asyncio
import json
import re
import sys
import time
import urllib.parse

CREATED = re.compile(rb'"memo_id": ?(\d+)[^\n]*"type": ?"memo\.created"|"type": ?"memo\.created"[^\n]*"memo_id": ?(\d+)')


async def stream(host, port, cookie, opened, arrivals, stop):
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(("GET /api/v1/events HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n"
                  f"Cookie: mimamori_session={cookie}\r\n\r\n").encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    if b" 200 " not in head.split(b"\r\n", 1)[0]:
        raise RuntimeError("event stream refused: " + head.decode(errors="replace"))
    opened.append(1)
    seen = {}
    arrivals.append(seen)
    pending = b""
    while not stop.is_set():
        data = await reader.read(65536)
        if not data:
            break
        now = time.perf_counter()
        pending += data
        lines = pending.split(b"\n")
        pending = lines.pop()
        for line in lines:
            if line.startswith(b"data:"):
                m = CREATED.search(line)
                if m:
                    seen.setdefault(int(m.group(1) or m.group(2)), now)
    writer.close()


async def post(host, port, cookie, csrf, patient, n):
    reader, writer = await asyncio.open_connection(host, port)
    body = json.dumps({"kind": "visit_record", "text": f"配信の計測 {n} 回目: 体位変換を継続"}).encode()
    sent = time.perf_counter()
    writer.write((f"POST /api/v1/patients/{patient}/memos HTTP/1.1\r\nHost: bench\r\n"
                  f"Cookie: mimamori_session={cookie}\r\nX-CSRF-Token: {csrf}\r\n"
                  f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
                 + body)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))
    answer = await reader.readexactly(length)
    answered = time.perf_counter()
    writer.close()
    if b" 201 " not in head.split(b"\r\n", 1)[0]:
        raise RuntimeError("post refused: " + head.decode(errors="replace") + answer.decode(errors="replace"))
    return json.loads(answer)["memo"]["id"], sent, answered


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


async def main():
    url, cookie, csrf, patient = sys.argv[1:5]
    streams = int(sys.argv[5]) if len(sys.argv) > 5 else 1000
    posts = int(sys.argv[6]) if len(sys.argv) > 6 else 20
    parsed = urllib.parse.urlparse(url)
    host, port = parsed.hostname, parsed.port
    opened, arrivals, stop = [], [], asyncio.Event()
    tasks = []
    for i in range(streams):
        tasks.append(asyncio.create_task(stream(host, port, cookie, opened, arrivals, stop)))
        if i % 50 == 49:
            await asyncio.sleep(0.05)  # do not flood the accept queue
    for _ in range(600):
        if len(opened) == streams or any(t.done() for t in tasks):
            break
        await asyncio.sleep(0.05)
    for t in tasks:
        if t.done() and t.exception():
            raise t.exception()
    if len(opened) != streams:
        raise RuntimeError(f"only {len(opened)} of {streams} streams opened")
    await asyncio.sleep(0.5)
    sent = []
    for n in range(posts):
        sent.append(await post(host, port, cookie, csrf, patient, n))
        await asyncio.sleep(0.2)
    deadline = time.perf_counter() + 10
    while time.perf_counter() < deadline:
        if all(len(seen) >= posts for seen in arrivals):
            break
        await asyncio.sleep(0.05)
    stop.set()
    samples, missing = [], 0
    for memo_id, at, _ in sent:
        for seen in arrivals:
            if memo_id in seen:
                samples.append((seen[memo_id] - at) * 1000)
            else:
                missing += 1
    post_ms = [(answered - at) * 1000 for _, at, answered in sent]
    for t in tasks:
        t.cancel()
    print(f"{streams} {posts} {len(samples)} {percentile(samples, 50):.1f} {percentile(samples, 99):.1f} "
          f"{max(samples):.1f} {percentile(post_ms, 50):.1f} {missing}")


if __name__ == "__main__":
    asyncio.run(main())
