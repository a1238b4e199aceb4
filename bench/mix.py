"""The distinct-question mix of bench/run (docs/benchmarks.md, "Distinct questions").

Officials rarely ask the same question twice, so the mix asks thousands of different ones, each
once, in random order, from many connections at once; kept answers help only where two people
happen to ask alike. Staff register at a steady rate beside them. The client is asyncio over
plain keep-alive HTTP/1.1, so that each answer's time is known with its class.
"""

import asyncio
import json
import random
import sqlite3
import time
import urllib.parse

PAGE = 20

CLASSES = [
    ("agreement", "an agreement with its parties"),
    ("organization_year", "an organization's agreements in a year"),
    ("locality_year", "a locality's agreements in a year"),
    ("directive", "agreements under a directive"),
    ("signers", "agreements two organizations both signed"),
    ("search", "two words without diacritics"),
    ("organization_search", "organizations by the start of their name"),
]


def questions(db, rng, per_class):
    """`per_class` distinct request paths of each class, drawn from the registry at `db`."""
    c = sqlite3.connect(db)
    col = lambda sql: [r[0] for r in c.execute(sql)]
    agreements = col("SELECT id FROM agreements")
    orgs = col("SELECT id FROM organizations")
    localities = col("SELECT id FROM localities")
    directives = col("SELECT id FROM directives")
    years = list(range(2018, 2027))
    out = {name: set() for name, _ in CLASSES}

    def fill(name, make):
        tries = 0
        while len(out[name]) < per_class and tries < per_class * 20:
            tries += 1
            path = make()
            if path:
                out[name].add(path)

    fill("agreement", lambda: f"/api/v1/agreements/{rng.choice(agreements)}")
    fill("organization_year",
         lambda: f"/api/v1/organizations/{rng.choice(orgs)}/agreements?active_in={rng.choice(years)}&limit={PAGE}")
    fill("locality_year",
         lambda: f"/api/v1/agreements?locality={rng.choice(localities)}&active_in={rng.choice(years)}&limit={PAGE}")
    fill("directive", lambda: f"/api/v1/directives/{rng.choice(directives)}/agreements?limit={PAGE}")

    def signers():
        pair = col(f"SELECT organization_id FROM parties WHERE agreement_id = {rng.choice(agreements)} ORDER BY random() LIMIT 2")
        return len(pair) == 2 and f"/api/v1/agreements?signed_by={pair[0]}&signed_by={pair[1]}&limit={PAGE}"
    fill("signers", signers)

    def words(table, ids, n):
        text = c.execute(f"SELECT search_text FROM {table} WHERE id = ?", (rng.choice(ids),)).fetchone()[0]
        ws = [w for w in text.replace("|", " ").split() if len(w) > 1]
        if len(ws) < n:
            return None
        start = rng.randrange(len(ws) - n + 1)
        return ws[start:start + n]

    def search():
        ws = words("agreements", agreements, 2)
        return ws and "/api/v1/agreements?" + urllib.parse.urlencode({"q": " ".join(ws), "limit": PAGE})
    fill("search", search)

    def organization_search():
        ws = words("organizations", orgs, 2)
        # As a form's box is typed into: the last word only begun.
        return ws and "/api/v1/organizations?" + urllib.parse.urlencode(
            {"q": f"{ws[0]} {ws[1][:rng.randint(2, max(2, len(ws[1])))]}", "limit": 10})
    fill("organization_search", organization_search)
    c.close()
    return {name: sorted(paths) for name, paths in out.items()}


async def _exchange(reader, writer, method, path, token, body=None):
    head = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"Authorization: Bearer {token}"]
    data = b""
    if body is not None:
        data = body.encode()
        head += ["Content-Type: application/json", f"Content-Length: {len(data)}"]
    writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + data)
    await writer.drain()
    status_line = await reader.readline()
    status = int(status_line.split()[1])
    length, chunked = 0, False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    size = 0
    if chunked:
        while True:
            n = int((await reader.readline()).strip() or b"0", 16)
            await reader.readexactly(n + 2)
            size += n
            if n == 0:
                break
    elif length:
        await reader.readexactly(length)
        size = length
    return status, size


