#!/usr/bin/env python3
"""Writes Resources/Demo/statistics.json: Hương Khê's year 2021 as the conference of 07/01/2022
reported it — 32 of 39 socio-economic targets met, district criteria 4/9, the town at 8/18
civilised-town criteria, 3 communes advanced, 10 new 3-star OCOP products, 3.365 household models
earning ≥ 100 triệu a year (97 new) — plus 2020 for the trend and the 2022 plan figures.
Real figures from the report where it gives them; the rest is labelled demo data.
"""
import json, os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMMUNES = ["18499", "18502", "18505", "18508", "18514", "18517", "18520", "18523", "18526", "18529",
            "18532", "18538", "18541", "18544", "18547", "18550", "18553", "18556", "18559"]

def split(total, n, offset=0):
    weights = [7 + (k * 5 + offset) % 9 for k in range(n)]
    parts = [total * w // sum(weights) for w in weights[:-1]]
    return parts + [total - sum(parts)]

# (code, name, unit, direction, plan, actual 2021): the report's own figures first.
REPORTED = [
    ("KT01", "Tốc độ tăng giá trị sản xuất", "%", "higher", 12.0, 12.1),
    ("KT02", "Thu nhập bình quân đầu người", "triệu đồng", "higher", 48.0, 49.22),
    ("XH01", "Tỷ lệ hộ nghèo", "%", "lower", 4.5, 3.96),
    ("XH02", "Tỷ lệ hộ cận nghèo", "%", "lower", 5.0, 4.93),
    ("NTM01", "Số xã đạt chuẩn NTM mới trong năm", "xã", "higher", 4, 4),
    ("NTM02", "Số xã đạt NTM nâng cao mới trong năm", "xã", "higher", 3, 3),
    ("OCOP01", "Sản phẩm OCOP 3 sao mới", "sản phẩm", "higher", 5, 10),
]
targets_2021 = [dict(zip(["code", "name", "unit", "direction", "plan", "actual"], t)) for t in REPORTED]
for k in range(len(REPORTED), 39):
    met = k < 32
    plan = 50.0 + k
    targets_2021.append({"code": f"DM{k:02d}", "name": f"Chỉ tiêu {k + 1} (dữ liệu minh họa)", "unit": "%", "direction": "higher" if k % 3 else "lower",
                         "plan": plan, "actual": (plan + 2 if met else plan - 2) if k % 3 else (plan - 2 if met else plan + 2)})
assert sum(1 for t in targets_2021 if (t["actual"] >= t["plan"]) == (t["direction"] == "higher") or t["actual"] == t["plan"]) == 32
targets_2020 = [{**t, "actual": t["actual"] - (1 if t["direction"] == "higher" else -1) * (3 if i % 5 == 0 else 0)} for i, t in enumerate(targets_2021[:36])]
targets_2022 = [
    {"code": "KT01", "name": "Tốc độ tăng giá trị sản xuất", "unit": "%", "direction": "higher", "plan": 13.0},
    {"code": "KT02", "name": "Thu nhập bình quân đầu người", "unit": "triệu đồng", "direction": "higher", "plan": 51.5},
    {"code": "TC01", "name": "Thu ngân sách trên địa bàn", "unit": "tỷ đồng", "direction": "higher", "plan": 72},
    {"code": "DT01", "name": "Tổng vốn đầu tư toàn xã hội", "unit": "tỷ đồng", "direction": "higher", "plan": 3200},
    {"code": "NTM03", "name": "Số tiêu chí huyện NTM đạt thêm", "unit": "tiêu chí", "direction": "higher", "plan": 2},
    {"code": "NTM01", "name": "Số xã đạt chuẩn NTM mới trong năm", "unit": "xã", "direction": "higher", "plan": 2},
    {"code": "NTM02", "name": "Số xã đạt NTM nâng cao mới trong năm", "unit": "xã", "direction": "higher", "plan": 2},
]
targets = [{"year": 2020, **t} for t in targets_2020] + [{"year": 2021, **t} for t in targets_2021] + [{"year": 2022, **t} for t in targets_2022]

GROUPS = ["Thực phẩm", "Đồ uống", "Thảo dược", "Thủ công mỹ nghệ"]
PRODUCTS = ["Cam Khe Mây", "Bưởi Phúc Trạch", "Mật ong Hương Khê", "Chè xanh Hương Long", "Nhung hươu Hương Sơn", "Gà đồi Lộc Yên",
            "Cao dược liệu Hà Linh", "Nước mắm Hương Thủy", "Rượu nếp Phú Gia", "Chổi đót Gia Phố", "Miến gạo Hương Đô", "Trà thảo mộc Hương Vĩnh",
            "Khoai deo Hương Xuân", "Bánh đa Phúc Đồng"]
ocop = []
for k, name in enumerate(PRODUCTS):
    year = 2021 if k < 11 else 2019 + k % 2
    stars = 4 if k == 10 else 3
    month = 3 + k % 9
    ocop.append({"unit": COMMUNES[(k * 3) % 19], "name": f"{name} (demo)", "group": GROUPS[k % 4], "producer": f"HTX {name.split()[-1]} (demo)",
                 "producerKind": "cooperative" if k % 3 else "household", "stars": stars, "ratingLevel": "province",
                 "certificate": f"{100 + k}/QĐ-UBND (demo)", "certifiedOn": f"{year}-{month:02d}-15", "expiresOn": f"{year + 3}-{month:02d}-14"})
assert sum(1 for p in ocop if p["stars"] == 3 and p["certifiedOn"].startswith("2021")) == 10

models = []
for year, total, new in ((2020, 3268, 112), (2021, 3365, 97)):
    for code, count, n in zip(COMMUNES, split(total, 19, year), split(new, 19, year + 1)):
        models.append({"unit": code, "year": year, "kind": "household-economy", "band": ">=100tr", "count": count, "newCount": n})
assert sum(m["count"] for m in models if m["year"] == 2021) == 3365

assessments = [
    {"unit": "444", "date": "2021-12-31", "set": "huyen-ntm-320", "source": "Hội nghị tổng kết năm 2021 (07/01/2022)",
     "values": [{"indicator": "DK4", "value": 86.0, "note": "Dữ liệu minh họa (demo)"}],
     "declarations": [{"criterion": n, "met": n in (1, 3, 4, 9)} for n in range(1, 10)]},
    {"unit": "18496", "date": "2021-12-31", "set": "ha-tinh-do-thi-van-minh-18", "source": "Hội nghị tổng kết năm 2021 (07/01/2022)",
     "declarations": [{"criterion": n, "met": n in (1, 3, 4, 8, 9, 12, 16, 18)} for n in range(1, 19)]},
]
advanced = [{"unit": c, "grade": "advanced", "decisionNumber": f"{4500 + k}/QĐ-UBND (demo)", "date": "2021-12-29", "source": "Dữ liệu minh họa (demo)"}
            for k, c in enumerate(["18520", "18529", "18532"])]

with open(os.path.join(ROOT, "Resources/Demo/statistics.json"), "w", encoding="utf-8") as f:
    json.dump({"targets": targets, "ocop": ocop, "householdModels": models, "assessments": assessments, "recognitions": advanced},
              f, ensure_ascii=False, indent=1); f.write("\n")
print(len(targets), "targets;", len(ocop), "OCOP products;", len(models), "model counts")
