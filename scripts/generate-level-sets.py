#!/usr/bin/env python3
"""Writes the criteria sets of the other rungs and levels into Resources/CriteriaSets:
advanced and model communes (2021–2025), the district set (QĐ 320, 9 criteria and its conditions),
Hà Tĩnh's civilised-town set (QĐ 18/2020, 18 criteria) and model residential area (village).
Names marked "to verify" in shared/domain/criteria.md ship with "verified": false.
"""
import json, os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Resources/CriteriaSets")
base = json.load(open(os.path.join(OUT, "xa-ntm-318.json"), encoding="utf-8"))
groups = base["groups"]

def write(name, obj):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=2); f.write("\n")

def crit(n, vi, en, group=None):
    c = {"number": n, "code": str(n), "name": {"vi": vi, "en": en}}
    if group: c["group"] = group
    return c

write("xa-nang-cao-318.json", {
    "code": "xa-nang-cao-318", "name": {"vi": "Bộ tiêu chí xã NTM nâng cao giai đoạn 2021–2025", "en": "Advanced commune NTM criteria 2021–2025"},
    "level": "commune", "grade": "advanced", "requires": "standard", "decision": "318/QĐ-TTg, Phụ lục II", "decisionDate": "2022-03-08",
    "effective": {"from": "2022-03-08", "to": "2026-02-14"}, "verified": False,
    "notes": "19 criteria; names as in the standard set pending verification against Phụ lục II; indicators to be entered by the province.",
    "groups": groups, "criteria": [crit(c["number"], c["name"]["vi"], c["name"]["en"], c.get("group")) for c in base["criteria"]]})

write("xa-kieu-mau-319.json", {
    "code": "xa-kieu-mau-319", "name": {"vi": "Xã NTM kiểu mẫu giai đoạn 2021–2025", "en": "Model commune NTM 2021–2025"},
    "level": "commune", "grade": "model", "requires": "advanced", "decision": "319/QĐ-TTg", "decisionDate": "2022-03-08",
    "effective": {"from": "2022-03-08", "to": "2026-02-14"}, "verified": True,
    "notes": "All four conditions; a recognised model commune records its field(s) of excellence in the note.",
    "criteria": [crit(1, "Đạt chuẩn xã NTM nâng cao theo bộ tiêu chí giai đoạn 2021–2025", "Recognised advanced NTM under the 2021–2025 set"),
                 crit(2, "Thu nhập bình quân đầu người cao hơn ít nhất 10% so với mức quy định của xã NTM nâng cao", "Income at least 110 % of the advanced level"),
                 crit(3, "Có ít nhất một mô hình thôn thông minh", "At least one smart village"),
                 crit(4, "Đạt một trong các lĩnh vực nổi trội (sản xuất, giáo dục, văn hóa, du lịch, cảnh quan, an ninh, chuyển đổi số…)", "Excellence in at least one field")]})

