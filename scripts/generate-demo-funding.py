#!/usr/bin/env python3
"""Writes Resources/Demo/funding.json and Resources/Demo/sponsors.json.

Funding: needs of Hương Khê's 8 communes on 26/04/2022, split into plausible work items whose
sums reproduce the scenario's table exactly (1.346,7 / 329,3 / 1.017,4 tỷ and each group).
Sponsors: 62 organisations assigned on 26/04/2022 to the 8 communes and the 50 villages not yet
model residential areas, agreements due 10/05/2022 (some signed late, some not at all), and
activities after the conference. All labelled demo.
"""
import json, os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
T = 100_000_000  # a tenth of a tỷ, in đồng
DEMO = "Dữ liệu minh họa (demo)"
COMMUNES = ["18523", "18505", "18514", "18508", "18556", "18559", "18499", "18502"]

def split(total, weights):
    """Splits `total` tenths of a tỷ by weights; the last part takes the remainder, so the sum is exact."""
    parts = [total * w // sum(weights) for w in weights[:-1]]
    return parts + [total - sum(parts)]

# group: (criteria and work items, need in tenths of tỷ, identified in tenths)
GROUPS = {
    "transport": ([(2, "Đường huyện, đường trục xã")], 11421, 3281),
    "health-culture-education": ([(5, "Phòng học, thiết bị dạy học"), (6, "Nhà văn hóa, khu thể thao thôn"), (15, "Trạm y tế xã")], 736, 12),
    "economy": ([(13, "Hợp tác xã, liên kết sản xuất"), (10, "Mô hình kinh tế hộ")], 1010, 0),
    "environment": ([(17, "Thu gom, xử lý rác thải; nước thải")], 150, 0),
    "living-environment": ([(20, "Khu dân cư kiểu mẫu, vườn mẫu")], 150, 0),
}
WEIGHTS = [9, 8, 7, 6, 14, 12, 11, 13]
SOURCES = ["provincial", "district", "central", "commune", "people"]
needs = []
for group, (items, need, identified) in GROUPS.items():
    for (criterion, item), item_need in zip(items, split(need, [3, 2, 1][:len(items)] if len(items) > 1 else [1])):
        item_identified = identified if criterion in (2, 15) else 0
        per_commune_need = split(item_need, WEIGHTS)
        per_commune_identified = split(item_identified, [min(w, 9) for w in WEIGHTS]) if item_identified else [0] * 8
        for code, n, i in zip(COMMUNES, per_commune_need, per_commune_identified):
            assert i <= n
            identified_list = []
            if i:
                for source, amount in zip(SOURCES, split(i, [5, 3, 2, 1, 1])):
                    if amount: identified_list.append({"source": source, "amount": amount * T})
            needs.append({"unit": code, "criterion": criterion, "workItem": item, "date": "2022-04-26",
                          "need": n * T, "identified": identified_list, "note": DEMO})

total_need = sum(n["need"] for n in needs)
total_identified = sum(a["amount"] for n in needs for a in n["identified"])
assert total_need == 1_346_700_000_000 and total_identified == 329_300_000_000, (total_need, total_identified)

# Villages: 50 not yet model residential areas (and 2 model ones per commune).
PARTS = ["Trung", "Thượng", "Hạ", "Đông", "Tây", "Nam", "Bắc", "Tân", "Phú", "Hòa", "Thanh", "An", "Bình", "Hà", "Sơn"]
villages, k = [], 0
for n, code in enumerate(COMMUNES):
    count = 7 if n < 2 else 6  # 2 × 7 + 6 × 6 = 50
    for j in range(count + 2):
        name = f"Thôn {PARTS[(n * 3 + j) % len(PARTS)]} {PARTS[(n + j * 2 + 5) % len(PARTS)]}"
        villages.append({"commune": code, "name": name, "model": j >= count})
        k += 1

ORGS = [
    ("Sở Giao thông vận tải", "department"), ("Sở Xây dựng", "department"), ("Sở Tài chính", "department"), ("Sở Kế hoạch và Đầu tư", "department"),
    ("Sở Nông nghiệp và Phát triển nông thôn", "department"), ("Sở Y tế", "department"), ("Sở Giáo dục và Đào tạo", "department"),
    ("Sở Văn hóa, Thể thao và Du lịch", "department"), ("Sở Công Thương", "department"), ("Sở Thông tin và Truyền thông", "department"),
    ("Sở Tài nguyên và Môi trường", "department"), ("Sở Tư pháp", "department"), ("Sở Nội vụ", "department"), ("Sở Lao động - Thương binh và Xã hội", "department"),
    ("Sở Khoa học và Công nghệ", "department"), ("Văn phòng UBND tỉnh", "agency"), ("Văn phòng Tỉnh ủy", "agency"), ("Ban Tuyên giáo Tỉnh ủy", "agency"),
    ("Ban Tổ chức Tỉnh ủy", "agency"), ("Ủy ban Kiểm tra Tỉnh ủy", "agency"), ("Ban Dân vận Tỉnh ủy", "agency"), ("Báo Hà Tĩnh", "agency"),
    ("Đài Phát thanh - Truyền hình Hà Tĩnh", "agency"), ("Ban Quản lý Khu kinh tế tỉnh", "agency"), ("Thanh tra tỉnh", "agency"), ("Cục Thuế tỉnh", "agency"),
    ("Kho bạc Nhà nước tỉnh", "agency"), ("Bảo hiểm xã hội tỉnh", "agency"), ("Trường Đại học Hà Tĩnh", "agency"), ("Bệnh viện Đa khoa tỉnh", "agency"),
    ("Agribank chi nhánh Hà Tĩnh (demo)", "bank"), ("Vietcombank Hà Tĩnh (demo)", "bank"), ("BIDV Hà Tĩnh (demo)", "bank"), ("VietinBank Hà Tĩnh (demo)", "bank"),
    ("Ngân hàng Chính sách xã hội tỉnh (demo)", "bank"), ("Bộ Chỉ huy Quân sự tỉnh", "army"), ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "army"),
    ("Công an tỉnh", "police"), ("Ủy ban MTTQ tỉnh", "mass-organisation"), ("Hội Nông dân tỉnh", "mass-organisation"), ("Tỉnh đoàn", "mass-organisation"),
    ("Hội Liên hiệp Phụ nữ tỉnh", "mass-organisation"), ("Liên đoàn Lao động tỉnh", "mass-organisation"), ("Hội Cựu chiến binh tỉnh", "mass-organisation"),
    ("Liên minh Hợp tác xã tỉnh", "mass-organisation"), ("Hội Chữ thập đỏ tỉnh", "mass-organisation"),
] + [(f"Công ty CP {n} (demo)", "company") for n in ["Xây dựng Hồng Lam", "Thương mại Ngàn Phố", "Vật liệu Kẻ Gỗ", "Nông sản Hương Sơn", "Cơ khí Sông Tiêm",
     "Vận tải Ngàn Sâu", "Dược Hà Tĩnh", "Điện lực Miền Trung", "Cấp nước Hà Tĩnh", "Môi trường Đô thị", "Xây lắp Thiên Cầm", "Thép Vũng Áng",
     "Gỗ Hương Khê", "Chè Tây Sơn", "Cam Khe Mây", "Bưu chính Hà Tĩnh"]]
