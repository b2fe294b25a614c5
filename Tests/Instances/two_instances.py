"""Two `ntm serve` on one PostgreSQL, started at the same moment (scripts/test-instances).

Both must come up (migrations and shipped sets are loaded under a database lock), a session
signed in on one must work on the other, and writes spread over both must all land."""
import http.cookiejar
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

A, B = os.environ["NTM_URL_A"], os.environ["NTM_URL_B"]
USER, PASSWORD, TOKEN = os.environ["NTM_USER"], os.environ["NTM_PASSWORD"], os.environ["NTM_TOKEN"]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def request(url, data=None, headers=None, opener=None, method=None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with (opener or urllib.request.build_opener()).open(req) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


# Both instances ready, with every migration applied once.
for url in (A, B):
    status, body = request(url + "/ready")
    check(status == 200, f"{url}/ready answered {status}: {body}")

# Sign in on A; the same session cookie is signed in on B (sessions live in the database).
jar = http.cookiejar.CookieJar()
browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
_, login = request(A + "/login", opener=browser)
token = re.search(r'name="_csrf" value="([^"]+)"', login).group(1)
form = urllib.parse.urlencode({"_csrf": token, "username": USER, "password": PASSWORD, "next": "/"}).encode()
status, _ = request(A + "/login", data=form, opener=browser)
check(status == 200, f"sign-in on A answered {status}")
cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
_, page_b = request(B + "/", headers={"Cookie": cookie})
check(USER in page_b, "the session signed in on A is not signed in on B")

# Twenty assessments of one commune on twenty days, alternating between the instances, two at a time.
import concurrent.futures

def record(k):
    url = (A, B)[k % 2]
    body = json.dumps({"set": "ha-tinh-xa-ntm-318", "date": f"2022-04-{k + 1:02d}",
                       "declarations": [{"criterion": 1, "met": k % 3 == 0}]}).encode()
    return request(url + "/api/v1/units/18523/assessments", data=body,
                   headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})

with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
    results = list(pool.map(record, range(20)))
check(all(status == 201 for status, _ in results), f"writes: {[status for status, _ in results]}")
for url in (A, B):
    status, body = request(url + "/api/v1/units/18523/assessments?date=2022-12-31")
    dates = {entry["date"] for entry in json.loads(body)} if status == 200 else set()
    check(len([d for d in dates if d.startswith("2022-04-")]) == 20, f"{url} lists {len(dates)} assessments of April 2022")

if failures:
    print("two instances: FAILED\n  " + "\n  ".join(failures))
    sys.exit(1)
print("two instances: OK (both ready, one session across both, 20 writes over both)")