district_groups = [g for g in groups if g["code"] in ("planning", "transport", "irrigation", "electricity", "health-culture-education", "economy", "environment", "living-environment", "political-security")]
write("huyen-ntm-320.json", {
    "code": "huyen-ntm-320", "name": {"vi": "Bộ tiêu chí quốc gia về huyện NTM giai đoạn 2021–2025", "en": "National district NTM criteria 2021–2025"},
    "level": "district", "grade": "standard", "decision": "320/QĐ-TTg", "decisionDate": "2022-03-08",
    "effective": {"from": "2021-01-01", "to": "2025-06-30"}, "verified": False,
    "notes": "Period 2021–2025 (issued 08/03/2022, used for the 2021 reviews). Criterion names to verify. Districts were abolished on 1 July 2025. "
             "The conditions on communes and towns are computed from the units below, not typed in.",
    "groups": district_groups,
    "criteria": [crit(1, "Quy hoạch", "Planning", "planning"), crit(2, "Giao thông", "Transport", "transport"),
                 crit(3, "Thủy lợi và phòng, chống thiên tai", "Irrigation and disaster prevention", "irrigation"), crit(4, "Điện", "Electricity", "electricity"),
                 crit(5, "Y tế – Văn hóa – Giáo dục", "Health, culture, education", "health-culture-education"), crit(6, "Kinh tế", "Economy", "economy"),
                 crit(7, "Môi trường", "Environment", "environment"), crit(8, "Chất lượng môi trường sống", "Living environment quality", "living-environment"),
                 crit(9, "Hệ thống chính trị – An ninh trật tự – Hành chính công", "Political system, security, public administration", "political-security")],
    "conditions": [
        {"code": "DK1", "name": {"vi": "100% số xã đạt chuẩn NTM", "en": "100 % of communes recognised NTM"}, "unit": "%", "kind": "percentAtLeast",
         "thresholds": [{"value": 100}], "derived": "share-recognised:commune:standard", "verified": True},
        {"code": "DK2", "name": {"vi": "Ít nhất 10% số xã đạt chuẩn NTM nâng cao", "en": "At least 10 % of communes recognised advanced"}, "unit": "%", "kind": "percentAtLeast",
         "thresholds": [{"value": 10}], "derived": "share-recognised:commune:advanced", "verified": True},
        {"code": "DK3", "name": {"vi": "100% thị trấn đạt chuẩn đô thị văn minh", "en": "100 % of towns civilised"}, "unit": "%", "kind": "percentAtLeast",
         "thresholds": [{"value": 100}], "derived": "share-recognised:town:standard", "verified": True},
        {"code": "DK4", "name": {"vi": "Tỷ lệ người dân hài lòng với kết quả xây dựng NTM", "en": "Residents satisfied with the results"}, "unit": "%", "kind": "percentAtLeast",
         "thresholds": [{"value": 90}], "verified": True},
    ]})

TOWN = ["Quy hoạch, kiến trúc và quản lý quy hoạch", "Giao thông và hạ tầng kỹ thuật", "Điện", "Thông tin và truyền thông", "Môi trường",
        "Nước sạch, vệ sinh an toàn thực phẩm", "Nhà ở", "Cơ sở vật chất văn hóa", "Văn hóa", "Thực hiện nếp sống văn minh đô thị",
        "Công nghiệp, thương mại và dịch vụ", "Trường học, giáo dục và đào tạo", "Thu nhập", "Tỷ lệ hộ nghèo", "Lao động có việc làm", "Y tế",
        "Hệ thống chính trị và tiếp cận pháp luật", "Quốc phòng và an ninh"]
write("ha-tinh-do-thi-van-minh-18.json", {
    "code": "ha-tinh-do-thi-van-minh-18", "name": {"vi": "Bộ tiêu chí thị trấn đạt chuẩn đô thị văn minh (Hà Tĩnh)", "en": "Hà Tĩnh civilised-town criteria"},
    "level": "town", "grade": "standard", "province": "42", "decision": "18/2020/QĐ-UBND", "decisionDate": "2020-08-07",
    "effective": {"from": "2020-08-07", "to": "2022-04-14"}, "verified": True,
    "notes": "18 criteria, in force in Hà Tĩnh until QĐ 04/2022/QĐ-TTg (9 criteria) applied from 15/04/2022; that set is not loaded yet.",
    "criteria": [crit(n + 1, vi, vi) for n, vi in enumerate(TOWN)]})

VILLAGE = ["Quy hoạch", "Nhà ở và vườn hộ", "Đường giao thông", "Nhà văn hóa và khu thể thao thôn", "Thông tin", "Sản xuất và giảm nghèo",
           "Văn hóa – giáo dục – y tế", "Môi trường", "An ninh trật tự và bình đẳng giới"]
write("ha-tinh-khu-dan-cu-kieu-mau.json", {
    "code": "ha-tinh-khu-dan-cu-kieu-mau", "name": {"vi": "Khu dân cư NTM kiểu mẫu (Hà Tĩnh)", "en": "Model residential area (Hà Tĩnh)"},
    "level": "village", "grade": "model", "province": "42", "effective": {"from": "2017-01-01"}, "verified": False,
    "notes": "Template of 9 criteria from another province's village set: Hà Tĩnh's own text was not found. Appraised by the provincial NTM office with the Fatherland Front.",
    "criteria": [crit(n + 1, vi, vi) for n, vi in enumerate(VILLAGE)]})
print("ok")