assert len(ORGS) == 62
organisations = [{"name": n, "kind": k, "contact": DEMO} for n, k in ORGS]

# 12 assignments to the communes, 50 to the villages not yet model areas.
targets = [("commune", c, [2]) for c in COMMUNES] + [("commune", c, [17]) for c in COMMUNES[4:]]
targets += [("village", i, [20]) for i, v in enumerate(villages) if not v["model"]]
assert len(targets) == 62
assignments, activities = [], []
for n, ((kind, target, criteria), org) in enumerate(zip(targets, ORGS)):
    signed = None
    if n % 7 == 3: signed = None                       # never signed: overdue
    elif n % 7 == 5: signed = f"2022-05-{12 + n % 9:02d}"  # signed late: overdue
    else: signed = f"2022-05-{3 + n % 8:02d}"            # on time
    pledge = (5 + n % 11) * 100_000_000 if org[1] in ("bank", "company") else (n % 4) * 50_000_000
    a = {"organisation": org[0], "target": kind, "ref": target, "criteria": criteria,
         "decisionNumber": "1234/QĐ-BCĐ (demo)", "decisionDate": "2022-04-26", "agreementDue": "2022-05-10",
         "agreementSigned": signed, "pledgedMoney": pledge,
         "pledgedInKind": "Xi măng, công lao động (demo)" if org[1] in ("army", "police", "mass-organisation") else None}
    assignments.append(a)
    if signed and pledge and n % 3 == 0:
        activities.append({"assignment": n, "date": "2022-06-15", "description": "Hỗ trợ kinh phí theo thỏa thuận (demo)",
                           "criterion": criteria[0], "amount": pledge // 2})
    if signed and n % 5 == 1:
        activities.append({"assignment": n, "date": "2022-07-20", "description": "Ra quân làm đường, trồng cây xanh (demo)",
                           "criterion": criteria[0], "amount": 0})
evaluations = [{"assignment": n, "period": "2022-06", "rating": ["completed", "in-progress", "behind"][n % 3], "note": DEMO} for n in range(0, 62, 4)]

with open(os.path.join(ROOT, "Resources/Demo/funding.json"), "w", encoding="utf-8") as f:
    json.dump(needs, f, ensure_ascii=False, indent=1); f.write("\n")
with open(os.path.join(ROOT, "Resources/Demo/sponsors.json"), "w", encoding="utf-8") as f:
    json.dump({"villages": villages, "organisations": organisations, "assignments": assignments,
               "activities": activities, "evaluations": evaluations}, f, ensure_ascii=False, indent=1); f.write("\n")
print(len(needs), "needs;", len(villages), "villages;", len(assignments), "assignments;", len(activities), "activities")
