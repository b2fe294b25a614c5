#!/usr/bin/env python3
"""Writes Resources/Demo/assessments.json: the demo data set's assessments.

Facts marked [must] in shared/domain/scenario.md are reproduced exactly; everything else is
plausible demo data, labelled as such in each record's `source`. The engine computes every
count from these records; nothing here states a total.
"""
import json, os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SET_1980 = "ha-tinh-xa-ntm-1980"
SET_318 = "ha-tinh-xa-ntm-318"
DEMO = "Dữ liệu minh họa (demo)"
with open(os.path.join(ROOT, "Resources/CriteriaSets/xa-ntm-318.json"), encoding="utf-8") as f:
    SET318 = json.load(f)

def declarations(unmet, skip=()):
    return [{"criterion": n, "met": n not in unmet} for n in range(1, 21) if n not in skip]

def record(unit, date, set_code, unmet, source, values=None, note=None):
    # A criterion whose every indicator is measured is decided by the engine, not declared.
    given = {v["indicator"] for v in (values or [])}
    skip = {c["number"] for c in SET318["criteria"]
            if c.get("indicators") and all(i["code"] in given for i in c["indicators"])}
    r = {"unit": unit, "date": date, "set": set_code, "source": source,
         "declarations": declarations(unmet, skip)}
    if values: r["values"] = values
    if note: r["note"] = note
    return r

def first(k, order):
    return set(order[:k])

records = []

# Kỳ Anh, 08/09/2020 [must]: Lâm Hợp 16/20, Kỳ Lạc 10/20 with exactly these unmet criteria.
REPORT_2020 = "Báo Hà Tĩnh, 08/09/2020 (Thường trực Huyện ủy Kỳ Anh)"
records.append(record("18838", "2020-09-08", SET_1980, {1, 2, 17, 20}, REPORT_2020,
                      values=[{"indicator": "10.1", "value": 38.4, "note": DEMO + ": thu nhập ước tính"}]))
records.append(record("18850", "2020-09-08", SET_1980, {1, 2, 6, 8, 10, 13, 15, 17, 18, 20}, REPORT_2020,
                      values=[{"indicator": "10.1", "value": 31.6, "note": DEMO + ": thu nhập ước tính, dưới ngưỡng 36 triệu"}]))
KY_ANH_OTHERS = ["18757", "18760", "18763", "18766", "18769", "18772", "18778", "18784", "18787", "18790",
                 "18793", "18799", "18802", "18805", "18811", "18814", "18844"]
for code in KY_ANH_OTHERS:
    records.append(record(code, "2020-09-08", SET_1980, set(), DEMO))

# Hương Khê: three periods. 2020 and 2021 under the 2016–2020 set (in force until 07/03/2022),
# 26/04/2022 under QĐ 318 + Hà Tĩnh's criterion 20.
STANDARD_EARLY = ["18520", "18529", "18532", "18538", "18541", "18544", "18547"]   # at standard before 2021
STANDARD_2021 = ["18517", "18526", "18550", "18553"]                                # the 4 that reached it in 2021
AWAITING = {"18523": (17, 19), "18505": (16, 18), "18514": (17, 19), "18508": (16, 18)}  # Hương Bình, Hương Thủy, Phúc Đồng, Hòa Hải
LAGGING = {"18556": (8, 9, 10), "18559": (9, 10, 11), "18499": (10, 11, 12), "18502": (9, 10, 11)}  # Hương Lâm, Hương Liên, Điền Mỹ, Hà Linh
LAG_ORDER = [2, 17, 20, 13, 10, 15, 6, 5, 14, 16, 3, 9, 12, 8, 7]
AWAIT_ORDER = [20, 17, 2, 13, 15]

for date, i in (("2020-12-31", 0), ("2021-12-31", 1)):
    for code in STANDARD_EARLY:
        records.append(record(code, date, SET_1980, set(), DEMO))
    for n, code in enumerate(STANDARD_2021):
        records.append(record(code, date, SET_1980, set() if i else first(1 + n % 2, AWAIT_ORDER), DEMO))
    for code, met in AWAITING.items():
        records.append(record(code, date, SET_1980, first(20 - met[i], AWAIT_ORDER), DEMO))
    for code, met in LAGGING.items():
        records.append(record(code, date, SET_1980, first(20 - met[i], LAG_ORDER), DEMO))

def passing_values():
    """Hương Bình measured on every indicator, each value meeting its general threshold."""
    values = []
    for c in SET318["criteria"]:
        for ind in c.get("indicators", []):
            t = next((x["value"] for x in ind.get("thresholds", []) if "region" not in x and "year" not in x), None)
            if ind["kind"] == "yesNo":
                v = True
            elif ind["kind"] in ("percentAtLeast", "atLeast"):
                v = min(100.0, t + 4.5) if ind["kind"] == "percentAtLeast" else t + 4.5
            else:
                v = max(0.0, t - 2.5)
            values.append({"indicator": ind["code"], "value": v})
    return values

REPORT_2022 = "Báo Hà Tĩnh, 26/04/2022 (hội nghị đỡ đầu, Ban Chỉ đạo tỉnh)"
for code in STANDARD_EARLY + STANDARD_2021:
    records.append(record(code, "2022-04-26", SET_318, set(), DEMO))
for code in AWAITING:
    values = passing_values() if code == "18523" else None
    records.append(record(code, "2022-04-26", SET_318, set(), REPORT_2022, values=values,
                          note="Đạt 20/20 tiêu chí, chờ thẩm định"))
HA_LINH_VALUES = [
    {"indicator": "2.1", "value": 100, "note": DEMO},
    {"indicator": "2.2", "value": 62.5, "note": DEMO + ": còn 4,1 km đường thôn chưa cứng hóa"},
    {"indicator": "2.3", "value": 85, "note": DEMO},
    {"indicator": "2.4", "value": 55, "note": DEMO},
    {"indicator": "10.1", "value": 38.6, "note": DEMO},
]
for code, met in LAGGING.items():
    records.append(record(code, "2022-04-26", SET_318, first(20 - met[2], LAG_ORDER), REPORT_2022,
                          values=HA_LINH_VALUES if code == "18502" else None))

with open(os.path.join(ROOT, "Resources/Demo/assessments.json"), "w", encoding="utf-8") as f:
    json.dump(records, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(len(records), "assessments")