async def _connection(port):
    return await asyncio.open_connection("127.0.0.1", port)


async def _reader(port, queue, token, times, failures, deadline):
    conn = await _connection(port)
    while True:
        try:
            name, path = queue.get_nowait()
        except asyncio.QueueEmpty:
            break
        if time.monotonic() > deadline:
            break
        started = time.perf_counter()
        try:
            status, _ = await asyncio.wait_for(_exchange(*conn, "GET", path, token), 60)
        except Exception as e:  # a dropped or timed-out connection is a failure, counted
            failures.append((name, path, repr(e)))
            conn[1].close()
            conn = await _connection(port)
            continue
        times[name].append((time.perf_counter() - started) * 1000)
        if status != 200:
            failures.append((name, path, status))
    conn[1].close()


async def _register(port, body, token, result):
    """One registration on a connection of its own, as one member of staff sends it."""
    started = time.perf_counter()
    try:
        conn = await _connection(port)
        status, _ = await asyncio.wait_for(_exchange(*conn, "POST", "/api/v1/signing-events", token, body), 60)
        conn[1].close()
    except Exception as e:
        result["failures"].append(repr(e))
        return
    result["times"].append((time.perf_counter() - started) * 1000)
    if status == 201:
        result["acknowledged"] += 1
    else:
        result["failures"].append(status)


async def _registrar(port, bodies, token, rate, stop, result):
    """Registrations sent at a steady `rate` a second, whether or not earlier ones are answered
    (people do not wait for each other)."""
    sent, n = [], 0
    next_at = time.monotonic()
    while not stop.is_set():
        body = bodies[n % len(bodies)].replace("#N#", f"mix-{time.time_ns()}-{n}")
        n += 1
        sent.append(asyncio.create_task(_register(port, body, token, result)))
        next_at += 1 / rate
        await asyncio.sleep(max(0, next_at - time.monotonic()))
    await asyncio.gather(*sent)
    result["sent"] = n


def percentile(values, share):
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(share * len(values)))]


def run(port, paths, token, conns, registrations=None, rate=10, seed=1, limit_s=300):
    """Asks every path once from `conns` connections, in random order; with `registrations`
    (JSON bodies), registers `rate` a second meanwhile. Answers the figures."""
    todo = [(name, p) for name, ps in paths.items() for p in ps]
    random.Random(seed).shuffle(todo)

    async def main():
        queue = asyncio.Queue()
        for item in todo:
            queue.put_nowait(item)
        times = {name: [] for name in paths}
        failures = []
        reg = {"times": [], "acknowledged": 0, "failures": []}
        stop = asyncio.Event()
        deadline = time.monotonic() + limit_s
        started = time.perf_counter()
        registrar = None
        if registrations:
            registrar = asyncio.create_task(_registrar(port, registrations, token, rate, stop, reg))
        await asyncio.gather(*[_reader(port, queue, token, times, failures, deadline) for _ in range(conns)])
        elapsed = time.perf_counter() - started
        stop.set()
        if registrar:
            await registrar
        return times, failures, reg, elapsed

    times, failures, reg, elapsed = asyncio.run(main())
    answered = sum(len(t) for t in times.values())
    figures = {
        "asked": len(todo),
        "answered": answered,
        "seconds": elapsed,
        "rps": answered / elapsed if elapsed else 0.0,
        "failures": len(failures),
        "failure_examples": [str(f) for f in failures[:5]],
        "classes": {name: {"count": len(t), "p50_ms": percentile(t, 0.5), "p99_ms": percentile(t, 0.99),
                           "max_ms": max(t, default=0.0)} for name, t in times.items()},
    }
    if registrations:
        figures["registration"] = {"sent": reg.get("sent", 0), "acknowledged": reg["acknowledged"],
                                   "failures": len(reg["failures"]),
                                   "p99_ms": percentile(reg["times"], 0.99),
                                   "failure_examples": [str(f) for f in reg["failures"][:5]]}
    return figures


def dumps(figures):
    return json.dumps(figures, indent=1)
